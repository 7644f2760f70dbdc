// Pane benchmark (issue #5): the first-load JavaScript of the production build, gzipped
// (goal ≤ 300 KB), and the time from opening the page to an interactive sign-in form in
// headless Chromium (the page on the Excel simulator, served by the dev server).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { buildAddin } from '../scripts/build-addin.mjs';
import { startDevServer } from '../scripts/addin-dev-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests', 'output', 'bench-pane');
const RUNS = 7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const prodOut = path.join(OUT, 'prod');
  await buildAddin({ prod: true, out: prodOut, config: { apiKey: 'bench', projectId: 'bench', region: 'asia-east2', emulator: false } });
  const js = await readFile(path.join(prodOut, 'taskpane.js'));
  const gz = gzipSync(js, { level: 9 }).length;

  const hostOut = path.join(OUT, 'host');
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'tests', 'browser', 'office-sim.ts')],
    outfile: path.join(hostOut, 'office-sim.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'warning',
  });
  await buildAddin({ out: hostOut, officeJs: 'office-sim.js' });
  const dev = await startDevServer({ port: 0, dist: hostOut });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(`${dev.url}/taskpane.html`);
      await page.getByRole('button', { name: '登录' }).waitFor();
      times.push(performance.now() - t);
      await context.close();
    }
  } finally {
    await browser.close();
    await dev.close();
  }
  const t = median(times.slice(1)); // the first run also warms the server and the browser
  console.log('\nPane benchmark');
  console.log(
    `first-load JavaScript (production, minified)  ${(js.length / 1024).toFixed(0)} KB, gzipped ${(gz / 1024).toFixed(0)} KB  goal ≤ 300 KB  ${gz <= 300 * 1024 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `open → interactive sign-in (headless Chromium, median of ${RUNS - 1})  ${t.toFixed(0)} ms   runs: ${times.map((x) => x.toFixed(0)).join(', ')} ms`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
