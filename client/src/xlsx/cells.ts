// Putting one value into an exceljs cell so that it reads back exactly and never becomes a
// formula. exceljs writes a plain string as a shared string (t="s", never <f>) even when it
// starts with "=", "+", "-" or "@"; the cell is also formatted '@' (Text) so that editing it
// in Excel later does not turn "=HYPERLINK(…)" into a formula either. What exceljs does not
// do is the OOXML escaping of characters XML cannot carry: a carriage return comes back as a
// line feed (XML end-of-line handling), and control characters are dropped. Excel writes
// them as _xHHHH_ (and a literal "_x0041_" as "_x005F_x0041_"); so do we, and exceljs (like
// Excel) decodes them when reading.

import type ExcelJS from 'exceljs';

/** Carriage return and the control characters XML 1.0 cannot hold (tab and LF it can). */
const UNSAFE_CHARS = /[\x00-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]/g;
/** Text that would itself read as an escape. */
const ESCAPE_LIKE = /_(x[0-9A-Fa-f]{4}_)/g;

/** The OOXML escaped form of a string (ST_Xstring): reads back as exactly `s`. */
export function escapeXstring(s: string): string {
  return s.replace(ESCAPE_LIKE, '_x005F_$1').replace(UNSAFE_CHARS, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * The cell's number format, on a style of its own: exceljs gives the cells that share a style
 * in the file one style object, and setting `numFmt` on it would re-format all of them.
 */
function setNumFmt(cell: ExcelJS.Cell, numFmt: string): void {
  cell.style = { ...cell.style, numFmt };
}

/** One cell: text as text ('@'), numbers with `numFmt`, '' clears the value (keeping the format). */
export function putCell(cell: ExcelJS.Cell, value: string | number | boolean, numFmt: string): void {
  if (typeof value === 'string') {
    // A number format other than text for a string (a date column holding text the server
    // kept as it was): still text, or Excel would read it as a formula or a number on edit.
    setNumFmt(cell, numFmt === '@' || value === '' ? numFmt : '@');
    cell.value = value === '' ? null : escapeXstring(value);
    return;
  }
  setNumFmt(cell, numFmt);
  cell.value = value;
}
