// Who may change what on a problem (docs/workflow.md#who-may-change-what). One pure
// module: the server judges every push with it, and clients ask it before a push which
// columns the account may not change, so a clerk hears "refused" before anything is sent.

import { problems } from './ledgers/problems';
import type { Bilingual } from './messages';

export type CallerRole = 'clerk' | 'coordinator' | 'admin' | 'department';

export interface Caller {
  readonly role: CallerRole;
  /** A clerk's or county coordinator's county; absent = the whole city. */
  readonly county?: string;
  /** A clerk's work group. */
  readonly group?: string;
  /** A department account's registry id. */
  readonly department?: string;
}

type Values = Readonly<Record<string, unknown>>;

/** What the rights need of a stored row. */
export interface StoredRow {
  readonly values: Values;
  /** The creating clerk's group; null when a coordinator or an administrator created it. */
  readonly ownerGroup: string | null;
  /** The registry id of the department the row names, when it names one. */
  readonly departmentId?: string | null;
  readonly withdrawn?: boolean;
}

export type RightsVerdict =
  | { readonly ok: true }
  /** Refused whole: `fields` lists what the caller may not change (empty: the row itself). */
  | { readonly ok: false; readonly kind: 'forbidden'; readonly fields: readonly string[]; readonly reason: Bilingual }
  /** A transition that is allowed only with more said (退回 needs its 审核意见). */
  | { readonly ok: false; readonly kind: 'invalid'; readonly field: string; readonly code: 'required'; readonly reason: Bilingual };

export const REPORT_FIELDS = [
  'county',
  'township',
  'targetType',
  'targetName',
  'creditCode',
  'group',
  'sector',
  'category',
  'description',
  'foundOn',
  'contact',
  'phone',
  'remarks',
] as const;
const HANDLING_FIELDS = ['department', 'deadline', 'status'] as const;
const ANSWER_FIELDS = ['resolution', 'resolvedOn'] as const;
const FOLLOW_UP_FIELDS = ['followUp', 'followUpOn'] as const;

const LOCAL_LEVELS: readonly unknown[] = ['现场解决', '协调解决'];
const CITY_LEVEL = '提交市级';
/** Statuses a department's problem is in once it has been assigned. */
export const ASSIGNED_STATUSES: readonly unknown[] = ['办理中', '待审核', '已解决', '长期推进'];

/** A city-wide coordinator or an administrator: the city office, who may decide anything. */
export function isCityOffice(c: Caller): boolean {
  return c.role === 'admin' || (c.role === 'coordinator' && c.county === undefined);
}

function inCounty(c: Caller, county: unknown): boolean {
  return c.county === undefined || c.county === county;
}

/** May the caller read this stored problem at all (and so hear that it exists)? */
export function mayRead(c: Caller, row: StoredRow): boolean {
  switch (c.role) {
    case 'admin':
      return true;
    case 'coordinator':
    case 'clerk':
      return inCounty(c, row.values.county);
    case 'department':
      return c.department !== undefined && row.departmentId === c.department && ASSIGNED_STATUSES.includes(row.values.status);
  }
}

/** May the caller write this stored row at all: its own group's, its county's, assigned to it. */
function mayTouch(c: Caller, row: StoredRow): boolean {
  switch (c.role) {
    case 'admin':
      return true;
    case 'coordinator':
      return inCounty(c, row.values.county);
    case 'clerk':
      return inCounty(c, row.values.county) && row.ownerGroup !== null && row.ownerGroup === c.group;
    case 'department':
      return mayRead(c, row);
  }
}

function same(a: unknown, b: unknown): boolean {
  return (a ?? undefined) === (b ?? undefined);
}

const COLUMN = new Map(problems.fields.map((f, i) => [f.key, i]));

/** The keys whose canonical values differ between the stored row and the pushed values, in column order. */
export function changedFields(before: Values, after: Values): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const at = (k: string) => COLUMN.get(k) ?? Number.MAX_SAFE_INTEGER;
  return [...keys].filter((k) => !same(before[k], after[k])).sort((a, b) => at(a) - at(b) || a.localeCompare(b));
}

/**
 * The owner's reason for each field the caller may not change, given the level the row is
 * at before and after the push. `undefined`: the change is the caller's to make.
 */
function refusal(c: Caller, field: string, before: Values, after: Values): Bilingual | undefined {
  if (isCityOffice(c)) return undefined;
  const wasLocal = LOCAL_LEVELS.includes(before.level);
  const isLocal = LOCAL_LEVELS.includes(after.level);
  const escalating = wasLocal && after.level === CITY_LEVEL;
  if (c.role === 'department') {
    if ((ANSWER_FIELDS as readonly string[]).includes(field)) return undefined;
    if (field === 'status' && departmentStep(before.status, after.status)) return undefined;
    if (field === 'status') return DEPARTMENT_STATUS;
    return DEPARTMENT_ONLY_ANSWERS;
  }
  if ((REPORT_FIELDS as readonly string[]).includes(field)) return undefined;
  if ((FOLLOW_UP_FIELDS as readonly string[]).includes(field)) return undefined;
  if (field === 'level') {
    if (wasLocal && (isLocal || after.level === CITY_LEVEL)) return undefined;
    return CITY_DECIDES;
  }
  if (field === 'review') {
    if (c.role === 'coordinator' && before.level === '协调解决' && after.level === '协调解决') return undefined;
    return c.role === 'clerk' ? REVIEW_NOT_CLERK : before.level === CITY_LEVEL ? CITY_DECIDES : REVIEW_WHEN_COORDINATED;
  }
  if (wasLocal && isLocal) return undefined;
  // Escalating hands the decision to the city: a department and deadline typed stay a
  // suggestion, and the problem waits to be assigned.
  if (escalating && (field === 'department' || field === 'deadline')) return undefined;
  if (escalating && field === 'status') return after.status === '待办理' ? undefined : ESCALATED_WAITS;
  return CITY_DECIDES;
}

function departmentStep(from: unknown, to: unknown): boolean {
  return (from === '办理中' && to === '待审核') || (from === '待审核' && to === '办理中');
}

const CITY_DECIDES: Bilingual = {
  zh: '提交市级的问题由市级交办和审核，县级和工作组不能修改',
  en: 'A problem submitted to the city is assigned and reviewed by the city office; the county and the work group cannot change this',
};
const ESCALATED_WAITS: Bilingual = {
  zh: '提交市级的问题须为「待办理」，由市级交办',
  en: 'A problem submitted to the city must be 待办理 (awaiting assignment); the city office assigns it',
};
const REVIEW_WHEN_COORDINATED: Bilingual = {
  zh: '县级协调员只在「协调解决」的问题上填写审核意见',
  en: 'A county coordinator writes a review only on problems at 协调解决',
};
const REVIEW_NOT_CLERK: Bilingual = {
  zh: '审核意见由县级协调员或市级填写',
  en: 'The review is written by the county coordinator or the city office',
};
const DEPARTMENT_STATUS: Bilingual = {
  zh: '责任单位只能将「办理中」改为「待审核」（申请办结），或将「待审核」改回「办理中」',
  en: 'A department can only move 办理中 to 待审核 (ask to close) or 待审核 back to 办理中',
};
const DEPARTMENT_ONLY_ANSWERS: Bilingual = {
  zh: '责任单位只能填写解决措施及进展、解决日期和办理状态',
  en: 'A department can only fill in the resolution and progress, the resolved date and the status',
};
const NOT_YOURS: Bilingual = {
  zh: '您无权修改此行：它不属于您的工作组、所辖县（区、市）或交办给您的问题',
  en: 'You may not change this row: it is not your work group’s, in your county, or assigned to you',
};
const DEPARTMENT_CREATES_NOTHING: Bilingual = {
  zh: '责任单位账户不能新增问题，只能办理交办给本单位的问题',
  en: 'A department account cannot add problems; it handles the problems assigned to it',
};
const RETURN_NEEDS_REVIEW: Bilingual = {
  zh: '退回须填写新的审核意见，说明退回原因',
  en: 'Returning a problem needs a new review saying why',
};
const FROM_REVIEW: Bilingual = {
  zh: '「待审核」的问题只能审核通过（改为「已解决」）或退回（改为「办理中」并填写审核意见）',
  en: 'A problem awaiting review can only be accepted (已解决) or returned (办理中 with a review)',
};

/** Judges a new problem row a caller sends (no stored row). Scope by county is judged elsewhere. */
export function judgeCreate(c: Caller, values: Values): RightsVerdict {
  if (c.role === 'department') return { ok: false, kind: 'forbidden', fields: [], reason: DEPARTMENT_CREATES_NOTHING };
  if (!isCityOffice(c) && values.level === CITY_LEVEL && values.status !== undefined && values.status !== '待办理') {
    return { ok: false, kind: 'forbidden', fields: ['status'], reason: ESCALATED_WAITS };
  }
  return { ok: true };
}

/**
 * Judges a change to a stored problem: allowed, refused whole with the fields the caller may
 * not change, or a 退回 without its reason. A withdrawal is a change of the row itself.
 */
export function judgeChange(c: Caller, row: StoredRow, values: Values | 'withdraw'): RightsVerdict {
  if (!mayTouch(c, row)) return { ok: false, kind: 'forbidden', fields: [], reason: NOT_YOURS };
  if (values === 'withdraw') {
    return c.role === 'department' ? { ok: false, kind: 'forbidden', fields: [], reason: DEPARTMENT_ONLY_ANSWERS } : { ok: true };
  }
  const before = row.values;
  if (!isCityOffice(c) && c.role !== 'department' && before.level !== CITY_LEVEL && values.level === CITY_LEVEL && values.status !== '待办理') {
    return { ok: false, kind: 'forbidden', fields: ['status'], reason: ESCALATED_WAITS };
  }
  const changed = changedFields(before, values);
  const refused = changed.map((f) => [f, refusal(c, f, before, values)] as const).filter(([, r]) => r !== undefined);
  if (refused.length > 0) {
    return { ok: false, kind: 'forbidden', fields: refused.map(([f]) => f), reason: refused[0]![1]! };
  }
  if (before.status === '待审核' && values.status !== '待审核' && c.role !== 'department') {
    if (values.status === '办理中') {
      const review = values.review;
      if (typeof review !== 'string' || review.trim() === '' || same(review, before.review)) {
        return { ok: false, kind: 'invalid', field: 'review', code: 'required', reason: RETURN_NEEDS_REVIEW };
      }
    } else if (values.status !== '已解决') {
      return { ok: false, kind: 'forbidden', fields: ['status'], reason: FROM_REVIEW };
    }
  }
  return { ok: true };
}

/**
 * The columns the caller can change on a row at this level, for marking a sheet's header
 * before a push (the transitions' finer rules are judged by `judgeChange`).
 */
export function editableFields(c: Caller, level: unknown): ReadonlySet<string> {
  const all = [...REPORT_FIELDS, 'level', ...HANDLING_FIELDS, ...ANSWER_FIELDS, 'review', ...FOLLOW_UP_FIELDS];
  if (isCityOffice(c)) return new Set(all);
  if (c.role === 'department') return new Set([...ANSWER_FIELDS, 'status']);
  const local = LOCAL_LEVELS.includes(level);
  return new Set(
    all.filter((f) => {
      if ((REPORT_FIELDS as readonly string[]).includes(f) || (FOLLOW_UP_FIELDS as readonly string[]).includes(f)) return true;
      if (f === 'review') return c.role === 'coordinator' && level === '协调解决';
      return local;
    }),
  );
}
