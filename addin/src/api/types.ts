// The wire shapes of the callables (API.md), as the add-in sees them. Declared here rather
// than imported from functions/: the add-in talks to the API, never to the server's code.

import type { CanonicalRow, LedgerName } from '@taizhang/ledger';

export interface PushRow {
  readonly key: string;
  readonly id?: string;
  readonly baseVersion?: number;
  readonly values?: Record<string, unknown>;
  readonly withdraw?: boolean;
}

export interface WireError {
  readonly field: string;
  readonly header?: string;
  readonly code: string;
  readonly message: string;
  readonly zh?: string;
  readonly en?: string;
}

export interface CurrentRow {
  readonly version: number;
  readonly values: CanonicalRow;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly withdrawn?: boolean;
}

export type PushResult =
  | { key: string; status: 'created' | 'updated'; id: string; version: number; values: CanonicalRow }
  | { key: string; status: 'unchanged' | 'withdrawn'; id: string; version: number }
  | { key: string; status: 'conflict'; id: string; current: CurrentRow }
  | { key: string; status: 'invalid'; id?: string; errors: WireError[] }
  | { key: string; status: 'forbidden'; id?: string; message: string }
  | { key: string; status: 'not_found'; id: string; message?: string };

export type PushStatus = PushResult['status'];

export interface PushAnswer {
  readonly results: PushResult[];
}

export type PullFilter = Partial<Record<'county' | 'sector' | 'status' | 'level' | 'group' | 'category' | 'targetType', string>>;

export interface PullRequest {
  readonly ledger: LedgerName;
  readonly filter?: PullFilter;
  readonly since?: string;
  readonly pageSize?: number;
  readonly pageToken?: string;
}

export interface PulledRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
  readonly values: CanonicalRow;
  readonly withdrawn: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface PullAnswer {
  readonly rows: PulledRow[];
  readonly nextPageToken?: string;
  readonly cursor: string;
}

export type GroupBy = 'county' | 'sector' | 'category' | 'department' | 'group' | 'level' | 'status' | 'targetType' | 'township';

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
  readonly role: 'clerk' | 'coordinator' | 'admin';
  readonly county?: string;
  readonly group?: string;
}
