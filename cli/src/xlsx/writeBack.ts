// `taizhang push` writing its answers into the workbook it read (ids, versions, sync states,
// keys, canonical values), then saving it: to a copy, or over the file with --in-place. The
// file is written next to its destination first and renamed, so a failure never leaves half a
// workbook behind.

import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { CliError } from '../context';
import type { CellWrite } from '@taizhang/client';
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

export async function saveWorkbook(workbook: ExcelJS.Workbook, path: string): Promise<void> {
  const tmp = join(dirname(path), `.taizhang-${process.pid}-${Date.now()}.xlsx`);
  try {
    await workbook.xlsx.writeFile(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(`无法写入 ${path}：${why}`, `cannot write ${path}: ${why}`);
  }
}
