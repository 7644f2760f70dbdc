// A coordinator's decisions on likely duplicates (docs/masterdata.md#likely-duplicates): link a
// problem to the one it repeats, undo the link, or record that two problems are not the same.
// Each decision is one transaction: the rows read, the scope checked on both, the row written
// with its to-do labels and, for a link, its revision and its change of the statistics (a
// linked row counts nothing; its root counts once).

import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { idCounty, LINK_REFUSALS, linkTarget, type CellCounts, type DuplicateDecisionAnswer, type DuplicateView } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { canRead } from '../scope';
import { paths } from '../store/paths';
import type { RowDoc } from '../store/rowDoc';
import { shardOf, stageStatDelta } from '../stats/store';
import { labels, linkedUnderIn, stageLink, type RowRead } from './links';

/** Coordinators and admins decide; everyone else is refused before anything is read. */
function requireDecider(caller: Caller): void {
  if (caller.role !== 'coordinator' && caller.role !== 'admin') throw apiError('permission-denied', text.duplicateForbidden());
}

/** A problem in the caller's scope, or the answer an unknown or out-of-scope id gets (one answer outside the scope). */
async function readInScope(tx: Transaction, db: Firestore, caller: Caller, id: string): Promise<RowRead> {
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

/** The decision's answer, its change of the statistics staged with it. */
function committed(tx: Transaction, db: Firestore, answer: DuplicateDecisionAnswer, delta: CellCounts): DuplicateDecisionAnswer {
  stageStatDelta(tx, db, 'problems', delta, shardOf(`dup-${answer.id}-${answer.version}`));
  return answer;
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
    const children = await linkedUnderIn(tx, db, id);
    if (row.doc.withdrawn === true) throw apiError('failed-precondition', LINK_REFUSALS.withdrawn);
    const target = linkTarget(view(row.doc), view(other.doc));
    if ('refused' in target) throw apiError('failed-precondition', LINK_REFUSALS[target.refused]);
    if (row.doc.duplicateOf === target.root) return answerOf(row.doc);
    // The root is touched, not changed: a push withdrawing it meanwhile, which moves the rows
    // linked under it, finds its read outdated and reads them again, this one among them.
    tx.update(paths.row(db, 'problems', target.root), { linksChangedAt: FieldValue.serverTimestamp() });
    // Each follows as a change of its own: a new version, its revision, seen by a since-pull.
    const delta: CellCounts = new Map();
    for (const c of children) stageLink(tx, db, caller, c, target.root, delta);
    return committed(tx, db, stageLink(tx, db, caller, row, target.root, delta), delta);
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
    const delta: CellCounts = new Map();
    return committed(tx, db, stageLink(tx, db, caller, row, null, delta), delta);
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
