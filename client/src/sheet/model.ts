// The neutral sheet every client hands the sync core: where the ledger's columns and the
// system columns sit, and each data row's cells by field with its system cells. Rows are
// worksheet rows as Excel numbers them (1-based), columns are indexes (A = 0). What the core
// decides comes back as cell writes, each with its number format, for the client to make.

import { SYSTEM_COLUMNS, type FieldDef, type HeaderMatch, type LedgerDef, type ListSystemKey, type SystemKey } from '@taizhang/ledger';
import { cellText, isBlankCell, PREFILLED_FIELDS, type CellValue } from './cells';

/** One cell to write: worksheet row (1-based), column index (A = 0), value, number format. */
export interface CellWrite {
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
  readonly numFmt: string;
}

export interface SheetColumns {
  readonly ledger: LedgerDef;
  /** Worksheet row of the header (1-based). */
  readonly headerRow: number;
  readonly fields: readonly { readonly def: FieldDef; readonly col: number }[];
  /** Field key → column. */
  readonly fieldCol: ReadonlyMap<string, number>;
  /** System column → column, the appended ones included. */
  readonly sysCol: Readonly<Record<SystemKey, number>>;
  /** System columns the sheet lacked: placed after its last used column, their headers to be written. */
  readonly appended: readonly SystemKey[];
  /** Serial numbers count from 1904-01-01 (old Mac workbooks). */
  readonly date1904: boolean;
}

/**
 * The columns of a sheet from its header match. `firstRow` is the worksheet row (1-based) of
 * the first row the header was searched in, `firstCol` the column of its first cell, `endCol`
 * the first column right of everything the sheet uses.
 */
export function sheetColumns(
  match: HeaderMatch,
  o: { readonly firstRow: number; readonly firstCol: number; readonly endCol: number; readonly date1904: boolean },
): SheetColumns {
  const fields = match.fields.map((f) => ({ def: f.def, col: o.firstCol + f.index }));
  const sys: Partial<Record<SystemKey | ListSystemKey, number>> = {};
  for (const s of match.system) sys[s.def.key] ??= o.firstCol + s.index;
  let next = o.endCol;
  const appended: SystemKey[] = [];
  // Only the sheet's own system columns are added to a sheet; a pulled list's 重复于 stays the list's.
  for (const { key } of SYSTEM_COLUMNS as readonly { key: SystemKey }[]) {
    if (sys[key] !== undefined) continue;
    sys[key] = next++;
    appended.push(key);
  }
  return {
    ledger: match.ledger,
    headerRow: o.firstRow + match.headerRow,
    fields,
    fieldCol: new Map(fields.map((f) => [f.def.key, f.col])),
    sysCol: sys as Record<SystemKey, number>,
    appended,
    date1904: o.date1904,
  };
}

/** One data row: the clerk's non-empty cells by field, and what its system cells say. */
export interface SheetRow {
  /** Worksheet row, 1-based. */
  readonly row: number;
  readonly raw: Record<string, unknown>;
  readonly key: string;
  readonly id: string;
  readonly version: number | undefined;
  readonly sync: string;
  readonly hash: string;
}

/**
 * Row `row` of the sheet, `cells` holding its cells from column `firstCol` on (a 100,000-row
 * check reads every row through here); undefined for a row without content (nothing in the
 * ledger's columns but the pre-filled county and group).
 */
export function readRow(cols: SheetColumns, row: number, cells: readonly unknown[], firstCol = 0): SheetRow | undefined {
  if (row <= cols.headerRow) return undefined;
  const raw: Record<string, unknown> = {};
  let content = false;
  const fields = cols.fields;
  for (let i = 0; i < fields.length; i++) {
    const { def, col } = fields[i]!;
    const v = cells[col - firstCol];
    if (isBlankCell(v)) continue;
    raw[def.key] = v;
    if (!content && !PREFILLED_FIELDS.has(def.key)) content = true;
  }
  if (!content) return undefined;
  const sys = cols.sysCol;
  const version = cells[sys._version - firstCol];
  const n = typeof version === 'number' ? version : Number(cellText(version));
  return {
    row,
    raw,
    key: cellText(cells[sys._key - firstCol]),
    id: cellText(cells[sys._id - firstCol]),
    version: Number.isInteger(n) && n > 0 ? n : undefined,
    sync: cellText(cells[sys._sync - firstCol]),
    hash: cellText(cells[sys._hash - firstCol]),
  };
}
