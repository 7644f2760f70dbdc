// How a canonical value sits in a ledger cell, the same on a live sheet (add-in), in an .xlsx
// file (CLI) or on any later client: dates as serials shown yyyy-mm-dd, counts as integers,
// the rest text; and which cells a row's identity and a blank template row are made of.

import { CANONICAL_DATE, DATE_FORMAT, dateToSerial, type CanonicalValue, type FieldDef, type LedgerDef } from '@taizhang/ledger';

/** A value a cell holds (Office.js `values`, exceljs plain values). */
export type CellValue = string | number | boolean;

/** The sheet (add-in) or workbook sheet (CLI) a consolidated list is pulled into. */
export function pullSheetName(ledger: LedgerDef): string {
  return `${ledger.title}汇总`;
}

/** Row keys the server accepts (docs: the callables): UUIDs fit. */
export const ROW_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Fields pre-filled for new rows: a row with nothing else is an unused template row. */
export const PREFILLED_FIELDS: ReadonlySet<string> = new Set(['county', 'group']);

/** The number format of a field's column: dates shown yyyy-mm-dd, counts as integers, the rest text. */
export function numberFormatOf(f: FieldDef): string {
  switch (f.type.kind) {
    case 'date':
      return DATE_FORMAT;
    case 'int':
      return '0';
    default:
      return '@';
  }
}

/**
 * A canonical value as the cell should hold it: dates as serials (the column shows
 * yyyy-mm-dd). Anything else the server holds in a date field (no date at all) stays the
 * text it is; writers put text in as text.
 */
export function cellOf(f: FieldDef, v: CanonicalValue | undefined, date1904: boolean): CellValue {
  if (v === undefined) return '';
  if (f.type.kind === 'date' && typeof v === 'string' && CANONICAL_DATE.test(v)) return dateToSerial(v, date1904);
  return v;
}

/** Whether the cell already holds what `cellOf` would write (so it need not be rewritten). */
export function sameCell(raw: unknown, want: CellValue): boolean {
  if (raw === want) return true;
  if ((raw === '' || raw === null || raw === undefined) && want === '') return true;
  return false;
}

/** A cell's content as text, trimmed: what a system cell or a key holds. */
export function cellText(x: unknown): string {
  return typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '';
}

/**
 * Whether `c` may be a character `trim` removes (every such one, and a few more): a cell whose
 * first character is not one cannot be blank, and needs no trimmed copy to tell.
 */
function maybeSpace(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0x1680 || (c >= 0x2000 && c <= 0x205f) || c === 0x3000 || c === 0xfeff;
}

/** Empty, or nothing but spaces. */
export function isBlankCell(x: unknown): boolean {
  if (typeof x === 'string') return x.length === 0 || (maybeSpace(x.charCodeAt(0)) && x.trim() === '');
  return x === null || x === undefined;
}
