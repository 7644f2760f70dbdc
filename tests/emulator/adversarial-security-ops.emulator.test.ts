// The security review's findings about operations (issue 16): the administrator's command
// line, credentials, deploys, the dev server and `npm start`. Each test is named
// `finding N: …` and first showed the hole, then the fix. The real `taizhang` process runs
// against the real emulators.
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { REPO, runTaizhang, type CliProcess } from '../unit/cli/fixtures';
import { adminAuth, callFn, closeAdmin, emulatorHosts, makeUser, PROJECT_ID, REGION, signIn, type CallableError } from './helpers';

jest.setTimeout(120_000);

afterAll(closeAdmin);

const taizhang = runTaizhang;

const claimsOf = async (email: string): Promise<Record<string, unknown> | undefined> => {
  try {
    return (await adminAuth().getUserByEmail(email)).customClaims ?? {};
  } catch {
    return undefined;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Both languages of a refusal, on stderr, with exit 2. */
function refused(r: CliProcess, zh: RegExp, en: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.err).toMatch(zh);
  expect(r.err).toMatch(en);
}

describe('finding 9: city-wide only when said', () => {
  test('finding 9: a coordinator created without --county is refused unless --city-wide', async () => {
    const email = 'ops-coord-nocounty@taizhang.test';
    const r = await taizhang(['admin', 'create', email, '--role', 'coordinator']);
    refused(r, /协调员账户须指定所属县（区、市）.*--city-wide/, /needs a county \(--county\).*--city-wide/);
    expect(await claimsOf(email)).toBeUndefined();

    const both = await taizhang(['admin', 'create', email, '--role', 'coordinator', '--county', '榆次区', '--city-wide']);
    refused(both, /不能同时指定/, /cannot both be given/);
    expect(await claimsOf(email)).toBeUndefined();

    const ok = await taizhang(['admin', 'create', email, '--role', 'coordinator', '--city-wide']);
    expect(ok.err).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.out).toContain('全市 / city-wide');
    expect(await claimsOf(email)).toEqual({ role: 'coordinator' });
    const list = await taizhang(['admin', 'list', '--json']);
    expect((JSON.parse(list.out) as { email: string; cityWide: boolean }[]).find((a) => a.email === email)).toMatchObject({ cityWide: true });
    expect((await taizhang(['admin', 'list'])).out).toMatch(new RegExp(`${email}\\s+coordinator\\s+全市 / city-wide`));
  });

  test('finding 9: `set --county ""` does not make a county coordinator city-wide; --city-wide does', async () => {
    const email = 'ops-coord-yuci@taizhang.test';
    expect((await taizhang(['admin', 'create', email, '--role', 'coordinator', '--county', '榆次区'])).status).toBe(0);
    const r = await taizhang(['admin', 'set', email, '--county', '']);
    refused(r, /--city-wide/, /--city-wide/);
    expect(await claimsOf(email)).toEqual({ role: 'coordinator', county: '榆次区' });

    // An administrator without a county who becomes a coordinator would become city-wide too.
    const admin = 'ops-admin-to-coord@taizhang.test';
    expect((await taizhang(['admin', 'create', admin, '--role', 'admin'])).status).toBe(0);
    refused(await taizhang(['admin', 'set', admin, '--role', 'coordinator']), /--city-wide/, /--city-wide/);
    expect(await claimsOf(admin)).toEqual({ role: 'admin' });

    const ok = await taizhang(['admin', 'set', email, '--city-wide', '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ role: 'coordinator', cityWide: true });
    expect(await claimsOf(email)).toEqual({ role: 'coordinator' });
    // Already city-wide: changing something else needs no repeat.
    expect((await taizhang(['admin', 'set', email, '--group', '市督查组'])).status).toBe(0);
  });
});

describe('finding 10: credentials', () => {
  test('finding 10: a password given as an argument is refused, with where to give it instead', async () => {
    const email = 'ops-pw-arg@taizhang.test';
    const create = await taizhang(['admin', 'create', email, '--role', 'admin', '--password', 'secret-123']);
    refused(create, /密码不能写在命令行上.*--password-stdin.*TAIZHANG_PASSWORD/, /not taken from the command line.*--password-stdin.*TAIZHANG_PASSWORD/);
    expect(await claimsOf(email)).toBeUndefined();
    const push = await taizhang(['push', 'nothing.xlsx', '--email', email, '--password', 'secret-123']);
    refused(push, /密码不能写在命令行上/, /not taken from the command line/);
    const pull = await taizhang(['pull', '--ledger', 'problems', '-o', 'x.xlsx', '--email', email, '--password', 'secret-123']);
    refused(pull, /密码不能写在命令行上/, /not taken from the command line/);
  });

  test('finding 10: --password-stdin sets a new password and signs in', async () => {
    const email = 'ops-pw-stdin@taizhang.test';
    const r = await taizhang(['admin', 'create', email, '--role', 'coordinator', '--county', '介休市', '--password-stdin'], { input: 'stdin-pass-1\n' });
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    await expect(signIn(email, 'stdin-pass-1')).resolves.toEqual(expect.any(String));
    // And push/pull read theirs the same way: the sign-in gets as far as the workbook.
    const push = await taizhang(['push', 'no-such.xlsx', '--email', email, '--password-stdin'], { input: 'stdin-pass-1\n' });
    expect(push.status).toBe(2);
    expect(push.err).not.toMatch(/账号或密码不对|wrong e-mail or password/);
  });

  /** A signed-in session: its ID token and refresh token, from before the administrator acts. */
  async function session(email: string, password: string): Promise<{ idToken: string; refreshToken: string }> {
    const res = await fetch(`http://${emulatorHosts().auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=any`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    });
    const body = (await res.json()) as { idToken: string; refreshToken: string };
    // Revocation counts in whole seconds: the administrator acts in a later second.
    await sleep(1_100);
    return body;
  }

  /** What the old session can still do: its ID token, and a token refreshed from it. */
  async function oldSessionWorks(s: { idToken: string; refreshToken: string }): Promise<{ idToken: boolean; refreshed: boolean }> {
    const idToken = (await callFn('getProfile', {}, s.idToken)).error === undefined;
    const res = await fetch(`http://${emulatorHosts().auth}/securetoken.googleapis.com/v1/token?key=any`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: s.refreshToken }).toString(),
    });
    // Production refuses the refresh itself; the Auth emulator hands out a token that the
    // functions then refuse (functions/src/auth.ts compares its sign-in time).
    const refreshedToken = res.ok ? ((await res.json()) as { id_token: string }).id_token : undefined;
    const refreshedAnswer = refreshedToken ? await callFn('getProfile', {}, refreshedToken) : undefined;
    const refreshed = refreshedAnswer !== undefined && refreshedAnswer.error === undefined;
    if (refreshedAnswer?.error) expect((refreshedAnswer.error as CallableError).status).toBe('UNAUTHENTICATED');
    return { idToken, refreshed };
  }

  test('finding 10: an administrator resetting a password signs the old sessions out', async () => {
    const user = await makeUser({ email: 'ops-reset@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } });
    const old = await session(user.email, user.password);
    expect(await oldSessionWorks(old)).toEqual({ idToken: true, refreshed: true });
    const r = await taizhang(['admin', 'create', user.email, '--role', 'clerk', '--county', '榆次区', '--group', '榆次区入企服务第1组', '--password-stdin'], {
      input: 'a-new-password',
    });
    expect(r.status).toBe(0);
    expect(await oldSessionWorks(old)).toEqual({ idToken: false, refreshed: false });
    await expect(signIn(user.email, 'a-new-password')).resolves.toEqual(expect.any(String));
  });

  test('finding 10: new claims through `admin create` on an existing account sign the old sessions out', async () => {
    const user = await makeUser({ email: 'ops-reclaim@taizhang.test', claims: { role: 'coordinator', county: '榆次区' } });
    const old = await session(user.email, user.password);
    const r = await taizhang(['admin', 'create', user.email, '--role', 'coordinator', '--county', '介休市']);
    expect(r.status).toBe(0);
    expect(await oldSessionWorks(old)).toEqual({ idToken: false, refreshed: false });
  });

  test('finding 10: `admin set` signs the old sessions out', async () => {
    const user = await makeUser({ email: 'ops-set@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } });
    const old = await session(user.email, user.password);
    expect((await taizhang(['admin', 'set', user.email, '--group', '榆次区入企服务第2组'])).status).toBe(0);
    expect(await oldSessionWorks(old)).toEqual({ idToken: false, refreshed: false });
  });

  test('finding 10: GCLOUD_PROJECT or GOOGLE_CLOUD_PROJECT naming a real project is not used without --project', async () => {
    const commands = [
      ['admin', 'list'],
      ['admin', 'groups', 'list'],
      ['notice', '--date', '2024-06-01', '--out', 'x.xlsx'],
      ['pull', '--ledger', 'problems', '-o', 'x.xlsx', '--token', 't'],
    ];
    for (const name of ['GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT']) {
      const env = { GCLOUD_PROJECT: undefined, GOOGLE_CLOUD_PROJECT: undefined, [name]: 'taizhang-prod' };
      for (const args of name === 'GCLOUD_PROJECT' ? commands : commands.slice(0, 1)) {
        const r = await taizhang(args, { env });
        refused(r, new RegExp(`${name} 指向项目 taizhang-prod.*--project taizhang-prod`), new RegExp(`${name} names the project taizhang-prod.*--project`));
      }
    }
    // The emulators' demo project from the environment (as the test runner sets it) still works.
    expect((await taizhang(['admin', 'list', '--json'], { env: { GCLOUD_PROJECT: 'demo-taizhang' } })).status).toBe(0);
  });
});

describe('finding 12: the dev server proxies only what the pane needs', () => {
  let server: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    // Port 0: any free port, so the test never meets another stack's pane.
    server = spawn(process.execPath, [join(REPO, 'scripts/addin-dev-server.mjs'), '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d) => {
        out += d;
        const m = /(https:\/\/localhost:\d+)\/taskpane\.html/.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`dev server exited (${code}): ${out}`)));
    });
  }, 180_000);

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  /** A request through the dev server (its certificate is a development one: not checked here). */
  function through(path: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(`${origin}${path}`, { method: o.method ?? 'GET', headers: o.headers, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.on('data', (d) => void (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(o.body);
    });
  }

  const json = { 'Content-Type': 'application/json' };

  test("finding 12: the emulators' admin endpoints and `Bearer owner` are refused; sign-in, refresh and callables work", async () => {
    const user = await makeUser({ email: 'ops-devserver@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } });
    const owner = { ...json, Authorization: 'Bearer owner' };
    const refusedRequests = [
      through(`/emulator/v1/projects/${PROJECT_ID}/config`),
      through(`/__/auth/emulator/v1/projects/${PROJECT_ID}/config`),
      through(`/__/auth/identitytoolkit.googleapis.com/v1/projects/${PROJECT_ID}/accounts:query`, { method: 'POST', headers: owner, body: '{}' }),
      through(`/identitytoolkit.googleapis.com/v1/projects/${PROJECT_ID}/accounts:query`, { method: 'POST', headers: owner, body: '{}' }),
      through('/identitytoolkit.googleapis.com/v1/accounts:lookup', { method: 'POST', headers: owner, body: JSON.stringify({ email: [user.email] }) }),
      through('/identitytoolkit.googleapis.com/v1/accounts:update?key=k', {
        method: 'POST',
        headers: owner,
        body: JSON.stringify({ localId: user.uid, customAttributes: '{"role":"admin"}' }),
      }),
      through('/__/functions/backends'),
      through(`/__/functions/${PROJECT_ID}/${REGION}/getProfile`, { method: 'POST', headers: owner, body: '{"data":{}}' }),
    ];
    for (const r of await Promise.all(refusedRequests)) {
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain(user.email);
    }
    expect(await claimsOf(user.email)).toEqual(user.claims);

    const signedIn = await through('/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: user.email, password: user.password, returnSecureToken: true }),
    });
    expect(signedIn.status).toBe(200);
    const { idToken, refreshToken } = JSON.parse(signedIn.body) as { idToken: string; refreshToken: string };
    const lookup = await through('/identitytoolkit.googleapis.com/v1/accounts:lookup?key=k', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ idToken }),
    });
    expect(lookup.status).toBe(200);
    const refreshed = await through('/securetoken.googleapis.com/v1/token?key=k', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
    });
    expect(refreshed.status).toBe(200);
    const profile = await through(`/__/functions/${PROJECT_ID}/${REGION}/getProfile`, {
      method: 'POST',
      headers: { ...json, Authorization: `Bearer ${idToken}` },
      body: '{"data":{}}',
    });
    expect(profile.status).toBe(200);
    expect(JSON.parse(profile.body)).toMatchObject({ result: { email: user.email } });
    expect((await through('/taskpane.html')).status).toBe(200);
  });
});
