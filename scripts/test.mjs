#!/usr/bin/env node
// `npm test`: typecheck, lint, unit tests, the emulator tests inside real emulators, then the
// built task pane in headless Chromium against real emulators.
//
//   node scripts/test.mjs                       all five steps
//   node scripts/test.mjs unit emulator         only the named steps (typecheck | lint | unit | emulator | browser)
//   node scripts/test.mjs --bail                stop at the first failing step
//   node scripts/test.mjs --loud                jest's verbose reporter, and the emulators' output on the console
//   node scripts/test.mjs emulator -- -t profile   arguments after `--` go to every jest run
//
// Every step runs even when an earlier one failed (unless --bail), so one run shows
// everything that is broken; the exit code is non-zero if any step failed.
//
// Quiet by default, so that a run fits on a screen: each step prints its name, its failures
// (with what the failing tests wrote to the console) and its counts. The emulators' own
// output goes to tests/output/emulators-<step>.log, whose last lines are printed when that
// step fails. The last line sums every step: "N passed, N failed" (", N skipped" when some
// were), the line CI reads.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
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
const STEPS = ['typecheck', 'lint', 'unit', 'emulator', 'browser'];
const BIOME = require.resolve('@biomejs/biome/bin/biome');

/** True when dir holds a *.test.ts(x) file at any depth. */
function hasTests(dir) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() ? hasTests(path.join(dir, entry.name)) : /\.test\.tsx?$/.test(entry.name)) return true;
  }
  return false;
}

/** Runs node <args> with inherited stdio; resolves with the exit code. Ctrl-C reaches it directly. */
function runNode(args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function shQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const OUTPUT = path.join(ROOT, 'tests', 'output');
/** Where each step leaves its counts (jest's --json fields), for the closing count. */
const resultFile = (step) => path.join(OUTPUT, `${step}.json`);
/** The emulators' own output during a step (quiet mode). */
const emulatorLog = (step) => path.join(OUTPUT, `emulators-${step}.log`);
/** What the command run inside the emulators printed (quiet mode), shown on the console as it comes. */
const commandLog = (step) => path.join(OUTPUT, `${step}.out`);
const REPORTERS = path.join(ROOT, 'scripts', 'jest');
const TAIL_LINES = 40;

function jestArgs(project, extra, loud) {
  rmSync(resultFile(project), { force: true });
  mkdirSync(OUTPUT, { recursive: true });
  process.env.TAIZHANG_TEST_COUNTS = resultFile(project); // read by the counts reporter, here or inside the emulators
  const reporter = loud ? 'default' : path.join(REPORTERS, 'quiet-reporter.cjs');
  const args = ['--selectProjects', project, `--reporters=${reporter}`, `--reporters=${path.join(REPORTERS, 'counts-reporter.cjs')}`];
  // Quiet: each file's console output is collected with its results (jest would write it straight out
  // when it runs one file) and shown for a file that fails only. Loud: every test and its output as
  // it runs. Either way a flag with one value ends the list flags above, which would take the
  // test paths after them for reporters.
  args.push(`--verbose=${loud}`);
  if (!hasTests(path.join(ROOT, 'tests', project))) args.push('--passWithNoTests');
  return [...args, ...extra];
}

/** Copies what is appended to `file` to stdout until the returned function is called (and awaited). */
function follow(file) {
  let position = 0;
  const buffer = Buffer.alloc(64 * 1024);
  const drain = () => {
    if (!existsSync(file)) return;
    const fd = openSync(file, 'r');
    try {
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, position)) > 0; position += n) process.stdout.write(buffer.subarray(0, n));
    } finally {
      closeSync(fd);
    }
  };
  const timer = setInterval(drain, 250);
  return () => {
    clearInterval(timer);
    drain();
  };
}

/** The last lines of a log, for a step that failed. */
function printTail(file) {
  if (!existsSync(file) || statSync(file).size === 0) return;
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const rel = path.relative(ROOT, file);
  console.log(`\n── the last ${Math.min(TAIL_LINES, lines.length)} of ${lines.length} lines of ${rel} ──`);
  console.log(lines.slice(-TAIL_LINES).join('\n'));
  console.log(`── (all of it: ${rel}) ──`);
}

/**
 * Runs `node <args>` inside fresh emulators. Quiet: the emulators' output goes to their log,
 * the command's own output to a file that is followed on the console (the emulators share
 * its stdout otherwise); the log's tail is printed if the step fails.
 */
async function inEmulators(step, args, loud) {
  const command = [process.execPath, ...args].map(shQuote).join(' ');
  if (loud) return emulatorsExec(command);
  const out = commandLog(step);
  mkdirSync(OUTPUT, { recursive: true });
  rmSync(out, { force: true });
  const stop = follow(out);
  let code;
  try {
    code = await emulatorsExec(`${command} > ${shQuote(out)} 2>&1`, { log: emulatorLog(step) });
  } finally {
    stop();
  }
  if (code !== 0) printTail(emulatorLog(step));
  return code;
}

const steps = {
  typecheck: () => runNode([TSC, '-p', 'tsconfig.json', '--noEmit']),
  // Biome (biome.json): the lint rules that catch bugs, and the code's one format (`npm run format` writes it).
  lint: () => runNode([BIOME, 'check', '--max-diagnostics=50', '.']),
  unit: (extra, loud) => runNode([JEST, ...jestArgs('unit', extra, loud)]),
  // emulators:exec runs the command through a shell; inEmulators quotes every word.
  emulator: (extra, loud) => inEmulators('emulator', [JEST, ...jestArgs('emulator', ['--runInBand', ...extra], loud)], loud),
  // The built pane in headless Chromium against the real emulators (tests/browser/run.mjs).
  browser: (_extra, loud) => {
    rmSync(resultFile('browser'), { force: true });
    if (!ensureChromium('test')) return 1;
    return inEmulators('browser', [path.join(ROOT, 'tests', 'browser', 'run.mjs')], loud);
  },
};

async function main(argv) {
  const dashdash = argv.indexOf('--');
  const own = dashdash === -1 ? argv : argv.slice(0, dashdash);
  const extra = dashdash === -1 ? [] : argv.slice(dashdash + 1);
  const bail = own.includes('--bail');
  const loud = own.includes('--loud');
  const names = own.filter((a) => a !== '--bail' && a !== '--loud');
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
      code = await steps[name](extra, loud);
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
  // One plain closing line over every step, the form CI reads: "N passed, N failed".
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const r of results) {
    if (!existsSync(resultFile(r.name))) {
      if (r.code !== 0) failed++; // a step with no test counts (typecheck, or one that could not start) counts as one
      continue;
    }
    const j = JSON.parse(readFileSync(resultFile(r.name), 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0);
    skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    // A step that failed with every counted test passing (jest refused to start, the browser
    // run threw before its first check…) is a failure all the same.
    if (r.code !== 0 && j.numFailedTests + (j.numRuntimeErrorTestSuites ?? 0) === 0) failed++;
  }
  const ok = results.every((r) => r.code === 0);
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UserError ? err.message : err);
    process.exit(1);
  },
);
