// The registry of responsible departments in Firestore (`departments/{id}`,
// ledger/src/departments.ts): read without anything of the callable runtime, so the CLI can
// use it too.

import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import type { DepartmentRecord } from '@taizhang/ledger';
import { paths } from '../store/paths';

export function toDepartment(d: DocumentData): DepartmentRecord {
  return {
    id: String(d.id),
    name: String(d.name),
    aliases: Array.isArray(d.aliases) ? d.aliases.filter((a: unknown): a is string => typeof a === 'string') : [],
    county: String(d.county),
    active: d.active === true,
  };
}

/** Every registered department, active or not, by id. A city has a few hundred. */
export async function listDepartments(db: Firestore): Promise<DepartmentRecord[]> {
  const snap = await paths.departments(db).get();
  return snap.docs.map((d) => toDepartment({ id: d.id, ...d.data() })).sort((a, b) => a.id.localeCompare(b.id));
}
