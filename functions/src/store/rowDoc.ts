// The row document and its conversions: Firestore timestamps become ISO strings in UTC at
// this boundary, so nothing above the store sees a Firestore type.

import type { DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import type { CanonicalRow, PulledRow } from '@taizhang/ledger';
import type { StoredRow } from '../push/types';

export interface RowDoc {
  id: string;
  key: string;
  version: number;
  values: CanonicalRow;
  /** Every county the row has been in: a since-pull of a county finds the rows that left it. */
  counties?: string[];
  /** When an update last moved it to another county. */
  movedAt?: Timestamp;
  ownerGroup: string | null;
  ownerUid: string;
  withdrawn: boolean;
  createdAt: Timestamp;
  createdBy: string;
  updatedAt: Timestamp;
  updatedBy: string;
  lastRequestId: string;
}

export function iso(t: Timestamp | undefined): string {
  return t ? t.toDate().toISOString() : '';
}

export function toStoredRow(snap: DocumentSnapshot): StoredRow | undefined {
  if (!snap.exists) return undefined;
  const d = snap.data() as RowDoc;
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    values: d.values,
    county: String(d.values.county),
    ownerGroup: d.ownerGroup ?? null,
    withdrawn: d.withdrawn === true,
    updatedAt: iso(d.updatedAt),
    updatedBy: d.updatedBy,
  };
}

export function toPulledRow(d: RowDoc): PulledRow {
  if (d.withdrawn === true) return { id: d.id, version: d.version, withdrawn: true };
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    values: d.values,
    withdrawn: false,
    createdAt: iso(d.createdAt),
    createdBy: d.createdBy,
    updatedAt: iso(d.updatedAt),
    updatedBy: d.updatedBy,
  };
}
