// `taizhang admin groups …` and `taizhang notice` against the emulators, in-process through
// main(), with fixed dates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deleteApp, getApps } from 'firebase-admin/app';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../cli/src/main';
import { tempDir } from '../unit/cli/fixtures';
import { AS_OF, ROWS } from '../unit/supervision/dataset';
import { adminDb, clearFirestore, closeAdmin } from './helpers';

let dir: string;
let cleanup: () => void;

async function cli(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(['node', 'taizhang', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { status, out, err };
}

async function groupsWorkbook(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作组');
  ws.addRow(['晋中市入企进村服务工作组登记表']);
  ws.addRow(['序号', '工作组编号', '工作组名称', '县(区、市)', '服务类型', '牵头单位', '是否在用']);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await clearFirestore();
});

afterAll(async () => {
  cleanup();
  await closeAdmin();
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

describe('taizhang admin groups', () => {
  it('import reports bad rows by row number in both languages and writes nothing', async () => {
    const path = await groupsWorkbook('bad.xlsx', [
      [1, 'YC-01', '榆次1组', '榆次区', '入企', '市工信局', '是'],
      [2, 'YC-02', '榆次2组', '火星', '入企', '', '是'],
      [3, 'YC-03', '', '榆次区', '上门', '', '是'],
    ]);
    const r = await cli('admin', 'groups', 'import', path);
    expect(r.status).toBe(1);
    expect(r.out).toContain('第 4 行 / row 4: 未知的县（区、市）：火星 / Unknown county: 火星');
    expect(r.out).toContain('第 5 行 / row 5: 缺少工作组名称 / The group name is missing');
    expect(r.out).toContain('row 5: 服务类型须为「入企」或「进村」（现为「上门」） / The service type must be 入企 or 进村 (got "上门")');
    expect((await adminDb().collection('groups').get()).size).toBe(0);
  });

  it('import of a good sheet creates, a second import replaces', async () => {
    const path = await groupsWorkbook('good.xlsx', [
      [1, 'YC-01', '榆次1组', '榆次', '入企', '市工信局', '是'],
      [2, 'YC-02', '榆次2组', '榆次区', '进村', '', ''],
      [3, 'JX-01', '介休1组', '介休市', '入企', '市商务局', '否'],
    ]);
    const r = await cli('admin', 'groups', 'import', path, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ sheet: '工作组', imported: 3, created: 3, updated: 0, errors: [] });
    const again = await cli('admin', 'groups', 'import', path, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ created: 0, updated: 3 });
    const yc1 = (await adminDb().collection('groups').doc('YC-01').get()).data();
    expect(yc1).toEqual({ id: 'YC-01', name: '榆次1组', county: '榆次区', targetType: '入企', department: '市工信局', active: true });
  });

  it('add, set, deactivate, list', async () => {
    expect((await cli('admin', 'groups', 'add', 'TG-01', '--name', '太谷1组', '--county', '太谷区', '--type', '进村')).status).toBe(0);
    const dup = await cli('admin', 'groups', 'add', 'TG-01', '--name', 'x', '--county', '太谷区', '--type', '进村');
    expect(dup.status).toBe(2);
    expect(dup.err).toContain('工作组编号「TG-01」已存在');
    const bad = await cli('admin', 'groups', 'add', 'TG-02', '--name', 'x', '--county', '北京', '--type', '进村');
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('Unknown county: 北京');
    expect((await cli('admin', 'groups', 'set', 'TG-01', '--department', '市农业农村局')).status).toBe(0);
    expect((await cli('admin', 'groups', 'deactivate', 'YC-02')).status).toBe(0);
    expect((await cli('admin', 'groups', 'set', 'NOPE', '--name', 'x')).err).toContain('No group has the id "NOPE"');
    const list = await cli('admin', 'groups', 'list', '--json');
    expect((JSON.parse(list.out) as { id: string; active: boolean; department: string }[]).map((g) => [g.id, g.active, g.department])).toEqual([
      ['YC-01', true, '市工信局'],
      ['YC-02', false, ''],
      ['TG-01', true, '市农业农村局'],
      ['JX-01', false, '市商务局'],
    ]);
    const yuci = await cli('admin', 'groups', 'list', '--county', '榆次区');
    expect(yuci.out).toBe('YC-01  榆次1组  榆次区  入企  市工信局\nYC-02  榆次2组  榆次区  进村  —  【已停用 / inactive】\n');
  });
});

describe('taizhang notice', () => {
  beforeAll(async () => {
    const batch = adminDb().batch();
    for (const r of ROWS) {
      batch.set(adminDb().collection('problems').doc(r.id), {
        id: r.id,
        key: r.id,
        version: 1,
        values: { ...r.values, targetName: r.id === 'P-140702-2022-000002' ? '=HYPERLINK("http://evil","点我")' : r.values.targetName },
        withdrawn: false,
        ownerGroup: null,
        updatedAt: new Date(`${r.updatedOn}T10:00:00+08:00`),
        createdAt: new Date('2022-03-01T10:00:00+08:00'),
      });
    }
    await batch.commit();
  });

  it('computes the notice when none is stored, writes the Word document, the workbook and the Markdown', async () => {
    const out = join(dir, 'notice.xlsx');
    const md = join(dir, 'notice.md');
    const docx = join(dir, 'notice.docx');
    const r = await cli('notice', '--date', AS_OF, '--docx', docx, '--out', out, '--markdown', md);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('computed now, not stored');
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('共梳理问题 9 个');
    // Silent groups over 2022-05-25 … 05-31: the active registered groups (nobody pushed).
    expect(text).toContain('| 榆次区 | YC-01 | 榆次1组 | 入企 | 市工信局 |');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '超期问题']);
    const document = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
    expect(document).toContain('全市入企进村服务问题办理情况通报');
    expect(document).toContain('YC-01');
    const cells: ExcelJS.Cell[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const evil = cells.find((c) => c.value === '=HYPERLINK("http://evil","点我")');
    expect(evil?.type).toBe(ExcelJS.ValueType.String);
    expect(evil?.numFmt).toBe('@');
  });

  it('reads the stored notice when there is one; one county with --county', async () => {
    await adminDb()
      .collection('notices')
      .doc(AS_OF)
      .set({
        date: AS_OF,
        stored: true,
        generatedAt: '2022-06-01T00:00:00.000Z',
        period: { from: '2022-05-25', to: '2022-05-31' },
        staleDays: 14,
        countiesByOverdue: [],
        countiesByResolvedRate: [],
        departmentsByOverdue: [],
        departmentsByResolvedRate: [],
        sectorsByOverdue: [],
        silentGroups: [],
        reporting: [],
        oldestEscalations: [],
        overdueProblems: [],
        totals: {
          problems: 1234,
          resolved: 0,
          unresolved: 0,
          resolvedRate: 0,
          overdue: 0,
          escalated: 0,
          staleEscalations: 0,
          activeGroups: 0,
          reportedGroups: 0,
          silentGroups: 0,
        },
      });
    const md = join(dir, 'stored.md');
    const r = await cli('notice', '--date', AS_OF, '--out', join(dir, 'stored.xlsx'), '--markdown', md);
    expect(r.out).toContain('the stored notice');
    expect(readFileSync(md, 'utf8')).toContain('共梳理问题 1234 个');
    const fresh = await cli('notice', '--date', AS_OF, '--out', join(dir, 'fresh.xlsx'), '--markdown', md, '--fresh', '--county', '榆次区');
    expect(fresh.status).toBe(0);
    expect(readFileSync(md, 'utf8')).toContain('# 榆次区入企进村服务问题办理情况通报\n\n截至 2022-06-01');
    expect(readFileSync(md, 'utf8')).toContain('共梳理问题 4 个');
  });

  it('bad arguments exit 2 with both languages', async () => {
    const r = await cli('notice', '--date', '2022-13-01', '--out', join(dir, 'x.xlsx'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('Invalid date: 2022-13-01');
    expect((await cli('notice', '--date', AS_OF, '--out', join(dir, 'x.csv'))).err).toContain('must end in .xlsx');
    expect((await cli('notice', '--date', AS_OF, '--docx', join(dir, 'x.doc'))).err).toContain('must end in .docx');
    expect((await cli('notice', '--date', AS_OF)).err).toContain('Name a file to write');
  });
});
