// Issue 16: the holes a security review found in the functions, each shown by a test that
// failed before its fix. Every test name starts with `finding N:` so that `npm run
// test:stress` reports them one line per finding (scripts/stress.mjs). Finding 1 (memory
// before sign-in) has its own file, adversarial-security-memory.emulator.test.ts; finding 8
// (Markdown) is pure and lives in tests/unit/security.
import { randomUUID } from 'node:crypto';
import { addDays, countyCode, todayInShanghai, type PullAnswer, type PushResult } from '@taizhang/ledger';
import { getProfile } from '../../functions/src/api/getProfile';
import { loadActivity, type StoredNotice } from '../../functions/src/supervision/service';
import { rateWindowRef } from '../../functions/src/api/rateLimit';
import { idsHandedOut } from '../../functions/src/push/ids';
import { adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { newKey, problem, push, type PushOk } from './fixtures';

jest.setTimeout(120_000);

const YUCI = '榆次区';
const JIEXIU = '介休市';
const YUCI_CODE = countyCode(YUCI)!;
const JIEXIU_CODE = countyCode(JIEXIU)!;
const BILINGUAL = /[\u4e00-\u9fff].*[A-Za-z]{3,}/s;

let clerkYuci: TestUser;
let clerkYuciPartner: TestUser;
let clerkJiexiu: TestUser;
let coordYuci: TestUser;
let admin: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [clerkYuci, clerkYuciPartner, clerkJiexiu, coordYuci, admin] = await Promise.all([
    makeUser({ email: 'sec-clerk-yuci@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区甲组' } }),
    makeUser({ email: 'sec-clerk-yuci-partner@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区甲组' } }),
    makeUser({ email: 'sec-clerk-jiexiu@taizhang.test', claims: { role: 'clerk', county: JIEXIU, group: '介休市甲组' } }),
    makeUser({ email: 'sec-coord-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'sec-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
});

afterAll(closeAdmin);

function rawPush(user: TestUser, rows: unknown[], requestId = randomUUID()) {
  return callFn<{ results: PushResult[] }>('pushRows', { ledger: 'problems', requestId, rows }, user.token);
}

async function pushResults(user: TestUser, rows: unknown[]): Promise<PushResult[]> {
  const r = await rawPush(user, rows);
  if (r.error) throw new Error(`pushRows failed: ${r.error.status} ${r.error.message}`);
  return r.result.results;
}

// ---------------------------------------------------------------------------------------

describe('finding 2: a stored notice is a record that was sent out', () => {
  const today = todayInShanghai();
  const PAST = '2022-06-01';

  it('finding 2: generating a day that has a notice answers the stored one and changes nothing', async () => {
    const stored = {
      date: PAST,
      period: { from: '2022-05-25', to: '2022-05-31' },
      staleDays: 14,
      totals: { problems: 123 },
      generatedAt: '2022-06-01T00:00:05.000Z',
    };
    await adminDb().doc(`notices/${PAST}`).set(stored);
    await adminDb()
      .doc(`notices/${PAST}/counties/${YUCI}`)
      .set({ ...stored, county: YUCI, totals: { problems: 45 } });
    const before = await adminDb().doc(`notices/${PAST}`).get();
    const city = await callFn<StoredNotice>('generateNotice', { date: PAST }, admin.token);
    expect(city.result?.totals.problems).toBe(123);
    const county = await callFn<StoredNotice>('generateNotice', { date: PAST }, coordYuci.token);
    expect(county.result?.totals.problems).toBe(45);
    const after = await adminDb().doc(`notices/${PAST}`).get();
    expect(after.updateTime!.isEqual(before.updateTime!)).toBe(true);
    expect((await adminDb().collection(`notices/${PAST}/counties`).listDocuments()).map((d) => d.id)).toEqual([YUCI]);
  });

  it('finding 2: a past day without a notice is refused, and nothing is stored for it', async () => {
    const day = '2022-05-01';
    const r = await callFn('generateNotice', { date: day }, admin.token);
    expect(r.error?.status).toBe('FAILED_PRECONDITION');
    expect(r.error?.message).toMatch(BILINGUAL);
    expect((await adminDb().doc(`notices/${day}`).get()).exists).toBe(false);
    expect(await adminDb().collection(`notices/${day}/counties`).listDocuments()).toEqual([]);
  });

  it("finding 2: a county coordinator's request writes only its own county's notice, and only once", async () => {
    await adminDb().recursiveDelete(adminDb().doc(`notices/${today}`));
    await push(clerkJiexiu, [{ key: newKey(), values: problem({ county: JIEXIU, group: '介休市甲组' }) }]);
    const mine = await callOk<StoredNotice>('generateNotice', { date: today }, coordYuci.token);
    expect(mine.county).toBe(YUCI);
    expect((await adminDb().doc(`notices/${today}`).get()).exists).toBe(false);
    const written = await adminDb().collection(`notices/${today}/counties`).listDocuments();
    expect(written.map((d) => d.id)).toEqual([YUCI]);
    const first = await adminDb().doc(`notices/${today}/counties/${YUCI}`).get();

    const again = await callOk<StoredNotice>('generateNotice', { date: today }, coordYuci.token);
    expect(again.generatedAt).toBe(mine.generatedAt);
    const city = await callOk<StoredNotice>('generateNotice', { date: today }, admin.token);
    expect(city.county).toBeUndefined();
    const kept = await adminDb().doc(`notices/${today}/counties/${YUCI}`).get();
    expect(kept.updateTime!.isEqual(first.updateTime!)).toBe(true);
    expect((await callOk<StoredNotice>('getNotice', { date: today }, coordYuci.token)).generatedAt).toBe(mine.generatedAt);
    const listed = await callOk<{ notices: { date: string }[] }>('listNotices', {}, coordYuci.token);
    expect(listed.notices.map((n) => n.date)).toContain(today);
  });
});

// ---------------------------------------------------------------------------------------

describe('finding 3: ids past 999,999 and numbers burnt by raced copies', () => {
  it('finding 3: a sequence past 999,999 gives a 7-digit id that later pushes accept', async () => {
    await adminDb().doc(`counters/problems-${JIEXIU_CODE}-2019`).set({ next: 999_999, county: JIEXIU, year: 2019, ledger: 'problems' });
    const values = problem({ county: JIEXIU, group: '介休市甲组', foundOn: '2019-05-01', deadline: '2019-06-30' });
    const created = (
      await push(clerkJiexiu, [
        { key: newKey(), values },
        { key: newKey(), values },
      ])
    ).results as PushOk[];
    expect(created.map((r) => r.status)).toEqual(['created', 'created']);
    expect(created.map((r) => r.id)).toEqual([`P-${JIEXIU_CODE}-2019-999999`, `P-${JIEXIU_CODE}-2019-1000000`]);
    const big = created[1]!;
    const r = await rawPush(clerkJiexiu, [{ key: big.key, id: big.id, baseVersion: 1, values: { ...big.values, description: '七位编号之后的修改' } }]);
    expect(r.error).toBeUndefined();
    expect(r.result!.results[0]).toMatchObject({ status: 'updated', id: big.id, version: 2 });
  });

  it('finding 3: two copies of one request racing each other burn no numbers', async () => {
    const values = problem({ county: JIEXIU, group: '介休市甲组', foundOn: '2018-05-01', deadline: '2018-06-30' });
    let created = 0;
    for (let round = 0; round < 4; round++) {
      const requestId = randomUUID();
      const rows = Array.from({ length: 120 }, () => ({ key: newKey(), values }));
      const copies = await Promise.all([rawPush(clerkJiexiu, rows, requestId), rawPush(clerkJiexiu, rows, requestId), rawPush(clerkJiexiu, rows, requestId)]);
      for (const c of copies) expect(c.result?.results.every((x) => x.status === 'created')).toBe(true);
      created += rows.length;
    }
    expect(await idsHandedOut(adminDb(), 'problems', JIEXIU_CODE, 2018)).toBe(created);
    const ids = (await adminDb().collection('problems').where('values.foundOn', '==', '2018-05-01').get()).docs.map((d) => d.id).sort();
    expect(ids).toEqual(Array.from({ length: created }, (_, i) => `P-${JIEXIU_CODE}-2018-${String(i + 1).padStart(6, '0')}`));
  });
});

// ---------------------------------------------------------------------------------------

describe("finding 4: ids outside the caller's county", () => {
  it("finding 4: an id outside the caller's county answers forbidden whether or not it exists, with one message", async () => {
    const [yuciRow] = (await push(clerkYuci, [{ key: newKey(), values: problem({ county: YUCI, group: '榆次区甲组' }) }])).results as PushOk[];
    const values = problem({ county: JIEXIU, group: '介休市甲组' });
    const results = await pushResults(clerkJiexiu, [
      { key: yuciRow!.key, id: yuciRow!.id, baseVersion: 1, values },
      { key: newKey(), id: yuciRow!.id, baseVersion: 1, values },
      { key: newKey(), id: `P-${YUCI_CODE}-2022-999990`, baseVersion: 1, values },
      { key: newKey(), id: yuciRow!.id, baseVersion: 1, withdraw: true },
      { key: newKey(), id: `P-${YUCI_CODE}-2022-999991`, baseVersion: 1, withdraw: true },
    ]);
    expect(results.map((r) => r.status)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    const messages = new Set(results.map((r) => (r as { message?: string }).message));
    expect(messages.size).toBe(1);
    expect([...messages][0]).toMatch(BILINGUAL);
  });

  it('finding 4: not_found only for an id the caller could see', async () => {
    const [r] = await pushResults(clerkJiexiu, [
      { key: newKey(), id: `P-${JIEXIU_CODE}-2022-999990`, baseVersion: 1, values: problem({ county: JIEXIU, group: '介休市甲组' }) },
    ]);
    expect(r!.status).toBe('not_found');
  });
});

// ---------------------------------------------------------------------------------------

describe("finding 5: a clerk's rows carry its own group", () => {
  it('finding 5: a new row naming another group is forbidden, field group', async () => {
    const key = newKey();
    const [r] = await pushResults(clerkYuci, [{ key, values: problem({ county: YUCI, group: '榆次区乙组' }) }]);
    expect(r).toMatchObject({ status: 'forbidden', fields: ['group'] });
    expect((r as { message: string }).message).toMatch(BILINGUAL);
    expect((await adminDb().doc(`problemsKeys/${clerkYuci.uid}:${key}`).get()).exists).toBe(false);
    const [own] = await pushResults(clerkYuci, [{ key: newKey(), values: problem({ county: YUCI, group: '榆次区甲组' }) }]);
    expect(own!.status).toBe('created');
    const [unnamed] = await pushResults(clerkYuci, [{ key: newKey(), values: problem({ county: YUCI, group: undefined }) }]);
    expect(unnamed).toMatchObject({ status: 'created', values: { group: '榆次区甲组' } });
  });

  it('finding 5: a push whose rows were all refused does not count as the group having reported', async () => {
    const clerk = await makeUser({ email: 'sec-clerk-yuci-silent@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区丙组' } });
    const today = todayInShanghai();
    const period = { from: addDays(today, -1), to: addDays(today, 1) };
    const reported = async () => (await loadActivity(adminDb(), period)).find((a) => a.group === '榆次区丙组')?.pushes ?? 0;
    const refused = await pushResults(clerk, [
      { key: newKey(), values: problem({ county: JIEXIU }) },
      { key: newKey(), values: problem({ county: YUCI, group: '榆次区甲组' }) },
      { key: newKey(), values: problem({ county: YUCI, group: undefined, targetName: undefined }) },
    ]);
    expect(refused.map((r) => r.status)).toEqual(['forbidden', 'forbidden', 'invalid']);
    expect(await reported()).toBe(0);
    await push(clerk, [{ key: newKey(), values: problem({ county: YUCI, group: '榆次区丙组' }) }]);
    expect(await reported()).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------

describe("finding 6: a row key never hands one account's row to another", () => {
  // Two clerks share a workbook: the partner got a copy before the first clerk's push had
  // written its ids into it, so the same row keys go out from both accounts. A key names a
  // row within one account's pushes (a lost answer's retry finds its row); the partner's
  // push of the same key stores the partner's own row, with the partner's values.
  it("finding 6: two accounts pushing the same key each get their own row, and neither's values are touched", async () => {
    const key = newKey('shared');
    const [mine] = (await push(clerkYuci, [{ key, values: problem({ county: YUCI, group: '榆次区甲组', targetName: '甲账户的企业' }) }])).results as PushOk[];
    const [theirs] = await pushResults(clerkYuciPartner, [{ key, values: problem({ county: YUCI, group: '榆次区甲组', targetName: '乙账户的企业' }) }]);
    expect(theirs).toMatchObject({ status: 'created', values: { targetName: '乙账户的企业' } });
    expect((theirs as PushOk).id).not.toBe(mine!.id);
    // Each account's retry of a lost answer still finds its own row, never a second one.
    const [mineAgain] = await pushResults(clerkYuci, [{ key, values: problem({ county: YUCI, group: '榆次区甲组', targetName: '甲账户的企业' }) }]);
    expect(mineAgain).toMatchObject({ status: 'created', id: mine!.id, values: { targetName: '甲账户的企业' } });
    const [theirsAgain] = await pushResults(clerkYuciPartner, [{ key, values: problem({ county: YUCI, group: '榆次区甲组', targetName: '乙账户的企业' }) }]);
    expect(theirsAgain).toMatchObject({ status: 'created', id: (theirs as PushOk).id });
    const stored = await adminDb().doc(`problems/${mine!.id}`).get();
    expect(stored.get('version')).toBe(1);
    expect(stored.get('values.targetName')).toBe('甲账户的企业');
  });
});

// ---------------------------------------------------------------------------------------

describe('finding 7: every token a client sends is checked', () => {
  const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  const cursors = [
    enc({ c: { s: 1e15, n: 0 } }),
    enc({ c: { s: -1e13, n: 0 } }),
    enc({ c: { s: 253402300800, n: 0 } }),
    enc({ c: { s: 1, n: 1e9 } }),
    enc({ c: { s: 1.5, n: 0 } }),
    enc({ c: { s: '1', n: 0 } }),
    enc([]),
    'not base64 at all ✓',
  ];
  const pages = [
    enc({ v: 1, cursor: { s: 1e15, n: 0 }, filter: '', afterId: 'P-140702-2022-000001' }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', afterId: 'a/b/c' }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', afterId: '' }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', afterId: '__x__' }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', afterId: 'x'.repeat(1600) }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', since: { s: 1, n: 0 }, afterId: 'P-140702-2022-000001', afterTime: { s: 1e15, n: 0 } }),
    enc({ v: 1, cursor: { s: 1, n: 0 }, filter: '', since: { s: -1e15, n: 0 }, afterId: 'P-140702-2022-000001', afterTime: { s: 1, n: 0 } }),
  ];

  it.each(cursors.map((c, i) => [i, c]))('finding 7: crafted since cursor %i answers invalid-argument', async (_i, since) => {
    const r = await callFn<PullAnswer>('pullRows', { ledger: 'problems', since }, admin.token);
    expect(r.error?.status).toBe('INVALID_ARGUMENT');
    expect(r.error?.message).toMatch(BILINGUAL);
  });

  it.each(pages.map((p, i) => [i, p]))('finding 7: crafted page token %i answers invalid-argument', async (_i, pageToken) => {
    const r = await callFn<PullAnswer>('pullRows', { ledger: 'problems', pageToken, ...(_i >= 5 && { since: enc({ c: { s: 1, n: 0 } }) }) }, admin.token);
    expect(r.error?.status).toBe('INVALID_ARGUMENT');
  });
});

// ---------------------------------------------------------------------------------------

describe('finding 13: a withdrawn row stops serving its values', () => {
  it('finding 13: a withdrawn row in a since-pull answers its id, version and withdrawn: true, nothing else', async () => {
    const [row] = (await push(clerkYuci, [{ key: newKey(), values: problem({ county: YUCI, group: '榆次区甲组', targetName: '撤回前的企业' }) }]))
      .results as PushOk[];
    const before = await callOk<PullAnswer>('pullRows', { ledger: 'problems' }, coordYuci.token);
    await push(clerkYuci, [{ key: row!.key, id: row!.id, baseVersion: 1, withdraw: true }]);
    for (const user of [coordYuci, clerkYuci, admin]) {
      const since = await callOk<PullAnswer>('pullRows', { ledger: 'problems', since: before.cursor }, user.token);
      const gone = since.rows.find((r) => r.id === row!.id);
      expect(gone).toEqual({ id: row!.id, version: 2, withdrawn: true });
    }
  });
});

// ---------------------------------------------------------------------------------------

describe('finding 15: App Check and calls per minute', () => {
  /** The callable error a handler throws (firebase-functions' HttpsError). */
  type Refusal = { code: string; message: string };
  const runProfile = () => getProfile.run({ data: {}, rawRequest: { body: { data: {} } } as never, acceptsStreaming: false });

  it('finding 15: one setting makes every callable refuse a request without App Check', async () => {
    const was = process.env.TAIZHANG_ENFORCE_APP_CHECK;
    try {
      process.env.TAIZHANG_ENFORCE_APP_CHECK = 'true';
      const err = await runProfile().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((err as Refusal).code).toBe('unauthenticated');
      expect((err as Refusal).message).toMatch(/App Check/);
      expect((err as Refusal).message).toMatch(BILINGUAL);
      delete process.env.TAIZHANG_ENFORCE_APP_CHECK;
      // Off (the emulators): the request goes on to the sign-in check.
      const off = await runProfile().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((off as Refusal).message).not.toMatch(/App Check/);
    } finally {
      if (was === undefined) delete process.env.TAIZHANG_ENFORCE_APP_CHECK;
      else process.env.TAIZHANG_ENFORCE_APP_CHECK = was;
    }
    // Off on the emulators: signed-in calls without App Check are served.
    expect((await callFn('getProfile', {}, admin.token)).error).toBeUndefined();
  });

  it("finding 15: an account's calls per minute are capped with a clear resource-exhausted answer", async () => {
    const user = await makeUser({ email: 'sec-coord-loop@taizhang.test', claims: { role: 'coordinator', county: YUCI } });
    // Not at the very end of a minute: the window must not turn over during the test.
    while (Date.now() % 60_000 > 45_000) await new Promise((r) => setTimeout(r, 1000));
    await rateWindowRef(adminDb(), user.uid, Date.now()).set({ calls: 1e9 }, { merge: true });
    const stats = () => callFn('getStats', { ledger: 'problems', groupBy: 'county' }, user.token);
    const refused = await stats();
    expect(refused.error?.status).toBe('RESOURCE_EXHAUSTED');
    expect(refused.error?.message).toMatch(BILINGUAL);
    const limit = (refused.error?.details as { limit?: number } | undefined)?.limit;
    expect(typeof limit).toBe('number');
    // A scripted loop gets the same answer every time; it costs no scan.
    const loop = [];
    for (let i = 0; i < 10; i++) loop.push(await stats());
    expect(loop.every((r) => r.error?.status === 'RESOURCE_EXHAUSTED')).toBe(true);
    const pulls = await callFn('pullRows', { ledger: 'problems' }, user.token);
    expect(pulls.error?.status).toBe('RESOURCE_EXHAUSTED');

    // Three calls left in this minute: three are served, the fourth is refused.
    await rateWindowRef(adminDb(), user.uid, Date.now()).set({ calls: limit! - 3 }, { merge: true });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await stats());
    expect(answers.map((r) => r.error?.status ?? 'OK')).toEqual(['OK', 'OK', 'OK', 'RESOURCE_EXHAUSTED']);
  });
});
