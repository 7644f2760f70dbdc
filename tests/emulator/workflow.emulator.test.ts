// The department loop against the real emulators (docs/workflow.md): a clerk escalates, the
// city assigns, the department answers and asks to close, the city returns and accepts, the
// clerk follows up. Every refused change answers `forbidden` with its fields and writes nothing.
import type { PushResult } from '../../functions/src/push/types';
import { adminDb, callFn, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { dumpFirestore, newKey, problem, pull, pullAll, push, stats, visit, type PushOk } from './fixtures';

const REGISTRY = [
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直' },
  { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: ['市住建局', '晋中市住建局'], county: '市直' },
  { id: 'jz-gxj', name: '市工业和信息化局', aliases: ['市工信局', '晋中市工信局'], county: '市直' },
  { id: 'jz-nyncj', name: '市农业农村局', aliases: ['晋中市农业农村局'], county: '市直' },
  { id: 'jz-gzgs', name: '市国资公司', aliases: ['晋中市国资公司'], county: '市直' },
  { id: 'yc-zrzy', name: '榆次区自然资源局', aliases: ['榆次区自然资源分局'], county: '榆次区' },
  { id: 'jx-zjj', name: '介休市住房和城乡建设局', aliases: ['介休市住建局'], county: '介休市' },
];

const GROUP = '榆次区入企服务第1组';
let clerk: TestUser;
let city: TestUser;
let dept: TestUser;
let otherDept: TestUser;

beforeAll(async () => {
  await clearFirestore();
  const db = adminDb();
  await Promise.all(
    REGISTRY.map((d) =>
      db
        .collection('departments')
        .doc(d.id)
        .set({ ...d, active: true }),
    ),
  );
  [clerk, city, dept, otherDept] = await Promise.all([
    makeUser({ email: 'wf-clerk@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: GROUP } }),
    makeUser({ email: 'wf-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'wf-dept@taizhang.test', claims: { role: 'department', department: 'jz-zrzy' } }),
    makeUser({ email: 'wf-dept-zjj@taizhang.test', claims: { role: 'department', department: 'jz-zjj' } }),
  ]);
});

afterAll(closeAdmin);

async function stored(id: string) {
  return (await adminDb().collection('problems').doc(id).get()).data()!;
}

/** The 交办 / 退回 reminders decided for a problem, in version order (docs/reminders.md). */
async function reminders(id: string): Promise<string[]> {
  const snap = await adminDb().collection('reminderEvents').where('problemId', '==', id).get();
  return snap.docs
    .map((d) => d.data())
    .sort((a, b) => a.version - b.version)
    .map((e) => `${e.kind}@${e.departmentId}`);
}

/** One change of a stored row at its current version, as a sheet sends it. */
async function change(user: TestUser, id: string, patch: Record<string, unknown>, requestId?: string): Promise<PushResult> {
  const doc = await stored(id);
  const { results } = await push(user, [{ key: doc.key, id, baseVersion: doc.version, values: { ...doc.values, ...patch } }], {
    ...(requestId && { requestId }),
  });
  return results[0]!;
}

/** A refused change: its answer, and proof that nothing at all was written. */
async function refusedChange(user: TestUser, id: string, patch: Record<string, unknown>): Promise<PushResult> {
  const before = await stored(id);
  const result = await change(user, id, patch);
  const after = await stored(id);
  expect(after.version).toBe(before.version);
  expect(after.updatedAt).toEqual(before.updatedAt);
  return result;
}

describe('the department loop', () => {
  let id: string;

  it('a clerk reports and escalates; the alias is stored as the canonical name, the suggestion kept', async () => {
    const { results } = await push(clerk, [
      { key: newKey(), values: problem({ group: GROUP, level: '协调解决', status: '待办理', department: '晋中市自然资源局', deadline: undefined }) },
    ]);
    const created = results[0] as PushOk;
    expect(created.status).toBe('created');
    expect(created.values.department).toBe('市自然资源局');
    id = created.id;
    expect(await stored(id)).toMatchObject({ departmentId: 'jz-zrzy', inbox: ['to_assign@county:榆次区'], dueKey: '9999-12-31' });

    // Escalating with a status other than 待办理 is refused whole.
    const early = await refusedChange(clerk, id, { level: '提交市级', status: '办理中', deadline: '2022-05-31' });
    expect(early).toMatchObject({ status: 'forbidden', fields: ['status'] });
    expect((early as { message: string }).message).toMatch(/待办理.* \/ /);

    expect(await change(clerk, id, { level: '提交市级' })).toMatchObject({ status: 'updated' });
    expect(await stored(id)).toMatchObject({ inbox: ['to_assign@city'] });
  });

  it('the department sees nothing yet: a suggestion is not an assignment', async () => {
    const { rows } = await pullAll(dept, {});
    expect(rows).toEqual([]);
    const refused = await refusedChange(dept, id, { resolution: '已受理' });
    expect(refused).toMatchObject({ status: 'forbidden' });
  });

  it('the clerk may no longer decide the handling of an escalated problem', async () => {
    const r = await refusedChange(clerk, id, { status: '办理中', deadline: '2022-05-31' });
    expect(r).toMatchObject({ status: 'forbidden', fields: ['deadline', 'status'] });
    expect((r as { message: string }).message).toContain('「办结时限」');
  });

  it('the city assigns: departmentId, assignedAt and new@dept are stored with the change', async () => {
    expect(await change(city, id, { status: '办理中', deadline: '2022-05-31' })).toMatchObject({ status: 'updated' });
    const doc = await stored(id);
    expect(doc.departmentId).toBe('jz-zrzy');
    expect(doc.assignedAt).toBeDefined();
    expect(doc.inbox).toEqual(['new@dept:jz-zrzy']);
    expect(doc.deadlineHolders).toEqual(expect.arrayContaining(['city', 'county:榆次区', `group:${GROUP}`, 'dept:jz-zrzy']));
    expect(doc.dueKey).toBe('2022-05-31');
    // The department's robot hears of it from the same commit, once.
    expect(await reminders(id)).toEqual(['assigned@jz-zrzy']);
  });

  it('the department pulls only its problems, in any county', async () => {
    await push(city, [
      { key: newKey(), values: problem({ county: '介休市', group: '介休市第1组', level: '提交市级', department: '市住建局', status: '办理中' }) },
    ]);
    const mine = await pullAll(dept, {});
    expect(mine.rows.map((r) => r.id)).toEqual([id]);
    const theirs = await pullAll(otherDept, {});
    expect(theirs.rows).toHaveLength(1);
    expect(theirs.rows[0]!.id).not.toBe(id);
    // By name or id, for everyone; another department's filter is refused to a department.
    expect((await pullAll(city, { filter: { department: '晋中市自然资源局' } })).rows.map((r) => r.id)).toEqual([id]);
    expect((await pullAll(city, { filter: { department: 'jz-zrzy' } })).rows.map((r) => r.id)).toEqual([id]);
    expect((await pull(dept, { filter: { department: 'jz-zjj' } })).error?.status).toBe('PERMISSION_DENIED');
    expect((await pull(dept, { ledger: 'visits' })).error?.status).toBe('PERMISSION_DENIED');
  });

  it('the department answers: answeredAt set, the new label gone; it may not touch other columns', async () => {
    const r = await refusedChange(dept, id, { resolution: '已现场踏勘', deadline: '2022-06-30' });
    expect(r).toMatchObject({ status: 'forbidden', fields: ['deadline'] });
    expect(await change(dept, id, { resolution: '已现场踏勘，正在办理用地手续' })).toMatchObject({ status: 'updated' });
    const doc = await stored(id);
    expect(doc.answeredAt).toBeDefined();
    expect(doc.inbox).toEqual([]);
  });

  it('the department asks to close: to_review@city', async () => {
    expect(await change(dept, id, { status: '待审核', resolvedOn: '2022-05-20', resolution: '用地手续已办结' })).toMatchObject({ status: 'updated' });
    const doc = await stored(id);
    expect(doc.inbox).toEqual(['to_review@city']);
    expect(doc.reviewRequestedAt).toBeDefined();
    // It may not accept its own answer.
    expect(await refusedChange(dept, id, { status: '已解决' })).toMatchObject({ status: 'forbidden', fields: ['status'] });
  });

  it('the city returns: without a new review invalid, with one returned@dept', async () => {
    const r = await refusedChange(city, id, { status: '办理中' });
    expect(r).toMatchObject({ status: 'invalid', errors: [expect.objectContaining({ field: 'review', code: 'required' })] });
    const requestId = `return-${newKey()}`;
    const returned = await change(city, id, { status: '办理中', review: '请补充不动产登记证明' }, requestId);
    expect(returned).toMatchObject({ status: 'updated' });
    const doc = await stored(id);
    expect(doc.returnedAt).toBeDefined();
    expect(doc.inbox).toEqual(['returned@dept:jz-zrzy']);
    // The department's to-do says why: the item carries the 审核意见 the pane shows.
    const todo = await callFn<{ items: { reason: string; id: string; review?: string }[] }>('getInbox', { asOf: '2022-05-21' }, dept.token);
    expect(todo.result!.items.find((i) => i.reason === 'returned' && i.id === id)?.review).toBe('请补充不动产登记证明');
    // A lost answer's retry replays the request: the same answer, no second reminder.
    expect(await change(city, id, { status: '办理中', review: '请补充不动产登记证明' }, requestId)).toEqual(returned);
    expect(await reminders(id)).toEqual(['assigned@jz-zrzy', 'returned@jz-zrzy']);
  });

  it('a replayed refused push stays refused and writes nothing', async () => {
    const requestId = `replay-${newKey()}`;
    const first = await change(dept, id, { review: '自己写的意见' }, requestId);
    expect(first).toMatchObject({ status: 'forbidden', fields: ['review'] });
    const before = await dumpFirestore();
    const again = await change(dept, id, { review: '自己写的意见' }, requestId);
    expect(again).toEqual(first);
    expect(await dumpFirestore()).toEqual(before);
  });

  it('the department answers again, the city accepts, the clerk follows up', async () => {
    expect(await change(dept, id, { status: '待审核', resolution: '已补充不动产登记证明' })).toMatchObject({ status: 'updated' });
    expect(await change(city, id, { status: '已解决' })).toMatchObject({ status: 'updated' });
    let doc = await stored(id);
    expect(doc.inbox).toEqual([`follow_up@group:${GROUP}`]);
    expect(doc.deadlineHolders).toEqual([]);
    expect(await change(clerk, id, { followUp: '满意', followUpOn: '2022-05-25' })).toMatchObject({ status: 'updated' });
    doc = await stored(id);
    expect(doc.inbox).toEqual([]);
    // Answers, acceptance and follow-up remind nobody.
    expect(await reminders(id)).toEqual(['assigned@jz-zrzy', 'returned@jz-zrzy']);
  });

  it('statistics: a department counts only its problems; by department the canonical name and id', async () => {
    const mine = await stats(dept, { groupBy: 'department' });
    expect(mine.result?.totals.total).toBe(1);
    const all = await stats(city, { groupBy: 'department', asOf: '2022-06-01' });
    expect(all.result?.rows.map((r) => [r.key, (r as { departmentId?: string }).departmentId])).toEqual(
      expect.arrayContaining([
        ['市自然资源局', 'jz-zrzy'],
        ['市住房和城乡建设局', 'jz-zjj'],
      ]),
    );
    expect(all.result?.totals).toMatchObject({ awaitingReview: 0, longTerm: 0 });
  });
});

describe('what a department may never do', () => {
  it("create rows, read visits, change another department's problem; an unknown 责任单位 is invalid with suggestions", async () => {
    const created = await push(dept, [{ key: newKey(), values: problem({ department: '市自然资源局' }) }]);
    expect(created.results[0]).toMatchObject({ status: 'forbidden' });
    const v = await push(dept, [{ key: newKey(), values: visit() }], { ledger: 'visits' });
    expect(v.results[0]).toMatchObject({ status: 'forbidden' });
    expect((await callFn('pullRows', { ledger: 'visits' }, dept.token)).error?.status).toBe('PERMISSION_DENIED');

    const { rows } = await pullAll(otherDept, {});
    const theirs = rows[0]! as { id: string };
    expect(await refusedChange(dept, theirs.id, { resolution: '不是我们的' })).toMatchObject({ status: 'forbidden' });
    // A row id that does not exist answers the same as one that is not its own.
    const missing = await push(dept, [{ key: newKey(), id: 'P-140702-2022-999999', baseVersion: 1, values: problem() }]);
    expect(missing.results[0]).toMatchObject({ status: 'forbidden' });

    const unknown = await push(city, [{ key: newKey(), values: problem({ department: '自然资源局' }) }]);
    expect(unknown.results[0]).toMatchObject({ status: 'invalid', errors: [expect.objectContaining({ field: 'department', code: 'enum' })] });
    expect(JSON.stringify(unknown.results[0])).toContain('市自然资源局');
  });

  it('listDepartments answers the registry to any signed-in account', async () => {
    const res = await callFn<{ departments: { id: string }[] }>('listDepartments', {}, dept.token);
    expect(res.result?.departments.map((d) => d.id)).toEqual(REGISTRY.map((d) => d.id).sort());
    expect((await callFn('listDepartments', {})).error?.status).toBe('UNAUTHENTICATED');
  });
});
