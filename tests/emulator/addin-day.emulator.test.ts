// A clerk's day with the add-in, end to end: the engine on the Excel simulator, talking to
// the real callables in the emulators through the fetch transport. Each step builds on the
// one before, as the day does.
import { isLivePulledRow, problems, visits } from '@taizhang/ledger';
import { createApiClient, type ApiClient } from '@taizhang/client';
import { fetchTransport } from '@taizhang/client';
import type { Profile } from '@taizhang/client';
import { check } from '../../addin/src/engine/check';
import { resolveConflicts } from '../../addin/src/engine/conflicts';
import { createLedgerSheet } from '../../addin/src/engine/createSheet';
import { pull } from '../../addin/src/engine/pull';
import { push, type PushSummary } from '../../addin/src/engine/push';
import { summary } from '../../addin/src/engine/summary';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemRow, rowsRange, visitRow } from '../support/addinRows';
import { countDocs } from './fixtures';
import { clearFirestore, closeAdmin, FUNCTIONS_ORIGIN, makeUser, PROJECT_ID, REGION, type TestUser } from './helpers';

jest.setTimeout(120_000);

const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';
const P = (k: string) => colOf(problems, k);

function client(user: TestUser): ApiClient {
  return createApiClient(fetchTransport({ origin: FUNCTIONS_ORIGIN, project: PROJECT_ID, region: REGION, getIdToken: () => user.token }), {
    retry: { baseDelayMs: 50 },
  });
}

let clerk: TestUser;
let coordinator: TestUser;
let api: ApiClient;
let profile: Profile;
let excel: SimulatedExcel;
let sheet: string;

beforeAll(async () => {
  await clearFirestore();
  [clerk, coordinator] = await Promise.all([
    makeUser({ email: 'addin-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'addin-coord@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
  ]);
  api = client(clerk);
  profile = await api.getProfile();
  excel = createSimulatedExcel();
});

afterAll(closeAdmin);

describe("the clerk's day (问题清单)", () => {
  it('signs in: the profile says who they are', () => {
    expect(profile).toMatchObject({ role: 'clerk', county: YUCI, group: GROUP, email: clerk.email });
  });

  it('new sheet: headers, dropdowns, county and group pre-filled', async () => {
    const made = await createLedgerSheet(excel, 'problems', { profile });
    sheet = made.sheet;
    const sh = excel.sheet(sheet);
    expect(sh.cell('A2').value).toBe(YUCI);
    expect(sh.cell(`${P('group')}2`).value).toBe(GROUP);
    expect(sh.cell(`${P('_key')}1`).value).toBe('行标识〔系统〕');
  });

  it('pastes messy rows, checks: marks and bilingual messages where wrong', async () => {
    const sh = excel.sheet(sheet);
    sh.type(rowsRange(problems, 2, 6), [
      problemRow({ county: '榆次', foundOn: '2022/3/24', deadline: '2022年4月30日', targetName: '甲公司' }),
      problemRow({ foundOn: 44644, deadline: 44681, targetName: '乙公司', phone: '１３９１２３４５６７８' }),
      problemRow({ targetName: '丙公司', sector: '工业', foundOn: '2022.13.01' }),
      problemRow({ targetName: '丁公司', county: '', group: '' }), // county/group come from the profile
      problemRow({ targetName: '戊公司', level: '现场解决', status: '办理中', department: '' }),
    ]);
    const r = await check(excel, { sheet, profile });
    expect(r.rows).toBe(5);
    expect(r.errors.map((e) => e.row)).toEqual([4, 6]);
    const bad = r.errors[0]!.errors.map((e) => e.address);
    expect(bad).toEqual([`${P('sector')}4`, `${P('foundOn')}4`]);
    expect(sh.cell(`${P('sector')}4`).fill).toBe('#FFC7CE');
    expect(sh.cell(`${P('foundOn')}4`).comment).toMatch(/无法识别[\s\S]*cannot read/);
    expect(sh.cell('A5').value).toBe(YUCI);
  });

  it('fixes the cells; check clears the marks', async () => {
    const sh = excel.sheet(sheet);
    sh.type(`${P('sector')}4`, [['农业']]);
    sh.type(`${P('foundOn')}4`, [['2022-03-01']]);
    sh.type(`${P('status')}6`, [['已解决']]);
    sh.type(`${P('resolution')}6`, [['现场讲解政策']]);
    sh.type(`${P('resolvedOn')}6`, [['2022-03-24']]);
    const r = await check(excel, { sheet, profile });
    expect(r.errors).toEqual([]);
    expect(r.cleared).toBe(3);
    expect(sh.cell(`${P('sector')}4`).fill).toBeNull();
    expect(excel.comments()).toEqual([]);
  });

  it('pushes: ids, versions, canonical values written back', async () => {
    const r = await push(excel, api, { sheet, profile });
    expect(r.counts).toEqual({ created: 5 });
    const sh = excel.sheet(sheet);
    expect(sh.cell('A2').value).toBe(YUCI);
    expect(sh.cell(`${P('phone')}3`).value).toBe('13912345678');
    for (let row = 2; row <= 6; row++) {
      expect(sh.cell(`${P('_id')}${row}`).value).toMatch(/^P-140702-2022-\d{6}$/);
      expect(sh.cell(`${P('_sync')}${row}`).value).toBe('已同步');
    }
    expect(await countDocs('problems')).toBe(5);
  });

  it('sorts the table and inserts rows, edits one: only that row is sent', async () => {
    const sh = excel.sheet(sheet);
    excel.sortTable(excel.tableNames().find((t) => t.startsWith('TZ_problems'))!, '服务对象', false);
    sh.insertRows(3, 2);
    const row = rowOf('乙公司');
    sh.type(`${P('remarks')}${row}`, [['补充备注']]);
    const r = await push(excel, api, { sheet, profile });
    expect(r.toSend).toBe(1);
    expect(r.unchangedNotSent).toBe(4);
    expect(r.counts).toEqual({ updated: 1 });
    expect(sh.cell(`${P('_version')}${row}`).value).toBe(2);
    expect(await countDocs('problems')).toBe(5);
  });

  it('another account edits the same rows: push reports conflicts; each of the three choices', async () => {
    const coordApi = client(coordinator);
    const names = ['甲公司', '丙公司', '丁公司'];
    const sh = excel.sheet(sheet);
    const rows = names.map(rowOf);
    const ids = rows.map((r) => String(sh.cell(`${P('_id')}${r}`).value));
    const pulled = await coordApi.pullAll({ ledger: 'problems' });
    const theirs = pulled.rows.filter(isLivePulledRow).filter((r) => ids.includes(r.id));
    const answer = await coordApi.pushRows(
      'problems',
      theirs.map((t) => ({ key: t.key, id: t.id, baseVersion: t.version, values: { ...t.values, department: '市发改委' } })),
    );
    expect(answer.every((a) => a.status === 'updated')).toBe(true);

    for (const r of rows) sh.type(`${P('remarks')}${r}`, [['我改了备注']]);
    const r = await push(excel, api, { sheet, profile });
    expect(r.conflicts).toHaveLength(3);
    for (const row of rows) expect(sh.cell(`${P('_sync')}${row}`).value).toBe('冲突（台账中为第 2 版）');
    const c = (name: string) => r.conflicts.find((x) => x.row === rowOf(name))!;
    expect(c('甲公司').diff.map((d) => d.field)).toEqual(['department', 'remarks']);
    const res = await resolveConflicts(excel, api, {
      sheet,
      profile,
      decisions: [
        { conflict: c('甲公司'), choice: 'takeTheirs' },
        { conflict: c('丙公司'), choice: 'keepMine' },
        { conflict: c('丁公司'), choice: 'later' },
      ],
    });
    expect(res).toMatchObject({ taken: 1, kept: 1, later: 1 });
    expect(sh.cell(`${P('department')}${rowOf('甲公司')}`).value).toBe('市发改委');
    expect(sh.cell(`${P('_sync')}${rowOf('甲公司')}`).value).toBe('已同步');
    expect(res.push!.counts.updated).toBe(1);
    expect(sh.cell(`${P('_version')}${rowOf('丙公司')}`).value).toBe(3);
    expect(sh.cell(`${P('_sync')}${rowOf('丁公司')}`).value).toBe('冲突（台账中为第 2 版）');
    expect(await countDocs('problems')).toBe(5);
  });

  it('pulls into a fresh sheet, then an incremental pull updates rows in place', async () => {
    const p1 = await pull(excel, api, { ledger: 'problems', profile });
    expect(p1).toMatchObject({ incremental: false, rows: 5 });
    const ps = excel.sheet(p1.sheet);
    const ids = ps.values(`${P('_id')}2:${P('_id')}6`).map((x) => String(x[0]));
    expect(ids).toEqual([...ids].sort());

    const coordApi = client(coordinator);
    const target = (await coordApi.pullAll({ ledger: 'problems' })).rows.filter(isLivePulledRow).find((x) => x.id === ids[2])!;
    await coordApi.pushRows('problems', [{ key: target.key, id: target.id, baseVersion: target.version, values: { ...target.values, remarks: '协调员补充' } }]);
    const p2 = await pull(excel, api, { ledger: 'problems', profile });
    expect(p2).toMatchObject({ incremental: true, updated: 1, added: 0 });
    expect(ps.cell(`${P('remarks')}4`).value).toBe('协调员补充');
    expect(ps.values(`${P('_id')}2:${P('_id')}6`).map((x) => String(x[0]))).toEqual(ids);
  });

  it('summary sheet: a table and a chart; the coordinator also sees the overdue list', async () => {
    const s = await summary(excel, api, { ledger: 'problems', profile });
    expect(excel.sheet(s.sheet).charts()).toHaveLength(1);
    expect(excel.table(s.table).rows.find((r) => r[0] === YUCI)?.[1]).toBe(5);
    const coordApi = client(coordinator);
    const cs = await summary(excel, coordApi, { ledger: 'problems', profile: await coordApi.getProfile() });
    expect(cs.overdue).toBeGreaterThan(0);
  });
});

describe('breaking off and text safety', () => {
  it('cancel a push halfway, push again: nothing duplicated, nothing lost', async () => {
    const made = await createLedgerSheet(excel, 'problems', { profile });
    const N = 1200;
    const before = await countDocs('problems');
    excel.sheet(made.sheet).type(
      rowsRange(problems, 2, N + 1),
      Array.from({ length: N }, (_, i) => problemRow({ targetName: `批量企业${i}` })),
    );
    const ac = new AbortController();
    const r1: PushSummary = await push(excel, api, {
      sheet: made.sheet,
      profile,
      signal: ac.signal,
      onProgress: (done, _t, phase) => {
        if (phase === 'push' && done >= 500) ac.abort();
      },
    });
    expect(r1.cancelled).toBe(true);
    expect(await countDocs('problems')).toBe(before + 500);
    const r2 = await push(excel, api, { sheet: made.sheet, profile });
    expect(r2.counts).toEqual({ created: N - 500 });
    expect(await countDocs('problems')).toBe(before + N);
    const ids = excel
      .sheet(made.sheet)
      .values(`${P('_id')}2:${P('_id')}${N + 1}`)
      .map((x) => x[0]);
    expect(new Set(ids).size).toBe(N);
  });

  it('pulled values =HYPERLINK(…), +86…, @SUM(A1), -1+2 stay text', async () => {
    const nasty = ['=HYPERLINK("http://x","y")', '+8613912345678', '@SUM(A1)', '-1+2'];
    const created = await api.pushRows(
      'problems',
      nasty.map((n, i) => ({
        key: `nasty-${i}-${Date.now()}`,
        values: { ...plain(problemRow({ targetName: n, description: `${n} 描述文字` })), remarks: n },
      })),
    );
    expect(created.every((c) => c.status === 'created')).toBe(true);
    const p = await pull(excel, api, { ledger: 'problems', profile, filter: { county: YUCI }, sheet: '文本检查' });
    const sh = excel.sheet(p.sheet);
    const all = sh.formulas(`${P('remarks')}2:${P('remarks')}${p.rows + 1}`).map((x) => x[0]);
    for (const n of nasty) expect(all).toContain(n);
    for (let r = 2; r <= p.rows + 1; r++) expect(sh.cell(`${P('remarks')}${r}`).formula).toBeNull();
  });

  it('a 1904 workbook round-trips dates exactly', async () => {
    const x1904 = createSimulatedExcel({ date1904: true });
    const made = await createLedgerSheet(x1904, 'problems', { profile });
    x1904.sheet(made.sheet).type(rowsRange(problems, 2, 2), [problemRow({ targetName: '一九〇四', foundOn: '2022-03-24', deadline: '2022-04-30' })]);
    const r = await push(x1904, api, { sheet: made.sheet, profile });
    expect(r.counts).toEqual({ created: 1 });
    const id = String(x1904.sheet(made.sheet).cell(`${P('_id')}2`).value);
    const stored = (await api.pullAll({ ledger: 'problems' })).rows.filter(isLivePulledRow).find((x) => x.id === id)!;
    expect(stored.values.foundOn).toBe('2022-03-24');
    const p = await pull(x1904, api, { ledger: 'problems', profile });
    const ps = x1904.sheet(p.sheet);
    const ids = ps.values(`${P('_id')}2:${P('_id')}${p.rows + 1}`).map((x) => x[0]);
    const row = ids.indexOf(id) + 2;
    expect(ps.cell(`${P('foundOn')}${row}`).text).toBe('2022-03-24');
    expect(ps.cell(`${P('deadline')}${row}`).text).toBe('2022-04-30');
  });
});

describe("the clerk's day (走访台账, shorter)", () => {
  it('new sheet → paste → check → push → summary', async () => {
    const made = await createLedgerSheet(excel, 'visits', { profile });
    const V = (k: string) => colOf(visits, k);
    const sh = excel.sheet(made.sheet);
    sh.type(rowsRange(visits, 2, 3), [
      visitRow({ visitedOn: '2022/3/24', county: '榆次' }),
      visitRow({ staff: '０', targetName: '东阳村', targetType: '进村' }),
    ]);
    const c = await check(excel, { sheet: made.sheet, profile });
    expect(c.errors.map((e) => e.row)).toEqual([3]);
    expect(c.errors[0]!.errors.map((x) => x.address)).toEqual(expect.arrayContaining([`${V('township')}3`, `${V('staff')}3`]));
    sh.type(`${V('staff')}3`, [[2]]);
    sh.type(`${V('township')}3`, [['东阳镇']]);
    const r = await push(excel, api, { sheet: made.sheet, profile });
    expect(r.counts).toEqual({ created: 2 });
    expect(await countDocs('visits')).toBe(2);
    const s = await summary(excel, api, { ledger: 'visits', profile });
    expect(excel.table(s.table).rows[0]).toEqual(expect.arrayContaining([YUCI, 2]));
  });
});

function rowOf(targetName: string): number {
  const col = P('targetName');
  const vals = excel.sheet(sheet).values(`${col}1:${col}100`);
  const i = vals.findIndex((v) => v[0] === targetName);
  if (i < 0) throw new Error(`no row ${targetName}`);
  return i + 1;
}

function plain(cells: (string | number | boolean | null)[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  problems.fields.forEach((f, i) => {
    const v = cells[i];
    if (v !== '' && v !== null && v !== undefined && typeof v !== 'boolean') out[f.key] = v;
  });
  return out;
}
