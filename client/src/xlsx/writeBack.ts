// A push's answers written into the workbook it read (ids, versions, sync states, keys,
// canonical values), one safe cell write each; and the workbook's bytes, for the client to
// save as a file or hand to the clerk as a download. Everything else in the file (the
// clerk's fills, fonts, widths, other sheets) is kept as exceljs read it.

import type ExcelJS from 'exceljs';
import type { CellWrite } from '../sheet/model';
import { putCell } from './cells';

export type { CellWrite };

/** Writes in order (a later write to the same cell wins) into sheet `sheet`. */
export function applyWrites(workbook: ExcelJS.Workbook, sheet: string, writes: readonly CellWrite[]): number {
  const ws = workbook.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const last = new Map<string, CellWrite>();
  for (const w of writes) last.set(`${w.row}:${w.col}`, w);
  for (const w of last.values()) putCell(ws.getCell(w.row, w.col + 1), w.value, w.numFmt);
  return last.size;
}

/** The .xlsx file of a workbook, as bytes. */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = await workbook.xlsx.writeBuffer();
  return new Uint8Array(out as ArrayBuffer);
}
