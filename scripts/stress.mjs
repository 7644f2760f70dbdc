#!/usr/bin/env node
// `npm run test:stress`: the adversarial suite (tests/emulator/adversarial-*) at full size
// (TAIZHANG_STRESS=1) inside fresh emulators, then every scenario's figures as one table, and
// one line per finding of the security review (issue 16): every test whose name starts with
// `finding N:`, in the adversarial suite or in tests/unit/security, passed or failed.
//
//   node scripts/stress.mjs                 every scenario
//   node scripts/stress.mjs -- -t restart   arguments after `--` go to jest
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './prerequisites.mjs';

ensureInstalled('test:stress');
const { exec: emulatorsExec, UserError } = await import('./emulators.mjs');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.join(ROOT, 'tests', 'output');
const FIGURES = path.join(OUTPUT, 'figures');
/** jest's JSON results of the two runs, read for the findings. */
const RESULTS = { emulator: path.join(OUTPUT, 'stress.json'), unit: path.join(OUTPUT, 'stress-unit.json') };
/** Pure tests of the security findings (no emulator needed), when the folder exists. */
const UNIT_SECURITY = path.join('tests', 'unit', 'security');
const FINDING = /^finding (\d+):/;
const JEST = createRequire(import.meta.url).resolve('jest/bin/jest');

const shQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function printFigures() {
  if (!existsSync(FIGURES)) return;
  console.log('\n━━ figures ━━');
  for (const file of readdirSync(FIGURES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const { scenario, figures } = JSON.parse(readFileSync(path.join(FIGURES, file), 'utf8'));
    console.log(`\n${scenario}`);
    for (const [name, value] of Object.entries(figures)) {
      const shown =
        typeof value === 'object'
          ? Object.entries(value)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || '—'
          : value;
      console.log(`  ${name.padEnd(24)} ${shown}`);
    }
  }
}

/** Every test named `finding N: …` in jest's JSON results: its number, title and status. */
function findingResults(results) {
  const out = [];
  for (const file of results?.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      const m = FINDING.exec(t.title ?? '');
      if (m) out.push({ n: Number(m[1]), title: t.title, status: t.status });
    }
  }
  return out;
}

/** One line per finding test, by finding number: `finding N  passed|failed  <title>`. */
function findingLines(tests) {
  return [...tests]
    .sort((a, b) => a.n - b.n || a.title.localeCompare(b.title))
    .map((t) => `finding ${t.n}  ${t.status === 'passed' ? 'passed' : 'failed'}  ${t.title.replace(FINDING, '').trim()}`);
}

function printFindings() {
  const tests = Object.values(RESULTS)
    .filter((f) => existsSync(f))
    .flatMap((f) => findingResults(JSON.parse(readFileSync(f, 'utf8'))));
  if (tests.length === 0) return;
  console.log('\n━━ security findings (issue 16) ━━');
  for (const line of findingLines(tests)) console.log(line);
}

function runUnitSecurity(extra) {
  if (!existsSync(path.join(ROOT, UNIT_SECURITY))) return 0;
  const args = [JEST, '--selectProjects', 'unit', '--json', `--outputFile=${RESULTS.unit}`, UNIT_SECURITY, ...extra.filter((a) => a !== '--runInBand')];
  return spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

async function main(argv) {
  const dash = argv.indexOf('--');
  const extra = dash === -1 ? [] : argv.slice(dash + 1);
  rmSync(FIGURES, { recursive: true, force: true });
  for (const f of Object.values(RESULTS)) rmSync(f, { force: true });
  mkdirSync(OUTPUT, { recursive: true });
  process.env.TAIZHANG_STRESS = '1';
  const jest = [
    process.execPath,
    JEST,
    '--selectProjects',
    'emulator',
    '--runInBand',
    '--testTimeout=1800000',
    '--json',
    `--outputFile=${RESULTS.emulator}`,
    'tests/emulator/adversarial-',
    ...extra,
  ];
  const code = await emulatorsExec(jest.map(shQuote).join(' '));
  const unitCode = runUnitSecurity(extra);
  printFigures();
  printFindings();
  return code || unitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UserError ? err.message : err);
    process.exit(1);
  },
);
