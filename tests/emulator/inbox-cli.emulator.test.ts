// `taizhang inbox`, `taizhang history` (signed in, the real `node cli/bin/taizhang.js` process
// against the real callables) and `taizhang admin departments …` / `admin create --role
// department` (in-process through main()) against the emulators.
import { join } from 'node:path';
import { deleteApp, getApps } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import ExcelJS from 'exceljs';
import type { HistoryAnswer, InboxAnswer } from '@taizhang/ledger';
import { main } from '../../cli/src/main';
import { runTaizhang, tempDir } from '../unit/cli/fixtures';
import { create, onSiteProblem, problem } from './fixtures';
import { adminApp, adminDb, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(120_000);

const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';

const taizhang = (args: string[], env: Record<string, string> = {}) => runTaizhang(args, { env });

async function cli(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(['node', 'taizhang', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { status, out, err };
}

let dir: string;
let cleanup: () => void;
let clerk: TestUser;
let foreign: TestUser;
let resolvedId: string;
let overdueId: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await clearFirestore();
  [clerk, foreign] = await Promise.all([
    makeUser({ email: 'inbox-cli-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'inbox-cli-jiexiu@taizhang.test', claims: { role: 'coordinator', county: '介休市' } }),
  ]);
  const [resolved, overdue] = await create(clerk, [
    onSiteProblem({ foundOn: '2024-06-01', resolvedOn: '2024-06-01' }),
    problem({ foundOn: '2024-06-01', deadline: '2024-06-05' }),
  ]);
  resolvedId = resolved!.id;
  overdueId = overdue!.id;
  // The labels the push keeps (issue 19's push path): set here as it would.
  const db = adminDb();
  await db
    .collection('problems')
    .doc(resolvedId)
    .update({ inbox: [`follow_up@group:${GROUP}`], deadlineHolders: [], dueKey: '9999-12-31' });
  await db
    .collection('problems')
    .doc(overdueId)
    .update({ inbox: [], deadlineHolders: ['city', `county:${YUCI}`, `group:${GROUP}`], dueKey: '2024-06-05' });
  await callOk(
    'pushRows',
    {
      ledger: 'problems',
      requestId: `cli-hist-${Date.now()}`,
      rows: [{ key: resolved!.key, id: resolvedId, baseVersion: 1, values: { ...resolved!.values, remarks: '已电话回访' } }],
    },
    clerk.token,
  );
}, 120_000);

afterAll(async () => {
  cleanup();
  await closeAdmin();
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

describe('taizhang inbox', () => {
  it('prints the counts by reason in Chinese, then the problems of each reason', async () => {
    const r = await taizhang(['inbox', '--as-of', '2024-06-10', '--email', clerk.email], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('待办（截至 2024-06-10）');
    expect(r.out).toContain('待回访 1，已超期 1');
    expect(r.out).toMatch(new RegExp(`待回访 / To follow up（1）\\n  ${resolvedId}`));
    expect(r.out).toMatch(new RegExp(`已超期 / Overdue（1）\\n  ${overdueId}.*期限 2024-06-05`));
  });

  it('--json prints the answer; the day decides what is overdue', async () => {
    const r = await taizhang(['inbox', '--as-of', '2024-06-05', '--json', '--email', clerk.email], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(0);
    const a = JSON.parse(r.out) as InboxAnswer;
    expect(a).toMatchObject({ asOf: '2024-06-05', counts: { follow_up: 1, overdue: 0 } });
    expect(a.items.map((i) => i.id)).toEqual([resolvedId]);
  });

  it('refuses a bad --as-of before signing in', async () => {
    const r = await taizhang(['inbox', '--as-of', '2024-02-30', '--email', clerk.email], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).not.toBe(0);
    expect(r.err).toMatch(/YYYY-MM-DD/);
  });
});

describe('taizhang history', () => {
  it('prints each revision with the changed fields under their headers', async () => {
    const r = await taizhang(['history', resolvedId, '--email', clerk.email], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain(`${resolvedId} 修改记录 / history: 2`);
    expect(r.out).toMatch(/v1 .* inbox-cli-clerk@taizhang\.test {2}新增 \/ created/);
    expect(r.out).toMatch(/v2 .* 修改 \/ updated\n {4}备注: （空） → 已电话回访/);
  });

  it('--json prints the revisions', async () => {
    const r = await taizhang(['history', resolvedId, '--json', '--email', clerk.email], { TAIZHANG_PASSWORD: clerk.password });
    const h = JSON.parse(r.out) as HistoryAnswer & { id: string };
    expect(h.id).toBe(resolvedId);
    expect(h.revisions.map((x) => x.version)).toEqual([1, 2]);
  });

  it('out of scope and missing answer alike, exit 2', async () => {
    const a = await taizhang(['history', resolvedId, '--email', foreign.email], { TAIZHANG_PASSWORD: foreign.password });
    const b = await taizhang(['history', 'P-140702-2024-999999', '--email', foreign.email], { TAIZHANG_PASSWORD: foreign.password });
    expect(a.status).toBe(2);
    expect(b.status).toBe(2);
    expect(a.err.replaceAll(resolvedId, 'ID')).toBe(b.err.replaceAll('P-140702-2024-999999', 'ID'));
  });
});

describe('taizhang admin departments', () => {
  async function departmentsWorkbook(name: string, rows: unknown[][]): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('责任单位');
    ws.addRow(['晋中市责任单位名录']);
    ws.addRow(['序号', '单位编号', '单位名称', '其他名称', '所属县(区、市)', '是否在用']);
    for (const r of rows) ws.addRow(r);
    const path = join(dir, name);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('import adds, then reports changed, unchanged and refused (bad rows, name clashes)', async () => {
    const first = await departmentsWorkbook('first.xlsx', [
      [1, 'jz-zrzy', '市自然资源局', '晋中市自然资源局', '市直', '是'],
      [2, 'jz-zjj', '市住房和城乡建设局', '市住建局、晋中市住建局', '市直', '是'],
    ]);
    const r1 = await cli('admin', 'departments', 'import', first, '--json');
    expect(r1.status).toBe(0);
    expect(JSON.parse(r1.out)).toMatchObject({ added: ['jz-zrzy', 'jz-zjj'], changed: [], unchanged: [], refused: [] });

    const second = await departmentsWorkbook('second.xlsx', [
      [1, 'jz-zrzy', '市自然资源局', '晋中市自然资源局、自然资源局', '市直', '是'],
      [2, 'jz-zjj', '市住房和城乡建设局', '市住建局、晋中市住建局', '市直', '是'],
      [3, 'yc-zrzy', '榆次区自然资源局', '晋中市自然资源局', '榆次', '是'],
      [4, 'bad id', '某局', '', '榆次区', '是'],
    ]);
    const r2 = await cli('admin', 'departments', 'import', second);
    expect(r2.status).toBe(1);
    expect(r2.out).toContain('新增 0，更新 1，未变 1，拒绝 2');
    expect(r2.out).toMatch(/第 5 行 \/ row 5: 名称「晋中市自然资源局」同时属于 jz-zrzy 和 yc-zrzy/);
    expect(r2.out).toMatch(/第 6 行 \/ row 6: 单位编号「bad id」无效/);
    const stored = (await adminDb().collection('departments').get()).docs.map((d) => d.id).sort();
    expect(stored).toEqual(['jz-zjj', 'jz-zrzy']);
    expect((await adminDb().collection('departments').doc('jz-zrzy').get()).data()!.aliases).toEqual(['晋中市自然资源局', '自然资源局']);
  });

  it('add refuses a clashing name; set, deactivate and list', async () => {
    const clash = await cli('admin', 'departments', 'add', 'yc-zjj', '--name', '市住建局', '--county', '榆次区');
    expect(clash.status).toBe(2);
    expect(clash.err).toContain('同时属于');
    expect((await cli('admin', 'departments', 'add', 'yc-zjj', '--name', '榆次区住建局', '--county', '榆次区')).status).toBe(0);
    expect((await cli('admin', 'departments', 'set', 'yc-zjj', '--aliases', '榆次住建')).status).toBe(0);
    expect((await cli('admin', 'departments', 'deactivate', 'yc-zjj')).status).toBe(0);
    const list = await cli('admin', 'departments', 'list');
    expect(list.out.split('\n').filter(Boolean)).toEqual([
      'jz-zjj  市住房和城乡建设局  （市住建局、晋中市住建局）  市直',
      'jz-zrzy  市自然资源局  （晋中市自然资源局、自然资源局）  市直',
      'yc-zjj  榆次区住建局  （榆次住建）  榆次区  【已停用 / inactive】',
    ]);
  });

  it('admin create --role department needs a registered department id', async () => {
    const unknown = await cli('admin', 'create', 'dept-x@taizhang.test', '--role', 'department', '--department', 'jz-nope');
    expect(unknown.status).toBe(2);
    expect(unknown.err).toContain('没有编号为「jz-nope」的责任单位');
    const ok = await cli('admin', 'create', 'dept-zrzy@taizhang.test', '--role', 'department', '--department', 'jz-zrzy', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ role: 'department', department: 'jz-zrzy', cityWide: false });
    const user = await getAuth(adminApp()).getUserByEmail('dept-zrzy@taizhang.test');
    expect(user.customClaims).toEqual({ role: 'department', department: 'jz-zrzy' });
  });
});
