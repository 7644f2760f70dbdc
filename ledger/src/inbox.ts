// What awaits whom (docs/workflow.md#the-to-do): the reasons a problem is on someone's
// to-do list, decided when the problem changes and kept on it as labels, so that a to-do
// reads only the problems it lists, never the whole store. Pure: the store calls it in the
// same commit as the change, and tests call it directly.

import { SETTLED_STATUSES } from './domain';
import { ASSIGNED_STATUSES, type Caller } from './rights';

export type InboxReason = 'to_assign' | 'to_review' | 'overdue' | 'new' | 'returned' | 'due_soon' | 'follow_up' | 'possible_duplicate';

/** The reasons each role's to-do has, in the order the pane shows them. */
export const INBOX_REASONS: Readonly<Record<Caller['role'], readonly InboxReason[]>> = {
  coordinator: ['to_assign', 'to_review', 'overdue', 'possible_duplicate'],
  admin: ['to_assign', 'to_review', 'overdue', 'possible_duplicate'],
  department: ['new', 'returned', 'due_soon', 'overdue'],
  clerk: ['follow_up', 'overdue'],
};

export const INBOX_REASON_NAMES: Readonly<Record<InboxReason, { zh: string; en: string }>> = {
  to_assign: { zh: '待交办', en: 'To assign' },
  to_review: { zh: '待审核', en: 'To review' },
  overdue: { zh: '已超期', en: 'Overdue' },
  new: { zh: '新交办', en: 'Newly assigned' },
  returned: { zh: '被退回', en: 'Returned' },
  due_soon: { zh: '7 日内到期', en: 'Due within 7 days' },
  follow_up: { zh: '待回访', en: 'To follow up' },
  possible_duplicate: { zh: '疑似重复', en: 'Possible duplicate' },
};

/** Days ahead that count as due soon. */
export const DUE_SOON_DAYS = 7;

/** When the problem's handling last moved, in milliseconds; absent = never. */
export interface WorkflowStamps {
  /** It was last assigned (交办): it left 待办理 naming a department, or an assigned problem's department changed. */
  readonly assignedAt?: number;
  /** A department account last changed it. */
  readonly answeredAt?: number;
  /** A department account first changed it since it was last assigned: the notice's days to a first answer. */
  readonly firstAnsweredAt?: number;
  /** It last went to 待审核. */
  readonly reviewRequestedAt?: number;
  /** Its owner last sent it back from 待审核 to 办理中. */
  readonly returnedAt?: number;
}

const DAY_MS = 86_400_000;

/**
 * Days from a problem's last assignment to its department's first answer, in tenths of a day
 * (the notice's 首次答复天数 counts each problem to a tenth); undefined while unanswered.
 */
export function firstAnswerTenths(s: Pick<WorkflowStamps, 'assignedAt' | 'firstAnsweredAt'>): number | undefined {
  if (s.assignedAt === undefined || s.firstAnsweredAt === undefined || s.firstAnsweredAt < s.assignedAt) return undefined;
  return Math.round(((s.firstAnsweredAt - s.assignedAt) / DAY_MS) * 10);
}

/** The stamps after a change made at `now` by an account of role `by`. */
export function nextStamps(
  before: { readonly values: Readonly<Record<string, unknown>>; readonly stamps: WorkflowStamps } | undefined,
  after: Readonly<Record<string, unknown>>,
  by: Caller['role'],
  now: number,
): WorkflowStamps {
  const was = before?.values ?? {};
  const s: { -readonly [K in keyof WorkflowStamps]: WorkflowStamps[K] } = { ...before?.stamps };
  const assigned = (v: Readonly<Record<string, unknown>>) => v.department !== undefined && ASSIGNED_STATUSES.includes(v.status);
  // A department named while 待办理 is a suggestion; the assignment is the move out of it.
  if (assigned(after) && (!assigned(was) || after.department !== was.department)) s.assignedAt = now;
  if (by === 'department') {
    s.answeredAt = now;
    if (s.firstAnsweredAt === undefined || (s.assignedAt !== undefined && s.firstAnsweredAt < s.assignedAt)) s.firstAnsweredAt = now;
  }
  if (after.status === '待审核' && was.status !== '待审核') s.reviewRequestedAt = now;
  if (was.status === '待审核' && after.status === '办理中' && by !== 'department') s.returnedAt = now;
  return s;
}

/** What a problem's to-do labels are decided from. */
export interface InboxRow {
  readonly values: Readonly<Record<string, unknown>>;
  readonly ownerGroup: string | null;
  readonly departmentId?: string | null;
  readonly withdrawn: boolean;
  readonly stamps: WorkflowStamps;
  /** Likely duplicates found on its last push that nobody has linked or dismissed. */
  readonly possibleDuplicates?: readonly string[];
  /** The root it is linked under, if a coordinator linked it. */
  readonly duplicateOf?: string | null;
}

/** Who a label is for: the city office, a county's coordinators, a group's clerks, a department. */
export type Holder = { readonly city: true } | { readonly county: string } | { readonly group: string } | { readonly department: string };

export function holderLabel(h: Holder): string {
  if ('city' in h) return 'city';
  if ('county' in h) return `county:${h.county}`;
  if ('group' in h) return `group:${h.group}`;
  return `dept:${h.department}`;
}

const AWAITING_ASSIGNMENT_LEVELS: readonly unknown[] = ['协调解决', '提交市级'];

/** The office that owns a problem's handling: the city for 提交市级, else the county (and its group). */
function owners(v: InboxRow['values'], ownerGroup: string | null): Holder[] {
  if (v.level === '提交市级') return [{ city: true }];
  return [{ county: String(v.county) }, ...(ownerGroup ? [{ group: ownerGroup }] : [])];
}

function assignedDepartment(r: InboxRow): string | undefined {
  const assigned = r.values.status !== '待办理' && r.values.status !== undefined;
  return assigned && r.departmentId ? r.departmentId : undefined;
}

/**
 * The reasons a problem is on someone's list whatever the day, as `reason@holder` labels
 * (to_assign@county:榆次区, new@dept:jz-zrzy, follow_up@group:…).
 */
export function inboxLabels(r: InboxRow): string[] {
  if (r.withdrawn) return [];
  const v = r.values;
  const out: string[] = [];
  const label = (reason: InboxReason, h: Holder) => out.push(`${reason}@${holderLabel(h)}`);
  const offices = owners(v, r.ownerGroup).filter((h) => !('group' in h));
  if (v.status === '待办理' && AWAITING_ASSIGNMENT_LEVELS.includes(v.level)) offices.forEach((h) => label('to_assign', h));
  if (v.status === '待审核') offices.forEach((h) => label('to_review', h));
  const dept = assignedDepartment(r);
  if (dept !== undefined && v.status === '办理中') {
    const { assignedAt, answeredAt, returnedAt } = r.stamps;
    if (answeredAt === undefined || (assignedAt !== undefined && answeredAt < assignedAt)) label('new', { department: dept });
    else if (returnedAt !== undefined && returnedAt > answeredAt) label('returned', { department: dept });
  }
  if (v.status === '已解决' && v.followUp === undefined && r.ownerGroup) label('follow_up', { group: r.ownerGroup });
  // Whether two reports are one problem is for the county's and the city's coordinators to decide.
  if (!r.duplicateOf && (r.possibleDuplicates?.length ?? 0) > 0) {
    label('possible_duplicate', { county: String(v.county) });
    label('possible_duplicate', { city: true });
  }
  return out;
}

/**
 * Whose overdue and due-soon lists a problem can be on (the day decides whether it is):
 * its county's and the city's coordinators, its group's clerks, the department it is
 * assigned to. Empty once it is settled.
 */
export function deadlineHolders(r: InboxRow): string[] {
  if (r.withdrawn || SETTLED_STATUSES.includes(r.values.status as string)) return [];
  const out = ['city', `county:${String(r.values.county)}`];
  if (r.ownerGroup) out.push(`group:${r.ownerGroup}`);
  const dept = assignedDepartment(r);
  if (dept !== undefined) out.push(`dept:${dept}`);
  return out;
}

/** The label of the caller's own list: the one its to-do is read by. */
export function callerHolder(c: Caller): Holder | undefined {
  switch (c.role) {
    case 'admin':
      return { city: true };
    case 'coordinator':
      return c.county === undefined ? { city: true } : { county: c.county };
    case 'clerk':
      return c.group === undefined ? undefined : { group: c.group };
    case 'department':
      return c.department === undefined ? undefined : { department: c.department };
  }
}
