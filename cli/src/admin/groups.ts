// The work-group registry (`groups/{id}`, ledger/src/groups.ts) through firebase-admin:
// what `taizhang admin groups` does. Every group written is checked by the ledger core's
// checkGroup first; an import writes nothing unless every row is valid.

import type { Firestore } from 'firebase-admin/firestore';
import { checkGroup, COUNTY_LABELS, isGroupId, joined, type Bilingual, type GroupKey, type GroupRecord, type GroupSheetError } from '@taizhang/ledger';
import { listGroups as readGroups, toGroup } from '@taizhang/functions/admin';

export class GroupError extends Error {
  constructor(
    readonly text: Bilingual,
    readonly rows: readonly GroupSheetError[] = [],
  ) {
    super(joined(text));
  }
}

const col = (db: Firestore) => db.collection('groups');

function valid(raw: Partial<Record<GroupKey, unknown>>): GroupRecord {
  const r = checkGroup(raw);
  if ('errors' in r) {
    throw new GroupError({ zh: r.errors.map((e) => e.zh).join('；'), en: r.errors.map((e) => e.en).join('; ') });
  }
  return r.group;
}

/** A new group; an id already registered is an error (change it with setGroup). */
export async function addGroup(db: Firestore, raw: Partial<Record<GroupKey, unknown>>): Promise<GroupRecord> {
  const g = valid(raw);
  try {
    await col(db).doc(g.id).create(g);
  } catch (e) {
    if ((e as { code?: number }).code === 6) throw new GroupError({ zh: `工作组编号「${g.id}」已存在`, en: `The group id "${g.id}" already exists` });
    throw e;
  }
  return g;
}

async function existing(db: Firestore, id: string): Promise<GroupRecord> {
  const snap = isGroupId(id) ? await col(db).doc(id).get() : undefined;
  if (!snap?.exists) throw new GroupError({ zh: `没有编号为「${id}」的工作组`, en: `No group has the id "${id}"` });
  return toGroup(snap.data()!);
}

/** Change some fields of a registered group (the id stays). */
export async function setGroup(db: Firestore, id: string, change: Partial<Record<Exclude<GroupKey, 'id'>, unknown>>): Promise<GroupRecord> {
  const old = await existing(db, id);
  const merged: Record<string, unknown> = { ...old };
  for (const [k, v] of Object.entries(change)) if (v !== undefined) merged[k] = v;
  const g = valid({ ...merged, id });
  await col(db).doc(id).set(g);
  return g;
}

/** A group that no longer works: its clerks can no longer push; its rows stay. */
export async function deactivateGroup(db: Firestore, id: string): Promise<GroupRecord> {
  return setGroup(db, id, { active: false });
}

const countyRank = new Map(COUNTY_LABELS.map((c, i) => [c, i]));

/** Registered groups, by county (the order of COUNTIES) then id. */
export async function listGroups(db: Firestore, county?: string): Promise<GroupRecord[]> {
  const all = await readGroups(db, county);
  return all.sort((a, b) => (countyRank.get(a.county) ?? 99) - (countyRank.get(b.county) ?? 99) || a.id.localeCompare(b.id));
}

/** Write checked groups (create or replace by id), in batches; counts new and replaced. */
export async function importGroups(db: Firestore, groups: readonly GroupRecord[]): Promise<{ created: number; updated: number }> {
  let created = 0;
  for (let i = 0; i < groups.length; i += 400) {
    const chunk = groups.slice(i, i + 400);
    const snaps = chunk.length > 0 ? await db.getAll(...chunk.map((g) => col(db).doc(g.id))) : [];
    created += snaps.filter((s) => !s.exists).length;
    const batch = db.batch();
    for (const g of chunk) batch.set(col(db).doc(g.id), g);
    await batch.commit();
  }
  return { created, updated: groups.length - created };
}
