// The only module that reads .xlsx files (through exceljs; ./writeBack.ts writes into what it opened). It hands back what the
// spreadsheet stores, as plain values the shared parser understands — the same values the
// add-in gets from Office.js `range.values`:
//   numbers, strings, booleans as they are; date cells as Excel serial numbers in the
//   workbook's own date system; rich text and hyperlinks as their text; formulas as their
//   cached result; errors as their text (#N/A); empty and merged-away cells as null.

import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { RawCell } from '@taizhang/ledger';
import { CliError } from '../context';

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

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25569;
/** Days between the two systems' day 0. */
const DATE1904_OFFSET = 1462;

/**
 * exceljs turns the serial of a date-formatted cell into a Date by
 * `(serial − 25569 [+ 1462 in 1904]) days after 1970-01-01 UTC`; this undoes exactly that,
 * so whole days come back as the integer serial the file holds.
 */
export function dateToStoredSerial(d: Date, date1904: boolean): number | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  return t / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE1904_OFFSET : 0);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function richText(v: unknown): string | undefined {
  if (!isObject(v) || !Array.isArray(v.richText)) return undefined;
  return v.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/** One exceljs cell value → what the spreadsheet stores, as the parser expects it. */
export function plainCellValue(v: unknown, date1904: boolean): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToStoredSerial(v, date1904);
  if (!isObject(v)) return null;
  const rich = richText(v);
  if (rich !== undefined) return rich;
  if (typeof v.error === 'string') return v.error;
  // A formula (plain, shared or array): what Excel last computed. No cached result → empty.
  if ('formula' in v || 'sharedFormula' in v) return plainCellValue(v.result, date1904);
  // A hyperlink: the text the clerk sees, not the address.
  if ('hyperlink' in v) return 'text' in v ? plainCellValue(v.text, date1904) : null;
  if ('text' in v) return plainCellValue(v.text, date1904);
  return null;
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): SheetData {
  const rows: SheetCell[][] = [];
  const merges = new Map<string, { firstRow: number; firstCol: number; lastRow: number; lastCol: number }>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.type === ExcelJS.ValueType.Merge) {
        const m = cell.master;
        const r = rowNumber - 1;
        const c = col - 1;
        const range = merges.get(m.address);
        if (range) {
          range.lastRow = Math.max(range.lastRow, r);
          range.lastCol = Math.max(range.lastCol, c);
        } else {
          merges.set(m.address, { firstRow: Number(m.row) - 1, firstCol: Number(m.col) - 1, lastRow: r, lastCol: c });
        }
        return;
      }
      const value = plainCellValue(cell.value, date1904);
      if (value !== null) cells[col - 1] = value;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { name: ws.name, rows, merges: [...merges.values()] };
}

/**
 * Open an .xlsx file and read every sheet. Throws CliError (exit 2) when the file is
 * missing, not a file, or not an .xlsx workbook.
 */
export async function readWorkbook(path: string): Promise<WorkbookData> {
  return (await loadWorkbook(path)).data;
}

/** readWorkbook, keeping the exceljs workbook for ./writeBack.ts to write into. */
export async function loadWorkbook(path: string): Promise<{ data: WorkbookData; workbook: ExcelJS.Workbook }> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CliError(`文件不存在：${path}`, `file not found: ${path}`);
  }
  if (!info.isFile()) throw new CliError(`不是文件：${path}`, `not a file: ${path}`);

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(
      `无法读取，不是有效的 .xlsx 工作簿（.xls、.csv、.et 等请先另存为 .xlsx）：${path}（${why}）`,
      `cannot read ${path}: not a valid .xlsx workbook (save .xls, .csv or .et files as .xlsx first) (${why})`,
    );
  }
  const date1904 = wb.properties?.date1904 === true;
  return { data: { sheets: wb.worksheets.map((ws) => readSheet(ws, date1904)), date1904 }, workbook: wb };
}
