// The wire form of pushRows (API.md) and the stored row as the planner sees it.

import type { CanonicalRow, LedgerName } from '@taizhang/ledger';

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
  readonly message: string;
  readonly zh: string;
  readonly en: string;
}

export interface CurrentRow {
  readonly version: number;
  readonly values: CanonicalRow;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly withdrawn: boolean;
}

export type PushResult =
  | { key: string; status: 'created' | 'updated'; id: string; version: number; values: CanonicalRow }
  | { key: string; status: 'unchanged' | 'withdrawn'; id: string; version: number }
  | { key: string; status: 'conflict'; id: string; current: CurrentRow }
  | { key: string; status: 'invalid'; id?: string; errors: WireError[] }
  | { key: string; status: 'forbidden'; id?: string; message: string }
  | { key: string; status: 'not_found'; id: string; message: string };

export type PushStatus = PushResult['status'];

/** A row as stored, reduced to what judging a push needs. */
export interface StoredRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly values: CanonicalRow;
  readonly county: string;
  readonly ownerGroup: string | null;
  readonly withdrawn: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface FieldChange {
  readonly field: string;
  readonly old?: string | number;
  readonly new?: string | number;
}
