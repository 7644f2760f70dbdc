#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, printing figures and ratios (never asserting).
// *.bench.ts (through tsx) and *.bench.mjs run as they are; *.emulator.bench.ts run inside
// the emulators, all in one emulator session.
//
//   npm run bench                 all of them
//   npm run bench -- ledger       only those whose file name contains "ledger"

import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const only = process.argv.slice(2);
const files = readdirSync(path.join(ROOT, 'bench'))
  .filter((f) => /\.bench\.m?[jt]s$/.test(f) && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

let failed = 0;
for (const f of files.filter((f) => !f.endsWith('.emulator.bench.ts'))) {
  console.log(`\n━━ bench/${f}`);
  const file = path.join('bench', f);
  if ((await run(f.endsWith('.mjs') ? [file] : [TSX, file])) !== 0) failed++;
}
const emulated = files.filter((f) => f.endsWith('.emulator.bench.ts'));
if (emulated.length > 0) {
  const { exec } = await import('./emulators.mjs');
  const command = emulated.map((f) => `node ${JSON.stringify(TSX)} bench/${f}`).join(' && ');
  console.log(`\n━━ ${emulated.map((f) => `bench/${f}`).join(', ')} (in the emulators)`);
  if ((await exec(command)) !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
