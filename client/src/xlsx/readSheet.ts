// The only module that reads .xlsx files (through exceljs; ./writeBack.ts writes into what it
// opened), in Node and in the browser alike: from the file's bytes. It hands back what the
// spreadsheet stores, as plain values the shared parser understands — the same values the
// add-in gets from Office.js `range.values`:
//   numbers, strings, booleans as they are; date cells as Excel serial numbers in the
//   workbook's own date system; rich text and hyperlinks as their text; formulas as their
//   cached result; errors as their text (#N/A); empty and merged-away cells as null.

import ExcelJS from 'exceljs';
import { WorkbookError } from '../workbook/errors';
import type { MergedRange, SheetCell, SheetData, WorkbookData } from '../workbook/types';

export type { MergedRange, SheetCell, SheetData, WorkbookData };

/** An opened workbook, to write into and save (what the library calls a workbook). */
export type XlsxWorkbook = ExcelJS.Workbook;

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

/** What an opened workbook holds now (after writes too): every sheet's rows. */
export function workbookData(wb: ExcelJS.Workbook): WorkbookData {
  const date1904 = wb.properties?.date1904 === true;
  return { sheets: wb.worksheets.map((ws) => readSheet(ws, date1904)), date1904 };
}

/**
 * Open an .xlsx file from its bytes and read every sheet, keeping the exceljs workbook for
 * ./writeBack.ts to write into. `name` is how the clerk knows the file (in the message of a
 * WorkbookError when the bytes are no .xlsx workbook).
 */
export async function openWorkbook(bytes: ArrayBuffer | Uint8Array, name: string): Promise<{ data: WorkbookData; workbook: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs takes a Buffer in Node and an ArrayBuffer in the browser; both read a Uint8Array.
    await wb.xlsx.load(bytes as ArrayBuffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new WorkbookError(
      `无法读取，不是有效的 .xlsx 工作簿（.xls、.csv、.et 等请先另存为 .xlsx）：${name}（${why}）`,
      `cannot read ${name}: not a valid .xlsx workbook (save .xls, .csv or .et files as .xlsx first) (${why})`,
    );
  }
  return { data: workbookData(wb), workbook: wb };
}
