// The pane's registries and likely duplicates over the real engine, the Excel simulator and
// the fake API: the 服务对象 dropdown fed from the county's registry (other names taken), 校验
// filling empty cells from it and saying how many, the search filling the selected row,
// warnings apart from errors; a push's duplicates listed and compared side by side, a
// coordinator linking or dismissing (a fake ApiClient stands in for the server's detection);
// a message's colour telling the truth; the last choices remembered in the workbook.

import { problems, type DuplicateMatch, type HistoryAnswer, type PushResult, type TargetMatch } from '@taizhang/ledger';
import { createApiClient, type ApiClient, type Profile } from '@taizhang/client';
import type { Backend, SignedInUser } from '../../../addin/src/pane/backend';
import { PaneStore } from '../../../addin/src/pane/store';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemRow, rowsRange } from '../../support/addinRows';
import { fakeServer } from '../../support/fakeApi';

const TODAY = '2024-06-01';
const P = (k: string) => colOf(problems, k);

const TARGETS: TargetMatch[] = [
  { name: '山西强伟纸业有限公司', creditCode: '91140700MA0K12345X', county: '榆次区', township: '郭家堡乡', aliases: ['强伟纸业'] },
  { name: '联安矿用设备有限公司', creditCode: '91140702MA0J77777T', county: '榆次区', township: '修文镇' },
  { name: '南庄村', county: '介休市', township: '龙凤镇', id: '140781-longfeng-nanzhuang' },
  { name: '东赵村', county: '榆次区', township: '东赵乡', id: '140702-dongzhao-dongzhao' },
];

function backendOver(api: ApiClient): Backend {
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

async function paneOver(o: { profile?: Profile; wrap?: (api: ApiClient) => ApiClient; excel?: ReturnType<typeof createSimulatedExcel> } = {}) {
  const excel = o.excel ?? createSimulatedExcel();
  const server = fakeServer({ today: TODAY, targets: TARGETS, ...(o.profile && { profile: o.profile }) });
  const base = createApiClient(server.transport, { retry: { sleep: async () => {} } });
  const api = o.wrap ? o.wrap(base) : base;
  const store = new PaneStore(excel, backendOver(api), {}, { today: TODAY });
  store.start();
  await store.actions.signIn('clerk@yuci.test', 'pw');
  await until(() => store.getState().registrySize !== undefined);
  return { excel, server, store };
}

test("新建台账表: 服务对象 is a dropdown of the county's enterprises and villages, on the hidden lists sheet", async () => {
  const { store, excel } = await paneOver();
  expect(store.getState().registrySize).toBe(3); // 榆次区's: two enterprises, one village
  await store.actions.createSheet();
  const dv = excel.sheet('问题清单').cell(`${P('targetName')}2`).dataValidation;
  expect(dv).toMatchObject({ type: 'List' });
  expect(dv!.source).toMatch(/TZ_Lists/);
  const names = excel
    .sheet('TZ_Lists')
    .values(dv!.source.replace(/^=?'?TZ_Lists'?!/, '').replace(/\$/g, ''))
    .flat();
  expect(names).toEqual(['山西强伟纸业有限公司', '联安矿用设备有限公司', '东赵村']);
});

test('校验 fills empty 统一社会信用代码 / 乡镇（街道） from the registry, never over what is typed, and says how many', async () => {
  const { store, excel } = await paneOver();
  await store.actions.createSheet();
  const sh = excel.sheet('问题清单');
  sh.type(rowsRange(problems, 2, 4), [
    problemRow({ targetName: '强伟纸业', creditCode: '', township: '' }),
    problemRow({ targetName: '联安矿用设备有限公司', creditCode: '', township: '东阳镇' }),
    problemRow({ targetName: '新办的一家企业', creditCode: '', township: '' }),
  ]);
  await store.actions.check();
  const st = store.getState();
  expect(st.error).toBeUndefined();
  expect(sh.cell(`${P('creditCode')}2`).value).toBe('91140700MA0K12345X');
  expect(sh.cell(`${P('township')}2`).value).toBe('郭家堡乡');
  expect(sh.cell(`${P('creditCode')}3`).value).toBe('91140702MA0J77777T');
  expect(sh.cell(`${P('township')}3`).value).toBe('东阳镇'); // typed: kept
  expect(sh.cell(`${P('creditCode')}4`).value).toBe(''); // not in the registry: a new enterprise is no mistake
  expect(st.notices).toContainEqual({ kind: 'info', key: 'filledCells', args: [3] });
  expect(st.rowErrors).toEqual([]);
});

test('a credit code the registry gives to another enterprise: a warning apart from the errors, the push goes ahead', async () => {
  const { store, excel, server } = await paneOver();
  await store.actions.createSheet();
  const sh = excel.sheet('问题清单');
  sh.type(rowsRange(problems, 2, 2), [problemRow({ targetName: '晋中某某纸厂', creditCode: '91140700MA0K12345X' })]);
  await store.actions.check();
  let st = store.getState();
  expect(st.rowErrors).toEqual([]);
  expect(st.warnings).toHaveLength(1);
  expect(st.warnings[0]!.warnings[0]).toMatchObject({ field: 'creditCode', code: 'registry' });
  expect(st.notices).toContainEqual({ kind: 'warning', key: 'registryWarned', args: [1] });
  await store.actions.push();
  st = store.getState();
  expect(server.rows('problems')).toHaveLength(1);
  expect(st.warnings).toHaveLength(1);
});

test('the search fills the selected row: 服务对象, 统一社会信用代码, 乡镇（街道）, 县（区、市）', async () => {
  const { store, excel } = await paneOver();
  await store.actions.createSheet();
  const sh = excel.sheet('问题清单');
  sh.type(rowsRange(problems, 3, 3), [problemRow({ targetName: '', creditCode: '', township: '', county: '' })]);
  await store.actions.searchTargets('强伟');
  const found = store.getState().targetMatches!;
  expect(found.map((m) => m.name)).toContain('山西强伟纸业有限公司');
  await store.actions.goTo(`${P('description')}3`);
  await store.actions.fillTarget(found.find((m) => m.name === '山西强伟纸业有限公司')!);
  expect(store.getState().error).toBeUndefined();
  expect(store.getState().notices[0]).toMatchObject({ kind: 'success', key: 'targetFilled', args: ['山西强伟纸业有限公司', '问题清单', 3, 4] });
  expect(sh.cell(`${P('targetName')}3`).value).toBe('山西强伟纸业有限公司');
  expect(sh.cell(`${P('creditCode')}3`).value).toBe('91140700MA0K12345X');
  expect(sh.cell(`${P('township')}3`).value).toBe('郭家堡乡');
  expect(sh.cell(`${P('county')}3`).value).toBe('榆次区');
  // The header row is no row to fill.
  await store.actions.goTo(`${P('description')}1`);
  await store.actions.fillTarget(found[0]!);
  expect(String((store.getState().error as Error).message)).toContain('选中要填写的那一行');
});

test('a push that leaves a conflict is never green, though every other row went through', async () => {
  const { store, excel, server } = await paneOver();
  await store.actions.createSheet();
  const sh = excel.sheet('问题清单');
  sh.type(rowsRange(problems, 2, 2), [problemRow({ targetName: 'A' })]);
  await store.actions.push();
  expect(store.getState().notices[0]).toMatchObject({ kind: 'success', key: 'pushed', args: [1, 1] });
  server.edit('problems', String(sh.cell(`${P('_id')}2`).value), { remarks: '协调员已回访' });
  sh.type(`${P('remarks')}2`, [['我的备注']]);
  await store.actions.push();
  const st = store.getState();
  expect(st.conflicts).toHaveLength(1);
  expect(st.notices[0]).toMatchObject({ key: 'pushed', args: [1, 0], kind: 'warning' });
});

/** The server's duplicate detection, as another helper builds it: a fake over the fake server. */
function withDuplicates(found: DuplicateMatch[], decisions: { name: string; req: unknown }[]) {
  return (api: ApiClient): ApiClient => ({
    ...api,
    pushRows: (ledger, rows, o) =>
      api
        .pushRows(ledger, rows, {
          ...o,
          onChunk: (p) => o?.onChunk?.({ ...p, results: p.results.map((r): PushResult => (r.status === 'created' ? { ...r, duplicates: found } : r)) }),
        })
        .then((results) => results.map((r) => (r.status === 'created' ? { ...r, duplicates: found } : r))),
    getHistory: async ({ id }): Promise<HistoryAnswer> => ({
      revisions: [
        {
          version: 1,
          action: 'created',
          at: '2024-05-30T02:00:00Z',
          by: 'x@test',
          changes:
            id === 'P-OTHER'
              ? [
                  { field: 'county', new: '榆次区' },
                  { field: 'targetName', new: '强伟纸业' },
                  { field: 'description', new: '污水处理站扩建用地手续迟迟办不下来' },
                ]
              : [
                  { field: 'county', new: '榆次区' },
                  { field: 'targetName', new: '山西强伟纸业有限公司' },
                  { field: 'description', new: '污水处理站扩建用地手续办理缓慢' },
                ],
        },
      ],
    }),
    markDuplicate: async (req) => {
      decisions.push({ name: 'markDuplicate', req });
      return { id: req.id, version: 2, duplicateOf: req.of };
    },
    dismissDuplicate: async (req) => {
      decisions.push({ name: 'dismissDuplicate', req });
      return { id: req.id, version: 2 };
    },
  });
}

test('likely duplicates: listed after a push with the other group, compared side by side, linked by a coordinator', async () => {
  const decisions: { name: string; req: unknown }[] = [];
  const match: DuplicateMatch = { id: 'P-OTHER', group: '市工业和信息化专班', county: '榆次区', similarity: 0.62 };
  const coordinator: Profile = { uid: 'c1', email: 'coordinator.yuci@test', role: 'coordinator', county: '榆次区' };
  const { store, excel } = await paneOver({ profile: coordinator, wrap: withDuplicates([match], decisions) });
  await store.actions.createSheet();
  excel.sheet('问题清单').type(rowsRange(problems, 2, 2), [problemRow({ description: '污水处理站扩建用地手续办理缓慢' })]);
  await store.actions.push();
  let st = store.getState();
  // Stored and in step (green), and the likely duplicate said apart, as a warning.
  expect(st.notices[0]).toMatchObject({ kind: 'success', key: 'pushed', args: [1, 1] });
  expect(st.notices).toContainEqual({ kind: 'warning', key: 'duplicatesFound', args: [1] });
  expect(st.duplicates).toHaveLength(1);
  const mine = st.duplicates[0]!.id;
  expect(st.duplicates[0]).toMatchObject({ row: 2, matches: [match] });

  await store.actions.openCompare(mine, 'P-OTHER', match);
  st = store.getState();
  expect(st.compare).toMatchObject({ id: mine, of: 'P-OTHER', mine: { targetName: '山西强伟纸业有限公司' }, theirs: { targetName: '强伟纸业' } });

  await store.actions.linkDuplicate();
  st = store.getState();
  expect(decisions).toEqual([{ name: 'markDuplicate', req: { ledger: 'problems', id: mine, of: 'P-OTHER' } }]);
  expect(st.compare).toBeUndefined();
  expect(st.duplicates).toEqual([]);
  expect(st.notices[0]).toMatchObject({ kind: 'success', key: 'linked', args: [mine, 'P-OTHER'] });
});

test('likely duplicates: "not the same problem" records a dismissal', async () => {
  const decisions: { name: string; req: unknown }[] = [];
  const match: DuplicateMatch = { id: 'P-OTHER', group: '介休市进村服务第3组', county: '榆次区', similarity: 0.51 };
  const { store, excel } = await paneOver({ wrap: withDuplicates([match], decisions) });
  await store.actions.createSheet();
  excel.sheet('问题清单').type(rowsRange(problems, 2, 2), [problemRow({})]);
  await store.actions.push();
  const id = store.getState().duplicates[0]!.id;
  await store.actions.openCompare(id, 'P-OTHER', match);
  await store.actions.dismissDuplicate();
  expect(decisions).toEqual([{ name: 'dismissDuplicate', req: { ledger: 'problems', id, of: 'P-OTHER' } }]);
  expect(store.getState().notices[0]).toMatchObject({ key: 'dismissed' });
});

test('the last filters, 只看超期 and grouping are remembered in the workbook, for the next opening of the pane', async () => {
  const excel = createSimulatedExcel();
  const first = await paneOver({ excel });
  first.store.actions.setPullFilter({ status: '办理中', county: '榆次区' });
  first.store.actions.setOverdueOnly(true);
  first.store.actions.setGroupBy('category');
  await new Promise((r) => setTimeout(r, 20));
  const again = await paneOver({ excel });
  await until(() => again.store.getState().overdueOnly);
  expect(again.store.getState()).toMatchObject({ pullFilter: { status: '办理中', county: '榆次区' }, overdueOnly: true, groupBy: 'category' });
  // Another workbook starts from the defaults.
  const other = await paneOver();
  expect(other.store.getState()).toMatchObject({ pullFilter: {}, overdueOnly: false, groupBy: 'county' });
});

test('只看超期: the pulled list holds only problems past their 办结时限', async () => {
  const { store, excel, server } = await paneOver();
  await store.actions.createSheet();
  excel
    .sheet('问题清单')
    .type(rowsRange(problems, 2, 3), [
      problemRow({ targetName: '超期的', deadline: '2024-05-01', status: '办理中' }),
      problemRow({ targetName: '未到期', deadline: '2024-07-01', status: '办理中' }),
    ]);
  await store.actions.push();
  expect(server.rows('problems')).toHaveLength(2);
  store.actions.setOverdueOnly(true);
  await store.actions.pull();
  expect(store.getState().notices[0]).toMatchObject({ key: 'pulled', args: ['问题清单汇总', 1, expect.any(Number), expect.any(Number), false, 0, 0] });
  const names = excel
    .sheet('问题清单汇总')
    .values(`${P('targetName')}2:${P('targetName')}3`)
    .flat();
  expect(names).toEqual(['超期的', '']);
});
