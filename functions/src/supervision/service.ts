// Supervision against Firestore: read what the pure builders (ledger/src/supervision.ts)
// need — live problems (only the fields supervision uses), the group registry, the pushes of
// a period — and store the notices. Used by the callables, the scheduled job and
// `taizhang notice` (which imports this file with firebase-admin of its own).
//
// The figures come from the problems' kept statistics (stats/store.ts) once they hold every
// row; the problems a notice names come from indexed queries: each county's list of overdue
// problems and each department's in each county, read to what it names, and the stale
// escalations. Until the kept statistics hold every row, everything comes from a scan of
// every live row.
//
// Notices are stored per day: `notices/{date}` for the whole city and
// `notices/{date}/counties/{county}` for each county, all from one reading, so a county
// coordinator reads its own county's figures (its departments, its groups) as they were
// computed with the city-wide ones. Departments are ranked by registry id over the problems
// assigned to them; a county's notice ranks the departments working on that county's problems.
//
// A stored notice is a record of what was sent out: it is written once and never changed.
// Generating a day again stores only what is missing (a county coordinator's own notice
// first, the city's and the other counties' later) and answers what is stored.

import { FieldPath, Timestamp, type Firestore, type Query } from 'firebase-admin/firestore';
import {
  addDays,
  ASSIGNED_FIELD,
  ASSIGNED_OPEN_STATUSES,
  assembleNotice,
  buildNotice,
  COUNTY_LABELS,
  countsInStatistics,
  departmentIndex,
  NOTICE_LIST_LIMIT,
  noticeFiguresOfCells,
  noticeLists,
  reportingCadence,
  SETTLED_STATUSES,
  shanghaiDate,
  STALE_ESCALATION_DAYS,
  STATUSES,
  type CadenceAnswer,
  type GroupActivity,
  type GroupRecord,
  type Notice,
  type NoticeList,
  type NoticeOptions,
  type NoticeRows,
  type Period,
  type SupervisedRow,
} from '@taizhang/ledger';
import { listDepartments } from '../departments/store';
import { listGroups } from '../groups/store';
import { paths } from '../store/paths';
import { readCellsOf, statsComplete } from '../stats/store';

const SCAN_PAGE = 5000;
const FIELDS = ['county', 'group', 'sector', 'category', 'targetName', 'level', 'department', 'status', 'deadline', 'foundOn'];

/** A stored problem as supervision reads it. */
function supervisedRow(d: FirebaseFirestore.QueryDocumentSnapshot): SupervisedRow {
  const at = d.get('updatedAt') as Timestamp | undefined;
  const departmentId = d.get('departmentId') as unknown;
  const [assignedAt, firstAnsweredAt] = ['assignedAt', 'firstAnsweredAt'].map((f) => (d.get(f) as Timestamp | undefined)?.toMillis());
  return {
    id: d.id,
    values: (d.get('values') ?? {}) as Record<string, unknown>,
    updatedOn: at ? shanghaiDate(at.toMillis()) : '',
    ...(typeof departmentId === 'string' && { departmentId }),
    ...(assignedAt !== undefined && { assignedAt }),
    ...(firstAnsweredAt !== undefined && { firstAnsweredAt }),
  };
}

const supervisedFields = (q: Query): Query =>
  q.select('updatedAt', 'departmentId', 'duplicateOf', 'assignedAt', 'firstAnsweredAt', ...FIELDS.map((f) => `values.${f}`));

/** A repeat linked under another report is counted, ranked and listed under its root only. */
const counted = (docs: readonly FirebaseFirestore.QueryDocumentSnapshot[]) =>
  docs.filter((d) => countsInStatistics({ withdrawn: false, duplicateOf: d.get('duplicateOf') as string | null | undefined }));

/** Live (not withdrawn) problems not linked under another, page by page, with the day of their last change. */
export async function loadProblems(db: Firestore, county?: string): Promise<SupervisedRow[]> {
  let q: Query = paths.rows(db, 'problems').where('withdrawn', '==', false);
  if (county !== undefined) q = q.where('values.county', '==', county);
  q = supervisedFields(q.orderBy(FieldPath.documentId())).limit(SCAN_PAGE);
  const rows: SupervisedRow[] = [];
  let after: string | undefined;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).get();
    for (const d of counted(snap.docs)) rows.push(supervisedRow(d));
    if (snap.size < SCAN_PAGE) return rows;
    after = snap.docs.at(-1)!.id;
  }
}

/** Statuses of a problem still open (it can become overdue), and of one not yet resolved. */
const OPEN = STATUSES.filter((s) => !SETTLED_STATUSES.includes(s));
const UNRESOLVED = STATUSES.filter((s) => s !== '已解决');

/** Queries of the notice's lists sent at once. */
const LISTS_AT_ONCE = 8;

/**
 * The most overdue `take` problems of one list (noticeLists), by deadline then id: one
 * indexed query per kept-cell group of its department, read again past rows linked under
 * another report (they are not counted) until `take` counted rows or no more.
 */
async function readNoticeList(live: Query, asOf: string, list: NoticeList): Promise<{ rows: SupervisedRow[]; reads: number }> {
  let q = live.where('values.deadline', '<', asOf);
  if (list.county !== undefined) q = q.where('values.county', '==', list.county);
  const queries =
    list.departmentGroups === undefined
      ? [q.where('values.status', 'in', OPEN)]
      : list.departmentGroups.map((g) =>
          (g.startsWith('id:')
            ? q.where('departmentId', '==', g.slice(3))
            : q.where('departmentId', '==', null).where('values.department', '==', g.slice(5))
          ).where('values.status', 'in', ASSIGNED_OPEN_STATUSES),
        );
  let reads = 0;
  const rows: SupervisedRow[] = [];
  for (const base of queries) {
    const ordered = supervisedFields(base.orderBy('values.deadline').orderBy(FieldPath.documentId()));
    let after: FirebaseFirestore.QueryDocumentSnapshot | undefined;
    let mine = 0;
    while (mine < list.take) {
      const page = list.take - mine;
      const snap = await (after ? ordered.startAfter(after) : ordered).limit(page).get();
      reads += Math.max(1, snap.size);
      const kept = counted(snap.docs);
      mine += kept.length;
      rows.push(...kept.map(supervisedRow));
      if (snap.size < page) break;
      after = snap.docs.at(-1);
    }
  }
  return { rows, reads };
}

/**
 * The rows a notice from the kept statistics names, each set by indexed queries of the rows
 * that can qualify (firestore.indexes.json): each list's most overdue problems, a few lists at
 * a time; unresolved escalations with no change since `staleDays` before `asOf`.
 */
export async function loadNoticeRows(db: Firestore, asOf: string, staleDays: number, lists: readonly NoticeList[]): Promise<NoticeRows & { reads: number }> {
  const live = paths.rows(db, 'problems').where('withdrawn', '==', false);
  const readLists = async (): Promise<{ rows: SupervisedRow[]; reads: number }> => {
    const byId = new Map<string, SupervisedRow>();
    let reads = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(LISTS_AT_ONCE, lists.length) }, async () => {
        while (next < lists.length) {
          const got = await readNoticeList(live, asOf, lists[next++]!);
          reads += got.reads;
          for (const r of got.rows) byId.set(r.id, r);
        }
      }),
    );
    return { rows: [...byId.values()], reads };
  };
  const [overdue, escalations] = await Promise.all([
    readLists(),
    supervisedFields(
      live
        .where('values.level', '==', '提交市级')
        .where('values.status', 'in', UNRESOLVED)
        .where('updatedAt', '<', dayStart(addDays(asOf, 1 - staleDays))),
    ).get(),
  ]);
  return {
    overdue: overdue.rows,
    escalations: counted(escalations.docs).map(supervisedRow),
    reads: overdue.reads + Math.max(1, escalations.size),
  };
}

/** Start of a day in Asia/Shanghai (UTC+8) as a Timestamp. */
const dayStart = (day: string): Timestamp => Timestamp.fromMillis(Date.parse(`${day}T00:00:00+08:00`));

/** Pushes by clerks' groups whose request was first committed within the period (Shanghai days). */
export async function loadActivity(db: Firestore, period: Period): Promise<GroupActivity[]> {
  const snap = await paths
    .requests(db)
    .where('at', '>=', dayStart(period.from))
    .where('at', '<', dayStart(addDays(period.to, 1)))
    .select('county', 'group')
    .get();
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

/**
 * The city-wide notice of `asOf` and one per county that has rows or groups. Its figures come
 * from the kept statistics when they hold every row (with the few rows counts cannot give,
 * `loadNoticeRows`), else from a scan of every live row.
 */
export async function computeNotices(db: Firestore, asOf: string, options: NoticeOptions = {}, meter?: { reads: number }): Promise<NoticeSet> {
  const period = options.period ?? { from: addDays(asOf, -7), to: addDays(asOf, -1) };
  const [groups, activity, departments, kept] = await Promise.all([
    listGroups(db),
    loadActivity(db, period),
    listDepartments(db),
    statsComplete(db, 'problems'),
  ]);
  const opts = { ...options, period, departments };
  if (!kept) return scanNotices(db, asOf, groups, activity, opts);
  const staleDays = options.staleDays ?? STALE_ESCALATION_DAYS;
  const limit = options.limit ?? NOTICE_LIST_LIMIT;
  const index = departments.length > 0 ? departmentIndex(departments) : undefined;
  const { cells, reads } = await readCellsOf(db, 'problems', ['county', 'sector', 'department', ASSIGNED_FIELD]);
  const inField = (dimension: string) => cells.filter((c) => c.dimension === dimension);
  const lists = noticeLists(asOf, { county: inField('county'), assigned: inField(ASSIGNED_FIELD) }, index, limit);
  const rows = await loadNoticeRows(db, asOf, staleDays, lists);
  if (meter) meter.reads += reads + rows.reads;
  const figuresOf = (county?: string) => {
    const mine = county === undefined ? cells : cells.filter((c) => c.county === county);
    const of = (dimension: string) => mine.filter((c) => c.dimension === dimension);
    const keep = (xs: readonly SupervisedRow[]) => (county === undefined ? xs : xs.filter((r) => r.values.county === county));
    return noticeFiguresOfCells(
      asOf,
      { county: of('county'), sector: of('sector'), department: of('department'), assigned: of(ASSIGNED_FIELD) },
      { overdue: keep(rows.overdue), escalations: keep(rows.escalations) },
      index,
      staleDays,
      limit,
    );
  };
  const city = assembleNotice(asOf, figuresOf(), groups, activity, opts);
  const present = new Set([...cells.filter((c) => c.slot.startsWith('s:')).map((c) => c.county), ...groups.map((g) => g.county)]);
  const counties = COUNTY_LABELS.filter((c) => present.has(c)).map((county) => assembleNotice(asOf, figuresOf(county), groups, activity, { ...opts, county }));
  return { city, counties };
}

/** The notices from one scan of every live row. */
async function scanNotices(db: Firestore, asOf: string, groups: GroupRecord[], activity: GroupActivity[], opts: NoticeOptions): Promise<NoticeSet> {
  const rows = await loadProblems(db);
  const city = buildNotice(asOf, rows, groups, activity, opts);
  const present = new Set([...rows.map((r) => r.values.county), ...groups.map((g) => g.county)]);
  const counties = COUNTY_LABELS.filter((c) => present.has(c)).map((county) => buildNotice(asOf, rows, groups, activity, { ...opts, county }));
  return { city, counties };
}

/** The notices from a scan of every live row, whatever the kept statistics hold (what the kept figures must equal). */
export async function computeNoticesByScan(db: Firestore, asOf: string, options: NoticeOptions = {}): Promise<NoticeSet> {
  const period = options.period ?? { from: addDays(asOf, -7), to: addDays(asOf, -1) };
  const [groups, activity, departments] = await Promise.all([listGroups(db), loadActivity(db, period), listDepartments(db)]);
  return scanNotices(db, asOf, groups, activity, { ...options, period, departments });
}

export interface StoredNotice extends Notice {
  /** ISO 8601, UTC. */
  readonly generatedAt: string;
}

/** Firestore's answer to creating a document that exists (a concurrent generation won). */
function alreadyExists(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 6 || code === 'already-exists';
}

/**
 * The city-wide notice of `asOf` and its counties': stored ones as they are; when the city's
 * is missing, computed now and stored, with each county notice not stored yet.
 */
export async function generateNotices(db: Firestore, asOf: string, now: Date = new Date()): Promise<{ city: StoredNotice; counties: StoredNotice[] }> {
  const stored = await paths.notice(db, asOf).get();
  if (stored.exists) return { city: stored.data() as StoredNotice, counties: await storedCounties(db, asOf) };
  const set = await computeNotices(db, asOf);
  const generatedAt = now.toISOString();
  const had = new Set((await paths.notice(db, asOf).collection('counties').listDocuments()).map((r) => r.id));
  const batch = db.batch();
  batch.create(paths.notice(db, asOf), { ...set.city, generatedAt });
  for (const n of set.counties) if (!had.has(n.county!)) batch.create(paths.countyNotice(db, asOf, n.county!), { ...n, generatedAt });
  try {
    await batch.commit();
  } catch (e) {
    if (!alreadyExists(e)) throw e;
  }
  return { city: (await paths.notice(db, asOf).get()).data() as StoredNotice, counties: await storedCounties(db, asOf) };
}

/** One county's notice of `asOf`: the stored one, or computed now and stored (nothing else is written). */
export async function generateCountyNotice(db: Firestore, asOf: string, county: string, now: Date = new Date()): Promise<StoredNotice> {
  const stored = await readNotice(db, asOf, county);
  if (stored) return stored;
  const set = await computeNotices(db, asOf);
  const n = set.counties.find((c) => c.county === county) ?? buildNotice(asOf, [], [], [], { county, period: set.city.period, staleDays: set.city.staleDays });
  try {
    await paths.countyNotice(db, asOf, county).create({ ...n, generatedAt: now.toISOString() });
  } catch (e) {
    if (!alreadyExists(e)) throw e;
  }
  return (await readNotice(db, asOf, county))!;
}

async function storedCounties(db: Firestore, asOf: string): Promise<StoredNotice[]> {
  return (await paths.notice(db, asOf).collection('counties').get()).docs.map((d) => d.data() as StoredNotice);
}

/** The stored notice of a day, city-wide or for one county; undefined when none. */
export async function readNotice(db: Firestore, date: string, county?: string): Promise<StoredNotice | undefined> {
  if (county !== undefined) {
    const c = await paths.countyNotice(db, date, county).get();
    if (c.exists) return c.data() as StoredNotice;
  }
  const city = await paths.notice(db, date).get();
  if (!city.exists) return undefined;
  if (county === undefined) return city.data() as StoredNotice;
  // A county with no rows and no groups that day: an empty notice of that county.
  return emptyCountyNotice(city.data() as StoredNotice, county);
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
