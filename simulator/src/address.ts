/**
 * A1-style addresses: parsing and formatting, as Excel writes them
 * (`Sheet1!A1:C3`, `Sheet1!A:A`, `Sheet1!1:1`, `'My sheet'!B2`).
 * Coordinates are zero-based and inclusive.
 */
import { SimError } from './errors';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Bounds {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function invalidAddress(address: string): SimError {
  return new SimError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (address '${address}')`);
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Parses a sheet-less A1 address: `A1`, `A1:C3`, `A:C`, `1:3`, `$A$1`. */
export function parseA1(address: string): Bounds {
  const parts = address.trim().split(':');
  if (parts.length < 1 || parts.length > 2) throw invalidAddress(address);
  const a = parts[0]!;
  const b = parts[1] ?? a;
  let bounds: Bounds;
  const ca = CELL.exec(a),
    cb = CELL.exec(b);
  if (ca && cb) {
    bounds = {
      r0: Number(ca[2]) - 1,
      c0: columnIndex(ca[1]!),
      r1: Number(cb[2]) - 1,
      c1: columnIndex(cb[1]!),
    };
  } else if (parts.length === 2 && COL.test(a) && COL.test(b)) {
    bounds = { r0: 0, r1: MAX_ROWS - 1, c0: columnIndex(COL.exec(a)![1]!), c1: columnIndex(COL.exec(b)![1]!) };
  } else if (parts.length === 2 && ROW.test(a) && ROW.test(b)) {
    bounds = { c0: 0, c1: MAX_COLS - 1, r0: Number(ROW.exec(a)![1]) - 1, r1: Number(ROW.exec(b)![1]) - 1 };
  } else {
    throw invalidAddress(address);
  }
  const n = normalize(bounds);
  if (n.r0 < 0 || n.c0 < 0 || n.r1 >= MAX_ROWS || n.c1 >= MAX_COLS) throw invalidAddress(address);
  return n;
}

export function normalize(b: Bounds): Bounds {
  return {
    r0: Math.min(b.r0, b.r1),
    r1: Math.max(b.r0, b.r1),
    c0: Math.min(b.c0, b.c1),
    c1: Math.max(b.c0, b.c1),
  };
}

/** Splits `Sheet1!A1`, `'My sheet'!A1` or `A1` into sheet name (if any) and the local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const s = address.trim().replace(/^=/, '');
  const bang = s.lastIndexOf('!');
  if (bang < 0) return { local: s };
  let sheet = s.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: s.slice(bang + 1) };
}

/** Excel quotes a sheet name in an address unless it is a plain identifier. */
export function quoteSheetName(name: string): string {
  if (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !CELL.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name)) return name;
  return `'${name.replace(/'/g, "''")}'`;
}

export function localAddress(b: Bounds, absolute = false): string {
  const d = absolute ? '$' : '';
  if (b.r0 === 0 && b.r1 === MAX_ROWS - 1) {
    return `${d}${columnLetters(b.c0)}:${d}${columnLetters(b.c1)}`;
  }
  if (b.c0 === 0 && b.c1 === MAX_COLS - 1) {
    return `${d}${b.r0 + 1}:${d}${b.r1 + 1}`;
  }
  const first = `${d}${columnLetters(b.c0)}${d}${b.r0 + 1}`;
  if (b.r0 === b.r1 && b.c0 === b.c1) return first;
  return `${first}:${d}${columnLetters(b.c1)}${d}${b.r1 + 1}`;
}

export function fullAddress(sheetName: string, b: Bounds, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${localAddress(b, absolute)}`;
}

export function cellCount(b: Bounds): number {
  return (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
}
