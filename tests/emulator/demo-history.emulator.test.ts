// npm start's month of the department loop (scripts/demo/history.ts) against the real
// emulators: every step goes through pushRows as the demo account that would make it, so
// every account of the demo finds each reason of its to-do that the story gives it, the
// revision history tells the story on the days it tells, and the notice ranks the
// departments with their days to a first answer.
import { addDays, shanghaiDate, todayInShanghai, type HistoryAnswer, type InboxAnswer } from '@taizhang/ledger';
import type { StoredNotice } from '../../functions/src/supervision/service';
import { DEMO_ACCOUNTS } from '../../scripts/demo/accounts';
import { DEMO_DEPARTMENTS } from '../../scripts/demo/departments';
import { writeHistory, type HistoryReport } from '../../scripts/demo/history';
import { adminDb, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(300_000);

const today = todayInShanghai();
const users = new Map<string, TestUser>();
let report: HistoryReport;

beforeAll(async () => {
  await clearFirestore();
  await Promise.all(DEMO_DEPARTMENTS.map((d) => adminDb().collection('departments').doc(d.id).set(d)));
  for (const a of DEMO_ACCOUNTS) users.set(a.email, await makeUser({ email: a.email, claims: { ...a.claims } }));
  report = await writeHistory(adminDb(), today, async (email) => (name, data) => callOk(name, data, users.get(email)!.token));
});

afterAll(closeAdmin);

const counts = async (email: string) => (await callOk<InboxAnswer>('getInbox', {}, users.get(email)!.token)).counts;

it('every account finds the reasons its part of the story gives it', async () => {
  // The month's story reports nothing twice: no likely duplicates to review.
  expect(await counts('coordinator@taizhang.demo')).toEqual({ to_assign: 1, to_review: 1, overdue: 2, possible_duplicate: 0 });
  expect(await counts('coordinator.yuci@taizhang.demo')).toEqual({ to_assign: 1, to_review: 1, overdue: 1, possible_duplicate: 0 });
  expect(await counts('coordinator.jiexiu@taizhang.demo')).toEqual({ to_assign: 0, to_review: 0, overdue: 1, possible_duplicate: 0 });
  expect(await counts('dept.zrzy@taizhang.demo')).toEqual({ new: 1, returned: 1, due_soon: 1, overdue: 1 });
  expect(await counts('dept.jxzjj@taizhang.demo')).toEqual({ new: 0, returned: 0, due_soon: 0, overdue: 1 });
  expect(await counts('clerk.yuci@taizhang.demo')).toEqual({ follow_up: 1, overdue: 1 });
  expect(await counts('clerk.jiexiu@taizhang.demo')).toEqual({ follow_up: 0, overdue: 1 });
});

it('the whole loop is in one problem’s history, each change on the day it tells', async () => {
  const whole = report.problems[0]!;
  expect(whole.title).toContain('退回');
  const { revisions } = await callOk<HistoryAnswer>('getHistory', { ledger: 'problems', id: whole.id }, users.get('clerk.yuci@taizhang.demo')!.token);
  expect(revisions.map((r) => [shanghaiDate(Date.parse(r.at)), r.by])).toEqual([
    [addDays(today, -30), 'clerk.yuci@taizhang.demo'],
    [addDays(today, -29), 'clerk.yuci@taizhang.demo'],
    [addDays(today, -27), 'coordinator@taizhang.demo'],
    [addDays(today, -24), 'dept.zrzy@taizhang.demo'],
    [addDays(today, -18), 'dept.zrzy@taizhang.demo'],
    [addDays(today, -16), 'coordinator@taizhang.demo'],
    [addDays(today, -12), 'dept.zrzy@taizhang.demo'],
    [addDays(today, -10), 'coordinator@taizhang.demo'],
    [addDays(today, -7), 'clerk.yuci@taizhang.demo'],
  ]);
  const statusOf = (v: number) => revisions[v - 1]!.changes.find((c) => c.field === 'status')?.new;
  expect([3, 5, 6, 7, 8].map(statusOf)).toEqual(['办理中', '待审核', '办理中', '待审核', '已解决']);
  const doc = (await adminDb().collection('problems').doc(whole.id).get()).data()!;
  expect(doc.values).toMatchObject({ department: '市自然资源局', followUp: '满意' });
  expect(shanghaiDate(doc.assignedAt.toMillis())).toBe(addDays(today, -27));
  expect(shanghaiDate(doc.firstAnsweredAt.toMillis())).toBe(addDays(today, -24));
  expect(shanghaiDate(doc.returnedAt.toMillis())).toBe(addDays(today, -16));
  expect(doc.inbox).toEqual([]);
});

it('the notice ranks the departments with their days to a first answer', async () => {
  const n = await callOk<StoredNotice>('generateNotice', { date: today }, users.get('coordinator@taizhang.demo')!.token);
  const zrzy = n.departmentsByOverdue.find((d) => d.id === 'jz-zrzy')!;
  // Assigned 27, 19, 26 and 12 days ago, first answered after 3, 5, 6 and 11 days.
  expect(zrzy).toMatchObject({ assigned: 5, resolved: 1, overdue: 1, awaitingReview: 1, answered: 4, medianDaysToFirstAnswer: 5.5 });
  expect(n.overdueByDepartment.map((d) => d.id).sort()).toEqual(['jx-zjj', 'jz-zrzy']);
});
