// Finding the processes of one emulator stack through Linux's /proc, by the ports they
// listen on: several stacks (other work trees, npm start) run on one machine, so a process
// name ("java", "node") says nothing about whose it is, but a listening port does.

import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Throws unless /proc is there to read (Linux); the restart cannot work anywhere else. */
export function requireProcfs(): void {
  if (process.platform !== 'linux' || !existsSync('/proc/net/tcp')) {
    throw new Error(
      '重启 Firestore 模拟器需要 Linux 的 /proc。\nRestarting the Firestore emulator needs Linux /proc (found none).',
    );
  }
}

/** Socket inodes listening on `port` (IPv4 and IPv6). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address "0100007F:20BC", f[3] state ("0A" = LISTEN), f[9] inode
      if (f.length < 10 || f[3] !== '0A') continue;
      if (parseInt(f[1]!.split(':').pop()!, 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
}

function pids(): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/** The process listening on `port`, or undefined when none is. */
export function listenerPid(port: number): number | undefined {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        // the fd closed meanwhile
      }
    }
  }
  return undefined;
}

/** A process's arguments (argv), or undefined when it is gone. */
export function cmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

/** A process's environment, or undefined when it is gone. */
export function environ(pid: number): Record<string, string> | undefined {
  try {
    const env: Record<string, string> = {};
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
export function cwdOf(pid: number): string {
  return readlinkSync(`/proc/${pid}/cwd`);
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; fields follow the last ")".
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  return pids().filter((p) => parentOf(p) === pid);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
