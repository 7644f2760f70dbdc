// Add-in benchmark (npx tsx bench/addin.bench.ts [rows…]): for 10,000 and 100,000 rows, the
// syncs and the largest request of check, push (a fast fake API answering like the server)
// and pull (fake API), on the Excel simulator with its 5 MB per-request limit; plus the
// engine's own time per row. Goals: syncs ≤ 3 + ⌈N / chunk⌉, every request under 5 MB, a
// 100,000-row pull completes.

import { parseRows, problems } from '@taizhang/ledger';
import { createApiClient, fingerprint } from '@taizhang/client';
import { check, createLedgerSheet, DEFAULT_CHUNK_ROWS, pull, push } from '@taizhang/addin';
import { MAX_ROWS_PER_CALL } from '@taizhang/client';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { problemRow, rowsRange } from '../tests/support/addinRows';
import { fakeServer } from '../tests/support/fakeApi';

const LIMIT = 5 * 1024 * 1024;
const TODAY = '2024-06-01';
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

interface Line {
  flow: string;
  n: number;
  syncs: number;
  goal: number;
  largest: number;
  ms: number;
}

async function run(n: number): Promise<Line[]> {
  const excel = createSimulatedExcel();
  const server = fakeServer({ today: TODAY });
  const api = createApiClient(server.transport, { retry: { sleep: async () => {} } });
  const opts = { today: TODAY, profile: server.profile };
  const { sheet } = await createLedgerSheet(excel, 'problems', opts);
  const sectors = ['农业', '建筑业', '文化旅游', '批零住餐'];
  excel.sheet(sheet).type(
    rowsRange(problems, 2, n + 1),
    Array.from({ length: n }, (_, i) =>
      problemRow({
        targetName: `企业${i}`,
        sector: sectors[i % 4],
        description: `第 ${i} 个问题：企业反映用工紧张，需要协调招聘会`,
        foundOn: i % 2 ? '2022/3/24' : 44644,
      }),
    ),
  );
  const lines: Line[] = [];
  const chunks = Math.ceil((n + 1) / DEFAULT_CHUNK_ROWS);

  excel.resetStats();
  let t = performance.now();
  const c = await check(excel, { ...opts, sheet });
  lines.push({ flow: 'check', n, syncs: c.stats.syncs, goal: 3 + chunks, largest: excel.stats.largestRequestBytes, ms: performance.now() - t });

  excel.resetStats();
  t = performance.now();
  const p = await push(excel, api, { ...opts, sheet });
  if (p.counts.created !== n) throw new Error(`push created ${p.counts.created} of ${n}`);
  lines.push({
    flow: 'push',
    n,
    syncs: p.stats.syncs,
    goal: 3 + Math.ceil(n / MAX_ROWS_PER_CALL),
    largest: excel.stats.largestRequestBytes,
    ms: performance.now() - t,
  });

  excel.resetStats();
  t = performance.now();
  const again = await push(excel, api, { ...opts, sheet });
  if (again.toSend !== 0) throw new Error(`second push sent ${again.toSend}`);
  lines.push({
    flow: 'push (nothing changed)',
    n,
    syncs: again.stats.syncs,
    goal: 3 + chunks,
    largest: excel.stats.largestRequestBytes,
    ms: performance.now() - t,
  });

  const fresh = createSimulatedExcel();
  t = performance.now();
  const pl = await pull(fresh, api, { ...opts, ledger: 'problems' });
  if (pl.rows !== n) throw new Error(`pull wrote ${pl.rows} of ${n}`);
  lines.push({ flow: 'pull', n, syncs: pl.stats.syncs, goal: 3 + chunks, largest: fresh.stats.largestRequestBytes, ms: performance.now() - t });
  // The engine's own work per row, without Excel or the API: parse, fingerprint, wire row.
  const raws = Array.from({ length: n }, (_, i) =>
    Object.fromEntries(problems.fields.map((f, j) => [f.key, problemRow({ targetName: `企业${i}` })[j]]).filter(([, v]) => v !== '')),
  );
  t = performance.now();
  const parsed = parseRows(problems, raws, { today: TODAY });
  for (const r of parsed) fingerprint(problems, r.values);
  lines.push({ flow: 'engine only (parse+hash)', n, syncs: 0, goal: 0, largest: 0, ms: performance.now() - t });
  return lines;
}

async function main(): Promise<void> {
  let ok = true;
  console.log('flow                     rows     syncs  goal   largest request   ms total   µs/row  ');
  for (const n of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    for (const l of await run(n)) {
      const pass = l.syncs <= l.goal && l.largest < LIMIT;
      ok &&= pass;
      console.log(
        `${l.flow.padEnd(24)} ${String(l.n).padStart(7)} ${String(l.syncs).padStart(7)} ${String(l.goal).padStart(5)} ` +
          `${(l.largest / 1e6).toFixed(2).padStart(10)} MB   ${l.ms.toFixed(0).padStart(8)}  ${((l.ms * 1000) / l.n).toFixed(0).padStart(7)}  ${pass ? 'ok' : 'MISSED'}`,
      );
    }
  }
  console.log(
    `goals: syncs ≤ 3 + ⌈N/${DEFAULT_CHUNK_ROWS}⌉ (check, unchanged push, pull), ≤ 3 + ⌈N/${MAX_ROWS_PER_CALL}⌉ (push); every request < 5 MB; 100,000-row pull completes`,
  );
  console.log('(time per row includes the simulator and the fake API; the engine itself is a part of it)');
  if (!ok) process.exitCode = 1;
}

void main();
