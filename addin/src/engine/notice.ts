// 通报 (docs/notice.md): the notice of a day, in the one layout of the ledger core
// (noticeLayout) and in Office's language, as two sheets — 通报 YYYY-MM-DD (title, period,
// figures, the rankings and lists, bar charts of the overdue rankings) and 超期问题 (the list
// the layout gives a sheet of its own). Follows the summary flow: one session, batched
// writes, '@' before every string from the data, chunked syncs.

import { noticeLayout, type NoticeColumnKind, type NoticeSection } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import { fetchNotice, throwIfAborted } from '@taizhang/client';
import { loadSheetNames, writeBlock } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { activateSheet, addChart, addSheet, addTable, loadTableNames, setColumnWidth, styleRange } from '../excel/layout';
import { withSession, type Session, type SessionStats } from '../excel/session';
import { cellBytes, type CellValue } from '../excel/size';
import { cellAddress } from '../excel/address';
import { HEADER_FILL } from './columns';
import { uniqueName } from './createSheet';
import { FlowError, text } from './messages';
import { sheetLang } from './lang';
import type { FlowOptions } from './options';
import { loadState, saveState } from './state';

export interface NoticeSheetsResult {
  /** 通报 YYYY-MM-DD (or …(2) when that sheet exists already). */
  readonly sheet: string;
  /** 超期问题 (or 超期问题(2)…). */
  readonly overdueSheet: string;
  readonly date: string;
  readonly county?: string;
  /** The notice was computed now (generateNotice) because none was stored. */
  readonly generated: boolean;
  readonly overdue: number;
  readonly tables: string[];
  readonly stats: SessionStats;
}

const n_ = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Number formats of the layout's kinds of figures. */
const FORMATS: Record<NoticeColumnKind, string> = { text: '@', count: '0', percent: '0.0%', days: '0.0' };

/** Columns the 通报 sheet uses at most (the widest section). */
const NOTICE_COLS = 11;
/** The chart sits to the right of the widest section. */
const CHART_COL = NOTICE_COLS + 1;
/** Rows per write: a block is also cut when it reaches a quarter of the batch budget. */
const WRITE_ROWS = 500;

/**
 * Fetches the notice of `date` (getNotice; when none is stored and the caller is a
 * coordinator or an administrator, generateNotice) and writes the two sheets.
 */
export async function noticeSheets(host: ExcelHost, api: ApiClient, o: FlowOptions & { date: string }): Promise<NoticeSheetsResult> {
  const role = o.profile?.role;
  if (role === 'clerk') {
    const m = text.noticeForbidden();
    throw new FlowError('notice_forbidden', m.zh, m.en);
  }
  const steps = 3;
  o.onProgress?.(0, steps, 'stats');
  const { notice, generated } = await fetchNotice(api, o.date, role, o.signal);
  o.onProgress?.(1, steps, 'write');
  throwIfAborted(o.signal);

  const lang = sheetLang(o);
  const date = typeof notice.date === 'string' && notice.date !== '' ? notice.date : o.date;
  // Every row of every list: the sheet is the working copy, the document caps its lists.
  const layout = noticeLayout({ ...notice, date }, { lang, shown: Number.MAX_SAFE_INTEGER });

  const { result, stats } = await withSession(
    host,
    async (s) => {
      const namesP = loadSheetNames(s);
      const tablesP = loadTableNames(s);
      await s.sync();
      const names = namesP.value;
      const sheet = uniqueName(`${lang === 'en' ? 'Notice' : '通报'} ${date}`, names);
      const ownSection = layout.sections.find((x) => x.ownSheet !== undefined);
      const overdueSheet = uniqueName(ownSection?.ownSheet ?? '超期问题', [...names, sheet]);
      const takenTables = [...tablesP.value];
      const tableName = (part: string): string => {
        const t = uniqueName(`TZ_notice_${date.replace(/-/g, '')}_${part}`, takenTables).replace(/[()]/g, '_');
        takenTables.push(t);
        return t;
      };
      const stateP = loadState(s, names);
      if (s.queuedBytes > 0) await s.sync();
      addSheet(s, sheet);
      addSheet(s, overdueSheet);
      const tables: string[] = [];
      let row = 0;

      const line = (target: string, value: string, bold = false): void => {
        writeBlock(s, target, row, 0, [[value]], ['@']);
        if (bold) styleRange(s, target, row, 0, 1, 1, { bold: true });
        row++;
      };

      /** A section: its title, a header row and its rows as a table (or 无), its notes. */
      const section = async (target: string, x: NoticeSection): Promise<{ header: number; rows: number }> => {
        line(target, x.title, true);
        const header = row;
        const head = x.columns.map((c) => c.label);
        writeBlock(
          s,
          target,
          header,
          0,
          [head],
          head.map(() => '@'),
        );
        const body = x.rows.map((r) => r.map((v) => (v === null ? '—' : v)));
        const formats = x.columns.map((c) => FORMATS[c.kind]);
        await writeRows(s, target, header + 1, body, formats);
        if (body.length > 0) {
          const t = tableName(x.id);
          addTable(s, target, header, 0, 1 + body.length, x.columns.length, t);
          tables.push(t);
        } else {
          writeBlock(s, target, header + 1, 0, [[layout.none]], ['@']);
        }
        styleRange(s, target, header, 0, 1, x.columns.length, { fill: HEADER_FILL, bold: true });
        row = header + 1 + Math.max(1, body.length);
        for (const note of x.notes) line(target, note);
        row++;
        await s.syncIfFull();
        return { header, rows: body.length };
      };

      // ---- 通报 YYYY-MM-DD: title, day and period, figures, then every section but the long list
      line(sheet, layout.title, true);
      line(sheet, layout.subtitle);
      row++;
      line(sheet, layout.summaryTitle, true);
      line(sheet, layout.summary);
      writeBlock(
        s,
        sheet,
        row,
        0,
        layout.figures.map((f) => [f.label]),
        ['@'],
      );
      layout.figures.forEach((f, i) => writeBlock(s, sheet, row + i, 1, [[f.value]], [FORMATS[f.kind]]));
      row += layout.figures.length + 1;
      await s.syncIfFull();

      const charts: { title: string; at: { header: number; rows: number } }[] = [];
      for (const x of layout.sections) {
        if (x.ownSheet !== undefined) continue;
        const at = await section(sheet, x);
        if (x.chart !== undefined && at.rows > 0) charts.push({ title: x.chart, at });
      }
      setColumnWidth(s, sheet, 0, 30);
      setColumnWidth(s, sheet, 1, 22);
      for (let c = 2; c < NOTICE_COLS; c++) setColumnWidth(s, sheet, c, 12);
      // Bar charts of the overdue rankings: the name and overdue columns, beside the tables.
      for (const c of charts) {
        addChart(s, sheet, 'BarClustered', c.at.header, 1, 1 + c.at.rows, 2, { title: c.title, at: chartAt(c.at.header, Math.max(c.at.rows, 12)) });
      }
      await s.syncIfFull();
      o.onProgress?.(2, steps, 'write');

      // ---- 超期问题: the overdue list, most overdue first
      row = 0;
      line(overdueSheet, layout.title, true);
      line(overdueSheet, layout.subtitle);
      row++;
      if (ownSection !== undefined) {
        await section(overdueSheet, ownSection);
        ownSection.columns.forEach((c, i) => setColumnWidth(s, overdueSheet, i, c.width));
      }

      activateSheet(s, sheet);
      const state = stateP.value;
      // System sheets: check and push refuse them.
      state.meta.set(sheet, { ledger: 'problems', kind: 'summary' });
      state.meta.set(overdueSheet, { ledger: 'problems', kind: 'summary' });
      saveState(s, state);
      await s.sync();
      return { sheet, overdueSheet, tables };
    },
    o.batchBytes,
  );
  o.onProgress?.(steps, steps, 'write');
  return {
    ...result,
    date,
    ...(notice.county && { county: notice.county }),
    generated,
    overdue: n_(notice.totals?.overdue ?? notice.overdueProblems?.length),
    stats,
  };
}

/** A chart's cells: right of the tables, from the header row down. */
function chartAt(row: number, rows: number): { start: string; end: string } {
  return { start: cellAddress(row, CHART_COL), end: cellAddress(row + rows, CHART_COL + 7) };
}

/** Rows in blocks of bounded size, format first; syncs between blocks when a batch is full. */
async function writeRows(s: Session, sheet: string, row: number, rows: readonly CellValue[][], formats: readonly string[]): Promise<void> {
  const maxBytes = Math.max(1, Math.floor(s.batchBytes / 4));
  let start = 0;
  while (start < rows.length) {
    let end = start;
    let bytes = 0;
    while (end < rows.length && end - start < WRITE_ROWS && (end === start || bytes < maxBytes)) {
      for (const v of rows[end]!) bytes += cellBytes(v);
      end++;
    }
    writeBlock(s, sheet, row + start, 0, rows.slice(start, end), formats);
    await s.syncIfFull();
    start = end;
  }
}
