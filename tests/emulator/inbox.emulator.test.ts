// The to-do and a row's history against the real emulators (docs/api.md#getinbox,
// docs/api.md#gethistory). Problems are seeded through the Admin SDK with the labels the push
// keeps on them (`inbox`, `deadlineHolders`, `dueKey`, decided by the ledger core), so each
// reason and role is set up exactly; getInbox must answer from the labels alone.
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { INBOX_REASONS, deadlineHolders, inboxLabels, type InboxAnswer, type HistoryAnswer, type WorkflowStamps } from '@taizhang/ledger';
import { adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { create, onSiteProblem } from './fixtures';

const YUCI = '榆次区';
const JIEXIU = '介休市';
const GROUP = '榆次区入企服务第1组';
const DEPT = 'jz-zrzy';
const AS_OF = '2024-06-10';

let cityCoordinator: TestUser;
let yuciCoordinator: TestUser;
let jiexiuCoordinator: TestUser;
let clerk: TestUser;
let department: TestUser;
let otherDepartment: TestUser;

interface Seed {
  readonly values: Record<string, unknown>;
  readonly ownerGroup?: string | null;
  readonly departmentId?: string | null;
  readonly stamps?: WorkflowStamps;
  readonly withdrawn?: boolean;
}

const ids = new Map<string, number>();
/** A fresh problem id of a county code (2023's: the pushes below number 2024's). */
function nextId(code = '140702'): string {
  const n = (ids.get(code) ?? 0) + 1;
  ids.set(code, n);
  return `P-${code}-2023-${String(n).padStart(6, '0')}`;
}

/** The document the push would store for these facts, labels included. */
function problemDoc(id: string, s: Seed): Record<string, unknown> {
  const row = {
    values: s.values,
    ownerGroup: s.ownerGroup ?? null,
    departmentId: s.departmentId ?? null,
    withdrawn: s.withdrawn ?? false,
    stamps: s.stamps ?? {},
  };
  return {
    id,
    key: `seed-${id}`,
    version: 1,
    values: s.values,
    counties: [s.values.county],
    ownerGroup: row.ownerGroup,
    ownerUid: 'seed',
    departmentId: row.departmentId,
    withdrawn: row.withdrawn,
    inbox: inboxLabels(row),
    deadlineHolders: deadlineHolders(row),
    dueKey: typeof s.values.deadline === 'string' ? s.values.deadline : '9999-12-31',
    createdAt: Timestamp.now(),
    createdBy: 'seed@taizhang.test',
    updatedAt: Timestamp.now(),
    updatedBy: 'seed@taizhang.test',
    lastRequestId: 'seed',
  };
}

async function seed(db: Firestore, rows: readonly (Seed & { id?: string })[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    const batch = db.batch();
    for (const r of rows.slice(i, i + 400)) {
      const id = r.id ?? nextId(r.values.county === JIEXIU ? '140781' : '140702');
      out.push(id);
      batch.set(db.collection('problems').doc(id), problemDoc(id, r));
    }
    await batch.commit();
  }
  return out;
}

const base = (o: Record<string, unknown>) => ({
  county: YUCI,
  targetName: '山西强伟纸业有限公司',
  description: '需要申报指导',
  ...o,
});

const inbox = (u: TestUser, asOf = AS_OF) => callOk<InboxAnswer>('getInbox', { asOf }, u.token);
const idsOf = (a: InboxAnswer, reason: string) => a.items.filter((i) => i.reason === reason).map((i) => i.id);

// The seeded store: what each list must answer, by id.
type Expected =
  | 'countyToAssign'
  | 'cityToAssign'
  | 'countyToReview'
  | 'cityToReview'
  | 'new'
  | 'returned'
  | 'dueSoon'
  | 'dueLater'
  | 'overdue'
  | 'followUp'
  | 'jiexiuToAssign'
  | 'jiexiuOverdue';
const expected = {} as Record<Expected, string[]>;

beforeAll(async () => {
  await clearFirestore();
  [cityCoordinator, yuciCoordinator, jiexiuCoordinator, clerk, department, otherDepartment] = await Promise.all([
    makeUser({ email: 'inbox-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'inbox-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'inbox-jiexiu@taizhang.test', claims: { role: 'coordinator', county: JIEXIU } }),
    makeUser({ email: 'inbox-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'inbox-dept@taizhang.test', claims: { role: 'department', department: DEPT } }),
    makeUser({ email: 'inbox-dept2@taizhang.test', claims: { role: 'department', department: 'jz-zjj' } }),
  ]);
  const db = adminDb();
  const assigned = (deadline: string, o: Partial<Seed> = {}): Seed => ({
    values: base({ level: '协调解决', status: '办理中', department: '市自然资源局', deadline }),
    ownerGroup: GROUP,
    departmentId: DEPT,
    stamps: { assignedAt: 1 },
    ...o,
  });
  // Ids chosen so that id order and insertion order differ from deadline order.
  expected.countyToAssign = await seed(db, [
    { id: 'P-140702-2023-000903', values: base({ level: '协调解决', status: '待办理' }) },
    { id: 'P-140702-2023-000901', values: base({ level: '协调解决', status: '待办理', deadline: '2024-07-01' }) },
    { id: 'P-140702-2023-000902', values: base({ level: '协调解决', status: '待办理', deadline: '2024-07-01' }) },
    { id: 'P-140702-2023-000900', values: base({ level: '协调解决', status: '待办理', deadline: '2024-06-20' }) },
  ]);
  expected.countyToAssign = ['P-140702-2023-000900', 'P-140702-2023-000901', 'P-140702-2023-000902', 'P-140702-2023-000903'];
  expected.cityToAssign = await seed(db, [{ values: base({ level: '提交市级', status: '待办理' }) }]);
  expected.countyToReview = await seed(db, [
    { values: base({ level: '协调解决', status: '待审核', resolution: '已办', department: '市自然资源局', deadline: '2024-07-30' }), departmentId: DEPT },
  ]);
  expected.cityToReview = await seed(db, [
    { values: base({ level: '提交市级', status: '待审核', resolution: '已办', department: '市自然资源局', deadline: '2024-07-30' }), departmentId: DEPT },
  ]);
  expected.new = await seed(db, [assigned('2024-08-01')]);
  expected.returned = await seed(db, [assigned('2024-08-02', { stamps: { assignedAt: 1, answeredAt: 2, returnedAt: 3 } })]);
  expected.dueSoon = await seed(db, [
    assigned('2024-06-17', { stamps: { assignedAt: 1, answeredAt: 2 } }),
    assigned(AS_OF, { stamps: { assignedAt: 1, answeredAt: 2 } }),
  ]);
  // One day past the due-soon window.
  expected.dueLater = await seed(db, [assigned('2024-06-18', { stamps: { assignedAt: 1, answeredAt: 2 } })]);
  expected.overdue = await seed(db, [
    assigned('2024-06-09', { stamps: { assignedAt: 1, answeredAt: 2 } }),
    assigned('2024-05-01', { stamps: { assignedAt: 1, answeredAt: 2 } }),
  ]);
  expected.overdue.reverse();
  // Settled or withdrawn: overdue by its deadline, on no list.
  await seed(db, [
    { values: base({ level: '协调解决', status: '长期推进', department: '市自然资源局', deadline: '2024-01-01' }), ownerGroup: GROUP, departmentId: DEPT },
    {
      values: base({ level: '协调解决', status: '办理中', department: '市自然资源局', deadline: '2024-01-01' }),
      ownerGroup: GROUP,
      departmentId: DEPT,
      withdrawn: true,
    },
  ]);
  expected.followUp = await seed(db, [
    { values: base({ level: '现场解决', status: '已解决', resolution: '已办', resolvedOn: '2024-06-01' }), ownerGroup: GROUP },
  ]);
  // Another county's: on the city's lists, never on 榆次区's.
  expected.jiexiuToAssign = await seed(db, [{ values: base({ county: JIEXIU, level: '协调解决', status: '待办理' }) }]);
  expected.jiexiuOverdue = await seed(db, [
    {
      values: base({ county: JIEXIU, level: '协调解决', status: '办理中', department: '市住建局', deadline: '2024-03-01' }),
      departmentId: 'jz-zjj',
      stamps: { assignedAt: 1, answeredAt: 2 },
    },
  ]);
}, 120_000);

afterAll(closeAdmin);

describe('getInbox', () => {
  it("answers each role its reasons, in the role's order, with counts", async () => {
    for (const [u, role] of [
      [cityCoordinator, 'coordinator'],
      [yuciCoordinator, 'coordinator'],
      [clerk, 'clerk'],
    ] as const) {
      const a = await inbox(u);
      expect(a.asOf).toBe(AS_OF);
      expect(Object.keys(a.counts)).toEqual(INBOX_REASONS[role]);
      const order = a.items.map((i) => INBOX_REASONS[role].indexOf(i.reason));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
  });

  it("a county coordinator: its county's to_assign and to_review by deadline then id, its overdue", async () => {
    const a = await inbox(yuciCoordinator);
    expect(idsOf(a, 'to_assign')).toEqual(expected.countyToAssign);
    expect(idsOf(a, 'to_review')).toEqual(expected.countyToReview);
    expect(idsOf(a, 'overdue')).toEqual(expected.overdue);
    expect(a.counts).toEqual({ to_assign: 4, to_review: 1, overdue: 2, possible_duplicate: 0 });
    const item = a.items.find((i) => i.id === expected.overdue[0])!;
    expect(item).toEqual({
      reason: 'overdue',
      ledger: 'problems',
      id: expected.overdue[0],
      county: YUCI,
      targetName: '山西强伟纸业有限公司',
      description: '需要申报指导',
      level: '协调解决',
      status: '办理中',
      department: '市自然资源局',
      deadline: '2024-05-01',
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    expect(a.items.find((i) => i.id === expected.countyToAssign[3])).not.toHaveProperty('deadline');
  });

  it('the city coordinator: 提交市级 to assign and review, overdue city-wide', async () => {
    const a = await inbox(cityCoordinator);
    expect(idsOf(a, 'to_assign')).toEqual(expected.cityToAssign);
    expect(idsOf(a, 'to_review')).toEqual(expected.cityToReview);
    expect(idsOf(a, 'overdue')).toEqual([...expected.jiexiuOverdue, ...expected.overdue]);
    expect(a.counts.overdue).toBe(3);
  });

  it("another county's coordinator sees only its own county", async () => {
    const a = await inbox(jiexiuCoordinator);
    expect(idsOf(a, 'to_assign')).toEqual(expected.jiexiuToAssign);
    expect(idsOf(a, 'overdue')).toEqual(expected.jiexiuOverdue);
    expect(a.counts.to_review).toBe(0);
  });

  it("a clerk: its group's follow-ups and overdue", async () => {
    const a = await inbox(clerk);
    expect(a.counts).toEqual({ follow_up: 1, overdue: 2 });
    expect(idsOf(a, 'follow_up')).toEqual(expected.followUp);
    expect(idsOf(a, 'overdue')).toEqual(expected.overdue);
  });

  it('a department: new, returned, due within 7 days (asOf included), overdue', async () => {
    const a = await inbox(department);
    expect(Object.keys(a.counts)).toEqual(INBOX_REASONS.department);
    expect(idsOf(a, 'new')).toEqual(expected.new);
    expect(idsOf(a, 'returned')).toEqual(expected.returned);
    expect(idsOf(a, 'due_soon')).toEqual([...expected.dueSoon].reverse());
    expect(idsOf(a, 'overdue')).toEqual(expected.overdue);
    const other = await inbox(otherDepartment);
    expect(idsOf(other, 'overdue')).toEqual(expected.jiexiuOverdue);
    expect(other.counts).toEqual({ new: 0, returned: 0, due_soon: 0, overdue: 1 });
  });

  it('the day decides what is overdue and due soon', async () => {
    const a = await inbox(clerk, '2024-05-02');
    expect(idsOf(a, 'overdue')).toEqual([expected.overdue[0]]);
    const later = await inbox(department, '2024-06-11');
    expect(idsOf(later, 'due_soon')).toEqual([expected.dueSoon[0], ...expected.dueLater]);
    expect(idsOf(later, 'overdue')).toEqual([expected.overdue[0], expected.overdue[1], expected.dueSoon[1]]);
  });

  it('an item appears when its labels name the caller and disappears when they stop', async () => {
    const db = adminDb();
    const [id] = await seed(db, [
      { values: base({ level: '协调解决', status: '已解决', resolution: '已办', resolvedOn: '2024-06-01', followUp: '满意' }), ownerGroup: GROUP },
    ]);
    expect(idsOf(await inbox(clerk), 'follow_up')).not.toContain(id);
    await db
      .collection('problems')
      .doc(id!)
      .update({ inbox: [`follow_up@group:${GROUP}`] });
    expect(idsOf(await inbox(clerk), 'follow_up')).toContain(id);
    await db.collection('problems').doc(id!).update({ inbox: [] });
    expect(idsOf(await inbox(clerk), 'follow_up')).not.toContain(id);
  });

  it('at most 200 items a reason; the count says how many', async () => {
    const db = adminDb();
    const many = Array.from({ length: 205 }, (_, i) => ({
      values: base({
        county: JIEXIU,
        level: '协调解决',
        status: '待审核',
        resolution: '已办',
        department: '市住建局',
        deadline: `2024-0${7 + (i % 2)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      }),
      departmentId: 'jz-zjj',
    }));
    await seed(db, many);
    const a = await inbox(jiexiuCoordinator);
    expect(a.counts.to_review).toBe(205);
    const items = a.items.filter((i) => i.reason === 'to_review');
    expect(items).toHaveLength(200);
    const keys = items.map((i) => `${i.deadline}|${i.id}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('answers the same whatever else the store holds (reads follow the items, not the store)', async () => {
    const before = await inbox(yuciCoordinator);
    const unrelated = Array.from({ length: 500 }, (_, i) => ({
      values: base({ county: i % 2 ? JIEXIU : '太谷区', level: '现场解决', status: '已解决', resolution: '已办', resolvedOn: '2024-06-01', followUp: '满意' }),
    }));
    await seed(adminDb(), unrelated);
    const after = await inbox(yuciCoordinator);
    expect(after).toEqual(before);
  });

  it('asOf must be a day; the error is bilingual', async () => {
    for (const asOf of ['2024-02-30', 'tomorrow', 20240610]) {
      const r = await callFn('getInbox', { asOf }, clerk.token);
      expect(r.error?.status).toBe('INVALID_ARGUMENT');
      expect(r.error?.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.error?.message).toMatch(/[A-Za-z]{4}/);
    }
    const r = await callFn('getInbox', { asOf: AS_OF, extra: 1 }, clerk.token);
    expect(r.error?.status).toBe('INVALID_ARGUMENT');
  });

  it('without asOf: today in Asia/Shanghai', async () => {
    const a = await callOk<InboxAnswer>('getInbox', {}, clerk.token);
    expect(a.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a clerk without a group is refused', async () => {
    const noGroup = await makeUser({ email: 'inbox-nogroup@taizhang.test', claims: { role: 'clerk', county: YUCI } });
    const r = await callFn('getInbox', {}, noGroup.token);
    expect(r.error?.status).toBe('PERMISSION_DENIED');
  });
});

describe('getHistory', () => {
  let mine: string;

  beforeAll(async () => {
    const [row] = await create(clerk, [onSiteProblem({ foundOn: '2024-06-01', resolvedOn: '2024-06-01' })]);
    mine = row!.id;
    await callOk(
      'pushRows',
      {
        ledger: 'problems',
        requestId: `hist-${Date.now()}`,
        rows: [{ key: row!.key, id: mine, baseVersion: 1, values: { ...row!.values, description: '企业需要申报专精特新指导' } }],
      },
      clerk.token,
    );
  });

  it('answers the revisions in version order to whoever may read the row', async () => {
    for (const u of [clerk, yuciCoordinator, cityCoordinator]) {
      const h = await callOk<HistoryAnswer>('getHistory', { ledger: 'problems', id: mine }, u.token);
      expect(h.revisions.map((r) => [r.version, r.action, r.by])).toEqual([
        [1, 'created', clerk.email],
        [2, 'updated', clerk.email],
      ]);
      expect(h.revisions[1]!.changes).toEqual([{ field: 'description', old: '企业具备申报专精特新条件，需要申报指导', new: '企业需要申报专精特新指导' }]);
      expect(h.revisions[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    }
  });

  it('refuses a row out of scope with the same message as a row that does not exist', async () => {
    const missing = 'P-140702-2024-999999';
    const foreign = await callFn('getHistory', { ledger: 'problems', id: mine }, jiexiuCoordinator.token);
    const none = await callFn('getHistory', { ledger: 'problems', id: missing }, jiexiuCoordinator.token);
    expect(foreign.error?.status).toBe('PERMISSION_DENIED');
    expect(none.error?.status).toBe('PERMISSION_DENIED');
    expect(foreign.error!.message.replaceAll(mine, 'ID')).toBe(none.error!.message.replaceAll(missing, 'ID'));
    // A department reads only what is assigned to it.
    const dept = await callFn('getHistory', { ledger: 'problems', id: mine }, otherDepartment.token);
    expect(dept.error?.status).toBe('PERMISSION_DENIED');
  });

  it('a department reads the history of a problem assigned to it', async () => {
    const id = expected.new[0]!;
    await adminDb()
      .collection('problems')
      .doc(id)
      .collection('revisions')
      .doc('000001')
      .set({
        version: 1,
        action: 'created',
        at: Timestamp.now(),
        by: 'seed@taizhang.test',
        changes: [{ field: 'status', new: '办理中' }],
      });
    const h = await callOk<HistoryAnswer>('getHistory', { ledger: 'problems', id }, department.token);
    expect(h.revisions).toEqual([
      { version: 1, action: 'created', at: expect.any(String), by: 'seed@taizhang.test', changes: [{ field: 'status', new: '办理中' }] },
    ]);
    const other = await callFn('getHistory', { ledger: 'problems', id }, otherDepartment.token);
    expect(other.error?.status).toBe('PERMISSION_DENIED');
  });

  it('a malformed request is invalid-argument', async () => {
    const r = await callFn('getHistory', { ledger: 'problems', id: 'nope' }, clerk.token);
    expect(r.error?.status).toBe('INVALID_ARGUMENT');
  });
});
