// 统计: getStats as a table and a chart on a summary sheet; coordinators and administrators
// also get the overdue problems of their scope listed below.

import { daysBetween, isLivePulledRow, isOverdue, LEDGERS, type LedgerName } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import type { GroupBy, LivePulledRow, PullFilter } from '@taizhang/client';
import { loadSheetNames, writeBlock } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { activateSheet, addChart, addSheet, addTable, loadTableNames, setColumnWidth, styleRange } from '../excel/layout';
import { uniqueName } from './createSheet';
import { withSession, type SessionStats } from '../excel/session';
import type { CellValue } from '../excel/size';
import { HEADER_FILL } from './columns';
import { text } from './messages';
import { inLang, sheetLang } from './lang';
import type { FlowOptions } from './options';
import { loadState, saveState } from './state';

const FIGURES: Record<LedgerName, { key: string; zh: string; en: string; format: string }[]> = {
  problems: [
    { key: 'total', zh: '问题总数', en: 'Total', format: '0' },
    { key: 'resolved', zh: '已解决', en: 'Resolved', format: '0' },
    { key: 'inProgress', zh: '办理中', en: 'In progress', format: '0' },
    { key: 'open', zh: '待办理', en: 'Open', format: '0' },
    { key: 'overdue', zh: '超期', en: 'Overdue', format: '0' },
    { key: 'onSite', zh: '现场解决', en: 'On site', format: '0' },
    { key: 'coordinated', zh: '协调解决', en: 'Coordinated', format: '0' },
    { key: 'escalated', zh: '提交市级', en: 'Escalated', format: '0' },
    { key: 'resolvedRate', zh: '解决率', en: 'Resolved rate', format: '0.00%' },
    { key: 'onSiteRate', zh: '现场解决率', en: 'On-site rate', format: '0.00%' },
  ],
  visits: [
    { key: 'visits', zh: '走访次数', en: 'Visits', format: '0' },
    { key: 'enterprises', zh: '走访企业', en: 'Enterprises', format: '0' },
    { key: 'villages', zh: '走访村', en: 'Villages', format: '0' },
    { key: 'staff', zh: '参与人次', en: 'Staff', format: '0' },
    { key: 'policies', zh: '宣讲政策（项）', en: 'Policies', format: '0' },
    { key: 'served', zh: '服务人次', en: 'People served', format: '0' },
    { key: 'problemsFound', zh: '发现问题（个）', en: 'Problems found', format: '0' },
  ],
};

/** Columns charted: the counts that share a scale (the first four). */
const CHARTED = 4;

export interface SummaryResult {
  readonly sheet: string;
  readonly table: string;
  readonly asOf: string;
  readonly groups: number;
  readonly overdue?: number;
  readonly stats: SessionStats;
}

export async function summary(
  host: ExcelHost,
  api: ApiClient,
  o: FlowOptions & { ledger: LedgerName; groupBy?: GroupBy; filter?: PullFilter; asOf?: string; sheet?: string },
): Promise<SummaryResult> {
  const ledger = LEDGERS[o.ledger];
  const groupBy = o.groupBy ?? 'county';
  const base = o.sheet ?? `${ledger.title}统计`;
  const stats = await api.getStats({ ledger: ledger.name, groupBy, ...(o.filter && { filter: o.filter }), ...(o.asOf && { asOf: o.asOf }) }, o.signal);
  const figures = FIGURES[ledger.name];
  const byField = ledger.fields.find((f) => f.key === groupBy);
  const byLabel = { zh: byField?.header ?? groupBy, en: byField?.en ?? groupBy };

  // Overdue list: open problems of the scope whose deadline has passed (coordinators only).
  let overdue: LivePulledRow[] | undefined;
  if (ledger.name === 'problems' && o.profile && o.profile.role !== 'clerk') {
    overdue = [];
    for (const status of ['待办理', '办理中']) {
      const { rows } = await api.pullAll({ ledger: 'problems', filter: { ...o.filter, status }, pageSize: 5000 }, { signal: o.signal });
      overdue.push(...rows.filter(isLivePulledRow).filter((r) => isOverdue(r.values, stats.asOf)));
    }
    overdue.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  const { result, stats: sessionStats } = await withSession(
    host,
    async (s) => {
      const namesP = loadSheetNames(s);
      const tablesP = loadTableNames(s);
      await s.sync();
      // Every summary is a new sheet (its chart points at its own cells); older ones stay for comparison.
      const sheet = uniqueName(base, namesP.value);
      const table = uniqueName(`TZ_stats_${ledger.name}`, tablesP.value).replace(/[()]/g, '_');
      const stateP = loadState(s, namesP.value);
      if (s.queuedBytes > 0) await s.sync();
      addSheet(s, sheet);

      // One language per sheet: Office's (./lang).
      const lang = sheetLang(o);
      const say = (m: { zh: string; en: string }): string => inLang(m, lang);
      writeBlock(s, sheet, 0, 0, [[say(text.summaryTitle({ zh: ledger.title, en: ledger.titleEn }, stats.asOf, byLabel))]], ['@']);
      const header: CellValue[] = [say(byLabel), ...figures.map(say)];
      const fmts = ['@', ...figures.map((f) => f.format)];
      const body: CellValue[][] = stats.rows.map((r) => [r.key, ...figures.map((f) => r[f.key] ?? 0)]);
      writeBlock(
        s,
        sheet,
        2,
        0,
        [header],
        header.map(() => '@'),
      );
      writeBlock(s, sheet, 3, 0, body.length > 0 ? body : [['', ...figures.map(() => 0)]], fmts);
      const bodyRows = Math.max(1, body.length);
      writeBlock(s, sheet, 3 + bodyRows, 0, [[say(text.totals()), ...figures.map((f) => stats.totals[f.key] ?? 0)]], fmts);
      styleRange(s, sheet, 3 + bodyRows, 0, 1, header.length, { bold: true });
      addTable(s, sheet, 2, 0, 1 + bodyRows, header.length, table);
      styleRange(s, sheet, 2, 0, 1, header.length, { fill: HEADER_FILL, bold: true });
      setColumnWidth(s, sheet, 0, 24);
      figures.forEach((_, i) => setColumnWidth(s, sheet, i + 1, 14));
      if (body.length > 0) addChart(s, sheet, 'ColumnClustered', 2, 0, 1 + bodyRows, 1 + Math.min(CHARTED, figures.length));

      if (overdue) {
        const top = 3 + bodyRows + 3;
        writeBlock(s, sheet, top, 0, [[say(text.overdueTitle(stats.asOf, overdue.length))]], ['@']);
        const cols = ['id', 'county', 'targetName', 'department', 'deadline', 'status'];
        const head = [
          say(text.problemNumber()),
          ...cols.slice(1).map((k) => {
            const f = ledger.fields.find((x) => x.key === k)!;
            return say({ zh: f.header, en: f.en ?? f.header });
          }),
          say(text.daysOverdue()),
        ];
        writeBlock(
          s,
          sheet,
          top + 1,
          0,
          [head],
          head.map(() => '@'),
        );
        const rows: CellValue[][] = overdue.map((r) => [
          r.id,
          ...cols.slice(1).map((k) => String(r.values[k] ?? '')),
          daysOverdue(String(r.values.deadline), stats.asOf),
        ]);
        if (rows.length > 0) writeBlock(s, sheet, top + 2, 0, rows, [...cols.map(() => '@'), '0']);
        styleRange(s, sheet, top + 1, 0, 1, head.length, { fill: HEADER_FILL, bold: true });
      }
      activateSheet(s, sheet);
      const state = stateP.value;
      state.meta.set(sheet, { ledger: ledger.name, kind: 'summary' });
      saveState(s, state);
      await s.sync();
      return { sheet, table, asOf: stats.asOf, groups: stats.rows.length, ...(overdue && { overdue: overdue.length }) };
    },
    o.batchBytes,
  );
  return { ...result, stats: sessionStats };
}

function daysOverdue(deadline: string, asOf: string): number {
  return daysBetween(deadline, asOf);
}
