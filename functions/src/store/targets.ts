// The registries of enterprises and villages in Firestore (`enterprises/{creditCode}`,
// `villages/{id}`; ledger/src/targets.ts). Beside each record the store keeps its names
// normalised (`nameKeys`) and the pieces a search may start from (`search`), so that a lookup
// is one or two indexed queries and never a scan. Used by the callables and by
// `taizhang admin registry`.

import { FieldPath, type DocumentData, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  countyLabelOf,
  getLedger,
  matchRank,
  normaliseName,
  normaliseText,
  parseCreditCode,
  searchFields,
  searchPiece,
  targetId,
  targetIndex,
  targetMatch,
  textLength,
  toHalfWidth,
  type EnterpriseRecord,
  type TargetIndex,
  type TargetKind,
  type TargetMatch,
  type TargetRecord,
  type TargetSheetRow,
  type VillageRecord,
} from '@taizhang/ledger';
import { paths } from './paths';
import { queryParts } from './disjunctions';

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** A stored record, its fields in one order (what `same` compares), the search fields left out. */
export function toTarget(kind: TargetKind, d: DocumentData): TargetRecord {
  if (kind === 'enterprises') {
    const township = str(d.township);
    const address = str(d.address);
    const sector = str(d.sector);
    const e: EnterpriseRecord = {
      creditCode: String(d.creditCode),
      name: String(d.name),
      aliases: Array.isArray(d.aliases) ? d.aliases.filter((a: unknown): a is string => typeof a === 'string') : [],
      county: String(d.county),
      ...(township !== undefined && { township }),
      ...(address !== undefined && { address }),
      ...(sector !== undefined && { sector }),
      active: d.active === true,
    };
    return e;
  }
  const code = str(d.code);
  const v: VillageRecord = {
    id: String(d.id),
    county: String(d.county),
    township: String(d.township),
    name: String(d.name),
    ...(code !== undefined && { code }),
    active: d.active === true,
  };
  return v;
}

const same = (kind: TargetKind, a: TargetRecord, b: TargetRecord) => JSON.stringify(toTarget(kind, a)) === JSON.stringify(toTarget(kind, b));

function stored(kind: TargetKind, r: TargetRecord): DocumentData {
  return { ...toTarget(kind, r), ...searchFields(r) };
}

export async function readTarget(db: Firestore, kind: TargetKind, id: string): Promise<TargetRecord | undefined> {
  if (id === '' || id.includes('/')) return undefined;
  const snap = await paths.target(db, kind, id).get();
  return snap.exists ? toTarget(kind, snap.data()!) : undefined;
}

/** Writes records (create or replace by id), 400 to a batch. */
export async function writeTargets(db: Firestore, kind: TargetKind, records: readonly TargetRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 400) {
    const batch = db.batch();
    for (const r of records.slice(i, i + 400)) batch.set(paths.target(db, kind, targetId(kind, r)), stored(kind, r));
    await batch.commit();
  }
}

export interface TargetImportReport {
  readonly added: string[];
  readonly changed: string[];
  readonly unchanged: string[];
}

/** Checked rows of an import sheet into the registry: each new, changed or unchanged by id. */
export async function importTargets(db: Firestore, kind: TargetKind, rows: readonly TargetSheetRow[]): Promise<TargetImportReport> {
  const report: TargetImportReport = { added: [], changed: [], unchanged: [] };
  const writes: TargetRecord[] = [];
  for (let i = 0; i < rows.length; i += 300) {
    const part = rows.slice(i, i + 300);
    const snaps = part.length > 0 ? await db.getAll(...part.map((r) => paths.target(db, kind, targetId(kind, r.record)))) : [];
    part.forEach(({ record }, k) => {
      const id = targetId(kind, record);
      const snap = snaps[k]!;
      if (!snap.exists) report.added.push(id);
      else if (same(kind, toTarget(kind, snap.data()!), record)) return void report.unchanged.push(id);
      else report.changed.push(id);
      writes.push(record);
    });
  }
  await writeTargets(db, kind, writes);
  return report;
}

/** Every record of a county (or of the city), active or not, for `admin registry list`. */
export async function listAllTargets(db: Firestore, kind: TargetKind, county?: string): Promise<TargetRecord[]> {
  const col = paths.targets(db, kind);
  const snap = await (county === undefined ? col : col.where('county', '==', county)).get();
  return snap.docs.map((d) => toTarget(kind, d.data()));
}

export const TARGET_PAGE = 500;

/** One page of a county's active entries, by id; the next page's token when there is more. */
export async function pageTargets(
  db: Firestore,
  kind: TargetKind,
  county: string,
  after: string | undefined,
  pageSize = TARGET_PAGE,
): Promise<{ entries: TargetMatch[]; next?: string }> {
  let q = paths.targets(db, kind).where('county', '==', county).where('active', '==', true).orderBy(FieldPath.documentId());
  if (after !== undefined) q = q.startAfter(after);
  const snap = await q.limit(pageSize + 1).get();
  const docs = snap.docs.slice(0, pageSize);
  const entries = docs.map((d) => targetMatchOf(kind, d.data()));
  return { entries, ...(snap.docs.length > pageSize && { next: docs[docs.length - 1]!.id }) };
}

function targetMatchOf(kind: TargetKind, d: DocumentData): TargetMatch {
  return targetMatch(toTarget(kind, d));
}

export const LOOKUP_MATCHES = 20;
/** Candidates read for a partial name before ranking: enough that 20 good ones remain. */
const LOOKUP_READ = 60;

/** A typed credit code (five or more of its characters) is searched by its whole prefix. */
const CODE_PREFIX = /^[0-9a-z]{5,18}$/;

/**
 * Up to 20 active entries whose name or other name is, starts with or holds the query, or whose
 * credit code starts with it; an exact name first. Two indexed queries, never a scan.
 */
export async function lookupTargets(db: Firestore, kind: TargetKind, query: string, county?: string): Promise<TargetMatch[]> {
  const text = normaliseText(query);
  if (text === '') return [];
  let base: Query = paths.targets(db, kind).where('active', '==', true);
  if (county !== undefined) base = base.where('county', '==', county);
  const piece = CODE_PREFIX.test(text) ? text : searchPiece(query);
  const [exact, partial] = await Promise.all([
    base.where('nameKeys', 'array-contains', normaliseName(query, county)).limit(LOOKUP_MATCHES).get(),
    base.where('search', 'array-contains', piece).limit(LOOKUP_READ).get(),
  ]);
  const seen = new Map<string, { rank: number; r: TargetRecord }>();
  for (const d of [...exact.docs, ...partial.docs]) {
    if (seen.has(d.id)) continue;
    const r = toTarget(kind, d.data());
    const rank = matchRank(r, query);
    if (rank !== undefined) seen.set(d.id, { rank, r });
  }
  return [...seen.values()]
    .sort((a, b) => a.rank - b.rank || a.r.name.length - b.r.name.length || a.r.name.localeCompare(b.r.name, 'zh'))
    .slice(0, LOOKUP_MATCHES)
    .map(({ r }) => targetMatchOf(kind, r));
}

const text = (x: unknown): string | undefined => (typeof x === 'string' ? toHalfWidth(x.normalize('NFKC')).trim() || undefined : undefined);

/** The longest 服务对象 a row may hold: a longer one is refused by the rules and names no registry entry. */
const NAME_MAX = (() => {
  const type = getLedger('problems').fields.find((f) => f.key === 'targetName')?.type;
  return type?.kind === 'text' ? type.max : 100;
})();

/** A row's 服务对象 as the registry is looked up by, when it can name an entry at all (not too long, no half of a character). */
const rowName = (x: unknown): string | undefined => {
  const name = text(x);
  if (name === undefined) return undefined;
  const n = textLength(name);
  return n >= 0 && n <= NAME_MAX ? name : undefined;
};

/**
 * The entries of a registry named by any of these keys, a query per county and 30 keys, so a
 * push of many rows asks a few questions, not one per name: each key still brings at most
 * `perKey` entries' worth of reads.
 */
async function byNameKeys(
  db: Firestore,
  kind: 'villages' | 'enterprises',
  wanted: Iterable<{ county: string; key: string }>,
  perKey: number,
): Promise<FirebaseFirestore.QuerySnapshot[]> {
  const byCounty = new Map<string, string[]>();
  for (const { county, key } of wanted) byCounty.set(county, [...(byCounty.get(county) ?? []), key]);
  return Promise.all(
    [...byCounty].flatMap(([county, keys]) =>
      queryParts(keys).map((part) =>
        paths
          .targets(db, kind)
          .where('county', '==', county)
          .where('nameKeys', 'array-contains-any', part)
          .limit(part.length * perKey)
          .get(),
      ),
    ),
  );
}

/**
 * The part of the registries a push's rows name, as an index for their warnings: the
 * enterprises of their credit codes (one batched read), the villages of their names in their
 * counties (`byNameKeys`). With `names`, also the enterprises a row names without a credit
 * code (`byNameKeys`), so that an alias maps to its entry's target key. Empty when the
 * registries are.
 */
export async function registryForRows(
  db: Firestore,
  rows: readonly (Readonly<Record<string, unknown>> | undefined)[],
  options: { names?: boolean } = {},
): Promise<TargetIndex> {
  const codes = new Set<string>();
  const villages = new Map<string, { county: string; key: string }>();
  const named = new Map<string, { county: string; key: string }>();
  for (const v of rows) {
    if (v === undefined) continue;
    const code = text(v.creditCode);
    const parsed = code === undefined ? undefined : parseCreditCode(code);
    if (parsed?.ok) codes.add(parsed.value);
    const county = countyLabelOf(v.county);
    const name = rowName(v.targetName);
    if (county !== undefined && name !== undefined && text(v.targetType) === '进村') {
      const key = normaliseName(name, county);
      villages.set(`${county}|${key}`, { county, key });
    }
    if (options.names && county !== undefined && name !== undefined && !parsed?.ok && text(v.targetType) !== '进村') {
      const key = normaliseName(name, county);
      named.set(`${county}|${key}`, { county, key });
    }
  }
  const [enterpriseSnaps, villageSnaps, namedSnaps] = await Promise.all([
    codes.size > 0 ? db.getAll(...[...codes].map((c) => paths.target(db, 'enterprises', c))) : Promise.resolve([]),
    byNameKeys(db, 'villages', villages.values(), 20),
    byNameKeys(db, 'enterprises', named.values(), 5),
  ]);
  // One record per credit code: an entry read both by code and by name is one entry.
  const enterprises = [
    ...new Map(
      [
        ...enterpriseSnaps.filter((s) => s.exists).map((s) => toTarget('enterprises', s.data()!) as EnterpriseRecord),
        ...namedSnaps.flatMap((s) => s.docs.map((d) => toTarget('enterprises', d.data()) as EnterpriseRecord)),
      ].map((e) => [e.creditCode, e]),
    ).values(),
  ];
  const found = villageSnaps.flatMap((s) => s.docs.map((d) => toTarget('villages', d.data()) as VillageRecord));
  return targetIndex(enterprises, found);
}
