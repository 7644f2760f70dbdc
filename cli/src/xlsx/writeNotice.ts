// `taizhang notice --out` and `--docx`: the notice's workbook and Word document (the client
// core's renderings of the one layout) saved to files.

import { writeFile } from 'node:fs/promises';
import type { Notice } from '@taizhang/ledger';
import { noticeWorkbook, workbookBytes } from '@taizhang/client/xlsx';
import { noticeDocx } from '@taizhang/client/docx';

export async function writeNoticeXlsx(path: string, n: Notice): Promise<void> {
  await writeFile(path, await workbookBytes(noticeWorkbook(n)));
}

export async function writeNoticeDocx(path: string, n: Notice): Promise<void> {
  await writeFile(path, await noticeDocx(n));
}
