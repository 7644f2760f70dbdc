// Reminders sent to the group robots (channels.ts): what each office is told, in plain
// official Chinese, within the platform's size limit. Pure: rows, figures and the day come in;
// a reminder, or undefined when there is nothing to say, comes out.
//
// - a county, each morning: its work groups that have not reported in the period, its overdue
//   problems, problems awaiting assignment (待办理 at 协调解决 or 提交市级) and awaiting review
//   (待审核);
// - a department, each morning: problems newly assigned to it and not yet answered, problems
//   returned to it, problems due within 7 days, overdue problems — all by the row's
//   `departmentId`, which only the department workflow writes;
// - the city office, each morning: the notice's headline figures, the counties with the lowest
//   resolved rate and the departments with the most overdue problems;
// - a department, at once: a problem assigned to it (交办) or returned to it (退回).

import type { Notice, SupervisedRow } from './supervision';
import { overdueProblems } from './supervision';
import { DUE_SOON_DAYS } from './inbox';
import { addDays } from './types/date';

/** Every message starts with it, so a DingTalk robot's keyword check (自定义关键词) can ask for it. */
export const REMINDER_KEYWORD = '台账';

/**
 * Bytes of UTF-8 a message may have. WeCom: markdown content ≤ 4,096 bytes; DingTalk gives
 * no smaller figure for markdown, so the same limit serves both.
 */
export const REMINDER_MAX_BYTES = 4096;
/** Items a list shows before it ends with 等 N 项 (fewer when the message would be too long). */
export const REMINDER_LIST_ITEMS = 10;

export interface ReminderSection {
  readonly heading: string;
  /** How many there are; `items` may list fewer. */
  readonly total: number;
  readonly items: readonly string[];
}

export interface Reminder {
  readonly title: string;
  readonly lines: readonly string[];
  readonly sections: readonly ReminderSection[];
}

const bytes = (s: string): number => new TextEncoder().encode(s).length;

/**
 * Text from the ledgers made safe inside a robot's Markdown: one line, no mention syntax
 * (WeCom's <@userid>), no emphasis or link markers, at most `max` characters.
 */
export function plain(x: unknown, max = 60): string {
  const s = String(x ?? '')
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/</g, '＜')
    .replace(/>/g, '＞')
    .replace(/\*/g, '＊')
    .replace(/`/g, '｀')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/#/g, '＃')
    .replace(/@/g, '＠')
    .replace(/_/g, '＿')
    .trim();
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

function render(r: Reminder, shown: readonly number[]): string {
  const out = [`### 【${REMINDER_KEYWORD}】${r.title}`, ...r.lines];
  r.sections.forEach((s, i) => {
    out.push('', `**${s.heading}：${s.total} 项**`);
    const n = Math.min(shown[i]!, s.items.length);
    s.items.slice(0, n).forEach((item, k) => out.push(`${k + 1}. ${item}`));
    if (s.total > n) out.push(n === 0 ? `共 ${s.total} 项` : `等 ${s.total} 项`);
  });
  return out.join('\n');
}

/**
 * The reminder as Markdown of at most `maxBytes` UTF-8 bytes: each list shows up to
 * REMINDER_LIST_ITEMS items, the longest lists giving up items first until it fits;
 * a shortened list ends with 等 N 项.
 */
export function renderReminder(r: Reminder, maxBytes = REMINDER_MAX_BYTES): string {
  const shown = r.sections.map((s) => Math.min(REMINDER_LIST_ITEMS, s.items.length));
  let text = render(r, shown);
  while (bytes(text) > maxBytes) {
    let longest = -1;
    shown.forEach((n, i) => {
      if (n > 0 && (longest < 0 || n > shown[longest]!)) longest = i;
    });
    if (longest < 0) break;
    shown[longest]!--;
    text = render(r, shown);
  }
  if (bytes(text) <= maxBytes) return text;
  // Only the headings left and still too long: cut at a character boundary.
  const chars = [...text];
  while (bytes(chars.join('')) > maxBytes - 3) chars.pop();
  return `${chars.join('')}…`;
}

const section = (heading: string, items: readonly string[], total = items.length): ReminderSection => ({ heading, total, items });
const nonEmpty = (xs: ReminderSection[]) => xs.filter((s) => s.total > 0);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');
const byDeadline = (a: SupervisedRow, b: SupervisedRow) =>
  str(a.values.deadline).localeCompare(str(b.values.deadline)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const problemLine = (r: SupervisedRow, tail: string) => `${r.id} ${plain(r.values.targetName, 30)}${tail}`;

// ---------------------------------------------------------------------------------------
// County

export interface CountyDigestInput {
  readonly asOf: string;
  readonly county: string;
  /** The county's notice of the day: its silent groups and period. */
  readonly notice: Pick<Notice, 'silentGroups' | 'period' | 'totals'>;
  /** The county's live problems. */
  readonly rows: readonly SupervisedRow[];
}

export const isAwaitingAssignment = (v: Readonly<Record<string, unknown>>): boolean =>
  v.status === '待办理' && (v.level === '协调解决' || v.level === '提交市级');
export const isAwaitingReview = (v: Readonly<Record<string, unknown>>): boolean => v.status === '待审核';

export function countyDigest({ asOf, county, notice, rows }: CountyDigestInput): Reminder | undefined {
  const mine = rows.filter((r) => r.values.county === county);
  const overdue = overdueProblems(asOf, mine);
  const toAssign = mine.filter((r) => isAwaitingAssignment(r.values)).sort(byDeadline);
  const toReview = mine.filter((r) => isAwaitingReview(r.values)).sort(byDeadline);
  const sections = nonEmpty([
    section(
      `未报送工作组（${notice.period.from} 至 ${notice.period.to}）`,
      notice.silentGroups.map((g) => plain(g.name, 30)),
      notice.totals.silentGroups,
    ),
    section(
      '超期问题',
      overdue.map((o) => `${o.id} ${plain(o.targetName, 30)}，超期 ${o.daysOverdue} 天${o.department ? `（${plain(o.department, 20)}）` : ''}`),
    ),
    section(
      '待交办问题',
      toAssign.map((r) => problemLine(r, `（${str(r.values.level)}）`)),
    ),
    section(
      '待审核问题',
      toReview.map((r) => problemLine(r, r.values.department ? `（${plain(r.values.department, 20)}）` : '')),
    ),
  ]);
  if (sections.length === 0) return undefined;
  return {
    title: `${county}每日提醒（${asOf}）`,
    lines: [`截至 ${asOf}，请${county}督促以下事项：`],
    sections,
  };
}

// ---------------------------------------------------------------------------------------
// Department

/** A problem assigned to a department, with the workflow's times (epoch ms) when present. */
export interface DepartmentRow extends SupervisedRow {
  readonly assignedAt?: number;
  readonly answeredAt?: number;
  readonly returnedAt?: number;
}

export interface DepartmentDigestInput {
  readonly asOf: string;
  readonly departmentName: string;
  /** Problems whose departmentId is the department's. */
  readonly rows: readonly DepartmentRow[];
}

export function departmentDigest({ asOf, departmentName, rows }: DepartmentDigestInput): Reminder | undefined {
  const assigned = rows.filter((r) => r.values.status !== '待办理').sort(byDeadline);
  const working = assigned.filter((r) => r.values.status === '办理中');
  const soon = addDays(asOf, DUE_SOON_DAYS);
  const isNew = (r: DepartmentRow) => r.assignedAt !== undefined && !(r.answeredAt !== undefined && r.answeredAt >= r.assignedAt);
  const isReturned = (r: DepartmentRow) => r.returnedAt !== undefined && !(r.answeredAt !== undefined && r.answeredAt > r.returnedAt);
  const deadline = (r: SupervisedRow) => (r.values.deadline ? `，办结时限 ${str(r.values.deadline)}` : '');
  const sections = nonEmpty([
    section(
      '新交办问题',
      working.filter(isNew).map((r) => problemLine(r, deadline(r))),
    ),
    section(
      '被退回问题',
      working.filter(isReturned).map((r) => problemLine(r, deadline(r))),
    ),
    section(
      `${DUE_SOON_DAYS} 日内到期问题`,
      working.filter((r) => str(r.values.deadline) >= asOf && str(r.values.deadline) <= soon).map((r) => problemLine(r, deadline(r))),
    ),
    section(
      '超期问题',
      overdueProblems(asOf, assigned).map((o) => `${o.id} ${plain(o.targetName, 30)}，超期 ${o.daysOverdue} 天`),
    ),
  ]);
  if (sections.length === 0) return undefined;
  const name = plain(departmentName, 40);
  return {
    title: `${name}每日提醒（${asOf}）`,
    lines: [`截至 ${asOf}，交办${name}的问题中有以下事项需要办理：`],
    sections,
  };
}

// ---------------------------------------------------------------------------------------
// City office

/** Counties and departments named as the slowest. */
export const CITY_SLOWEST = 3;

const pct = (x: number): string => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

export function cityDigest(n: Notice): Reminder | undefined {
  const t = n.totals;
  if (t.problems === 0 && t.activeGroups === 0) return undefined;
  const counties = n.countiesByResolvedRate.filter((c) => c.unresolved > 0).slice(0, CITY_SLOWEST);
  const departments = n.departmentsByOverdue.filter((d) => d.overdue > 0).slice(0, CITY_SLOWEST);
  return {
    title: `全市每日通报摘要（${n.date}）`,
    lines: [
      `截至 ${n.date}，全市共梳理问题 ${t.problems} 个，已解决 ${t.resolved} 个，解决率 ${pct(t.resolvedRate)}；超过办结时限 ${t.overdue} 个；` +
        `提交市级 ${t.escalated} 个，其中 ${t.staleEscalations} 个连续 ${n.staleDays} 天以上无进展；` +
        `${n.period.from} 至 ${n.period.to} 未报送工作组 ${t.silentGroups} 个。`,
    ],
    sections: nonEmpty([
      section(
        '解决率最低的县（区、市）',
        counties.map((c) => `${plain(c.key, 20)}：解决率 ${pct(c.resolvedRate)}，超期 ${c.overdue} 个`),
      ),
      section(
        '超期问题最多的责任单位',
        departments.map((d) => `${plain(d.key, 30)}：超期 ${d.overdue} 个，解决率 ${pct(d.resolvedRate)}`),
      ),
    ]),
  };
}

// ---------------------------------------------------------------------------------------
// At once: 交办 and 退回

/** A problem as the push path holds it before and after a change. */
export interface ProblemState {
  readonly values: Readonly<Record<string, unknown>>;
  readonly departmentId?: string;
}

export interface ProblemEvent {
  readonly kind: 'assigned' | 'returned';
  readonly problemId: string;
  /** The row's version after the change that caused the event: one event per change. */
  readonly version: number;
  readonly departmentId: string;
}

/**
 * What a change to a problem tells its department, if anything: 交办 when the problem is
 * 办理中 with a department it was not 办理中 with before (newly assigned, or moved to another
 * department); 退回 when it goes from 待审核 back to 办理中 with the same department.
 */
export function problemEvent(problemId: string, version: number, before: ProblemState | undefined, after: ProblemState): ProblemEvent | undefined {
  const dept = after.departmentId ?? '';
  if (dept === '' || after.values.status !== '办理中') return undefined;
  const wasWith = before?.departmentId ?? '';
  const wasStatus = before?.values.status;
  if (wasWith !== dept || (wasStatus !== '办理中' && wasStatus !== '待审核')) {
    return { kind: 'assigned', problemId, version, departmentId: dept };
  }
  if (wasStatus === '待审核') return { kind: 'returned', problemId, version, departmentId: dept };
  return undefined;
}

/** The message of an event, decided from the row as it was committed. */
export function eventReminder(e: ProblemEvent, values: Readonly<Record<string, unknown>>): Reminder {
  const what = `${plain(values.county, 10)}「${plain(values.targetName, 40)}」反映的问题（${e.problemId}）`;
  const deadline = values.deadline ? `，办结时限 ${str(values.deadline)}` : '';
  const description = values.description ? [`问题描述：${plain(values.description, 200)}`] : [];
  if (e.kind === 'assigned') {
    return { title: '问题交办提醒', lines: [`${what}已交办你单位办理${deadline}，请及时办理并反馈。`, ...description], sections: [] };
  }
  const review = values.review ? [`审核意见：${plain(values.review, 300)}`] : [];
  return { title: '问题退回提醒', lines: [`${what}经审核退回你单位，请继续办理${deadline}。`, ...review, ...description], sections: [] };
}
