// `npm start` without a terminal (issue 16, finding 14): run from a service, a container,
// nohup or a pipe, standard input is /dev/null or closed, and the stack must come up the
// same: emulators, demo data and the task pane. The stack runs on ports of its own
// (TAIZHANG_PORT_OFFSET), beside the emulators the rest of the suite uses, and starts empty
// (--fresh), so a developer's saved data is neither read nor written.
import { spawn, type ChildProcess } from 'node:child_process';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
// 5,000 above the suite's own stack, which may itself be shifted.
const OFFSET = Number(process.env.TAIZHANG_PORT_OFFSET ?? 0) + 5000;
const PANE = `https://localhost:${3000 + OFFSET}/taskpane.html`;
const START_LIMIT_MS = 420_000;

jest.setTimeout(START_LIMIT_MS + 60_000);

function paneStatus(): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = httpsGet(PANE, { rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(undefined));
    req.on('timeout', () => req.destroy());
  });
}

/** Stops the whole stack (its process group) and waits for it to be gone. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 60_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    process.kill(-child.pid!, 'SIGINT');
  });
}

async function startWithout(stdin: 'ignore' | 'closed'): Promise<{ served: boolean; output: string }> {
  // 'ignore' gives the process /dev/null; 'closed' a pipe whose other end is closed at once.
  const child = spawn(process.execPath, [join(REPO, 'scripts', 'start.mjs'), '--fresh'], {
    cwd: REPO,
    env: { ...process.env, TAIZHANG_PORT_OFFSET: String(OFFSET), CI: 'true' },
    stdio: [stdin === 'ignore' ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  if (stdin === 'closed') child.stdin!.end();
  let output = '';
  child.stdout!.on('data', (d) => void (output += d));
  child.stderr!.on('data', (d) => void (output += d));
  try {
    const deadline = Date.now() + START_LIMIT_MS;
    while (Date.now() < deadline && child.exitCode === null) {
      if ((await paneStatus()) === 200 && /演示账户见上/.test(output)) return { served: true, output };
      await new Promise((r) => setTimeout(r, 2_000));
    }
    return { served: false, output };
  } finally {
    await stop(child);
  }
}

describe('finding 14: npm start runs the same without a terminal', () => {
  it('finding 14: with standard input from /dev/null and then closed, the pane comes up and the stack keeps serving', async () => {
    for (const stdin of ['ignore', 'closed'] as const) {
      const { served, output } = await startWithout(stdin);
      if (!served) throw new Error(`npm start (stdin ${stdin}) never served the pane:\n${output.slice(-4000)}`);
      expect(output).not.toMatch(/The service is no longer running/);
    }
  });
});
