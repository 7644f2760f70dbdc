// The pane's store driving the real engine over the Excel simulator and the fake API:
// sign-in, new sheet, check (errors by row, click → cell), push with progress, conflicts
// resolved from the pane, pull, summary, cancel, and failures turned into messages.

import { problems } from '@taizhang/ledger';
import { createApiClient, type ApiClient } from '@taizhang/client';
import { ApiError } from '@taizhang/client';
import type { Backend, SignedInUser } from '../../../addin/src/pane/backend';
import { explain } from '../../../addin/src/pane/errors';
import { strings } from '../../../addin/src/pane/i18n';
import { PaneStore } from '../../../addin/src/pane/store';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemRow, rowsRange } from '../../support/addinRows';
import { fakeServer } from '../../support/fakeApi';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../supervision/dataset';

const TODAY = '2024-06-01';
const P = (k: string) => colOf(problems, k);

function fakeBackend(api: ApiClient, password = 'pw') {
  let listener: ((u: SignedInUser | null) => void) | undefined;
  const backend: Backend & { signInCalls: number } = {
    emulator: true,
    signInCalls: 0,
    onAuthChange(cb) {
      listener = cb;
      cb(null);
      return () => {
        listener = undefined;
      };
    },
    async signIn(email, pw) {
      backend.signInCalls++;
      if (pw !== password) throw Object.assign(new Error('Firebase: Error (auth/invalid-credential).'), { code: 'auth/invalid-credential' });
      listener?.({ email });
    },
    async signOut() {
      listener?.(null);
    },
    api: () => api,
  };
  return backend;
}

function setup() {
  const excel = createSimulatedExcel();
  const server = fakeServer({ today: TODAY });
  const api = createApiClient(server.transport, { retry: { sleep: async () => {} } });
  const backend = fakeBackend(api);
  const store = new PaneStore(excel, backend, {}, { today: TODAY });
  store.start();
  return { excel, server, backend, store };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}

async function signedIn() {
  const t = setup();
  await t.store.actions.signIn('clerk@yuci.test', 'pw');
  await until(() => t.store.getState().profile !== undefined);
  return t;
}

test('sign in: wrong password is explained, the right one loads the profile', async () => {
  const { store, backend } = setup();
  expect(store.getState().auth).toBe('signedOut');
  await store.actions.signIn('', '');
  expect(backend.signInCalls).toBe(0);
  expect(explain(store.getState().error, strings('zh'), 'zh').what).toBe(strings('zh').err.missingFields.what);
  await store.actions.signIn('clerk@yuci.test', 'wrong');
  expect(store.getState().auth).toBe('signedOut');
  expect(explain(store.getState().error, strings('en'), 'en').what).toBe('Wrong e-mail or password.');
  await store.actions.signIn('clerk@yuci.test', 'pw');
  expect(store.getState().auth).toBe('signedIn');
  await until(() => store.getState().profile !== undefined);
  expect(store.getState().profile).toMatchObject({ role: 'clerk', county: '榆次区' });
  await store.actions.signOut();
  expect(store.getState().auth).toBe('signedOut');
  expect(store.getState().profile).toBeUndefined();
});

test('check: an error note that cannot go in a comment (the clerk has one there) is told, not dropped', async () => {
  const { store, excel } = await signedIn();
  await store.actions.createSheet();
  const { sheet } = store.getState();
  const sh = excel.sheet(sheet!);
  sh.type(rowsRange(problems, 2, 3), [problemRow({ foundOn: '不是日期' }), problemRow({ targetName: 'B' })]);
  // The clerk's own comment on the very cell the check will mark.
  await excel.run(async (ctx) => {
    ctx.workbook.comments.add(`${sheet}!${P('foundOn')}2`, '我的批注');
    await ctx.sync();
  });

  await store.actions.check();
  const st = store.getState();
  expect(st.error).toBeUndefined();
  expect(st.rowErrors.map((r) => r.row)).toEqual([2]);
  expect(sh.cell(`${P('foundOn')}2`).comment).toBe('我的批注');
  expect(st.notices).toContainEqual(expect.objectContaining({ kind: 'warning', key: 'commentsNotWritten', args: [1] }));
  const zh = strings('zh').commentsNotWritten(1);
  const en = strings('en').commentsNotWritten(1);
  expect(zh).toContain('1');
  expect(en).toContain('1');
});

test('new sheet, check with errors by row, go to a cell, fix, push with progress, pull, summary', async () => {
  const { store, excel, server } = await signedIn();
  await store.actions.createSheet();
  const { sheet } = store.getState();
  expect(sheet).toBe('问题清单');
  expect(store.getState().notices[0]).toMatchObject({ key: 'created', args: ['问题清单'] });
  const sh = excel.sheet(sheet!);
  sh.type(rowsRange(problems, 2, 4), [problemRow({ targetName: 'A' }), problemRow({ targetName: 'B', foundOn: '不是日期' }), problemRow({ targetName: 'C' })]);

  await store.actions.check();
  let st = store.getState();
  expect(st.busy).toBeUndefined();
  expect(st.error).toBeUndefined();
  expect(st.rowErrors.map((r) => r.row)).toEqual([3]);
  const address = st.rowErrors[0]!.errors[0]!.address!;
  expect(address).toMatch(new RegExp(`^${P('foundOn')}3$`));
  await store.actions.goTo(address);
  expect(excel.selectedAddress()).toContain(address);

  sh.type(`${P('foundOn')}3`, [['2022-03-20']]);
  const progress: number[] = [];
  const unsub = store.subscribe(() => {
    const b = store.getState().busy;
    if (b?.flow === 'push' && b.total > 0) progress.push(b.done / b.total);
  });
  await store.actions.push();
  unsub();
  st = store.getState();
  expect(st.error).toBeUndefined();
  expect(st.rowErrors).toEqual([]);
  expect(st.notices[0]).toMatchObject({ key: 'pushed', args: [3, 3] });
  expect(progress.length).toBeGreaterThan(0);
  expect(server.rows('problems')).toHaveLength(3);

  await store.actions.push();
  expect(store.getState().notices[0]).toMatchObject({ key: 'pushedNothing' });

  await store.actions.pull();
  expect(store.getState().notices[0]).toMatchObject({ key: 'pulled', args: ['问题清单汇总', 3, expect.any(Number), expect.any(Number), false, 0, 0] });
  await store.actions.pull();
  expect(store.getState().notices[0]!.args[4]).toBe(true);
  store.actions.setPullFull(true);
  await store.actions.pull();
  expect(store.getState().notices[0]!.args[4]).toBe(false);

  store.actions.setGroupBy('sector');
  await store.actions.summary();
  expect(store.getState().notices[0]).toMatchObject({ key: 'summarized' });
  expect(store.getState().error).toBeUndefined();
});

test('conflicts: shown after a push, decided per row in the pane', async () => {
  const { store, excel, server } = await signedIn();
  await store.actions.createSheet();
  const sh = excel.sheet(store.getState().sheet!);
  sh.type(rowsRange(problems, 2, 3), [problemRow({ targetName: 'A' }), problemRow({ targetName: 'B' })]);
  await store.actions.push();
  const ids = [2, 3].map((r) => String(sh.cell(`${P('_id')}${r}`).value));
  for (const id of ids) server.edit('problems', id, { department: '市发改委' }, 'coordinator@taizhang.demo');
  for (const r of [2, 3]) sh.type(`${P('remarks')}${r}`, [['我的备注']]);
  // The clerk is back on the ledger sheet after the pull/summary of other tests.
  await store.actions.push();
  let st = store.getState();
  expect(st.conflicts).toHaveLength(2);
  expect(st.decisions).toEqual({ [st.conflicts[0]!.key]: 'later', [st.conflicts[1]!.key]: 'later' });
  store.actions.decide(st.conflicts[0]!.key, 'takeTheirs');
  await store.actions.applyDecisions();
  st = store.getState();
  expect(st.error).toBeUndefined();
  expect(st.notices[0]).toMatchObject({ key: 'resolved', args: [0, 1, 1] });
  expect(st.conflicts).toHaveLength(1);
  expect(sh.cell(`${P('department')}2`).value).toBe('市发改委');
  expect(sh.cell(`${P('remarks')}3`).value).toBe('我的备注');
});

test('cancel: the push stops and says what was kept', async () => {
  const { store, excel } = await signedIn();
  await store.actions.createSheet();
  const sh = excel.sheet(store.getState().sheet!);
  sh.type(rowsRange(problems, 2, 3), [problemRow({ targetName: 'A' }), problemRow({ targetName: 'B' })]);
  const running = store.actions.push();
  expect(store.getState().busy?.flow).toBe('push');
  store.actions.cancel();
  expect(store.getState().busy?.cancelling).toBe(true);
  await running;
  const st = store.getState();
  expect(st.busy).toBeUndefined();
  expect(st.error).toBeUndefined();
  expect(['cancelled', 'pushCancelled']).toContain(st.notices[0]!.key);
});

test('failures become messages: permission denied on pull, network on push', async () => {
  const { store, excel, server } = await signedIn();
  server.failNext(10, 'PERMISSION_DENIED');
  await store.actions.pull();
  let st = store.getState();
  expect(st.busy).toBeUndefined();
  expect(st.error).toBeInstanceOf(ApiError);
  expect(explain(st.error, strings('zh'), 'zh')).toMatchObject({ what: strings('zh').err.permission.what });
  store.actions.dismissError();
  expect(store.getState().error).toBeUndefined();

  await store.actions.createSheet();
  const sh = excel.sheet(store.getState().sheet!);
  sh.type(rowsRange(problems, 2, 2), [problemRow({ targetName: 'A' })]);
  server.failNext(10, 'NETWORK');
  await store.actions.push();
  st = store.getState();
  expect(st.notices[0]).toMatchObject({ key: 'pushFailedPartly', args: [0] });
  expect(explain(st.error, strings('en'), 'en').todo).toContain('Nothing in the sheet was lost');

  // Only one flow at a time.
  const a = store.actions.check();
  const b = store.actions.check();
  await Promise.all([a, b]);
  expect(store.getState().busy).toBeUndefined();
});

test('notice sheets: a coordinator picks a day and gets 通报 and 超期问题; a clerk is told why not', async () => {
  const excel = createSimulatedExcel();
  const server = fakeServer({
    today: AS_OF,
    profile: { uid: 'c', email: 'coord@city.test', role: 'coordinator' },
    noticeSource: { rows: ROWS, groups: GROUPS, activity: ACTIVITY },
  });
  const store = new PaneStore(excel, fakeBackend(createApiClient(server.transport, { retry: { sleep: async () => {} } })), {}, { today: AS_OF });
  store.start();
  await store.actions.signIn('coord@city.test', 'pw');
  await until(() => store.getState().profile !== undefined);
  expect(store.noticeDate()).toBe(AS_OF);
  store.actions.setNoticeDate('2022-05-31');
  await store.actions.noticeSheets();
  expect(store.getState().error).toBeUndefined();
  expect(store.getState().notices.map((n) => n.key)).toEqual(['noticeMade', 'noticeGenerated']);
  expect(excel.sheetNames()).toEqual(expect.arrayContaining(['通报 2022-05-31', '超期问题']));

  const clerk = await signedIn();
  await clerk.store.actions.noticeSheets();
  const e = explain(clerk.store.getState().error, strings('zh'), 'zh');
  expect(e.what).toContain('通报仅供协调员和管理员查看');
  expect(clerk.excel.sheetNames().some((n) => n.startsWith('通报'))).toBe(false);
});
