// A department account in the pane, over the Excel simulator and the fake API: its 待办 read
// at sign-in, an item opening its row (the list pulled first when the sheet lacks it) with the
// 审核意见 shown, the columns it may not change shaded in the header and refused by 校验
// before anything is sent, 责任单位 a dropdown from the registry, and its answer pushed.

import { problems, type DepartmentRecord } from '@taizhang/ledger';
import { createApiClient, judgeOutgoing, lockedFields, callerOf, type InboxAnswer, type Profile, type SheetColumns } from '@taizhang/client';
import { LOCKED_FILL } from '../../../addin/src/engine';
import { HEADER_FILL } from '../../../addin/src/engine/columns';
import type { Backend, SignedInUser } from '../../../addin/src/pane/backend';
import { PaneStore } from '../../../addin/src/pane/store';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemValues } from '../../support/addinRows';
import { fakeServer } from '../../support/fakeApi';

const TODAY = '2022-05-10';
const P = (k: string) => colOf(problems, k);
const DEPT: Profile = { uid: 'd1', email: 'dept.zrzy@taizhang.demo', role: 'department', department: 'jz-zrzy' };
const REGISTRY: DepartmentRecord[] = [
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直', active: true },
  { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: [], county: '市直', active: true },
  { id: 'jz-old', name: '市旧单位', aliases: [], county: '市直', active: false },
];
const REVIEW = '用地手续办理进度不清，请补充具体时间节点';

function backendOf(api: ReturnType<typeof createApiClient>): Backend {
  let listener: ((u: SignedInUser | null) => void) | undefined;
  return {
    emulator: true,
    onAuthChange(cb) {
      listener = cb;
      cb(null);
      return () => {
        listener = undefined;
      };
    },
    async signIn(email) {
      listener?.({ email });
    },
    async signOut() {
      listener?.(null);
    },
    api: () => api,
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}

async function setup() {
  const base = problemValues({
    level: '提交市级',
    department: '市自然资源局',
    deadline: '2022-05-15',
    status: '办理中',
    category: '用地规划',
    description: '项目用地手续办理缓慢',
    targetName: '晋中开发区某新材料公司',
  });
  const plain = Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined && v !== ''));
  const inboxHolder: { answer?: InboxAnswer } = {};
  const server = fakeServer({
    today: TODAY,
    profile: DEPT,
    departments: REGISTRY,
    get inbox() {
      return inboxHolder.answer;
    },
  });
  const stored = (await server.transport('pushRows', {
    ledger: 'problems',
    requestId: 'seed',
    rows: [{ key: 'seed-1', values: { ...plain, review: REVIEW } }],
  })) as { results: { id: string }[] };
  const id = stored.results[0]!.id;
  if (!id) throw new Error(JSON.stringify(stored.results[0]));
  inboxHolder.answer = {
    asOf: TODAY,
    counts: { new: 0, returned: 1, due_soon: 1, overdue: 0 },
    items: [
      {
        reason: 'returned',
        ledger: 'problems',
        id,
        county: '榆次区',
        targetName: '晋中开发区某新材料公司',
        description: '项目用地手续办理缓慢',
        level: '提交市级',
        status: '办理中',
        department: '市自然资源局',
        deadline: '2022-05-15',
        review: REVIEW,
        updatedAt: '2022-05-09T02:00:00Z',
      },
      {
        reason: 'due_soon',
        ledger: 'problems',
        id,
        county: '榆次区',
        targetName: '晋中开发区某新材料公司',
        description: '项目用地手续办理缓慢',
        level: '提交市级',
        status: '办理中',
        department: '市自然资源局',
        deadline: '2022-05-15',
        review: REVIEW,
        updatedAt: '2022-05-09T02:00:00Z',
      },
    ],
  };
  const excel = createSimulatedExcel();
  const api = createApiClient(server.transport, { retry: { sleep: async () => {} } });
  const store = new PaneStore(excel, backendOf(api), {}, { today: TODAY });
  store.start();
  await store.actions.signIn(DEPT.email, 'pw');
  await until(() => store.getState().inbox !== undefined && store.getState().departments !== undefined);
  return { server, excel, store, id };
}

test('the rights say which columns a department can change on no problem: everything but its answer and status', () => {
  expect(lockedFields(callerOf(DEPT))).toEqual(problems.fields.map((f) => f.key).filter((k) => !['status', 'resolution', 'resolvedOn'].includes(k)));
  expect(lockedFields(callerOf({ role: 'clerk', county: '榆次区', group: 'g' }))).toEqual(['review']);
  expect(lockedFields(callerOf({ role: 'coordinator' }))).toEqual([]);
});

test('judgeOutgoing refuses what the ledger core refuses, on the refused columns, and lets the rest go', () => {
  const values = { county: '榆次区', level: '提交市级', status: '办理中', department: '市自然资源局', description: '原描述' };
  const cols = {
    ledger: problems,
    fieldCol: new Map(problems.fields.map((f, i) => [f.key, i])),
    fields: problems.fields.map((def, col) => ({ def, col })),
  } as unknown as SheetColumns;
  const out = [
    { row: 2, key: 'a', id: 'P-1', version: 1, values: { ...values, description: '改了描述' }, raw: {} },
    { row: 3, key: 'b', id: 'P-2', version: 1, values: { ...values, status: '待审核', resolution: '已办' }, raw: {} },
    { row: 4, key: 'c', id: 'P-3', version: 1, values: { ...values, status: '已解决' }, raw: {} },
    { row: 5, key: 'd', id: 'P-4', version: 1, values: { ...values, description: '服务器上没有' }, raw: {} },
  ];
  const bases = new Map(['P-1', 'P-2', 'P-3'].map((id) => [id, { version: 1, values }]));
  const j = judgeOutgoing(cols, out, callerOf(DEPT), bases);
  expect(j.outgoing.map((o) => o.key)).toEqual(['b', 'd']);
  expect(j.refused.map((r) => [r.row, r.errors.map((e) => e.field)])).toEqual([
    [2, ['description']],
    [4, ['status']],
  ]);
  expect(j.refused[0]!.errors[0]).toMatchObject({ address: `${P('description')}2`, header: '问题描述' });
  expect(j.refused[0]!.errors[0]!.zh).toContain('责任单位只能填写');
  expect(j.refused[0]!.errors[0]!.en).toContain('A department can only fill in');
  // A row changed on the server since the sheet had it is the server's to answer (a conflict).
  const moved = new Map([...bases].map(([id, b]) => [id, { ...b, version: 2 }]));
  expect(judgeOutgoing(cols, out, callerOf(DEPT), moved).refused).toEqual([]);
  // The city office may change anything: nothing is judged away.
  expect(judgeOutgoing(cols, out, { role: 'coordinator' }, bases).refused).toEqual([]);
});

test('a department: 待办 at sign-in, an item opens its row (pulled first), the 审核意见 shown, header shaded, dropdown from the registry', async () => {
  const { store, excel, id } = await setup();
  const st = store.getState();
  expect(st.inbox!.counts).toMatchObject({ returned: 1, due_soon: 1 });
  expect(st.departments!.map((d) => d.id)).toContain('jz-zrzy');

  await store.actions.openItem(id);
  const after = store.getState();
  expect(after.error).toBeUndefined();
  expect(after.notices[0]).toMatchObject({ key: 'opened', args: [id, '交办问题清单', 2, true] });
  expect(after.opened).toEqual({ id, review: REVIEW });
  expect(excel.selectedAddress()).toContain('交办问题清单');
  expect(excel.selectedAddress()).toMatch(/A2:/);

  const sh = excel.sheet('交办问题清单');
  expect(sh.cell(`${P('description')}1`).fill).toBe(LOCKED_FILL);
  expect(sh.cell(`${P('resolution')}1`).fill).toBe(HEADER_FILL);
  expect(sh.cell(`${P('status')}1`).fill).toBe(HEADER_FILL);
  const dv = sh.cell(`${P('department')}2`).dataValidation;
  expect(dv?.source).toMatch(/TZ_Lists/);
  const names = excel
    .sheet('TZ_Lists')
    .values(dv!.source.replace(/^=?'?TZ_Lists'?!/, '').replace(/\$/g, ''))
    .map((r) => r[0]);
  expect(names).toEqual(['市自然资源局', '市住房和城乡建设局']);

  // Open again: the row is there, nothing is pulled.
  await store.actions.openItem(id);
  expect(store.getState().notices[0]).toMatchObject({ key: 'opened', args: [id, '交办问题清单', 2, false] });
});

test('a department: a column it may not change is refused by 校验 and never sent; its answer is pushed', async () => {
  const { store, excel, server, id } = await setup();
  await store.actions.openItem(id);
  const sh = excel.sheet('交办问题清单');
  sh.type(`${P('description')}2`, [['我改了问题描述']]);
  await store.actions.check();
  let st = store.getState();
  expect(st.error).toBeUndefined();
  expect(st.rowErrors).toHaveLength(1);
  expect(st.rowErrors[0]!.errors.map((e) => e.field)).toEqual(['description']);
  expect(sh.cell(`${P('description')}2`).fill).toBe('#FFC7CE');
  expect(sh.cell(`${P('_sync')}2`).value).toBe('有错误');

  const pushesBefore = server.calls.filter((c) => c.name === 'pushRows').length;
  await store.actions.push();
  st = store.getState();
  expect(st.notices[0]).toMatchObject({ key: 'pushedNothing' });
  expect(server.calls.filter((c) => c.name === 'pushRows').length).toBe(pushesBefore);

  // Put the description back, answer and ask to close: that goes.
  sh.type(`${P('description')}2`, [['项目用地手续办理缓慢']]);
  sh.type(`${P('resolution')}2`, [['已补充用地手续办理时间节点：5月20日前完成组卷报批']]);
  sh.type(`${P('status')}2`, [['待审核']]);
  await store.actions.push();
  st = store.getState();
  expect(st.error).toBeUndefined();
  expect(st.rowErrors).toEqual([]);
  expect(st.notices[0]).toMatchObject({ key: 'pushed', args: [1, 1] });
  expect(server.rows('problems').find((r) => r.id === id)!.values).toMatchObject({ status: '待审核', description: '项目用地手续办理缓慢' });
  expect(sh.cell(`${P('description')}2`).fill).not.toBe('#FFC7CE');
  expect(sh.cell(`${P('_sync')}2`).value).toBe('已同步');
});

test('a stored row whose key cell was emptied, refused by 校验: it gets a key, so fixing it takes the mark away', async () => {
  const { store, excel, id } = await setup();
  await store.actions.openItem(id);
  const sh = excel.sheet('交办问题清单');
  sh.type(`${P('_key')}2`, [['']]);
  sh.type(`${P('description')}2`, [['我改了问题描述']]);
  await store.actions.check();
  expect(store.getState().rowErrors.map((r) => r.errors.map((e) => e.field))).toEqual([['description']]);
  expect(sh.cell(`${P('description')}2`).fill).toBe('#FFC7CE');
  expect(sh.cell(`${P('_key')}2`).value).toMatch(/^[0-9a-f-]{36}$/);

  sh.type(`${P('description')}2`, [['项目用地手续办理缓慢']]);
  await store.actions.check();
  expect(store.getState().rowErrors).toEqual([]);
  expect(sh.cell(`${P('description')}2`).fill).not.toBe('#FFC7CE');
  expect(sh.cell(`${P('_sync')}2`).value).toBe('');
});
