// The two faces of a check report: the JSON object of docs/cli.md#taizhang-check, and a text a clerk can read.

import { LEDGERS, fieldOf } from '@taizhang/ledger';
import type { CheckError, CheckReport } from './checkWorkbook';

export interface CheckJson {
  readonly ledger: string;
  readonly sheet: string;
  readonly rows: number;
  readonly valid: number;
  readonly errors: readonly {
    row: number;
    cell: string | null;
    field: string;
    header: string;
    code: string;
    message: string;
  }[];
  /** The sheet's warnings, then the rows' (code `registry`: the registry disagrees, with row and cell). */
  readonly warnings: readonly ({ code: string; message: string } & Record<string, unknown>)[];
  /** Empty cells filled from the registries; only when signed in (offline there is no registry). */
  readonly filled?: number;
}

/** Exactly the object docs/cli.md#taizhang-check gives for `check --json`. */
export function toJson(r: CheckReport): CheckJson {
  return {
    ledger: r.ledger,
    sheet: r.sheet,
    rows: r.rows,
    valid: r.valid,
    errors: r.errors.map((e) => ({ row: e.row, cell: e.cell, field: e.field, header: e.header, code: e.code, message: e.message })),
    warnings: [
      ...r.warnings.map((w) => ({ code: w.code, message: w.message, ...w.details })),
      ...r.rowWarnings.map((w) => ({ code: w.code, message: w.message, row: w.row, cell: w.cell, field: w.field, header: w.header })),
    ],
    ...(r.filled !== undefined && { filled: r.filled }),
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function groupByRow(errors: readonly CheckError[]): Map<number, CheckError[]> {
  const byRow = new Map<number, CheckError[]>();
  for (const e of errors) {
    const list = byRow.get(e.row);
    if (list) list.push(e);
    else byRow.set(e.row, [e]);
  }
  return byRow;
}

/**
 * The readable report: what was checked, warnings, then errors grouped by row —
 *
 *   第 7 行 / Row 7
 *     F7  发现日期 / Found on
 *         「发现日期」无法识别：“2024-13-45”，应为日期，如 2022-03-24
 *         Found on: cannot read "2024-13-45", expected a date such as 2022-03-24
 *
 * — and a summary line. `file` is shown as given.
 */
export function formatReport(r: CheckReport, file?: string): string {
  const ledger = LEDGERS[r.ledger];
  const lines: string[] = [];
  if (file !== undefined) lines.push(`文件 / File: ${file}`);
  lines.push(
    `台账 / Ledger: ${ledger.title} / ${ledger.titleEn} (${r.ledger})`,
    `工作表 / Sheet: ${r.sheet}，表头在第 ${r.headerRow} 行 / header on row ${r.headerRow}`,
    `今天 / Today: ${r.today}${r.date1904 ? '；1904 日期系统 / 1904 date system' : ''}`,
  );

  if (r.warnings.length > 0) {
    lines.push('', `警告 / Warnings (${r.warnings.length})`);
    for (const w of r.warnings) lines.push(`  ! ${w.zh}`, `    ${w.en}`);
  }

  lines.push(
    r.filled === undefined
      ? '名录 / Registry: 未登录，未对照企业和行政村名录 / not signed in: checked without the registers of enterprises and villages'
      : `名录 / Registry: 按企业和行政村名录补全了 ${r.filled} 个空单元格 / ${count(r.filled, 'empty cell')} filled from the registers of enterprises and villages`,
  );

  if (r.rowWarnings.length > 0) {
    lines.push('', `提示（不影响上报）/ Notes (nothing stops the push) (${r.rowWarnings.length})`);
    for (const w of r.rowWarnings) lines.push(`  ~ 第 ${w.row} 行 / Row ${w.row}  ${w.cell ?? '—'}  ${w.header}`, `        ${w.zh}`, `        ${w.en}`);
  }

  const byRow = groupByRow(r.errors);
  for (const [row, errors] of byRow) {
    lines.push('', `第 ${row} 行 / Row ${row}`);
    for (const e of errors) {
      const en = fieldOf(ledger, e.field)?.en;
      const where = e.cell ?? '—';
      lines.push(`  ${where.padEnd(6)}${e.header}${en ? ` / ${en}` : ''}`, `        ${e.zh}`, `        ${e.en}`);
    }
  }

  const invalid = byRow.size;
  lines.push('');
  if (r.rows === 0) {
    lines.push('没有数据行。 / No data rows.');
  } else if (invalid === 0) {
    lines.push(`全部 ${r.rows} 行有效。 / ${count(r.rows, 'row')}, all valid.`);
  } else {
    lines.push(
      `共 ${r.rows} 行：${r.valid} 行有效，${invalid} 行有误（${r.errors.length} 处错误）。` +
        ` / ${count(r.rows, 'row')}: ${r.valid} valid, ${invalid} invalid (${count(r.errors.length, 'error')}).`,
    );
  }
  return lines.join('\n') + '\n';
}
