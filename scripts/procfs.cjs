// Finding the processes of one emulator stack through Linux's /proc, by the ports they
// listen on: several stacks (other work trees, npm start) run on one machine, so a process
// name ("java", "node") says nothing about whose it is, but a listening port does.
// CommonJS, so that the scripts (ES modules) and the tests (TypeScript through ts-jest) share
// it; its types are in procfs.d.cts.
'use strict';

const { existsSync, readdirSync, readFileSync, readlinkSync } = require('node:fs');

/** Whether /proc is there to read (Linux). */
function hasProcfs() {
  return process.platform === 'linux' && existsSync('/proc/net/tcp');
}

/** Throws unless /proc is there to read; the restart cannot work anywhere else. */
function requireProcfs() {
  if (!hasProcfs()) {
    throw new Error('重启 Firestore 模拟器需要 Linux 的 /proc。\nRestarting the Firestore emulator needs Linux /proc (found none).');
  }
}

/** Socket inodes listening on `port` (IPv4 and IPv6). */
function listeningInodes(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address "0100007F:20BC", f[3] state ("0A" = LISTEN), f[9] inode
      if (f.length < 10 || f[3] !== '0A') continue;
      if (parseInt(f[1].split(':').pop(), 16) === port) inodes.add(f[9]);
    }
  }
  return inodes;
}

function pids() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** The process listening on `port`, or undefined when none is (or it is not ours to see). */
function listenerPid(port) {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of pids()) {
    let fds;
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return undefined;
}

/** A process's arguments (argv), or undefined when it is gone. */
function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** A process's environment, or undefined when it is gone. */
function environ(pid) {
  try {
    const env = {};
    for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const i = entry.indexOf('=');
      if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
    }
    return env;
  } catch {
    return undefined;
  }
}

/** A process's working directory. */
function cwdOf(pid) {
  return readlinkSync(`/proc/${pid}/cwd`);
}

/** A process's parent, or undefined when it is gone. */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; fields follow the last ")".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The direct children of `pid`. */
function childrenOf(pid) {
  return pids().filter((p) => parentOf(p) === pid);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** An argument that names the Firestore emulator: its jar (Debian's or firebase-tools'), our launcher, its main class. */
function namesFirestoreEmulator(arg) {
  return /cloud-firestore-emulator|firestore-emulator[\\/]launcher\.jar$|datastore\.emulator\.firestore\.CloudFirestore/.test(arg);
}

/** An argument of what runs an emulator stack's Firestore: firebase-tools, or the restart test's keeper. */
function namesEmulatorRunner(arg) {
  return /(^|[\\/])firebase(\.js)?$|firestore-keeper\.mjs$/.test(arg);
}

/**
 * The Firestore emulator listening on `port` when nothing runs it any more: firebase-tools
 * leaves its JVM behind when it fails to start, and that JVM keeps the port. undefined when
 * the port is free, held by anything else, or by an emulator a live stack runs.
 */
function leftBehindFirestore(port) {
  if (!hasProcfs()) return undefined;
  const pid = listenerPid(port);
  if (pid === undefined || !(cmdline(pid) ?? []).some(namesFirestoreEmulator)) return undefined;
  const parent = parentOf(pid);
  const runner = parent === undefined ? [] : (cmdline(parent) ?? []);
  return runner.some(namesEmulatorRunner) ? undefined : pid;
}

/** What holds `port`, for a message: "pid 1234: java -jar …", or undefined when unknown. */
function describeListener(port) {
  if (!hasProcfs()) return undefined;
  const pid = listenerPid(port);
  const argv = pid === undefined ? undefined : cmdline(pid);
  if (argv === undefined) return undefined;
  const command = argv.join(' ');
  return `pid ${pid}: ${command.length > 100 ? `${command.slice(0, 100)}…` : command}`;
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`; resolves once it is gone. */
async function stopProcess(pid, graceMs = 5000) {
  const gone = async (ms) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
      if (!alive(pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !alive(pid);
  };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  if (await gone(graceMs)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await gone(graceMs);
}

module.exports = {
  hasProcfs,
  requireProcfs,
  listenerPid,
  cmdline,
  environ,
  cwdOf,
  parentOf,
  childrenOf,
  alive,
  leftBehindFirestore,
  describeListener,
  stopProcess,
};
