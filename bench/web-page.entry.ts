// Bundled for headless Chromium by bench/web.bench.mjs: the web page's own work on a chosen
// file — read, check and plan, push through the client core, answers written back, the file
// made again — against the in-memory fake server, so the figure is the browser's share alone.
import { createApiClient } from '@taizhang/client';
import * as xlsx from '@taizhang/client/xlsx';
import { LedgerFile } from '@taizhang/addin/web';
import { fakeServer } from '../tests/support/fakeApi';

async function run(bytes: Uint8Array, today: string) {
  const server = fakeServer({ today, profile: { uid: 'b1', email: 'clerk@bench.test', role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } });
  const api = createApiClient(server.transport, { retry: { baseDelayMs: 1 } });
  let n = 0;
  const t0 = performance.now();
  const file = await LedgerFile.open(bytes, 'bench.xlsx', { today, newKey: () => `bench-${++n}`, xlsx });
  const t1 = performance.now();
  const { tally } = await file.push(api);
  const t2 = performance.now();
  const out = await file.bytes();
  const t3 = performance.now();
  return { rows: file.plan.report.rows, created: tally.counts.created ?? 0, checkMs: t1 - t0, pushMs: t2 - t1, writeMs: t3 - t2, outBytes: out.length };
}

(globalThis as unknown as { __bench: typeof run }).__bench = run;
