// Building sheets: adding worksheets (visible or hidden), header styling, column widths and
// formats, list dropdowns, tables, frozen header, charts. Each function only queues commands;
// the caller decides when to sync.

import { rangeAddress, sheetAddress } from './address';
import { sheetOf } from './cells';
import { pending, type Pending, type Session } from './session';

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export function addSheet(s: Session, name: string, visibility: Visibility = 'Visible'): void {
  const ws = s.ctx.workbook.worksheets.add(name);
  if (visibility !== 'Visible') ws.visibility = visibility;
  s.queued(name.length * 3);
}

export function activateSheet(s: Session, name: string): void {
  sheetOf(s, name).activate();
  s.queued(0);
}

/** Excel widths are points; a "character" of the template is about 7 px of the default font. */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export function setColumnWidth(s: Session, sheet: string, col: number, chars: number): void {
  sheetOf(s, sheet).getRangeByIndexes(0, col, 1, 1).format.columnWidth = charsToPoints(chars);
  s.queued(16);
}

/** Number format of a column for `rows` rows from `row` (the template prepares rows ahead). */
export function setColumnFormat(s: Session, sheet: string, row: number, col: number, rows: number, format: string): void {
  const r = sheetOf(s, sheet).getRangeByIndexes(row, col, rows, 1);
  const f = [format];
  r.numberFormat = Array.from({ length: rows }, () => f);
  s.queued(rows * (format.length + 6));
}

export interface HeaderStyle {
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
}

export function styleRange(s: Session, sheet: string, row: number, col: number, rows: number, cols: number, st: HeaderStyle): void {
  const f = sheetOf(s, sheet).getRangeByIndexes(row, col, rows, cols).format;
  if (st.fill) f.fill.color = st.fill;
  if (st.fontColor) f.font.color = st.fontColor;
  if (st.bold !== undefined) f.font.bold = st.bold;
  s.queued(48);
}

/** Dropdowns (data validation) came with ExcelApi 1.8. */
export const LIST_VALIDATION_SET = '1.8';
/** Table.resize came with ExcelApi 1.13. */
export const TABLE_RESIZE_SET = '1.13';

/**
 * A dropdown whose options live in a range (usually on the hidden lists sheet): no 255
 * character limit, and the options can be updated without touching the ledger sheet.
 * A host older than ExcelApi 1.8 gets no dropdown; the check still judges every value.
 * Returns whether the dropdown was queued.
 */
export function setListValidation(s: Session, sheet: string, row: number, col: number, rows: number, source: string, acceptOthers = false): boolean {
  if (!s.supports(LIST_VALIDATION_SET)) return false;
  const dv = sheetOf(s, sheet).getRangeByIndexes(row, col, rows, 1).dataValidation;
  dv.clear();
  dv.rule = { list: { inCellDropDown: true, source: `=${source}` } };
  // The options are offered; a value outside them is taken without a word (errorAlert: ExcelApi 1.8, as dataValidation).
  if (acceptOthers) dv.errorAlert = { showAlert: false, style: 'Information', message: '', title: '' };
  s.queued(source.length + 40);
  return true;
}

export function listSource(sheet: string, col: number, count: number): string {
  return sheetAddress(sheet, rangeAddress(0, col, count, 1).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2'));
}

export function freezeHeader(s: Session, sheet: string, rows: number): void {
  sheetOf(s, sheet).freezePanes.freezeRows(rows);
  s.queued(0);
}

export function addTable(s: Session, sheet: string, row: number, col: number, rows: number, cols: number, name?: string): void {
  const t = sheetOf(s, sheet).tables.add(rangeAddress(row, col, rows, cols), true);
  if (name) t.name = name;
  s.queued(64);
}

/** Whether a table of this name still exists (the clerk may have converted it to a range). */
export function loadTableExists(s: Session, table: string): Pending<boolean> {
  const t = s.ctx.workbook.tables.getItemOrNullObject(table);
  t.load('name');
  s.queued(0);
  return pending(() => !t.isNullObject);
}

/**
 * Lay a table over a new extent with the same top-left corner. Hosts before ExcelApi 1.13
 * cannot resize a table: there it becomes a plain range (values and formats stay) and a table
 * of the same name is added over the new extent, in the same batch.
 */
export function resizeTable(s: Session, sheet: string, table: string, row: number, col: number, rows: number, cols: number): void {
  const tables = sheetOf(s, sheet).tables;
  const address = rangeAddress(row, col, rows, cols);
  if (s.supports(TABLE_RESIZE_SET)) {
    tables.getItem(table).resize(address);
    s.queued(64);
    return;
  }
  tables.getItem(table).convertToRange();
  tables.add(address, true).name = table;
  s.queued(128 + table.length);
}

export function sortTable(s: Session, sheet: string, table: string, columnIndexInTable: number): void {
  sheetOf(s, sheet)
    .tables.getItem(table)
    .sort.apply([{ key: columnIndexInTable, ascending: true }]);
  s.queued(64);
}

export type ChartKind = 'ColumnClustered' | 'BarClustered' | 'Pie';

/** A chart over a data range (its first row and column are the labels). */
export function addChart(
  s: Session,
  sheet: string,
  kind: ChartKind,
  row: number,
  col: number,
  rows: number,
  cols: number,
  o: { title?: string; at?: { start: string; end?: string } } = {},
): void {
  const ws = sheetOf(s, sheet);
  const chart = ws.charts.add(kind, ws.getRangeByIndexes(row, col, rows, cols), 'Auto');
  if (o.title !== undefined) chart.title.text = o.title;
  if (o.at) chart.setPosition(o.at.start, o.at.end);
  s.queued(80 + (o.title?.length ?? 0) * 3);
}

export function clearSheet(s: Session, sheet: string): void {
  sheetOf(s, sheet).getRange().clear();
  s.queued(0);
}

export function loadTableNames(s: Session): Pending<string[]> {
  const tables = s.ctx.workbook.tables;
  tables.load('items/name');
  s.queued(0);
  return pending(() => tables.items.map((t) => t.name));
}

/** Show a row of cells to the clerk: its sheet activated, the cells selected. */
export function selectRow(s: Session, sheet: string, row: number, col: number, cols: number): void {
  const ws = sheetOf(s, sheet);
  ws.activate();
  ws.getRangeByIndexes(row, col, 1, cols).select();
  s.queued(0);
}
