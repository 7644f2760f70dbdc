// The hidden sheet that holds every dropdown's options, one column per enum field of every
// ledger, then the registry's department names for 责任单位, then the names of the account's
// county's enterprises and villages for 服务对象: list validation points at it (no
// 255-character limit on inline lists).

import { LEDGER_NAMES, LEDGERS, type FieldDef, type LedgerDef } from '@taizhang/ledger';
import { writeBlock } from '../excel/cells';
import { addSheet, listSource } from '../excel/layout';
import type { Session } from '../excel/session';
import type { CellValue } from '../excel/size';
import { LISTS_SHEET } from './state';

interface ListColumn {
  readonly ledger: string;
  readonly field: string;
  readonly options: readonly string[];
}

const COLUMNS: ListColumn[] = LEDGER_NAMES.flatMap((name) =>
  LEDGERS[name].fields.flatMap((f) => (f.type.kind === 'enum' ? [{ ledger: name, field: f.key, options: f.type.options }] : [])),
);

/** The column after the enums: the active departments' canonical names. */
const DEPARTMENT_COLUMN = COLUMNS.length;
/** Then the registry's enterprises and villages of the account's county (服务对象). */
const TARGET_COLUMN = DEPARTMENT_COLUMN + 1;

/** A 服务对象 dropdown offers the registry's names but takes any other: a new enterprise is no mistake. */
export function acceptsOtherValues(f: FieldDef): boolean {
  return f.key === 'targetName';
}

/**
 * The range address (absolute, on the lists sheet) holding this field's options; for the
 * problems' 责任单位, the registry's names when there are any (`departments`: how many).
 */
export function optionsSource(ledger: LedgerDef, f: FieldDef, departments = 0, targets = 0): string | undefined {
  if (f.key === 'targetName') return targets > 0 ? listSource(LISTS_SHEET, TARGET_COLUMN, targets) : undefined;
  if (ledger.name === 'problems' && f.key === 'department') {
    return departments > 0 ? listSource(LISTS_SHEET, DEPARTMENT_COLUMN, departments) : undefined;
  }
  const col = COLUMNS.findIndex((c) => c.ledger === ledger.name && c.field === f.key);
  if (col < 0) return undefined;
  return listSource(LISTS_SHEET, col, COLUMNS[col]!.options.length);
}

/** Queue (re)writing the lists sheet, with the departments' and the targets' names; created very hidden when missing. */
export function writeLists(s: Session, exists: boolean, departments: readonly string[] = [], targets: readonly string[] = []): void {
  if (!exists) addSheet(s, LISTS_SHEET, 'VeryHidden');
  const columns = [...COLUMNS.map((c) => c.options), departments, targets];
  const height = Math.max(...columns.map((c) => c.length));
  const rows: CellValue[][] = [];
  for (let r = 0; r < height; r++) rows.push(columns.map((c) => c[r] ?? ''));
  writeBlock(
    s,
    LISTS_SHEET,
    0,
    0,
    rows,
    columns.map(() => '@'),
  );
}
