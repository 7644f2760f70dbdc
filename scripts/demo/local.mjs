// Shared by `npm start` and the browser test: wait for the local functions, then seed the
// demo accounts and data into the emulators. Node built-ins only.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTH_HOST, FIRESTORE_HOST, FUNCTIONS_ORIGIN, PORT_OFFSET } from '../ports.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROJECT = 'demo-taizhang';
const REGION = 'asia-east2';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * True once a callable answers (unauthenticated, as expected without a token); false after
 * `seconds`, or as soon as `stopped()` says the emulators are gone.
 */
export async function waitForFunctions({ seconds = 240, stopped = () => false } = {}) {
  const url = `${FUNCTIONS_ORIGIN}/${PROJECT}/${REGION}/getProfile`;
  for (let i = 0; i < seconds && !stopped(); i++) {
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

function demoEnv() {
  return {
    ...process.env,
    FIREBASE_AUTH_EMULATOR_HOST: AUTH_HOST,
    FIRESTORE_EMULATOR_HOST: FIRESTORE_HOST,
    TAIZHANG_FUNCTIONS_ORIGIN: FUNCTIONS_ORIGIN,
    GCLOUD_PROJECT: PROJECT,
    METADATA_SERVER_DETECTION: 'none',
  };
}

/** Runs scripts/demo/seed.ts against the emulators; resolves true when it succeeded. */
export function seedDemo() {
  const env = demoEnv();
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, 'scripts/demo/seed.ts'], { cwd: ROOT, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code === 0));
  });
}

/**
 * Starts scripts/demo/reminders.ts: a fake WeCom / DingTalk robot on 127.0.0.1:4700 (shifted by
 * TAIZHANG_PORT_OFFSET) bound to a county's and a department's channel, printing what it
 * receives. Returns the child, to be killed on exit.
 */
export function startReminderDemo() {
  const env = { ...demoEnv(), TAIZHANG_FAKE_ROBOT_PORT: String(4700 + PORT_OFFSET) };
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  return spawn(process.execPath, [tsx, 'scripts/demo/reminders.ts'], { cwd: ROOT, env, stdio: 'inherit' });
}
