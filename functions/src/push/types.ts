// The stored row as the planner sees it; the wire shapes come from the ledger core.

import type { CanonicalRow, WorkflowStamps } from '@taizhang/ledger';

export type { CurrentRow, PushRequest, PushResult, PushRow, PushStatus, WireError, WireWarning } from '@taizhang/ledger';

/** A row as stored, reduced to what judging a push needs. */
export interface StoredRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly values: CanonicalRow;
  readonly county: string;
  readonly ownerGroup: string | null;
  /** The registry id of the department it names; null when it names none (or no registry yet). */
  readonly departmentId: string | null;
  readonly stamps: WorkflowStamps;
  readonly withdrawn: boolean;
  /** Its cells are in the kept statistics (functions/src/stats/store.ts). */
  readonly inStats: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** The root it is linked under as a repeat (docs/masterdata.md#likely-duplicates); null: none. */
  readonly duplicateOf: string | null;
  /** Rows a coordinator said are not the same problem. */
  readonly dismissedDuplicates: readonly string[];
}

export interface FieldChange {
  readonly field: string;
  readonly old?: string | number;
  readonly new?: string | number;
}
