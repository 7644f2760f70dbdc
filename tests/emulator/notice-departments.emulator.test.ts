// The notice's department ranking against the real emulators (docs/workflow.md#the-notice):
// problems reported, assigned, answered and asked to close through pushRows; generateNotice
// ranks departments by registry id (an alias and the canonical name are one department) with
// what was assigned, resolved, overdue, awaiting review and the median days to a first answer;
// a county coordinator's notice has only the departments working on its county's problems.
import { Timestamp } from 'firebase-admin/firestore';
import { addDays, noticeMarkdown, todayInShanghai } from '@taizhang/ledger';
import type { NoticeSummary, StoredNotice } from '../../functions/src/supervision/service';
import { DEMO_DEPARTMENTS } from '../../scripts/demo/departments';
import { adminDb, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { newKey, problem, push, type PushOk } from './fixtures';
import { rebuildStats } from '../../functions/src/stats/rebuild';

const today = todayInShanghai();
const DAY = 86_400_000;
let clerk: TestUser;
let yuci: TestUser;
let jiexiu: TestUser;
let city: TestUser;
let zrzy: TestUser;

beforeAll(async () => {
  await clearFirestore();
  await Promise.all(DEMO_DEPARTMENTS.map((d) => adminDb().collection('departments').doc(d.id).set(d)));
  [clerk, yuci, jiexiu, city, zrzy] = await Promise.all([
    makeUser({ email: 'nd-clerk@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } }),
    makeUser({ email: 'nd-yuci@taizhang.test', claims: { role: 'coordinator', county: '榆次区' } }),
    makeUser({ email: 'nd-jiexiu@taizhang.test', claims: { role: 'coordinator', county: '介休市' } }),
    makeUser({ email: 'nd-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'nd-zrzy@taizhang.test', claims: { role: 'department', department: 'jz-zrzy' } }),
  ]);
});

jest.setTimeout(120_000);
afterAll(closeAdmin);

async function change(user: TestUser, id: string, patch: Record<string, unknown>): Promise<void> {
  const doc = (await adminDb().collection('problems').doc(id).get()).data()!;
  const { results } = await push(user, [{ key: doc.key, id, baseVersion: doc.version, values: { ...doc.values, ...patch } }]);
  expect(results[0]!.status).toBe('updated');
}

const foundOn = addDays(today, -30);

it('ranks departments by registry id in the city’s notice and each county’s', async () => {
  // 榆次区: a clerk's report, typed by the department's other name, assigned by the county and overdue.
  const [a] = (await push(clerk, [{ key: newKey(), values: problem({ foundOn, department: '晋中市自然资源局', status: '待办理', deadline: undefined }) }]))
    .results as PushOk[];
  await change(yuci, a!.id, { status: '办理中', deadline: addDays(today, -10) });
  // 榆次区: assigned to the same department by its canonical name, answered and asked to close.
  const [b] = (await push(yuci, [{ key: newKey(), values: problem({ foundOn, department: '市自然资源局', deadline: addDays(today, 20) }) }]))
    .results as PushOk[];
  // 介休市: assigned to its own 住建局, overdue, not answered; a suggestion to 市自然资源局 still 待办理.
  await push(jiexiu, [
    { key: newKey(), values: problem({ county: '介休市', group: '介休市进村服务第3组', foundOn, department: '介休市住建局', deadline: addDays(today, -3) }) },
    {
      key: newKey(),
      values: problem({ county: '介休市', group: '介休市进村服务第3组', foundOn, department: '市自然资源局', status: '待办理', deadline: undefined }),
    },
  ]);
  await change(zrzy, a!.id, { resolution: '已现场踏勘' });
  await change(zrzy, b!.id, { resolution: '已办结用地预审', resolvedOn: today, status: '待审核' });
  // The first answer to 榆次区's report came four days after it was assigned.
  const ref = adminDb().collection('problems').doc(a!.id);
  const first = ((await ref.get()).get('firstAnsweredAt') as Timestamp).toMillis();
  await ref.update({ assignedAt: Timestamp.fromMillis(first - 4 * DAY) });
  // Written straight into the row, as only a clock gives it: the repair recounts its days to a first answer.
  await rebuildStats(adminDb());

  // The county's coordinator generates first: its notice alone.
  const mine = await callOk<StoredNotice>('generateNotice', { date: today }, yuci.token);
  expect(mine.county).toBe('榆次区');
  expect(mine.departmentsByOverdue.map((d) => d.id)).toEqual(['jz-zrzy']);
  expect(mine.departmentsByOverdue[0]).toMatchObject({
    name: '市自然资源局',
    assigned: 2,
    resolved: 0,
    overdue: 1,
    awaitingReview: 1,
    answered: 2,
    medianDaysToFirstAnswer: 2,
  });
  expect(mine.overdueByDepartment.map((d) => [d.id, d.items.map((i) => i.id)])).toEqual([['jz-zrzy', [a!.id]]]);

  const all = await callOk<StoredNotice>('generateNotice', { date: today }, city.token);
  expect(all.county).toBeUndefined();
  expect(all.departmentsByOverdue.map((d) => [d.id, d.assigned, d.overdue])).toEqual([
    ['jx-zjj', 1, 1],
    ['jz-zrzy', 2, 1],
  ]);
  expect(all.overdueByDepartment.map((d) => d.name)).toEqual(['介休市住房和城乡建设局', '市自然资源局']);
  const md = noticeMarkdown(all);
  expect(md).toContain('| 2 | 市自然资源局 | 1 | 2 | 0 | 0.0% | 50.0% | 1 | 2 |');
  expect(md).toContain(`| 市自然资源局 | ${a!.id} | 榆次区 |`);

  const theirs = await callOk<StoredNotice>('getNotice', { date: today }, jiexiu.token);
  expect(theirs.departmentsByOverdue.map((d) => [d.id, d.medianDaysToFirstAnswer])).toEqual([['jx-zjj', null]]);

  // listNotices: the day is listed in each coordinator's scope, with its county's totals.
  const listed = await callOk<{ notices: NoticeSummary[] }>('listNotices', {}, yuci.token);
  expect(listed.notices.map((n) => [n.date, n.totals.problems])).toEqual([[today, 2]]);
  expect((await callOk<{ notices: NoticeSummary[] }>('listNotices', {}, city.token)).notices.map((n) => n.totals.problems)).toEqual([4]);
});
