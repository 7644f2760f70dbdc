// Requests and answers in office.js's own bytes (npx tsx bench/office-wire.bench.ts [rows…]):
// for 10,000 and 100,000 rows of realistic Chinese text, each flow's batches are built by the
// real Office.js runtime (tests/support/officeRuntime.ts) and answered by the simulator. Shown:
// the largest request and the largest answer as UTF-8 bytes on the wire, next to the
// simulator's own meters of the same batches. Goal: each ≤ 4 MB.

import { contractRun } from '../tests/support/contractFlows';

const GOAL = 4 * 1024 * 1024;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  console.log('rows      flow            syncs   largest request   largest answer   simulator: request    answer   ≤ 4 MB   s');
  for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    const started = performance.now();
    let last = started;
    // Each flow's line as soon as it is done: 100,000 rows take minutes.
    await contractRun(n, {
      onFlow: (f) => {
        const now = performance.now();
        const ok = f.request <= GOAL && f.answer <= GOAL;
        console.log(
          `${String(n).padStart(7)}   ${f.flow.padEnd(15)} ${String(f.syncs).padStart(5)}   ${mb(f.request).padStart(15)}   ${mb(f.answer).padStart(14)}   ${mb(f.simRequest).padStart(18)} ${mb(f.simAnswer).padStart(9)}   ${ok ? 'yes' : 'NO '}      ${((now - last) / 1000).toFixed(1)}`,
        );
        last = now;
      },
    });
    console.log(`${String(n).padStart(7)}   all flows: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
