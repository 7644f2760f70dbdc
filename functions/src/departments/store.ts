// The department registry's documents (`departments/{id}`): read without anything of the
// callable runtime, so the CLI can use it too.

import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import type { DepartmentRecord } from '@taizhang/ledger';
import { paths } from '../store/paths';

export function toDepartment(d: DocumentData): DepartmentRecord {
  return {
    id: String(d.id),
    name: String(d.name),
    aliases: Array.isArray(d.aliases) ? d.aliases.map(String) : [],
    county: String(d.county),
    active: d.active === true,
  };
}

/** Every registered department: a few hundred small documents a city. */
export async function listDepartments(db: Firestore): Promise<DepartmentRecord[]> {
  const snap = await paths.departments(db).get();
  return snap.docs.map((d) => toDepartment(d.data()));
}
