#!/usr/bin/env node
// `npm test`: typecheck, unit tests, the emulator tests inside real emulators, then the
// built task pane in headless Chromium against real emulators.
//
//   node scripts/test.mjs                       all four steps
//   node scripts/test.mjs unit emulator         only the named steps (typecheck | unit | emulator | browser)
//   node scripts/test.mjs --bail                stop at the first failing step
//   node scripts/test.mjs emulator -- -t profile   arguments after `--` go to every jest run
//
// Every step runs even when an earlier one failed (unless --bail), so one run shows
// everything that is broken; the exit code is non-zero if any step failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureInstalled } from './prerequisites.mjs';

ensureInstalled('test');
const { exec: emulatorsExec, UserError } = await import('./emulators.mjs');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');
const JEST = require.resolve('jest/bin/jest');
const STEPS = ['typecheck', 'unit', 'emulator', 'browser'];

/** True when dir holds a *.test.ts(x) file at any depth. */
function hasTests(dir) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() ? hasTests(path.join(dir, entry.name)) : /\.test\.tsx?$/.test(entry.name)) return true;
  }
  return false;
}

/** Runs node <args> with inherited stdio; resolves with the exit code. Ctrl-C reaches it directly. */
function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function shQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Where each step leaves its counts (jest's --json fields), for the closing count. */
const resultFile = (step) => path.join(ROOT, 'tests', 'output', `${step}.json`);

function jestArgs(project, extra) {
  rmSync(resultFile(project), { force: true });
  mkdirSync(path.dirname(resultFile(project)), { recursive: true });
  const args = ['--selectProjects', project, '--json', `--outputFile=${resultFile(project)}`];
  if (!hasTests(path.join(ROOT, 'tests', project))) args.push('--passWithNoTests');
  return [...args, ...extra];
}

const steps = {
  typecheck: () => runNode([TSC, '-p', 'tsconfig.json', '--noEmit']),
  unit: (extra) => runNode([JEST, ...jestArgs('unit', extra)]),
  // emulators:exec runs the command through a shell; quote every word.
  emulator: (extra) =>
    emulatorsExec([process.execPath, JEST, ...jestArgs('emulator', ['--runInBand', ...extra])].map(shQuote).join(' ')),
  // The built pane in headless Chromium against the real emulators (tests/browser/run.mjs).
  browser: () => {
    rmSync(resultFile('browser'), { force: true });
    if (!ensureChromium('test')) return 1;
    return emulatorsExec([process.execPath, path.join(ROOT, 'tests', 'browser', 'run.mjs')].map(shQuote).join(' '));
  },
};

async function main(argv) {
  const dashdash = argv.indexOf('--');
  const own = dashdash === -1 ? argv : argv.slice(0, dashdash);
  const extra = dashdash === -1 ? [] : argv.slice(dashdash + 1);
  const bail = own.includes('--bail');
  const names = own.filter((a) => a !== '--bail');
  for (const n of names) {
    if (!STEPS.includes(n)) throw new UserError(`unknown step "${n}"; steps: ${STEPS.join(', ')}`);
  }
  const selected = names.length > 0 ? STEPS.filter((s) => names.includes(s)) : STEPS;

  const results = [];
  for (const name of selected) {
    console.log(`\n━━ ${name} ━━`);
    const started = Date.now();
    let code;
    try {
      code = await steps[name](extra);
    } catch (err) {
      console.error(err instanceof UserError ? err.message : err);
      code = 1;
    }
    results.push({ name, code, seconds: (Date.now() - started) / 1000 });
    if (code !== 0 && bail) break;
  }

  console.log('\n━━ summary ━━');
  for (const r of results) {
    console.log(`${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name.padEnd(9)}  ${r.seconds.toFixed(1)} s`);
  }
  // One plain closing line over every jest step, the form CI reads: "N passed, N failed".
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    if (!existsSync(resultFile(r.name))) {
      if (r.code !== 0) failed++; // a step with no jest results (typecheck) counts as one
      continue;
    }
    const j = JSON.parse(readFileSync(resultFile(r.name), 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
  }
  const ok = results.every((r) => r.code === 0);
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UserError ? err.message : err);
    process.exit(1);
  },
);
