// pushRows against Firestore, exactly once.
//
// A push is cut into units of UNIT_ROWS rows by position. Each unit commits atomically: its
// row writes, revisions, key-index entries and the unit's answer (requests/…/units/n),
// the last created with a precondition. So a replay finds every committed unit's answer,
// a push that died halfway redoes only the units that never committed, and two copies of
// one request racing each other cannot both commit a unit. Row writes carry preconditions
// too (update: the row's last update time; create: the key index entry must not exist), so
// a concurrent change makes the commit fail; the unit is then judged again on fresh reads.
//
// New rows' numbers come from push/ids.ts, claimed per unit and key so that a copy of the
// request uses the same ones. Keys are per account: the key index is looked up under the caller's uid.

import { FieldValue, Timestamp, type DocumentReference, type Firestore, type WriteBatch } from 'firebase-admin/firestore';
import {
  ASSIGNED_STATUSES,
  deadlineHolders,
  departmentIndex,
  getLedger,
  inboxLabels,
  nextStamps,
  problemEvent,
  statDelta,
  type CanonicalRow,
  type CellCounts,
  type CountedRow,
  type DuplicateMatch,
  type LedgerDef,
  type ParseContext,
  type ProblemState,
  type WorkflowStamps,
} from '@taizhang/ledger';
import type { Caller } from '../auth';
import { enqueueProblemEventInBatch } from '../channels/outbox';
import { listDepartments } from '../departments/store';
import { apiError, text } from '../messages';
import { paths } from '../store/paths';
import { toStoredRow } from '../store/rowDoc';
import { registryForRows } from '../store/targets';
import { shardOf, stageStatDelta } from '../stats/store';
import { isContention } from '../store/contention';
import { linkChange, linkedUnder, stageLink, standIns, type RowRead } from '../duplicates/links';
import { matchDuplicates, readCandidates, type Candidates, type Subject } from './duplicates';
import { allocateIds } from './ids';
import { diffValues, judgeExisting, judgeNew, type Decision, type Judge } from './plan';
import type { PushRequest, PushResult, PushRow, StoredRow } from './types';

/** Rows per atomic commit: ≤ 4 writes a row (row, revision, key, reminder), and the unit's answer stays far below 1 MiB. */
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
async function loadRows(db: Firestore, ledger: LedgerDef, uid: string, rows: readonly PushRow[]): Promise<Map<string, Loaded>> {
  const keySnaps = await getMany(
    db,
    rows.filter((r) => !r.id).map((r) => paths.key(db, ledger.name, uid, r.key)),
  );
  const idOf = (r: PushRow): string | undefined => r.id ?? (keySnaps.get(paths.key(db, ledger.name, uid, r.key).path)?.get('id') as string | undefined);
  const ids = [...new Set(rows.map(idOf).filter((x): x is string => x !== undefined))];
  const rowSnaps = await getMany(
    db,
    ids.map((id) => paths.row(db, ledger.name, id)),
  );
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

/** Answers after which the group counts as having reported (the reporting cadence). */
const ACCEPTED = new Set(['created', 'updated', 'unchanged', 'withdrawn']);

interface Ctx {
  readonly db: Firestore;
  readonly ledger: LedgerDef;
  readonly caller: Caller;
  readonly requestId: string;
  /** The ledger has the department loop's handling (the problems). */
  readonly handled: boolean;
  /** Rows this commit updates that a withdrawn root's duplicates move with: their new link. */
  readonly relinks?: ReadonlyMap<string, string | null>;
}

/**
 * What the department loop keeps on a row beside its values (docs/data-model.md): the
 * department's id, the handling stamps, the to-do labels and the deadline's sort key. Decided
 * from the row as it will be after this change, in the same commit.
 */
function handling(
  values: CanonicalRow,
  ownerGroup: string | null,
  departmentId: string | null,
  stamps: WorkflowStamps,
  found: Found | undefined,
  duplicateOf: string | null,
): Record<string, unknown> {
  const possibleDuplicates = found?.matches.map((m) => m.id) ?? [];
  const row = { values, ownerGroup, departmentId, withdrawn: false, stamps, possibleDuplicates, duplicateOf };
  const out: Record<string, unknown> = {
    departmentId,
    inbox: inboxLabels(row),
    deadlineHolders: deadlineHolders(row),
    dueKey: typeof values.deadline === 'string' ? values.deadline : NO_DEADLINE,
  };
  for (const [k, ms] of Object.entries(stamps)) if (typeof ms === 'number') out[k] = Timestamp.fromMillis(ms);
  if (found) Object.assign(out, { targetKey: found.key, possibleDuplicates, duplicateMatches: found.matches });
  if (departmentId !== null && ASSIGNED_STATUSES.includes(values.status)) out.assignedDepartments = FieldValue.arrayUnion(departmentId);
  return out;
}

/** The sort key of a problem without a deadline: after every real day. */
const NO_DEADLINE = '9999-12-31';

/**
 * What a row counted in the kept statistics before this change: nothing when it was never
 * counted (a row older than them, until `admin migrate` counts it).
 */
function countedBefore(row: StoredRow): CountedRow | undefined {
  return row.inStats
    ? { values: row.values, departmentId: row.departmentId, withdrawn: row.withdrawn, duplicateOf: row.duplicateOf, stamps: row.stamps }
    : undefined;
}

/** What duplicate detection found for a created or updated problem: its target key and likely duplicates. */
interface Found {
  readonly key: string | null;
  readonly matches: DuplicateMatch[];
}

const answered = (found: Found | undefined) => (found !== undefined && found.matches.length > 0 ? { duplicates: found.matches } : {});

/** Stage one decision's writes on the batch, add its change of the statistics to `stats`, and return its answer. */
function stage(
  c: Ctx,
  batch: WriteBatch,
  stats: CellCounts,
  d: Decision,
  loaded: Loaded,
  newId: string | undefined,
  nowMs: number,
  found: Found | undefined,
): PushResult {
  // A lost answer asked again under a new request: the row's likely duplicates as they are now.
  if (d.write === undefined) return d.result.status === 'created' ? { ...d.result, ...answered(found) } : d.result;
  // The problems' statistics change in the same commit as the row (docs/data-model.md#statistics).
  const counted = c.ledger.name === 'problems' && { inStats: true };
  const count = (before: CountedRow | undefined, after: CountedRow | undefined): void => {
    if (counted) statDelta(before, after, stats);
  };
  const { db, ledger, caller, requestId } = c;
  const now = FieldValue.serverTimestamp();
  const by = { updatedAt: now, updatedBy: caller.email, updatedByUid: caller.uid, lastRequestId: requestId };
  const revision = (id: string, version: number, action: string, changes: unknown[], key: string) =>
    batch.create(paths.revision(db, ledger.name, id, version), {
      version,
      action,
      at: now,
      by: caller.email,
      byUid: caller.uid,
      requestId,
      key,
      changes,
    });

  if (d.write === 'create') {
    const id = newId!;
    batch.create(paths.key(db, ledger.name, caller.uid, d.key), { id, createdAt: now });
    const ownerGroup = caller.role === 'clerk' ? caller.group! : null;
    const stamps = c.handled ? nextStamps(undefined, d.values, caller.role, nowMs) : {};
    batch.create(paths.row(db, ledger.name, id), {
      id,
      key: d.key,
      version: 1,
      values: d.values,
      counties: [d.values.county],
      withdrawn: false,
      ownerGroup,
      ownerUid: caller.uid,
      ...counted,
      createdAt: now,
      createdBy: caller.email,
      createdByUid: caller.uid,
      ...by,
      ...(c.handled && handling(d.values, ownerGroup, d.departmentId, stamps, found, null)),
    });
    revision(id, 1, 'created', diffValues(ledger, {}, d.values), d.key);
    count(undefined, { values: d.values, departmentId: d.departmentId, withdrawn: false, stamps });
    remind(c, batch, id, 1, undefined, { values: d.values, departmentId: d.departmentId ?? undefined });
    return { key: d.key, status: 'created', id, version: 1, values: d.values, ...(d.warnings.length > 0 && { warnings: d.warnings }), ...answered(found) };
  }
  const { row } = d;
  const version = row.version + 1;
  const ref = paths.row(db, ledger.name, row.id);
  const precondition = { lastUpdateTime: loaded.updateTime! };
  if (d.write === 'update') {
    // The county it leaves too: a row stored before `counties` existed gets it with its first change.
    const moved = d.values.county !== row.county && { movedAt: now };
    const stamps = c.handled ? nextStamps(row, d.values, caller.role, nowMs) : row.stamps;
    const duplicateOf = c.relinks?.has(row.id) ? c.relinks.get(row.id)! : row.duplicateOf;
    const relinked = duplicateOf !== row.duplicateOf;
    const loop = c.handled && handling(d.values, row.ownerGroup, d.departmentId, stamps, found, duplicateOf);
    batch.update(
      ref,
      {
        version,
        values: d.values,
        counties: FieldValue.arrayUnion(row.county, d.values.county),
        ...(relinked && { duplicateOf: duplicateOf ?? FieldValue.delete() }),
        ...moved,
        ...loop,
        ...counted,
        ...by,
      },
      precondition,
    );
    revision(row.id, version, 'updated', relinked ? [...d.changes, linkChange(row.duplicateOf, duplicateOf)] : d.changes, row.key);
    count(countedBefore(row), { values: d.values, departmentId: d.departmentId, withdrawn: false, duplicateOf, stamps });
    remind(
      c,
      batch,
      row.id,
      version,
      { values: row.values, departmentId: row.departmentId ?? undefined },
      { values: d.values, departmentId: d.departmentId ?? undefined },
    );
    return {
      key: row.key,
      status: 'updated',
      id: row.id,
      version,
      values: d.values,
      ...(d.warnings.length > 0 && { warnings: d.warnings }),
      ...answered(found),
    };
  }
  // A withdrawn problem awaits nobody.
  const off = c.handled && { inbox: [], deadlineHolders: [] };
  batch.update(ref, { version, withdrawn: true, counties: FieldValue.arrayUnion(row.county), ...off, ...counted, ...by }, precondition);
  revision(row.id, version, 'withdrawn', [], row.key);
  count(countedBefore(row), undefined);
  return { key: row.key, status: 'withdrawn', id: row.id, version };
}

/**
 * A department's robot hears of a problem assigned to it (交办) or returned to it (退回) from
 * the commit that does it (docs/reminders.md). A department's own move back from 待审核 is
 * no 退回, and it assigns nothing.
 */
function remind(c: Ctx, batch: WriteBatch, id: string, version: number, before: ProblemState | undefined, after: ProblemState): void {
  if (!c.handled || c.caller.role === 'department') return;
  const event = problemEvent(id, version, before, after);
  if (event) enqueueProblemEventInBatch(batch, c.db, event, after.values);
}

/** The problems a round creates or updates, as what duplicate detection judges; a created row's id is still to come. */
interface Subjects {
  readonly writes: readonly Decision[];
  readonly subjects: readonly Subject[];
}

function duplicateSubjects(decisions: readonly Decision[], loaded: ReadonlyMap<string, Loaded>): Subjects {
  const subjectOf = (d: Decision): Subject | undefined => {
    if (d.write === 'create') return { values: d.values };
    if (d.write === 'update') return { id: d.row.id, values: d.values, duplicateOf: d.row.duplicateOf, dismissedDuplicates: d.row.dismissedDuplicates };
    // A row created by an earlier request whose answer was lost: answered again, with its duplicates.
    const again = d.write === undefined && d.result.status === 'created' ? loaded.get(d.result.key)?.row : undefined;
    return again && { id: again.id, values: again.values, duplicateOf: again.duplicateOf, dismissedDuplicates: again.dismissedDuplicates };
  };
  const writes = decisions.filter((d) => subjectOf(d) !== undefined);
  return { writes, subjects: writes.map((d) => subjectOf(d)!) };
}

/** Likely duplicates of the problems a round creates or updates, by decision, once the created rows have their ids. */
function foundDuplicates(s: Subjects, idOf: ReadonlyMap<Decision, string>, candidates: Candidates): Map<Decision, Found> {
  const subjects = s.subjects.map((x, i) => (x.id === undefined ? { ...x, id: idOf.get(s.writes[i]!)! } : x));
  const matches = matchDuplicates(subjects, candidates);
  return new Map(s.writes.map((d, i) => [d, { key: candidates.keys[i]!, matches: matches[i]! }]));
}

export interface PushOptions {
  /** Look for likely duplicates of the problems pushed (on unless a benchmark compares without). */
  readonly detectDuplicates?: boolean;
}

export async function pushRows(
  db: Firestore,
  caller: Caller,
  req: PushRequest,
  parse: ParseContext,
  ownGroup?: ReadonlySet<string>,
  options: PushOptions = {},
): Promise<PushResult[]> {
  const ledger = getLedger(req.ledger);
  const handled = ledger.fields.some((f) => f.key === 'department');
  const ctx: Ctx = { db, ledger, caller, requestId: req.requestId, handled };
  const units = unitsOf(req.rows);
  // No rows: nothing to judge or store (and db.getAll below needs at least one reference).
  if (units.length === 0) return [];
  const detect = ledger.name === 'problems' && options.detectDuplicates !== false;
  // Once per push: the departments (an empty registry, a fresh deployment, keeps 责任单位 as
  // the text written) and the registries' entries its rows name (credit codes, villages), for
  // the warnings. Asked while the first round reads the units' answers and the rows.
  const judgeOf = Promise.all([
    handled ? listDepartments(db) : [],
    registryForRows(
      db,
      req.rows.map((r) => r.values),
      { names: detect },
    ),
  ]).then(([registry, targets]): [Judge, typeof targets] => {
    const departments = registry.length > 0 ? departmentIndex(registry) : undefined;
    const j: Judge = {
      ledger,
      caller,
      parse,
      ...(ownGroup && { ownGroup }),
      ...(departments && { departments }),
      ...(targets.size > 0 && { registry: targets }),
    };
    return [j, targets];
  });
  const answers = new Map<number, PushResult[]>();

  for (let round = 0; round < MAX_ROUNDS; round++) {
    // The units not answered yet, their stored answers and their rows, read at once: a unit a
    // copy of this request committed meanwhile is answered from its answer, its rows unused.
    const open = units.filter((u) => !answers.has(u.n));
    const [unitSnaps, loaded, [j, targets]] = await Promise.all([
      db.getAll(...open.map((u) => paths.unit(db, caller.uid, req.requestId, u.n))),
      loadRows(
        db,
        ledger,
        caller.uid,
        open.flatMap((u) => u.rows),
      ),
      judgeOf,
    ]);
    open.forEach((u, i) => {
      const snap = unitSnaps[i]!;
      if (!snap.exists) return;
      if (!sameKeys(snap.get('keys') as string[], u.rows)) throw apiError('invalid-argument', text.requestReused());
      answers.set(u.n, snap.get('results') as PushResult[]);
    });
    const todo = open.filter((u) => !answers.has(u.n));
    if (todo.length === 0) return units.flatMap((u) => answers.get(u.n)!);

    const decisions = todo.map((u) => u.rows.map((r) => judge(j, r, loaded.get(r.key)!)));
    const creates = decisions.flatMap((ds, i) =>
      ds.filter((d): d is Extract<Decision, { write: 'create' }> => d.write === 'create').map((d) => ({ d, n: todo[i]!.n })),
    );
    // The likely duplicates are looked up while the new rows are numbered: neither needs the other.
    const subjects = detect ? duplicateSubjects(decisions.flat(), loaded) : undefined;
    // A problem withdrawn may be the root its duplicates were linked under: they are read with
    // the rest, and the earliest stands for it in the same commit.
    const withdrawn = ledger.name === 'problems' ? decisions.flat().flatMap((d) => (d.write === 'withdraw' ? [d.row.id] : [])) : [];
    const [ids, candidates, linked] = await Promise.all([
      allocateIds(
        db,
        ledger,
        caller.uid,
        req.requestId,
        creates.map(({ d, n }) => ({ n, key: d.key, values: d.values })),
      ),
      subjects && readCandidates(db, subjects.subjects, targets.resolve),
      withdrawn.length > 0 ? linkedUnder(db, withdrawn) : new Map<string, RowRead[]>(),
    ]);
    // A duplicate this round withdraws stands for nothing.
    const gone = new Set(withdrawn);
    const idOf = new Map(creates.map(({ d }, i) => [d, ids[i]!]));
    const found = subjects && candidates ? foundDuplicates(subjects, idOf, candidates) : new Map<Decision, Found>();

    const commits = todo.map(async (u, i) => {
      const batch = db.batch();
      // One clock reading a unit: the stamps of its rows agree with one another.
      const nowMs = Date.now();
      const stats: CellCounts = new Map();
      // The duplicates of the roots this unit withdraws move in its commit: one this unit also
      // updates takes its new link in that update; the others as link changes of their own.
      const updated = new Set(decisions[i]!.flatMap((d) => (d.write === 'update' ? [d.row.id] : [])));
      const relinks = new Map<string, string | null>();
      for (const d of decisions[i]!) {
        if (d.write !== 'withdraw') continue;
        for (const [r, to] of standIns((linked.get(d.row.id) ?? []).filter((r) => !gone.has(r.doc.id)))) {
          if (updated.has(r.doc.id)) relinks.set(r.doc.id, to);
          else stageLink(batch, db, caller, r, to, stats);
        }
      }
      const results = u.rows.map((r, k) => {
        const d = decisions[i]![k]!;
        return stage({ ...ctx, relinks }, batch, stats, d, loaded.get(r.key)!, idOf.get(d as Extract<Decision, { write: 'create' }>), nowMs, found.get(d));
      });
      stageStatDelta(batch, db, ledger.name, stats, shardOf(`${caller.uid}-${req.requestId}-${u.n}`));
      // Merged, not set: the units commit in any order and each adds what it knows.
      const requestRef = paths.request(db, caller.uid, req.requestId);
      if (u.n === 0) {
        batch.set(
          requestRef,
          { uid: caller.uid, requestId: req.requestId, ledger: ledger.name, role: caller.role, at: FieldValue.serverTimestamp() },
          { merge: true },
        );
      }
      // Who reported, for the reporting cadence (supervision/service.ts): only a push with a
      // row that was accepted; one whose rows were all refused reported nothing.
      if (results.some((r) => ACCEPTED.has(r.status))) {
        batch.set(requestRef, { county: caller.county ?? null, group: caller.group ?? null }, { merge: true });
      }
      batch.create(paths.unit(db, caller.uid, req.requestId, u.n), {
        keys: u.rows.map((r) => r.key),
        results,
        at: FieldValue.serverTimestamp(),
      });
      await batch.commit();
      answers.set(u.n, results);
    });
    const settled = await Promise.allSettled(commits);
    for (const s of settled) {
      if (s.status === 'rejected' && !isContention(s.reason)) throw s.reason;
    }
    if (units.every((u) => answers.has(u.n))) return units.flatMap((u) => answers.get(u.n)!);
  }
  throw apiError('resource-exhausted', text.busy());
}
