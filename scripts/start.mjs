#!/usr/bin/env node
// `npm start`: the whole local stack on a fresh clone.
//   1. installs dependencies when node_modules is missing or older than package-lock.json;
//   2. builds the functions and starts the Auth, Firestore and Functions emulators, keeping
//      their data in .emulator-data/ across restarts (`npm start -- --fresh` starts empty);
//   3. once the functions answer, creates the demo accounts and, into an empty store, a few
//      hundred demo rows (scripts/demo/seed.ts);
//   4. prints what runs where and how to sign in; Ctrl-C stops everything and saves the data.
// Uses only Node built-ins until the install is done.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = 'demo-taizhang';
const REGION = 'asia-east2';

function say(zh, en) {
  console.log(`[start] ${zh}\n[start] ${en}`);
}

function ensureInstalled() {
  const modules = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(modules) && (!existsSync(lock) || statSync(modules).mtimeMs >= statSync(lock).mtimeMs)) return;
  say('正在安装依赖（npm install）…', 'Installing dependencies (npm install)…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    say('依赖安装失败，请检查网络后重试', 'npm install failed; check the network and try again');
    process.exit(r.status ?? 1);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The functions are up when a callable answers (unauthenticated, as expected without a token). */
async function waitForFunctions(stopped) {
  const url = `http://127.0.0.1:5001/${PROJECT}/${REGION}/getProfile`;
  for (let i = 0; i < 240 && !stopped(); i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"data":{}}' });
      if (res.status === 401 || res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(1000);
  }
  return false;
}

function seed() {
  const env = { ...process.env, FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099', FIRESTORE_EMULATOR_HOST: '127.0.0.1:8080', GCLOUD_PROJECT: PROJECT };
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, 'scripts/demo/seed.ts'], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
  });
}

function banner() {
  console.log(`
────────────────────────────────────────────────────────────────────────
 台账 Taizhang — 本地环境已就绪 / local stack is up
   Functions  http://127.0.0.1:5001/${PROJECT}/${REGION}/{pushRows,pullRows,getStats,getProfile}
   Firestore  127.0.0.1:8080     Auth  127.0.0.1:9099     Hub  127.0.0.1:4400
   数据保存在 / data kept in  .emulator-data/  (npm start -- --fresh 清空 / starts empty)
   演示账户见上 / demo accounts: listed above
 命令行 / command line:  npx taizhang check <file.xlsx>   npx taizhang admin list
 按 Ctrl-C 停止（数据会保存）/ Ctrl-C stops everything (data is saved)
────────────────────────────────────────────────────────────────────────`);
}

async function main() {
  ensureInstalled();
  const { start, UserError } = await import('./emulators.mjs');
  const fresh = process.argv.includes('--fresh');
  let exited = false;
  const running = start({ fresh, watch: true }).then(
    (code) => {
      exited = true;
      return code;
    },
    (e) => {
      exited = true;
      if (e instanceof UserError) {
        console.error(e.message);
        return 2;
      }
      throw e;
    },
  );
  if (await waitForFunctions(() => exited)) {
    if (await seed()) banner();
    else say('演示数据写入失败（模拟器仍在运行）', 'Seeding the demo data failed (the emulators keep running)');
  }
  process.exitCode = await running;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
