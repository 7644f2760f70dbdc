// A coordinator's decisions on likely duplicates (docs/masterdata.md#likely-duplicates): link a
// problem to the one it repeats, undo the link, or record that two problems are not the same.
// Each decision is one transaction: the rows read, the scope checked on both, the row written
// with its to-do labels and, for a link, its revision and its change of the statistics (a
// linked row counts nothing; its root counts once).

import { FieldValue, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import {
  deadlineHolders,
  idCounty,
  inboxLabels,
  LINK_REFUSALS,
  linkTarget,
  statDelta,
  type CellCounts,
  type DuplicateDecisionAnswer,
  type DuplicateView,
} from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { canRead } from '../scope';
import { paths } from '../store/paths';
import { stampsOf, type RowDoc } from '../store/rowDoc';
import { shardOf, stageStatDelta } from '../stats/store';

/** Coordinators and admins decide; everyone else is refused before anything is read. */
function requireDecider(caller: Caller): void {
  if (caller.role !== 'coordinator' && caller.role !== 'admin') throw apiError('permission-denied', text.duplicateForbidden());
}

interface Read {
  readonly ref: DocumentReference;
  readonly doc: RowDoc;
  readonly updateTime: FirebaseFirestore.Timestamp;
}

/** A problem in the caller's scope, or the answer an unknown or out-of-scope id gets (one answer outside the scope). */
async function readInScope(tx: Transaction, db: Firestore, caller: Caller, id: string): Promise<Read> {
  const ref = paths.row(db, 'problems', id);
  const snap = await tx.get(ref);
  if (!snap.exists) {
    if (!canRead(caller, idCounty(id))) throw apiError('permission-denied', text.duplicateForbidden());
    throw apiError('not-found', text.notFound(id));
  }
  const doc = snap.data() as RowDoc;
  if (!canRead(caller, String(doc.values.county))) throw apiError('permission-denied', text.duplicateForbidden());
  return { ref, doc, updateTime: snap.updateTime! };
}

function view(d: RowDoc): DuplicateView {
  return { id: d.id, values: d.values, duplicateOf: d.duplicateOf ?? null, dismissedDuplicates: d.dismissedDuplicates ?? [], withdrawn: d.withdrawn === true };
}

/** The to-do labels of a row as it will be. */
function labels(d: RowDoc, change: { duplicateOf?: string | null; possibleDuplicates?: string[] }): Record<string, unknown> {
  const row = {
    values: d.values,
    ownerGroup: d.ownerGroup ?? null,
    departmentId: d.departmentId ?? null,
    withdrawn: d.withdrawn === true,
    stamps: stampsOf(d),
    possibleDuplicates: change.possibleDuplicates ?? d.possibleDuplicates ?? [],
    duplicateOf: change.duplicateOf === undefined ? (d.duplicateOf ?? null) : change.duplicateOf,
  };
  return { inbox: inboxLabels(row), deadlineHolders: deadlineHolders(row) };
}

/** Writes a changed link as a new version of the row: its revision, its labels, its statistics. */
function writeLink(tx: Transaction, db: Firestore, caller: Caller, r: Read, duplicateOf: string | null): DuplicateDecisionAnswer {
  const d = r.doc;
  const version = d.version + 1;
  const now = FieldValue.serverTimestamp();
  const before = d.duplicateOf ?? null;
  tx.update(
    r.ref,
    {
      version,
      duplicateOf: duplicateOf ?? FieldValue.delete(),
      possibleDuplicates: [],
      duplicateMatches: [],
      ...labels(d, { duplicateOf, possibleDuplicates: [] }),
      updatedAt: now,
      updatedBy: caller.email,
      updatedByUid: caller.uid,
    },
    { lastUpdateTime: r.updateTime },
  );
  tx.create(paths.revision(db, 'problems', d.id, version), {
    version,
    action: 'updated',
    at: now,
    by: caller.email,
    byUid: caller.uid,
    key: d.key,
    changes: [{ field: 'duplicateOf', ...(before !== null && { old: before }), ...(duplicateOf !== null && { new: duplicateOf }) }],
  });
  if (d.inStats === true) {
    const counted = { values: d.values, departmentId: d.departmentId ?? null, withdrawn: d.withdrawn === true, stamps: stampsOf(d) };
    const delta: CellCounts = statDelta({ ...counted, duplicateOf: before }, { ...counted, duplicateOf });
    stageStatDelta(tx, db, 'problems', delta, shardOf(`dup-${d.id}-${version}`));
  }
  return { id: d.id, version, ...(duplicateOf !== null && { duplicateOf }) };
}

function answerOf(d: RowDoc): DuplicateDecisionAnswer {
  return { id: d.id, version: d.version, ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}) };
}

/**
 * `id` repeats `of`: linked to `of`'s root. Rows linked to `id` follow it to the new root.
 * Linking again to the same root changes nothing (a retried call links nothing twice).
 */
export async function markDuplicate(db: Firestore, caller: Caller, id: string, of: string): Promise<DuplicateDecisionAnswer> {
  requireDecider(caller);
  return db.runTransaction(async (tx) => {
    const row = await readInScope(tx, db, caller, id);
    const other = await readInScope(tx, db, caller, of);
    const children = await tx.get(paths.rows(db, 'problems').where('duplicateOf', '==', id));
    if (row.doc.withdrawn === true) throw apiError('failed-precondition', LINK_REFUSALS.withdrawn);
    const target = linkTarget(view(row.doc), view(other.doc));
    if ('refused' in target) throw apiError('failed-precondition', LINK_REFUSALS[target.refused]);
    if (row.doc.duplicateOf === target.root) return answerOf(row.doc);
    // Each follows as a change of its own: a new version, its revision, seen by a since-pull.
    for (const c of children.docs) writeLink(tx, db, caller, { ref: c.ref, doc: c.data() as RowDoc, updateTime: c.updateTime }, target.root);
    return writeLink(tx, db, caller, row, target.root);
  });
}

/** The link of `id` undone: it counts again, on its own. Undoing what is not linked changes nothing. */
export async function unmarkDuplicate(db: Firestore, caller: Caller, id: string): Promise<DuplicateDecisionAnswer> {
  requireDecider(caller);
  return db.runTransaction(async (tx) => {
    const row = await readInScope(tx, db, caller, id);
    const root = row.doc.duplicateOf;
    if (!root) return answerOf(row.doc);
    // In scope of both: a county coordinator does not undo a link to another county's report.
    const rootSnap = await tx.get(paths.row(db, 'problems', root));
    if (rootSnap.exists && !canRead(caller, String((rootSnap.data() as RowDoc).values.county))) throw apiError('permission-denied', text.duplicateForbidden());
    return writeLink(tx, db, caller, row, null);
  });
}

/** `id` and `of` are not the same problem: neither is offered as the other's duplicate again. */
export async function dismissDuplicate(db: Firestore, caller: Caller, id: string, of: string): Promise<DuplicateDecisionAnswer> {
  requireDecider(caller);
  return db.runTransaction(async (tx) => {
    const row = await readInScope(tx, db, caller, id);
    const other = await readInScope(tx, db, caller, of);
    if (id === of) throw apiError('failed-precondition', LINK_REFUSALS.self);
    for (const [a, b] of [
      [row, other],
      [other, row],
    ] as const) {
      const possibleDuplicates = (a.doc.possibleDuplicates ?? []).filter((x) => x !== b.doc.id);
      const duplicateMatches = (a.doc.duplicateMatches ?? []).filter((m) => m.id !== b.doc.id);
      tx.update(a.ref, {
        dismissedDuplicates: FieldValue.arrayUnion(b.doc.id),
        possibleDuplicates,
        duplicateMatches,
        ...labels(a.doc, { possibleDuplicates }),
      });
    }
    return answerOf(row.doc);
  });
}
