// Where a ledger's columns sit on a clerk's sheet: found from the header row (clerks reorder
// columns, put titles above, add 序号), with the system columns appended at the right when
// the sheet does not have them yet.

import { findHeader, LEDGERS, normalizeHeader, PREFILLED_FIELDS, type FieldDef, type LedgerDef, type LedgerName } from '@taizhang/ledger';
import { SYSTEM_DEFS, type SystemKey } from './columns';

export interface SheetLayout {
  readonly ledger: LedgerDef;
  /** Absolute 0-based worksheet row of the header. */
  readonly headerRow: number;
  /** Field key → absolute column. */
  readonly fieldCol: ReadonlyMap<string, number>;
  readonly fields: readonly { def: FieldDef; col: number }[];
  /** System column → absolute column (appended ones included). */
  readonly sysCol: Readonly<Record<SystemKey, number>>;
  /** System columns the sheet lacked; their headers must be written. */
  readonly appended: readonly SystemKey[];
}

/**
 * Lay out a sheet from its first rows (`rows[0]` is worksheet row `firstRow`, column 0 is
 * worksheet column `firstCol`). Undefined when no header row is recognised.
 */
export function findLayout(
  rows: readonly (readonly unknown[])[], firstRow: number, firstCol: number, ledgerName?: LedgerName,
): SheetLayout | undefined {
  const m = findHeader(rows, ledgerName ? LEDGERS[ledgerName] : undefined);
  if (!m) return undefined;
  const header = rows[m.headerRow] ?? [];
  const fieldCol = new Map<string, number>();
  const fields: { def: FieldDef; col: number }[] = [];
  for (const c of m.fields) {
    fieldCol.set(c.def.key, firstCol + c.index);
    fields.push({ def: c.def, col: firstCol + c.index });
  }
  const sys: Partial<Record<SystemKey, number>> = {};
  const names = new Map<string, SystemKey>();
  for (const d of SYSTEM_DEFS) for (const n of [d.header, d.en, d.key]) names.set(normalizeHeader(n), d.key);
  header.forEach((cell, i) => {
    const k = names.get(normalizeHeader(cell));
    if (k !== undefined && sys[k] === undefined) sys[k] = firstCol + i;
  });
  let next = firstCol + header.length;
  const appended: SystemKey[] = [];
  for (const d of SYSTEM_DEFS) {
    if (sys[d.key] === undefined) {
      sys[d.key] = next++;
      appended.push(d.key);
    }
  }
  return {
    ledger: m.ledger, headerRow: firstRow + m.headerRow, fieldCol, fields,
    sysCol: sys as Record<SystemKey, number>, appended,
  };
}

/** The clerk's values of one worksheet row, keyed by field, and the system cells. */
export interface SheetRow {
  /** Absolute 0-based worksheet row. */
  readonly row: number;
  readonly raw: Record<string, unknown>;
  key: string;
  id: string;
  version: number | undefined;
  sync: string;
  hash: string;
}

function text(x: unknown): string {
  return typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '';
}

function isEmpty(x: unknown): boolean {
  return x === '' || x === null || x === undefined || (typeof x === 'string' && x.trim() === '');
}

/**
 * The data rows of a block of values (`values[0]` is worksheet row `firstRow`, column 0 is
 * `firstCol`). Rows whose fields are empty (pre-filled county and group aside) are skipped.
 */
export function rowsOf(layout: SheetLayout, values: readonly (readonly unknown[])[], firstRow: number, firstCol: number): SheetRow[] {
  const out: SheetRow[] = [];
  const at = (r: readonly unknown[], col: number): unknown => r[col - firstCol];
  for (let i = 0; i < values.length; i++) {
    const row = firstRow + i;
    if (row <= layout.headerRow) continue;
    const cells = values[i]!;
    const raw: Record<string, unknown> = {};
    let content = false;
    for (const { def, col } of layout.fields) {
      const v = at(cells, col);
      if (!isEmpty(v)) {
        raw[def.key] = v;
        if (!PREFILLED_FIELDS.has(def.key)) content = true;
      }
    }
    if (!content) continue;
    const version = at(cells, layout.sysCol._version);
    const vnum = typeof version === 'number' ? version : Number(text(version));
    out.push({
      row, raw,
      key: text(at(cells, layout.sysCol._key)),
      id: text(at(cells, layout.sysCol._id)),
      version: Number.isInteger(vnum) && vnum > 0 ? vnum : undefined,
      sync: text(at(cells, layout.sysCol._sync)),
      hash: text(at(cells, layout.sysCol._hash)),
    });
  }
  return out;
}

/** Last column any part of the layout uses (reads must reach it). */
export function lastColumn(layout: SheetLayout): number {
  return Math.max(...layout.fields.map((f) => f.col), ...Object.values(layout.sysCol));
}
