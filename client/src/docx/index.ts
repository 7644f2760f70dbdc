// The notice as a Word document: a subpath of its own (@taizhang/client/docx) so that the
// docx library is loaded only by whoever asks for the document (the web page and the pane
// import it on demand).

import type { ApiClient } from '../api/client';
import { fetchNotice, type FetchedNotice } from '../sync/notice';
import { noticeDocx } from './noticeDocx';

export * from './noticeDocx';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The file name an office would give it: 全市通报_2022-06-01.docx, 榆次区通报_2022-06-01.docx. */
export const noticeFileName = (date: string, county?: string): string => `${county ?? '全市'}通报_${date}.docx`;

/** The notice of `date` (stored, or made now for a coordinator or an administrator) as .docx bytes. */
export async function noticeDocxFile(
  api: ApiClient,
  date: string,
  role: string | undefined,
  signal?: AbortSignal,
): Promise<FetchedNotice & { readonly bytes: Uint8Array; readonly name: string }> {
  const fetched = await fetchNotice(api, date, role, signal);
  const bytes = await noticeDocx(fetched.notice);
  return { ...fetched, bytes, name: noticeFileName(fetched.notice.date || date, fetched.notice.county) };
}
