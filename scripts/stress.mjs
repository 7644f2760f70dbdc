#!/usr/bin/env node
// `npm run test:stress`: the adversarial suite (tests/emulator/adversarial-*) at full size
// (TAIZHANG_STRESS=1) inside fresh emulators, then every scenario's figures as one table.
//
//   node scripts/stress.mjs                 every scenario
//   node scripts/stress.mjs -- -t restart   arguments after `--` go to jest
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from './prerequisites.mjs';

ensureInstalled('test:stress');
const { exec: emulatorsExec, UserError } = await import('./emulators.mjs');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIGURES = path.join(ROOT, 'tests', 'output', 'figures');
const JEST = createRequire(import.meta.url).resolve('jest/bin/jest');

const shQuote = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function printFigures() {
  if (!existsSync(FIGURES)) return;
  console.log('\n━━ figures ━━');
  for (const file of readdirSync(FIGURES).filter((f) => f.endsWith('.json')).sort()) {
    const { scenario, figures } = JSON.parse(readFileSync(path.join(FIGURES, file), 'utf8'));
    console.log(`\n${scenario}`);
    for (const [name, value] of Object.entries(figures)) {
      const shown = typeof value === 'object' ? Object.entries(value).map(([k, v]) => `${k} ${v}`).join(', ') || '—' : value;
      console.log(`  ${name.padEnd(24)} ${shown}`);
    }
  }
}

async function main(argv) {
  const dash = argv.indexOf('--');
  const extra = dash === -1 ? [] : argv.slice(dash + 1);
  rmSync(FIGURES, { recursive: true, force: true });
  process.env.TAIZHANG_STRESS = '1';
  const jest = [process.execPath, JEST, '--selectProjects', 'emulator', '--runInBand', '--testTimeout=1800000', 'tests/emulator/adversarial-', ...extra];
  const code = await emulatorsExec(jest.map(shQuote).join(' '));
  printFigures();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof UserError ? err.message : err);
    process.exit(1);
  },
);
