// The callables' request and answer shapes (docs/api.md), declared once for both
// ends: the functions answer in them, the add-in and the CLI read them. Types only.

import type { Role } from './accounts';
import type { LedgerName } from './fields';
import type { CanonicalRow } from './parse';
import type { DepartmentRecord } from './departments';
import type { InboxReason } from './inbox';
import type { TargetMatch } from './targets';
import type { TargetType } from './groups';

export interface PushRow {
  readonly key: string;
  readonly id?: string;
  readonly baseVersion?: number;
  readonly values?: Record<string, unknown>;
  readonly withdraw?: boolean;
}

export interface PushRequest {
  readonly ledger: LedgerName;
  readonly requestId: string;
  readonly rows: readonly PushRow[];
}

export interface WireError {
  readonly field: string;
  readonly header: string;
  readonly code: string;
  /** Chinese, then English. */
  readonly message: string;
  readonly zh: string;
  readonly en: string;
}

/** A warning on a stored row (ledger/src/registry.ts): worth a look, never a refusal. */
export interface WireWarning {
  readonly field: string;
  readonly header: string;
  readonly code: string;
  /** Chinese, then English. */
  readonly message: string;
  readonly zh: string;
  readonly en: string;
}

/** The server's row, sent with a conflict so the clerk can compare. */
export interface CurrentRow {
  readonly version: number;
  readonly values: CanonicalRow;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly withdrawn: boolean;
}

/** Another live row that likely reports the same problem (docs/masterdata.md#likely-duplicates). */
export interface DuplicateMatch {
  readonly id: string;
  readonly group: string;
  readonly county: string;
  /** Jaccard of the descriptions' character bigrams, 0…1. */
  readonly similarity: number;
}

export type PushResult =
  | { key: string; status: 'created' | 'updated'; id: string; version: number; values: CanonicalRow; warnings?: WireWarning[]; duplicates?: DuplicateMatch[] }
  | { key: string; status: 'unchanged' | 'withdrawn'; id: string; version: number }
  | { key: string; status: 'conflict'; id: string; current: CurrentRow }
  | { key: string; status: 'invalid'; id?: string; errors: WireError[] }
  | { key: string; status: 'forbidden'; id?: string; message: string; fields?: string[] }
  | { key: string; status: 'not_found'; id: string; message: string };

export type PushStatus = PushResult['status'];

/** markDuplicate: `id` repeats `of`; unmarkDuplicate: the link of `id` undone; dismissDuplicate: `id` and `of` are not the same problem. */
export interface MarkDuplicateRequest {
  readonly ledger: LedgerName;
  readonly id: string;
  readonly of: string;
}
export interface UnmarkDuplicateRequest {
  readonly ledger: LedgerName;
  readonly id: string;
}
export type DismissDuplicateRequest = MarkDuplicateRequest;
/** The row as it stands after the decision: its version, and its root when linked. */
export interface DuplicateDecisionAnswer {
  readonly id: string;
  readonly version: number;
  readonly duplicateOf?: string;
}

export interface PushAnswer {
  readonly results: PushResult[];
}

export const FILTER_FIELDS = ['county', 'sector', 'status', 'level', 'group', 'category', 'targetType', 'department'] as const;
export type PullFilter = Partial<Record<(typeof FILTER_FIELDS)[number], string>>;

export interface PullRequest {
  readonly ledger: LedgerName;
  readonly filter?: PullFilter;
  readonly since?: string;
  readonly pageSize?: number;
  readonly pageToken?: string;
}

/** A row a pull answers: a live row with everything, or a withdrawn one with nothing but its id. */
export type PulledRow = LivePulledRow | WithdrawnPulledRow;

/**
 * A withdrawn row in a since-pull: only that it is gone. Its values were withdrawn with it,
 * so they are served to nobody any more (a sheet that shows the row keeps what it showed).
 */
export interface WithdrawnPulledRow {
  readonly id: string;
  readonly version: number;
  readonly withdrawn: true;
}

/** True for a live row (the only kind a full pull answers). */
export function isLivePulledRow(r: PulledRow): r is LivePulledRow {
  return !r.withdrawn;
}

export interface LivePulledRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly values: CanonicalRow;
  readonly withdrawn: false;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** A problem linked as a repeat: the root it counts under (the pulled list's 重复于〔系统〕). */
  readonly duplicateOf?: string;
}

export interface PullAnswer {
  rows: PulledRow[];
  /**
   * Since-pulls only: the ids of rows that changed after the cursor and no longer belong to
   * this pull (an update took them out of the filter, or an administrator moved them to a
   * county outside it). Ids only: after a move the caller may not see the row any more, and a
   * sheet of this pull only needs to know that the row is gone from it.
   */
  left?: string[];
  nextPageToken?: string;
  cursor: string;
}

export const GROUP_BY = ['county', 'sector', 'category', 'department', 'group', 'level', 'status', 'targetType', 'township'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface StatsRequest {
  readonly ledger: LedgerName;
  readonly groupBy: GroupBy;
  readonly filter?: PullFilter;
  readonly asOf?: string;
}

export type StatFigures = Record<string, number>;

export interface StatsAnswer {
  readonly asOf: string;
  readonly rows: ({ key: string } & StatFigures)[];
  readonly totals: StatFigures;
}

export interface Profile {
  readonly uid: string;
  readonly email: string;
  readonly role: Role;
  readonly county?: string;
  readonly group?: string;
  /** A department account's registry id. */
  readonly department?: string;
}

export interface InboxRequest {
  /** YYYY-MM-DD; default today in Asia/Shanghai. Decides what is overdue and due soon. */
  readonly asOf?: string;
}

/** One problem on a to-do list, with what it takes to recognise it. */
export interface InboxItem {
  readonly reason: InboxReason;
  readonly ledger: 'problems';
  readonly id: string;
  readonly county: string;
  readonly targetName: string;
  readonly description: string;
  readonly level: string;
  readonly status: string;
  readonly department?: string;
  readonly deadline?: string;
  /** The owner's 审核意见, when the problem has one (a returned problem says why). */
  readonly review?: string;
  /** A possible_duplicate item: the problems it likely repeats, highest similarity first. */
  readonly duplicates?: readonly DuplicateMatch[];
  /** ISO 8601, UTC. */
  readonly updatedAt: string;
}

export interface InboxAnswer {
  readonly asOf: string;
  /** Every reason of the caller's role, with how many problems it has (items stop at 200 a reason). */
  readonly counts: Partial<Record<InboxReason, number>>;
  /** By reason in the role's order, then by deadline (none last), then id. */
  readonly items: InboxItem[];
}

export interface HistoryRequest {
  readonly ledger: LedgerName;
  readonly id: string;
}

export interface RevisionChange {
  readonly field: string;
  /** Absent: the field was empty before. */
  readonly old?: unknown;
  /** Absent: the field is empty now. */
  readonly new?: unknown;
}

export interface Revision {
  readonly version: number;
  readonly action: 'created' | 'updated' | 'withdrawn';
  /** ISO 8601, UTC. */
  readonly at: string;
  /** The email of the account that made the change. */
  readonly by: string;
  readonly changes: RevisionChange[];
}

export interface HistoryAnswer {
  /** Oldest first. */
  readonly revisions: Revision[];
}

export interface DepartmentsAnswer {
  readonly departments: DepartmentRecord[];
}

export interface LookupTargetsRequest {
  readonly targetType: TargetType;
  /** A name, other name or credit code as typed, in whole or in part. */
  readonly query: string;
  /** Default: the caller's county (the whole city for those whose scope it is). */
  readonly county?: string;
}

export interface LookupTargetsAnswer {
  /** Up to 20, an exact name first. */
  readonly matches: TargetMatch[];
}

export interface ListTargetsRequest {
  readonly targetType: TargetType;
  readonly county: string;
  readonly pageToken?: string;
}

export interface ListTargetsAnswer {
  /** Active entries, by id. */
  readonly entries: TargetMatch[];
  readonly nextPageToken?: string;
}
