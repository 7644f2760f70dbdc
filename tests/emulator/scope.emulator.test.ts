// Scope against the real emulators, one cell of the table in docs/api.md#scope at a
// time: who may push new rows, who may update or withdraw which rows, and what pullRows and
// getStats show to whom.
import { isLivePulledRow } from '@taizhang/ledger';
import type { PushResult } from '../../functions/src/push/types';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { byId, countDocs, create, newKey, problem, pull, pullAll, push, stats, type PushOk } from './fixtures';

const YUCI = '榆次区';
const JIEXIU = '介休市';

let clerkA: TestUser; // 榆次区, group YA
let clerkA2: TestUser; // 榆次区, the same group YA
let clerkB: TestUser; // 榆次区, group YB
let clerkJ: TestUser; // 介休市, group JA
let coordYuci: TestUser; // a county coordinator
let coordCity: TestUser; // a city coordinator (no county)
let admin: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [clerkA, clerkA2, clerkB, clerkJ, coordYuci, coordCity, admin] = await Promise.all([
    makeUser({ email: 'scope-clerk-a@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区第A组' } }),
    makeUser({ email: 'scope-clerk-a2@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区第A组' } }),
    makeUser({ email: 'scope-clerk-b@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区第B组' } }),
    makeUser({ email: 'scope-clerk-j@taizhang.test', claims: { role: 'clerk', county: JIEXIU, group: '介休市第J组' } }),
    makeUser({ email: 'scope-coord-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'scope-coord-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'scope-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
});

afterAll(closeAdmin);

async function stored(id: string) {
  return (await adminDb().collection('problems').doc(id).get()).data()!;
}

/** One update (or withdraw) of a row at its current version; returns the one result. */
async function modify(user: TestUser, row: PushOk, change: Record<string, unknown> | 'withdraw'): Promise<PushResult> {
  const doc = await stored(row.id);
  const base = { key: row.key, id: row.id, baseVersion: doc.version as number };
  const wire = change === 'withdraw' ? { ...base, withdraw: true } : { ...base, values: { ...doc.values, ...change } };
  const { results } = await push(user, [wire]);
  return results[0]!;
}

/** A problem of `user`'s own group (a clerk's new rows name it). */
function mine(user: TestUser, overrides: Record<string, string | number | undefined> = {}) {
  return problem({ group: user.claims.group, ...overrides });
}

async function createOne(user: TestUser, values: Record<string, string | number>): Promise<PushOk> {
  return (await create(user, [values as never]))[0]!;
}

describe('push new rows', () => {
  it('a clerk: a new row names its own group; another group name is forbidden, field group', async () => {
    const row = await createOne(clerkA, problem({ group: '榆次区第A组' }));
    expect(await stored(row.id)).toMatchObject({ ownerGroup: '榆次区第A组', createdBy: clerkA.email });

    const { results } = await push(clerkA, [{ key: newKey(), values: problem({ group: '临时联合工作组' }) }]);
    expect(results).toEqual([expect.objectContaining({ status: 'forbidden', fields: ['group'] })]);
  });

  it('a clerk: group defaults to its own when absent (or blank)', async () => {
    const { results } = await push(clerkA, [
      { key: newKey(), values: problem({ group: undefined }) },
      { key: newKey(), values: problem({ group: '  ' }) },
    ]);

    expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    expect(results.map((r) => (r as PushOk).values.group)).toEqual(['榆次区第A组', '榆次区第A组']);
  });

  it('a clerk: another county is forbidden and nothing is stored', async () => {
    const before = await countDocs('problems');
    const key = newKey();

    const { results } = await push(clerkA, [{ key, values: problem({ county: JIEXIU }) }]);

    expect(results).toEqual([{ key, status: 'forbidden', message: expect.any(String) }]);
    expect(await countDocs('problems')).toBe(before);
  });

  it('a county coordinator: in its county only', async () => {
    const { results } = await push(coordYuci, [
      { key: newKey(), values: problem({ group: '县级协调' }) },
      { key: newKey(), values: problem({ county: JIEXIU, group: '县级协调' }) },
    ]);

    expect(results.map((r) => r.status)).toEqual(['created', 'forbidden']);
  });

  it('a city coordinator and an admin: every county', async () => {
    for (const user of [coordCity, admin]) {
      const { results } = await push(user, [
        { key: newKey(), values: problem({ group: '市级' }) },
        { key: newKey(), values: problem({ county: JIEXIU, group: '市级' }) },
        { key: newKey(), values: problem({ county: '平遥县', group: '市级' }) },
      ]);
      expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created']);
    }
  });

  it('a coordinator or admin must name the group (no default of its own)', async () => {
    const { results } = await push(coordCity, [{ key: newKey(), values: problem({ group: undefined }) }]);

    expect(results[0]).toMatchObject({ status: 'invalid', errors: [expect.objectContaining({ field: 'group', code: 'required' })] });
  });
});

describe('update and withdraw', () => {
  let rowA: PushOk; // created by group A, its group column naming group B
  let rowB: PushOk; // created by group B
  let rowCoord: PushOk; // created by the county coordinator in 榆次区
  let rowJ: PushOk; // created by an admin in 介休市

  beforeAll(async () => {
    rowA = await createOne(clerkA, problem({ group: '榆次区第A组', description: 'A组录入、工作组列写B组的问题' }));
    // A row stored before a clerk's new rows had to name its own group: group A's, naming B.
    await adminDb().collection('problems').doc(rowA.id).update({ 'values.group': '榆次区第B组' });
    rowB = await createOne(clerkB, mine(clerkB, { description: 'B组录入的问题' }));
    rowCoord = await createOne(coordYuci, problem({ group: '县级协调', description: '县协调员录入的问题' }));
    rowJ = await createOne(admin, problem({ county: JIEXIU, group: '介休市第J组', description: '介休市的问题' }));
  });

  it('a clerk updates a row its own group created', async () => {
    expect(await modify(clerkA, rowA, { remarks: 'A组自己修改' })).toMatchObject({ status: 'updated', version: 2 });
  });

  it('another clerk of the same group may update it too', async () => {
    expect(await modify(clerkA2, rowA, { remarks: '同组另一人修改' })).toMatchObject({ status: 'updated', version: 3 });
  });

  it('a clerk of another group of the same county may not, even when the row’s group column names it', async () => {
    expect(await modify(clerkB, rowA, { remarks: 'B组试图修改' })).toMatchObject({ status: 'forbidden', id: rowA.id });
    expect(await modify(clerkB, rowA, 'withdraw')).toMatchObject({ status: 'forbidden', id: rowA.id });
    expect(await modify(clerkA, rowB, { remarks: 'A组试图修改B组的行' })).toMatchObject({ status: 'forbidden' });
    expect(await modify(clerkA, rowB, 'withdraw')).toMatchObject({ status: 'forbidden' });
    expect((await stored(rowB.id)).version).toBe(1);
  });

  it('a clerk may not update or withdraw a row a coordinator created in its county', async () => {
    expect(await modify(clerkA, rowCoord, { remarks: '填报员试图修改' })).toMatchObject({ status: 'forbidden' });
    expect(await modify(clerkA, rowCoord, 'withdraw')).toMatchObject({ status: 'forbidden' });
    expect((await stored(rowCoord.id)).version).toBe(1);
  });

  it('a clerk may not move its own row to another county, nor touch another county’s row', async () => {
    expect(await modify(clerkA, rowA, { county: JIEXIU })).toMatchObject({ status: 'forbidden' });
    expect(await modify(clerkJ, rowA, { remarks: '外县填报员' })).toMatchObject({ status: 'forbidden' });
    expect(await stored(rowA.id)).toMatchObject({ version: 3, values: expect.objectContaining({ county: YUCI }) });
  });

  it('a clerk withdraws a row its own group created', async () => {
    const row = await createOne(clerkA, mine(clerkA, { description: 'A组录入后撤回的问题' }));
    expect(await modify(clerkA2, row, 'withdraw')).toMatchObject({ status: 'withdrawn', version: 2 });
  });

  it('a county coordinator: any row in its county, none outside, and cannot move one out', async () => {
    expect(await modify(coordYuci, rowB, { status: '待办理' })).toMatchObject({ status: 'updated', version: 2 });
    expect(await modify(coordYuci, rowJ, { status: '待办理' })).toMatchObject({ status: 'forbidden' });
    expect(await modify(coordYuci, rowJ, 'withdraw')).toMatchObject({ status: 'forbidden' });
    expect(await modify(coordYuci, rowB, { county: JIEXIU })).toMatchObject({ status: 'forbidden' });
    const row = await createOne(clerkB, mine(clerkB, { description: 'B组录入、县协调员撤回' }));
    expect(await modify(coordYuci, row, 'withdraw')).toMatchObject({ status: 'withdrawn' });
  });

  it('a city coordinator: every row, and may move one to another county', async () => {
    expect(await modify(coordCity, rowJ, { status: '待办理' })).toMatchObject({ status: 'updated', version: 2 });
    expect(await modify(coordCity, rowCoord, { county: JIEXIU })).toMatchObject({ status: 'updated', version: 2 });
    const row = await createOne(clerkJ, mine(clerkJ, { county: JIEXIU, description: '介休填报员录入、市协调员撤回' }));
    expect(await modify(coordCity, row, 'withdraw')).toMatchObject({ status: 'withdrawn' });
  });

  it('an admin: every row', async () => {
    expect(await modify(admin, rowA, { remarks: '管理员修改' })).toMatchObject({ status: 'updated' });
    expect(await modify(admin, rowJ, { county: YUCI })).toMatchObject({ status: 'updated' });
    const row = await createOne(clerkB, mine(clerkB, { description: 'B组录入、管理员撤回' }));
    expect(await modify(admin, row, 'withdraw')).toMatchObject({ status: 'withdrawn' });
  });

  it('a row key another account used reveals nothing: it names the caller’s own row (docs/ids.md)', async () => {
    const row = await createOne(clerkA, mine(clerkA, { description: '榆次区的行键' }));

    const { results } = await push(clerkJ, [{ key: row.key, values: mine(clerkJ, { county: JIEXIU }) }]);

    expect(results).toEqual([expect.objectContaining({ key: row.key, status: 'created', values: expect.objectContaining({ county: JIEXIU }) })]);
    expect((results[0] as PushOk).id).not.toBe(row.id);
  });
});

describe('pull and stats are confined to the scope', () => {
  /** Every live row of the store, straight from Firestore, optionally one county's. */
  async function truth(county?: string): Promise<string[]> {
    const snap = await adminDb().collection('problems').where('withdrawn', '==', false).get();
    return snap.docs
      .filter((d) => county === undefined || d.get('values.county') === county)
      .map((d) => d.id)
      .sort();
  }

  it('a clerk pulls its own county’s rows, every group’s and the coordinators’', async () => {
    const { rows } = await pullAll(clerkA, {});
    const expected = await truth(YUCI);

    expect(expected.length).toBeGreaterThan(3);
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(new Set(rows.filter(isLivePulledRow).map((r) => r.createdBy))).toEqual(
      new Set([clerkA.email, clerkB.email, coordYuci.email, coordCity.email, admin.email]),
    );
  });

  it('a clerk or county coordinator filtering its own county (or its alias) gets the same rows', async () => {
    const expected = await truth(YUCI);
    for (const user of [clerkA, coordYuci]) {
      for (const county of [YUCI, '榆次']) {
        expect((await pullAll(user, { filter: { county } })).rows.map((r) => r.id)).toEqual(expected);
      }
    }
    expect((await pullAll(clerkJ, {})).rows.map((r) => r.id)).toEqual(await truth(JIEXIU));
  });

  it('a clerk or county coordinator filtering another county: permission-denied', async () => {
    for (const [user, county] of [
      [clerkA, JIEXIU],
      [clerkA, '介休'],
      [coordYuci, JIEXIU],
      [clerkJ, YUCI],
    ] as const) {
      expect((await pull(user, { filter: { county } })).error).toMatchObject({ status: 'PERMISSION_DENIED' });
      expect((await stats(user, { groupBy: 'county', filter: { county } })).error).toMatchObject({ status: 'PERMISSION_DENIED' });
    }
  });

  it('a city coordinator and an admin pull every county', async () => {
    const all = await truth();
    expect((await pullAll(coordCity, {})).rows.map((r) => r.id)).toEqual(all);
    expect((await pullAll(admin, {})).rows.map((r) => r.id)).toEqual(all);
    expect((await pullAll(admin, { filter: { county: JIEXIU } })).rows.map((r) => r.id)).toEqual(await truth(JIEXIU));
  });

  it('stats count only the caller’s scope', async () => {
    const yuci = (await truth(YUCI)).length;
    const jiexiu = (await truth(JIEXIU)).length;
    const all = (await truth()).length;

    for (const user of [clerkA, coordYuci]) {
      const res = await stats(user, { groupBy: 'county', asOf: '2022-06-01' });
      expect(res.result!.rows.map((r) => [r.key, r.total])).toEqual([[YUCI, yuci]]);
      expect(res.result!.totals.total).toBe(yuci);
    }
    const j = await stats(clerkJ, { groupBy: 'group', asOf: '2022-06-01' });
    expect(j.result!.totals.total).toBe(jiexiu);
    for (const user of [coordCity, admin]) {
      const res = await stats(user, { groupBy: 'county', asOf: '2022-06-01' });
      expect(res.result!.totals.total).toBe(all);
      expect(Object.fromEntries(res.result!.rows.map((r) => [r.key, r.total]))).toEqual({ [YUCI]: yuci, [JIEXIU]: jiexiu, 平遥县: 2 });
    }
  });

  it('a since-pull shows a clerk only its county’s changes', async () => {
    const { cursor } = await pullAll(clerkA, {});
    const [y, j] = await create(admin, [
      problem({ group: '市级', description: '游标之后榆次区的新问题' }),
      problem({ county: JIEXIU, group: '市级', description: '游标之后介休市的新问题' }),
    ]);

    const mine = await pullAll(clerkA, { since: cursor });
    const theirs = await pullAll(clerkJ, { since: cursor });
    const everyone = await pullAll(coordCity, { since: cursor });

    expect(mine.rows.map((r) => r.id)).toEqual([y!.id]);
    expect(theirs.rows.map((r) => r.id)).toEqual([j!.id]);
    expect(byId(everyone.rows).map((r) => r.id)).toEqual([y!.id, j!.id].sort());
  });
});
