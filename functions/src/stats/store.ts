// Where the problems' kept statistics live and how a commit adds to them (docs/data-model.md#statistics).
//
//   stats/{ledger}~{county}~{field}~{shard}   cells of one county and group-by field, as
//                                              `cells.{group}.{slot}: count`; a commit adds its
//                                              delta with increments to one of SHARDS copies,
//                                              so clerks pushing at once in one county write
//                                              different documents, and readers sum the copies
//   statsState/{ledger}                        `complete: true` once every row is counted
//
// A row document carries `inStats: true` once its cells are in the statistics: a change
// takes back the cells of a counted row only, so `admin migrate` can count older rows one
// by one beside live pushes (docs/cli.md#taizhang-admin-migrate).

import { FieldValue, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { cellKey, cellOf, type CellCounts, type LedgerName, type StatCell } from '@taizhang/ledger';
import type { GroupCell } from './aggregate';

/** Copies of each county's cells: about one commit a second each is what Firestore sustains on one document. */
export const SHARDS = 8;

export const statPaths = {
  shards: (db: Firestore) => db.collection('stats'),
  shard: (db: Firestore, ledger: LedgerName, county: string, dimension: string, shard: number) =>
    db.collection('stats').doc(`${ledger}~${county}~${dimension}~${shard}`),
  state: (db: Firestore, ledger: LedgerName) => db.collection('statsState').doc(ledger),
};

/** The copy a commit writes to: spread by who commits and which part of which request. */
export function shardOf(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return Math.abs(h) % SHARDS;
}

/**
 * A group's value as the name of its field in a shard: values are free text (a 乡镇 may be
 * written `__proto__`), and Firestore reserves names of the form __x__, so such a name, and
 * one that already starts with the escape, is stored behind a `~`.
 */
export function groupFieldName(group: string): string {
  return /^__.*__$/s.test(group) || group.startsWith('~') ? `~${group}` : group;
}

/** The group a shard's field name stands for (groupFieldName undone). */
export function groupOfFieldName(name: string): string {
  return name.startsWith('~') ? name.slice(1) : name;
}

/** One write per county and field touched: the delta's counts as increments. */
export function stageStatDelta(w: WriteBatch | Transaction, db: Firestore, ledger: LedgerName, delta: CellCounts, shard: number): number {
  // Maps, not objects, while gathering: a group is whatever text a row holds.
  const docs = new Map<string, { county: string; dimension: string; cells: Map<string, Map<string, FieldValue>> }>();
  for (const [k, n] of delta) {
    if (n === 0) continue;
    const c = cellOf(k);
    const id = `${c.county}\u0000${c.dimension}`;
    let d = docs.get(id);
    if (!d) docs.set(id, (d = { county: c.county, dimension: c.dimension, cells: new Map() }));
    const name = groupFieldName(c.group);
    let slots = d.cells.get(name);
    if (!slots) d.cells.set(name, (slots = new Map()));
    slots.set(c.slot, FieldValue.increment(n));
  }
  for (const d of docs.values()) {
    const ref = statPaths.shard(db, ledger, d.county, d.dimension, shard);
    const cells = Object.fromEntries([...d.cells].map(([name, slots]) => [name, Object.fromEntries(slots)]));
    // Merged with literal keys: a group named with a dot stays one key.
    (w as WriteBatch).set(ref, { ledger, county: d.county, dimension: d.dimension, shard, cells }, { merge: true });
  }
  return docs.size;
}

interface ShardDoc {
  county: string;
  dimension: string;
  cells?: Record<string, Record<string, number>>;
}

/** The cells of one group-by field, summed over copies; within one county when given. */
export async function readFieldCells(db: Firestore, ledger: LedgerName, dimension: string, county?: string): Promise<{ cells: GroupCell[]; reads: number }> {
  let q = statPaths.shards(db).where('ledger', '==', ledger).where('dimension', '==', dimension);
  if (county !== undefined) q = q.where('county', '==', county);
  const snap = await q.get();
  const cells: GroupCell[] = [];
  for (const d of snap.docs) {
    for (const [name, slots] of Object.entries((d.data() as ShardDoc).cells ?? {})) {
      for (const [slot, n] of Object.entries(slots)) if (n !== 0) cells.push({ group: groupOfFieldName(name), slot, n });
    }
  }
  return { cells, reads: Math.max(1, snap.size) };
}

/** The cells of some group-by fields, each with its county and field, copies not summed (a sum is a sum). */
export async function readCellsOf(
  db: Firestore,
  ledger: LedgerName,
  dimensions: readonly string[],
): Promise<{ cells: (GroupCell & { county: string; dimension: string })[]; reads: number }> {
  const snap = await statPaths
    .shards(db)
    .where('ledger', '==', ledger)
    .where('dimension', 'in', [...dimensions])
    .get();
  const cells: (GroupCell & { county: string; dimension: string })[] = [];
  for (const d of snap.docs) {
    const { county, dimension, cells: groups } = d.data() as ShardDoc;
    for (const [name, slots] of Object.entries(groups ?? {})) {
      for (const [slot, n] of Object.entries(slots)) if (n !== 0) cells.push({ county, dimension, group: groupOfFieldName(name), slot, n });
    }
  }
  return { cells, reads: Math.max(1, snap.size) };
}

/** Every kept cell of a ledger, summed over copies, with each copy's last update (to see a commit land meanwhile). */
export async function readAllCells(db: Firestore, ledger: LedgerName): Promise<{ cells: CellCounts; versions: Map<string, string> }> {
  const snap = await statPaths.shards(db).where('ledger', '==', ledger).get();
  const cells: CellCounts = new Map();
  const versions = new Map<string, string>();
  for (const d of snap.docs) {
    versions.set(d.id, `${d.updateTime.seconds}.${d.updateTime.nanoseconds}`);
    const { county, dimension, cells: groups } = d.data() as ShardDoc;
    for (const [name, slots] of Object.entries(groups ?? {})) {
      for (const [slot, n] of Object.entries(slots)) {
        if (n === 0) continue;
        const k = cellKey({ county, dimension, group: groupOfFieldName(name), slot } as StatCell);
        const m = (cells.get(k) ?? 0) + n;
        if (m === 0) cells.delete(k);
        else cells.set(k, m);
      }
    }
  }
  return { cells, versions };
}

/**
 * Whether the kept statistics hold every row. Once known, it is remembered; until then it is
 * asked with two counts (every row, the counted rows), which cost a read per 1,000 rows.
 */
export async function statsComplete(db: Firestore, ledger: LedgerName): Promise<boolean> {
  const state = await statPaths.state(db, ledger).get();
  if (state.get('complete') === true) return true;
  const rows = db.collection(ledger);
  const [all, counted] = await Promise.all([rows.count().get(), rows.where('inStats', '==', true).count().get()]);
  if (all.data().count !== counted.data().count) return false;
  await statPaths.state(db, ledger).set({ complete: true, at: FieldValue.serverTimestamp() }, { merge: true });
  return true;
}
