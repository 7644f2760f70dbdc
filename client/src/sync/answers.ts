// A push on the wire and what every answer writes where: id, version, 已同步, fingerprint and
// the canonical values where the server normalised them; otherwise the row's sync state —
// a conflict as 冲突（台账中为第 N 版）, naming the server version the report shows, so that
// settling it later overwrites nothing the clerk has not been shown.

import {
  conflictState,
  SYNC_STATES,
  type CanonicalRow,
  type DuplicateMatch,
  type PushResult,
  type PushStatus,
  type WireError,
  type WireWarning,
} from '@taizhang/ledger';
import { ApiError } from '../api/errors';
import type { ApiClient } from '../api/client';
import { cellOf, numberFormatOf, sameCell } from '../sheet/cells';
import type { CellWrite, SheetColumns } from '../sheet/model';
import type { Conflict } from './conflict';
import { fingerprint } from './fingerprint';
import { outcomeOf, wireRow, type Outgoing } from './outcome';

/** What the server answered for the rows sent, and the cell writes it makes. */
export interface PushTally {
  /** Rows sent and answered. */
  readonly sent: number;
  readonly counts: Partial<Record<PushStatus, number>>;
  /** Each answered row's status, by key. */
  readonly answered: ReadonlyMap<string, PushStatus>;
  readonly conflicts: readonly Conflict[];
  /** Rows the server judged invalid (its "today" differs from ours, say). */
  readonly serverInvalid: readonly { row: number; key: string; errors: WireError[] }[];
  readonly forbidden: readonly { row: number; key: string; message: string }[];
  readonly notFound: readonly { row: number; key: string; id: string }[];
  /** Stored rows the server warned about (the registry disagrees): stored all the same. */
  readonly serverWarnings: readonly { row: number; key: string; warnings: WireWarning[] }[];
  /** Stored rows that likely repeat another group's problem, with those problems: stored all the same. */
  readonly duplicates: readonly FoundDuplicates[];
  readonly writes: readonly CellWrite[];
  /** The call that failed after its retries (or was cancelled); the answers before it count. */
  readonly error?: ApiError;
}

/** A stored row of this push and the problems it likely repeats. */
export interface FoundDuplicates {
  readonly row: number;
  readonly key: string;
  readonly id: string;
  readonly matches: readonly DuplicateMatch[];
}

/** A synced row: canonical values where they differ from the cells, then the system cells. */
export function syncedWrites(
  cols: SheetColumns,
  out: Pick<Outgoing, 'row' | 'raw'>,
  synced: { id: string; version: number; values: CanonicalRow },
  state: string = SYNC_STATES.synced.zh,
): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const { def, col } of cols.fields) {
    const want = cellOf(def, synced.values[def.key], cols.date1904);
    if (!sameCell(out.raw[def.key], want)) writes.push({ row: out.row, col, value: want, numFmt: numberFormatOf(def) });
  }
  const { sysCol } = cols;
  writes.push(
    { row: out.row, col: sysCol._id, value: synced.id, numFmt: '@' },
    { row: out.row, col: sysCol._version, value: synced.version, numFmt: '0' },
    { row: out.row, col: sysCol._sync, value: state, numFmt: '@' },
    { row: out.row, col: sysCol._hash, value: fingerprint(cols.ledger, synced.values), numFmt: '@' },
  );
  return writes;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  /** Each chunk's cell writes as its answers arrive (a client may write them out at once). */
  onAnswers?(writes: readonly CellWrite[], sent: number): void | Promise<void>;
}

/** Sends `outgoing` (chunks, retries with the same request) and tallies every answer. */
export async function sendRows(cols: SheetColumns, outgoing: readonly Outgoing[], api: ApiClient, o: SendOptions = {}): Promise<PushTally> {
  const byKey = new Map(outgoing.map((x) => [x.key, x]));
  const writes: CellWrite[] = [];
  const counts: Partial<Record<PushStatus, number>> = {};
  const answered = new Map<string, PushStatus>();
  const conflicts: Conflict[] = [];
  const serverInvalid: { row: number; key: string; errors: WireError[] }[] = [];
  const forbidden: { row: number; key: string; message: string }[] = [];
  const notFound: { row: number; key: string; id: string }[] = [];
  const serverWarnings: { row: number; key: string; warnings: WireWarning[] }[] = [];
  const duplicates: FoundDuplicates[] = [];
  let sent = 0;
  let error: ApiError | undefined;

  const answer = (r: PushResult): CellWrite[] => {
    const out = byKey.get(r.key);
    if (!out) return [];
    const o = outcomeOf(cols.ledger, out.values, r);
    counts[o.status] = (counts[o.status] ?? 0) + 1;
    answered.set(out.key, o.status);
    if ((r.status === 'created' || r.status === 'updated') && Array.isArray(r.warnings) && r.warnings.length > 0) {
      serverWarnings.push({ row: out.row, key: r.key, warnings: r.warnings });
    }
    if ((r.status === 'created' || r.status === 'updated') && Array.isArray(r.duplicates) && r.duplicates.length > 0) {
      duplicates.push({ row: out.row, key: r.key, id: r.id, matches: r.duplicates });
    }
    if (o.state === 'synced') return syncedWrites(cols, out, o.synced);
    if (o.status === 'conflict') conflicts.push({ key: r.key, id: o.id, row: out.row, mine: out.values, current: o.current, diff: o.diff });
    else if (o.status === 'invalid') serverInvalid.push({ row: out.row, key: r.key, errors: o.errors });
    else if (o.status === 'forbidden') forbidden.push({ row: out.row, key: r.key, message: o.message });
    else if (o.status === 'not_found') notFound.push({ row: out.row, key: r.key, id: out.id ?? '' });
    const state = o.status === 'conflict' ? conflictState(o.current.version) : SYNC_STATES[o.state].zh;
    return [{ row: out.row, col: cols.sysCol._sync, value: state, numFmt: '@' }];
  };

  try {
    await api.pushRows(cols.ledger.name, outgoing.map(wireRow), {
      ...(o.signal && { signal: o.signal }),
      onChunk: async ({ results }) => {
        const chunk = results.flatMap(answer);
        writes.push(...chunk);
        sent += results.length;
        await o.onAnswers?.(chunk, sent);
      },
    });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    error = e;
  }
  return { sent, counts, answered, conflicts, serverInvalid, forbidden, notFound, serverWarnings, duplicates, writes, ...(error && { error }) };
}

/** Nothing sent yet. */
export function emptyTally(): PushTally {
  return {
    sent: 0,
    counts: {},
    answered: new Map(),
    conflicts: [],
    serverInvalid: [],
    forbidden: [],
    notFound: [],
    serverWarnings: [],
    duplicates: [],
    writes: [],
  };
}
