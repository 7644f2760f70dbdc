// Supervision (docs/api.md#supervision: notices name the counties and departments whose
// progress is slow): reporting cadence, overdue problems, stale escalations, and the daily notice.
// Pure, and every figure is computed against an explicit "as of" day: the store hands rows,
// groups and push activity in, tests feed known datasets.
//
// Figures use the rows as they are now (like getStats): a notice for an earlier day applies
// that day's date to today's rows; it does not reconstruct history.

import { departmentIndex, type DepartmentIndex, type DepartmentRecord } from './departments';
import { COUNTY_LABELS, SETTLED_STATUSES } from './domain';
import type { GroupRecord } from './groups';
import { noticeLayout, noticeLayoutMarkdown } from './noticeLayout';
import { isOverdue } from './overdue';
import { firstAnswerTenths } from './inbox';
import { EMPTY_KEY } from './statCells';
import { ASSIGNED_STATUSES } from './rights';
import { addDays, daysBetween } from './types/date';

/** A problem row as supervision needs it: its id, canonical values and last change day. */
export interface SupervisedRow {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** Day (Asia/Shanghai, YYYY-MM-DD) of the row's last change: its last revision. */
  readonly updatedOn: string;
  /** The registry id of its 责任单位 (absent or null: none, or stored before the registry). */
  readonly departmentId?: string | null;
  /** When it was last assigned, and when a department first answered since (ms; docs/workflow.md#the-stamps-of-a-problems-handling). */
  readonly assignedAt?: number;
  readonly firstAnsweredAt?: number;
}

/** Pushes of one work group (by the clerk's `group` claim) in a period. */
export interface GroupActivity {
  readonly county: string;
  readonly group: string;
  readonly pushes: number;
}

/** Days from `from` to `to`, both included (YYYY-MM-DD). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export const dayPeriod = (day: string): Period => ({ from: day, to: day });

/** The ISO week (Monday to Sunday) that contains `day`. */
export function isoWeekPeriod(day: string): Period {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const from = addDays(day, -weekday);
  return { from, to: addDays(from, 6) };
}

/** ISO week label, e.g. 2022-W12, of the week containing `day`. */
export function isoWeekLabel(day: string): string {
  const thursday = addDays(isoWeekPeriod(day).from, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A share as every rate is given (docs/api.md#getstats): a fraction 0–1 rounded to 4 places, 0 when there is no whole. */
export const rate = (part: number, total: number): number => (total === 0 ? 0 : Math.round((part / total) * 10_000) / 10_000);
const countyRank = new Map(COUNTY_LABELS.map((c, i) => [c, i]));
const byCounty = (a: string, b: string): number => (countyRank.get(a) ?? 99) - (countyRank.get(b) ?? 99);
const byName = (a: string, b: string): number => a.localeCompare(b, 'zh-Hans-CN');
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

// ---------------------------------------------------------------------------------------
// 2. Reporting cadence

export interface SilentGroup {
  readonly id: string;
  readonly name: string;
  readonly county: string;
  readonly targetType: string;
  readonly department: string;
}

export interface CadenceAnswer {
  readonly period: Period;
  /** Active groups with no push in the period, by county (the order of COUNTIES), then name. */
  readonly silentGroups: SilentGroup[];
  /** Per county: active groups, how many pushed, how many did not. Counties with active groups only. */
  readonly byCounty: { county: string; activeGroups: number; reported: number; silent: number }[];
  readonly totals: { activeGroups: number; reported: number; silent: number };
}

/**
 * Which active groups pushed nothing in the period. A group counts as having reported when a
 * push of its county carries its name or its id as the clerk's group. `activity` must
 * already be limited to the period.
 */
export function reportingCadence(period: Period, groups: readonly GroupRecord[], activity: readonly GroupActivity[]): CadenceAnswer {
  const pushed = new Set(activity.filter((a) => a.pushes > 0).map((a) => `${a.county}|${a.group}`));
  const counties = new Map<string, { activeGroups: number; reported: number; silent: number }>();
  const silentGroups: SilentGroup[] = [];
  for (const g of groups) {
    if (!g.active) continue;
    const c = counties.get(g.county) ?? { activeGroups: 0, reported: 0, silent: 0 };
    counties.set(g.county, c);
    c.activeGroups++;
    if (pushed.has(`${g.county}|${g.name}`) || pushed.has(`${g.county}|${g.id}`)) c.reported++;
    else {
      c.silent++;
      silentGroups.push({ id: g.id, name: g.name, county: g.county, targetType: g.targetType, department: g.department });
    }
  }
  silentGroups.sort((a, b) => byCounty(a.county, b.county) || byName(a.name, b.name) || byName(a.id, b.id));
  const byCountyRows = [...counties.entries()].sort(([a], [b]) => byCounty(a, b)).map(([county, f]) => ({ county, ...f }));
  const totals = byCountyRows.reduce(
    (t, c) => ({
      activeGroups: t.activeGroups + c.activeGroups,
      reported: t.reported + c.reported,
      silent: t.silent + c.silent,
    }),
    { activeGroups: 0, reported: 0, silent: 0 },
  );
  return { period, silentGroups, byCounty: byCountyRows, totals };
}

// ---------------------------------------------------------------------------------------
// 3. Overdue problems and stale escalations

export interface OverdueItem {
  readonly id: string;
  readonly county: string;
  readonly group: string;
  readonly sector: string;
  readonly category: string;
  readonly targetName: string;
  readonly level: string;
  readonly department: string;
  readonly status: string;
  readonly deadline: string;
  /** Days past the deadline on the as-of day: asOf − deadline (≥ 1). */
  readonly daysOverdue: number;
}

/** Overdue problems on `asOf` (docs/ledgers.md#overdue, isOverdue), most overdue first, then by id. */
export function overdueProblems(asOf: string, rows: Iterable<SupervisedRow>): OverdueItem[] {
  const out: OverdueItem[] = [];
  for (const r of rows) {
    const v = r.values;
    if (!isOverdue(v, asOf)) continue;
    const deadline = str(v.deadline);
    out.push({
      id: r.id,
      county: str(v.county),
      group: str(v.group),
      sector: str(v.sector),
      category: str(v.category),
      targetName: str(v.targetName),
      level: str(v.level),
      department: str(v.department),
      status: str(v.status),
      deadline,
      daysOverdue: daysBetween(deadline, asOf),
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface EscalationItem {
  readonly id: string;
  readonly county: string;
  readonly group: string;
  readonly sector: string;
  readonly targetName: string;
  readonly department: string;
  readonly status: string;
  readonly foundOn: string;
  readonly deadline: string;
  /** Day of the last change (revision). */
  readonly updatedOn: string;
  /** Days without any change on the as-of day: asOf − updatedOn. */
  readonly daysWithoutProgress: number;
}

/** Default N of "escalated with no progress for N days". */
export const STALE_ESCALATION_DAYS = 14;

/**
 * Problems sent to city level (提交市级), not resolved, whose last change is at least
 * `minDays` days before `asOf`; oldest change first, then by id.
 */
export function staleEscalations(asOf: string, rows: Iterable<SupervisedRow>, minDays = STALE_ESCALATION_DAYS): EscalationItem[] {
  const out: EscalationItem[] = [];
  for (const r of rows) {
    const v = r.values;
    if (v.level !== '提交市级' || v.status === '已解决' || r.updatedOn === '') continue;
    const age = daysBetween(r.updatedOn, asOf);
    if (age < minDays) continue;
    out.push({
      id: r.id,
      county: str(v.county),
      group: str(v.group),
      sector: str(v.sector),
      targetName: str(v.targetName),
      department: str(v.department),
      status: str(v.status),
      foundOn: str(v.foundOn),
      deadline: str(v.deadline),
      updatedOn: r.updatedOn,
      daysWithoutProgress: age,
    });
  }
  return out.sort((a, b) => b.daysWithoutProgress - a.daysWithoutProgress || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ProgressFigures {
  readonly key: string;
  readonly total: number;
  readonly resolved: number;
  readonly unresolved: number;
  readonly overdue: number;
  readonly escalated: number;
  readonly staleEscalations: number;
  /** resolved / total, 0–1, 4 places (0 when total is 0). */
  readonly resolvedRate: number;
  /** overdue / total, 0–1, 4 places. */
  readonly overdueRate: number;
}

/**
 * Figures per value of a field (county, sector, department): rows without a value are left
 * out (a 现场解决 problem has no department).
 */
export function progressBy(field: string, asOf: string, rows: Iterable<SupervisedRow>, minDays = STALE_ESCALATION_DAYS): ProgressFigures[] {
  const m = new Map<string, { total: number; resolved: number; overdue: number; escalated: number; staleEscalations: number }>();
  for (const r of rows) {
    const key = str(r.values[field]);
    if (key === '') continue;
    const f = m.get(key) ?? { total: 0, resolved: 0, overdue: 0, escalated: 0, staleEscalations: 0 };
    m.set(key, f);
    f.total++;
    if (r.values.status === '已解决') f.resolved++;
    if (isOverdue(r.values, asOf)) f.overdue++;
    if (r.values.level === '提交市级') {
      f.escalated++;
      if (r.values.status !== '已解决' && r.updatedOn !== '' && daysBetween(r.updatedOn, asOf) >= minDays) f.staleEscalations++;
    }
  }
  return [...m.entries()].map(([key, f]) => ({
    key,
    ...f,
    unresolved: f.total - f.resolved,
    resolvedRate: rate(f.resolved, f.total),
    overdueRate: rate(f.overdue, f.total),
  }));
}

// ---------------------------------------------------------------------------------------
// 3b. Departments (责任单位): what they were assigned and how they answered

/** A department's figures: ProgressFigures over the problems assigned to it (`total` = `assigned`, `key` = its name). */
export interface DepartmentFigures extends ProgressFigures {
  /** The registry id; absent for a name the registry does not know (rows stored before it). */
  readonly id?: string;
  /** The registry's canonical name (the name written when the registry does not know it). */
  readonly name: string;
  /** Problems assigned to it: naming it and past 待办理 (办理中, 待审核, 已解决, 长期推进). */
  readonly assigned: number;
  /** Of them, 待审核: it asked to close and awaits its owner's review. */
  readonly awaitingReview: number;
  /** Of them, answered since their last assignment. */
  readonly answered: number;
  /** Median days from assignment to the first answer, one decimal; null while none is answered. */
  readonly medianDaysToFirstAnswer: number | null;
}

/** One department's overdue problems. */
export interface DepartmentOverdue {
  readonly id?: string;
  readonly name: string;
  /** All of them; `items` may be capped. */
  readonly overdue: number;
  /** Most overdue first. */
  readonly items: OverdueItem[];
}

/**
 * The department a row is assigned to, by registry id: its stored id, else the registry's
 * reading of the name written (a row stored before the registry); without a registry, the
 * name as written. Undefined while it is assigned to none (no department, or still 待办理).
 */
function assignedTo(r: SupervisedRow, index: DepartmentIndex | undefined): { id?: string; name: string } | undefined {
  const written = str(r.values.department);
  if (written === '' || !ASSIGNED_STATUSES.includes(r.values.status)) return undefined;
  const id = r.departmentId ?? index?.find(written)?.id;
  if (id === undefined || id === null) return { name: written };
  return { id, name: index?.byId(id)?.name ?? written };
}

function groupByDepartment(
  rows: Iterable<SupervisedRow>,
  index: DepartmentIndex | undefined,
): Map<string, { id?: string; name: string; rows: SupervisedRow[] }> {
  const m = new Map<string, { id?: string; name: string; rows: SupervisedRow[] }>();
  for (const r of rows) {
    const d = assignedTo(r, index);
    if (d === undefined) continue;
    const k = d.id ?? `name:${d.name}`;
    const g = m.get(k) ?? { ...d, rows: [] };
    m.set(k, g);
    g.rows.push(r);
  }
  return m;
}

/** How many problems took each number of tenths of a day to a first answer. */
type TenthsCounts = Map<number, number>;

function addTenths(into: TenthsCounts, tenths: number, n: number): void {
  into.set(tenths, (into.get(tenths) ?? 0) + n);
}

const countOf = (m: TenthsCounts): number => [...m.values()].reduce((a, b) => a + b, 0);

/** The median in days, one decimal, of problems counted by their tenths of a day; null with none. */
function medianDays(m: TenthsCounts): number | null {
  const n = countOf(m);
  if (n === 0) return null;
  const sorted = [...m].filter(([, k]) => k > 0).sort(([a], [b]) => a - b);
  const at = (i: number): number => {
    let seen = 0;
    for (const [tenths, k] of sorted) {
      seen += k;
      if (i < seen) return tenths;
    }
    return sorted.at(-1)![0];
  };
  return Math.round((at(Math.floor((n - 1) / 2)) + at(Math.floor(n / 2))) / 2) / 10;
}

/** Figures per department the rows are assigned to (docs/workflow.md#the-notice). */
export function departmentProgress(asOf: string, rows: Iterable<SupervisedRow>, index?: DepartmentIndex, minDays = STALE_ESCALATION_DAYS): DepartmentFigures[] {
  return [...groupByDepartment(rows, index).values()].map(({ id, name, rows: mine }) => {
    const [f] = progressBy(
      'department',
      asOf,
      mine.map((r) => ({ ...r, values: { ...r.values, department: name } })),
      minDays,
    );
    const days: TenthsCounts = new Map();
    for (const r of mine) {
      const tenths = firstAnswerTenths(r);
      if (tenths !== undefined) addTenths(days, tenths, 1);
    }
    return {
      ...f!,
      ...(id !== undefined && { id }),
      name,
      assigned: f!.total,
      awaitingReview: mine.filter((r) => r.values.status === '待审核').length,
      answered: countOf(days),
      medianDaysToFirstAnswer: medianDays(days),
    };
  });
}

/** Each department's overdue problems (departments with the most first, then by name), each list capped at departmentItems(limit). */
export function overdueByDepartment(asOf: string, rows: Iterable<SupervisedRow>, index?: DepartmentIndex, limit = NOTICE_LIST_LIMIT): DepartmentOverdue[] {
  const out: DepartmentOverdue[] = [];
  for (const { id, name, rows: mine } of groupByDepartment(rows, index).values()) {
    const items = overdueProblems(asOf, mine);
    if (items.length > 0) out.push({ ...(id !== undefined && { id }), name, overdue: items.length, items: items.slice(0, departmentItems(limit)) });
  }
  return byMostOverdue(out);
}

const byMostOverdue = (xs: DepartmentOverdue[]): DepartmentOverdue[] => xs.sort((a, b) => b.overdue - a.overdue || byName(a.name, b.name));

// ---------------------------------------------------------------------------------------
// 4. The notice (通报)

export interface NoticeOptions {
  /** The period whose pushes count for "silent groups"; default the 7 days before asOf. */
  readonly period?: Period;
  /** N of stale escalations; default STALE_ESCALATION_DAYS. */
  readonly staleDays?: number;
  /** Rank rows kept per ranking / items per list (the totals always count everything). */
  readonly limit?: number;
  /** The county a county-scoped notice is for (absent: the whole city). */
  readonly county?: string;
  /** The registry of departments (inactive ones too, for their names); absent: names as written. */
  readonly departments?: readonly DepartmentRecord[];
}

/** Items kept in each list of a stored notice, so a document stays far below 1 MiB. */
export const NOTICE_LIST_LIMIT = 200;

/**
 * A department's most overdue problems a notice names (with the count of all of them): the
 * department's own to-do lists every one.
 */
export const NOTICE_DEPARTMENT_ITEMS = 20;

const departmentItems = (limit: number): number => Math.min(limit, NOTICE_DEPARTMENT_ITEMS);

export interface NoticeTotals {
  readonly problems: number;
  readonly resolved: number;
  readonly unresolved: number;
  readonly resolvedRate: number;
  readonly overdue: number;
  readonly escalated: number;
  readonly staleEscalations: number;
  readonly activeGroups: number;
  readonly reportedGroups: number;
  readonly silentGroups: number;
}

export interface Notice {
  /** The as-of day. */
  readonly date: string;
  /** Absent: the whole city. */
  readonly county?: string;
  /** Period of the pushes behind silentGroups. */
  readonly period: Period;
  readonly staleDays: number;
  /** Most overdue first (then lower resolved rate, then the order of COUNTIES). */
  readonly countiesByOverdue: ProgressFigures[];
  /** Lowest resolved rate first (then more overdue, then the order of COUNTIES). */
  readonly countiesByResolvedRate: ProgressFigures[];
  /** Departments by registry id over the problems assigned to them: most overdue first (then lower resolved rate, then name). */
  readonly departmentsByOverdue: DepartmentFigures[];
  /** Lowest resolved rate first (then more overdue, then name). */
  readonly departmentsByResolvedRate: DepartmentFigures[];
  /** Each department's overdue problems, departments with the most first. */
  readonly overdueByDepartment: DepartmentOverdue[];
  readonly sectorsByOverdue: ProgressFigures[];
  readonly silentGroups: SilentGroup[];
  /** Reporting per county: active, reported, silent groups. */
  readonly reporting: CadenceAnswer['byCounty'];
  /** Escalations without progress for staleDays or more, oldest first. */
  readonly oldestEscalations: EscalationItem[];
  /** Overdue problems, most overdue first. */
  readonly overdueProblems: OverdueItem[];
  readonly totals: NoticeTotals;
}

/**
 * What a notice counts, before ranking: each county's, sector's and department's figures, the
 * overdue problems, the stale escalations and each department's overdue problems (all of
 * them: lists are capped when the notice is put together), and the totals of problems.
 */
export interface NoticeFigures {
  readonly counties: ProgressFigures[];
  readonly sectors: ProgressFigures[];
  readonly departments: DepartmentFigures[];
  /** The overdue problems, most overdue first: all of them, or at least the ones the notice names. */
  readonly overdue: OverdueItem[];
  /** How many problems are overdue. */
  readonly overdueTotal: number;
  readonly escalations: EscalationItem[];
  readonly overdueByDepartment: DepartmentOverdue[];
  readonly problems: number;
  readonly resolved: number;
  readonly escalated: number;
}

/** The notice's figures from the live rows themselves (every row of the scope). */
export function noticeFiguresOfRows(
  asOf: string,
  rows: readonly SupervisedRow[],
  index: DepartmentIndex | undefined,
  staleDays: number,
  limit: number,
): NoticeFigures {
  let resolved = 0;
  let escalated = 0;
  for (const r of rows) {
    if (r.values.status === '已解决') resolved++;
    if (r.values.level === '提交市级') escalated++;
  }
  const overdue = overdueProblems(asOf, rows);
  return {
    counties: progressBy('county', asOf, rows, staleDays),
    sectors: progressBy('sector', asOf, rows, staleDays),
    departments: departmentProgress(asOf, rows, index, staleDays),
    overdue,
    overdueTotal: overdue.length,
    escalations: staleEscalations(asOf, rows, staleDays),
    overdueByDepartment: overdueByDepartment(asOf, rows, index, limit),
    problems: rows.length,
    resolved,
    escalated,
  };
}

/** One kept statistics cell of a county and group-by field (ledger/src/statCells.ts): its group, slot and count. */
export interface NoticeCell {
  readonly group: string;
  readonly slot: string;
  readonly n: number;
}

/** A kept cell with the county it counts in. */
export interface CountyNoticeCell extends NoticeCell {
  readonly county: string;
}

/**
 * The rows a notice from the kept statistics still reads: the overdue problems its lists name
 * (noticeLists), and the unresolved escalations unchanged for `staleDays` or more. Each may
 * hold more rows than those; only the ones that qualify count.
 */
export interface NoticeRows {
  readonly overdue: readonly SupervisedRow[];
  readonly escalations: readonly SupervisedRow[];
}

/** A cell's slot read: a status and level, a deadline day (`d:` any row, `a:` an assigned one), or tenths of a day to a first answer. */
type Slot = { kind: 's'; status: string; level: string } | { kind: 'd' | 'a'; day: string } | { kind: 'f'; tenths: number };

function slotOf(slot: string): Slot | undefined {
  const body = slot.slice(2);
  switch (slot.slice(0, 2)) {
    case 's:': {
      const [status, level] = body.split('|');
      return { kind: 's', status: status!, level: level! };
    }
    case 'd:':
      return { kind: 'd', day: body };
    case 'a:':
      return { kind: 'a', day: body };
    case 'f:':
      return { kind: 'f', tenths: Number(body) };
    default:
      return undefined;
  }
}

/** A deadline cell's problems are overdue on `asOf` (isOverdue: the day after the deadline). */
const overdueOn = (s: Slot | undefined, kind: 'd' | 'a', asOf: string): boolean => s?.kind === kind && s.day < asOf;

/**
 * Departments by registry id, as `assignedTo` reads a row: its id, else the registry's
 * reading of the name written; a kept cell's group (`id:…`, `text:…`) the same way.
 */
function departmentKeys(index: DepartmentIndex | undefined) {
  const names = new Map<string, { id?: string; name: string }>();
  const keyOf = (d: { id?: string; name: string }): string => {
    const k = d.id ?? `name:${d.name}`;
    if (!names.has(k)) names.set(k, d);
    return k;
  };
  return {
    ofGroup(group: string): string | undefined {
      if (group.startsWith('id:')) {
        const id = group.slice(3);
        return keyOf({ id, name: index?.byId(id)?.name ?? id });
      }
      const written = group.slice(5);
      if (written === EMPTY_KEY) return undefined;
      const id = index?.find(written)?.id;
      return keyOf(id === undefined ? { name: written } : { id, name: index?.byId(id)?.name ?? written });
    },
    ofRow(r: SupervisedRow): string | undefined {
      const d = assignedTo(r, index);
      return d === undefined ? undefined : keyOf(d);
    },
    named: (key: string) => names.get(key)!,
  };
}

/**
 * One list of overdue problems a day's notices name, as one query of the store: the open
 * problems past their deadline (of a county, of a department: assigned to it, by the groups
 * its kept cells name it under), the `take` most overdue (by deadline, then id).
 */
export interface NoticeList {
  readonly county?: string;
  /** The department's kept-cell groups: `id:<registry id>`, or `text:<name>` for rows stored without an id. */
  readonly departmentGroups?: readonly string[];
  readonly take: number;
}

/** Statuses of a problem assigned to a department that can still become overdue. */
export const ASSIGNED_OPEN_STATUSES = ASSIGNED_STATUSES.filter((x) => !SETTLED_STATUSES.includes(x as string)) as readonly string[];

/** Whether an overdue problem belongs to a list (the store asks the same of its index). */
export function inNoticeList(list: NoticeList, r: SupervisedRow): boolean {
  if (list.county !== undefined && r.values.county !== list.county) return false;
  if (list.departmentGroups === undefined) return true;
  if (!ASSIGNED_OPEN_STATUSES.includes(r.values.status as string)) return false;
  return list.departmentGroups.some((g) =>
    g.startsWith('id:') ? r.departmentId === g.slice(3) : (r.departmentId ?? null) === null && r.values.department === g.slice(5),
  );
}

/**
 * The lists of overdue problems a day's notices name: the most overdue `limit` of each
 * county, and the most overdue NOTICE_DEPARTMENT_ITEMS of each department in each county.
 * The kept cells say which lists have any and how many; each is one query of at most what it
 * names, so a notice reads what it names, not the store.
 */
export function noticeLists(
  asOf: string,
  cells: { county: readonly CountyNoticeCell[]; assigned: readonly CountyNoticeCell[] },
  index: DepartmentIndex | undefined,
  limit: number,
): NoticeList[] {
  const keys = departmentKeys(index);
  const counties = new Map<string, number>();
  for (const c of cells.county) {
    if (!overdueOn(slotOf(c.slot), 'd', asOf)) continue;
    counties.set(c.county, (counties.get(c.county) ?? 0) + c.n);
  }
  // Each department: the kept-cell groups it is named under, its overdue problems in each county.
  const departments = new Map<string, { groups: Set<string>; counties: Map<string, number> }>();
  for (const c of cells.assigned) {
    if (!overdueOn(slotOf(c.slot), 'a', asOf)) continue;
    const k = keys.ofGroup(c.group);
    if (k === undefined) continue;
    const d = departments.get(k) ?? { groups: new Set<string>(), counties: new Map<string, number>() };
    departments.set(k, d);
    d.groups.add(c.group);
    d.counties.set(c.county, (d.counties.get(c.county) ?? 0) + c.n);
  }
  // The city's lists are not asked for: the city's most overdue are among its counties' most
  // overdue, and a department's among its most overdue in each county.
  const lists: NoticeList[] = [];
  const add = (n: number, cap: number, list: Omit<NoticeList, 'take'>): void => {
    if (n > 0) lists.push({ ...list, take: Math.min(n, cap) });
  };
  for (const [county, n] of counties) add(n, limit, { county });
  for (const d of departments.values()) {
    const departmentGroups = [...d.groups].sort();
    for (const [county, n] of d.counties) add(n, departmentItems(limit), { county, departmentGroups });
  }
  return lists;
}

/**
 * The notice's figures from the kept statistics (each county's, sector's and department's
 * problems by status and level, by deadline day, and by days to a first answer) and the few
 * rows counts cannot name (NoticeRows): the same figures `noticeFiguresOfRows` finds in every row.
 */
export function noticeFiguresOfCells(
  asOf: string,
  cells: { county: readonly NoticeCell[]; sector: readonly NoticeCell[]; department: readonly NoticeCell[]; assigned: readonly NoticeCell[] },
  rows: NoticeRows,
  index: DepartmentIndex | undefined,
  staleDays: number,
  limit: number,
): NoticeFigures {
  const overdue = overdueProblems(asOf, rows.overdue);
  const escalations = staleEscalations(asOf, rows.escalations, staleDays);
  const overdueIds = new Set(overdue.map((o) => o.id));
  const staleIds = new Set(escalations.map((e) => e.id));
  const overdueRows = rows.overdue.filter((r) => overdueIds.has(r.id));
  const staleRows = rows.escalations.filter((r) => staleIds.has(r.id));

  interface Tally {
    total: number;
    resolved: number;
    escalated: number;
    overdue: number;
    staleEscalations: number;
    awaitingReview: number;
    days: TenthsCounts;
  }
  const tally = (): Tally => ({ total: 0, resolved: 0, escalated: 0, overdue: 0, staleEscalations: 0, awaitingReview: 0, days: new Map() });
  /** Adds cells to their group's tally; `deadlines` is the kind of deadline cell that counts as overdue. */
  const countCells = (list: readonly NoticeCell[], keyOf: (group: string) => string | undefined, deadlines: 'd' | 'a', into: Map<string, Tally>): void => {
    for (const c of list) {
      const s = slotOf(c.slot);
      if (s === undefined || (s.kind === 's' && deadlines === 'a' && !ASSIGNED_STATUSES.includes(s.status))) continue;
      const key = keyOf(c.group);
      if (key === undefined) continue;
      const t = into.get(key) ?? tally();
      into.set(key, t);
      if (s.kind === 's') {
        t.total += c.n;
        if (s.status === '已解决') t.resolved += c.n;
        if (s.level === '提交市级') t.escalated += c.n;
        if (s.status === '待审核') t.awaitingReview += c.n;
      } else if (s.kind === 'f') addTenths(t.days, s.tenths, c.n);
      else if (overdueOn(s, deadlines, asOf)) t.overdue += c.n;
    }
  };
  const countStale = (m: Map<string, Tally>, keyOf: (r: SupervisedRow) => string | undefined): void => {
    for (const r of staleRows) {
      const k = keyOf(r);
      const t = k === undefined ? undefined : m.get(k);
      if (t) t.staleEscalations++;
    }
  };
  // A group whose copies sum to nothing has no rows (one copy took back what another added).
  const figures = (m: Map<string, Tally>): ProgressFigures[] =>
    [...m.entries()]
      .filter(([, t]) => t.total !== 0)
      .map(([key, t]) => ({
        key,
        total: t.total,
        resolved: t.resolved,
        unresolved: t.total - t.resolved,
        overdue: t.overdue,
        escalated: t.escalated,
        staleEscalations: t.staleEscalations,
        resolvedRate: rate(t.resolved, t.total),
        overdueRate: rate(t.overdue, t.total),
      }));
  const byField = (field: 'county' | 'sector', list: readonly NoticeCell[]): ProgressFigures[] => {
    const m = new Map<string, Tally>();
    countCells(list, (group) => (group === EMPTY_KEY ? undefined : group), 'd', m);
    countStale(m, (r) => str(r.values[field]));
    return figures(m);
  };

  const keys = departmentKeys(index);
  const depts = new Map<string, Tally>();
  countCells([...cells.department, ...cells.assigned], (group) => keys.ofGroup(group), 'a', depts);
  countStale(depts, (r) => keys.ofRow(r));
  const departments: DepartmentFigures[] = figures(depts).map((f) => {
    const { id, name } = keys.named(f.key);
    const t = depts.get(f.key)!;
    return {
      ...f,
      key: name,
      ...(id !== undefined && { id }),
      name,
      assigned: f.total,
      awaitingReview: t.awaitingReview,
      answered: countOf(t.days),
      medianDaysToFirstAnswer: medianDays(t.days),
    };
  });

  // Each department's overdue problems: how many from the cells, the most overdue from the rows read.
  const itemsOf = new Map<string, SupervisedRow[]>();
  for (const r of overdueRows) {
    const k = keys.ofRow(r);
    if (k !== undefined) itemsOf.set(k, [...(itemsOf.get(k) ?? []), r]);
  }
  const departmentOverdue = [...depts]
    .filter(([, t]) => t.total !== 0 && t.overdue > 0)
    .map(([k, t]) => {
      const { id, name } = keys.named(k);
      const items = overdueProblems(asOf, itemsOf.get(k) ?? []).slice(0, departmentItems(limit));
      return { ...(id !== undefined && { id }), name, overdue: t.overdue, items };
    });

  const counties = byField('county', cells.county);
  return {
    counties,
    sectors: byField('sector', cells.sector),
    departments,
    overdue,
    overdueTotal: counties.reduce((n, c) => n + c.overdue, 0),
    escalations,
    overdueByDepartment: byMostOverdue(departmentOverdue),
    problems: counties.reduce((n, c) => n + c.total, 0),
    resolved: counties.reduce((n, c) => n + c.resolved, 0),
    escalated: counties.reduce((n, c) => n + c.escalated, 0),
  };
}

/**
 * The notice of day `asOf`: rankings, silent groups, stale escalations, overdue problems.
 * Withdrawn rows must not be passed. With `options.county`, only that county's rows, groups
 * and pushes count.
 */
export function buildNotice(
  asOf: string,
  rows: readonly SupervisedRow[],
  groups: readonly GroupRecord[],
  activity: readonly GroupActivity[],
  options: NoticeOptions = {},
): Notice {
  const { county } = options;
  const mine = county === undefined ? rows : rows.filter((r) => r.values.county === county);
  const index = options.departments && options.departments.length > 0 ? departmentIndex(options.departments) : undefined;
  const figures = noticeFiguresOfRows(asOf, mine, index, options.staleDays ?? STALE_ESCALATION_DAYS, options.limit ?? NOTICE_LIST_LIMIT);
  return assembleNotice(asOf, figures, groups, activity, options);
}

/** The notice of day `asOf` from its figures (of the county's rows with `options.county`), the groups and their pushes. */
export function assembleNotice(
  asOf: string,
  figures: NoticeFigures,
  groups: readonly GroupRecord[],
  activity: readonly GroupActivity[],
  options: NoticeOptions = {},
): Notice {
  const { county } = options;
  const staleDays = options.staleDays ?? STALE_ESCALATION_DAYS;
  const limit = options.limit ?? NOTICE_LIST_LIMIT;
  const period = options.period ?? { from: addDays(asOf, -7), to: addDays(asOf, -1) };
  const myGroups = county === undefined ? groups : groups.filter((g) => g.county === county);
  const myActivity = county === undefined ? activity : activity.filter((a) => a.county === county);
  const { counties, departments, sectors, overdue, escalations, problems, resolved, escalated } = figures;

  const countyOrder = (a: ProgressFigures, b: ProgressFigures) => byCounty(a.key, b.key);
  const nameOrder = (a: ProgressFigures, b: ProgressFigures) => byName(a.key, b.key);
  const overdueFirst = (tie: typeof countyOrder) => (a: ProgressFigures, b: ProgressFigures) =>
    b.overdue - a.overdue || a.resolvedRate - b.resolvedRate || tie(a, b);
  const slowFirst = (tie: typeof countyOrder) => (a: ProgressFigures, b: ProgressFigures) =>
    a.resolvedRate - b.resolvedRate || b.overdue - a.overdue || tie(a, b);

  const cadence = reportingCadence(period, myGroups, myActivity);
  const top = <T>(xs: T[]): T[] => xs.slice(0, limit);
  return {
    date: asOf,
    ...(county !== undefined && { county }),
    period,
    staleDays,
    countiesByOverdue: [...counties].sort(overdueFirst(countyOrder)),
    countiesByResolvedRate: [...counties].sort(slowFirst(countyOrder)),
    departmentsByOverdue: top([...departments].sort(overdueFirst(nameOrder))),
    departmentsByResolvedRate: top([...departments].sort(slowFirst(nameOrder))),
    overdueByDepartment: top(figures.overdueByDepartment),
    sectorsByOverdue: [...sectors].sort(overdueFirst(nameOrder)),
    silentGroups: top(cadence.silentGroups),
    reporting: cadence.byCounty,
    oldestEscalations: top(escalations),
    overdueProblems: top(overdue),
    totals: {
      problems,
      resolved,
      unresolved: problems - resolved,
      resolvedRate: rate(resolved, problems),
      overdue: figures.overdueTotal,
      escalated,
      staleEscalations: escalations.length,
      activeGroups: cadence.totals.activeGroups,
      reportedGroups: cadence.totals.reported,
      silentGroups: cadence.totals.silent,
    },
  };
}

/** The notice as Markdown, in Chinese (the one layout: ./noticeLayout). `shown` caps each list (default 20). */
export function noticeMarkdown(n: Notice, shown = 20): string {
  return noticeLayoutMarkdown(noticeLayout(n, { lang: 'zh', shown }));
}
