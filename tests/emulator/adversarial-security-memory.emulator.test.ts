// Issue 16, finding 1: memory spent on a request before its caller is known. A body of a few
// MB of `{"data":[0,0,…]}` once grew the function worker by hundreds of MB before it answered
// (the walk of the raw body kept a path string per element), enough to kill a production
// instance and every push on it. Sent here without and with a sign-in: the answer is quick
// and clear, the worker's resident memory stays within what the function is given, and the
// stack keeps serving.
//
// The worker is found through /proc: the Functions emulator (listening on its port) runs one
// child process per function (functionsEmulatorRuntime); its VmRSS is sampled while the call
// runs. What the platform itself does with a body before our code (parse the JSON) is part of
// what is measured, as it is part of what an instance must hold.
import { readFileSync } from 'node:fs';
import { childrenOf, cmdline, hasProcfs, listenerPid } from '../../scripts/procfs.cjs';
import { callFn, closeAdmin, functionUrl, FUNCTIONS_ORIGIN, makeUser, CALL_TIMEOUT_MS, type TestUser } from './helpers';
import { recordFigures } from '../support/stress';

jest.setTimeout(300_000);

const MiB = 1024 * 1024;
/** getProfile's memory (functions/src/config.ts: the light callables). */
const FUNCTION_MEMORY = 1024 * MiB;
const SIZES_MB = [1, 8, 30];
const BILINGUAL = /[\u4e00-\u9fff].*[A-Za-z]{3,}/s;

let user: TestUser;
const figures: Record<string, number | string> = {};

beforeAll(async () => {
  user = await makeUser({ email: 'sec-memory@taizhang.test', claims: { role: 'coordinator' } });
  // Load the worker before measuring.
  await callFn('getProfile', {}, user.token);
});

afterAll(async () => {
  recordFigures('security: large bodies before sign-in', figures);
  await closeAdmin();
});

function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const c of childrenOf(pid)) out.push(c, ...descendants(c));
  return out;
}

/** The Functions emulator's worker processes (one per loaded function and concurrent call). */
function workers(): number[] {
  const emulator = listenerPid(Number(new URL(FUNCTIONS_ORIGIN).port));
  if (emulator === undefined) return [];
  return descendants(emulator).filter((p) => (cmdline(p) ?? []).some((a) => a.includes('functionsEmulatorRuntime')));
}

function rss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** A body of about `mb` MB: `{"data":[0,0,…]}`. */
function zeros(mb: number): string {
  const n = Math.floor((mb * 1_000_000 - 12) / 2);
  return `{"data":[${'0,'.repeat(n - 1)}0]}`;
}

/** POSTs a raw body to getProfile while sampling every worker's RSS; the answer and the peak. */
async function send(body: string, token?: string): Promise<{ status: string; message: string; ms: number; peak: number; before: number }> {
  const before = Math.max(0, ...workers().map(rss));
  let peak = before;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const p of workers()) peak = Math.max(peak, rss(p));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const started = Date.now();
  try {
    const res = await fetch(functionUrl('getProfile'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token && { Authorization: `Bearer ${token}` }) },
      body,
      signal: AbortSignal.timeout(4 * CALL_TIMEOUT_MS),
    });
    const text = await res.text();
    const ms = Date.now() - started;
    let error: { status?: string; message?: string } | undefined;
    try {
      error = (JSON.parse(text) as { error?: { status?: string; message?: string } }).error;
    } catch {
      error = { status: `HTTP ${res.status}`, message: text.slice(0, 200) };
    }
    return { status: error?.status ?? 'OK', message: error?.message ?? '', ms, peak, before };
  } finally {
    sampling = false;
    await sampler;
  }
}

const maybe = hasProcfs() ? describe : describe.skip;

maybe('finding 1: memory before sign-in', () => {
  for (const mb of SIZES_MB) {
    for (const signedIn of [false, true]) {
      it(`finding 1: a ${mb} MB body ${signedIn ? 'with' : 'without'} a sign-in gets a quick clear answer, the worker within its memory`, async () => {
        const r = await send(zeros(mb), signedIn ? user.token : undefined);
        figures[`${mb} MB ${signedIn ? 'signed in' : 'anonymous'}`] =
          `${r.status} in ${r.ms} ms, worker ${Math.round(r.before / MiB)} → peak ${Math.round(r.peak / MiB)} MiB`;
        expect(r.status).toBe('INVALID_ARGUMENT');
        expect(r.message).toMatch(BILINGUAL);
        expect(r.message).toMatch(/过大.*too large/s);
        expect(r.peak).toBeGreaterThan(0);
        expect(r.peak).toBeLessThan(FUNCTION_MEMORY);
        // The stack keeps serving.
        expect((await callFn('getProfile', {}, user.token)).error).toBeUndefined();
      });
    }
  }
});
