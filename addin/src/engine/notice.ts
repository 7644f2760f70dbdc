// 通报 (docs/api.md#the-notice): the notice of a day as two sheets — 通报 YYYY-MM-DD (title,
// totals, county and department rankings, silent groups, stale escalations, a bar chart of the
// county overdue ranking) and 超期问题 (the overdue problems, most overdue first). Follows the
// summary flow: one session, batched writes, '@' before every server string, chunked syncs.

import type { Bilingual } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import { ApiError, throwIfAborted } from '@taizhang/client';
import type { NoticeAnswer, OverdueItem, ProgressFigures } from '@taizhang/client';
import { loadSheetNames, writeBlock } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { activateSheet, addChart, addSheet, addTable, loadTableNames, setColumnWidth, styleRange } from '../excel/layout';
import { withSession, type Session, type SessionStats } from '../excel/session';
import { cellBytes, type CellValue } from '../excel/size';
import { cellAddress } from '../excel/address';
import { HEADER_FILL } from './columns';
import { uniqueName } from './createSheet';
import { bi, FlowError, text } from './messages';
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

interface Column<T> {
  readonly zh: string;
  readonly en: string;
  /** '@' for every string from the server; a number format for figures. */
  readonly format: string;
  readonly width: number;
  readonly get: (x: T, i: number) => CellValue;
}

const s_ = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));
const n_ = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** Ranking columns; key then overdue first, so the chart's range is the first columns after the rank. */
const rankColumns = (key: Bilingual): Column<ProgressFigures>[] => [
  { zh: '名次', en: 'Rank', format: '0', width: 8, get: (_, i) => i + 1 },
  { zh: key.zh, en: key.en, format: '@', width: 22, get: (x) => s_(x.key) },
  { zh: '超期', en: 'Overdue', format: '0', width: 10, get: (x) => n_(x.overdue) },
  { zh: '问题数', en: 'Problems', format: '0', width: 10, get: (x) => n_(x.total) },
  { zh: '已解决', en: 'Resolved', format: '0', width: 10, get: (x) => n_(x.resolved) },
  { zh: '未解决', en: 'Unresolved', format: '0', width: 10, get: (x) => n_(x.unresolved) },
  { zh: '解决率', en: 'Resolved rate', format: '0.00%', width: 12, get: (x) => n_(x.resolvedRate) },
  { zh: '超期率', en: 'Overdue rate', format: '0.00%', width: 12, get: (x) => n_(x.overdueRate) },
  { zh: '提交市级', en: 'Escalated', format: '0', width: 10, get: (x) => n_(x.escalated) },
  { zh: '久无进展', en: 'Stale escalations', format: '0', width: 10, get: (x) => n_(x.staleEscalations) },
];

const COUNTY: Bilingual = { zh: '县（区、市）', en: 'County' };
const DEPARTMENT: Bilingual = { zh: '责任单位', en: 'Department' };

const SILENT_COLUMNS: Column<NoticeAnswer['silentGroups'][number]>[] = [
  { zh: '县（区、市）', en: 'County', format: '@', width: 0, get: (g) => s_(g.county) },
  { zh: '工作组编号', en: 'Group id', format: '@', width: 0, get: (g) => s_(g.id) },
  { zh: '工作组名称', en: 'Group name', format: '@', width: 0, get: (g) => s_(g.name) },
  { zh: '服务类型', en: 'Service type', format: '@', width: 0, get: (g) => s_(g.targetType) },
  { zh: '牵头单位', en: 'Lead department', format: '@', width: 0, get: (g) => s_(g.department) },
];

const ESCALATION_COLUMNS: Column<NoticeAnswer['oldestEscalations'][number]>[] = [
  { zh: '问题编号', en: 'Id', format: '@', width: 0, get: (e) => s_(e.id) },
  { zh: '县（区、市）', en: 'County', format: '@', width: 0, get: (e) => s_(e.county) },
  { zh: '工作组', en: 'Group', format: '@', width: 0, get: (e) => s_(e.group) },
  { zh: '行业专班', en: 'Sector', format: '@', width: 0, get: (e) => s_(e.sector) },
  { zh: '服务对象', en: 'Target', format: '@', width: 0, get: (e) => s_(e.targetName) },
  { zh: '责任单位', en: 'Department', format: '@', width: 0, get: (e) => s_(e.department) },
  { zh: '办理状态', en: 'Status', format: '@', width: 0, get: (e) => s_(e.status) },
  { zh: '发现日期', en: 'Found on', format: '@', width: 0, get: (e) => s_(e.foundOn) },
  { zh: '办结时限', en: 'Deadline', format: '@', width: 0, get: (e) => s_(e.deadline) },
  { zh: '最近更新', en: 'Last change', format: '@', width: 0, get: (e) => s_(e.updatedOn) },
  { zh: '无进展天数', en: 'Days without progress', format: '0', width: 0, get: (e) => n_(e.daysWithoutProgress) },
];

const OVERDUE_COLUMNS: Column<OverdueItem>[] = [
  { zh: '问题编号', en: 'Id', format: '@', width: 22, get: (o) => s_(o.id) },
  { zh: '县（区、市）', en: 'County', format: '@', width: 12, get: (o) => s_(o.county) },
  { zh: '工作组', en: 'Group', format: '@', width: 20, get: (o) => s_(o.group) },
  { zh: '行业专班', en: 'Sector', format: '@', width: 18, get: (o) => s_(o.sector) },
  { zh: '问题类别', en: 'Category', format: '@', width: 12, get: (o) => s_(o.category) },
  { zh: '服务对象', en: 'Target', format: '@', width: 24, get: (o) => s_(o.targetName) },
  { zh: '问题层级', en: 'Level', format: '@', width: 10, get: (o) => s_(o.level) },
  { zh: '责任单位', en: 'Department', format: '@', width: 16, get: (o) => s_(o.department) },
  { zh: '办理状态', en: 'Status', format: '@', width: 10, get: (o) => s_(o.status) },
  { zh: '办结时限', en: 'Deadline', format: '@', width: 12, get: (o) => s_(o.deadline) },
  { zh: '超期天数', en: 'Days overdue', format: '0', width: 10, get: (o) => n_(o.daysOverdue) },
];

const TOTALS: { key: keyof NoticeAnswer['totals']; zh: string; en: string; format: string }[] = [
  { key: 'problems', zh: '问题总数', en: 'Problems', format: '0' },
  { key: 'resolved', zh: '已解决', en: 'Resolved', format: '0' },
  { key: 'unresolved', zh: '未解决', en: 'Unresolved', format: '0' },
  { key: 'resolvedRate', zh: '解决率', en: 'Resolved rate', format: '0.00%' },
  { key: 'overdue', zh: '超期', en: 'Overdue', format: '0' },
  { key: 'escalated', zh: '提交市级', en: 'Escalated', format: '0' },
  { key: 'staleEscalations', zh: '提交市级久无进展', en: 'Stale escalations', format: '0' },
  { key: 'activeGroups', zh: '在用工作组', en: 'Active groups', format: '0' },
  { key: 'reportedGroups', zh: '已报送工作组', en: 'Groups that reported', format: '0' },
  { key: 'silentGroups', zh: '未报送工作组', en: 'Groups that did not report', format: '0' },
];

/** Columns the 通报 sheet uses at most (the widest section: escalations). */
const NOTICE_COLS = Math.max(ESCALATION_COLUMNS.length, 10);
/** The chart sits to the right of the widest section. */
const CHART_COL = NOTICE_COLS + 1;
/** Rows per write: a block is also cut when it reaches a quarter of the batch budget. */
const WRITE_ROWS = 500;

const canMakeNotices = (role: string | undefined): boolean => role === 'coordinator' || role === 'admin';

/**
 * Fetches the notice of `date` (getNotice; when none is stored and the caller is a
 * coordinator or an administrator, generateNotice) and writes the two sheets.
 */
export async function noticeSheets(
  host: ExcelHost, api: ApiClient, o: FlowOptions & { date: string },
): Promise<NoticeSheetsResult> {
  const role = o.profile?.role;
  if (role === 'clerk') {
    const m = text.noticeForbidden();
    throw new FlowError('notice_forbidden', m.zh, m.en);
  }
  const steps = 3;
  o.onProgress?.(0, steps, 'stats');
  let generated = false;
  let notice: NoticeAnswer;
  try {
    notice = await api.getNotice(o.date, o.signal);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 'NOT_FOUND' && canMakeNotices(role))) throw err;
    throwIfAborted(o.signal);
    notice = await api.generateNotice(o.date, o.signal);
    generated = true;
  }
  o.onProgress?.(1, steps, 'write');
  throwIfAborted(o.signal);

  const scope: Bilingual = notice.county ? { zh: notice.county, en: notice.county } : { zh: '全市', en: 'whole city' };
  const date = s_(notice.date) || o.date;
  // Most overdue first, whatever order the server sent (ties: id).
  const overdue = [...(notice.overdueProblems ?? [])].sort(
    (a, b) => n_(b.daysOverdue) - n_(a.daysOverdue) || (s_(a.id) < s_(b.id) ? -1 : s_(a.id) > s_(b.id) ? 1 : 0),
  );

  const { result, stats } = await withSession(host, async (s) => {
    const namesP = loadSheetNames(s);
    const tablesP = loadTableNames(s);
    await s.sync();
    const names = namesP.value;
    const sheet = uniqueName(`通报 ${date}`, names);
    const overdueSheet = uniqueName('超期问题', [...names, sheet]);
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

    // ---- 通报 YYYY-MM-DD
    writeBlock(s, sheet, 0, 0, [[bi(text.noticeTitle(scope, date))]], ['@']);
    styleRange(s, sheet, 0, 0, 1, 1, { bold: true });
    const period = notice.period ?? { from: '', to: '' };
    writeBlock(s, sheet, 1, 0, [[bi(text.noticePeriod(s_(period.from), s_(period.to), s_(notice.generatedAt)))]], ['@']);
    let row = 3;

    const section = (zh: string, en: string): void => {
      writeBlock(s, sheet, row, 0, [[`${zh} / ${en}`]], ['@']);
      styleRange(s, sheet, row, 0, 1, 1, { bold: true });
      row++;
    };

    section('一、总体情况', 'Totals');
    writeBlock(s, sheet, row, 0, TOTALS.map((t) => [`${t.zh} / ${t.en}`]), ['@']);
    for (let i = 0; i < TOTALS.length; i++) {
      const t = TOTALS[i]!;
      writeBlock(s, sheet, row + i, 1, [[n_(notice.totals?.[t.key])]], [t.format]);
    }
    row += TOTALS.length + 1;
    await s.syncIfFull();

    /** A header row and its rows as a table (or 无 under the header); returns the header row. */
    const list = async <T>(
      target: string, part: string, cols: Column<T>[], items: readonly T[], all?: number,
    ): Promise<{ header: number; rows: number }> => {
      const header = row;
      const head = cols.map((c) => `${c.zh} / ${c.en}`);
      writeBlock(s, target, header, 0, [head], head.map(() => '@'));
      const body = items.map((x, i) => cols.map((c) => c.get(x, i)));
      await writeRows(s, target, header + 1, body, cols.map((c) => c.format));
      if (body.length > 0) {
        const t = tableName(part);
        addTable(s, target, header, 0, 1 + body.length, cols.length, t);
        tables.push(t);
      } else {
        writeBlock(s, target, header + 1, 0, [[bi(text.none())]], ['@']);
      }
      styleRange(s, target, header, 0, 1, cols.length, { fill: HEADER_FILL, bold: true });
      row = header + 1 + Math.max(1, body.length);
      if (all !== undefined && all > items.length) {
        writeBlock(s, target, row, 0, [[bi(text.notListed(all - items.length))]], ['@']);
        row++;
      }
      row++;
      await s.syncIfFull();
      return { header, rows: body.length };
    };

    section('二、县（区、市）超期问题排名', 'Counties ranked by overdue problems');
    const countyCols = rankColumns(COUNTY);
    const byOverdue = await list(sheet, 'county_overdue', countyCols, notice.countiesByOverdue ?? []);
    section('三、县（区、市）问题解决率排名（由低到高）', 'Counties ranked by resolved rate, lowest first');
    await list(sheet, 'county_rate', countyCols, notice.countiesByResolvedRate ?? []);
    section('四、责任单位超期问题排名', 'Departments ranked by overdue problems');
    const deptCols = rankColumns(DEPARTMENT);
    const deptOverdue = await list(sheet, 'dept_overdue', deptCols, notice.departmentsByOverdue ?? []);
    section('五、责任单位问题解决率排名（由低到高）', 'Departments ranked by resolved rate, lowest first');
    await list(sheet, 'dept_rate', deptCols, notice.departmentsByResolvedRate ?? []);
    section(`六、未报送工作组（${s_(period.from)} 至 ${s_(period.to)}）`, `Groups that did not report (${s_(period.from)} to ${s_(period.to)})`);
    await list(sheet, 'silent', SILENT_COLUMNS, notice.silentGroups ?? [], notice.totals?.silentGroups);
    section(`七、提交市级问题久无进展（${n_(notice.staleDays)} 天以上）`, `Escalations without progress for ${n_(notice.staleDays)} days or more, oldest first`);
    await list(sheet, 'escalations', ESCALATION_COLUMNS, notice.oldestEscalations ?? [], notice.totals?.staleEscalations);

    setColumnWidth(s, sheet, 0, 30);
    setColumnWidth(s, sheet, 1, 22);
    for (let c = 2; c < NOTICE_COLS; c++) setColumnWidth(s, sheet, c, 12);
    // Bar charts of the overdue rankings: the name and overdue columns, beside the tables.
    if (byOverdue.rows > 0) {
      addChart(s, sheet, 'BarClustered', byOverdue.header, 1, 1 + byOverdue.rows, 2, {
        title: '县（区、市）超期问题排名 / Counties by overdue problems',
        at: chartAt(byOverdue.header, Math.max(byOverdue.rows, 12)),
      });
    }
    if (deptOverdue.rows > 0) {
      addChart(s, sheet, 'BarClustered', deptOverdue.header, 1, 1 + deptOverdue.rows, 2, {
        title: '责任单位超期问题排名 / Departments by overdue problems',
        at: chartAt(deptOverdue.header, Math.max(deptOverdue.rows, 12)),
      });
    }
    await s.syncIfFull();
    o.onProgress?.(2, steps, 'write');

    // ---- 超期问题
    row = 0;
    writeBlock(s, overdueSheet, 0, 0, [[bi(text.overdueSheetTitle(scope, date, overdue.length, n_(notice.totals?.overdue ?? overdue.length)))]], ['@']);
    styleRange(s, overdueSheet, 0, 0, 1, 1, { bold: true });
    row = 2;
    await list(overdueSheet, 'overdue', OVERDUE_COLUMNS, overdue);
    OVERDUE_COLUMNS.forEach((c, i) => setColumnWidth(s, overdueSheet, i, c.width));

    activateSheet(s, sheet);
    const state = stateP.value;
    // System sheets: check and push refuse them.
    state.meta.set(sheet, { ledger: 'problems', kind: 'summary' });
    state.meta.set(overdueSheet, { ledger: 'problems', kind: 'summary' });
    saveState(s, state);
    await s.sync();
    return { sheet, overdueSheet, tables };
  }, o.batchBytes);
  o.onProgress?.(steps, steps, 'write');
  return {
    ...result, date, ...(notice.county && { county: notice.county }), generated,
    overdue: n_(notice.totals?.overdue ?? overdue.length), stats,
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
