// `taizhang push` and `taizhang pull` as a clerk runs them: the real `node cli/bin/taizhang.js`
// process against the real callables in the emulators. Each step builds on the one before.
// Spreadsheet safety (issue #7): server text that looks like a formula stays exact text in
// the written workbooks, checked through exceljs and in the XML itself (no <f> anywhere).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { LIST_SYSTEM_COLUMNS, problems, SYSTEM_COLUMNS } from '@taizhang/ledger';
import { problemValues, rowArray } from '../support/addinRows';
import { FORMULA_LIKE } from '../support/formulaLike';
import { recordFigures } from '../support/stress';
import { runTaizhang, tempDir } from '../unit/cli/fixtures';
import { countDocs } from './fixtures';
import { adminDb, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(180_000);

const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';
const TODAY = '2024-06-30';
const SHEET = '榆次区问题台账';
/** Worksheet row of the header; data starts below it. Column A is 序号, the ledger's fields follow. */
const HEADER_ROW = 2;
const col = (key: string): number => 2 + problems.fields.findIndex((f) => f.key === key);
const sysCol = (key: string): number => 2 + problems.fields.length + SYSTEM_COLUMNS.findIndex((s) => s.key === key);

const taizhang = (args: string[], env: Record<string, string> = {}) => runTaizhang(args, { env });

let dir: string;
let cleanup: () => void;
let clerk: TestUser;
let other: TestUser;
const asClerk = (): string[] => ['--email', clerk.email, '--today', TODAY];

async function sheetOf(path: string, name = SHEET): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet(name)!;
}

/** A clerk's workbook: a title row, 序号, pasted rows with aliases, text dates, stray spaces. */
async function messyWorkbook(path: string, rows: Record<string, string | number | null | undefined>[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.getCell('A1').value = '榆次区入企服务问题清单（2024年6月）';
  ws.getRow(HEADER_ROW).values = ['序号', ...problems.fields.map((f) => f.header)];
  rows.forEach((r, i) => {
    ws.getRow(HEADER_ROW + 1 + i).values = [i + 1, ...rowArray(problems, problemValues(r)).map((v) => (v === '' ? null : v))];
  });
  await wb.xlsx.writeFile(path);
}

/** Every cell of every sheet: no formula, as exceljs reads it and in the XML. */
async function formulasIn(path: string): Promise<{ cells: number; formulas: number; xmlFormulas: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  let cells = 0;
  let formulas = 0;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        cells++;
        if (c.type === ExcelJS.ValueType.Formula || c.formula !== undefined) formulas++;
      }),
    );
  }
  const zip = await JSZip.loadAsync(readFileSync(path));
  let xmlFormulas = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    xmlFormulas += ((await zip.file(name)!.async('string')).match(/<f[ >]/g) ?? []).length;
  }
  return { cells, formulas, xmlFormulas };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await clearFirestore();
  [clerk, other] = await Promise.all([
    makeUser({ email: 'cli-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'cli-other@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
  ]);
});

afterAll(async () => {
  cleanup();
  await closeAdmin();
});

describe('taizhang push', () => {
  const messy = () => join(dir, '台账.xlsx');
  const copy = () => join(dir, '台账.synced.xlsx');

  it('sends the valid rows: ids, versions, 已同步 and keys go into a copy; invalid rows are reported and not sent', async () => {
    await messyWorkbook(messy(), [
      /* 3 */ { county: '榆次', foundOn: '2022/3/24', phone: '１３９１２３４５６７８', targetName: ' =HYPERLINK("http://evil.example","点我")' },
      /* 4 */ { county: '', group: '', targetName: '乙公司', description: ' +8613912345678 需协调' },
      /* 5 */ { targetName: '丙公司', foundOn: '2022-13-45' },
      /* 6 */ { targetName: '丁公司', remarks: ' -1' },
      /* 7 */ { targetName: '戊公司', sector: '工业' },
      /* 8 */ { targetName: '己公司', contact: ' @张三' },
    ]);
    const r = await taizhang(['push', messy(), ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.err).toBe('');
    expect(r.status).toBe(1);
    expect(r.out).toContain('第 5 行 / Row 5');
    expect(r.out).toContain('第 7 行 / Row 7');
    expect(r.out).toContain('发送 4 行 / 4 rows sent（新增 created 4）');
    expect(await countDocs('problems')).toBe(4);

    const ws = await sheetOf(copy());
    expect(ws.getRow(HEADER_ROW).getCell(sysCol('_id')).value).toBe('编号〔系统〕');
    for (const row of [3, 4, 6, 8]) {
      expect(ws.getCell(row, sysCol('_id')).value).toMatch(/^P-140702-2022-\d{6}$/);
      expect(ws.getCell(row, sysCol('_version')).value).toBe(1);
      expect(ws.getCell(row, sysCol('_sync')).value).toBe('已同步');
    }
    for (const row of [5, 7]) {
      expect(ws.getCell(row, sysCol('_id')).value).toBeNull();
      expect(ws.getCell(row, sysCol('_sync')).value).toBe('有错误');
    }
    // The server's canonical values replace what it normalised; county and group of a new
    // row come from the account.
    expect(ws.getCell(3, col('county')).value).toBe(YUCI);
    expect(ws.getCell(3, col('phone')).value).toBe('13912345678');
    expect([ws.getCell(4, col('county')).value, ws.getCell(4, col('group')).value]).toEqual([YUCI, GROUP]);
    // Trimmed by the server and written back: still the exact text, never a formula.
    expect(ws.getCell(3, col('targetName')).value).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(ws.getCell(4, col('description')).value).toBe('+8613912345678 需协调');
    expect(ws.getCell(6, col('remarks')).value).toBe('-1');
    expect(ws.getCell(8, col('contact')).value).toBe('@张三');
    expect(await formulasIn(copy())).toMatchObject({ formulas: 0, xmlFormulas: 0 });
  });

  it('a second push sends nothing', async () => {
    const r = await taizhang(['push', copy(), '--in-place', '--json', ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(1); // the two invalid rows are still there
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ sent: 0, counts: {}, notSent: { unchanged: 4, invalid: 2 } });
    expect(j.errors.map((e: { cell: string }) => e.cell)).toEqual([expect.stringMatching(/5$/), expect.stringMatching(/7$/)]);
  });

  it('an edited cell is pushed as an update; fixing an invalid row creates it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell(4, col('remarks')).value = '已电话回访';
    ws.getCell(7, col('sector')).value = '农业';
    await wb.xlsx.writeFile(copy());
    const r = await taizhang(['push', copy(), '--in-place', '--json', ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    const j = JSON.parse(r.out);
    expect(j.counts).toEqual({ updated: 1, created: 1 });
    expect(r.status).toBe(1); // row 5 is still invalid
    const after = await sheetOf(copy());
    const id = String(after.getCell(4, sysCol('_id')).value);
    expect(after.getCell(4, sysCol('_version')).value).toBe(2);
    expect((await adminDb().collection('problems').doc(id).get()).data()).toMatchObject({ version: 2, values: { remarks: '已电话回访' } });
  });

  it('a row another account changed meanwhile is a conflict: reported, nothing overwritten', async () => {
    const before = await sheetOf(copy());
    const id = String(before.getCell(6, sysCol('_id')).value);
    const stored = (await adminDb().collection('problems').doc(id).get()).data()!;
    await callOk(
      'pushRows',
      {
        ledger: 'problems',
        requestId: `other-${Date.now()}`,
        rows: [{ key: stored.key, id, baseVersion: 1, values: { ...stored.values, remarks: '他人的修改' } }],
      },
      other.token,
    );

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    wb.getWorksheet(SHEET)!.getCell(6, col('remarks')).value = '我的修改';
    await wb.xlsx.writeFile(copy());
    const r = await taizhang(['push', copy(), '--in-place', ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(1);
    expect(r.out).toContain('冲突 / Conflicts (1)');
    expect(r.out).toContain(`第 6 行 / Row 6  ${id}：台账中为第 2 版 / version 2 in the ledger，cli-other@taizhang.test`);
    expect(r.out).toContain('备注 / Remarks：本表 / mine "我的修改"；台账 / ledger "他人的修改"');
    const after = await sheetOf(copy());
    expect(after.getCell(6, sysCol('_sync')).value).toBe('冲突（台账中为第 2 版）');
    expect(after.getCell(6, col('remarks')).value).toBe('我的修改');
    expect(after.getCell(6, sysCol('_version')).value).toBe(1);
    expect((await adminDb().collection('problems').doc(id).get()).data()).toMatchObject({ version: 2, values: { remarks: '他人的修改' } });
  });

  it('--keep-mine settles the conflict: the row goes again on the server’s version and overwrites knowingly', async () => {
    const id = String((await sheetOf(copy())).getCell(6, sysCol('_id')).value);
    const r = await taizhang(['push', copy(), '--in-place', '--json', '--keep-mine', '6', ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(1); // row 5 is still invalid
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      settled: {
        keptMine: [{ row: 6, id, diff: [{ field: 'remarks', mine: '我的修改', theirs: '他人的修改' }] }],
        tookTheirs: [],
        unseen: [],
        withdrawn: [],
        notInConflict: [],
      },
      sent: 1,
      counts: { updated: 1 },
      conflicts: [],
    });
    const after = await sheetOf(copy());
    expect([after.getCell(6, sysCol('_version')).value, after.getCell(6, sysCol('_sync')).value]).toEqual([3, '已同步']);
    const stored = (await adminDb().collection('problems').doc(id).get()).data()!;
    expect(stored).toMatchObject({ version: 3, values: { remarks: '我的修改' }, updatedBy: clerk.email });
    const revisions = await adminDb().collection('problems').doc(id).collection('revisions').orderBy('version').get();
    expect(revisions.docs.map((d) => d.get('changes'))[2]).toEqual([{ field: 'remarks', old: '他人的修改', new: '我的修改' }]);
  });

  it("a row outside the account's county is 无权限", async () => {
    const path = join(dir, '介休.xlsx');
    await messyWorkbook(path, [{ county: '介休市', targetName: '介休某厂' }]);
    const r = await taizhang(['push', path, '-o', join(dir, '介休-out.xlsx'), '--json', ...asClerk()], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ counts: { forbidden: 1 }, forbidden: [{ row: 3 }] });
    expect((await sheetOf(join(dir, '介休-out.xlsx'))).getCell(3, sysCol('_sync')).value).toBe('无权限');
  });

  it('a wrong password or no sign-in: exit 2, reason in both languages', async () => {
    const bad = await taizhang(['push', messy(), ...asClerk()], { TAIZHANG_PASSWORD: 'wrong-password' });
    expect(bad.status).toBe(2);
    expect(bad.err).toContain('登录失败：账号或密码不对');
    expect(bad.err).toContain('Sign-in failed: wrong e-mail or password');
    const none = await taizhang(['pull', '--ledger', 'problems', '-o', join(dir, 'x.xlsx')], { TAIZHANG_PASSWORD: '' });
    expect(none.status).toBe(2);
    expect(none.err).toContain('sign-in needed');
  });
});

describe('taizhang pull', () => {
  it('writes the consolidated list: header, system columns, real dates; server text that looks like a formula stays text', async () => {
    // Server data as anything could have stored it: every text field formula-like, untrimmed.
    const textFields = problems.fields.filter((f) => f.key !== 'county' && f.type.kind !== 'date' && f.type.kind !== 'int');
    const seeded = FORMULA_LIKE.map((_, i) => {
      const values: Record<string, string> = { county: YUCI, foundOn: '2022-03-24', deadline: '2022-04-30' };
      textFields.forEach((f, j) => {
        values[f.key] = FORMULA_LIKE[(i + j) % FORMULA_LIKE.length]!;
      });
      return { id: `P-140702-2021-${String(i + 1).padStart(6, '0')}`, values };
    });
    const batch = adminDb().batch();
    for (const s of seeded) {
      batch.set(adminDb().collection('problems').doc(s.id), {
        id: s.id,
        key: `seed-${s.id}`,
        version: 1,
        values: s.values,
        withdrawn: false,
        ownerGroup: GROUP,
        ownerUid: 'seed',
        createdAt: new Date('2022-03-24T02:00:00Z'),
        createdBy: 'seed@taizhang.test',
        updatedAt: new Date('2022-03-24T02:00:00Z'),
        updatedBy: 'seed@taizhang.test',
      });
    }
    await batch.commit();

    const out = join(dir, '汇总.xlsx');
    const r = await taizhang(['pull', '--ledger', 'problems', '--county', YUCI, '-o', out, '--json', '--token', clerk.token]);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    const total = await countDocs('problems');
    expect(JSON.parse(r.out)).toMatchObject({ rows: total, fetched: total });

    const ws = await sheetOf(out, '问题清单汇总');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      ...problems.fields.map((f) => f.header),
      ...SYSTEM_COLUMNS.map((s) => s.header),
      ...LIST_SYSTEM_COLUMNS.map((s) => s.header),
    ]);
    expect(ws.rowCount).toBe(1 + total);
    // Sorted by id: the seeded 2021 rows come first.
    const at = (row: number, key: string) => ws.getCell(row, problems.fields.findIndex((f) => f.key === key) + 1);
    const idCol = problems.fields.length + 1;
    let exact = 0;
    seeded.forEach((s, i) => {
      expect(ws.getCell(2 + i, idCol).value).toBe(s.id);
      for (const f of textFields) {
        expect(at(2 + i, f.key).value).toBe(s.values[f.key]);
        exact++;
      }
      expect(at(2 + i, 'foundOn').value).toEqual(new Date('2022-03-24T00:00:00Z'));
    });
    const safety = await formulasIn(out);
    expect(safety).toMatchObject({ formulas: 0, xmlFormulas: 0 });
    recordFigures('spreadsheet-safety-cli', {
      'formula-like strings': FORMULA_LIKE.length,
      'cells written': safety.cells,
      'formula-like cells read back exactly': exact,
      'formulas created': safety.formulas + safety.xmlFormulas,
    });
  });

  it('filters, and --overdue keeps the problems past their deadline', async () => {
    const out = join(dir, '超期.xlsx');
    const args = ['pull', '--ledger', 'problems', '--status', '办理中', '--overdue', '-o', out, '--json', '--email', clerk.email];
    const before = await taizhang([...args, '--today', '2022-04-30'], { TAIZHANG_PASSWORD: clerk.password });
    expect(JSON.parse(before.out)).toMatchObject({ rows: 0, fetched: 5 });
    const r = await taizhang([...args, '--today', '2022-05-01'], { TAIZHANG_PASSWORD: clerk.password });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 5, fetched: 5 });
    expect((await sheetOf(out, '问题清单汇总')).rowCount).toBe(6);
  });
});
