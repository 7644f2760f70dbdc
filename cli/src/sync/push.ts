// `taizhang push` on the wire: the planned rows go to pushRows through the add-in's API
// client (chunks of ≤ 500 rows, retries with the same requestId), and every answer becomes
// cell writes exactly as the add-in writes them back (addin/src/engine/push.ts): id, version,
// 已同步, fingerprint and the canonical values where the server normalised them; 冲突, 有错误,
// 无权限 otherwise. A conflict overwrites nothing: it is reported, the row marked 冲突.

import {
  cellOf, conflictState, fingerprint, numberFormatOf, outcomeOf, sameCell, SYNC_STATES, wireRow,
  type CanonicalRow, type Conflict, type PushStatus, type WireError,
} from '@taizhang/ledger';
import { ApiError, type ApiClient } from '@taizhang/addin/api';
import type { CellWrite, Outgoing, PushPlan } from './plan';

export interface PushOutcome {
  /** Rows sent and answered (all of plan.outgoing unless the push broke off). */
  readonly sent: number;
  readonly counts: Partial<Record<PushStatus, number>>;
  /** Each answered row's status, by worksheet row. */
  readonly answered: ReadonlyMap<number, PushStatus>;
  readonly conflicts: readonly Conflict[];
  /** Rows the server judged invalid (its "today" differs from ours, say). */
  readonly serverInvalid: readonly { row: number; key: string; errors: WireError[] }[];
  readonly forbidden: readonly { row: number; key: string; message: string }[];
  readonly notFound: readonly { row: number; key: string; id: string }[];
  /** The plan's writes, then the answers'. */
  readonly writes: readonly CellWrite[];
  /** The call that failed after its retries; the answers before it are written. */
  readonly error?: ApiError;
}

/** The answer for a synced row: canonical values where they differ, then the system cells. */
export function syncedWrites(
  plan: PushPlan, out: Outgoing, synced: { id: string; version: number; values: CanonicalRow }, state: string = SYNC_STATES.synced.zh,
): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const def of plan.ledger.fields) {
    const col = plan.fieldCol.get(def.key);
    if (col === undefined) continue;
    const want = cellOf(def, synced.values[def.key], plan.date1904);
    if (!sameCell(out.raw[def.key], want)) writes.push({ row: out.row, col, value: want, numFmt: numberFormatOf(def) });
  }
  const { sysCol } = plan;
  writes.push(
    { row: out.row, col: sysCol._id, value: synced.id, numFmt: '@' },
    { row: out.row, col: sysCol._version, value: synced.version, numFmt: '0' },
    { row: out.row, col: sysCol._sync, value: state, numFmt: '@' },
    { row: out.row, col: sysCol._hash, value: fingerprint(plan.ledger, synced.values), numFmt: '@' },
  );
  return writes;
}

export async function sendPlan(plan: PushPlan, api: ApiClient, signal?: AbortSignal): Promise<PushOutcome> {
  const writes: CellWrite[] = [...plan.writes];
  const byKey = new Map(plan.outgoing.map((x) => [x.key, x]));
  const counts: Partial<Record<PushStatus, number>> = {};
  const answered = new Map<number, PushStatus>();
  const conflicts: Conflict[] = [];
  const serverInvalid: { row: number; key: string; errors: WireError[] }[] = [];
  const forbidden: { row: number; key: string; message: string }[] = [];
  const notFound: { row: number; key: string; id: string }[] = [];
  let sent = 0;
  let error: ApiError | undefined;
  try {
    await api.pushRows(plan.ledger.name, plan.outgoing.map(wireRow), {
      signal,
      onChunk: ({ results }) => {
        for (const r of results) {
          const out = byKey.get(r.key);
          if (!out) continue;
          const o = outcomeOf(plan.ledger, out.values, r);
          if (o.state === 'synced') writes.push(...syncedWrites(plan, out, o.synced));
          else {
            // A conflict names the server version the report shows, for settling it later.
            const state = o.status === 'conflict' ? conflictState(o.current.version) : SYNC_STATES[o.state].zh;
            writes.push({ row: out.row, col: plan.sysCol._sync, value: state, numFmt: '@' });
          }
          if (o.status === 'conflict') {
            conflicts.push({ key: r.key, id: o.id, row: out.row, mine: out.values, current: o.current, diff: o.diff });
          } else if (o.status === 'invalid') serverInvalid.push({ row: out.row, key: r.key, errors: o.errors });
          else if (o.status === 'forbidden') forbidden.push({ row: out.row, key: r.key, message: o.message });
          else if (o.status === 'not_found') notFound.push({ row: out.row, key: r.key, id: out.id ?? '' });
          counts[o.status] = (counts[o.status] ?? 0) + 1;
          answered.set(out.row, o.status);
        }
        sent += results.length;
      },
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    error = e;
  }
  return { sent, counts, answered, conflicts, serverInvalid, forbidden, notFound, writes, ...(error && { error }) };
}
