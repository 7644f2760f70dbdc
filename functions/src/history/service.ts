// A row's story (docs/api.md#gethistory): its revisions, oldest first, to whoever may read the
// row. Whoever may not hears the same as for a row that does not exist, so the answer says
// nothing about which ids are taken.

import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import { mayRead, type Caller, type HistoryAnswer, type LedgerName, type Revision, type RevisionChange } from '@taizhang/ledger';
import { paths } from '../store/paths';
import { iso } from '../store/rowDoc';

interface RevisionDoc {
  readonly version: number;
  readonly action: Revision['action'];
  readonly at?: Timestamp;
  readonly by?: string;
  readonly changes?: RevisionChange[];
}

function toRevision(d: RevisionDoc): Revision {
  return {
    version: d.version,
    action: d.action,
    at: iso(d.at),
    by: d.by ?? '',
    changes: (d.changes ?? []).map((c) => ({
      field: c.field,
      ...(c.old !== undefined && { old: c.old }),
      ...(c.new !== undefined && { new: c.new }),
    })),
  };
}

/** The revisions of a row the caller may read, or undefined: no such row, or not the caller's to read. */
export async function readHistory(db: Firestore, caller: Caller, ledger: LedgerName, id: string): Promise<HistoryAnswer | undefined> {
  const row = paths.row(db, ledger, id);
  const snap = await row.get();
  if (!snap.exists) return undefined;
  const d = snap.data()!;
  const stored = {
    values: d.values ?? {},
    ownerGroup: d.ownerGroup ?? null,
    departmentId: typeof d.departmentId === 'string' ? d.departmentId : null,
    withdrawn: d.withdrawn === true,
  };
  if (!mayRead(caller, stored)) return undefined;
  const revisions = await row.collection('revisions').orderBy('version').get();
  return { revisions: revisions.docs.map((r) => toRevision(r.data() as RevisionDoc)) };
}
