// The notice (通报) as a document, laid out once (docs/notice.md): its title, the day and the
// reporting period, the figures, then numbered sections, each a title, a table and a line
// on what was left out. The Markdown text, the add-in's sheets, the CLI's workbook and the
// .docx an office sends are all renderings of this one layout; none decides a section, a
// title or a column of its own.

import type { DepartmentFigures, Notice, ProgressFigures } from './supervision';

export type NoticeLang = 'zh' | 'en';

/** How a column's values read: text stays text (never a formula), figures are numbers. */
export type NoticeColumnKind = 'text' | 'count' | 'percent' | 'days';

export interface NoticeColumn {
  readonly label: string;
  readonly kind: NoticeColumnKind;
  /** Width in characters for sheets. */
  readonly width: number;
}

/** A cell: null when a notice stored before this figure existed has none (shown as —). */
export type NoticeValue = string | number | null;

/** Which table a section holds; the add-in names its Excel tables and charts after it. */
export type NoticeSectionId = 'county_overdue' | 'county_rate' | 'dept_overdue' | 'dept_rate' | 'dept_overdue_list' | 'silent' | 'escalations' | 'overdue';

export interface NoticeSection {
  readonly id: NoticeSectionId;
  /** Numbered, e.g. 二、县（区、市）超期问题排名. */
  readonly title: string;
  readonly columns: readonly NoticeColumn[];
  readonly rows: readonly (readonly NoticeValue[])[];
  /** Lines under the table: what was left out. */
  readonly notes: readonly string[];
  /** A bar chart of the name (column 1) against the overdue count (column 2) fits it. */
  readonly chart?: string;
  /** The long list that a workbook gives a sheet of its own, by this name. */
  readonly ownSheet?: string;
}

export interface NoticeFigure {
  readonly label: string;
  readonly value: number;
  readonly kind: 'count' | 'percent';
}

export interface NoticeLayout {
  readonly lang: NoticeLang;
  readonly title: string;
  /** 截至 … ; the reporting period. */
  readonly subtitle: string;
  /** 一、总体情况 */
  readonly summaryTitle: string;
  /** The figures as one paragraph, as an office writes them. */
  readonly summary: string;
  /** The same figures as label and number, for a table. */
  readonly figures: readonly NoticeFigure[];
  readonly sections: readonly NoticeSection[];
  /** What an empty table shows. */
  readonly none: string;
}

/** A share as the notice prints it: one decimal, e.g. 33.3%. */
export const noticePercent = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const col =
  (zh: string, en: string, kind: NoticeColumnKind, width: number) =>
  (lang: NoticeLang): NoticeColumn => ({ label: lang === 'zh' ? zh : en, kind, width });

const C = {
  rank: col('名次', 'Rank', 'count', 6),
  county: col('县（区、市）', 'County', 'text', 14),
  department: col('责任单位', 'Department', 'text', 22),
  overdue: col('超期', 'Overdue', 'count', 8),
  total: col('问题数', 'Problems', 'count', 8),
  assigned: col('交办', 'Assigned', 'count', 8),
  resolved: col('已解决', 'Resolved', 'count', 8),
  unresolved: col('未解决', 'Unresolved', 'count', 8),
  resolvedRate: col('解决率', 'Resolved rate', 'percent', 10),
  overdueRate: col('超期率', 'Overdue rate', 'percent', 10),
  escalated: col('提交市级', 'Sent to the city', 'count', 10),
  stale: col('久无进展', 'Without progress', 'count', 10),
  awaitingReview: col('待审核', 'Awaiting review', 'count', 10),
  firstAnswer: col('首次答复（中位天数）', 'First answer (median days)', 'days', 12),
  id: col('问题编号', 'Problem number', 'text', 24),
  group: col('工作组', 'Work group', 'text', 18),
  groupId: col('工作组编号', 'Group number', 'text', 12),
  groupName: col('工作组名称', 'Group name', 'text', 24),
  targetType: col('服务类型', 'Service type', 'text', 10),
  lead: col('牵头单位', 'Lead department', 'text', 20),
  sector: col('行业专班', 'Sector task force', 'text', 16),
  category: col('问题类别', 'Category', 'text', 12),
  target: col('服务对象', 'Enterprise or village', 'text', 26),
  level: col('解决层级', 'Level of resolution', 'text', 10),
  status: col('办理状态', 'Status', 'text', 10),
  foundOn: col('发现日期', 'Found on', 'text', 12),
  deadline: col('办结时限', 'Deadline', 'text', 12),
  updatedOn: col('最近更新', 'Last change', 'text', 12),
  daysStale: col('无进展天数', 'Days without progress', 'count', 10),
  daysOverdue: col('超期天数', 'Days overdue', 'count', 10),
};

const T = {
  zh: {
    scope: (county: string | undefined) => county ?? '全市',
    title: (scope: string) => `${scope}入企进村服务问题办理情况通报`,
    subtitle: (date: string, from: string, to: string) => `截至 ${date}（报送情况统计期间：${from} 至 ${to}）`,
    summaryTitle: '总体情况',
    summary: (n: Notice, scope: string) => {
      const t = n.totals;
      return (
        `截至 ${n.date}，${scope}共梳理问题 ${t.problems} 个，已解决 ${t.resolved} 个，解决率 ${noticePercent(t.resolvedRate)}；` +
        `未解决 ${t.unresolved} 个，其中超过办结时限 ${t.overdue} 个；提交市级 ${t.escalated} 个，其中 ${t.staleEscalations} 个已连续 ${n.staleDays} 天以上无进展。` +
        `在用工作组 ${t.activeGroups} 个，${n.period.from} 至 ${n.period.to} 期间有 ${t.reportedGroups} 个报送数据，${t.silentGroups} 个未报送。`
      );
    },
    figures: ['问题总数', '已解决', '未解决', '解决率', '超期问题', '提交市级', '提交市级久无进展', '在用工作组', '已报送工作组', '未报送工作组'],
    countyOverdue: '县（区、市）超期问题排名',
    countyRate: '县（区、市）问题解决率排名（由低到高）',
    deptOverdue: '责任单位超期问题排名',
    deptRate: '责任单位问题解决率排名（由低到高）',
    deptList: '责任单位超期问题清单',
    silent: (from: string, to: string) => `未报送工作组（${from} 至 ${to}）`,
    escalations: (days: number) => `提交市级问题久无进展（${days} 天以上）`,
    overdue: '超期问题清单',
    overdueSheet: '超期问题',
    more: (n: number) => `（另有 ${n} 项未列出）`,
    moreDepartments: (n: number) => `（另有 ${n} 个责任单位未列出）`,
    moreOf: (name: string, n: number) => `（${name}另有 ${n} 项未列出）`,
    none: '（无）',
    numbered: (i: number, s: string) => `${NUMBERS[i] ?? String(i + 1)}、${s}`,
  },
  en: {
    scope: (county: string | undefined) => county ?? 'the whole city',
    title: (scope: string) => `Notice on the problems found by the enterprise and village service groups: ${scope}`,
    subtitle: (date: string, from: string, to: string) => `As of ${date} (reporting counted from ${from} to ${to})`,
    summaryTitle: 'Overview',
    summary: (n: Notice, scope: string) => {
      const t = n.totals;
      return (
        `As of ${n.date}, ${scope} has ${t.problems} problems on record, ${t.resolved} of them resolved (${noticePercent(t.resolvedRate)}); ` +
        `of the ${t.unresolved} unresolved, ${t.overdue} are past their deadline. ${t.escalated} were sent to the city, ${t.staleEscalations} of them without progress for ${n.staleDays} days or more. ` +
        `Of ${t.activeGroups} active work groups, ${t.reportedGroups} reported from ${n.period.from} to ${n.period.to} and ${t.silentGroups} did not.`
      );
    },
    figures: [
      'Problems',
      'Resolved',
      'Unresolved',
      'Resolved rate',
      'Overdue',
      'Sent to the city',
      'Sent to the city, without progress',
      'Active work groups',
      'Groups that reported',
      'Groups that did not report',
    ],
    countyOverdue: 'Counties ranked by overdue problems',
    countyRate: 'Counties ranked by resolved rate, lowest first',
    deptOverdue: 'Departments ranked by overdue problems',
    deptRate: 'Departments ranked by resolved rate, lowest first',
    deptList: 'Overdue problems of each department',
    silent: (from: string, to: string) => `Work groups that did not report (${from} to ${to})`,
    escalations: (days: number) => `Problems sent to the city without progress for ${days} days or more`,
    overdue: 'Overdue problems',
    overdueSheet: 'Overdue problems',
    more: (n: number) => `(${n} more not listed)`,
    moreDepartments: (n: number) => `(${n} more departments not listed)`,
    moreOf: (name: string, n: number) => `(${n} more of ${name} not listed)`,
    none: '(none)',
    numbered: (i: number, s: string) => `${i + 1}. ${s}`,
  },
} as const;

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const txt = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));

/**
 * The notice laid out in `lang` (Chinese is the document language; English for an English
 * Office). `shown` caps each ranking and list; the totals always count everything.
 */
export function noticeLayout(n: Notice, options: { lang?: NoticeLang; shown?: number } = {}): NoticeLayout {
  const lang = options.lang ?? 'zh';
  const shown = options.shown ?? 20;
  const w = T[lang];
  const c = Object.fromEntries(Object.entries(C).map(([k, f]) => [k, f(lang)])) as { [K in keyof typeof C]: NoticeColumn };
  const t = n.totals;
  const scope = w.scope(n.county);
  const period = n.period ?? { from: '', to: '' };
  const more = (all: number, listed: number): string[] => (all > listed ? [w.more(all - listed)] : []);

  const countyRank = (xs: readonly ProgressFigures[]) =>
    xs
      .slice(0, shown)
      .map((x, i): NoticeValue[] => [
        i + 1,
        txt(x.key),
        num(x.overdue),
        num(x.total),
        num(x.resolved),
        num(x.unresolved),
        num(x.resolvedRate),
        num(x.overdueRate),
        num(x.escalated),
        num(x.staleEscalations),
      ]);
  const countyColumns = [c.rank, c.county, c.overdue, c.total, c.resolved, c.unresolved, c.resolvedRate, c.overdueRate, c.escalated, c.stale];
  // A notice stored before departments had their own figures has only ProgressFigures: the rest is null.
  const deptRank = (xs: readonly Partial<DepartmentFigures>[]) =>
    xs
      .slice(0, shown)
      .map((x, i): NoticeValue[] => [
        i + 1,
        txt(x.name ?? x.key),
        num(x.overdue),
        num(x.assigned ?? x.total),
        num(x.resolved),
        num(x.resolvedRate),
        num(x.overdueRate),
        x.awaitingReview ?? null,
        x.medianDaysToFirstAnswer ?? null,
      ]);
  const deptColumns = [c.rank, c.department, c.overdue, c.assigned, c.resolved, c.resolvedRate, c.overdueRate, c.awaitingReview, c.firstAnswer];

  const byDept = (n.overdueByDepartment ?? []).slice(0, shown);
  const deptNotes = [
    ...byDept.flatMap((d) => (d.overdue > Math.min(shown, d.items.length) ? [w.moreOf(d.name, d.overdue - Math.min(shown, d.items.length))] : [])),
    ...((n.overdueByDepartment ?? []).length > byDept.length ? [w.moreDepartments((n.overdueByDepartment ?? []).length - byDept.length)] : []),
  ];
  const silent = n.silentGroups ?? [];
  const stale = n.oldestEscalations ?? [];
  const overdue = n.overdueProblems ?? [];

  const sections: (Omit<NoticeSection, 'title'> & { heading: string })[] = [
    { id: 'county_overdue', heading: w.countyOverdue, columns: countyColumns, rows: countyRank(n.countiesByOverdue ?? []), notes: [], chart: w.countyOverdue },
    { id: 'county_rate', heading: w.countyRate, columns: countyColumns, rows: countyRank(n.countiesByResolvedRate ?? []), notes: [] },
    { id: 'dept_overdue', heading: w.deptOverdue, columns: deptColumns, rows: deptRank(n.departmentsByOverdue ?? []), notes: [], chart: w.deptOverdue },
    { id: 'dept_rate', heading: w.deptRate, columns: deptColumns, rows: deptRank(n.departmentsByResolvedRate ?? []), notes: [] },
    {
      id: 'dept_overdue_list',
      heading: w.deptList,
      columns: [c.department, c.id, c.county, c.target, c.status, c.deadline, c.daysOverdue],
      rows: byDept.flatMap((d) => d.items.slice(0, shown).map((o) => [d.name, o.id, o.county, o.targetName, o.status, o.deadline, o.daysOverdue])),
      notes: deptNotes,
    },
    {
      id: 'silent',
      heading: w.silent(period.from, period.to),
      columns: [c.county, c.groupId, c.groupName, c.targetType, c.lead],
      rows: silent.slice(0, shown).map((g) => [g.county, g.id, g.name, g.targetType, g.department]),
      notes: more(num(t.silentGroups), Math.min(shown, silent.length)),
    },
    {
      id: 'escalations',
      heading: w.escalations(n.staleDays),
      columns: [c.id, c.county, c.group, c.sector, c.target, c.department, c.status, c.foundOn, c.deadline, c.updatedOn, c.daysStale],
      rows: stale
        .slice(0, shown)
        .map((e) => [e.id, e.county, e.group, e.sector, e.targetName, e.department, e.status, e.foundOn, e.deadline, e.updatedOn, e.daysWithoutProgress]),
      notes: more(num(t.staleEscalations), Math.min(shown, stale.length)),
    },
    {
      id: 'overdue',
      heading: w.overdue,
      columns: [c.id, c.county, c.group, c.sector, c.category, c.target, c.level, c.department, c.status, c.deadline, c.daysOverdue],
      rows: overdue
        .slice(0, shown)
        .map((o) => [o.id, o.county, o.group, o.sector, o.category, o.targetName, o.level, o.department, o.status, o.deadline, o.daysOverdue]),
      notes: more(num(t.overdue), Math.min(shown, overdue.length)),
      ownSheet: w.overdueSheet,
    },
  ];
  const figureValues: [number, 'count' | 'percent'][] = [
    [t.problems, 'count'],
    [t.resolved, 'count'],
    [t.unresolved, 'count'],
    [t.resolvedRate, 'percent'],
    [t.overdue, 'count'],
    [t.escalated, 'count'],
    [t.staleEscalations, 'count'],
    [t.activeGroups, 'count'],
    [t.reportedGroups, 'count'],
    [t.silentGroups, 'count'],
  ];
  return {
    lang,
    title: w.title(scope),
    subtitle: w.subtitle(n.date, period.from, period.to),
    summaryTitle: w.numbered(0, w.summaryTitle),
    summary: w.summary({ ...n, period }, scope),
    figures: figureValues.map(([value, kind], i) => ({ label: w.figures[i]!, value: num(value), kind })),
    sections: sections.map(({ heading, ...s }, i) => ({ ...s, title: w.numbered(i + 1, heading) })),
    none: w.none,
  };
}

// ---------------------------------------------------------------------------------------
// The layout as Markdown text, which a coordinator pastes

/**
 * Markdown table cells: no line breaks, no pipes, and what a clerk typed stays text once
 * rendered — a backslash before every character Markdown or HTML would act on (links and
 * images `[ ] ( ) !`, tags and entities `< > &`, emphasis and code `* _ ~ \``, headings `#`).
 */
function mdCell(x: unknown): string {
  return String(x)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\|/g, '｜')
    .replace(/[\\`*_~[\]()<>!&#]/g, '\\$&');
}

/** One value as text: percentages with one decimal, a missing figure as —. */
export function noticeText(v: NoticeValue, kind: NoticeColumnKind): string {
  if (v === null) return '—';
  if (typeof v === 'number' && kind === 'percent') return noticePercent(v);
  return String(v);
}

export function noticeLayoutMarkdown(l: NoticeLayout): string {
  const lines = [`# ${mdCell(l.title)}`, '', mdCell(l.subtitle), '', `## ${l.summaryTitle}`, '', l.summary, ''];
  for (const s of l.sections) {
    lines.push(`## ${mdCell(s.title)}`, '');
    if (s.rows.length === 0) lines.push(l.none);
    else {
      lines.push(`| ${s.columns.map((c) => c.label).join(' | ')} |`, `|${s.columns.map(() => ' --- ').join('|')}|`);
      for (const r of s.rows) lines.push(`| ${r.map((v, i) => mdCell(noticeText(v, s.columns[i]!.kind))).join(' | ')} |`);
    }
    lines.push(...s.notes.map(mdCell), '');
  }
  return lines.join('\n');
}
