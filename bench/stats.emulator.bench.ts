// City-scale statistics benchmark (issue 22), inside the emulators (npm run bench starts them).
//
// 1. Problems seeded through the push's own write path (functions/src/push/service.ts, as an
//    administrator, 500-row requests, 2 at a time: rows, revisions, key index and the kept
//    statistics in each commit), to 10,000 stored problems, or the sizes of BENCH_STATS_SIZES.
//    At each size: getStats of the whole city from the kept statistics next to today's scan
//    (the same answer, checked), documents read and time; a filter the statistics cannot serve
//    (a sector), which reads its matching rows; and the notice from the kept statistics (with
//    the overdue problems its lists name and the stale escalations) next to the notice from a
//    scan (the same, checked).
//    BENCH_STATS_SIZES=10000,100000,200000 adds the largest size. The kept notice is timed up
//    to BENCH_NOTICE_UP_TO stored problems (default 10,000): each of its lists is an indexed
//    query, which the emulator answers by reading the whole collection; above it, what it
//    would read is counted from its lists.
// 2. A clerk's 50-row push while 20 clerks of one county push at once: p50/p95 of the push,
//    of the push without its likely-duplicate lookups, and of 20 raw batches of the same
//    documents sent at once (no judging, numbering, lookups; with the statistics), each series
//    on an empty store; next to one push alone and one raw batch alone; the documents the
//    statistics add to a push, and their cost as a raw batch with and without them. On an
//    empty store because the emulator answers a query by reading its whole collection (about
//    25-100 µs per stored document, measured at 10,000 and 40,000): on a store of many rows the
//    duplicate lookups would cost there what production's indexes do not.
// Figures only: nothing here is asserted.

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { getApps, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';
import {
  addDays,
  ASSIGNED_FIELD,
  cellsOfRows,
  departmentIndex,
  NOTICE_LIST_LIMIT,
  noticeLists,
  STALE_ESCALATION_DAYS,
  todayInShanghai,
  type CanonicalRow,
  type LedgerDef,
} from '@taizhang/ledger';
import {
  computeNotices,
  computeNoticesByScan,
  getStats,
  pushRows,
  readCellsOf,
  readFieldCells,
  scanStats,
  SHARDS,
  stageStatDelta,
  statsComplete,
  type Caller,
  type PushOptions,
} from '@taizhang/functions/services';
import { demoProblem, random } from '../scripts/demo/rows';
import { PROJECT } from '../scripts/demo/emulatorClient';
import { listDepartments } from '@taizhang/functions/admin';
import { clearStore, seedThroughPush } from './emulatorStore';

const SIZES = (process.env.BENCH_STATS_SIZES ?? '10000')
  .split(',')
  .filter((x) => x !== '' && x !== 'none')
  .map(Number);
const ROUNDS = Number(process.env.BENCH_STATS_ROUNDS ?? 3);
const CLERKS = 20;
const PUSH_ROWS = 50;
const PUSH_ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 5);
const GOAL = { reads: 20, speed: 10, answerMs: 1000 };
/** The largest size the kept notice is timed at on the emulator (BENCH_NOTICE_UP_TO). */
const NOTICE_UP_TO = Number(process.env.BENCH_NOTICE_UP_TO ?? 10_000);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function statsAtSize(db: Firestore, size: number, added: number, seedMs: number, today: string): Promise<void> {
  const city = { filter: {}, assignedOnly: false };
  await statsComplete(db, 'problems');
  const kept: number[] = [];
  const scanned: number[] = [];
  let same = true;
  for (let i = 0; i < ROUNDS; i++) {
    const a = await timed(() => getStats(db, 'problems', 'county', city, today));
    const b = await timed(() => scanStats(db, 'problems', 'county', city, today));
    kept.push(a.ms);
    scanned.push(b.ms);
    same &&= JSON.stringify(a.value) === JSON.stringify(b.value);
  }
  const keptReads = (await readFieldCells(db, 'problems', 'county')).reads + 1; // + the state document
  const scanReads = (await db.collection('problems').where('withdrawn', '==', false).count().get()).data().count;
  const byDept = await timed(() => getStats(db, 'problems', 'department', city, today));
  const sector = await timed(() => getStats(db, 'problems', 'county', { filter: { sector: '农业' }, assignedOnly: false }, today));
  // The kept notice's lists are indexed queries: the emulator answers each by reading the whole
  // collection, so past NOTICE_UP_TO rows it is not timed there; its reads are counted from its
  // lists (what each may read) without running them.
  const noticeKept: number[] = [];
  const noticeScan: number[] = [];
  let noticeSame = true;
  const timeKept = size <= NOTICE_UP_TO;
  const meter = { reads: 1 }; // + the state document
  for (let i = 0; i < (timeKept ? ROUNDS : 1); i++) {
    const b = await timed(() => computeNoticesByScan(db, today));
    noticeScan.push(b.ms);
    if (!timeKept) continue;
    const a = await timed(() => computeNotices(db, today, {}, i === 0 ? meter : undefined));
    noticeKept.push(a.ms);
    // Compared as values: the two paths build the same figures with their keys in another order.
    noticeSame &&= isDeepStrictEqual(a.value, b.value);
  }
  const noticeReads = timeKept ? meter.reads : await keptNoticeReads(db, today);
  const k = median(kept);
  const s = median(scanned);
  console.log(
    `\n${size.toLocaleString('en')} stored problems (the last ${added.toLocaleString('en')} seeded through the push in ${(seedMs / 1000).toFixed(0)} s: ${(added / (seedMs / 1000)).toFixed(0)} rows/s); same answer: ${same}`,
  );
  console.log('| getStats, whole city, by county | documents read | time (median of ' + ROUNDS + ') |');
  console.log('|---|---|---|');
  console.log(`| kept statistics | ${keptReads} | ${ms(k)} |`);
  console.log(`| scan of the rows | ${scanReads.toLocaleString('en')} | ${ms(s)} |`);
  console.log(
    `| ratio (goal ≥ ${GOAL.reads}× reads, ≥ ${GOAL.speed}× time, kept ≤ ${GOAL.answerMs} ms) | ${(scanReads / keptReads).toFixed(0)}× | ${(s / k).toFixed(1)}× (kept ${k <= GOAL.answerMs ? 'within' : 'over'} ${GOAL.answerMs} ms) |`,
  );
  console.log(
    `by department (kept): ${ms(byDept.ms)}; a sector filter (scan of its ${sector.value.totals && (sector.value.totals as { total: number }).total} rows): ${ms(sector.ms)}`,
  );
  const ns = median(noticeScan);
  console.log(`| the notice (city and every county) | documents read | time (median of ${noticeScan.length}) |`);
  console.log('|---|---|---|');
  if (timeKept) {
    const nk = median(noticeKept);
    console.log(`| kept statistics + the overdue problems its lists name + stale escalations | ${noticeReads.toLocaleString('en')} | ${ms(nk)} |`);
    console.log(`| scan of the rows | ${scanReads.toLocaleString('en')} | ${ms(ns)} |`);
    console.log(`| ratio (same notice: ${noticeSame}) | ${(scanReads / noticeReads).toFixed(1)}× | ${(ns / nk).toFixed(1)}× |`);
  } else {
    console.log(
      `| kept statistics + the overdue problems its lists name + stale escalations | at most ${noticeReads.toLocaleString('en')} | not timed on the emulator |`,
    );
    console.log(`| scan of the rows | ${scanReads.toLocaleString('en')} | ${ms(ns)} |`);
    console.log(`| ratio | ${(scanReads / noticeReads).toFixed(1)}× | |`);
  }
  console.log(`notice scan projected at 1,000,000 rows: about ${(((ns / size) * 1_000_000) / 1000).toFixed(0)} s`);
  console.log(
    `scan projected at 1,000,000 rows: ${(1_000_000).toLocaleString('en')} documents read, about ${(((s / size) * 1_000_000) / 1000).toFixed(0)} s; kept statistics: the same ${keptReads} documents`,
  );
}

/** What the kept notice reads, from its lists and not by running them: the kept cells, what each list may read, the stale escalations. */
async function keptNoticeReads(db: Firestore, today: string): Promise<number> {
  const { cells, reads } = await readCellsOf(db, 'problems', ['county', 'sector', ASSIGNED_FIELD]);
  const inField = (dimension: string) => cells.filter((c) => c.dimension === dimension);
  const departments = await listDepartments(db);
  const index = departments.length > 0 ? departmentIndex(departments) : undefined;
  const lists = noticeLists(today, { county: inField('county'), assigned: inField(ASSIGNED_FIELD) }, index, NOTICE_LIST_LIMIT);
  const stale = await db
    .collection('problems')
    .where('withdrawn', '==', false)
    .where('values.level', '==', '提交市级')
    .where('values.status', '!=', '已解决')
    .where('updatedAt', '<', new Date(Date.parse(`${addDays(today, 1 - STALE_ESCALATION_DAYS)}T00:00:00+08:00`)))
    .count()
    .get();
  return 1 + reads + lists.reduce((n, l) => n + Math.max(1, l.take), 0) + Math.max(1, stale.data().count);
}

/** The documents a 50-row create writes, as a raw batch: rows, revisions, key entries (and the unit's answer). */
function rawBatch(
  db: Firestore,
  uid: string,
  rows: { key: string; values: CanonicalRow }[],
  withStats: boolean,
  ledger: LedgerDef | undefined,
): FirebaseFirestore.WriteBatch {
  void ledger;
  const batch = db.batch();
  const now = FieldValue.serverTimestamp();
  rows.forEach((r, i) => {
    const id = `RAW-${uid}-${randomUUID()}-${i}`;
    batch.create(db.collection('rawProblems').doc(id), { id, key: r.key, version: 1, values: r.values, withdrawn: false, createdAt: now, updatedAt: now });
    batch.create(db.collection('rawProblems').doc(id).collection('revisions').doc('000001'), { version: 1, at: now, changes: [] });
    batch.create(db.collection('rawKeys').doc(`${uid}:${r.key}`), { id, createdAt: now });
  });
  batch.create(db.collection('rawRequests').doc(randomUUID()), { keys: rows.map((r) => r.key), at: now });
  if (withStats) {
    const delta = cellsOfRows(rows.map((r) => ({ values: r.values, departmentId: null, withdrawn: false })));
    stageStatDelta(batch, db, 'problems', delta, Math.floor(Math.random() * SHARDS));
  }
  return batch;
}

async function crowd(db: Firestore, today: string): Promise<void> {
  const county = '榆次区';
  const clerks: Caller[] = Array.from(
    { length: CLERKS },
    (_, i) =>
      ({
        uid: `bench-clerk-${i}`,
        email: `bench.clerk${i}@taizhang.test`,
        role: 'clerk',
        county,
        group: `榆次区入企服务第${i + 1}组`,
      }) as Caller,
  );
  const r = random(2200);
  const rowsOf = (c: Caller) => Array.from({ length: PUSH_ROWS }, () => ({ key: `crowd-${randomUUID()}`, values: demoProblem(r, today, [county], c.group) }));
  /** PUSH_ROUNDS rounds of every clerk sending at once, on an empty store: each send's time. */
  const crowdOf = async (send: (c: Caller, rows: ReturnType<typeof rowsOf>, round: number, i: number) => Promise<unknown>): Promise<number[]> => {
    await clearStore();
    const times: number[] = [];
    for (let round = 0; round < PUSH_ROUNDS; round++) {
      await Promise.all(
        clerks.map(async (c, i) => {
          const rows = rowsOf(c);
          times.push((await timed(() => send(c, rows, round, i))).ms);
        }),
      );
    }
    return times;
  };
  /** Pushes sent again, by why the store turned them away. */
  const retried = new Map<string, number>();
  /** As the client does: a push the store turned away (a lock held too long) goes again with the same requestId. */
  const push = async (c: Caller, rows: ReturnType<typeof rowsOf>, options: PushOptions = {}) => {
    const requestId = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        return await pushRows(db, c, { ledger: 'problems', requestId, rows }, { today }, undefined, options);
      } catch (e) {
        const why = `${options.detectDuplicates === false ? 'without lookups' : 'with lookups'}: ${String((e as Error).message)
          .split('\n')[0]!
          .slice(0, 80)}`;
        retried.set(why, (retried.get(why) ?? 0) + 1);
        if (attempt >= 5) throw e;
      }
    }
  };
  const lat = await crowdOf((c, rows) => push(c, rows));
  const noLookups = await crowdOf((c, rows) => push(c, rows, { detectDuplicates: false }));
  const rawCrowd = await crowdOf((_c, rows, round, i) => rawBatch(db, `crowd${round}-${i}`, rows, true, undefined).commit());
  await clearStore();
  const alone: number[] = [];
  for (let i = 0; i < PUSH_ROUNDS; i++) {
    const c = clerks[i]!;
    alone.push((await timed(() => push(c, rowsOf(c)))).ms);
  }
  const raw: number[] = [];
  const rawStats: number[] = [];
  let statDocs = 0;
  for (let i = 0; i < PUSH_ROUNDS * 4; i++) {
    const rows = rowsOf(clerks[i % CLERKS]!);
    raw.push((await timed(() => rawBatch(db, `raw${i}`, rows, false, undefined).commit())).ms);
    rawStats.push((await timed(() => rawBatch(db, `rawS${i}`, rows, true, undefined).commit())).ms);
    statDocs = new Set(
      [...cellsOfRows(rows.map((x) => ({ values: x.values, departmentId: null, withdrawn: false }))).keys()].map((k) => JSON.parse(k).slice(0, 2).join()),
    ).size;
  }
  const p50 = pct(lat, 0.5);
  const p95 = pct(lat, 0.95);
  const r50 = median(raw);
  console.log(
    `\nA clerk's ${PUSH_ROWS}-row push while ${CLERKS} clerks of ${county} push at once (${PUSH_ROUNDS} rounds, ${lat.length} pushes through the push service)`,
  );
  console.log('| | p50 | p95 |');
  console.log('|---|---|---|');
  console.log(`| pushRows (judge, number, commit with statistics) | ${ms(p50)} | ${ms(p95)} |`);
  console.log(`| pushRows without the likely-duplicate lookups | ${ms(median(noLookups))} | ${ms(pct(noLookups, 0.95))} |`);
  console.log(`| ${CLERKS} raw batches of the same documents (with their statistics) at once | ${ms(median(rawCrowd))} | ${ms(pct(rawCrowd, 0.95))} |`);
  console.log(`| one push alone | ${ms(median(alone))} | ${ms(pct(alone, 0.95))} |`);
  console.log(`| one raw batch of the same documents, alone | ${ms(r50)} | ${ms(pct(raw, 0.95))} |`);
  console.log(`| ratio p95 / raw alone p50 (goal ≤ 2×) | | ${(p95 / r50).toFixed(1)}× |`);
  console.log(`| ratio p95 / raw crowd p95 (what the push adds under the same crowd) | | ${(p95 / pct(rawCrowd, 0.95)).toFixed(1)}× |`);
  console.log(`pushes sent again after the store turned them away: ${[...retried.values()].reduce((a, b) => a + b, 0)}`);
  for (const [why, n] of retried) console.log(`  ${n} × ${why}`);
  console.log(
    `statistics add ${statDocs} document writes to a commit of ${PUSH_ROWS * 3 + 1}; raw batch with them ${ms(median(rawStats))} vs ${ms(r50)} without: ×${(median(rawStats) / r50).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  db.settings({ ignoreUndefinedProperties: true });
  const today = todayInShanghai();
  await clearStore();
  console.log(`\nStatistics benchmark (Firestore emulator, one machine, 2 shared cores); as of ${today}`);
  let stored = 0;
  for (const size of SIZES) {
    const t = await timed(() => seedThroughPush(db, size - stored, today, size));
    await statsAtSize(db, size, size - stored, t.ms, today);
    stored = size;
  }
  if (process.env.BENCH_STATS_CROWD !== '0') {
    await crowd(db, today).catch((e: unknown) => {
      // A figure, not a failure of the run: which store document held the crowd up is the finding.
      console.log(`\nThe crowd did not finish: ${(e as Error).message.split('\n')[0]} `);
    });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
