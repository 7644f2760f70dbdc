// Pull of a large consolidated list end to end (issue 22), inside the emulators (npm run bench
// starts them): problems seeded through the push's own write path (functions/src/push/service.ts,
// as an administrator, 500-row requests, 2 at a time), then the add-in's 拉取汇总 on the Excel
// simulator, calling the real pullRows callables on the Functions emulator, next to a raw
// Firestore query of the same rows in the same run.
//
//   BENCH_PULL_ROWS     rows seeded (default 10,000; 100,000 takes about 20 minutes to seed)
//   BENCH_PULL_ROUNDS   rounds, each a raw query and a full pull back to back (default 3)
//
// For the pull: wall time, split into the callables (request to answer, as the add-in waits
// for them), the simulator's syncs (the test double answering in place of Excel) and the rest
// (the add-in's own work); the number of callable calls and of Excel batches (syncs). The raw
// query reads the same documents in pages of 5,000 and turns them into data, as a plain
// client would. Figures only: nothing here is asserted.

import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { FieldPath, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { todayInShanghai } from '@taizhang/ledger';
import { createApiClient, type Transport } from '@taizhang/client';
import { BENCH_ADMIN, clearStore, seedThroughPush } from './emulatorStore';
import { pull, type ExcelHost } from '@taizhang/addin';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { emulatorIdToken, emulatorTransport, PROJECT } from '../scripts/demo/emulatorClient';

const ROWS = Number(process.env.BENCH_PULL_ROWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_PULL_ROUNDS ?? 3);
const PAGE = 5000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** A bench administrator's transport to the callables. */
async function adminTransport(): Promise<Transport> {
  const auth = getAuth();
  const email = BENCH_ADMIN.email!;
  const password = 'bench-password';
  const user = await auth.getUserByEmail(email).catch(() => auth.createUser({ email, password }));
  await auth.setCustomUserClaims(user.uid, { role: 'admin' });
  return emulatorTransport(await emulatorIdToken(email, password));
}

interface PullFigures {
  ms: number;
  callMs: number;
  simMs: number;
  calls: number;
  syncs: number;
  rows: number;
}

/** The simulator as the host, with the time inside its syncs tallied. */
function timedHost(excel: SimulatedExcel, tally: { simMs: number }): ExcelHost {
  return {
    isSetSupported: (name, version) => excel.isSetSupported(name, version),
    run: (batch) =>
      excel.run(async (ctx) => {
        const sync = ctx.sync.bind(ctx);
        ctx.sync = (async (v?: unknown) => {
          const t = performance.now();
          try {
            return await sync(v);
          } finally {
            tally.simMs += performance.now() - t;
          }
        }) as typeof ctx.sync;
        return batch(ctx);
      }),
  };
}

/** The add-in's first (full) pull of the whole list into a fresh workbook. */
async function addinPull(transport: Transport, today: string): Promise<PullFigures> {
  const tally = { simMs: 0, callMs: 0, calls: 0 };
  const counted: Transport = async (name, data) => {
    tally.calls++;
    const t = performance.now();
    try {
      return await transport(name, data);
    } finally {
      tally.callMs += performance.now() - t;
    }
  };
  const excel = createSimulatedExcel();
  const t = performance.now();
  const r = await pull(timedHost(excel, tally), createApiClient(counted), { ledger: 'problems', today });
  const ms = performance.now() - t;
  if (r.rows !== ROWS) throw new Error(`the add-in pulled ${r.rows} rows, expected ${ROWS}`);
  return { ms, callMs: tally.callMs, simMs: tally.simMs, calls: tally.calls, syncs: r.stats.syncs, rows: r.rows };
}

/** The same rows by a plain paged query, turned into data. */
async function rawQuery(db: Firestore): Promise<{ ms: number; queries: number }> {
  const t = performance.now();
  let after: string | undefined;
  let n = 0;
  let queries = 0;
  for (;;) {
    let q = db
      .collection('problems')
      .where('withdrawn', '==', false)
      .orderBy(FieldPath.documentId())
      .limit(PAGE + 1);
    if (after) q = q.startAfter(after);
    const snap = await q.get();
    queries++;
    const docs = snap.docs.slice(0, PAGE);
    n += docs.length;
    JSON.stringify(docs.map((d) => d.data()));
    if (snap.size <= PAGE) break;
    after = docs.at(-1)!.id;
  }
  if (n !== ROWS) throw new Error(`the raw query read ${n} rows, expected ${ROWS}`);
  return { ms: performance.now() - t, queries };
}

async function main(): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  const today = todayInShanghai();
  const transport = await adminTransport();

  await clearStore();
  const seedStart = performance.now();
  await seedThroughPush(db, ROWS, today, 22, { report: true });
  const seedMs = performance.now() - seedStart;
  console.log(
    `\nPull benchmark (Firestore and Functions emulators, one machine): ${ROWS} problems seeded through the push in ${s(seedMs)} (${Math.round(ROWS / (seedMs / 1000))} rows/s)`,
  );

  // Warm the function instance so its cold start is not counted.
  await transport('pullRows', { ledger: 'problems', pageSize: 1 });

  const pulls: PullFigures[] = [];
  const raws: { ms: number; queries: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // In turn first: the emulator's speed drifts within minutes.
    if (i % 2 === 0) {
      raws.push(await rawQuery(db));
      pulls.push(await addinPull(transport, today));
    } else {
      pulls.push(await addinPull(transport, today));
      raws.push(await rawQuery(db));
    }
  }
  await clearStore();

  const m = (f: (p: PullFigures) => number) => median(pulls.map(f));
  const ratio = median(pulls.map((p, i) => p.ms / raws[i]!.ms));
  console.log(
    `${`median of ${ROUNDS} rounds`.padEnd(44)} ${'time'.padStart(8)} ${'callables'.padStart(10)} ${'simulator'.padStart(10)} ${'add-in'.padStart(8)} ${'calls'.padStart(7)} ${'Excel batches'.padStart(14)}`,
  );
  console.log(
    `add-in pull (pullRows → engine → simulator) ${s(m((p) => p.ms)).padStart(8)} ${s(m((p) => p.callMs)).padStart(10)} ${s(m((p) => p.simMs)).padStart(10)} ${s(m((p) => p.ms - p.callMs - p.simMs)).padStart(8)} ${String(pulls[0]!.calls).padStart(7)} ${String(pulls[0]!.syncs).padStart(14)}`,
  );
  console.log(
    `raw Firestore query, same rows              ${s(median(raws.map((r) => r.ms))).padStart(8)} ${''.padStart(10)} ${''.padStart(10)} ${''.padStart(8)} ${String(raws[0]!.queries).padStart(7)} ${'(queries)'.padStart(14)}`,
  );
  console.log(
    `pull ÷ raw query: ${ratio.toFixed(2)}× (rounds: ${pulls.map((p, i) => (p.ms / raws[i]!.ms).toFixed(2)).join(', ')}); the callables alone ÷ raw: ${median(pulls.map((p, i) => p.callMs / raws[i]!.ms)).toFixed(2)}×`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
