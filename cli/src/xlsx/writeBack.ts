// Saving a workbook for the command line: to a copy, or over the file with --in-place. The
// file is written next to its destination first and renamed, so a failure never leaves half a
// workbook behind. The answers themselves are written by the shared applyWrites.

import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { workbookBytes, type XlsxWorkbook } from '@taizhang/client/xlsx';
import { CliError } from '../context';

export { applyWrites, type CellWrite } from '@taizhang/client/xlsx';

export async function saveWorkbook(workbook: XlsxWorkbook, path: string): Promise<void> {
  const tmp = join(dirname(path), `.taizhang-${process.pid}-${Date.now()}.xlsx`);
  try {
    await writeFile(tmp, await workbookBytes(workbook));
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    const why = e instanceof Error ? e.message : String(e);
    throw new CliError(`无法写入 ${path}：${why}`, `cannot write ${path}: ${why}`);
  }
}
