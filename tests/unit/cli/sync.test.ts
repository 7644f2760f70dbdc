// `taizhang push` and `pull` against the in-memory fake server: what is sent, what is written
// back into the copy, conflicts, and the pulled workbook. The real callables are exercised by
// tests/emulator/cli-sync.emulator.test.ts.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { problems, SYSTEM_COLUMNS } from '@taizhang/ledger';
import { createApiClient } from '@taizhang/client';
import { runPull } from '../../../cli/src/commands/pull';
import { outputPath, runPush } from '../../../cli/src/commands/push';
import { ApiError } from '@taizhang/client';
import { checkChoices, parseRowSelection } from '../../../cli/src/sync/resolve';
import type { CliContext } from '../../../cli/src/context';
import type { Connect } from '../../../cli/src/firebase/callables';
import { resolveTarget } from '../../../cli/src/firebase/target';
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { escapeXstring, putCell } from '@taizhang/client/xlsx';
import { FORMULA_LIKE } from '../../support/formulaLike';
import { fakeServer, type FakeServer } from '../../support/fakeApi';
import { MESSY_SHEET, tempDir, TODAY, writeMessyWorkbook } from './fixtures';

let dir: string;
let cleanup: () => void;
let server: FakeServer;
let connect: Connect;

function ctx(): CliContext & { out: string; errText: string } {
  const c = { out: '', errText: '', exitCode: 0, io: { out: (s: string) => void (c.out += s), err: (s: string) => void (c.errText += s) } };
  return c;
}

/** Column index (1-based) of a header on the sheet's header row. */
function colByHeader(ws: ExcelJS.Worksheet, headerRow: number, header: string): number {
  let found = 0;
  ws.getRow(headerRow).eachCell((c, col) => {
    if (c.value === header) found = col;
  });
  if (!found) throw new Error(`no column ${header}`);
  return found;
}

async function open(path: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.getWorksheet(MESSY_SHEET) ?? wb.worksheets[0]!;
}

/** The fake server's client, with `hook` run before the second pushRows call of a push. */
function beforeSecondPush(hook: () => void): { connect: Connect; pushes: () => number } {
  let pushes = 0;
  const connectHooked: Connect = async () => ({
    api: createApiClient(
      async (name, data) => {
        if (name === 'pushRows' && ++pushes === 2) hook();
        return server.transport(name, data);
      },
      { retry: { baseDelayMs: 1 } },
    ),
    profile: server.profile,
    target: resolveTarget({}, {}),
  });
  return { connect: connectHooked, pushes: () => pushes };
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await writeMessyWorkbook(join(dir, 'messy.xlsx'));
  server = fakeServer({ today: TODAY, profile: { uid: 'c1', email: 'coord@jinzhong.test', role: 'coordinator' } });
  connect = async () => ({ api: createApiClient(server.transport, { retry: { baseDelayMs: 1 } }), profile: server.profile, target: resolveTarget({}, {}) });
});
afterAll(() => cleanup());

describe('taizhang push', () => {
  const copy = () => join(dir, 'messy.synced.xlsx');

  it('sends the valid rows only, writes ids, versions, states and keys into a copy', async () => {
    const c = ctx();
    const status = await runPush(join(dir, 'messy.xlsx'), { today: TODAY }, c, connect);
    expect(status).toBe(1);
    expect(c.out).toContain('第 8 行 / Row 8');
    expect(c.out).toContain('发送 4 行 / 4 rows sent（新增 created 4）');
    expect(server.rows('problems')).toHaveLength(4);
    const ws = await open(copy());
    const sys = Object.fromEntries(SYSTEM_COLUMNS.map((s) => [s.key, colByHeader(ws, 3, s.header)]));
    expect(sys._id).toBe(22); // after 走访人 (U)
    for (const r of [4, 5, 10, 13]) {
      expect(ws.getCell(r, sys._id!).value).toMatch(/^P-\d{6}-2024-\d{6}$/);
      expect(ws.getCell(r, sys._version!).value).toBe(1);
      expect(ws.getCell(r, sys._sync!).value).toBe('已同步');
    }
    for (const r of [8, 9, 12]) {
      expect(ws.getCell(r, sys._id!).value).toBeNull();
      expect(ws.getCell(r, sys._sync!).value).toBe('有错误');
    }
    const keys = [4, 5, 8, 9, 10, 12, 13].map((r) => ws.getCell(r, sys._key!).value);
    expect(new Set(keys).size).toBe(7);
    // Canonical values where the server normalised them: the alias 榆次, the full-width phone.
    expect(ws.getCell('C4').value).toBe('榆次区');
    expect(ws.getCell('R4').value).toBe('13912345678');
    // The original is untouched.
    expect((await open(join(dir, 'messy.xlsx'))).getCell(4, 22).value).toBeNull();
  });

  it('a second push of the copy sends nothing', async () => {
    const calls = server.calls.length;
    const c = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true }, c, connect)).toBe(1);
    expect(c.out).toContain('发送 0 行');
    expect(c.out).toContain('已同步且未改动 4 行');
    // Only the registries are read (to fill and check); no row goes.
    expect(
      server.calls
        .slice(calls)
        .map((x) => x.name)
        .filter((n) => n !== 'listTargets'),
    ).toEqual([]);
  });

  it('an edited cell is sent as an update; a row changed by another account is a conflict, not overwritten', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    const ws = wb.getWorksheet(MESSY_SHEET)!;
    ws.getCell('T4').value = '已电话回访';
    ws.getCell('T13').value = '我的备注';
    await wb.xlsx.writeFile(copy());
    const id13 = String(ws.getCell(13, 22).value);
    server.edit('problems', id13, { remarks: '他的备注' });

    const c = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true }, c, connect)).toBe(1);
    const j = JSON.parse(c.out);
    expect(j.counts).toEqual({ updated: 1, conflict: 1 });
    expect(j.conflicts).toEqual([
      expect.objectContaining({ row: 13, id: id13, version: 2, diff: [{ field: 'remarks', header: '备注', mine: '我的备注', theirs: '他的备注' }] }),
    ]);
    const after = await open(copy());
    expect(after.getCell(4, 23).value).toBe(2);
    expect(after.getCell(13, 24).value).toBe('冲突（台账中为第 2 版）'); // the version the report shows, for settling it later
    expect(after.getCell('T13').value).toBe('我的备注');
    expect(server.rows('problems').find((r) => r.id === id13)!.values.remarks).toBe('他的备注');
  });

  it('--take-theirs writes the server’s values into a conflicting row; --keep-mine pushes it again over theirs; each says what it replaced', async () => {
    // Row 13 shows 冲突 from the test before: mine 我的备注, theirs 他的备注 (version 2).
    const id13 = String((await open(copy())).getCell(13, 22).value);
    const theirs = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, takeTheirs: '13, 20' }, theirs, connect)).toBe(1); // rows 8, 9, 12 stay invalid
    const t = JSON.parse(theirs.out);
    expect(t.settled).toEqual({
      keptMine: [],
      unseen: [],
      withdrawn: [],
      notInConflict: [20],
      tookTheirs: [
        expect.objectContaining({ row: 13, id: id13, version: 2, diff: [{ field: 'remarks', header: '备注', mine: '我的备注', theirs: '他的备注' }] }),
      ],
    });
    expect([t.sent, t.counts, t.conflicts]).toEqual([1, {}, []]);
    let ws = await open(copy());
    expect(ws.getCell('T13').value).toBe('他的备注');
    expect([ws.getCell(13, 23).value, ws.getCell(13, 24).value]).toEqual([2, '已同步']);
    const quiet = ctx();
    await runPush(copy(), { today: TODAY, inPlace: true, json: true }, quiet, connect);
    expect(JSON.parse(quiet.out).sent).toBe(0); // settled: nothing left to send

    // A new conflict on the same row. Nobody has seen it yet: --keep-mine leaves it open.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    wb.getWorksheet(MESSY_SHEET)!.getCell('T13').value = '我的第二次备注';
    await wb.xlsx.writeFile(copy());
    server.edit('problems', id13, { remarks: '他的第二次备注' });
    const first = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, keepMine: 'all' }, first, connect)).toBe(1);
    expect(first.out).toContain('这些行的冲突本次才出现，未作处理');
    expect(first.out).toContain('冲突 / Conflicts (1)');
    expect(server.rows('problems').find((r) => r.id === id13)!.values.remarks).toBe('他的第二次备注');
    expect((await open(copy())).getCell(13, 24).value).toBe('冲突（台账中为第 3 版）');

    // Seen (the sheet says 冲突): now it is settled, and the report says what was overwritten.
    const mine = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, keepMine: 'all' }, mine, connect)).toBe(1);
    expect(mine.out).toContain('发送 1 行 / 1 rows sent（更新 updated 1）');
    expect(mine.out).toContain('冲突以本表为准，已再次上报，台账中的以下内容被覆盖');
    expect(mine.out).toContain('备注 / Remarks：本表 / mine "我的第二次备注"；台账 / ledger "他的第二次备注"');
    expect(mine.out).not.toContain('冲突 / Conflicts');
    expect(server.rows('problems').find((r) => r.id === id13)).toMatchObject({ version: 4, values: expect.objectContaining({ remarks: '我的第二次备注' }) });
    ws = await open(copy());
    expect([ws.getCell('T13').value, ws.getCell(13, 23).value, ws.getCell(13, 24).value]).toEqual(['我的第二次备注', 4, '已同步']);
  });

  it('a row withdrawn on the server cannot be kept; taking theirs marks it 已撤回', async () => {
    const edit = async (remarks: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(copy());
      wb.getWorksheet(MESSY_SHEET)!.getCell('T10').value = remarks;
      await wb.xlsx.writeFile(copy());
    };
    const id10 = String((await open(copy())).getCell(10, 22).value);
    await edit('撤回前的修改');
    server.edit('problems', id10, { remarks: '撤回' });
    server.rows('problems').find((r) => r.id === id10)!.withdrawn = true;
    await runPush(copy(), { today: TODAY, inPlace: true }, ctx(), connect); // 冲突, seen from now on
    const keep = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, keepMine: '10' }, keep, connect)).toBe(1);
    expect(JSON.parse(keep.out)).toMatchObject({ settled: { keptMine: [], withdrawn: [10] }, conflicts: [{ row: 10 }] });
    const take = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, takeTheirs: '10' }, take, connect)).toBe(1);
    expect(JSON.parse(take.out).settled.tookTheirs).toEqual([expect.objectContaining({ row: 10, id: id10 })]);
    const ws = await open(copy());
    expect([ws.getCell('T10').value, ws.getCell(10, 24).value]).toEqual(['撤回', '已撤回']);
    server.rows('problems').find((r) => r.id === id10)!.withdrawn = false; // the pulls below count four live rows
  });

  it('a kept row that someone changes once more before it goes again is a conflict again, not settled', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    wb.getWorksheet(MESSY_SHEET)!.getCell('T5').value = '我的';
    await wb.xlsx.writeFile(copy());
    const id5 = String(wb.getWorksheet(MESSY_SHEET)!.getCell(5, 22).value);
    server.edit('problems', id5, { remarks: '他的' });
    await runPush(copy(), { today: TODAY, inPlace: true }, ctx(), connect); // 冲突, seen from now on
    const racing = beforeSecondPush(() => server.edit('problems', id5, { remarks: '又改了' }));
    const c = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, keepMine: '5' }, c, racing.connect)).toBe(1);
    const j = JSON.parse(c.out);
    expect(racing.pushes()).toBe(2);
    expect(j.settled.keptMine).toEqual([]);
    expect(j.counts).toEqual({ conflict: 1 });
    expect(j.conflicts).toEqual([expect.objectContaining({ row: 5, diff: [expect.objectContaining({ mine: '我的', theirs: '又改了' })] })]);
    expect(server.rows('problems').find((r) => r.id === id5)!.values.remarks).toBe('又改了');
  });

  it('a conflict left open says how to settle it from the command line', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy());
    wb.getWorksheet(MESSY_SHEET)!.getCell('T13').value = '第三次';
    await wb.xlsx.writeFile(copy());
    server.edit('problems', String(wb.getWorksheet(MESSY_SHEET)!.getCell(13, 22).value), { remarks: '他的第三次' });
    const c = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, takeTheirs: '4' }, c, connect)).toBe(1);
    expect(c.out).toContain('冲突 / Conflicts (2)'); // row 5 from the test before, and 13
    expect(c.out).toContain('--keep-mine 5,13（以本表为准）或 --take-theirs 5,13（以台账为准）');
    expect(c.out).toContain('这些行没有冲突，未作处理 / not in conflict, nothing done: 第 4 行 / rows 4');
    expect((await open(copy())).getCell(13, 24).value).toBe('冲突（台账中为第 5 版）');

    // Someone saves once more after the report showed version 5: settling it now would
    // overwrite what nobody has seen, so it is shown again instead, at version 6.
    const id13 = String((await open(copy())).getCell(13, 22).value);
    server.edit('problems', id13, { remarks: '他的第四次' });
    const again = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, keepMine: '13' }, again, connect)).toBe(1);
    expect(JSON.parse(again.out).settled).toMatchObject({ keptMine: [], unseen: [13] });
    expect(server.rows('problems').find((r) => r.id === id13)!.values.remarks).toBe('他的第四次');
    expect((await open(copy())).getCell(13, 24).value).toBe('冲突（台账中为第 6 版）');
  });

  it('a kept row whose second send breaks off stays an open conflict', async () => {
    // Rows 5 and 13 show conflicts from the tests before, at the server's current versions.
    const failing = beforeSecondPush(() => {
      throw new ApiError('INVALID_ARGUMENT', { zh: '坏了', en: 'broken' });
    });
    const c = ctx();
    expect(await runPush(copy(), { today: TODAY, inPlace: true, json: true, keepMine: '13' }, c, failing.connect)).toBe(2);
    const j = JSON.parse(c.out);
    expect(j.settled.keptMine).toEqual([]);
    expect(j.conflicts.map((x: { row: number }) => x.row).sort()).toEqual([13, 5]);
    expect(j.counts).toEqual({ conflict: 2 });
    expect(server.rows('problems').find((r) => r.values.remarks === '他的第四次')).toBeDefined();
  });

  it('rows to settle: all, rows and ranges; anything else is refused before anything is sent', async () => {
    expect(parseRowSelection('--keep-mine', ' ALL ')).toBe('all');
    expect([...(parseRowSelection('--keep-mine', ' 7, 9，12-14 ') as Set<number>)]).toEqual([7, 9, 12, 13, 14]);
    for (const bad of ['0', '9-7', 'x', '', '7,,9', '1-2000000', '-3']) {
      expect(() => parseRowSelection('--take-theirs', bad)).toThrow(/--take-theirs.*行号不对.*is not a row/);
    }
    expect(() => checkChoices({ keepMine: 'all', takeTheirs: 'all' })).toThrow(/both be all/);
    expect(() => checkChoices({ keepMine: new Set([7, 9]), takeTheirs: new Set([9]) })).toThrow(/row 9 is in both/);
    expect(() => checkChoices({ keepMine: 'all', takeTheirs: new Set([9]) })).not.toThrow(); // the row named wins
    const calls = server.calls.length;
    await expect(runPush(copy(), { today: TODAY, inPlace: true, keepMine: '13-' }, ctx(), connect)).rejects.toMatchObject({ exitCode: 2 });
    expect(server.calls.length).toBe(calls);
  });

  it('copies by default beside the file; -o and --in-place are exclusive', () => {
    expect(outputPath('/a/台账.xlsx', {})).toBe('/a/台账.synced.xlsx');
    expect(() => outputPath('/a/x.xlsx', { inPlace: true, out: '/a/y.xlsx' })).toThrow(/--in-place/);
    expect(() => outputPath('/a/x.xlsx', { out: '/a/x.xlsx' })).toThrow(/--in-place/);
  });
});

describe('taizhang pull', () => {
  it('writes every row with the template header, system columns and real dates', async () => {
    const out = join(dir, 'list.xlsx');
    const c = ctx();
    expect(await runPull({ ledger: 'problems', out, county: '平遥县' }, c, connect)).toBe(0);
    const ws = await open(out);
    expect(ws.name).toBe('问题清单汇总');
    expect(ws.getRow(1).values).toEqual([undefined, ...problems.fields.map((f) => f.header), ...SYSTEM_COLUMNS.map((s) => s.header), '重复于〔系统〕']);
    expect(ws.rowCount).toBe(2);
    const found = problems.fields.findIndex((f) => f.key === 'foundOn') + 1;
    expect(ws.getCell(2, found).value).toEqual(new Date('2024-05-20T00:00:00Z'));
    expect(ws.getCell(2, found).numFmt).toBe('yyyy-mm-dd');
  });

  it('--overdue keeps the problems past their deadline', async () => {
    const out = join(dir, 'overdue.xlsx');
    const c = ctx();
    expect(await runPull({ ledger: 'problems', out, overdue: true, today: '2024-09-15', json: true }, c, connect)).toBe(0);
    expect(JSON.parse(c.out)).toMatchObject({ rows: 2, fetched: 4 });
  });
});

describe('formula-like text in a written .xlsx', () => {
  it('is a shared string (t="s", never <f>), formatted as text, and reads back exactly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    // A text column, and a date column holding text: text either way.
    FORMULA_LIKE.forEach((v, i) => {
      putCell(ws.getCell(i + 1, 1), v, '@');
      putCell(ws.getCell(i + 1, 2), v, 'yyyy-mm-dd');
    });
    const path = join(dir, 'formula-like.xlsx');
    await wb.xlsx.writeFile(path);
    const xml = await (await JSZip.loadAsync(readFileSync(path))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml.match(/<c [^>]*>/g)!.every((c) => / t="s"/.test(c))).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(path);
    const rs = back.getWorksheet('s')!;
    FORMULA_LIKE.forEach((v, i) => {
      for (const col of [1, 2]) {
        const c = rs.getCell(i + 1, col);
        expect([c.value, c.type, c.numFmt]).toEqual([v, ExcelJS.ValueType.String, '@']);
      }
    });
  });
});

describe('escapeXstring', () => {
  it('escapes what XML cannot carry and what would read as an escape', () => {
    expect(escapeXstring('\rx')).toBe('_x000D_x');
    expect(escapeXstring('a\u0001b')).toBe('a_x0001_b');
    expect(escapeXstring('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeXstring('=1+2\t\n')).toBe('=1+2\t\n');
  });
});

describe('resolveTarget', () => {
  it('the emulators by default, ports shifted by TAIZHANG_PORT_OFFSET unless the hosts are given', () => {
    expect(resolveTarget({}, { TAIZHANG_PORT_OFFSET: '200' })).toMatchObject({
      project: 'demo-taizhang',
      region: 'asia-east2',
      emulators: true,
      functionsBase: 'http://127.0.0.1:5201/demo-taizhang/asia-east2',
      identityToolkit: 'http://127.0.0.1:9299/identitytoolkit.googleapis.com',
    });
    expect(resolveTarget({}, { FIREBASE_AUTH_EMULATOR_HOST: 'h:1', TAIZHANG_FUNCTIONS_ORIGIN: 'http://f:2/' }).functionsBase).toBe(
      'http://f:2/demo-taizhang/asia-east2',
    );
    expect(() => resolveTarget({}, { TAIZHANG_PORT_OFFSET: 'x' })).toThrow(/TAIZHANG_PORT_OFFSET/);
  });

  it('a real project needs its web API key; callables at REGION-PROJECT.cloudfunctions.net', () => {
    expect(() => resolveTarget({ project: 'jz-taizhang' }, {})).toThrow(/API key/);
    expect(resolveTarget({ project: 'jz-taizhang', region: 'asia-east1', apiKey: 'k' }, {})).toMatchObject({
      emulators: false,
      functionsBase: 'https://asia-east1-jz-taizhang.cloudfunctions.net',
      identityToolkit: 'https://identitytoolkit.googleapis.com',
      apiKey: 'k',
    });
  });
});
