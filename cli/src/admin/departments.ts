// The department registry (`departments/{id}`, ledger/src/departments.ts) through firebase-admin:
// what `taizhang admin departments` does. Every department written is checked by the ledger
// core's checkDepartment, and no name or alias may then belong to two departments
// (registryClashes): such a change is refused, the rest of an import still goes in.

import type { Firestore } from 'firebase-admin/firestore';
import {
  checkDepartment,
  COUNTY_LABELS,
  DEPARTMENT_ID,
  joined,
  registryClashes,
  type Bilingual,
  type DepartmentKey,
  type DepartmentRecord,
  type DepartmentSheetRow,
} from '@taizhang/ledger';
import { listDepartments as readDepartments, toDepartment } from '@taizhang/functions/admin';

export class DepartmentError extends Error {
  constructor(readonly text: Bilingual) {
    super(joined(text));
  }
}

const col = (db: Firestore) => db.collection('departments');

function valid(raw: Partial<Record<DepartmentKey, unknown>>): DepartmentRecord {
  const r = checkDepartment(raw);
  if ('errors' in r) throw new DepartmentError({ zh: r.errors.map((e) => e.zh).join('；'), en: r.errors.map((e) => e.en).join('; ') });
  return r.department;
}

/** The clashes `d` would bring into the registry `others` (d's own id left out of it). */
function clashesOf(d: DepartmentRecord, registry: ReadonlyMap<string, DepartmentRecord>): Bilingual[] {
  const others = [...registry.values()].filter((x) => x.id !== d.id);
  const before = new Set(registryClashes(others).map((c) => c.zh));
  return registryClashes([...others, d]).filter((c) => !before.has(c.zh));
}

async function registryMap(db: Firestore): Promise<Map<string, DepartmentRecord>> {
  return new Map((await readDepartments(db)).map((d) => [d.id, d]));
}

function refuseClashes(d: DepartmentRecord, registry: ReadonlyMap<string, DepartmentRecord>): void {
  const clashes = clashesOf(d, registry);
  if (clashes.length > 0) {
    throw new DepartmentError({ zh: clashes.map((c) => c.zh).join('；'), en: clashes.map((c) => c.en).join('; ') });
  }
}

/** A new department; an id already registered is an error (change it with setDepartment). */
export async function addDepartment(db: Firestore, raw: Partial<Record<DepartmentKey, unknown>>): Promise<DepartmentRecord> {
  const d = valid(raw);
  refuseClashes(d, await registryMap(db));
  try {
    await col(db).doc(d.id).create(d);
  } catch (e) {
    if ((e as { code?: number }).code === 6) throw new DepartmentError({ zh: `单位编号「${d.id}」已存在`, en: `The department id "${d.id}" already exists` });
    throw e;
  }
  return d;
}

async function existing(db: Firestore, id: string): Promise<DepartmentRecord> {
  const snap = DEPARTMENT_ID.test(id) ? await col(db).doc(id).get() : undefined;
  if (!snap?.exists) throw new DepartmentError({ zh: `没有编号为「${id}」的责任单位`, en: `No department has the id "${id}"` });
  return toDepartment(snap.data()!);
}

/** A registered department, or an error naming the id: what a department account must name. */
export async function requireDepartment(db: Firestore, id: string): Promise<DepartmentRecord> {
  return existing(db, id);
}

/** Change some fields of a registered department (the id stays). */
export async function setDepartment(db: Firestore, id: string, change: Partial<Record<Exclude<DepartmentKey, 'id'>, unknown>>): Promise<DepartmentRecord> {
  const old = await existing(db, id);
  const merged: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(change)) if (v !== undefined) merged[k] = v;
  const d = valid({ ...merged, id });
  refuseClashes(d, await registryMap(db));
  await col(db).doc(id).set(d);
  return d;
}

/** A department no longer found by name; its rows and accounts stay. */
export function deactivateDepartment(db: Firestore, id: string): Promise<DepartmentRecord> {
  return setDepartment(db, id, { active: false });
}

const countyRank = new Map(COUNTY_LABELS.map((c, i) => [c, i]));

/** Registered departments, 市直 first, then by county and id. */
export async function listDepartments(db: Firestore): Promise<DepartmentRecord[]> {
  const rank = (c: string) => (c === '市直' ? -1 : (countyRank.get(c) ?? 99));
  return (await readDepartments(db)).sort((a, b) => rank(a.county) - rank(b.county) || a.id.localeCompare(b.id));
}

export interface ImportReport {
  readonly added: string[];
  readonly changed: string[];
  readonly unchanged: string[];
  /** Rows refused because a name or alias would then belong to two departments. */
  readonly refused: { readonly row: number; readonly id: string; readonly zh: string; readonly en: string }[];
}

const same = (a: DepartmentRecord, b: DepartmentRecord) => JSON.stringify(a) === JSON.stringify(b);

/** Write checked departments (create or replace by id) unless they clash; report each by id. */
export async function importDepartments(db: Firestore, rows: readonly DepartmentSheetRow[]): Promise<ImportReport> {
  const registry = await registryMap(db);
  const report: ImportReport = { added: [], changed: [], unchanged: [], refused: [] };
  const writes: DepartmentRecord[] = [];
  for (const { row, department: d } of rows) {
    const clashes = clashesOf(d, registry);
    if (clashes.length > 0) {
      report.refused.push({ row, id: d.id, zh: clashes.map((c) => c.zh).join('；'), en: clashes.map((c) => c.en).join('; ') });
      continue;
    }
    const old = registry.get(d.id);
    if (old === undefined) report.added.push(d.id);
    else if (same(old, d)) {
      report.unchanged.push(d.id);
      continue;
    } else report.changed.push(d.id);
    registry.set(d.id, d);
    writes.push(d);
  }
  for (let i = 0; i < writes.length; i += 400) {
    const batch = db.batch();
    for (const d of writes.slice(i, i + 400)) batch.set(col(db).doc(d.id), d);
    await batch.commit();
  }
  return report;
}
