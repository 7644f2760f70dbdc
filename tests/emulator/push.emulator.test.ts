// pushRows against the real emulators (docs/api.md#pushrows): every status of the answer
// table, exactly-once replays, a lost answer, a push of several units, malformed and
// oversized requests, and callers without a token or without a usable role.
import { randomUUID } from 'node:crypto';
import { getLedger, parseRow } from '@taizhang/ledger';
import { adminDb, callFn, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { ISO_UTC, countDocs, create, dumpFirestore, newKey, onSiteProblem, problem, push, pushRaw, revisionsOf, type WireRow } from './fixtures';

const YUCI = '榆次区';
const CLERK_GROUP = '榆次区入企服务第1组';

let clerk: TestUser;
let admin: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [clerk, admin] = await Promise.all([
    makeUser({ email: 'push-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: CLERK_GROUP } }),
    makeUser({ email: 'push-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
});

afterAll(closeAdmin);

async function rowDoc(id: string) {
  const snap = await adminDb().collection('problems').doc(id).get();
  return { data: snap.data()!, updateTime: snap.updateTime! };
}

/** The message the ledger core gives for this field and code on these raw values. */
function coreError(values: Record<string, unknown>, field: string, code: string) {
  const e = parseRow(getLedger('problems'), values).errors.find((x) => x.field === field && x.code === code);
  if (!e) throw new Error(`the core reports no ${field}/${code} for ${JSON.stringify(values)}`);
  return { field, code, message: e.message };
}

describe('pushRows: the statuses of docs/api.md', () => {
  const key = newKey('status');
  let id: string;
  let v1: Record<string, unknown>;
  let v2: Record<string, unknown>;

  it('created: a new row is stored with canonical values, version 1 and a fresh id', async () => {
    // What a clerk types: an alias, slashes and Chinese dates, a spaced mobile number.
    const raw = { ...problem(), county: '榆次', foundOn: '2022/3/24', deadline: '2022年4月30日', phone: '139 1234 5678' };
    v1 = problem({ phone: '13912345678' });

    const { results } = await push(clerk, [{ key, values: raw }]);

    expect(results).toEqual([{ key, status: 'created', id: expect.stringMatching(/^P-140702-2022-\d{6}$/), version: 1, values: v1 }]);
    id = (results[0] as { id: string }).id;
    const { data } = await rowDoc(id);
    expect(data).toMatchObject({ id, key, version: 1, values: v1, withdrawn: false, createdBy: clerk.email, updatedBy: clerk.email });
  });

  it('updated: baseVersion equal to the stored version and other values → version + 1', async () => {
    v2 = { ...v1, status: '已解决', resolution: '已协调省级专家上门辅导', resolvedOn: '2022-04-10' };

    const { results } = await push(clerk, [{ key, id, baseVersion: 1, values: v2 }]);

    expect(results).toEqual([{ key, status: 'updated', id, version: 2, values: v2 }]);
    expect((await rowDoc(id)).data).toMatchObject({ version: 2, values: v2 });
  });

  it('unchanged: the same canonical values (however spelled) change nothing', async () => {
    const before = await rowDoc(id);
    const respelled = { ...v2, county: '榆次', resolvedOn: '2022.4.10', phone: '+86 139-1234-5678' };

    const { results } = await push(clerk, [{ key, id, baseVersion: 2, values: respelled }]);

    expect(results).toEqual([{ key, status: 'unchanged', id, version: 2 }]);
    const after = await rowDoc(id);
    expect(after.updateTime.isEqual(before.updateTime)).toBe(true);
    expect(await revisionsOf('problems', id)).toHaveLength(2);
  });

  it('conflict: an older baseVersion answers the current version, values, updatedAt and updatedBy', async () => {
    const before = await rowDoc(id);

    const { results } = await push(clerk, [{ key, id, baseVersion: 1, values: { ...v1, remarks: '旧版本上的修改' } }]);

    expect(results).toEqual([
      {
        key,
        status: 'conflict',
        id,
        current: expect.objectContaining({
          version: 2,
          values: v2,
          updatedAt: before.data.updatedAt.toDate().toISOString(),
          updatedBy: clerk.email,
        }),
      },
    ]);
    expect((results[0] as { current: { updatedAt: string } }).current.updatedAt).toMatch(ISO_UTC);
    expect((await rowDoc(id)).updateTime.isEqual(before.updateTime)).toBe(true);
  });

  it('conflict also for a withdraw on an older baseVersion', async () => {
    const { results } = await push(clerk, [{ key, id, baseVersion: 1, withdraw: true }]);

    expect(results).toEqual([{ key, status: 'conflict', id, current: expect.objectContaining({ version: 2, values: v2 }) }]);
    expect((await rowDoc(id)).data).toMatchObject({ version: 2, withdrawn: false });
  });

  it('withdrawn: withdraw with the matching baseVersion → version + 1, the row marked withdrawn', async () => {
    const { results } = await push(clerk, [{ key, id, baseVersion: 2, withdraw: true }]);

    expect(results).toEqual([{ key, status: 'withdrawn', id, version: 3 }]);
    expect((await rowDoc(id)).data).toMatchObject({ version: 3, withdrawn: true, values: v2 });
  });

  it('a withdrawn row is not brought back by an update', async () => {
    const before = await rowDoc(id);

    const { results } = await push(clerk, [{ key, id, baseVersion: 3, values: { ...v2, remarks: '撤回后再改' } }]);

    expect(results[0]!.status).not.toBe('updated');
    const after = await rowDoc(id);
    expect(after.updateTime.isEqual(before.updateTime)).toBe(true);
    expect(after.data).toMatchObject({ version: 3, withdrawn: true });
  });

  it('invalid: each defect answers errors [{ field, code, message }] with the codes of docs/ledgers.md', async () => {
    const cases: { values: Record<string, unknown>; field: string; code: string }[] = [
      { values: problem({ targetName: undefined }), field: 'targetName', code: 'required' },
      { values: problem({ department: undefined }), field: 'department', code: 'required' },
      { values: problem({ foundOn: '去年三月' }), field: 'foundOn', code: 'type' },
      { values: problem({ sector: '制造业' }), field: 'sector', code: 'enum' },
      { values: problem({ county: '太原市' }), field: 'county', code: 'enum' },
      { values: problem({ remarks: '备'.repeat(501) }), field: 'remarks', code: 'too_long' },
      { values: problem({ description: '太短' }), field: 'description', code: 'too_short' },
      { values: problem({ foundOn: '2099-01-01', deadline: '2099-02-01' }), field: 'foundOn', code: 'range' },
      { values: problem({ foundOn: '1999-12-31' }), field: 'foundOn', code: 'range' },
      { values: problem({ phone: '12345' }), field: 'phone', code: 'format' },
      { values: problem({ creditCode: '91350100M000100Y44' }), field: 'creditCode', code: 'checksum' },
      { values: problem({ level: '现场解决', department: undefined, status: '办理中' }), field: 'status', code: 'rule' },
      { values: problem({ deadline: '2022-03-01' }), field: 'deadline', code: 'rule' },
      {
        values: problem({ targetType: '进村', township: '东阳镇', targetName: '杜堡村', creditCode: '91350100M000100Y43' }),
        field: 'creditCode',
        code: 'rule',
      },
      { values: { ...problem(), 问题来源: '走访' }, field: '问题来源', code: 'unknown' },
    ];
    const rowsBefore = await countDocs('problems');
    const goodKey = newKey('good');
    const rows: WireRow[] = cases.map((c, i) => ({ key: `invalid-${i}-${randomUUID()}`, values: c.values }));
    rows.splice(5, 0, { key: goodKey, values: problem({ remarks: '同批的一行有效数据' }) });

    const { results } = await push(clerk, rows);

    expect(results).toHaveLength(rows.length);
    expect(results[5]).toMatchObject({ key: goodKey, status: 'created' });
    const invalid = results.filter((_, i) => i !== 5);
    invalid.forEach((r, i) => {
      const c = cases[i]!;
      expect(r).toEqual({ key: rows[i < 5 ? i : i + 1]!.key, status: 'invalid', errors: [expect.objectContaining(coreError(c.values, c.field, c.code))] });
      const message = (r as { errors: { message: string }[] }).errors[0]!.message;
      expect(message).toMatch(/[\u4e00-\u9fff]/); // Chinese …
      expect(message).toMatch(/[A-Za-z]{3}/); // … then English
    });
    expect(await countDocs('problems')).toBe(rowsBefore + 1);
  });

  it('invalid on an update names the id and changes nothing', async () => {
    const [row] = await create(clerk, [problem()]);
    const before = await rowDoc(row!.id);

    const { results } = await push(clerk, [{ key: row!.key, id: row!.id, baseVersion: 1, values: problem({ status: '已完成' }) }]);

    expect(results).toEqual([{ key: row!.key, status: 'invalid', id: row!.id, errors: [expect.objectContaining({ field: 'status', code: 'enum' })] }]);
    expect((await rowDoc(row!.id)).updateTime.isEqual(before.updateTime)).toBe(true);
  });

  it('forbidden: a clerk’s row in another county is refused with a message; the rest of the push goes on', async () => {
    const rowsBefore = await countDocs('problems');
    const bad = newKey('jiexiu');
    const good = newKey('yuci');

    const { results } = await push(clerk, [
      { key: bad, values: problem({ county: '介休市' }) },
      { key: good, values: problem() },
    ]);

    expect(results[0]).toEqual({ key: bad, status: 'forbidden', message: expect.stringMatching(/介休市/) });
    expect(results[1]).toMatchObject({ key: good, status: 'created' });
    expect(await countDocs('problems')).toBe(rowsBefore + 1);
    expect((await adminDb().collection('problemsKeys').doc(bad).get()).exists).toBe(false);
  });

  it('not_found: an id that names no row', async () => {
    const k = newKey('ghost');
    const rowsBefore = await countDocs('problems');

    const { results } = await push(clerk, [{ key: k, id: 'P-140702-2022-999999', baseVersion: 1, values: problem() }]);

    expect(results).toEqual([expect.objectContaining({ key: k, status: 'not_found', id: 'P-140702-2022-999999' })]);
    expect(await countDocs('problems')).toBe(rowsBefore);
  });

  it('an empty push is answered with no results', async () => {
    const before = await countDocs('problems');

    const { results } = await push(clerk, []);

    expect(results).toEqual([]);
    expect(await countDocs('problems')).toBe(before);
  });
});

describe('pushRows: exactly once', () => {
  it('replaying a requestId returns exactly the first answer and changes nothing', async () => {
    const [existing] = await create(clerk, [problem({ description: '重放测试：已有的一行' })]);
    const rows: WireRow[] = [
      { key: newKey('new'), values: problem({ description: '重放测试：新的一行' }) },
      { key: existing!.key, id: existing!.id, baseVersion: 1, values: { ...existing!.values, status: '待办理' } },
      { key: newKey('bad'), values: problem({ sector: '制造业' }) },
      { key: newKey('other'), values: problem({ county: '介休市' }) },
      { key: newKey('ghost'), id: 'P-140702-2022-888888', baseVersion: 4, values: problem() },
    ];
    const first = await push(clerk, rows);
    expect(first.results.map((r) => r.status)).toEqual(['created', 'updated', 'invalid', 'forbidden', 'not_found']);
    const snapshot = await dumpFirestore();

    const replay = await push(clerk, rows, { requestId: first.requestId });

    expect(replay.results).toEqual(first.results);
    expect(await dumpFirestore()).toEqual(snapshot);
    expect(await revisionsOf('problems', existing!.id)).toHaveLength(2);
  });

  it('a replay answers the first answer even after the row changed since', async () => {
    const key = newKey('replay');
    const values = problem({ description: '重放测试：之后被改过的一行' });
    const first = await push(clerk, [{ key, values }]);
    const created = first.results[0] as { id: string };
    await push(clerk, [{ key, id: created.id, baseVersion: 1, values: { ...values, status: '待办理' } }]);
    const snapshot = await dumpFirestore();

    const replay = await push(clerk, [{ key, values }], { requestId: first.requestId });

    expect(replay.results).toEqual(first.results);
    expect(replay.results[0]).toMatchObject({ status: 'created', version: 1, values });
    expect(await dumpFirestore()).toEqual(snapshot);
    expect((await rowDoc(created.id)).data.version).toBe(2);
  });

  it('a lost answer: the same key under a new requestId answers created with the same id, no second row', async () => {
    const key = newKey('lost');
    const values = problem({ description: '应答丢失后重新上报的一行' });
    const first = await push(clerk, [{ key, values }]);
    const id = (first.results[0] as { id: string }).id;
    const rowsBefore = await countDocs('problems');
    const keysBefore = await countDocs('problemsKeys');

    const again = await push(clerk, [{ key, values }]); // a new requestId

    expect(again.requestId).not.toBe(first.requestId);
    expect(again.results).toEqual([{ key, status: 'created', id, version: 1, values }]);
    expect(await countDocs('problems')).toBe(rowsBefore);
    expect(await countDocs('problemsKeys')).toBe(keysBefore);
    expect(await revisionsOf('problems', id)).toHaveLength(1);
    const sameKey = await adminDb().collection('problems').where('key', '==', key).get();
    expect(sameKey.size).toBe(1);
  });

  it('a push of 120 rows is stored in 3 units, and its replay answers all 120 and changes nothing', async () => {
    const rows: WireRow[] = Array.from({ length: 120 }, (_, i) => ({
      key: `bulk-${String(i).padStart(3, '0')}-${randomUUID()}`,
      values: problem({ county: i % 2 === 0 ? '榆次区' : '介休市', description: `批量上报的第 ${i + 1} 行问题` }),
    }));
    const rowsBefore = await countDocs('problems');

    const first = await push(admin, rows);

    expect(first.results).toHaveLength(120);
    expect(first.results.map((r) => r.key)).toEqual(rows.map((r) => r.key));
    expect(first.results.every((r) => r.status === 'created')).toBe(true);
    const ids = first.results.map((r) => (r as { id: string }).id);
    expect(new Set(ids).size).toBe(120);
    expect(await countDocs('problems')).toBe(rowsBefore + 120);
    const units = await adminDb().collection(`requests/${admin.uid}-${first.requestId}/units`).orderBy('__name__').get();
    expect(units.docs.map((d) => d.id)).toEqual(['000', '001', '002']);
    expect(units.docs.map((d) => (d.get('keys') as string[]).length)).toEqual([50, 50, 20]);
    const snapshot = await dumpFirestore();

    const replay = await push(admin, rows, { requestId: first.requestId });

    expect(replay.results).toEqual(first.results);
    expect(await dumpFirestore()).toEqual(snapshot);
  });

  it('a push that stopped after its first unit is completed by its retry: unit 0 answered as before, the rest stored once', async () => {
    const rows: WireRow[] = Array.from({ length: 70 }, (_, i) => ({
      key: `resume-${String(i).padStart(3, '0')}-${randomUUID()}`,
      values: problem({ description: `中断后续传的第 ${i + 1} 行问题` }),
    }));
    const rowsBefore = await countDocs('problems');
    // What a push that died after committing unit 0 leaves behind: exactly unit 0's work.
    const partial = await push(admin, rows.slice(0, 50));
    expect(await countDocs('problems')).toBe(rowsBefore + 50);

    const retry = await push(admin, rows, { requestId: partial.requestId });

    expect(retry.results).toHaveLength(70);
    expect(retry.results.slice(0, 50)).toEqual(partial.results);
    expect(retry.results.slice(50).every((r) => r.status === 'created')).toBe(true);
    expect(await countDocs('problems')).toBe(rowsBefore + 70);
    const snapshot = await dumpFirestore();
    expect((await push(admin, rows, { requestId: partial.requestId })).results).toEqual(retry.results);
    expect(await dumpFirestore()).toEqual(snapshot);
  });

  it('two copies of one request racing each other store the rows once and answer alike', async () => {
    const rows = Array.from({ length: 3 }, () => ({ key: newKey('race'), values: problem({ description: '同一请求并发两次' }) }));
    const requestId = randomUUID();
    const rowsBefore = await countDocs('problems');

    const [a, b] = await Promise.all([push(clerk, rows, { requestId }), push(clerk, rows, { requestId })]);

    expect(a.results).toEqual(b.results);
    expect(a.results.every((r) => r.status === 'created')).toBe(true);
    expect(await countDocs('problems')).toBe(rowsBefore + 3);
  });

  it('two requests with the same new key racing each other create one row and both answer its id', async () => {
    const key = newKey('samekey');
    const values = problem({ description: '同一行键被两个请求同时上报' });
    const rowsBefore = await countDocs('problems');

    const [a, b] = await Promise.all([push(clerk, [{ key, values }]), push(clerk, [{ key, values }])]);

    expect(a.results[0]).toMatchObject({ key, status: 'created' });
    expect(b.results[0]).toEqual(a.results[0]);
    expect(await countDocs('problems')).toBe(rowsBefore + 1);
  });

  it('the same requestId with other rows is refused and writes nothing', async () => {
    const first = await push(clerk, [{ key: newKey('a'), values: problem() }]);
    const snapshot = await dumpFirestore();

    const res = await pushRaw(clerk, { ledger: 'problems', requestId: first.requestId, rows: [{ key: newKey('b'), values: problem() }] });

    expect(res.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(await dumpFirestore()).toEqual(snapshot);
  });

  it('a requestId belongs to its account: another account’s push with the same requestId is its own', async () => {
    const requestId = randomUUID();
    const mine = await push(clerk, [{ key: newKey('mine'), values: problem() }], { requestId });

    const theirs = await push(admin, [{ key: newKey('theirs'), values: problem({ county: '介休市' }) }], { requestId });

    expect(mine.results[0]!.status).toBe('created');
    expect(theirs.results[0]).toMatchObject({ status: 'created', id: expect.stringMatching(/^P-140781-/) });
  });
});

describe('pushRows: malformed and oversized requests fail invalid-argument and write nothing', () => {
  const ok = () => ({ key: newKey('m'), values: problem() });
  const cases: [string, () => unknown][] = [
    ['not an object (a string)', () => 'rows please'],
    ['not an object (an array)', () => [ok()]],
    ['null', () => null],
    ['rows not an array', () => ({ ledger: 'problems', requestId: randomUUID(), rows: { 0: ok() } })],
    ['rows missing', () => ({ ledger: 'problems', requestId: randomUUID() })],
    ['a row without key', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [ok(), { values: problem() }] })],
    ['a row that is not an object', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [ok(), 'row'] })],
    ['a key with characters a document id cannot hold', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ key: 'a/b', values: problem() }] })],
    ['no requestId', () => ({ ledger: 'problems', rows: [ok()] })],
    ['a bad requestId', () => ({ ledger: 'problems', requestId: 'x/1', rows: [ok()] })],
    ['a requestId that is not a string', () => ({ ledger: 'problems', requestId: 12345678, rows: [ok()] })],
    ['an unknown ledger', () => ({ ledger: 'meetings', requestId: randomUUID(), rows: [ok()] })],
    ['id without baseVersion', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ ...ok(), id: 'P-140702-2022-000001' }] })],
    ['baseVersion without id', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ ...ok(), baseVersion: 1 }] })],
    ['a malformed id', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ ...ok(), id: 'P-1-2022-1', baseVersion: 1 }] })],
    ['withdraw without id', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ key: newKey('w'), withdraw: true }] })],
    ['values that are not an object', () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ key: newKey('v'), values: ['榆次区'] }] })],
    [
      'duplicate keys',
      () => {
        const a = ok();
        return { ledger: 'problems', requestId: randomUUID(), rows: [a, ok(), { key: a.key, values: problem({ remarks: '同键' }) }] };
      },
    ],
    ['501 rows', () => ({ ledger: 'problems', requestId: randomUUID(), rows: Array.from({ length: 501 }, ok) })],
    [
      'more than 4 MiB of JSON',
      () => ({
        ledger: 'problems',
        requestId: randomUUID(),
        rows: Array.from({ length: 5 }, () => ({ ...ok(), values: problem({ remarks: 'x'.repeat(900_000) }) })),
      }),
    ],
    [
      'one row just over 4 MiB',
      () => ({
        ledger: 'problems',
        requestId: randomUUID(),
        rows: [{ key: newKey('big'), values: problem({ remarks: 'x'.repeat(4 * 1024 * 1024) }) }],
      }),
    ],
  ];

  let snapshot: Awaited<ReturnType<typeof dumpFirestore>>;
  beforeAll(async () => {
    snapshot = await dumpFirestore();
  });

  it.each(cases)('%s', async (_name, data) => {
    const res = await pushRaw(clerk, data());

    expect(res.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(res.error!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await dumpFirestore()).toEqual(snapshot);
  });

  it('500 rows are accepted (the limit itself)', async () => {
    const rows = Array.from({ length: 500 }, () => ({ key: newKey('limit'), values: problem({ county: '介休市' }) }));

    const { results } = await push(clerk, rows);

    expect(results).toHaveLength(500);
    expect(results.every((r) => r.status === 'forbidden')).toBe(true);
  });

  it('a request just under 4 MiB is accepted (its oversized text is an invalid row, not a refused call)', async () => {
    const key = newKey('almost');
    const rows = [{ key, values: problem({ remarks: 'x'.repeat(4 * 1024 * 1024 - 2000) }) }];

    const { results } = await push(clerk, rows);

    expect(results).toEqual([{ key, status: 'invalid', errors: [expect.objectContaining({ field: 'remarks', code: 'too_long' })] }]);
  });
});

describe('pushRows: who may call', () => {
  const request = () => ({ ledger: 'problems', requestId: randomUUID(), rows: [{ key: newKey('who'), values: problem() }] });
  let snapshot: Awaited<ReturnType<typeof dumpFirestore>>;

  beforeAll(async () => {
    snapshot = await dumpFirestore();
  });
  afterEach(async () => {
    expect(await dumpFirestore()).toEqual(snapshot);
  });

  it('without a token: unauthenticated', async () => {
    expect((await pushRaw(undefined, request())).error).toMatchObject({ status: 'UNAUTHENTICATED' });
  });

  // A garbage token cannot be tested here: the Functions emulator decodes ID tokens without
  // verifying them (helpers.ts), so it reaches the handler as an account without email.

  it.each([
    ['no claims at all', 'push-norole@taizhang.test', {}],
    ['an unknown role', 'push-superuser@taizhang.test', { role: 'superuser', county: YUCI, group: 'G' }],
    ['a clerk without a county', 'push-nocounty@taizhang.test', { role: 'clerk', group: CLERK_GROUP }],
    ['a clerk without a group', 'push-nogroup@taizhang.test', { role: 'clerk', county: YUCI }],
    ['a clerk with an unknown county', 'push-badcounty@taizhang.test', { role: 'clerk', county: '太原市', group: 'G' }],
  ])('an account with %s: permission-denied, for pushRows, pullRows and getStats', async (_name, email, claims) => {
    const user = await makeUser({ email, claims });

    expect((await pushRaw(user, request())).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    expect((await callFn('pullRows', { ledger: 'problems' }, user.token)).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    expect((await callFn('getStats', { ledger: 'problems', groupBy: 'county' }, user.token)).error).toMatchObject({ status: 'PERMISSION_DENIED' });
  });

  it('pullRows and getStats without a token: unauthenticated', async () => {
    expect((await callFn('pullRows', { ledger: 'problems' })).error).toMatchObject({ status: 'UNAUTHENTICATED' });
    expect((await callFn('getStats', { ledger: 'problems', groupBy: 'county' })).error).toMatchObject({ status: 'UNAUTHENTICATED' });
  });
});

// A row resolved on the spot needs neither department nor deadline: a sanity check that the
// fixture itself is valid, so the cases above fail only for their one defect.
it('the fixtures are valid rows', () => {
  expect(parseRow(getLedger('problems'), problem(), { today: '2022-12-31' }).errors).toEqual([]);
  expect(parseRow(getLedger('problems'), onSiteProblem(), { today: '2022-12-31' }).errors).toEqual([]);
});
