// A workbook file as read: every sheet's rows of plain cell values, the same values the
// add-in gets from Office.js `range.values` (numbers, strings, booleans; dates as serial
// numbers in the workbook's own date system; empty cells null).

import type { RawCell } from '@taizhang/ledger';

/** What a cell holds once read: never a Date, never an object. */
export type SheetCell = Exclude<RawCell, Date | undefined>;

/** A merged area, as 0-based indexes into `rows` and their cells, bounds included. */
export interface MergedRange {
  readonly firstRow: number;
  readonly firstCol: number;
  readonly lastRow: number;
  readonly lastCol: number;
}

export interface SheetData {
  readonly name: string;
  /**
   * The sheet's rows from worksheet row 1 on: rows[i] is worksheet row i + 1 and rows[i][j]
   * is column j + 1 (A = 0). Rows and cells past the last value are absent; an empty row in
   * between is []. Only the top-left cell of a merged area holds its value.
   */
  readonly rows: readonly (readonly SheetCell[])[];
  readonly merges: readonly MergedRange[];
}

export interface WorkbookData {
  /** The sheets in tab order. */
  readonly sheets: readonly SheetData[];
  /** Serial numbers count from 1904-01-01 (old Mac workbooks) instead of 1900-01-00. */
  readonly date1904: boolean;
}
