// Rows as a clerk types them into a problems / visits ledger sheet made by createLedgerSheet
// (columns in the ledger's order from A, system columns after).
import { columnLetters, problems, SYSTEM_COLUMNS, visits, type LedgerDef } from '@taizhang/ledger';

export type Cell = string | number | boolean | null;

export function rowArray(ledger: LedgerDef, values: Record<string, Cell | undefined>): Cell[] {
  return ledger.fields.map((f) => values[f.key] ?? '');
}

export function problemValues(o: Record<string, Cell | undefined> = {}): Record<string, Cell | undefined> {
  return {
    county: '榆次区',
    targetType: '入企',
    targetName: '山西强伟纸业有限公司',
    group: '榆次区入企服务第1组',
    sector: '工业和信息软件服务业',
    category: '政策落实',
    description: '企业具备申报专精特新条件，需要申报指导',
    foundOn: '2022-03-24',
    level: '协调解决',
    department: '市工信局',
    deadline: '2022-04-30',
    status: '办理中',
    ...o,
  };
}

export function problemRow(o: Record<string, Cell | undefined> = {}): Cell[] {
  return rowArray(problems, problemValues(o));
}

export function visitRow(o: Record<string, Cell | undefined> = {}): Cell[] {
  return rowArray(visits, {
    visitedOn: '2022-03-24',
    county: '榆次区',
    targetType: '入企',
    targetName: '山西强伟纸业有限公司',
    group: '榆次区入企服务第1组',
    staff: 3,
    policies: 2,
    served: 10,
    problemsFound: 1,
    ...o,
  });
}

/** Column letter of a field or system column on a created sheet. */
export function colOf(ledger: LedgerDef, key: string): string {
  const sys = SYSTEM_COLUMNS.map((c) => c.key as string);
  const i = key.startsWith('_') ? ledger.fields.length + sys.indexOf(key) : ledger.fields.findIndex((f) => f.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return columnLetters(i);
}

/** A1 range of whole data rows from..to (1-based worksheet rows) over the ledger's fields. */
export function rowsRange(ledger: LedgerDef, from: number, to: number): string {
  return `A${from}:${colOf(ledger, ledger.fields[ledger.fields.length - 1]!.key)}${to}`;
}
