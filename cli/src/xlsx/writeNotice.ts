// `taizhang notice --out`: the notice workbook (the shared noticeWorkbook) saved to a file.

import { writeFile } from 'node:fs/promises';
import type { Notice } from '@taizhang/ledger';
import { noticeWorkbook, workbookBytes } from '@taizhang/client/xlsx';

export async function writeNoticeXlsx(path: string, n: Notice, markdown: string): Promise<void> {
  await writeFile(path, await workbookBytes(noticeWorkbook(n, markdown)));
}
