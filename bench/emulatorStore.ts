// What the emulator benchmarks share: an empty store to start from, and problems seeded
// through the push's own write path (so the kept statistics, labels and keys are as a push
// leaves them).

import { randomUUID } from 'node:crypto';
import type { Firestore } from 'firebase-admin/firestore';
import { pushRows, type Caller } from '@taizhang/functions/services';
import { demoProblem, random } from '../scripts/demo/rows';
import { PROJECT } from '../scripts/demo/emulatorClient';

export const BENCH_ADMIN: Caller = { uid: 'bench-admin', email: 'bench.admin@taizhang.test', role: 'admin' } as Caller;

/** Empties the emulator's Firestore. */
export async function clearStore(): Promise<void> {
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, { method: 'DELETE' });
}

/**
 * Pushes `count` new demo problems, 500 a request, two requests at a time. Without the
 * likely-duplicate lookups: the emulator answers each by reading the whole collection, so
 * seeding hundreds of thousands of rows with them would slow down row by row, and they change
 * nothing the statistics or a pull count.
 */
export async function seedThroughPush(db: Firestore, count: number, today: string, seedNo: number, o: { report?: boolean } = {}): Promise<void> {
  const r = random(seedNo);
  const requests = Array.from({ length: Math.ceil(count / 500) }, (_, i) =>
    Array.from({ length: Math.min(500, count - i * 500) }, () => ({ key: `seed-${randomUUID()}`, values: demoProblem(r, today) })),
  );
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < requests.length) {
        const rows = requests[next++]!;
        const requestId = randomUUID();
        // An overloaded emulator may cancel a commit: the same request again, as a client retries (exactly once).
        for (let attempt = 0; ; attempt++) {
          try {
            await pushRows(db, BENCH_ADMIN, { ledger: 'problems', requestId, rows }, { today }, undefined, { detectDuplicates: false });
            break;
          } catch (e) {
            if (attempt >= 5) throw e;
            await new Promise((ok) => setTimeout(ok, 500 * (attempt + 1)));
          }
        }
        done += rows.length;
        if (o.report && done % 10_000 === 0) console.log(`  seeded ${done} rows, ${Math.round(done / ((performance.now() - started) / 1000))} rows/s`);
      }
    }),
  );
}
