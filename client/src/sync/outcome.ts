// What a push sends for a row, and what one answer of pushRows means for it.

import type { CanonicalRow, CurrentRow, LedgerDef, PushResult, PushRow, WireError } from '@taizhang/ledger';
import { diffRows, type FieldDiff } from './conflict';
import { sameValues } from './fingerprint';

/** A valid row that is new or changed since its last sync: what a push sends. */
export interface Outgoing {
  /** Worksheet row, 1-based. */
  readonly row: number;
  readonly key: string;
  readonly id?: string;
  readonly version?: number;
  readonly values: CanonicalRow;
  /** The row's cells by field, as read (to rewrite only what the server normalised). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A valid row that is new or changed since its last sync, as it goes on the wire. */
export function wireRow(o: Pick<Outgoing, 'key' | 'id' | 'version' | 'values'>): PushRow {
  return o.id && o.version !== undefined ? { key: o.key, id: o.id, baseVersion: o.version, values: o.values } : { key: o.key, values: o.values };
}

/** What one answer of pushRows means for the row that was sent. */
export type Outcome =
  /** Write the id, version, canonical values and fingerprint; the row is 已同步. */
  | { readonly status: 'created' | 'updated' | 'unchanged'; readonly state: 'synced'; readonly synced: { id: string; version: number; values: CanonicalRow } }
  | { readonly status: 'withdrawn'; readonly state: 'withdrawn' }
  /** Nothing is overwritten on either side: the row is marked 冲突 and the difference reported. */
  | { readonly status: 'conflict'; readonly state: 'conflict'; readonly id: string; readonly current: CurrentRow; readonly diff: FieldDiff[] }
  | { readonly status: 'invalid'; readonly state: 'invalid'; readonly errors: WireError[] }
  | { readonly status: 'forbidden'; readonly state: 'forbidden'; readonly message: string }
  | { readonly status: 'not_found'; readonly state: 'notFound' };

export function outcomeOf(ledger: LedgerDef, sent: CanonicalRow, r: PushResult): Outcome {
  switch (r.status) {
    case 'created':
    case 'updated':
      return { status: r.status, state: 'synced', synced: { id: r.id, version: r.version, values: r.values } };
    case 'unchanged':
      return { status: 'unchanged', state: 'synced', synced: { id: r.id, version: r.version, values: sent } };
    case 'withdrawn':
      return { status: 'withdrawn', state: 'withdrawn' };
    case 'conflict':
      // Our own earlier push whose answer was lost looks like a conflict with identical
      // values: that is no conflict, just the version we missed.
      if (sameValues(ledger, r.current.values, sent)) {
        return { status: 'unchanged', state: 'synced', synced: { id: r.id, version: r.current.version, values: r.current.values } };
      }
      return { status: 'conflict', state: 'conflict', id: r.id, current: r.current, diff: diffRows(ledger, sent, r.current.values) };
    case 'invalid':
      return { status: 'invalid', state: 'invalid', errors: r.errors };
    case 'forbidden':
      return { status: 'forbidden', state: 'forbidden', message: r.message };
    case 'not_found':
      return { status: 'not_found', state: 'notFound' };
  }
}
