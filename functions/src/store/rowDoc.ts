// The row document and its conversions: Firestore timestamps become ISO strings in UTC at
// this boundary, so nothing above the store sees a Firestore type.

import type { DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import type { CanonicalRow, DuplicateMatch, PulledRow, WorkflowStamps } from '@taizhang/ledger';
import type { StoredRow } from '../push/types';

export interface RowDoc {
  id: string;
  key: string;
  version: number;
  values: CanonicalRow;
  /** Every county the row has been in: a since-pull of a county finds the rows that left it. */
  counties?: string[];
  /** When an update last moved it to another county. */
  movedAt?: Timestamp;
  ownerGroup: string | null;
  ownerUid: string;
  withdrawn: boolean;
  /** Its cells are in the kept statistics (functions/src/stats/store.ts). */
  inStats?: boolean;
  createdAt: Timestamp;
  createdBy: string;
  updatedAt: Timestamp;
  updatedBy: string;
  lastRequestId: string;
  /** The registry id of the department the row names (null: none, or no registry yet). */
  departmentId?: string | null;
  /** Every department the problem has been assigned to: a department's since-pull finds the rows that left it. */
  assignedDepartments?: string[];
  /** When it was last assigned, a department account last changed it, it last went to 待审核, its owner last returned it. */
  assignedAt?: Timestamp;
  answeredAt?: Timestamp;
  /** When a department account first changed it since it was last assigned. */
  firstAnsweredAt?: Timestamp;
  reviewRequestedAt?: Timestamp;
  returnedAt?: Timestamp;
  /** `reason@holder` labels of the to-do (ledger/src/inbox.ts inboxLabels). */
  inbox?: string[];
  /** Whose overdue and due-soon lists it can be on (ledger/src/inbox.ts deadlineHolders). */
  deadlineHolders?: string[];
  /** The deadline, or 9999-12-31 without one: the to-do's order, always present. */
  dueKey?: string;
  /** What the problem serves, as one key (ledger/src/duplicates.ts): likely duplicates are read by it. */
  targetKey?: string | null;
  /** The root it is linked under as a repeat of another report. */
  duplicateOf?: string | null;
  /** Likely duplicates its last push found that nobody has linked or dismissed. */
  possibleDuplicates?: string[];
  /** The same likely duplicates as its push answered them (other group, county, similarity), for the to-do. */
  duplicateMatches?: DuplicateMatch[];
  /** Rows a coordinator said are not the same problem. */
  dismissedDuplicates?: string[];
}

export const STAMP_FIELDS = ['assignedAt', 'answeredAt', 'firstAnsweredAt', 'reviewRequestedAt', 'returnedAt'] as const;

/** The handling stamps of a row document, in milliseconds. */
export function stampsOf(d: Partial<Record<(typeof STAMP_FIELDS)[number], Timestamp | undefined>>): WorkflowStamps {
  const out: Record<string, number> = {};
  for (const k of STAMP_FIELDS) {
    const t = d[k];
    if (t && typeof t.toMillis === 'function') out[k] = t.toMillis();
  }
  return out;
}

export function iso(t: Timestamp | undefined): string {
  return t ? t.toDate().toISOString() : '';
}

export function toStoredRow(snap: DocumentSnapshot): StoredRow | undefined {
  if (!snap.exists) return undefined;
  const d = snap.data() as RowDoc;
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    values: d.values,
    county: String(d.values.county),
    ownerGroup: d.ownerGroup ?? null,
    departmentId: typeof d.departmentId === 'string' ? d.departmentId : null,
    stamps: stampsOf(d),
    withdrawn: d.withdrawn === true,
    inStats: d.inStats === true,
    updatedAt: iso(d.updatedAt),
    updatedBy: d.updatedBy,
    duplicateOf: typeof d.duplicateOf === 'string' ? d.duplicateOf : null,
    dismissedDuplicates: Array.isArray(d.dismissedDuplicates) ? d.dismissedDuplicates : [],
  };
}

export function toPulledRow(d: RowDoc): PulledRow {
  if (d.withdrawn === true) return { id: d.id, version: d.version, withdrawn: true };
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    values: d.values,
    withdrawn: false,
    createdAt: iso(d.createdAt),
    createdBy: d.createdBy,
    updatedAt: iso(d.updatedAt),
    updatedBy: d.updatedBy,
    ...(typeof d.duplicateOf === 'string' && d.duplicateOf !== '' && { duplicateOf: d.duplicateOf }),
  };
}
