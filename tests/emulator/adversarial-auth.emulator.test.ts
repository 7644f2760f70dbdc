// Issue #7, authorisation: every role × county × operation of docs/api.md#scope (the notice
// callables included) through real Auth emulator tokens, then every way a
// token can be wrong: none, garbage, tampered claims, another audience, expired, revoked, a
// disabled or deleted account, accounts with missing or bad claims.
//
// The Auth emulator issues unsigned tokens and the Functions emulator does not verify them,
// so a forged *signature* cannot be tested here (production verifies it before our code
// runs). What is tested: the functions verify expiry, audience and issuer themselves, and
// take role, county and group from the account, never from the token's copy of its claims.
import { isLivePulledRow, todayInShanghai } from '@taizhang/ledger';
import { randomUUID } from 'node:crypto';
import { adminAuth, adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, signIn, type TestUser } from './helpers';
import { newKey, problem, pullAll, push, type PushOk } from './fixtures';
import { recordFigures } from '../support/stress';

jest.setTimeout(180_000);

const YUCI = '榆次区';
const JIEXIU = '介休市';
const AS_OF = '2022-06-01';
/** Notices are generated for today only (a past day's is a record, never computed again). */
const NOTICE_DAY = todayInShanghai();

type Who = 'clerkYuci' | 'clerkYuciOtherGroup' | 'clerkJiexiu' | 'coordYuci' | 'coordCity' | 'admin' | 'dept' | 'deptOther';
const WHO: Who[] = ['clerkYuci', 'clerkYuciOtherGroup', 'clerkJiexiu', 'coordYuci', 'coordCity', 'admin', 'dept', 'deptOther'];
/** The rows of this file name 市工信局 at 办理中: assigned to jz-gxj, not to jz-zrzy. */
const REGISTRY = [
  { id: 'jz-gxj', name: '市工业和信息化局', aliases: ['市工信局', '晋中市工信局'], county: '市直', active: true },
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直', active: true },
];

let users: Record<Who, TestUser>;
/** A 榆次区 row created by clerkYuci's group and a 介休市 row, re-created fresh per update cell. */
let yuciRow: () => Promise<PushOk>;
let jiexiuRow: () => Promise<PushOk>;
const answers: Record<string, number> = {};

function count(code: string): string {
  answers[code] = (answers[code] ?? 0) + 1;
  return code;
}

/** A callable's outcome in one word: OK or the error status (UNAUTHENTICATED, …). */
async function outcome(name: string, data: unknown, token: string | undefined): Promise<string> {
  const r = await callFn(name, data, token);
  return count(r.error ? r.error.status : 'OK');
}

/** pushRows of one row: the row's status, or the call's error status. */
async function pushOne(user: TestUser, row: Record<string, unknown>): Promise<string> {
  const r = await callFn<{ results: { status: string }[] }>('pushRows', { ledger: 'problems', requestId: randomUUID(), rows: [row] }, user.token);
  return count(r.error ? r.error.status : r.result.results[0]!.status);
}

async function update(user: TestUser, row: PushOk, field = 'description'): Promise<string> {
  return pushOne(user, { key: row.key, id: row.id, baseVersion: 1, values: { ...row.values, [field]: `改于 ${randomUUID()}` } });
}

/** The counties of every row a full pull shows. */
async function pulledCounties(user: TestUser): Promise<string> {
  const { rows } = await pullAll(user, {});
  return [...new Set(rows.filter(isLivePulledRow).map((r) => r.values.county as string))].sort().join('+');
}

async function statsCounties(user: TestUser): Promise<string> {
  const r = await callFn<{ rows: { key: string }[] }>('getStats', { ledger: 'problems', groupBy: 'county', asOf: AS_OF }, user.token);
  return r.error
    ? count(r.error.status)
    : r.result.rows
        .map((g) => g.key)
        .sort()
        .join('+');
}

beforeAll(async () => {
  await clearFirestore();
  await Promise.all(REGISTRY.map((d) => adminDb().collection('departments').doc(d.id).set(d)));
  const [clerkYuci, clerkYuciOtherGroup, clerkJiexiu, coordYuci, coordCity, admin, dept, deptOther] = await Promise.all([
    makeUser({ email: 'authz-clerk-yuci@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区甲组' } }),
    makeUser({ email: 'authz-clerk-yuci-2@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区乙组' } }),
    makeUser({ email: 'authz-clerk-jiexiu@taizhang.test', claims: { role: 'clerk', county: JIEXIU, group: '介休市甲组' } }),
    makeUser({ email: 'authz-coord-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'authz-coord-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'authz-admin@taizhang.test', claims: { role: 'admin' } }),
    makeUser({ email: 'authz-dept-gxj@taizhang.test', claims: { role: 'department', department: 'jz-gxj' } }),
    makeUser({ email: 'authz-dept-zrzy@taizhang.test', claims: { role: 'department', department: 'jz-zrzy' } }),
  ]);
  users = { clerkYuci, clerkYuciOtherGroup, clerkJiexiu, coordYuci, coordCity, admin, dept, deptOther };
  yuciRow = async () => (await push(clerkYuci, [{ key: newKey(), values: problem({ county: YUCI, group: '榆次区甲组' }) }])).results[0] as PushOk;
  jiexiuRow = async () => (await push(clerkJiexiu, [{ key: newKey(), values: problem({ county: JIEXIU, group: '介休市甲组' }) }])).results[0] as PushOk;
  await Promise.all([yuciRow(), jiexiuRow()]);
});

afterAll(async () => {
  recordFigures('authorisation', { requests: Object.values(answers).reduce((a, b) => a + b, 0), 'answers by code': answers });
  await closeAdmin();
});

describe('role × county × operation', () => {
  // One row per operation; columns in WHO's order.
  const matrix: [string, (u: TestUser) => Promise<string>, Record<Who, string>][] = [
    [
      'getProfile',
      (u) => outcome('getProfile', {}, u.token),
      { clerkYuci: 'OK', clerkYuciOtherGroup: 'OK', clerkJiexiu: 'OK', coordYuci: 'OK', coordCity: 'OK', admin: 'OK', dept: 'OK', deptOther: 'OK' },
    ],
    // A clerk's new rows name its own group (another group's name is forbidden).
    [
      'push a new 榆次区 row',
      (u) => pushOne(u, { key: newKey(), values: problem({ county: YUCI, ...(u.claims.group && { group: u.claims.group }) }) }),
      {
        clerkYuci: 'created',
        clerkYuciOtherGroup: 'created',
        clerkJiexiu: 'forbidden',
        coordYuci: 'created',
        coordCity: 'created',
        admin: 'created',
        dept: 'forbidden',
        deptOther: 'forbidden',
      },
    ],
    [
      'push a new 介休市 row',
      (u) => pushOne(u, { key: newKey(), values: problem({ county: JIEXIU, ...(u.claims.group && { group: u.claims.group }) }) }),
      {
        clerkYuci: 'forbidden',
        clerkYuciOtherGroup: 'forbidden',
        clerkJiexiu: 'created',
        coordYuci: 'forbidden',
        coordCity: 'created',
        admin: 'created',
        dept: 'forbidden',
        deptOther: 'forbidden',
      },
    ],
    [
      'update a 榆次区 row of 榆次区甲组',
      async (u) => update(u, await yuciRow()),
      {
        clerkYuci: 'updated',
        clerkYuciOtherGroup: 'forbidden',
        clerkJiexiu: 'forbidden',
        coordYuci: 'updated',
        coordCity: 'updated',
        admin: 'updated',
        dept: 'forbidden',
        deptOther: 'forbidden',
      },
    ],
    [
      'update a 介休市 row',
      async (u) => update(u, await jiexiuRow()),
      {
        clerkYuci: 'forbidden',
        clerkYuciOtherGroup: 'forbidden',
        clerkJiexiu: 'updated',
        coordYuci: 'forbidden',
        coordCity: 'updated',
        admin: 'updated',
        dept: 'forbidden',
        deptOther: 'forbidden',
      },
    ],
    [
      'withdraw a 榆次区 row of 榆次区甲组',
      async (u) => {
        const r = await yuciRow();
        return pushOne(u, { key: r.key, id: r.id, baseVersion: 1, withdraw: true });
      },
      {
        clerkYuci: 'withdrawn',
        clerkYuciOtherGroup: 'forbidden',
        clerkJiexiu: 'forbidden',
        coordYuci: 'withdrawn',
        coordCity: 'withdrawn',
        admin: 'withdrawn',
        dept: 'forbidden',
        deptOther: 'forbidden',
      },
    ],
    // The department's own columns: a department answers the problems assigned to it only.
    [
      'answer a 榆次区 row assigned to 市工信局 (resolution)',
      async (u) => update(u, await yuciRow(), 'resolution'),
      {
        clerkYuci: 'updated',
        clerkYuciOtherGroup: 'forbidden',
        clerkJiexiu: 'forbidden',
        coordYuci: 'updated',
        coordCity: 'updated',
        admin: 'updated',
        dept: 'updated',
        deptOther: 'forbidden',
      },
    ],
    [
      'pull the visits ledger',
      (u) => outcome('pullRows', { ledger: 'visits' }, u.token),
      {
        clerkYuci: 'OK',
        clerkYuciOtherGroup: 'OK',
        clerkJiexiu: 'OK',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'listDepartments',
      (u) => outcome('listDepartments', {}, u.token),
      { clerkYuci: 'OK', clerkYuciOtherGroup: 'OK', clerkJiexiu: 'OK', coordYuci: 'OK', coordCity: 'OK', admin: 'OK', dept: 'OK', deptOther: 'OK' },
    ],
    // The registers of enterprises and villages: whoever may report rows in the county; departments report none.
    [
      'listTargets of 榆次区',
      (u) => outcome('listTargets', { targetType: '入企', county: YUCI }, u.token),
      {
        clerkYuci: 'OK',
        clerkYuciOtherGroup: 'OK',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'lookupTargets in 介休市',
      (u) => outcome('lookupTargets', { targetType: '进村', query: '南庄', county: JIEXIU }, u.token),
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'OK',
        coordYuci: 'PERMISSION_DENIED',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'lookupTargets without a county (the caller’s own)',
      (u) => outcome('lookupTargets', { targetType: '入企', query: '强伟' }, u.token),
      {
        clerkYuci: 'OK',
        clerkYuciOtherGroup: 'OK',
        clerkJiexiu: 'OK',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    // Likely duplicates: coordinators whose scope holds both problems, and admins, decide.
    [
      'markDuplicate: a 榆次区 row repeats another',
      async (u) => {
        const [a, b] = [await yuciRow(), await yuciRow()];
        return outcome('markDuplicate', { ledger: 'problems', id: a.id, of: b.id }, u.token);
      },
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'markDuplicate: a 榆次区 row repeats a 介休市 row',
      async (u) => {
        const [a, b] = [await yuciRow(), await jiexiuRow()];
        return outcome('markDuplicate', { ledger: 'problems', id: a.id, of: b.id }, u.token);
      },
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'PERMISSION_DENIED',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'unmarkDuplicate: a linked 榆次区 row',
      async (u) => {
        const [a, b] = [await yuciRow(), await yuciRow()];
        await callOk('markDuplicate', { ledger: 'problems', id: a.id, of: b.id }, users.admin.token);
        return outcome('unmarkDuplicate', { ledger: 'problems', id: a.id }, u.token);
      },
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'dismissDuplicate: a 介休市 row and another',
      async (u) => {
        const [a, b] = [await jiexiuRow(), await jiexiuRow()];
        return outcome('dismissDuplicate', { ledger: 'problems', id: a.id, of: b.id }, u.token);
      },
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'PERMISSION_DENIED',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'pull: counties seen',
      pulledCounties,
      {
        clerkYuci: YUCI,
        clerkYuciOtherGroup: YUCI,
        clerkJiexiu: JIEXIU,
        coordYuci: YUCI,
        coordCity: `${JIEXIU}+${YUCI}`,
        admin: `${JIEXIU}+${YUCI}`,
        dept: `${JIEXIU}+${YUCI}`,
        deptOther: '',
      },
    ],
    [
      'pull filtered to the other county',
      async (u) => {
        const other = u.claims.county === JIEXIU ? YUCI : JIEXIU;
        const r = await callFn<{ rows: unknown[] }>('pullRows', { ledger: 'problems', filter: { county: other } }, u.token);
        return r.error ? count(r.error.status) : `${r.result.rows.length > 0 ? 'rows' : 'none'}`;
      },
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'PERMISSION_DENIED',
        coordCity: 'rows',
        admin: 'rows',
        dept: 'rows',
        deptOther: 'none',
      },
    ],
    [
      'getStats: counties counted',
      statsCounties,
      {
        clerkYuci: YUCI,
        clerkYuciOtherGroup: YUCI,
        clerkJiexiu: JIEXIU,
        coordYuci: YUCI,
        coordCity: `${JIEXIU}+${YUCI}`,
        admin: `${JIEXIU}+${YUCI}`,
        dept: `${JIEXIU}+${YUCI}`,
        deptOther: '',
      },
    ],
    [
      'listNotices',
      (u) => outcome('listNotices', {}, u.token),
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'generateNotice',
      (u) => outcome('generateNotice', { date: NOTICE_DAY }, u.token),
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
    [
      'getNotice (after generateNotice)',
      (u) => outcome('getNotice', { date: NOTICE_DAY }, u.token),
      {
        clerkYuci: 'PERMISSION_DENIED',
        clerkYuciOtherGroup: 'PERMISSION_DENIED',
        clerkJiexiu: 'PERMISSION_DENIED',
        coordYuci: 'OK',
        coordCity: 'OK',
        admin: 'OK',
        dept: 'PERMISSION_DENIED',
        deptOther: 'PERMISSION_DENIED',
      },
    ],
  ];

  it.each(matrix)('%s', async (_name, op, expected) => {
    const got: Record<string, string> = {};
    for (const who of WHO) got[who] = await op(users[who]);
    expect(got).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------
// Broken tokens

/** The callables and a request each would accept from an admin. */
const CALLABLES: [string, unknown][] = [
  ['getProfile', {}],
  ['listDepartments', {}],
  ['lookupTargets', { targetType: '入企', query: '强伟' }],
  ['listTargets', { targetType: '进村', county: YUCI }],
  ['pushRows', { ledger: 'problems', requestId: '00000000-0000-4000-8000-000000000000', rows: [{ key: 'authz-broken', values: problem() }] }],
  ['pullRows', { ledger: 'problems' }],
  ['getStats', { ledger: 'problems', groupBy: 'county' }],
  ['listNotices', {}],
  ['getNotice', { date: NOTICE_DAY }],
  ['generateNotice', { date: NOTICE_DAY }],
  ['markDuplicate', { ledger: 'problems', id: 'P-140702-2022-000001', of: 'P-140702-2022-000002' }],
  ['unmarkDuplicate', { ledger: 'problems', id: 'P-140702-2022-000001' }],
  ['dismissDuplicate', { ledger: 'problems', id: 'P-140702-2022-000001', of: 'P-140702-2022-000002' }],
];

const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');

/** An emulator token (unsigned JWT) with its payload changed. */
function tamper(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, b64(change(claims)), signature ?? ''].join('.');
}

/** Every callable's status with this token (undefined: no Authorization header). */
async function everyCallable(token: string | undefined): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, data] of CALLABLES) out[name] = await outcome(name, data, token);
  return out;
}

const all = (status: string) => Object.fromEntries(CALLABLES.map(([name]) => [name, status]));

describe('tokens that are no sign-in', () => {
  it('no token, garbage, a JWT of nothing: UNAUTHENTICATED everywhere', async () => {
    expect(await everyCallable(undefined)).toEqual(all('UNAUTHENTICATED'));
    expect(await everyCallable('not-a-token')).toEqual(all('UNAUTHENTICATED'));
    expect(await everyCallable(`${b64({ alg: 'none' })}.${b64({})}.`)).toEqual(all('UNAUTHENTICATED'));
  });

  it('an expired token: UNAUTHENTICATED, and the message says sign in again', async () => {
    const t = await makeUser({ email: 'authz-expired@taizhang.test', claims: { role: 'admin' } });
    const past = Math.floor(Date.now() / 1000) - 7200;
    const expired = tamper(t.token, (p) => ({ ...p, iat: past, auth_time: past, exp: past + 3600 }));

    expect(await everyCallable(expired)).toEqual(all('UNAUTHENTICATED'));
    expect((await callFn('getProfile', {}, expired)).error?.message).toBe('登录已过期，请重新登录 / Your sign-in has expired; sign in again');
  });

  it('a token for another project (audience, issuer): UNAUTHENTICATED', async () => {
    const t = await makeUser({ email: 'authz-audience@taizhang.test', claims: { role: 'admin' } });
    const other = tamper(t.token, (p) => ({ ...p, aud: 'another-project', iss: 'https://securetoken.google.com/another-project' }));

    expect(await everyCallable(other)).toEqual(all('UNAUTHENTICATED'));
  });

  it('tampered claims (a clerk’s token saying admin, another county): the account’s own claims decide', async () => {
    const clerk = users.clerkYuci;
    const forged = tamper(clerk.token, (p) => ({ ...p, role: 'admin', county: JIEXIU, group: '介休市甲组' }));

    expect(await outcome('generateNotice', { date: NOTICE_DAY }, forged)).toBe('PERMISSION_DENIED');
    expect(await pulledCounties({ ...clerk, token: forged })).toBe(YUCI);
    expect(await pushOne({ ...clerk, token: forged }, { key: newKey(), values: problem({ county: JIEXIU }) })).toBe('forbidden');
    const profile = await callFn<{ role: string; county: string }>('getProfile', {}, forged);
    expect(profile.result).toMatchObject({ role: 'clerk', county: YUCI });
  });

  it('a disabled account: its unexpired token stops working at once; enabled again it works', async () => {
    const t = await makeUser({ email: 'authz-disabled@taizhang.test', claims: { role: 'coordinator' } });
    await adminAuth().updateUser(t.uid, { disabled: true });

    expect(await everyCallable(t.token)).toEqual(all('UNAUTHENTICATED'));
    expect((await callFn('getProfile', {}, t.token)).error?.message).toBe('此账户已停用，请联系管理员 / This account is disabled; ask an administrator');
    await adminAuth().updateUser(t.uid, { disabled: false });
    expect(await outcome('getProfile', {}, t.token)).toBe('OK');
  });

  it('revoked sign-ins (an administrator changed the account): the old token fails, a new sign-in works', async () => {
    const t = await makeUser({ email: 'authz-revoked@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区甲组' } });
    // Revocation has one-second resolution: the token must be older than the revocation.
    await new Promise((r) => setTimeout(r, 1100));
    await adminAuth().setCustomUserClaims(t.uid, { role: 'clerk', county: JIEXIU, group: '介休市甲组' });
    await adminAuth().revokeRefreshTokens(t.uid);

    expect(await everyCallable(t.token)).toEqual(all('UNAUTHENTICATED'));
    expect((await callFn('getProfile', {}, t.token)).error?.message).toBe(
      '账户已被管理员更改，请重新登录 / An administrator changed this account; sign in again',
    );
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await signIn(t.email, t.password);
    expect((await callFn<{ county: string }>('getProfile', {}, fresh)).result?.county).toBe(JIEXIU);
  });

  it('a deleted account: UNAUTHENTICATED', async () => {
    const t = await makeUser({ email: 'authz-deleted@taizhang.test', claims: { role: 'admin' } });
    await adminAuth().deleteUser(t.uid);

    expect(await everyCallable(t.token)).toEqual(all('UNAUTHENTICATED'));
  });
});

describe('accounts with missing or bad claims', () => {
  it.each([
    ['no claims at all', {}],
    ['an unknown role', { role: 'superuser' }],
    ['a clerk without county', { role: 'clerk', group: '榆次区甲组' }],
    ['a clerk without group', { role: 'clerk', county: YUCI }],
    ['a county that does not exist', { role: 'coordinator', county: '火星区' }],
    ['a department account without its department id', { role: 'department' }],
    ['a department id of the wrong shape', { role: 'department', department: '市自然资源局' }],
    ['claims of the wrong type', { role: ['admin'], county: 42 }],
  ])('%s: PERMISSION_DENIED on every callable', async (_name, claims) => {
    const t = await makeUser({ email: `authz-claims-${randomUUID().slice(0, 8)}@taizhang.test`, claims: claims as never });

    expect(await everyCallable(t.token)).toEqual(all('PERMISSION_DENIED'));
  });

  it('claims removed after sign-in take effect on the next call, token unchanged', async () => {
    const t = await makeUser({ email: 'authz-demoted@taizhang.test', claims: { role: 'admin' } });
    expect(await outcome('generateNotice', { date: NOTICE_DAY }, t.token)).toBe('OK');

    await adminAuth().setCustomUserClaims(t.uid, null);

    expect(await everyCallable(t.token)).toEqual(all('PERMISSION_DENIED'));
  });
});
