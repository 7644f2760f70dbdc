// The registry's documents (`groups/{id}`): read without anything of the callable runtime, so
// the CLI can use it too.

import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import type { GroupRecord } from '@taizhang/ledger';
import { paths } from '../store/paths';

export function toGroup(d: DocumentData): GroupRecord {
  return {
    id: String(d.id),
    name: String(d.name),
    county: String(d.county),
    targetType: d.targetType,
    department: typeof d.department === 'string' ? d.department : '',
    active: d.active === true,
  };
}

/** Every registered group (of one county, when given). ≈ 2,000 small documents a city. */
export async function listGroups(db: Firestore, county?: string): Promise<GroupRecord[]> {
  const q = county === undefined ? paths.groups(db) : paths.groups(db).where('county', '==', county);
  const snap = await q.get();
  return snap.docs.map((d) => toGroup(d.data()));
}
