// Likely duplicates and the registers (issue #20), inside the emulators (npm run bench starts them):
//   push 10,000 problem rows (20 pushes of 500, through the push service as pushRows runs it)
//   against many stored problems, with and without duplicate detection: throughputs, their
//   ratio (goal ≥ 0.8) and the documents detection reads per pushed row (queries counted as
//   one read each, as Firestore bills them); then lookupTargets over a register of 50,000
//   enterprises: median and 95th percentile latency.
//
//   BENCH_STORED (default 100,000) stored problems over BENCH_TARGETS (default 20,000) targets;
//   BENCH_ROWS (default 10,000) pushed; BENCH_ENTERPRISES (default 50,000).

import { randomUUID } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { creditCodeCheckChar, problemTargetKey, todayInShanghai, type CanonicalRow, type EnterpriseRecord } from '@taizhang/ledger';
import { writeTargets } from '@taizhang/functions/admin';
import { detectDuplicates, lookupTargets, pushRows, type Caller } from '@taizhang/functions/services';
import { demoProblem, random } from '../scripts/demo/rows';
import { PROJECT } from '../scripts/demo/emulatorClient';

const STORED = Number(process.env.BENCH_STORED ?? 100_000);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 20_000);
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 50_000);
const CALL = 500;
const COUNTY = '榆次区';

const admin: Caller = { uid: 'bench-duplicates', email: 'bench.duplicates@taizhang.test', role: 'admin' } as Caller;

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

async function clear(): Promise<void> {
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, { method: 'DELETE' });
}

/** A demo problem of one of TARGETS enterprises of 榆次区, named without a credit code. */
function problemOf(r: () => number, today: string): CanonicalRow {
  const p = demoProblem(r, today, [COUNTY]);
  const { creditCode: _code, ...rest } = p as Record<string, unknown>;
  return { ...rest, targetType: '入企', targetName: `晋中测试企业${Math.floor(r() * TARGETS)}有限公司`, county: COUNTY } as CanonicalRow;
}

/** Stored problems as a push leaves them (the fields detection reads), written with plain batches. */
async function seedProblems(db: Firestore, today: string): Promise<void> {
  const r = random(20);
  const now = FieldValue.serverTimestamp();
  const writers: Promise<unknown>[] = [];
  for (let i = 0; i < STORED; i += 500) {
    const batch = db.batch();
    for (let k = i; k < Math.min(STORED, i + 500); k++) {
      const values = problemOf(r, today);
      const id = `P-140702-2022-${String(k + 500_000).padStart(6, '0')}`;
      batch.set(db.collection('problems').doc(id), {
        id,
        key: `seed-${k}`,
        version: 1,
        values,
        counties: [COUNTY],
        withdrawn: false,
        ownerGroup: null,
        ownerUid: 'seed',
        targetKey: problemTargetKey(values) ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: 'seed',
        updatedBy: 'seed',
      });
    }
    writers.push(batch.commit());
    if (writers.length >= 8) await Promise.all(writers.splice(0));
  }
  await Promise.all(writers);
}

async function pushAll(db: Firestore, rows: CanonicalRow[], detect: boolean): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += CALL) {
    const part = rows.slice(i, i + CALL).map((values) => ({ key: `b-${randomUUID()}`, values }));
    const results = await pushRows(db, admin, { ledger: 'problems', requestId: randomUUID(), rows: part }, { today: todayInShanghai() }, undefined, {
      detectDuplicates: detect,
    });
    if (results.some((x) => x.status !== 'created')) throw new Error(`not all created: ${JSON.stringify(results.find((x) => x.status !== 'created'))}`);
  }
  return rows.length / ((performance.now() - t0) / 1000);
}

function creditCode(n: number): string {
  const body = `9114070${String(n).padStart(10, '0')}`;
  return body + creditCodeCheckChar(body);
}

async function main(): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  const today = todayInShanghai();
  await clear();

  let t = performance.now();
  await seedProblems(db, today);
  console.log(
    `seeded ${STORED.toLocaleString('en')} stored problems over ${TARGETS.toLocaleString('en')} targets in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );

  const r = random(7);
  const pushed = Array.from({ length: ROWS }, () => problemOf(r, today));
  // Each run pushes the same rows under fresh keys: without detection first, then with it.
  const without = await pushAll(db, pushed, false);
  const withDetection = await pushAll(db, pushed, true);
  let reads = 0;
  let queries = 0;
  let found = 0;
  for (let i = 0; i < pushed.length; i += CALL) {
    const part = pushed.slice(i, i + CALL).map((values) => ({ values }));
    const d = await detectDuplicates(db, part);
    reads += d.reads;
    queries += Math.ceil(new Set(d.keys.filter((k) => k !== null)).size / 30);
    found += d.matches.filter((m) => m.length > 0).length;
  }
  console.log(`push ${ROWS.toLocaleString('en')} rows against ${STORED.toLocaleString('en')} stored problems:`);
  console.log(`  without detection: ${without.toFixed(0)} rows/s`);
  console.log(`  with detection:    ${withDetection.toFixed(0)} rows/s`);
  console.log(`  ratio: ${(withDetection / without).toFixed(2)} (goal ≥ 0.8)`);
  console.log(
    `  detection reads per pushed row: ${((reads + queries) / ROWS).toFixed(2)} (${reads.toLocaleString('en')} documents, ${queries} queries); rows with likely duplicates: ${found.toLocaleString('en')}`,
  );

  t = performance.now();
  const enterprises: EnterpriseRecord[] = Array.from({ length: ENTERPRISES }, (_, n) => ({
    creditCode: creditCode(n),
    name: `晋中${['强伟', '联安', '交通', '煤化', '纸业', '农牧'][n % 6]}测试${n}有限公司`,
    aliases: n % 3 === 0 ? [`测试${n}`] : [],
    county: COUNTY,
    active: true,
  }));
  await writeTargets(db, 'enterprises', enterprises);
  console.log(`seeded a register of ${ENTERPRISES.toLocaleString('en')} enterprises in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const queriesTyped = ['强伟', '晋中联安测试1', '测试4711', '9114070000000', '交通测试', '纸业', '晋中农牧测试49999有限公司', '不存在的企业'];
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of queriesTyped) {
      const s = performance.now();
      await lookupTargets(db, 'enterprises', q, COUNTY);
      times.push(performance.now() - s);
    }
  }
  console.log(
    `lookupTargets over ${ENTERPRISES.toLocaleString('en')} enterprises: median ${quantile(times, 0.5).toFixed(0)} ms, p95 ${quantile(times, 0.95).toFixed(0)} ms (${times.length} lookups)`,
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
