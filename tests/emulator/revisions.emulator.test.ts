// Revisions and ids against the real emulators (docs/ledgers.md#row-ids and
// docs/data-model.md#rows-and-their-revisions): {ledger}/{id}/revisions/{version padded to 6} holds
// who, when, which request and the fields that changed; ids carry the county's code and the
// year of the row's date, and their sequences increase per county and year, never reused.
import { Timestamp } from 'firebase-admin/firestore';
import { getLedger, type LivePulledRow } from '@taizhang/ledger';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { PROBLEM_ID, VISIT_ID, create, newKey, onSiteProblem, problem, pullAll, push, revisionsOf, visit, type PushOk } from './fixtures';

const YUCI = '榆次区';
const JIEXIU = '介休市';

let clerk: TestUser;
let admin: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [clerk, admin] = await Promise.all([
    makeUser({ email: 'revisions-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区入企服务第1组' } }),
    makeUser({ email: 'revisions-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
});

afterAll(closeAdmin);

/** Sequence number of an id. */
const seq = (id: string): number => Number(id.slice(-6));

describe('revisions', () => {
  let row: PushOk;
  const requests: string[] = [];

  it('a created row has revision 000001: action created, by, at, requestId, every field as new', async () => {
    const values = problem({ group: undefined, contact: '王建国', phone: '13912345678' });
    const key = newKey('rev');
    const { results, requestId } = await push(clerk, [{ key, values }]);
    row = results[0] as PushOk;
    requests.push(requestId);

    const revs = await revisionsOf('problems', row.id);
    expect(revs.map((r) => r.id)).toEqual(['000001']);
    const rev = revs[0]!.data;
    expect(rev).toMatchObject({ version: 1, action: 'created', by: clerk.email, requestId, key });
    expect(rev.at).toBeInstanceOf(Timestamp);
    // Every stored field, in the ledger's column order, with only a new value.
    const expected = getLedger('problems')
      .fields.filter((f) => row.values[f.key] !== undefined)
      .map((f) => ({ field: f.key, new: row.values[f.key] }));
    expect(rev.changes).toEqual(expected);
    expect(rev.changes).toContainEqual({ field: 'group', new: '榆次区入企服务第1组' });
    // `at` is the commit time the row itself records.
    const doc = (await adminDb().collection('problems').doc(row.id).get()).data()!;
    expect((rev.at as Timestamp).isEqual(doc.updatedAt)).toBe(true);
    expect((rev.at as Timestamp).isEqual(doc.createdAt)).toBe(true);
  });

  it('an update appends the next revision with only the changed fields, old → new (and removed fields)', async () => {
    const values = { ...row.values, status: '已解决', resolution: '已协调解决', resolvedOn: '2022-04-10' } as Record<string, unknown>;
    delete values.deadline;
    delete values.phone;
    const { results, requestId } = await push(clerk, [{ key: row.key, id: row.id, baseVersion: 1, values }]);
    expect(results[0]).toMatchObject({ status: 'updated', version: 2 });
    requests.push(requestId);

    const revs = await revisionsOf('problems', row.id);
    expect(revs.map((r) => r.id)).toEqual(['000001', '000002']);
    expect(revs[1]!.data).toMatchObject({ version: 2, action: 'updated', by: clerk.email, requestId, key: row.key });
    expect(revs[1]!.data.changes).toEqual([
      { field: 'deadline', old: '2022-04-30' },
      { field: 'status', old: '办理中', new: '已解决' },
      { field: 'resolution', new: '已协调解决' },
      { field: 'resolvedOn', new: '2022-04-10' },
      { field: 'phone', old: '13912345678' },
    ]);
  });

  it('an unchanged push, a conflict, an invalid or a forbidden row append nothing', async () => {
    const current = (await adminDb().collection('problems').doc(row.id).get()).data()!;
    await push(clerk, [{ key: row.key, id: row.id, baseVersion: 2, values: current.values }]); // unchanged
    await push(clerk, [{ key: row.key, id: row.id, baseVersion: 1, values: problem() }]); // conflict
    await push(clerk, [{ key: row.key, id: row.id, baseVersion: 2, values: { ...current.values, status: '？' } }]); // invalid
    await push(clerk, [{ key: row.key, id: row.id, baseVersion: 2, values: { ...current.values, county: JIEXIU } }]); // forbidden

    expect((await revisionsOf('problems', row.id)).map((r) => r.id)).toEqual(['000001', '000002']);
  });

  it('a withdraw appends a withdrawn revision; by another account it names that account', async () => {
    const { results, requestId } = await push(admin, [{ key: row.key, id: row.id, baseVersion: 2, withdraw: true }]);
    expect(results[0]).toMatchObject({ status: 'withdrawn', version: 3 });

    const revs = await revisionsOf('problems', row.id);
    expect(revs.map((r) => r.id)).toEqual(['000001', '000002', '000003']);
    expect(revs[2]!.data).toMatchObject({ version: 3, action: 'withdrawn', by: admin.email, requestId, changes: [] });
    const ats = revs.map((r) => (r.data.at as Timestamp).toMillis());
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(new Set([...requests, requestId]).size).toBe(3);
  });

  it('revision times are the updatedAt a since-pull reports', async () => {
    const { cursor } = await pullAll(admin, {});
    const [r] = await create(admin, [onSiteProblem({ group: '市级', description: '修订时间与拉取时间一致' })]);

    const { rows } = await pullAll(admin, { since: cursor });
    const rev = (await revisionsOf('problems', r!.id))[0]!.data;

    expect(rows.map((x) => x.id)).toEqual([r!.id]);
    expect((rows[0] as LivePulledRow).updatedAt).toBe((rev.at as Timestamp).toDate().toISOString());
  });

  it('visits have revisions too', async () => {
    const [v] = await create(admin, [visit({ county: JIEXIU, group: '介休走访组' })], 'visits');
    const { results } = await push(admin, [{ key: v!.key, id: v!.id, baseVersion: 1, values: { ...v!.values, staff: 4 } }], { ledger: 'visits' });
    expect(results[0]!.status).toBe('updated');

    const revs = await revisionsOf('visits', v!.id);
    expect(revs.map((r) => [r.id, r.data.action])).toEqual([
      ['000001', 'created'],
      ['000002', 'updated'],
    ]);
    expect(revs[1]!.data.changes).toEqual([{ field: 'staff', old: 3, new: 4 }]);
  });
});

describe('ids', () => {
  beforeAll(clearFirestore);

  it('carry the county’s code and the year of foundOn, numbered per county and year in row order', async () => {
    const rows = await create(admin, [
      problem({ description: '榆次区2022第一个' }),
      problem({ county: JIEXIU, description: '介休市2022第一个' }),
      problem({ description: '榆次区2022第二个' }),
      problem({ foundOn: '2021-12-31', deadline: '2022-01-31', description: '榆次区2021第一个' }),
      problem({ county: JIEXIU, description: '介休市2022第二个' }),
      problem({ description: '榆次区2022第三个' }),
    ]);

    for (const r of rows) expect(r.id).toMatch(PROBLEM_ID);
    expect(rows.map((r) => r.id)).toEqual([
      'P-140702-2022-000001',
      'P-140781-2022-000001',
      'P-140702-2022-000002',
      'P-140702-2021-000001',
      'P-140781-2022-000002',
      'P-140702-2022-000003',
    ]);
  });

  it('keep increasing across separate pushes, and a withdrawn row’s number is never given again', async () => {
    const [a] = await create(clerk, [problem({ description: '第二次上报' })]);
    // Another account draws from another shard of the county's year (docs/ids.md): a later number, not the next one.
    expect(a!.id).toMatch(/^P-140702-2022-\d{6}$/);
    expect(seq(a!.id)).toBeGreaterThan(3);
    await push(clerk, [{ key: a!.key, id: a!.id, baseVersion: 1, withdraw: true }]);

    const [b] = await create(clerk, [problem({ description: '第三次上报' })]);
    const [c] = await create(admin, [problem({ county: JIEXIU, description: '介休市第三个' })]);

    expect(seq(b!.id)).toBeGreaterThan(seq(a!.id));
    expect(b!.id).toMatch(/^P-140702-2022-\d{6}$/);
    expect(seq(c!.id)).toBeGreaterThan(2);
    expect(c!.id).toMatch(/^P-140781-2022-\d{6}$/);
  });

  it('visits: V-<county code>-<year of visitedOn>-<sequence>, a sequence of their own', async () => {
    const rows = await create(
      admin,
      [visit({ county: JIEXIU, group: '介休走访组' }), visit({ visitedOn: '2021-06-01' }), visit({ county: JIEXIU, group: '介休走访组' })],
      'visits',
    );

    for (const r of rows) expect(r.id).toMatch(VISIT_ID);
    expect(rows.map((r) => r.id)).toEqual(['V-140781-2022-000001', 'V-140702-2021-000001', 'V-140781-2022-000002']);
  });

  it('concurrent pushes in the same county and year never share a number', async () => {
    const batch = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ key: newKey(tag), values: problem({ description: `并发上报${tag}第${i + 1}个` }) }));
    const [p, q, r] = await Promise.all([push(clerk, batch(60, 'p')), push(admin, batch(60, 'q')), push(admin, batch(5, 'r'))]);

    const ids = [...p.results, ...q.results, ...r.results].map((x) => {
      expect(x.status).toBe('created');
      return (x as PushOk).id;
    });
    expect(new Set(ids).size).toBe(125);
    for (const id of ids) expect(id).toMatch(/^P-140702-2022-\d{6}$/);
    // Within one push, numbers increase in row order.
    for (const res of [p, q, r]) {
      const s = res.results.map((x) => seq((x as PushOk).id));
      expect(s).toEqual([...s].sort((x, y) => x - y));
    }
    const stored = await adminDb().collection('problems').where('values.county', '==', YUCI).get();
    expect(new Set(stored.docs.map((d) => d.id)).size).toBe(stored.size);
  });
});
