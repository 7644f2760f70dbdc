// Numbers for new rows' ids (docs/ids.md).
//
// Each county and year keeps its next free number on one counter,
// counters/{ledger}-{county code}-{year}. Taking numbers from it for every push would make all
// of a county's clerks queue on that one document, so the county's year also has SHARDS
// shards (counters/…/shards/{k}); a clerk always draws from the same shard (chosen by its
// account), and a shard holds a lease, a run of numbers it took from the counter at once
// (LEASE or what a push needs, if more). A push touches the counter only when its shard's
// lease runs out. So numbers stay unique and are never reused, a clerk's rows are numbered
// one after another, and the only numbers missing between two ids are those still waiting in
// some shard's lease; the counter keeps its meaning, so projects numbered before the shards
// go on where they were.
//
// New rows' numbers are claimed per unit and key (requests/…/claims/n) in the same commit
// that takes them from the shard: a copy of the request, or the next round after a lost race,
// uses the numbers already claimed instead of taking new ones, so none is burnt. That commit
// carries preconditions on every document it read (shard, counter, claims) instead of holding
// locks: a clerk racing another on the same shard reads again and retries, never waits.

import { createHash } from 'node:crypto';
import type { DocumentReference, DocumentSnapshot, Firestore, WriteBatch } from 'firebase-admin/firestore';
import { countyCode, formatRowId, idScope, type LedgerDef, type LedgerName } from '@taizhang/ledger';
import { apiError, text } from '../messages';
import { paths } from '../store/paths';
import { isContention } from '../store/contention';

/** Shards per county and year: about as many clerks as can push at the same moment without meeting. */
export const SHARDS = 16;
/** Numbers a shard takes from the county's counter at once. */
export const LEASE = 100;
/** Rounds of read-and-commit before telling the client to try again later. */
const MAX_ROUNDS = 40;

export interface NewRow {
  /** The unit it belongs to. */
  readonly n: number;
  readonly key: string;
  readonly values: Record<string, unknown>;
}

/** The shard an account draws from: always the same one, so its rows are numbered in a run. */
export function shardOfAccount(uid: string): number {
  return createHash('sha256').update(uid).digest().readUInt32BE(0) % SHARDS;
}

interface Group {
  /** county|year */
  readonly key: string;
  readonly county: string;
  readonly year: number;
  count: number;
  readonly numbers: number[];
  /** How many of `numbers` the rows took so far. */
  taken: number;
}

/** Writes `data` over a document read as `snap`, only if nobody changed it since. */
function setIfUnchanged(batch: WriteBatch, ref: DocumentReference, snap: DocumentSnapshot, data: Record<string, unknown>): void {
  if (snap.exists) batch.update(ref, data, { lastUpdateTime: snap.updateTime! });
  else batch.create(ref, data);
}

/**
 * Ids for new rows: a row whose unit already claimed an id for its key (in this county and
 * year) gets that id again; the others take, for each county and year, as many numbers as
 * they need from the caller's shard (never a commit per row), claimed in the same commit.
 */
export async function allocateIds(db: Firestore, ledger: LedgerDef, uid: string, requestId: string, creates: readonly NewRow[]): Promise<string[]> {
  if (creates.length === 0) return [];
  const units = [...new Set(creates.map((r) => r.n))];
  const claimRefs = units.map((n) => paths.claim(db, uid, requestId, n));
  const shard = shardOfAccount(uid);
  // Every county and year the new rows may number in, read with the claims in one round trip:
  // a replay whose rows all claimed their ids reads the counters for nothing, a fresh push
  // saves a wait.
  const rowScopes = creates.map((r) => {
    const s = idScope(ledger, r.values);
    return { ...s, key: `${s.county}|${s.year}` };
  });
  const scopes = new Map(rowScopes.map((s) => [s.key, s]));
  const scopeKeys = [...scopes.keys()];
  const counterRefs = [...scopes.values()].map((s) => paths.counter(db, ledger.name, countyCode(s.county)!, s.year));
  const shardRefs = counterRefs.map((c) => paths.counterShard(c, shard));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const snaps = await db.getAll(...claimRefs, ...counterRefs, ...shardRefs);
    const claimSnaps = snaps.slice(0, units.length);
    const counterOf = (g: string) => {
      const i = scopeKeys.indexOf(g);
      return { ref: counterRefs[i]!, snap: snaps[units.length + i]!, shardRef: shardRefs[i]!, shardSnap: snaps[units.length + scopeKeys.length + i]! };
    };
    const claimed = new Map(units.map((n, i) => [n, { ...((claimSnaps[i]!.get('ids') ?? {}) as Record<string, string>) }]));
    const groups = new Map<string, Group>();
    const scopeOf = creates.map((r, i) => {
      const s = rowScopes[i]!;
      const prefix = formatRowId(ledger, s.county, s.year, 0).slice(0, -6);
      const before = claimed.get(r.n)![r.key];
      if (before !== undefined && before.startsWith(prefix)) return { reuse: before };
      const group = groups.get(s.key) ?? { county: s.county, year: s.year, key: s.key, count: 0, numbers: [], taken: 0 };
      group.count++;
      groups.set(s.key, group);
      return { group };
    });
    if (groups.size === 0) return scopeOf.map((s) => ('reuse' in s ? s.reuse! : ''));

    const batch = db.batch();
    for (const g of groups.values()) {
      const { ref: counterRef, snap: counter, shardRef, shardSnap } = counterOf(g.key);
      let next = (shardSnap.get('next') as number | undefined) ?? 0;
      let end = (shardSnap.get('end') as number | undefined) ?? 0;
      const fromLease = Math.min(g.count, end - next);
      for (let k = 0; k < fromLease; k++) g.numbers.push(next++);
      const short = g.count - fromLease;
      if (short > 0) {
        // The lease ran out: a new run from the county's counter, at least what this push still needs.
        const first = (counter.get('next') as number | undefined) ?? 1;
        const size = Math.max(LEASE, short);
        setIfUnchanged(batch, counterRef, counter, { next: first + size, county: g.county, year: g.year, ledger: ledger.name });
        for (let k = 0; k < short; k++) g.numbers.push(first + k);
        next = first + short;
        end = first + size;
      }
      setIfUnchanged(batch, shardRef, shardSnap, { next, end });
    }
    const ids = creates.map((r, i): string => {
      const s = scopeOf[i]!;
      if ('reuse' in s) return s.reuse!;
      const g = s.group!;
      const id = formatRowId(ledger, g.county, g.year, g.numbers[g.taken++]!);
      claimed.get(r.n)![r.key] = id;
      return id;
    });
    units.forEach((n, i) => setIfUnchanged(batch, claimRefs[i]!, claimSnaps[i]!, { ids: claimed.get(n) }));
    try {
      await batch.commit();
      return ids;
    } catch (e) {
      if (!isContention(e)) throw e;
      // Another clerk of the same shard, or a copy of this request, committed first: read again.
      await new Promise((ok) => setTimeout(ok, Math.random() * Math.min(200, 10 * 2 ** round)));
    }
  }
  throw apiError('resource-exhausted', text.busy());
}

/**
 * How many numbers a county's year has given to rows: what its counter gave out, less what
 * still waits in the shards' leases (a count for checks and tests).
 */
export async function idsHandedOut(db: Firestore, ledger: LedgerName, code: string, year: number): Promise<number> {
  const counter = paths.counter(db, ledger, code, year);
  const [snap, shards] = await Promise.all([counter.get(), counter.collection('shards').get()]);
  const waiting = shards.docs.reduce((sum, d) => sum + (d.get('end') as number) - (d.get('next') as number), 0);
  return ((snap.get('next') as number | undefined) ?? 1) - 1 - waiting;
}
