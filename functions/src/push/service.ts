// pushRows against Firestore, exactly once.
//
// A push is cut into units of UNIT_ROWS rows by position. Each unit commits atomically: its
// row writes, revisions, key-index entries and the unit's answer (requests/…/units/n),
// the last created with a precondition. So a replay finds every committed unit's answer,
// a push that died halfway redoes only the units that never committed, and two copies of
// one request racing each other cannot both commit a unit. Row writes carry preconditions
// too (update: the row's last update time; create: the key index entry must not exist), so
// a concurrent change makes the commit fail; the unit is then judged again on fresh reads.

import {
  FieldValue, type DocumentReference, type Firestore, type Timestamp, type WriteBatch,
} from 'firebase-admin/firestore';
import { countyCode, formatRowId, getLedger, idScope, type LedgerDef, type ParseContext } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { paths } from '../store/paths';
import { toStoredRow } from '../store/rowDoc';
import { diffValues, judgeExisting, judgeNew, type Decision, type Judge } from './plan';
import type { PushRequest, PushResult, PushRow, StoredRow } from './types';

/** Rows per atomic commit: ≤ 3 writes a row, and the unit's answer stays far below 1 MiB. */
export const UNIT_ROWS = 50;
/** Rounds of judge-and-commit before telling the client to try again later. */
const MAX_ROUNDS = 6;

interface Loaded {
  readonly row: StoredRow | undefined;
  readonly updateTime?: Timestamp;
}

interface Unit {
  readonly n: number;
  readonly rows: readonly PushRow[];
}

function unitsOf(rows: readonly PushRow[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < rows.length; i += UNIT_ROWS) units.push({ n: units.length, rows: rows.slice(i, i + UNIT_ROWS) });
  return units;
}

function sameKeys(a: readonly string[], b: readonly PushRow[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]!.key);
}

/** Gets many documents in one round trip (getAll), keyed by path. */
async function getMany(db: Firestore, refs: DocumentReference[]): Promise<Map<string, FirebaseFirestore.DocumentSnapshot>> {
  if (refs.length === 0) return new Map();
  const snaps = await db.getAll(...refs);
  return new Map(snaps.map((s) => [s.ref.path, s]));
}

/** Existing rows: by id for updates, through the key index for rows sent without an id. */
async function loadRows(db: Firestore, ledger: LedgerDef, rows: readonly PushRow[]): Promise<Map<string, Loaded>> {
  const keySnaps = await getMany(db, rows.filter((r) => !r.id).map((r) => paths.key(db, ledger.name, r.key)));
  const idOf = (r: PushRow): string | undefined => r.id ?? (keySnaps.get(paths.key(db, ledger.name, r.key).path)?.get('id') as string | undefined);
  const ids = [...new Set(rows.map(idOf).filter((x): x is string => x !== undefined))];
  const rowSnaps = await getMany(db, ids.map((id) => paths.row(db, ledger.name, id)));
  const loaded = new Map<string, Loaded>();
  for (const r of rows) {
    const id = idOf(r);
    const snap = id === undefined ? undefined : rowSnaps.get(paths.row(db, ledger.name, id).path);
    loaded.set(r.key, snap?.exists ? { row: toStoredRow(snap), updateTime: snap.updateTime } : { row: undefined });
  }
  return loaded;
}

function judge(j: Judge, row: PushRow, loaded: Loaded): Decision {
  if (row.id !== undefined && row.baseVersion !== undefined) {
    return judgeExisting(j, { ...row, id: row.id, baseVersion: row.baseVersion }, loaded.row);
  }
  return judgeNew(j, row, loaded.row);
}

/**
 * Sequence numbers for new rows: one transaction takes, for each county and year the push
 * needs, a block of as many numbers as it needs (never a transaction per row). Numbers of a
 * unit that then fails to commit are skipped, never reused.
 */
async function allocateIds(db: Firestore, ledger: LedgerDef, creates: readonly { values: Record<string, unknown> }[]): Promise<string[]> {
  if (creates.length === 0) return [];
  const groups = new Map<string, { county: string; year: number; count: number; first: number }>();
  const scopes = creates.map((c) => {
    const s = idScope(ledger, c.values);
    const g = `${s.county}|${s.year}`;
    const entry = groups.get(g) ?? { ...s, count: 0, first: 0 };
    entry.count++;
    groups.set(g, entry);
    return g;
  });
  const blocks = [...groups.values()];
  const refs = blocks.map((b) => paths.counter(db, ledger.name, countyCode(b.county)!, b.year));
  await db.runTransaction(async (tx) => {
    const snaps = await tx.getAll(...refs);
    blocks.forEach((b, i) => {
      b.first = (snaps[i]!.get('next') as number | undefined) ?? 1;
      tx.set(refs[i]!, { next: b.first + b.count, county: b.county, year: b.year, ledger: ledger.name });
    });
  });
  const used = new Map<string, number>();
  return creates.map((_, i) => {
    const g = scopes[i]!;
    const offset = used.get(g) ?? 0;
    used.set(g, offset + 1);
    const b = groups.get(g)!;
    return formatRowId(ledger, b.county, b.year, b.first + offset);
  });
}

interface Ctx {
  readonly db: Firestore;
  readonly ledger: LedgerDef;
  readonly caller: Caller;
  readonly requestId: string;
}

/** Stage one decision's writes on the batch and return its answer. */
function stage(c: Ctx, batch: WriteBatch, d: Decision, loaded: Loaded, newId: string | undefined): PushResult {
  if (d.write === undefined) return d.result;
  const { db, ledger, caller, requestId } = c;
  const now = FieldValue.serverTimestamp();
  const by = { updatedAt: now, updatedBy: caller.email, updatedByUid: caller.uid, lastRequestId: requestId };
  const revision = (id: string, version: number, action: string, changes: unknown[], key: string) =>
    batch.create(paths.revision(db, ledger.name, id, version), {
      version, action, at: now, by: caller.email, byUid: caller.uid, requestId, key, changes,
    });

  if (d.write === 'create') {
    const id = newId!;
    batch.create(paths.key(db, ledger.name, d.key), { id, createdAt: now });
    batch.create(paths.row(db, ledger.name, id), {
      id, key: d.key, version: 1, values: d.values, counties: [d.values.county], withdrawn: false,
      ownerGroup: caller.role === 'clerk' ? caller.group! : null, ownerUid: caller.uid,
      createdAt: now, createdBy: caller.email, createdByUid: caller.uid, ...by,
    });
    revision(id, 1, 'created', diffValues(ledger, {}, d.values), d.key);
    return { key: d.key, status: 'created', id, version: 1, values: d.values };
  }
  const { row } = d;
  const version = row.version + 1;
  const ref = paths.row(db, ledger.name, row.id);
  const precondition = { lastUpdateTime: loaded.updateTime! };
  if (d.write === 'update') {
    // The county it leaves too: a row stored before `counties` existed gets it with its first change.
    const moved = d.values.county !== row.county && { movedAt: now };
    batch.update(ref, { version, values: d.values, counties: FieldValue.arrayUnion(row.county, d.values.county), ...moved, ...by }, precondition);
    revision(row.id, version, 'updated', d.changes, row.key);
    return { key: row.key, status: 'updated', id: row.id, version, values: d.values };
  }
  batch.update(ref, { version, withdrawn: true, counties: FieldValue.arrayUnion(row.county), ...by }, precondition);
  revision(row.id, version, 'withdrawn', [], row.key);
  return { key: row.key, status: 'withdrawn', id: row.id, version };
}

/** Firestore's answers when a precondition failed or a transaction lost a race. */
function isContention(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 6 || code === 9 || code === 10 || code === 'already-exists' || code === 'failed-precondition' || code === 'aborted';
}

export async function pushRows(db: Firestore, caller: Caller, req: PushRequest, parse: ParseContext): Promise<PushResult[]> {
  const ledger = getLedger(req.ledger);
  const ctx: Ctx = { db, ledger, caller, requestId: req.requestId };
  const j: Judge = { ledger, caller, parse };
  const units = unitsOf(req.rows);
  // No rows: nothing to judge or store (and db.getAll below needs at least one reference).
  if (units.length === 0) return [];
  const answers = new Map<number, PushResult[]>();

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const unitSnaps = await db.getAll(...units.map((u) => paths.unit(db, caller.uid, req.requestId, u.n)));
    units.forEach((u, i) => {
      const snap = unitSnaps[i]!;
      if (!snap.exists) return;
      if (!sameKeys(snap.get('keys') as string[], u.rows)) throw apiError('invalid-argument', text.requestReused());
      answers.set(u.n, snap.get('results') as PushResult[]);
    });
    const todo = units.filter((u) => !answers.has(u.n));
    if (todo.length === 0) return units.flatMap((u) => answers.get(u.n)!);

    const loaded = await loadRows(db, ledger, todo.flatMap((u) => u.rows));
    const decisions = todo.map((u) => u.rows.map((r) => judge(j, r, loaded.get(r.key)!)));
    const creates = decisions.flat().filter((d): d is Extract<Decision, { write: 'create' }> => d.write === 'create');
    const ids = await allocateIds(db, ledger, creates);
    const idOf = new Map(creates.map((d, i) => [d, ids[i]!]));

    const commits = todo.map(async (u, i) => {
      const batch = db.batch();
      const results = u.rows.map((r, k) => {
        const d = decisions[i]![k]!;
        return stage(ctx, batch, d, loaded.get(r.key)!, idOf.get(d as Extract<Decision, { write: 'create' }>));
      });
      if (u.n === 0) {
        batch.set(paths.request(db, caller.uid, req.requestId), {
          uid: caller.uid, requestId: req.requestId, ledger: ledger.name,
          // Who pushed, for the reporting cadence (supervision/service.ts): a clerk's group.
          role: caller.role, county: caller.county ?? null, group: caller.group ?? null,
          at: FieldValue.serverTimestamp(),
        });
      }
      batch.create(paths.unit(db, caller.uid, req.requestId, u.n), {
        keys: u.rows.map((r) => r.key), results, at: FieldValue.serverTimestamp(),
      });
      await batch.commit();
      answers.set(u.n, results);
    });
    const settled = await Promise.allSettled(commits);
    for (const s of settled) {
      if (s.status === 'rejected' && !isContention(s.reason)) throw s.reason;
    }
  }
  throw apiError('resource-exhausted', text.busy());
}
