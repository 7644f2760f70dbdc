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
// Goals: parsing 100,000 rows takes under 1 s on one core, and at most twice as long as zod's
// shape check.
//
// How it is measured:
// - on one core: on Linux, a process that may use more than one CPU pins itself, all its
//   threads, to the first it may use (taskset), so that the garbage collector's and the
//   compiler's helper threads share it, as on a machine with one; otherwise it says so;
// - rows in order: fast-check leaves the rows it makes scattered among its own garbage, while
//   the CLI builds a sheet's rows one after another just before judging them all at once
//   (cli/src/check/checkWorkbook.ts). So the generated rows, and zod's canonical rows alike,
//   are copied once, in order. Uncopied, the parser took 7–14 % longer (one core). (The
//   add-in judges a sheet in chunks of 2,000 rows, the server one pushed row at a time.)
// - once, and back to back: the "once" timings start each run on a heap with nothing left
//   over (a full collection before it, untimed), as a sheet judged once does; "back to
//   back", each run also pays for collecting the 100,000 results of the run before, as when
//   sheets or chunks follow each other. Both are printed and judged.
// The collections within a run, of what the run itself makes and keeps, are always timed;
// the main thread's pauses for them are printed.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import { canonicalSchema, parseRows, problems, type CanonicalRow } from '@taizhang/ledger';
import { arbInvalidProblemRow, arbMessyProblemRow } from '../tests/support/generators';

const N = Number(process.argv[2] ?? 100_000);
const SEED = 20220324;
const TODAY = '2026-11-28';
const RUNS = 5;

/** Pins this process (every thread) to the first CPU it may use; what it did, in words. */
function pinToOneCore(): string {
  if (os.availableParallelism() === 1) return 'on one CPU';
  try {
    const allowed = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (!allowed) throw new Error('no Cpus_allowed_list in /proc/self/status');
    execFileSync('taskset', ['-a', '-p', '-c', allowed[1]!, String(process.pid)], { stdio: 'ignore' });
    return `pinned to CPU ${allowed[1]} of ${os.cpus().length}`;
  } catch (e) {
    return `NOT pinned, on ${os.availableParallelism()} CPUs (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
  }
}
const pinning = pinToOneCore();

/** A full collection, without asking whoever runs the bench for --expose-gc; undefined if V8 refuses. */
function fullCollection(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}
const collectGarbage = fullCollection();

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

/**
 * Each of RUNS runs, after one untimed warm-up run. `once`: each run starts on a heap with
 * nothing left over (a full collection first, untimed); otherwise the runs follow each other.
 */
function time(run: () => unknown, once: boolean): Timing {
  run();
  const wall: number[] = [];
  const cpu: number[] = [];
  const windows: [number, number][] = [];
  for (let i = 0; i < RUNS; i++) {
    if (once) collectGarbage?.();
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
// Copied in order, as the CLI lays a sheet's rows out (see the top).
const raw = structuredClone(generated.map((g) => g.raw));
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
// In order too (structuredClone keeps the repeats as repeats).
const canonical = structuredClone(Array.from({ length: N }, (_, i) => canonicalOnce[i % canonicalOnce.length]!));

// --- timings ------------------------------------------------------------------------------

const schema = canonicalSchema(problems);
const parseMessy = () => parseRows(problems, raw, { today: TODAY });
// parseRows returns a result per row, so the yardstick keeps one per row too (what keeping
// 100,000 results costs the garbage collector is part of both timings). The figure without
// keeping them is printed as well.
const zodKept = () => {
  const results = canonical.map((row) => schema.safeParse(row));
  if (results.some((r) => !r.success)) throw new Error('zod rejected a canonical row');
};
const parseMs = time(parseMessy, true);
const zodMs = time(zodKept, true);
const parseBackToBackMs = time(parseMessy, false);
const zodBackToBackMs = time(zodKept, false);
// For information: the parser on rows that are already canonical (a pulled sheet, or what the
// server receives from the add-in), the same input zod gets.
const parseCanonicalMs = time(() => parseRows(problems, canonical, { today: TODAY }), true);
const zodDroppedMs = time(() => {
  for (const row of canonical) if (!schema.safeParse(row).success) throw new Error('zod rejected a canonical row');
}, true);

// A shared machine's other work stretches wall-clock time; CPU time is what the code costs.
// The goals are judged on both.
const [load1] = os.loadavg();
console.log('');
console.log(`load average ${fmt(load1!, 2)}; ${pinning}; rows copied in order; medians of ${RUNS} runs`);
if (!collectGarbage) console.log('(V8 refused a full collection on demand: the "once" timings below are back to back too)');
console.log(`${''.padEnd(50)} ${'wall ms'.padStart(9)} ${'rows/s'.padStart(10)} ${'CPU ms'.padStart(9)} ${'rows/s'.padStart(10)}   wall runs (ms)`);
const line = (label: string, t: Timing) => {
  const w = median(t.wall);
  const c = median(t.cpu);
  const perSecond = (ms: number) => fmt((N / ms) * 1000);
  console.log(
    `${label.padEnd(50)} ${fmt(w).padStart(9)} ${perSecond(w).padStart(10)} ${fmt(c).padStart(9)} ${perSecond(c).padStart(10)}   ${t.wall.map((x) => fmt(x)).join(', ')}`,
  );
};
line('parseRows (messy rows), once', parseMs);
line('parseRows (messy rows), back to back', parseBackToBackMs);
line('parseRows (canonical rows), once', parseCanonicalMs);
line('canonicalSchema(problems).safeParse, kept, once', zodMs);
line('  the same, back to back', zodBackToBackMs);
line('canonicalSchema(problems).safeParse, dropped, once', zodDroppedMs);
console.log('');

const ratio = (a: number[], b: number[]) => median(a) / median(b);
const per100k = (ms: number[]) => (median(ms) * 100_000) / N;
const scaled = N === 100_000 ? '' : ' (scaled)';
const goals = [
  ['once', parseMs, zodMs],
  ['back to back', parseBackToBackMs, zodBackToBackMs],
] as const;
console.log(`${'goal'.padEnd(46)} ${'wall'.padStart(16)} ${'CPU'.padStart(16)}`);
for (const [how, parse, zod] of goals) {
  const row = (goal: string, wall: number, cpu: number, met: (x: number) => boolean, show: (x: number) => string) => {
    const cell = (x: number) => `${show(x)} ${met(x) ? 'met' : 'MISSED'}`.padStart(16);
    console.log(`${goal.padEnd(46)} ${cell(wall)} ${cell(cpu)}`);
  };
  row(
    `ratio parse / zod (kept) ≤ 2, ${how}`,
    ratio(parse.wall, zod.wall),
    ratio(parse.cpu, zod.cpu),
    (x) => x <= 2,
    (x) => fmt(x, 2),
  );
  row(
    `parse of 100,000 rows < 1 s${scaled}, ${how}`,
    per100k(parse.wall),
    per100k(parse.cpu),
    (x) => x < 1000,
    (x) => `${fmt(x)} ms`,
  );
}
console.log(
  `(ratio against zod with its results dropped, once: wall ${fmt(ratio(parseMs.wall, zodDroppedMs.wall), 2)}, CPU ${fmt(ratio(parseMs.cpu, zodDroppedMs.cpu), 2)})`,
);

// Node delivers the GC entries after the synchronous timings above: their share comes last.
setTimeout(() => {
  const paused = (t: Timing) => median(t.windows.map(([a, b]) => gcPauses.filter((p) => p.start >= a && p.start < b).reduce((sum, p) => sum + p.duration, 0)));
  const timings = [
    ['parseRows (messy rows), once', parseMs],
    ['parseRows (messy rows), back to back', parseBackToBackMs],
    ['safeParse, kept, once', zodMs],
    ['safeParse, kept, back to back', zodBackToBackMs],
  ] as const;
  for (const [label, t] of timings) {
    const ms = paused(t);
    console.log(`garbage collector's pauses in ${label}: ${fmt(ms)} ms a run (${fmt((100 * ms) / median(t.wall))} % of its wall time)`);
  }
}, 100);
// Figures, not a test (scripts/bench.mjs): a missed goal is printed above, not an exit code.
