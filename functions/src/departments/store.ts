// The registry of responsible departments in Firestore (`departments/{id}`,
// ledger/src/departments.ts): read without anything of the callable runtime, so the CLI can
// use it too.

import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import { departmentIndex, type DepartmentIndex, type DepartmentRecord } from '@taizhang/ledger';
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

/** The registry's index when a filter names a department (undefined: not needed, or still empty). */
export async function departmentsFor(db: Firestore, filter: { department?: string } | undefined): Promise<DepartmentIndex | undefined> {
  if (filter?.department === undefined) return undefined;
  const all = await listDepartments(db);
  return all.length > 0 ? departmentIndex(all) : undefined;
}
