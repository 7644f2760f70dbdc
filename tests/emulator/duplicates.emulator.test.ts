// Likely duplicates end to end (docs/masterdata.md#likely-duplicates): the same problem reported
// by two groups is answered as a duplicate on push (a replay and a lost answer asked again answer
// the same), a coordinator's to-do lists it, and markDuplicate / unmarkDuplicate /
// dismissDuplicate decide it: in scope of both rows only, cycles refused, chains to the root, a
// revision recorded, and the statistics and notices counting a linked row once, under its root.
import type { DuplicateDecisionAnswer, InboxAnswer } from '@taizhang/ledger';
import { scanStats } from '../../functions/src/stats/service';
import { loadProblems } from '../../functions/src/supervision/service';
import { newKey, problem, pullAll, push, revisionsOf, stats, type PushOk } from './fixtures';
import { adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(180_000);

const YUCI = '榆次区';
const COUNTY_GROUP = '榆次区入企服务第1组';
const SECTOR_GROUP = '工业和信息软件服务业专班';
const AS_OF = '2022-04-10';

let countyClerk: TestUser;
let sectorClerk: TestUser;
let yuciCoordinator: TestUser;
let jiexiuCoordinator: TestUser;
let admin: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [countyClerk, sectorClerk, yuciCoordinator, jiexiuCoordinator, admin] = await Promise.all([
    makeUser({ email: 'dup-clerk-county@taizhang.test', claims: { role: 'clerk', county: YUCI, group: COUNTY_GROUP } }),
    makeUser({ email: 'dup-clerk-sector@taizhang.test', claims: { role: 'clerk', county: YUCI, group: SECTOR_GROUP } }),
    makeUser({ email: 'dup-coord-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'dup-coord-jiexiu@taizhang.test', claims: { role: 'coordinator', county: '介休市' } }),
    makeUser({ email: 'dup-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
  // A function's first call loads it, which on a busy machine can take longer than one call may.
  for (const name of ['markDuplicate', 'unmarkDuplicate', 'dismissDuplicate', 'getStats', 'getInbox']) await callFn(name, {}).catch(() => undefined);
});

afterAll(closeAdmin);

const REPORTED = '企业具备申报专精特新条件，需要申报指导';
const REPORTED_AGAIN = '企业符合申报专精特新条件，急需申报方面的指导';

const one = async (user: TestUser, values: Record<string, string | number | undefined>, requestId?: string, key = newKey('dup')) => {
  const answer = await push(user, [{ key, values: problem(values) }], requestId === undefined ? {} : { requestId });
  return { result: answer.results[0] as PushOk, requestId: answer.requestId, key };
};
const decide = (name: string, data: Record<string, unknown>, u: TestUser) => callFn<DuplicateDecisionAnswer>(name, { ledger: 'problems', ...data }, u.token);
const total = async (): Promise<number> => (await stats(admin, { ledger: 'problems', groupBy: 'county', asOf: AS_OF })).result!.totals.total!;
const scanTotal = async () =>
  ((await scanStats(adminDb(), 'problems', 'county', { filter: {}, assignedOnly: false }, AS_OF)).totals as { total: number }).total;
const possible = async (u: TestUser) =>
  (await callOk<InboxAnswer>('getInbox', { asOf: AS_OF }, u.token)).items.filter((i) => i.reason === 'possible_duplicate').map((i) => i.id);

let first: string;
let second: string;

describe('detection on push', () => {
  it('a 服务对象 longer than the column allows is answered as an error in the row, not looked up in the registry', async () => {
    const { result } = await one(countyClerk, { group: COUNTY_GROUP, targetName: '强'.repeat(2000), description: REPORTED });
    expect(result.status).toBe('invalid');
  });

  it('a 服务对象 with half a character (broken text) is answered as an error in the row, not looked up in the registry', async () => {
    const { result } = await one(countyClerk, { group: COUNTY_GROUP, targetName: '\udfff', description: REPORTED });
    expect(result.status).toBe('invalid');
  });

  it('the sector team reports what the county group reported: answered as a likely duplicate, stored all the same', async () => {
    first = (await one(countyClerk, { group: COUNTY_GROUP, description: REPORTED })).result.id;
    const again = await one(sectorClerk, { group: SECTOR_GROUP, targetName: '山西强伟纸业公司', description: REPORTED_AGAIN, foundOn: '2022-04-02' });
    expect(again.result.status).toBe('created');
    second = again.result.id;
    expect(again.result.duplicates).toEqual([{ id: first, group: COUNTY_GROUP, county: YUCI, similarity: expect.any(Number) }]);
    expect(again.result.duplicates![0]!.similarity).toBeGreaterThanOrEqual(0.3);

    // A replay answers the very same; a lost answer asked again under a new request too, and no second row.
    const replay = await push(
      sectorClerk,
      [{ key: again.key, values: problem({ group: SECTOR_GROUP, targetName: '山西强伟纸业公司', description: REPORTED_AGAIN, foundOn: '2022-04-02' }) }],
      { requestId: again.requestId },
    );
    expect(replay.results).toEqual([again.result]);
    const lost = await one(
      sectorClerk,
      { group: SECTOR_GROUP, targetName: '山西强伟纸业公司', description: REPORTED_AGAIN, foundOn: '2022-04-02' },
      undefined,
      again.key,
    );
    expect(lost.result).toMatchObject({ status: 'created', id: second, duplicates: again.result.duplicates });
    const key = (await adminDb().collection('problems').doc(first).get()).get('targetKey') as string;
    expect(key).toMatch(/^n:榆次区:/);
    expect((await adminDb().collection('problems').where('targetKey', '==', key).get()).docs.map((d) => d.id).sort()).toEqual([first, second]);
  });

  it('another problem of the same enterprise, another enterprise, or found months apart: no duplicate', async () => {
    const other = await one(sectorClerk, { group: SECTOR_GROUP, description: '厂区道路破损，雨季积水严重影响运输', category: '基础设施' });
    expect(other.result.duplicates).toBeUndefined();
    const elsewhere = await one(sectorClerk, { group: SECTOR_GROUP, targetName: '联安矿用设备有限公司', description: REPORTED });
    expect(elsewhere.result.duplicates).toBeUndefined();
    const later = await one(sectorClerk, { group: SECTOR_GROUP, description: REPORTED, foundOn: '2022-06-20', deadline: '2022-07-30' });
    expect(later.result.duplicates).toBeUndefined();
  });

  it('the same problem typed twice in one push: the later row is answered as a likely duplicate of the earlier, as if pushed one after the other', async () => {
    const values = (description: string) => problem({ group: COUNTY_GROUP, targetName: '山西太行建设工程有限公司', description });
    const rows = [
      { key: newKey('dup'), values: values(REPORTED) },
      { key: newKey('dup'), values: values('厂区道路破损，雨季积水严重影响运输') },
      { key: newKey('dup'), values: values(REPORTED_AGAIN) },
    ];
    const answer = await push(countyClerk, rows);
    const [earlier, other, later] = answer.results as PushOk[];
    expect(earlier!.duplicates).toBeUndefined();
    expect(other!.duplicates).toBeUndefined();
    expect(later!.duplicates).toEqual([{ id: earlier!.id, group: COUNTY_GROUP, county: YUCI, similarity: expect.any(Number) }]);
    expect((await adminDb().collection('problems').doc(later!.id).get()).get('possibleDuplicates')).toEqual([earlier!.id]);
    // A replay answers the very same.
    expect((await push(countyClerk, rows, { requestId: answer.requestId })).results).toEqual(answer.results);
  });

  it('a coordinator of the county and the city office see it to review; a clerk has no such list', async () => {
    expect(await possible(yuciCoordinator)).toContain(second);
    expect(await possible(admin)).toContain(second);
    expect(await possible(jiexiuCoordinator)).toEqual([]);
  });

  it('the to-do item names the problems it likely repeats, for the side-by-side comparison', async () => {
    const items = (await callOk<InboxAnswer>('getInbox', { asOf: AS_OF }, yuciCoordinator.token)).items;
    const item = items.find((i) => i.reason === 'possible_duplicate' && i.id === second);
    expect(item?.duplicates).toEqual([expect.objectContaining({ id: first, group: COUNTY_GROUP })]);
  });
});

describe('decisions', () => {
  it('only coordinators in scope of both rows and admins decide', async () => {
    expect((await decide('markDuplicate', { id: second, of: first }, countyClerk)).error?.status).toBe('PERMISSION_DENIED');
    expect((await decide('markDuplicate', { id: second, of: first }, jiexiuCoordinator)).error?.status).toBe('PERMISSION_DENIED');
    expect((await decide('dismissDuplicate', { id: second, of: first }, sectorClerk)).error?.status).toBe('PERMISSION_DENIED');
    expect((await decide('unmarkDuplicate', { id: second }, jiexiuCoordinator)).error?.status).toBe('PERMISSION_DENIED');
    expect((await decide('markDuplicate', { id: second, of: 'P-140702-2022-999999' }, yuciCoordinator)).error?.status).toBe('NOT_FOUND');
    expect((await decide('markDuplicate', { ledger: 'visits', id: second, of: first }, admin)).error?.status).toBe('INVALID_ARGUMENT');
  });

  it('link: counted once under its root, off the to-do, a revision; again changes nothing; a cycle is refused; a chain goes to the root', async () => {
    const [kept, scanned, noticed] = [await total(), await scanTotal(), (await loadProblems(adminDb())).length];
    expect(kept).toBe(scanned);

    const linked = await decide('markDuplicate', { id: second, of: first }, yuciCoordinator);
    expect(linked.result).toEqual({ id: second, version: 2, duplicateOf: first });
    expect(await total()).toBe(kept - 1);
    expect(await scanTotal()).toBe(kept - 1);
    const rows = await loadProblems(adminDb());
    expect(rows.length).toBe(noticed - 1);
    expect(rows.map((r) => r.id)).not.toContain(second);
    expect(await possible(yuciCoordinator)).not.toContain(second);
    const revisions = await revisionsOf('problems', second);
    expect(revisions.at(-1)!.data).toMatchObject({ version: 2, action: 'updated', by: yuciCoordinator.email, changes: [{ field: 'duplicateOf', new: first }] });

    expect((await decide('markDuplicate', { id: second, of: first }, admin)).result).toEqual({ id: second, version: 2, duplicateOf: first });
    expect(await revisionsOf('problems', second)).toHaveLength(2);
    expect(await total()).toBe(kept - 1);

    const cycle = await decide('markDuplicate', { id: first, of: second }, admin);
    expect(cycle.error?.status).toBe('FAILED_PRECONDITION');
    expect(cycle.error?.message).toContain('互相成为对方的重复');
    expect((await decide('markDuplicate', { id: first, of: first }, admin)).error?.status).toBe('FAILED_PRECONDITION');

    const third = (await one(countyClerk, { group: COUNTY_GROUP, description: REPORTED_AGAIN, foundOn: '2022-04-05' })).result;
    expect(third.duplicates?.map((d) => d.id)).toEqual([first]);
    expect((await decide('markDuplicate', { id: third.id, of: second }, admin)).result).toMatchObject({ id: third.id, duplicateOf: first });
    expect(await total()).toBe(kept - 1);
    expect(await scanTotal()).toBe(kept - 1);
  });

  it('unlink: it counts again, on its own; a push of a linked row keeps its link and its count', async () => {
    const before = await total();
    expect((await decide('unmarkDuplicate', { id: second }, yuciCoordinator)).result).toEqual({ id: second, version: 3 });
    expect(await total()).toBe(before + 1);
    expect(await scanTotal()).toBe(before + 1);
    expect((await decide('unmarkDuplicate', { id: second }, yuciCoordinator)).result).toEqual({ id: second, version: 3 });
    expect(await total()).toBe(before + 1);
  });

  it('dismiss: not the same problem, never offered again either way, off the to-do', async () => {
    const fourth = (await one(sectorClerk, { group: SECTOR_GROUP, description: '企业申报专精特新需要指导', foundOn: '2022-04-06' })).result;
    expect(fourth.duplicates?.map((d) => d.id)).toContain(first);
    expect(await possible(yuciCoordinator)).toContain(fourth.id);
    for (const d of fourth.duplicates!) {
      expect(await possible(yuciCoordinator)).toContain(fourth.id);
      expect((await decide('dismissDuplicate', { id: fourth.id, of: d.id }, yuciCoordinator)).result).toEqual({ id: fourth.id, version: 1 });
    }
    expect(await possible(yuciCoordinator)).not.toContain(fourth.id);
    const edited = await push(sectorClerk, [
      { key: fourth.key, id: fourth.id, baseVersion: 1, values: { ...fourth.values, description: '企业申报专精特新，需要指导' } },
    ]);
    const updated = edited.results[0] as PushOk;
    expect(updated.status).toBe('updated');
    expect(updated.duplicates).toBeUndefined();
    // Either way: the other row is not offered this one either.
    const firstRow = (await adminDb().collection('problems').doc(first).get()).data()!;
    const back = await push(countyClerk, [
      { key: firstRow.key, id: first, baseVersion: firstRow.version, values: { ...firstRow.values, description: '企业申报专精特新，需要指导' } },
    ]);
    expect(back.results[0]!.status).toBe('updated');
    expect((back.results[0] as PushOk).duplicates?.map((d) => d.id) ?? []).not.toContain(fourth.id);
  });

  it('the report its duplicates were linked under is withdrawn: the earliest duplicate stands for the problem, the others link to it, and it still counts once', async () => {
    const at = (description: string, foundOn: string) => one(countyClerk, { group: COUNTY_GROUP, targetName: '晋中市撤回建材有限公司', description, foundOn });
    const root = await at('企业反映厂区供电线路老化，经常跳闸', '2022-04-01');
    const later = (await at('厂区供电线路老化严重，企业经常跳闸停产', '2022-04-03')).result;
    const earlier = (await at('企业反映厂区线路老化，供电经常跳闸', '2022-04-02')).result;
    for (const r of [later, earlier])
      expect((await decide('markDuplicate', { id: r.id, of: root.result.id }, yuciCoordinator)).result).toMatchObject({ duplicateOf: root.result.id });
    const counted = await total();
    expect(await scanTotal()).toBe(counted);

    const withdrawn = await push(countyClerk, [{ key: root.key, id: root.result.id, baseVersion: 1, withdraw: true }]);
    expect(withdrawn.results[0]!.status).toBe('withdrawn');

    const doc = async (id: string) => (await adminDb().collection('problems').doc(id).get()).data()!;
    expect(await doc(earlier.id)).toMatchObject({ version: 3, updatedBy: countyClerk.email });
    expect((await doc(earlier.id)).duplicateOf).toBeUndefined();
    expect((await revisionsOf('problems', earlier.id)).at(-1)!.data).toMatchObject({ version: 3, changes: [{ field: 'duplicateOf', old: root.result.id }] });
    expect(await doc(later.id)).toMatchObject({ version: 3, duplicateOf: earlier.id });
    expect((await revisionsOf('problems', later.id)).at(-1)!.data).toMatchObject({ changes: [{ field: 'duplicateOf', old: root.result.id, new: earlier.id }] });
    expect(await total()).toBe(counted);
    expect(await scanTotal()).toBe(counted);
  });

  it('the same push withdraws the root and edits its one duplicate: the edit unlinks it, so the problem still counts once', async () => {
    const at = (description: string, foundOn: string) => one(countyClerk, { group: COUNTY_GROUP, targetName: '晋中市同推建材有限公司', description, foundOn });
    const root = await at('企业反映厂区排水管道堵塞，雨天积水', '2022-04-01');
    const copy = await at('厂区排水管道堵塞，雨天厂区积水严重', '2022-04-02');
    expect((await decide('markDuplicate', { id: copy.result.id, of: root.result.id }, yuciCoordinator)).result).toMatchObject({ version: 2 });
    expect((await adminDb().collection('problems').doc(root.result.id).get()).get('linksChangedAt')).toBeDefined();
    const counted = await total();

    const both = await push(countyClerk, [
      { key: root.key, id: root.result.id, baseVersion: 1, withdraw: true },
      { key: copy.key, id: copy.result.id, baseVersion: 2, values: { ...copy.result.values, description: '厂区排水管道堵塞，雨天积水，已联系施工' } },
    ]);
    expect(both.results.map((r) => r.status)).toEqual(['withdrawn', 'updated']);
    const doc = (await adminDb().collection('problems').doc(copy.result.id).get()).data()!;
    expect(doc.version).toBe(3);
    expect(doc.duplicateOf).toBeUndefined();
    expect((await revisionsOf('problems', copy.result.id)).at(-1)!.data.changes).toContainEqual({ field: 'duplicateOf', old: root.result.id });
    expect(await total()).toBe(counted);
    expect(await scanTotal()).toBe(counted);
  });

  it('a linked problem linked on to another root takes its own duplicates along, each as a new version with its revision, which a since-pull brings', async () => {
    const at = (description: string, foundOn: string) => one(countyClerk, { group: COUNTY_GROUP, targetName: '晋中市跟随化工有限公司', description, foundOn });
    const root = (await at('企业反映园区道路破损，货车进出困难', '2022-04-01')).result;
    const middle = (await at('园区道路破损严重，企业货车出入不便', '2022-04-02')).result;
    const follower = (await at('企业反映园区道路损坏，影响货车通行', '2022-04-03')).result;
    expect((await decide('markDuplicate', { id: follower.id, of: middle.id }, yuciCoordinator)).result).toMatchObject({ duplicateOf: middle.id });
    const before = (await adminDb().collection('problems').doc(follower.id).get()).data()!;
    const { cursor } = await pullAll(admin, {});

    expect((await decide('markDuplicate', { id: middle.id, of: root.id }, yuciCoordinator)).result).toMatchObject({ id: middle.id, duplicateOf: root.id });

    const after = (await adminDb().collection('problems').doc(follower.id).get()).data()!;
    expect(after).toMatchObject({ duplicateOf: root.id, version: before.version + 1, updatedBy: yuciCoordinator.email });
    expect((await revisionsOf('problems', follower.id)).at(-1)!.data).toMatchObject({
      version: before.version + 1,
      action: 'updated',
      changes: [{ field: 'duplicateOf', old: middle.id, new: root.id }],
    });
    const since = await pullAll(admin, { since: cursor });
    expect(since.rows.map((r) => r.id).sort()).toEqual([middle.id, follower.id].sort());
    expect(since.rows.find((r) => r.id === follower.id)).toMatchObject({ version: before.version + 1, duplicateOf: root.id });
    expect(await total()).toBe(await scanTotal());
  });
});
