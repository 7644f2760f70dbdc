// Changing a problem's duplicate link (docs/masterdata.md#likely-duplicates): always as a new
// version of the row, with its revision, its to-do labels and its change of the statistics
// (a linked problem counts nothing, its root once), in the commit of the decision or the push
// that causes it.

import { FieldValue, type DocumentReference, type Firestore, type Timestamp, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { deadlineHolders, inboxLabels, statDelta, type CellCounts, type DuplicateDecisionAnswer } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { paths } from '../store/paths';
import { queryParts } from '../store/disjunctions';
import { stampsOf, type RowDoc } from '../store/rowDoc';

/** A problem as read, with the time that a write over it requires to be unchanged. */
export interface RowRead {
  readonly ref: DocumentReference;
  readonly doc: RowDoc;
  readonly updateTime: Timestamp;
}

/** The to-do labels of a row as it will be. */
export function labels(d: RowDoc, change: { duplicateOf?: string | null; possibleDuplicates?: string[] }): Record<string, unknown> {
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

/**
 * Stages a changed link as a new version of the row (its revision, its labels) and adds its
 * change of the statistics to `delta`, which the caller stages with the rest of its commit.
 */
export function stageLink(
  w: WriteBatch | Transaction,
  db: Firestore,
  caller: Caller,
  r: RowRead,
  duplicateOf: string | null,
  delta: CellCounts,
): DuplicateDecisionAnswer {
  const d = r.doc;
  const version = d.version + 1;
  const now = FieldValue.serverTimestamp();
  const before = d.duplicateOf ?? null;
  const row = {
    version,
    duplicateOf: duplicateOf ?? FieldValue.delete(),
    possibleDuplicates: [],
    duplicateMatches: [],
    ...labels(d, { duplicateOf, possibleDuplicates: [] }),
    updatedAt: now,
    updatedBy: caller.email,
    updatedByUid: caller.uid,
  };
  const revision = {
    version,
    action: 'updated',
    at: now,
    by: caller.email,
    byUid: caller.uid,
    key: d.key,
    changes: [linkChange(before, duplicateOf)],
  };
  // A transaction takes the same writes as a batch.
  (w as WriteBatch).update(r.ref, row, { lastUpdateTime: r.updateTime });
  (w as WriteBatch).create(paths.revision(db, 'problems', d.id, version), revision);
  if (d.inStats === true) {
    const counted = { values: d.values, departmentId: d.departmentId ?? null, withdrawn: d.withdrawn === true, stamps: stampsOf(d) };
    statDelta({ ...counted, duplicateOf: before }, { ...counted, duplicateOf }, delta);
  }
  return { id: d.id, version, ...(duplicateOf !== null && { duplicateOf }) };
}

/** The live problems among a query's documents: a withdrawn one stands for nothing and moves nowhere. */
function live(docs: readonly FirebaseFirestore.QueryDocumentSnapshot[]): RowRead[] {
  return docs.map((s) => ({ ref: s.ref, doc: s.data() as RowDoc, updateTime: s.updateTime })).filter((r) => r.doc.withdrawn !== true);
}

/** The live problems linked under each of `roots`. */
export async function linkedUnder(db: Firestore, roots: readonly string[]): Promise<Map<string, RowRead[]>> {
  const out = new Map<string, RowRead[]>();
  const snaps = await Promise.all(queryParts(roots).map((ids) => paths.rows(db, 'problems').where('duplicateOf', 'in', ids).get()));
  for (const r of live(snaps.flatMap((q) => q.docs))) {
    const root = r.doc.duplicateOf!;
    out.set(root, [...(out.get(root) ?? []), r]);
  }
  return out;
}

/** The live problems linked under `root`, read in a transaction: they move with a root linked on. */
export async function linkedUnderIn(tx: Transaction, db: Firestore, root: string): Promise<RowRead[]> {
  return live((await tx.get(paths.rows(db, 'problems').where('duplicateOf', '==', root))).docs);
}

/**
 * A root withdrawn: the problem it stood for is still reported by the rows linked under it.
 * The earliest found (then the lowest id) stands for it now, unlinked; the others link to
 * that one. Answers each row's new link.
 */
export function standIns(linked: readonly RowRead[]): Map<RowRead, string | null> {
  const [first, ...rest] = [...linked].sort(
    (a, b) => String(a.doc.values.foundOn ?? '').localeCompare(String(b.doc.values.foundOn ?? '')) || a.doc.id.localeCompare(b.doc.id),
  );
  if (first === undefined) return new Map();
  return new Map([[first, null], ...rest.map((r): [RowRead, string] => [r, first.doc.id])]);
}

/** A change of link as a revision lists it. */
export function linkChange(before: string | null, after: string | null): { field: 'duplicateOf'; old?: string; new?: string } {
  return { field: 'duplicateOf', ...(before !== null && { old: before }), ...(after !== null && { new: after }) };
}
