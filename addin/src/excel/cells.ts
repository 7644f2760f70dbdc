// Reading and writing cell values in bounded pieces. Writes always set the number format
// before the values, in the same batch: with '@' in place a server string such as
// =HYPERLINK(…) or +86… lands as text and never becomes a formula. Every write goes through
// `cellInput`, so no caller can forget it: a string is text whatever its column's format.

import type { Pending, Session } from './session';
import { pending } from './session';
import { cellBytes, matrixBytes, type CellValue } from './size';

export interface UsedArea {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function sheetOf(s: Session, name: string): Excel.Worksheet {
  return s.ctx.workbook.worksheets.getItem(name);
}

/** The area holding values (formatting alone does not count); undefined for an empty sheet. */
export function loadUsedArea(s: Session, sheet: string): Pending<UsedArea | undefined> {
  const used = sheetOf(s, sheet).getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  s.queued(0);
  return pending(() => (used.isNullObject ? undefined : { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount }));
}

export function loadValues(s: Session, sheet: string, row: number, col: number, rows: number, cols: number): Pending<unknown[][]> {
  const r = sheetOf(s, sheet).getRangeByIndexes(row, col, rows, cols);
  r.load('values');
  s.queued(0);
  return pending(() => r.values);
}

/** Range.getMergedAreasOrNullObject: below it a merged cell cannot be told from an empty one. */
export const MERGED_AREAS_SET = '1.13';

/**
 * The merged areas of a block of the sheet, as 0-based rectangles; empty when there are none
 * or the host is older than ExcelApi 1.13.
 */
export function loadMergedAreas(s: Session, sheet: string, area: UsedArea): Pending<UsedArea[]> {
  if (!s.supports(MERGED_AREAS_SET)) return pending(() => []);
  const merged = sheetOf(s, sheet).getRangeByIndexes(area.row, area.col, area.rows, area.cols).getMergedAreasOrNullObject();
  merged.load('address');
  s.queued(0);
  return pending(() => (merged.isNullObject ? [] : areasOf(merged.address)));
}

/** "Sheet1!A2:A4,'My sheet'!C6" → rectangles (the sheet names are all the same one and are skipped). */
export function areasOf(address: string): UsedArea[] {
  const out: UsedArea[] = [];
  for (const m of address.matchAll(/!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?(?=,|$)/g)) {
    const c0 = columnIndex(m[1]!);
    const r0 = Number(m[2]) - 1;
    const c1 = m[3] ? columnIndex(m[3]) : c0;
    const r1 = m[4] ? Number(m[4]) - 1 : r0;
    out.push({ row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
  }
  return out;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Names of all worksheets, hidden ones included. */
export function loadSheetNames(s: Session): Pending<string[]> {
  const sheets = s.ctx.workbook.worksheets;
  sheets.load('items/name');
  s.queued(0);
  return pending(() => sheets.items.map((w) => w.name));
}

const TEXT = '@';

/**
 * What to send for one cell: a non-empty string always in the Text format (a date or number
 * column holding text the server kept must not turn it into a formula, a number or a date),
 * and with a leading apostrophe doubled, because Excel takes one leading apostrophe as its
 * "this is text" prefix and drops it, even in a Text cell. Empty strings keep the column's
 * format (a template row stays ready for a date).
 */
export function cellInput(v: CellValue, format: string): { value: CellValue; format: string } {
  if (typeof v !== 'string' || v === '') return { value: v, format };
  return { value: v.charCodeAt(0) === 39 /* ' */ ? `'${v}` : v, format: TEXT };
}

/** A rectangle of values with one number format per column, format first. */
export function writeBlock(s: Session, sheet: string, row: number, col: number, values: readonly (readonly CellValue[])[], formats: readonly string[]): void {
  if (values.length === 0 || formats.length === 0) return;
  const r = sheetOf(s, sheet).getRangeByIndexes(row, col, values.length, formats.length);
  const cellFormats: string[][] = [];
  const cellValues: CellValue[][] = [];
  for (const line of values) {
    const f: string[] = [];
    const v: CellValue[] = [];
    for (let j = 0; j < formats.length; j++) {
      const c = cellInput(line[j] as CellValue, formats[j]!);
      f.push(c.format);
      v.push(c.value);
    }
    cellFormats.push(f);
    cellValues.push(v);
  }
  r.numberFormat = cellFormats;
  r.values = cellValues;
  s.queued(matrixBytes(values) + values.length * (formats.length * 6 + 2));
}

/** One column's cells to change, in the order they were set. */
interface PatchColumn {
  rows: number[];
  values: CellValue[];
  formats: string[];
  /** Rows only ever grew: the cells are already in worksheet order, each row once. */
  ordered: boolean;
}

/** Cells to change, by absolute position; the excel layer turns them into a few ranges. */
export class CellPatch {
  private readonly cols = new Map<number, PatchColumn>();

  /** A later value for the same cell replaces the earlier one. */
  set(row: number, col: number, value: CellValue, numberFormat: string): void {
    let c = this.cols.get(col);
    if (!c) this.cols.set(col, (c = { rows: [], values: [], formats: [], ordered: true }));
    const last = c.rows.length - 1;
    if (last >= 0 && row <= c.rows[last]!) {
      if (row === c.rows[last]) {
        c.values[last] = value;
        c.formats[last] = numberFormat;
        return;
      }
      c.ordered = false;
    }
    c.rows.push(row);
    c.values.push(value);
    c.formats.push(numberFormat);
  }

  /** Runs of consecutive rows per column: one range each. */
  runs(): { col: number; row: number; values: CellValue[]; formats: string[] }[] {
    const out: { col: number; row: number; values: CellValue[]; formats: string[] }[] = [];
    for (const [col, c] of this.cols) {
      const { rows, values, formats } = c.ordered ? c : inOrder(c);
      let start = 0;
      for (let i = 1; i <= rows.length; i++) {
        if (i < rows.length && rows[i] === rows[i - 1]! + 1) continue;
        out.push({ col, row: rows[start]!, values: values.slice(start, i), formats: formats.slice(start, i) });
        start = i;
      }
    }
    return out;
  }

  clear(): void {
    this.cols.clear();
  }
}

/** A column's cells in worksheet order, the last value set for each. */
function inOrder(c: PatchColumn): Omit<PatchColumn, 'ordered'> {
  const last = new Map<number, number>();
  c.rows.forEach((row, i) => last.set(row, i));
  const rows = [...last.keys()].sort((a, b) => a - b);
  return { rows, values: rows.map((r) => c.values[last.get(r)!]!), formats: rows.map((r) => c.formats[last.get(r)!]!) };
}

/** Queue a patch's writes; syncs in between whenever a batch reaches the budget. */
export async function writePatch(s: Session, sheet: string, patch: CellPatch): Promise<void> {
  const ws = sheetOf(s, sheet);
  // A long run is cut so that no single command outgrows a batch.
  const maxPiece = Math.max(1, Math.floor(s.batchBytes / 4));
  for (const run of patch.runs()) {
    let start = 0;
    while (start < run.values.length) {
      let end = start;
      let bytes = 0;
      const formats: string[][] = [];
      const values: CellValue[][] = [];
      while (end < run.values.length && bytes < maxPiece) {
        const c = cellInput(run.values[end]!, run.formats[end]!);
        formats.push([c.format]);
        values.push([c.value]);
        bytes += cellBytes(run.values[end]) + run.formats[end]!.length + 8;
        end++;
      }
      const r = ws.getRangeByIndexes(run.row + start, run.col, end - start, 1);
      r.numberFormat = formats;
      r.values = values;
      s.queued(bytes);
      await s.syncIfFull();
      start = end;
    }
  }
  patch.clear();
}

/**
 * The workbook's date system, asked of Excel itself: DATE(1904,1,1) is serial 0 in the 1904
 * system and 1462 in the 1900 system. Worksheet functions (ExcelApi 1.2) are evaluated by the
 * host without touching a cell, so the probe works on every host the manifest admits.
 */
export function loadDate1904(s: Session): Pending<boolean> {
  const probe = s.ctx.workbook.functions.date(1904, 1, 1);
  probe.load('value');
  s.queued(0);
  return pending(() => probe.value === 0);
}

/** Values and extent of a sheet's used area in one load (for small sheets: state, lists). */
export function loadUsedValues(s: Session, sheet: string): Pending<{ area: UsedArea; values: unknown[][] } | undefined> {
  const used = sheetOf(s, sheet).getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values']);
  s.queued(0);
  return pending(() =>
    used.isNullObject ? undefined : { area: { row: used.rowIndex, col: used.columnIndex, rows: used.rowCount, cols: used.columnCount }, values: used.values },
  );
}

export function clearArea(s: Session, sheet: string, a: UsedArea): void {
  sheetOf(s, sheet).getRangeByIndexes(a.row, a.col, a.rows, a.cols).clear();
  s.queued(0);
}
