// pullRows against the real emulators (docs/api.md#pullrows): the row shape, each filter,
// paging that returns every row exactly once in id order, since-pulls that return exactly
// what changed (and, without values, what left the filter or scope), and rows written while a
// paged pull runs.
import { FieldValue } from 'firebase-admin/firestore';
import { isLivePulledRow, type CanonicalRow, type LivePulledRow } from '@taizhang/ledger';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { ISO_UTC, byId, create, newKey, onSiteProblem, problem, pull, pullAll, push, type PushOk } from './fixtures';

const YUCI = '榆次区';
const JIEXIU = '介休市';
const SECTORS = ['农业', '建筑业', '文化旅游'];
const GROUPS = ['第1组', '第2组', '第3组'];

let admin: TestUser;
let clerk: TestUser;
/** The live rows of the dataset, as created (then kept current by the tests that change them). */
let live: PushOk[];

/** Row i of the dataset: counties, sectors, groups and level/status combinations in turn. */
function datasetRow(i: number): CanonicalRow {
  const county = i % 2 === 0 ? YUCI : JIEXIU;
  const common = { county, sector: SECTORS[i % 3]!, group: `${county}${GROUPS[Math.floor(i / 2) % 3]}`, description: `拉取测试的第 ${i + 1} 个问题` };
  switch (i % 4) {
    case 0:
      return onSiteProblem(common);
    case 1:
      return problem({ ...common, level: '协调解决', status: '待办理' });
    case 2:
      return problem({ ...common, level: '协调解决', status: '办理中' });
    default:
      return problem({ ...common, level: '提交市级', status: '已解决', resolution: '市级部门已办结', resolvedOn: '2022-05-20' });
  }
}

function expectedRows(filter: (v: CanonicalRow) => boolean): string[] {
  return live
    .filter((r) => filter(r.values))
    .map((r) => r.id)
    .sort();
}

beforeAll(async () => {
  await clearFirestore();
  [admin, clerk] = await Promise.all([
    makeUser({ email: 'pull-admin@taizhang.test', claims: { role: 'admin' } }),
    makeUser({ email: 'pull-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: `${YUCI}第1组` } }),
  ]);
  live = await create(
    admin,
    Array.from({ length: 24 }, (_, i) => datasetRow(i)),
  );
  // A withdrawn row: never in a full pull.
  const [gone] = await create(admin, [problem({ description: '已撤回的问题，不应被拉取' })]);
  await push(admin, [{ key: gone!.key, id: gone!.id, baseVersion: 1, withdraw: true }]);
});

afterAll(closeAdmin);

describe('full pulls', () => {
  it('answers every live row in scope, in id order, with the fields of docs/api.md', async () => {
    const res = await pull(admin, {});
    const { rows, cursor, nextPageToken } = res.result!;

    expect(nextPageToken).toBeUndefined();
    expect(typeof cursor).toBe('string');
    expect(rows.map((r) => r.id)).toEqual(expectedRows(() => true));
    const created = new Map(live.map((r) => [r.id, r]));
    for (const row of rows as LivePulledRow[]) {
      expect(row).toEqual({
        id: row.id,
        key: created.get(row.id)!.key,
        version: 1,
        values: created.get(row.id)!.values,
        withdrawn: false,
        createdAt: expect.stringMatching(ISO_UTC),
        createdBy: admin.email,
        updatedAt: row.createdAt,
        updatedBy: admin.email,
      });
    }
  });

  it.each([
    ['county', { county: JIEXIU }, (v: CanonicalRow) => v.county === JIEXIU],
    ['county by its alias 榆次', { county: '榆次' }, (v: CanonicalRow) => v.county === YUCI],
    ['county by its alias 介休, in full-width spaces', { county: '　介休　' }, (v: CanonicalRow) => v.county === JIEXIU],
    ['sector', { sector: '建筑业' }, (v: CanonicalRow) => v.sector === '建筑业'],
    ['status', { status: '办理中' }, (v: CanonicalRow) => v.status === '办理中'],
    ['level', { level: '提交市级' }, (v: CanonicalRow) => v.level === '提交市级'],
    ['group', { group: `${JIEXIU}第2组` }, (v: CanonicalRow) => v.group === `${JIEXIU}第2组`],
    [
      'county, sector and status together',
      { county: '榆次区', sector: '农业', status: '已解决' },
      (v: CanonicalRow) => v.county === YUCI && v.sector === '农业' && v.status === '已解决',
    ],
  ])('filter by %s', async (_name, filter, predicate) => {
    const expected = expectedRows(predicate);
    expect(expected.length).toBeGreaterThan(0);

    const { rows } = await pullAll(admin, { filter });

    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it('a filter that matches nothing answers no rows', async () => {
    const { rows } = await pullAll(admin, { filter: { county: '左权县' } });
    expect(rows).toEqual([]);
  });

  it.each([
    ['an invalid status', { filter: { status: '已完成' } }],
    ['an unknown county', { filter: { county: '太原市' } }],
    ['a field that cannot be filtered', { filter: { description: '问题' } }],
    ['pageSize 0', { pageSize: 0 }],
    ['pageSize 5001', { pageSize: 5001 }],
    ['a garbage pageToken', { pageToken: 'not-a-token' }],
    ['a garbage since', { since: 'yesterday' }],
    ['an unknown ledger', { ledger: 'meetings' }],
  ])('%s: invalid-argument', async (_name, req) => {
    expect((await pull(admin, req)).error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });

  it('a page token only continues the pull (filter) it came from', async () => {
    const first = (await pull(admin, { filter: { county: YUCI }, pageSize: 2 })).result!;
    expect(first.nextPageToken).toBeDefined();

    const res = await pull(admin, { filter: { county: JIEXIU }, pageSize: 2, pageToken: first.nextPageToken });

    expect(res.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });
});

describe('paging', () => {
  it.each([
    ['pageSize 5, no filter', 5, {}],
    ['pageSize 1, filter by county', 1, { county: YUCI }],
    ['pageSize 4 (the rows divide evenly), filter by level', 4, { level: '协调解决' }],
  ])('%s: every row exactly once, in id order', async (_name, pageSize, filter) => {
    const whole = (await pull(admin, { filter })).result!.rows;

    const { rows, pages } = await pullAll(admin, { filter, pageSize });

    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p.rows.length).toBeLessThanOrEqual(pageSize);
    // No call only to learn that nothing is left, even when the rows fill the last page.
    expect(pages.length).toBe(Math.ceil(whole.length / pageSize));
    expect(rows).toEqual(whole);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  it('a clerk’s paged pull stays within its county', async () => {
    const { rows } = await pullAll(clerk, { pageSize: 3 });
    expect(rows.map((r) => r.id)).toEqual(expectedRows((v) => v.county === YUCI));
  });
});

/** Keeps `live` current after a push: new versions and values, withdrawn rows dropped, new rows added. */
function track(results: readonly { status: string }[]): void {
  for (const r of results as (PushOk | { status: 'withdrawn'; id: string } | { status: string; id?: string })[]) {
    if (r.status === 'withdrawn') live = live.filter((x) => x.id !== (r as { id: string }).id);
    else if (r.status === 'updated') live = live.map((x) => (x.id === (r as PushOk).id ? (r as PushOk) : x));
    else if (r.status === 'created') live.push(r as PushOk);
  }
}

describe('since', () => {
  it('returns exactly what was created, updated or withdrawn after the cursor', async () => {
    const { cursor } = await pullAll(admin, {});
    const [toUpdate, toWithdraw, toLeave] = [live[1]!, live[2]!, live[3]!];
    const { results } = await push(admin, [
      { key: toUpdate.key, id: toUpdate.id, baseVersion: 1, values: { ...toUpdate.values, status: '办理中' } },
      { key: toWithdraw.key, id: toWithdraw.id, baseVersion: 1, withdraw: true },
      { key: toLeave.key, id: toLeave.id, baseVersion: 1, values: toLeave.values }, // unchanged
      { key: newKey('since'), values: problem({ description: '游标之后新建的问题' }) },
      { key: newKey('bad'), values: problem({ sector: '制造业' }) }, // invalid: nothing stored
    ]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'withdrawn', 'unchanged', 'created', 'invalid']);
    // A conflict stores nothing either.
    const stale = await push(admin, [{ key: toUpdate.key, id: toUpdate.id, baseVersion: 1, values: { ...toUpdate.values, remarks: '过期' } }]);
    expect(stale.results[0]!.status).toBe('conflict');
    track(results);
    const created = results[3] as PushOk;

    const since = await pullAll(admin, { since: cursor });

    expect(since.rows.map((r) => r.id).sort()).toEqual([toUpdate.id, toWithdraw.id, created.id].sort());
    const got = new Map(since.rows.map((r) => [r.id, r]));
    expect(got.get(toUpdate.id)).toMatchObject({ version: 2, withdrawn: false, values: { ...toUpdate.values, status: '办理中' } });
    expect(got.get(toWithdraw.id)).toEqual({ id: toWithdraw.id, version: 2, withdrawn: true });
    expect(got.get(created.id)).toMatchObject({ key: created.key, version: 1, withdrawn: false, values: created.values });
    for (const r of since.rows.filter(isLivePulledRow)) {
      expect(r.updatedAt).toMatch(ISO_UTC);
      expect(r.updatedBy).toBe(admin.email);
    }

    // Nothing changed after that pull: the next since-pull is empty.
    expect((await pullAll(admin, { since: since.cursor })).rows).toEqual([]);
  });

  it('with a filter, and in small pages, returns each changed row once', async () => {
    const { cursor } = await pullAll(admin, {});
    const jiexiu = live.filter((r) => r.values.county === JIEXIU).slice(0, 3);
    const yuci = live.filter((r) => r.values.county === YUCI).slice(0, 2);
    const changed = [...jiexiu, ...yuci];
    const { results } = await push(
      admin,
      changed.map((r) => ({ key: r.key, id: r.id, baseVersion: r.version, values: { ...r.values, remarks: '分页游标测试' } })),
    );
    expect(results.every((r) => r.status === 'updated')).toBe(true);
    track(results);

    const filtered = await pullAll(admin, { since: cursor, filter: { county: '介休' }, pageSize: 1 });
    const all = await pullAll(admin, { since: cursor, pageSize: 2 });

    expect(filtered.rows.map((r) => r.id).sort()).toEqual(jiexiu.map((r) => r.id).sort());
    expect(all.rows.map((r) => r.id).sort()).toEqual(changed.map((r) => r.id).sort());
    expect(all.pages.length).toBeGreaterThan(1);
  });

  it('a row that leaves the filter, or the caller’s county, is named in left, by its id only', async () => {
    const [clerkBefore, adminBefore, filteredBefore] = await Promise.all([
      pullAll(clerk, {}),
      pullAll(admin, {}),
      pullAll(admin, { filter: { status: '办理中' } }),
    ]);
    const [resolves, moves] = live.filter((r) => r.values.county === YUCI && r.values.status === '办理中');
    expect(filteredBefore.rows.map((r) => r.id)).toEqual(expect.arrayContaining([resolves!.id, moves!.id]));
    expect(clerkBefore.rows.map((r) => r.id)).toEqual(expect.arrayContaining([resolves!.id, moves!.id]));
    const { results } = await push(admin, [
      {
        key: resolves!.key,
        id: resolves!.id,
        baseVersion: resolves!.version,
        values: { ...resolves!.values, status: '已解决', resolution: '已协调办结', resolvedOn: '2022-05-20' },
      },
      { key: moves!.key, id: moves!.id, baseVersion: moves!.version, values: { ...moves!.values, county: JIEXIU, group: `${JIEXIU}第1组` } },
    ]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'updated']);
    track(results);

    // Filtered by status: the resolved row left the filter; the moved one is still 办理中.
    const filtered = await pullAll(admin, { since: filteredBefore.cursor, filter: { status: '办理中' } });
    expect(filtered.left).toEqual([resolves!.id]);
    expect(filtered.rows.map((r) => r.id)).toEqual([moves!.id]);
    expect((filtered.rows[0] as LivePulledRow).values.county).toBe(JIEXIU);

    // The clerk of 榆次区: the moved row left its scope; nothing of it comes but its id.
    const clerkSince = await pullAll(clerk, { since: clerkBefore.cursor });
    expect(clerkSince.left).toEqual([moves!.id]);
    expect(clerkSince.rows.map((r) => r.id)).toEqual([resolves!.id]);
    expect(JSON.stringify(clerkSince.pages)).not.toContain(JIEXIU);
    expect((await pullAll(clerk, {})).rows.map((r) => r.id)).not.toContain(moves!.id);

    // For 介休市 the moved row simply arrived; 榆次区's other changes are not its business.
    const jiexiu = await pullAll(admin, { since: adminBefore.cursor, filter: { county: JIEXIU } });
    expect(jiexiu.rows.map((r) => r.id)).toEqual([moves!.id]);
    expect(jiexiu.left).toEqual([]);

    // Its later edits in 介休市 tell 榆次区 nothing, not even that it changed.
    const coordinator = await makeUser({ email: 'pull-jiexiu@taizhang.test', claims: { role: 'coordinator', county: JIEXIU } });
    const moved = live.find((r) => r.id === moves!.id)!;
    const edit = await push(coordinator, [{ key: moved.key, id: moved.id, baseVersion: moved.version, values: { ...moved.values, remarks: '介休市的修改' } }]);
    expect(edit.results.map((r) => r.status)).toEqual(['updated']);
    track(edit.results);
    const after = await pullAll(clerk, { since: clerkSince.cursor });
    expect(after).toMatchObject({ rows: [], left: [] });
  });

  it('rows stored before `counties` existed: their next change, a move or a withdrawal, still reaches the county’s since-pull', async () => {
    const [moved, withdrawn] = live.filter((r) => r.values.county === YUCI).slice(-2);
    // As a row document written before the field existed looks.
    await Promise.all([moved!, withdrawn!].map((r) => adminDb().collection('problems').doc(r.id).update({ counties: FieldValue.delete() })));
    const { cursor } = await pullAll(clerk, {});
    const { results } = await push(admin, [
      { key: moved!.key, id: moved!.id, baseVersion: moved!.version, values: { ...moved!.values, county: JIEXIU, group: `${JIEXIU}第2组` } },
      { key: withdrawn!.key, id: withdrawn!.id, baseVersion: withdrawn!.version, withdraw: true },
    ]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'withdrawn']);
    track(results);

    const since = await pullAll(clerk, { since: cursor });
    expect(since.left).toEqual([moved!.id]);
    expect(since.rows.map((r) => [r.id, r.withdrawn])).toEqual([[withdrawn!.id, true]]);
    expect((await adminDb().collection('problems').doc(moved!.id).get()).get('counties')).toEqual([YUCI, JIEXIU]);
  });

  it('rows written while a paged pull runs are not lost to the next since-pull', async () => {
    const first = (await pull(admin, { pageSize: 5 })).result!;
    expect(first.nextPageToken).toBeDefined();
    const delivered = live.find((r) => r.id === first.rows[0]!.id)!; // already on page 1
    const later = byId(live).at(-1)!; // not delivered yet
    const { results } = await push(admin, [
      { key: delivered.key, id: delivered.id, baseVersion: delivered.version, values: { ...delivered.values, remarks: '分页拉取中途修改' } },
      { key: later.key, id: later.id, baseVersion: later.version, withdraw: true },
      { key: newKey('during'), values: problem({ description: '分页拉取中途新建的问题' }) },
    ]);
    expect(results.map((r) => r.status)).toEqual(['updated', 'withdrawn', 'created']);
    track(results);
    const createdId = (results[2] as PushOk).id;

    // The rest of the pages of the same pull.
    const rest = await pullAll(admin, { pageSize: 5, pageToken: first.nextPageToken });
    const seen = [...first.rows, ...rest.rows].map((r) => r.id);
    expect(new Set(seen).size).toBe(seen.length); // no row twice within one paged pull
    expect(seen).toEqual([...seen].sort());

    // What changed meanwhile comes with the next since-pull from the paged pull's cursor.
    const since = await pullAll(admin, { since: rest.cursor });
    const got = new Map(since.rows.map((r) => [r.id, r]));
    expect(got.get(delivered.id)).toMatchObject({ withdrawn: false, values: expect.objectContaining({ remarks: '分页拉取中途修改' }) });
    expect(got.get(later.id)).toMatchObject({ withdrawn: true });
    expect(got.get(createdId)).toMatchObject({ withdrawn: false, version: 1 });
  });
});
