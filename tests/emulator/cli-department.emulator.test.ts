// `taizhang pull` and `taizhang push` signed in as a department (docs/workflow.md#roles): the
// real `node cli/bin/taizhang.js` process against the real callables. The department pulls
// only the problems assigned to it (in any county; not a suggestion, not another
// department's), fills its columns and asks to close; a change of a column it may not change
// is refused before anything is sent, naming the column, and nothing of the row is written.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { problems, SYSTEM_COLUMNS } from '@taizhang/ledger';
import { DEMO_DEPARTMENTS } from '../../scripts/demo/departments';
import { runTaizhang, tempDir } from '../unit/cli/fixtures';
import { create, problem, type PushOk } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(180_000);

const TODAY = '2024-06-30';
const SHEET = '问题清单汇总';

/** A column of the pulled sheet, by its header (the header row is the one naming the system id). */
function col(ws: ExcelJS.Worksheet, key: string): number {
  const header = [...problems.fields, ...SYSTEM_COLUMNS].find((f) => f.key === key)!.header;
  for (let r = 1; r <= 5; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= row.cellCount; c++) if (row.getCell(c).value === header) return c;
  }
  throw new Error(`no column ${header}`);
}

let dir: string;
let cleanup: () => void;
let city: TestUser;
let dept: TestUser;
let rows: PushOk[];

const taizhang = (args: string[]) => runTaizhang([...args, '--email', dept.email, '--today', TODAY], { env: { TAIZHANG_PASSWORD: dept.password } });
const book = () => join(dir, '自然资源局交办问题.xlsx');

async function sheet(path: string): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return { wb, ws: wb.getWorksheet(SHEET)! };
}

/** The worksheet row of a problem, by its id in the system column. */
function rowOf(ws: ExcelJS.Worksheet, id: string): number {
  const idCol = col(ws, '_id');
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, idCol).value === id) return r;
  throw new Error(`no row ${id}`);
}

const stored = async (id: string) => (await adminDb().collection('problems').doc(id).get()).data()!;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await clearFirestore();
  await Promise.all(DEMO_DEPARTMENTS.map((d) => adminDb().collection('departments').doc(d.id).set(d)));
  [city, dept] = await Promise.all([
    makeUser({ email: 'cli-dept-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'cli-dept-zrzy@taizhang.test', claims: { role: 'department', department: 'jz-zrzy' } }),
  ]);
  rows = await create(city, [
    // Each a problem of its own, so that none is a likely duplicate of another.
    problem({ level: '提交市级', department: '市自然资源局', deadline: '2024-07-31', foundOn: '2024-06-01', description: '扩建项目用地预审手续办理缓慢' }),
    problem({
      level: '提交市级',
      county: '介休市',
      group: '介休市进村服务第3组',
      department: '晋中市自然资源局',
      deadline: '2024-07-15',
      foundOn: '2024-06-01',
    }),
    problem({ level: '提交市级', department: '市住建局', deadline: '2024-07-31', foundOn: '2024-06-01', description: '厂区外道路破损严重，雨天积水' }),
    problem({
      level: '提交市级',
      department: '市自然资源局',
      status: '待办理',
      deadline: undefined,
      foundOn: '2024-06-01',
      description: '新建仓库规划许可迟迟未批',
    }),
  ]);
});

afterAll(async () => {
  cleanup();
  await closeAdmin();
});

describe('a department through the CLI', () => {
  it('pulls only the problems assigned to it, in any county', async () => {
    const r = await taizhang(['pull', '--ledger', 'problems', '-o', book(), '--json']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 2 });
    const { ws } = await sheet(book());
    const ids = [rowOf(ws, rows[0]!.id), rowOf(ws, rows[1]!.id)];
    expect(ids.map((r) => ws.getCell(r, col(ws, 'department')).value)).toEqual(['市自然资源局', '市自然资源局']);
  });

  it('answers and asks to close: its columns are pushed as updates', async () => {
    const { wb, ws } = await sheet(book());
    ws.getCell(rowOf(ws, rows[0]!.id), col(ws, 'resolution')).value = '已现场踏勘，正在办理用地预审';
    const asked = rowOf(ws, rows[1]!.id);
    ws.getCell(asked, col(ws, 'resolution')).value = '用地手续已办结';
    ws.getCell(asked, col(ws, 'resolvedOn')).value = new Date(Date.UTC(2024, 5, 28));
    ws.getCell(asked, col(ws, 'status')).value = '待审核';
    await wb.xlsx.writeFile(book());
    const r = await taizhang(['push', book(), '--in-place', '--json']);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toMatchObject({ counts: { updated: 2 } });
    expect(r.status).toBe(0);
    expect(await stored(rows[0]!.id)).toMatchObject({ version: 2, values: { resolution: '已现场踏勘，正在办理用地预审', status: '办理中' }, inbox: [] });
    expect(await stored(rows[1]!.id)).toMatchObject({ version: 2, values: { status: '待审核', resolvedOn: '2024-06-28' }, inbox: ['to_review@city'] });
  });

  it('a column it may not change is refused before anything is sent, naming the column; nothing is written', async () => {
    const { wb, ws } = await sheet(book());
    const r0 = rowOf(ws, rows[0]!.id);
    ws.getCell(r0, col(ws, 'deadline')).value = new Date(Date.UTC(2024, 8, 30));
    ws.getCell(r0, col(ws, 'resolution')).value = '已完成用地预审';
    await wb.xlsx.writeFile(book());
    const r = await taizhang(['push', book(), '--in-place']);
    expect(r.status).toBe(1);
    // Judged by the client with the ledger core's rights, as the server would: a row with
    // errors, never sent, so the server has nothing to refuse.
    expect(r.out).not.toContain('无权限 / Not allowed');
    expect(r.out).toMatch(/「办结时限」：[^\n]*责任单位/);
    expect(r.out).toContain('有错误 1 行');
    expect(await stored(rows[0]!.id)).toMatchObject({ version: 2, values: { deadline: '2024-07-31', resolution: '已现场踏勘，正在办理用地预审' } });
  });

  it('the city pulls one department’s problems by any of its names', async () => {
    const out = join(dir, '城市按单位.xlsx');
    const r = await runTaizhang(['pull', '--ledger', 'problems', '--department', '晋中市自然资源局', '-o', out, '--json', '--email', city.email], {
      env: { TAIZHANG_PASSWORD: city.password },
    });
    expect(r.err).toBe('');
    // The two assigned and the suggestion: the filter is the department a problem names.
    expect(JSON.parse(r.out)).toMatchObject({ rows: 3, filter: { department: '晋中市自然资源局' } });
  });

  it('may not pull the visits ledger', async () => {
    const r = await taizhang(['pull', '--ledger', 'visits', '-o', join(dir, 'visits.xlsx')]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('错误：责任单位账户只能查看问题台账中交办给本单位的问题');
    expect(r.err).toContain('Error: A department account sees only the problems assigned to it');
  });
});
