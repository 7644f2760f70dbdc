// Restarts the running Firestore emulator of this emulator stack, keeping its data — what a
// database outage with recovery looks like to the functions and their clients.
//
//   const r = await restartFirestore();   // { downMs, totalMs, exportDir, pid, … }
//
// The steps, and why:
//  1. Freeze the Functions emulator's workers (SIGSTOP; new workers are stopped as they
//     appear). A commit Firestore acknowledges after the export would be told to a client
//     and then vanish with the old process; frozen workers send nothing new, so every
//     commit Firestore ever acknowledges is one it received before the export.
//  2. Wait a moment, so commits already sent are applied (and acknowledged) before the export.
//  3. Export over the emulator's REST API (what firebase-tools' --export-on-exit does).
//  4. SIGKILL the java process. Not SIGTERM: the JVM would exit with code 143, and
//     firebase-tools stops every emulator when its Firestore exits with a code other than 0
//     or 130; on a signal it only warns.
//  5. Thaw the workers: with the old process dead nothing more can be acknowledged, so from
//     here on the functions meet a real outage (no Firestore at all); what they answer now is
//     what clients see while the database is down.
//  6. Start the very same command line (read from /proc, so the Debian launcher jar and
//     firebase-tools' downloaded jar are handled alike) plus --seed_from_export, through a
//     keeper that stops it when the stack ends (firestore-keeper.mjs), and wait until it
//     listens and answers.
//
// The stack is found by its ports (FIRESTORE_EMULATOR_HOST, TAIZHANG_FUNCTIONS_ORIGIN), never
// by process names: other stacks on the same machine are left alone.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { alive, childrenOf, cmdline, cwdOf, environ, listenerPid, requireProcfs } from '../../scripts/procfs.cjs';

export interface RestartOptions {
  /** host:port of the Firestore emulator; default FIRESTORE_EMULATOR_HOST. */
  readonly firestoreHost?: string;
  /** Origin of the Functions emulator; default TAIZHANG_FUNCTIONS_ORIGIN. */
  readonly functionsOrigin?: string;
  readonly project?: string;
  /** Freeze the function workers around the export (default true; see above for why). */
  readonly freezeFunctions?: boolean;
  /** Seed the new emulator with the export (default true; false loses every document). */
  readonly keepData?: boolean;
  /** Extra time Firestore stays down after the kill, to stretch the outage. */
  readonly downtimeMs?: number;
  /** How long commits already sent get to land before the export. */
  readonly settleMs?: number;
  /** Called once Firestore is down, before it is started again (e.g. to probe the functions). */
  readonly whileDown?: () => Promise<void>;
}

export interface RestartReport {
  readonly oldPid: number;
  readonly newPid: number;
  readonly exportDir: string;
  /** Workers frozen around the export. */
  readonly frozenWorkers: number;
  /** Freeze → thaw (settle, export, kill). */
  readonly frozenMs: number;
  /** Kill → serving again. */
  readonly downMs: number;
  /** Freeze → serving again. */
  readonly totalMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hostPort(hostAndPort: string): { host: string; port: number } {
  const i = hostAndPort.lastIndexOf(':');
  return { host: hostAndPort.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(hostAndPort.slice(i + 1)) };
}

function requireEnv(value: string | undefined, name: string): string {
  if (!value) {
    throw new Error(
      `未检测到模拟器（${name} 未设置），无法重启 Firestore。请用 \`npm test\` 运行。\n` +
        `Emulators not detected (${name} unset): cannot restart Firestore. Run through \`npm test\`.`,
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Freezing the function workers

/** Worker processes (functionsEmulatorRuntime) of the firebase-tools process `stackPid`. */
function workersOf(stackPid: number): number[] {
  return childrenOf(stackPid).filter((pid) => cmdline(pid)?.some((a) => a.includes('functionsEmulatorRuntime')));
}

interface Freezer {
  readonly count: () => number;
  readonly thaw: () => void;
}

/**
 * SIGSTOPs every worker now and, until thawed, every worker that appears (the emulator
 * starts a new one when a request finds all of a function's workers busy). A new worker
 * needs a second or more to load before it could commit anything; 20 ms polling stops it
 * long before.
 */
function freezeWorkers(stackPid: number): Freezer {
  const stopped = new Set<number>();
  const sweep = () => {
    for (const pid of workersOf(stackPid)) {
      if (stopped.has(pid)) continue;
      try {
        process.kill(pid, 'SIGSTOP');
        stopped.add(pid);
      } catch {
        // exited meanwhile
      }
    }
  };
  sweep();
  const timer = setInterval(sweep, 20);
  return {
    count: () => stopped.size,
    thaw: () => {
      clearInterval(timer);
      for (const pid of stopped) {
        // (a second thaw is harmless: SIGCONT to a running process does nothing)
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // exited meanwhile
        }
      }
    },
  };
}

// ---------------------------------------------------------------------------------------
// Export, kill, start again

/** Exports the database into `dir`; returns the metadata file --seed_from_export takes. */
async function exportData(host: string, project: string, dir: string): Promise<string> {
  const res = await fetch(`http://${host}/emulator/v1/projects/${project}:export`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ database: `projects/${project}/databases/(default)`, export_directory: dir, export_name: 'firestore_export' }),
    signal: AbortSignal.timeout(120_000),
  });
  if (!res.ok) throw new Error(`Firestore export → ${res.status} ${await res.text()}`);
  const metadata = path.join(dir, 'firestore_export', 'firestore_export.overall_export_metadata');
  if (!existsSync(metadata)) throw new Error(`Firestore export wrote no ${metadata}`);
  return metadata;
}

/** The command line again, its seed (if any) replaced by `seed` (or dropped when undefined). */
export function relaunchArgs(args: readonly string[], seed: string | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--seed_from_export') {
      i++; // its value
      continue;
    }
    if (a.startsWith('--seed_from_export=')) continue;
    out.push(a);
  }
  if (seed !== undefined) out.push('--seed_from_export', seed);
  return out;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (alive(pid) && cmdline(pid)?.length) {
    if (Date.now() > until) throw new Error(`Firestore emulator (pid ${pid}) did not exit`);
    await sleep(20);
  }
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Kills this stack's function workers (the emulator starts fresh ones on the next call).
 *
 * Why, after a restart: a callable that answered `unavailable` while Firestore was down lives
 * on inside its worker, its commit parked in firebase-admin's retry (backoff up to a minute).
 * Its preconditions (the push's answer documents) make it harmless as long as the data
 * stays; but the next test file clears the database, and the late commit would then write
 * rows into that test's data. Production never clears the database.
 */
export function endAbandonedWork(functionsOrigin = requireEnv(process.env.TAIZHANG_FUNCTIONS_ORIGIN, 'TAIZHANG_FUNCTIONS_ORIGIN')): number {
  requireProcfs();
  const stackPid = listenerPid(Number(new URL(functionsOrigin).port));
  if (stackPid === undefined) return 0;
  const workers = workersOf(stackPid);
  for (const pid of workers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return workers.length;
}
/** Until the emulator on host:port answers its root ("Ok"), or throws after `timeoutMs`. */
async function waitUntilServing(host: string, port: number, pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!alive(pid)) throw new Error(`restarted Firestore emulator (keeper pid ${pid}) exited; see its log`);
    if (await connects(host, port)) {
      const res = await fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
      if (res?.ok) return;
    }
    if (Date.now() > until) throw new Error(`restarted Firestore emulator not serving on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}

export async function restartFirestore(o: RestartOptions = {}): Promise<RestartReport> {
  requireProcfs();
  const firestore = hostPort(o.firestoreHost ?? requireEnv(process.env.FIRESTORE_EMULATOR_HOST, 'FIRESTORE_EMULATOR_HOST'));
  const functionsPort = Number(new URL(o.functionsOrigin ?? requireEnv(process.env.TAIZHANG_FUNCTIONS_ORIGIN, 'TAIZHANG_FUNCTIONS_ORIGIN')).port);
  const project = o.project ?? process.env.GCLOUD_PROJECT ?? 'demo-taizhang';

  const oldPid = listenerPid(firestore.port);
  const stackPid = listenerPid(functionsPort);
  if (oldPid === undefined) throw new Error(`no process listens on the Firestore port ${firestore.port}`);
  if (stackPid === undefined) throw new Error(`no process listens on the Functions port ${functionsPort}`);
  const argv = cmdline(oldPid)!;
  const env = environ(oldPid)!;
  const cwd = cwdOf(oldPid);
  if (!argv.includes('-jar') && !argv.some((a) => a.startsWith('--port'))) {
    throw new Error(`the process on port ${firestore.port} does not look like the Firestore emulator: ${argv.join(' ')}`);
  }

  const started = Date.now();
  const frozen = o.freezeFunctions === false ? undefined : freezeWorkers(stackPid);
  try {
    await sleep(o.settleMs ?? 1_000);
    const exportDir = mkdtempSync(path.join(os.tmpdir(), `taizhang-firestore-${firestore.port}-`));
    const seed = await exportData(`${firestore.host}:${firestore.port}`, project, exportDir);

    process.kill(oldPid, 'SIGKILL');
    const killedAt = Date.now();
    await waitForExit(oldPid, 10_000);
    frozen?.thaw();
    const frozenMs = Date.now() - started;
    await o.whileDown?.();
    if (o.downtimeMs) await sleep(Math.max(0, killedAt + o.downtimeMs - Date.now()));

    const [binary, ...args] = argv;
    const keeper = spawn(
      process.execPath,
      [
        path.join(__dirname, 'firestore-keeper.mjs'),
        JSON.stringify({
          owner: stackPid,
          binary,
          args: relaunchArgs(args, o.keepData === false ? undefined : seed),
          cwd,
          log: path.join(exportDir, 'firestore-restarted.log'),
        }),
      ],
      { cwd, env, detached: true, stdio: 'ignore' },
    );
    keeper.unref();
    await waitUntilServing(firestore.host, firestore.port, keeper.pid!, 120_000);
    const newPid = listenerPid(firestore.port)!;
    return { oldPid, newPid, exportDir, frozenWorkers: frozen?.count() ?? 0, frozenMs, downMs: Date.now() - killedAt, totalMs: Date.now() - started };
  } finally {
    frozen?.thaw(); // never leave the workers stopped, whatever failed
  }
}
