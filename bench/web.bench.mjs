// Web page benchmark (issue 21): the JavaScript the page loads before a file is chosen, gzipped
// (goal ≤ 300 KB; the workbook library is a chunk of its own, fetched when a file is chosen),
// and the browser's share of check + push of a 10,000-row workbook in headless Chromium (read,
// check and plan, push through the client core against the in-memory fake server, answers
// written back, the file made again; the server's share is bench/store.emulator.bench.ts's).

import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { buildAddin } from '../scripts/build-addin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests', 'output', 'bench-web');
const ROWS = 10_000;
const RUNS = 3;
const TODAY = '2024-06-30';

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const gz = (b) => gzipSync(b, { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function firstLoad() {
  const out = path.join(OUT, 'prod');
  const { webFirstLoad, metafiles } = await buildAddin({
    prod: true,
    out,
    config: { apiKey: 'bench', projectId: 'bench', region: 'asia-east2', emulator: false },
  });
  let raw = 0;
  let zipped = 0;
  for (const f of webFirstLoad) {
    const b = await readFile(f);
    raw += b.length;
    zipped += gz(b);
  }
  const lazy = Object.entries(metafiles.web.outputs).filter(
    ([f, o]) => f.endsWith('.js') && Object.keys(o.inputs).some((i) => i.includes('node_modules/exceljs/')),
  );
  let lazyZipped = 0;
  for (const [f] of lazy) lazyZipped += gz(await readFile(path.join(ROOT, f)));
  const paneExceljs = Object.values(metafiles.pane.outputs).some((o) => Object.keys(o.inputs).some((i) => i.includes('node_modules/exceljs/')));
  return { files: webFirstLoad.length, raw, zipped, lazyZipped, paneExceljs };
}

async function workbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow([
    '县（区、市）',
    '服务类型',
    '服务对象',
    '工作组',
    '行业专班',
    '问题类别',
    '问题描述',
    '发现日期',
    '解决层级',
    '责任单位',
    '办结时限',
    '办理状态',
    '备注',
  ]);
  ws.getRow(1).font = { bold: true };
  for (let i = 0; i < ROWS; i++) {
    ws.addRow([
      '榆次区',
      '入企',
      `榆次区第${i + 1}号企业有限公司`,
      '榆次区入企服务第1组',
      '工业和信息软件服务业',
      '政策落实',
      `企业反映第${i + 1}项政策申报需要指导，已记录并协调相关部门`,
      new Date('2024-03-05T00:00:00Z'),
      '协调解决',
      '市工信局',
      new Date('2024-07-31T00:00:00Z'),
      '办理中',
      i % 3 === 0 ? '已电话回访' : null,
    ]);
  }
  ws.getColumn(8).numFmt = 'yyyy-mm-dd';
  ws.getColumn(11).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function inChromium(bytes) {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'bench', 'web-page.entry.ts')],
    outfile: path.join(OUT, 'bench.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    logLevel: 'warning',
  });
  const js = await readFile(path.join(OUT, 'bench.js'));
  const server = http.createServer((req, res) => {
    if (req.url === '/bench.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
    else if (req.url === '/book.xlsx') res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(bytes);
    else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><script src="/bench.js"></script>');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage();
      await page.goto(url);
      runs.push(
        await page.evaluate(async (today) => {
          const b = new Uint8Array(await (await fetch('/book.xlsx')).arrayBuffer());
          return globalThis.__bench(b, today);
        }, TODAY),
      );
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  return runs;
}

async function main() {
  const f = await firstLoad();
  const bytes = await workbook();
  const runs = await inChromium(bytes);
  const m = (k) => median(runs.map((r) => r[k]));
  console.log('\nWeb page benchmark');
  console.log(
    `first-load JavaScript before a file is chosen (production, ${f.files} files)  ${kb(f.raw)}, gzipped ${kb(f.zipped)}  goal ≤ 300 KB  ${f.zipped <= 300 * 1024 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `workbook library, fetched when a file is chosen  gzipped ${kb(f.lazyZipped)}; in the pane's bundle: ${f.paneExceljs ? 'YES (should not be)' : 'no'}`,
  );
  console.log(
    `${ROWS.toLocaleString('en')}-row workbook (${kb(bytes.length)}) in headless Chromium, median of ${RUNS}: read + check ${m('checkMs').toFixed(0)} ms, push ${m('pushMs').toFixed(0)} ms, file made again ${m('writeMs').toFixed(0)} ms (rows ${runs[0].rows}, created ${runs[0].created})`,
  );
  console.log(
    `  runs (read + check / push / write, ms): ${runs.map((r) => `${r.checkMs.toFixed(0)}/${r.pushMs.toFixed(0)}/${r.writeMs.toFixed(0)}`).join(', ')}`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
