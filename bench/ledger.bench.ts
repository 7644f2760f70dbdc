// How fast the ledger core judges a pulled or pushed sheet's worth of rows.
//
//   npx tsx bench/ledger.bench.ts [rows]        (default 100,000)
//
// Generates problem rows as clerks type them (seeded, so every run judges the same rows):
// ~80% valid but messy (aliases, full-width digits, text dates, serials, timestamps, padding),
// ~20% with one defect each. Times parseRows on them, and zod's safeParse of the canonical
// schema on canonical rows (the parsed values of the valid ones, repeated to the same count):
// the cheapest check a row could get, the yardstick for the full judgement. Each timing is
// the median of 5 runs after a warm-up.
//
// Goals: parsing 100,000 rows takes under 1 s, and at most twice as long as zod's shape check.

import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import fc from 'fast-check';
import { canonicalSchema, parseRows, problems, type CanonicalRow } from '@taizhang/ledger';
import { arbInvalidProblemRow, arbMessyProblemRow } from '../tests/support/generators';

const N = Number(process.argv[2] ?? 100_000);
const SEED = 20220324;
const TODAY = '2026-11-28';
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timing {
  /** Wall-clock milliseconds of each run. */
  readonly wall: number[];
  /** CPU milliseconds of each run (all of the process's threads, the GC's included). */
  readonly cpu: number[];
  /** Each run's start and end (performance.now()), to find the garbage collector's pauses in it. */
  readonly windows: [number, number][];
}

// The garbage collector's pauses of the main thread, as Node reports them (after the fact).
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

/** Each of RUNS runs, after one untimed warm-up run. */
function time(run: () => unknown): Timing {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const windows: [number, number][] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    const t1 = performance.now();
    wall.push(t1 - t0);
    windows.push([t0, t1]);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu, windows };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// --- rows ---------------------------------------------------------------------------------

const t0 = performance.now();
const arbRow = fc.oneof(
  { weight: 4, arbitrary: arbMessyProblemRow({ today: TODAY }).map((m) => ({ raw: m.raw, valid: true })) },
  { weight: 1, arbitrary: arbInvalidProblemRow({ today: TODAY }).map((m) => ({ raw: m.raw, valid: false })) },
);
// In chunks of 1,000, each with its own seed after SEED: the same rows every run, little memory.
const CHUNK = 1000;
const generated: { raw: Record<string, unknown>; valid: boolean }[] = [];
for (let i = 0; generated.length < N; i++) {
  generated.push(...fc.sample(arbRow, { numRuns: Math.min(CHUNK, N - generated.length), seed: SEED + i }));
}
const raw = generated.map((g) => g.raw);
console.log(`generated ${fmt(N)} problem rows (seed ${SEED}) in ${fmt((performance.now() - t0) / 1000, 1)} s`);

// Sanity: the parser must agree with the generator before its speed means anything. (In a
// block, so that these results are not kept alive, and collected, during the timings.)
let canonicalOnce: CanonicalRow[];
{
  const results = parseRows(problems, raw, { today: TODAY });
  const failing = results.filter((r) => r.errors.length > 0).length;
  const mismatched = results.filter((r, i) => (r.errors.length === 0) !== generated[i]!.valid).length;
  console.log(`  ${fmt(N - failing)} valid, ${fmt(failing)} with errors (${fmt((100 * failing) / N, 1)}%); disagreeing with the generator: ${mismatched}`);
  if (mismatched > 0) {
    console.error('the parser disagrees with the generator: fix that before timing anything');
    process.exit(1);
  }
  canonicalOnce = results.filter((r) => r.errors.length === 0).map((r) => r.values);
}
generated.length = 0;
const canonical = Array.from({ length: N }, (_, i) => canonicalOnce[i % canonicalOnce.length]!);

// --- timings ------------------------------------------------------------------------------

const schema = canonicalSchema(problems);
const parseMs = time(() => parseRows(problems, raw, { today: TODAY }));
// parseRows returns a result per row, so the yardstick keeps one per row too (what keeping
// 100,000 results costs the garbage collector is part of both timings). The figure without
// keeping them is printed as well.
const zodMs = time(() => {
  const results = canonical.map((row) => schema.safeParse(row));
  if (results.some((r) => !r.success)) throw new Error('zod rejected a canonical row');
});
// For information: the parser on rows that are already canonical (a pulled sheet, or what the
// server receives from the add-in), the same input zod gets.
const parseCanonicalMs = time(() => parseRows(problems, canonical, { today: TODAY }));
const zodDroppedMs = time(() => {
  for (const row of canonical) if (!schema.safeParse(row).success) throw new Error('zod rejected a canonical row');
});

// A shared machine's other work stretches wall-clock time; CPU time is what the code costs.
// The goals are judged on both.
const [load1] = os.loadavg();
console.log('');
console.log(`load average ${fmt(load1!, 2)} on ${os.cpus().length} CPUs; medians of ${RUNS} runs`);
console.log(`${''.padEnd(44)} ${'wall ms'.padStart(9)} ${'rows/s'.padStart(10)} ${'CPU ms'.padStart(9)} ${'rows/s'.padStart(10)}   wall runs (ms)`);
const line = (label: string, t: Timing) => {
  const w = median(t.wall);
  const c = median(t.cpu);
  const perSecond = (ms: number) => fmt((N / ms) * 1000);
  console.log(`${label.padEnd(44)} ${fmt(w).padStart(9)} ${perSecond(w).padStart(10)} ${fmt(c).padStart(9)} ${perSecond(c).padStart(10)}   ${t.wall.map((x) => fmt(x)).join(', ')}`);
};
line('parseRows (messy rows)', parseMs);
line('parseRows (canonical rows)', parseCanonicalMs);
line('canonicalSchema(problems).safeParse, kept', zodMs);
line('canonicalSchema(problems).safeParse, dropped', zodDroppedMs);
console.log('');

const ratio = (a: number[], b: number[]) => median(a) / median(b);
const per100k = (ms: number[]) => (median(ms) * 100_000) / N;
const goals = [
  {
    goal: 'ratio parse / zod (kept) ≤ 2',
    wall: ratio(parseMs.wall, zodMs.wall),
    cpu: ratio(parseMs.cpu, zodMs.cpu),
    met: (x: number) => x <= 2,
    show: (x: number) => fmt(x, 2),
  },
  {
    goal: `parse of 100,000 rows < 1 s${N === 100_000 ? '' : ' (scaled)'}`,
    wall: per100k(parseMs.wall),
    cpu: per100k(parseMs.cpu),
    met: (x: number) => x < 1000,
    show: (x: number) => `${fmt(x)} ms`,
  },
];
console.log(`${'goal'.padEnd(36)} ${'wall'.padStart(16)} ${'CPU'.padStart(16)}`);
for (const g of goals) {
  const cell = (x: number) => `${g.show(x)} ${g.met(x) ? 'met' : 'MISSED'}`.padStart(16);
  console.log(`${g.goal.padEnd(36)} ${cell(g.wall)} ${cell(g.cpu)}`);
}
console.log(`(ratio against zod with its results dropped: wall ${fmt(ratio(parseMs.wall, zodDroppedMs.wall), 2)}, CPU ${fmt(ratio(parseMs.cpu, zodDroppedMs.cpu), 2)})`);

// Node delivers the GC entries after the synchronous timings above: their share comes last.
setTimeout(() => {
  const paused = (t: Timing) =>
    median(t.windows.map(([a, b]) => gcPauses.filter((p) => p.start >= a && p.start < b).reduce((sum, p) => sum + p.duration, 0)));
  for (const [label, t] of [['parseRows (messy rows)', parseMs], ['safeParse, kept', zodMs]] as const) {
    const ms = paused(t);
    console.log(`garbage collector's pauses in ${label}: ${fmt(ms)} ms a run (${fmt((100 * ms) / median(t.wall))} % of its wall time)`);
  }
}, 100);
// Figures, not a test (scripts/bench.mjs): a missed goal is printed above, not an exit code.
