// Runs a restarted Firestore emulator for as long as its emulator stack lives.
//
//   node firestore-keeper.mjs '<json: { owner, binary, args, cwd, log }>'
//
// firebase-tools stops the Firestore emulator it spawned, not the one a test started in its
// place (its own child is already dead, so it has nothing to stop). Left alone, the
// replacement would outlive the stack and hold the port. So the keeper starts it and, once
// the stack's firebase-tools process (`owner`) is gone, stops it. Started detached, so the
// test runner can exit without taking the emulator down with it: the tests that run after
// the restart in the same stack still need Firestore.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';

const { owner, binary, args, cwd, log } = JSON.parse(process.argv[2]);
const out = openSync(log, 'a');
const child = spawn(binary, args, { cwd, env: process.env, stdio: ['ignore', out, out] });

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function stop(signal = 'SIGINT') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  // The JVM exits on SIGINT within a second or two; never leave it behind.
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
}

const watch = setInterval(() => {
  if (!alive(owner)) stop();
}, 500);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => stop());
child.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
