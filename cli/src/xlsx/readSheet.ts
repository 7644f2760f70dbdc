// Reading an .xlsx file from disk for the command line: the shared reader
// (@taizhang/client/xlsx) over the file's bytes, with a missing or unreadable file as a
// CliError (exit 2).

import { readFile, stat } from 'node:fs/promises';
import { openWorkbook, type WorkbookData, type XlsxWorkbook } from '@taizhang/client/xlsx';
import { WorkbookError } from '@taizhang/client';
import { CliError } from '../context';

export type { MergedRange, SheetCell, SheetData, WorkbookData } from '@taizhang/client/xlsx';

/**
 * Open an .xlsx file and read every sheet. Throws CliError (exit 2) when the file is
 * missing, not a file, or not an .xlsx workbook.
 */
export async function readWorkbook(path: string): Promise<WorkbookData> {
  return (await loadWorkbook(path)).data;
}

/** readWorkbook, keeping the exceljs workbook for ./writeBack.ts to write into. */
export async function loadWorkbook(path: string): Promise<{ data: WorkbookData; workbook: XlsxWorkbook }> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new CliError(`文件不存在：${path}`, `file not found: ${path}`);
  }
  if (!info.isFile()) throw new CliError(`不是文件：${path}`, `not a file: ${path}`);
  try {
    return await openWorkbook(await readFile(path), path);
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(e.zh, e.en);
    throw e;
  }
}
