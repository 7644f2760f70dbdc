// Store benchmark (issue #3), inside the emulators (npm run bench starts them):
//   push 10,000 problem rows through pushRows (20 calls of 500) vs the same documents
//   written with plain firebase-admin batched writes; pull them through pullRows vs a plain
//   query. Prints throughputs and ratios; goals: push ≥ 0.5, pull ≥ 0.7 of the raw figures.

import { randomUUID } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { FieldPath, FieldValue, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { problems, todayInShanghai } from '@taizhang/ledger';
import { diffValues } from '@taizhang/functions/services';
import { demoProblem, random } from '../scripts/demo/rows';
import { emulatorIdToken, emulatorTransport, PROJECT } from '../scripts/demo/emulatorClient';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const CALL = 500;
const PUSH_ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const PULL_ROUNDS = Number(process.env.BENCH_PULL_ROUNDS ?? 5);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A bench administrator's callable client. */
async function adminClient(): Promise<<T>(name: string, data: unknown) => Promise<T>> {
  const auth = getAuth();
  const email = 'bench.admin@taizhang.test';
  const password = 'bench-password';
  const user = await auth.getUserByEmail(email).catch(() => auth.createUser({ email, password }));
  await auth.setCustomUserClaims(user.uid, { role: 'admin' });
  const transport = emulatorTransport(await emulatorIdToken(email, password));
  return async <T>(name: string, data: unknown) => (await transport(name, data)) as T;
}

async function clear(): Promise<void> {
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, { method: 'DELETE' });
}

/** The documents pushRows writes for 500 new rows, written with plain batches of ≤ 500 writes. */
async function rawPush(db: Firestore, rows: Record<string, string | number>[], ledger: string, rowsOnly: boolean): Promise<void> {
  const writes: [FirebaseFirestore.DocumentReference, Record<string, unknown>][] = [];
  const now = FieldValue.serverTimestamp();
  const requestId = randomUUID();
  rows.forEach((values, i) => {
    const id = `P-140702-2022-${String(i).padStart(6, '0')}-${requestId.slice(0, 8)}`;
    const key = randomUUID();
    writes.push([
      db.collection(ledger).doc(id),
      {
        id,
        key,
        version: 1,
        values,
        counties: [values.county],
        withdrawn: false,
        ownerGroup: null,
        ownerUid: 'x',
        createdAt: now,
        createdBy: 'b',
        updatedAt: now,
        updatedBy: 'b',
        lastRequestId: requestId,
      },
    ]);
    if (rowsOnly) return;
    writes.push([db.collection(`${ledger}Keys`).doc(key), { id, createdAt: now }]);
    writes.push([
      db.collection(ledger).doc(id).collection('revisions').doc('000001'),
      { version: 1, action: 'created', at: now, by: 'b', requestId, key, changes: diffValues(problems, {}, values) },
    ]);
  });
  if (!rowsOnly) {
    // The answers pushRows keeps for replay: one document per 50 rows.
    writes.push([db.collection('requests').doc(requestId), { requestId, ledger, at: now }]);
    const created = writes
      .filter(([ref]) => ref.parent.id === ledger)
      .map(([, d]) => ({ key: d.key, status: 'created', id: d.id, version: 1, values: d.values }));
    for (let u = 0; u * 50 < created.length; u++) {
      const results = created.slice(u * 50, u * 50 + 50);
      writes.push([
        db.collection('requests').doc(requestId).collection('units').doc(String(u).padStart(3, '0')),
        { keys: results.map((r) => r.key), results, at: now },
      ]);
    }
  }
  const batches = [];
  for (let i = 0; i < writes.length; i += 500) {
    const b = db.batch();
    for (const [ref, data] of writes.slice(i, i + 500)) b.create(ref, data);
    batches.push(b.commit());
  }
  await Promise.all(batches);
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function line(label: string, rows: number, seconds: number): string {
  return `${label.padEnd(46)} ${String(rows).padStart(6)} rows  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds)
    .toString()
    .padStart(7)} rows/s`;
}

async function main(): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  const call = await adminClient();
  const today = todayInShanghai();
  const r = random(7);
  const rows = Array.from({ length: ROWS }, () => demoProblem(r, today));
  const calls = Math.ceil(ROWS / CALL);

  await clear();
  // Warm the function instance so its cold start is not counted.
  await call('pushRows', { ledger: 'problems', requestId: randomUUID(), rows: [{ key: randomUUID(), values: rows[0] }] });
  await clear();

  const pushAll = async (): Promise<void> => {
    for (let c = 0; c < calls; c++) {
      const chunk = rows.slice(c * CALL, (c + 1) * CALL).map((values) => ({ key: randomUUID(), values }));
      await call('pushRows', { ledger: 'problems', requestId: randomUUID(), rows: chunk });
    }
  };
  const rawPushAll = (rowsOnly: boolean) => async (): Promise<void> => {
    for (let c = 0; c < calls; c++) await rawPush(db, rows.slice(c * CALL, (c + 1) * CALL), 'problems', rowsOnly);
  };
  // The emulator's speed drifts by tens of percent within minutes: each round times all three
  // back to back, each on an empty database, pushRows first in every other round, and the
  // figures are the medians.
  const pushTimes: number[] = [];
  const rawTimes: number[] = [];
  const rawRowsTimes: number[] = [];
  const steps: [number[], () => Promise<void>][] = [
    [rawTimes, rawPushAll(false)],
    [rawRowsTimes, rawPushAll(true)],
    [pushTimes, pushAll],
  ];
  let lastWasPush = false;
  for (let i = 0; i < PUSH_ROUNDS; i++) {
    for (const [times, run] of i % 2 === 0 ? steps : [...steps].reverse()) {
      await clear();
      times.push(await timed(run));
      lastWasPush = run === pushAll;
    }
  }
  // The pulls read what pushRows stored.
  if (!lastWasPush) {
    await clear();
    await pushAll();
  }
  const [tPush, tRaw, tRawRows] = [median(pushTimes), median(rawTimes), median(rawRowsTimes)];

  const pullAll = async (): Promise<void> => {
    let pageToken: string | undefined;
    let n = 0;
    do {
      const page: { rows: unknown[]; nextPageToken?: string } = await call('pullRows', { ledger: 'problems', pageSize: 5000, ...(pageToken && { pageToken }) });
      n += page.rows.length;
      pageToken = page.nextPageToken;
    } while (pageToken);
    if (n !== ROWS) throw new Error(`pulled ${n} rows, expected ${ROWS}`);
  };
  const rawPull = async (): Promise<void> => {
    let after: string | undefined;
    let n = 0;
    for (;;) {
      // One document more than the page, as pullRows reads: no query only to find nothing left.
      let q = db.collection('problems').where('withdrawn', '==', false).orderBy(FieldPath.documentId()).limit(5001);
      if (after) q = q.startAfter(after);
      const snap = await q.get();
      const docs = snap.docs.slice(0, 5000);
      n += docs.length;
      // A plain client still turns documents into data, as pullRows does.
      JSON.stringify(docs.map((d) => d.data()));
      if (snap.size <= 5000) break;
      after = docs.at(-1)!.id;
    }
    if (n !== ROWS) throw new Error(`raw pull read ${n} rows`);
  };
  // The emulator (a JVM) and the function warm up: alternate the two, take each one's median.
  const pullTimes: number[] = [];
  const rawPullTimes: number[] = [];
  for (let i = 0; i < PULL_ROUNDS; i++) {
    pullTimes.push(await timed(pullAll));
    rawPullTimes.push(await timed(rawPull));
  }
  const tPull = median(pullTimes);
  const tRawPull = median(rawPullTimes);

  await clear();

  // Each round measured both within a minute or so, under about the same drift: the median of
  // the rounds' ratios.
  const ratios = (raw: number[], ours: number[]) => raw.map((x, i) => x / ours[i]!);
  const pushRatio = median(ratios(rawTimes, pushTimes));
  const pullRatio = median(ratios(rawPullTimes, pullTimes));
  console.log('\nStore benchmark (Firestore emulator, one machine)');
  console.log(line(`pushRows (${calls} calls of ${CALL}, median of ${PUSH_ROUNDS})`, ROWS, tPush));
  console.log(line(`raw batches, same documents (median of ${PUSH_ROUNDS})`, ROWS, tRaw));
  console.log(line(`raw batches, row documents only (median of ${PUSH_ROUNDS})`, ROWS, tRawRows));
  console.log(line(`pullRows (pages of 5000, median of ${PULL_ROUNDS})`, ROWS, tPull));
  console.log(line(`raw query (pages of 5000, median of ${PULL_ROUNDS})`, ROWS, tRawPull));
  const rounds = (a: number[], b: number[]) =>
    ratios(a, b)
      .map((x) => x.toFixed(2))
      .join(', ');
  console.log(
    `push ratio (pushRows / raw, same documents): ${pushRatio.toFixed(2)}  goal ≥ 0.5  ${pushRatio >= 0.5 ? 'met' : 'NOT met'}  (rounds: ${rounds(rawTimes, pushTimes)})`,
  );
  console.log(`push ratio (pushRows / raw, row documents only): ${median(ratios(rawRowsTimes, pushTimes)).toFixed(2)}`);
  console.log(
    `pull ratio (pullRows / raw query): ${pullRatio.toFixed(2)}  goal ≥ 0.7  ${pullRatio >= 0.7 ? 'met' : 'NOT met'}  (rounds: ${rounds(rawPullTimes, pullTimes)})`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
