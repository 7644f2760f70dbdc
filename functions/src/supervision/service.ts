// Supervision against Firestore: read what the pure builders (ledger/src/supervision.ts)
// need — live problems (only the fields supervision uses), the group registry, the pushes of
// a period — and store the notices. Used by the callables, the scheduled job and
// `taizhang notice` (which imports this file with firebase-admin of its own).
//
// Notices are stored per day: `notices/{date}` for the whole city and
// `notices/{date}/counties/{county}` for each county, all from one scan, so a county
// coordinator reads its own county's figures (its departments, its groups) as they were
// computed with the city-wide ones.

import { FieldPath, Timestamp, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  addDays, buildNotice, COUNTY_LABELS, reportingCadence, shanghaiDate,
  type CadenceAnswer, type GroupActivity, type Notice, type NoticeOptions, type Period, type SupervisedRow,
} from '@taizhang/ledger';
import { listGroups } from '../groups/store';
import { paths } from '../store/paths';

const SCAN_PAGE = 5000;
const FIELDS = ['county', 'group', 'sector', 'category', 'targetName', 'level', 'department', 'status', 'deadline', 'foundOn'];

/** Live (not withdrawn) problems, page by page, with the day of their last change. */
export async function loadProblems(db: Firestore, county?: string): Promise<SupervisedRow[]> {
  let q: Query = paths.rows(db, 'problems').where('withdrawn', '==', false);
  if (county !== undefined) q = q.where('values.county', '==', county);
  q = q.orderBy(FieldPath.documentId()).select('updatedAt', ...FIELDS.map((f) => `values.${f}`)).limit(SCAN_PAGE);
  const rows: SupervisedRow[] = [];
  let after: string | undefined;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).get();
    for (const d of snap.docs) {
      const at = d.get('updatedAt') as Timestamp | undefined;
      rows.push({ id: d.id, values: (d.get('values') ?? {}) as Record<string, unknown>, updatedOn: at ? shanghaiDate(at.toMillis()) : '' });
    }
    if (snap.size < SCAN_PAGE) return rows;
    after = snap.docs.at(-1)!.id;
  }
}

/** Start of a day in Asia/Shanghai (UTC+8) as a Timestamp. */
const dayStart = (day: string): Timestamp => Timestamp.fromMillis(Date.parse(`${day}T00:00:00+08:00`));

/** Pushes by clerks' groups whose request was first committed within the period (Shanghai days). */
export async function loadActivity(db: Firestore, period: Period): Promise<GroupActivity[]> {
  const snap = await paths.requests(db)
    .where('at', '>=', dayStart(period.from)).where('at', '<', dayStart(addDays(period.to, 1)))
    .select('county', 'group').get();
  const counts = new Map<string, GroupActivity>();
  for (const d of snap.docs) {
    const county = d.get('county');
    const group = d.get('group');
    if (typeof county !== 'string' || typeof group !== 'string') continue;
    const k = `${county}|${group}`;
    const a = counts.get(k);
    counts.set(k, { county, group, pushes: (a?.pushes ?? 0) + 1 });
  }
  return [...counts.values()];
}

export async function cadence(db: Firestore, period: Period, county?: string): Promise<CadenceAnswer> {
  const [groups, activity] = await Promise.all([listGroups(db, county), loadActivity(db, period)]);
  return reportingCadence(period, groups, county === undefined ? activity : activity.filter((a) => a.county === county));
}

export interface NoticeSet {
  readonly city: Notice;
  readonly counties: Notice[];
}

/** The city-wide notice of `asOf` and one per county that has rows or groups, from one scan. */
export async function computeNotices(db: Firestore, asOf: string, options: NoticeOptions = {}): Promise<NoticeSet> {
  const period = options.period ?? { from: addDays(asOf, -7), to: addDays(asOf, -1) };
  const [rows, groups, activity] = await Promise.all([loadProblems(db), listGroups(db), loadActivity(db, period)]);
  const opts = { ...options, period };
  const city = buildNotice(asOf, rows, groups, activity, opts);
  const present = new Set([...rows.map((r) => r.values.county), ...groups.map((g) => g.county)]);
  const counties = COUNTY_LABELS.filter((c) => present.has(c))
    .map((county) => buildNotice(asOf, rows, groups, activity, { ...opts, county }));
  return { city, counties };
}

export interface StoredNotice extends Notice {
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
}

/** Compute and store the notices of `asOf` (replacing any stored for that day). */
export async function generateNotices(db: Firestore, asOf: string, now: Date = new Date()): Promise<{ city: StoredNotice; counties: StoredNotice[] }> {
  const set = await computeNotices(db, asOf);
  const generatedAt = now.toISOString();
  const city = { ...set.city, generatedAt };
  const counties = set.counties.map((n) => ({ ...n, generatedAt }));
  const batch = db.batch();
  // Counties without rows or groups any more: their old county notice must not linger.
  const old = await paths.notice(db, asOf).collection('counties').listDocuments();
  const kept = new Set(counties.map((n) => n.county));
  for (const ref of old) if (!kept.has(ref.id)) batch.delete(ref);
  batch.set(paths.notice(db, asOf), city);
  for (const n of counties) batch.set(paths.countyNotice(db, asOf, n.county!), n);
  await batch.commit();
  return { city, counties };
}

/** The stored notice of a day, city-wide or for one county; undefined when none. */
export async function readNotice(db: Firestore, date: string, county?: string): Promise<StoredNotice | undefined> {
  const city = await paths.notice(db, date).get();
  if (!city.exists) return undefined;
  if (county === undefined) return city.data() as StoredNotice;
  const c = await paths.countyNotice(db, date, county).get();
  // A county with no rows and no groups that day: an empty notice of that county.
  return c.exists ? (c.data() as StoredNotice) : emptyCountyNotice(city.data() as StoredNotice, county);
}

function emptyCountyNotice(city: StoredNotice, county: string): StoredNotice {
  const n = buildNotice(city.date, [], [], [], { county, period: city.period, staleDays: city.staleDays });
  return { ...n, generatedAt: city.generatedAt };
}

export interface NoticeSummary {
  readonly date: string;
  readonly generatedAt: string;
  readonly totals: Notice['totals'];
}

/** The latest stored notices, newest first: their date, when generated and their totals. */
export async function listNotices(db: Firestore, limit: number, county?: string): Promise<NoticeSummary[]> {
  const snap = await paths.notices(db).orderBy('date', 'desc').limit(limit).get();
  const cities = snap.docs.map((d) => d.data() as StoredNotice);
  if (county === undefined) return cities.map((n) => ({ date: n.date, generatedAt: n.generatedAt, totals: n.totals }));
  const refs = cities.map((n) => paths.countyNotice(db, n.date, county));
  const snaps = refs.length > 0 ? await db.getAll(...refs) : [];
  return cities.map((city, i) => {
    const n = snaps[i]!.exists ? (snaps[i]!.data() as StoredNotice) : emptyCountyNotice(city, county);
    return { date: n.date, generatedAt: n.generatedAt, totals: n.totals };
  });
}
