// The notice (通报) as an .xlsx workbook, through exceljs: the one layout of the ledger core
// (noticeLayout) on two sheets — 通报 (title, period, figures, the rankings and lists) and
// 超期问题 (the overdue list, which the layout gives a sheet of its own). Every string that
// comes from data is written as text: a plain string value (exceljs writes it as a shared
// string, never a formula) in a cell formatted '@' (Text), so a name typed as
// "=HYPERLINK(…)", "+86…", "-1", "@x" or one starting with a tab or line break stays what it
// is when the file is opened and edited (and a carriage return stays one: ./cells.ts).
// Numbers are written as numbers.

import ExcelJS from 'exceljs';
import { noticeLayout, type Notice, type NoticeColumnKind, type NoticeLang, type NoticeSection, type NoticeValue } from '@taizhang/ledger';
import { putCell } from './cells';

/** The number format of a figure of each kind. */
export const NOTICE_NUMBER_FORMATS: Record<NoticeColumnKind, string> = { text: '@', count: '0', percent: '0.0%', days: '0.0' };

function put(cell: ExcelJS.Cell, v: NoticeValue, kind: NoticeColumnKind): void {
  if (v === null) putCell(cell, '—', '@');
  else putCell(cell, v, typeof v === 'number' ? NOTICE_NUMBER_FORMATS[kind] : '@');
}

function heading(ws: ExcelJS.Worksheet, row: number, text: string, size?: number): void {
  put(ws.getCell(row, 1), text, 'text');
  ws.getCell(row, 1).font = { bold: true, ...(size !== undefined && { size }) };
}

/** A section below `row`: title, header, rows (or 无), notes; returns the next free row. */
function writeSection(ws: ExcelJS.Worksheet, row: number, s: NoticeSection, none: string): number {
  heading(ws, row, s.title);
  let r = row + 1;
  s.columns.forEach((c, i) => {
    put(ws.getCell(r, i + 1), c.label, 'text');
    ws.getCell(r, i + 1).font = { bold: true };
  });
  for (const values of s.rows) {
    r++;
    values.forEach((v, i) => put(ws.getCell(r, i + 1), v, s.columns[i]!.kind));
  }
  if (s.rows.length === 0) put(ws.getCell(++r, 1), none, 'text');
  for (const note of s.notes) put(ws.getCell(++r, 1), note, 'text');
  return r + 2;
}

/** The workbook of the notice in `lang` (Chinese unless the reader's Office is English). */
export function noticeWorkbook(n: Notice, lang: NoticeLang = 'zh'): ExcelJS.Workbook {
  const l = noticeLayout(n, { lang, shown: Number.MAX_SAFE_INTEGER });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  const main = wb.addWorksheet(lang === 'zh' ? '通报' : 'Notice');
  heading(main, 1, l.title, 14);
  put(main.getCell(2, 1), l.subtitle, 'text');
  heading(main, 4, l.summaryTitle);
  put(main.getCell(5, 1), l.summary, 'text');
  let r = 6;
  for (const f of l.figures) {
    put(main.getCell(r, 1), f.label, 'text');
    put(main.getCell(r, 2), f.value, f.kind);
    r++;
  }
  r++;
  for (const s of l.sections) {
    if (s.ownSheet !== undefined) {
      const ws = wb.addWorksheet(s.ownSheet);
      heading(ws, 1, l.title);
      put(ws.getCell(2, 1), l.subtitle, 'text');
      writeSection(ws, 4, s, l.none);
      s.columns.forEach((c, i) => {
        ws.getColumn(i + 1).width = c.width;
      });
      ws.views = [{ state: 'frozen', ySplit: 5 }];
    } else {
      r = writeSection(main, r, s, l.none);
    }
  }
  const widths = l.sections.filter((s) => s.ownSheet === undefined).flatMap((s) => s.columns.map((c, i) => [i, c.width] as const));
  for (let i = 0; i < 12; i++) main.getColumn(i + 1).width = Math.max(i === 0 ? 22 : 8, ...widths.filter(([j]) => j === i).map(([, w]) => w));
  return wb;
}
