// The add-in's check (校验) of a large sheet on the Excel simulator, next to the ledger's
// parser alone on the same rows, in one run (npx tsx bench/check.bench.ts [rows], default
// 100,000).
//
// The sheet is a ledger sheet made by 新建台账表 with the rows typed in, as in
// bench/addin.bench.ts, each text a string of its own as Excel's answers carry them (parsed
// off the wire): a text built by joining strings is a rope in V8, read several times slower
// character by character, which made the simulator's metering of every answer cost as much as
// the parser. Timed, each a median of 5:
// - check of new rows: rows without keys, as typed or pasted in; a check keys only the rows
//   it marks (docs/sheet-layout.md#a-check), so these get none;
// - check of pushed rows: each row with the id, version, 已同步, key and fingerprint a push
//   leaves (typed in), found unchanged;
// - parser alone: parseRows on the very records the check hands it (read from the sheet the
//   way the add-in reads them), all at once, just before each check.
// Each check is split into the time spent inside the simulator's syncs (the test double
// answering, in place of Excel) and the rest: the add-in's own work and the queuing of its
// commands. What the add-in asks of Excel is the request and answer bytes, as metered.
//
// The code runs as the pane runs it: bundled by esbuild into one file (scripts/build-addin.mjs
// bundles the pane the same way), the parser in the same bundle. Run through a module loader
// instead, every call from one file into another passes a getter the pane never has.
//
// Goal: a check takes at most 3 × the parser's time (judged on wall time; the ratio of CPU
// times is printed beside it, steadier when other processes share the machine).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { formatRowId, parseRows, problems, SYNC_STATES } from '@taizhang/ledger';
import { fingerprint, rowKeyMaker } from '@taizhang/client';
import { check, createLedgerSheet, findLayout, rowsOf, type ExcelHost } from '@taizhang/addin';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemRow, rowsRange } from '../tests/support/addinRows';
import { officeRuntimeHost } from '../tests/support/officeRuntime';

const N = Number(process.argv[2] ?? 100_000);
const TODAY = '2024-06-01';
const GOAL = 3;
/** Checks of each sheet, each paired with a run of the parser. */
const RUNS = Number(process.env.BENCH_CHECK_RUNS ?? 5);
/** Checks of the pushed rows through the real office.js runtime, each paired with a run of the parser. */
const OFFICE = Number(process.env.BENCH_CHECK_OFFICE ?? 3);

// A full garbage collection before each timed run: neither the parser nor a check pays for
// the garbage of what ran before it (a sheet of 100,000 rows typed in, the run before).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The simulator as the host, with the time spent inside its syncs tallied. */
function timedHost(excel: SimulatedExcel): { host: ExcelHost; simMs: () => number } {
  let ms = 0;
  const host: ExcelHost = {
    isSetSupported: (name, version) => excel.isSetSupported(name, version),
    run: (batch) =>
      excel.run(async (ctx) => {
        const sync = ctx.sync.bind(ctx);
        ctx.sync = (async (v?: unknown) => {
          const t = performance.now();
          try {
            return await sync(v);
          } finally {
            ms += performance.now() - t;
          }
        }) as typeof ctx.sync;
        return batch(ctx);
      }),
  };
  return { host, simMs: () => ms };
}

interface Timed {
  ms: number;
  cpuMs: number;
  simMs: number;
  syncs: number;
  /** Rows the check found new or changed. */
  toPush: number;
  request: number;
  answer: number;
}

/** CPU milliseconds of the process (all its threads) so far: steadier than wall time on a shared machine. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timeCheck(excel: SimulatedExcel, sheet: string): Promise<Timed> {
  const { host, simMs } = timedHost(excel);
  excel.resetStats();
  collectGarbage();
  const t = performance.now();
  const cpu = cpuNow();
  const c = await check(host, { today: TODAY, sheet });
  const ms = performance.now() - t;
  const cpuMs = cpuNow() - cpu;
  if (c.rows !== N || c.invalid !== 0) throw new Error(`check saw ${c.rows} rows, ${c.invalid} invalid`);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { ms, cpuMs, simMs: simMs(), syncs: c.stats.syncs, toPush: c.toPush, request: sum(excel.stats.requests), answer: sum(excel.stats.answers) };
}

async function main(): Promise<void> {
  const excel = createSimulatedExcel();
  const sectors = ['农业', '建筑业', '文化旅游', '批零住餐'];
  const typed = Array.from({ length: N }, (_, i) =>
    problemRow({
      targetName: `企业${i}`,
      sector: sectors[i % 4],
      description: `第 ${i} 个问题：企业反映用工紧张，需要协调招聘会`,
      foundOn: i % 2 ? '2022/3/24' : 44644,
    }),
  );
  /** A new ledger sheet with the rows typed in. */
  const typedSheet = async (): Promise<string> => {
    const { sheet } = await createLedgerSheet(excel, 'problems', { today: TODAY });
    excel.sheet(sheet).type(rowsRange(problems, 2, N + 1), JSON.parse(JSON.stringify(typed)) as typeof typed);
    return sheet;
  };
  const fresh = await typedSheet();

  // The records the check hands the parser: the sheet's values, read as the add-in reads them.
  const used = excel.sheet(fresh).usedAddress(true)!;
  const values = excel.sheet(fresh).values(used.slice(used.indexOf('!') + 1));
  const area = { row: 0, col: 0, rows: values.length, cols: values[0]!.length };
  const layout = findLayout(values.slice(0, 10), area, excel.date1904, 'problems')!;
  const raws = rowsOf(layout, values, 0, 0).map((r) => r.raw);
  if (raws.length !== N) throw new Error(`read ${raws.length} rows`);

  // The same rows as a push leaves them: id, version, 已同步, key and the fingerprint of the
  // stored values, so that a check finds each unchanged by its fingerprint.
  const pushed = await typedSheet();
  const key = rowKeyMaker();
  const system = parseRows(problems, raws, { today: TODAY }).map(({ values }, i) => [
    formatRowId(problems, '榆次区', 2024, i + 1),
    1,
    SYNC_STATES.synced.zh,
    key(),
    fingerprint(problems, values),
  ]);
  excel.sheet(pushed).type(`${colOf(problems, '_id')}2:${colOf(problems, '_hash')}${N + 1}`, JSON.parse(JSON.stringify(system)) as (string | number)[][]);

  // Each check is paired with a run of the parser just before it, and judged by the ratio of
  // the pair: the machine's speed drifts less within a pair than over the whole run.
  const timeParser = (): { ms: number; cpuMs: number } => {
    collectGarbage();
    const t = performance.now();
    const cpu = cpuNow();
    parseRows(problems, raws, { today: TODAY });
    return { ms: performance.now() - t, cpuMs: cpuNow() - cpu };
  };
  timeParser(); // warm-up
  const timePairs = async (sheet: string) => {
    const out: { parser: { ms: number; cpuMs: number }; check: Timed }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const parser = timeParser();
      out.push({ parser, check: await timeCheck(excel, sheet) });
    }
    return out;
  };
  const newPairs = await timePairs(fresh);
  const pairs = await timePairs(pushed);
  if (newPairs[0]!.check.toPush !== N || pairs[0]!.check.toPush !== 0) throw new Error('the pushed rows were not found unchanged');

  // The check of the pushed rows through the real office.js runtime (tests/support/officeRuntime.ts):
  // office.js queues the commands, builds each request and takes each answer apart, as in a
  // real pane; only the simulator's replay of a request stands in for Excel. Time outside the
  // replay is the add-in's and office.js's: the pane's own share of a check.
  let replayMs = 0;
  const replaying = {
    isSetSupported: (name: string, version: string) => excel.isSetSupported(name, version),
    run: async (batch: (ctx: Excel.RequestContext) => Promise<unknown>) => {
      const t = performance.now();
      try {
        return await excel.run(batch);
      } finally {
        replayMs += performance.now() - t;
      }
    },
  } as unknown as SimulatedExcel;
  const office = officeRuntimeHost(replaying);
  const officePairs: { parser: { ms: number; cpuMs: number }; ms: number; cpuMs: number; excelMs: number }[] = [];
  for (let i = 0; i < OFFICE; i++) {
    const parser = timeParser();
    replayMs = 0;
    collectGarbage();
    const t = performance.now();
    const cpu = cpuNow();
    const c = await check(office, { today: TODAY, sheet: pushed });
    if (c.rows !== N || c.invalid !== 0) throw new Error(`check saw ${c.rows} rows, ${c.invalid} invalid`);
    officePairs.push({ parser, ms: performance.now() - t, cpuMs: cpuNow() - cpu, excelMs: replayMs });
  }

  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  const ratio = (x: number) => `${x.toFixed(1).padStart(5)}×`;
  const line = (name: string, ps: typeof pairs): number => {
    const m = (f: (p: (typeof pairs)[number]) => number) => median(ps.map(f));
    const total = m((p) => p.check.ms / p.parser.ms);
    console.log(
      `${name.padEnd(27)} ${m((p) => p.check.ms)
        .toFixed(0)
        .padStart(7)} ${m((p) => p.check.cpuMs)
        .toFixed(0)
        .padStart(7)} ` +
        `${m((p) => p.check.simMs)
          .toFixed(0)
          .padStart(9)} ${m((p) => p.check.ms - p.check.simMs)
          .toFixed(0)
          .padStart(7)} ` +
        `${m((p) => p.parser.ms)
          .toFixed(0)
          .padStart(7)} ${String(ps[0]!.check.syncs).padStart(5)} ${mb(ps[0]!.check.request).padStart(7)} ${mb(ps[0]!.check.answer).padStart(8)}  ` +
        `${ratio(total)} ${ratio(m((p) => (p.check.ms - p.check.simMs) / p.parser.ms))} ${ratio(m((p) => p.check.cpuMs / p.parser.cpuMs))}   ${total <= GOAL ? 'ok' : 'MISSED'}`,
    );
    return total;
  };
  console.log(
    `${String(N).padEnd(6)} rows                ms wall  ms cpu simulator  add-in  parser syncs request   answer   ÷ parser: wall add-in   cpu  (goal ≤ ${GOAL}×, wall)`,
  );
  const first = line(`check, new rows (med. ${RUNS})`, newPairs);
  const again = line(`check, pushed rows (med. ${RUNS})`, pairs);
  if (officePairs.length > 0) {
    const m = (f: (p: (typeof officePairs)[number]) => number) => median(officePairs.map(f));
    const own = m((p) => (p.ms - p.excelMs) / p.parser.ms);
    console.log(
      `${`pushed, office.js (med. of ${OFFICE})`.padEnd(27)} ${m((p) => p.ms)
        .toFixed(0)
        .padStart(7)} ${m((p) => p.cpuMs)
        .toFixed(0)
        .padStart(7)} ` +
        `${m((p) => p.excelMs)
          .toFixed(0)
          .padStart(9)} ${m((p) => p.ms - p.excelMs)
          .toFixed(0)
          .padStart(7)} ${m((p) => p.parser.ms)
          .toFixed(0)
          .padStart(7)} ` +
        `${String(office.exchanges.length / OFFICE).padStart(5)} ${mb(office.exchanges.reduce((a, x) => a + x.requestBytes, 0) / OFFICE).padStart(7)} ${mb(office.exchanges.reduce((a, x) => a + x.answerBytes, 0) / OFFICE).padStart(8)}  ` +
        `${ratio(m((p) => p.ms / p.parser.ms))} ${ratio(own)}          ${own <= GOAL ? 'ok' : 'MISSED'} (add-in + office.js)`,
    );
  }
  const verdict = (x: number) => `${x.toFixed(1)}× ${x <= GOAL ? 'ok' : 'MISSED'}`;
  console.log(`goal, each check ≤ ${GOAL}× the parser (wall): new rows ${verdict(first)}; pushed rows ${verdict(again)}`);
  console.log('simulator: time inside its syncs (the test double answering in place of Excel); add-in: the rest (the engine, and');
  console.log('the queuing of its commands); parser: parseRows alone on the same rows, run just before each check. On the office.js');
  console.log("line the simulator column is its replay of office.js's requests (Excel's part); add-in is the rest: the engine and office.js.");
}

/** Bundles this file as the pane's code is bundled and runs the bundle, passing the arguments on. */
async function runBundled(): Promise<void> {
  // Inside node_modules, so that the bundle finds the packages it leaves out (office.js's runtime file).
  const out = path.resolve(__dirname, '..', 'node_modules', '.cache', 'taizhang-bench', 'check.bench.cjs');
  await build({
    entryPoints: [__filename],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['esbuild', '@microsoft/office-js/*'],
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TAIZHANG_BENCH_BUNDLED: '1' } });
  process.exitCode = run.status ?? 1;
}

(process.env.TAIZHANG_BENCH_BUNDLED ? main() : runBundled()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
