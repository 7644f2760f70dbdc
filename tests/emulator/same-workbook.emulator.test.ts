// One workbook, two clients, the same answers: the add-in's engine on the Excel simulator and
// `taizhang push` / `pull` on an .xlsx take the same clerk's sheet through the same day
// against the real callables — invalid rows, a county out of scope, a row duplicated by
// copy-paste, an edit, conflicts with another account, settling them (take theirs, keep
// mine, later) and the pulled list. After every step the two sheets must hold the same cells
// (values and number formats) and the two reports must say the same. The emulators are
// cleared between the two runs, so both meet the same ids, versions and conflicts.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { columnLetters, problems, SYSTEM_COLUMNS } from '@taizhang/ledger';
import { createApiClient, fetchTransport, type ApiClient, type Conflict, type Profile, type PushReport, type Settlement } from '@taizhang/client';
import { pull } from '../../addin/src/engine/pull';
import { push } from '../../addin/src/engine/push';
import { resolveConflicts } from '../../addin/src/engine/conflicts';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { runPull } from '../../cli/src/commands/pull';
import { runPush } from '../../cli/src/commands/push';
import type { CliContext } from '../../cli/src/context';
import type { Connect } from '../../cli/src/firebase/callables';
import { resolveTarget } from '../../cli/src/firebase/target';
import { plainCellValue } from '@taizhang/client/xlsx';
import { problemValues } from '../support/addinRows';
import { tempDir } from '../unit/cli/fixtures';
import { adminDb, callOk, clearFirestore, closeAdmin, FUNCTIONS_ORIGIN, makeUser, PROJECT_ID, REGION, type TestUser } from './helpers';

jest.setTimeout(300_000);

const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';
const TODAY = '2024-06-30';
const SHEET = '榆次区问题台账';
const LIST = '问题清单汇总';
/** Row 1 a title, row 2 the header: 序号 in A, the ledger's fields from B, the system columns appended after. */
const HEADER_ROW = 2;
const FIELDS = problems.fields.length;
const WIDTH = 1 + FIELDS + SYSTEM_COLUMNS.length;
/** 0-based column of a field or system column. */
const col = (key: string): number =>
  key.startsWith('_') ? 1 + FIELDS + SYSTEM_COLUMNS.findIndex((s) => s.key === key) : 1 + problems.fields.findIndex((f) => f.key === key);
const LAST_ROW = 10;

type Cell = string | number | boolean;
/** Every cell of a sheet area as both clients must leave it. */
interface Grid {
  values: Cell[][];
  formats: string[][];
}

/** The clerk's rows (worksheet rows 3–8); row 9 receives a copy of row 3 later. */
const ROWS: Record<string, string>[] = [
  /* 3 */ { county: '榆次', foundOn: '2022/3/24', phone: '１３９１２３４５６７８', targetName: '甲公司' },
  /* 4 */ { county: '', group: '', targetName: '乙公司' }, // county and group come from the account
  /* 5 */ { targetName: '丙公司', foundOn: '2022-13-45' }, // invalid: no such date
  /* 6 */ { targetName: '丁公司', remarks: '原备注' },
  /* 7 */ { targetName: '戊公司', sector: '工业' }, // invalid: not a sector
  /* 8 */ { county: '介休市', targetName: '介休某厂' }, // another county: not allowed
];
const dataRow = (r: Record<string, string>): string[] => problems.fields.map((f) => String(problemValues(r)[f.key] ?? ''));
const TITLE = '榆次区入企服务问题清单（2024年6月）';

/** A row key per new row, the same in both runs. */
function keys(): () => string {
  let n = 0;
  return () => `same-book-${String(++n).padStart(4, '0')}`;
}

function client(user: TestUser): ApiClient {
  return createApiClient(fetchTransport({ origin: FUNCTIONS_ORIGIN, project: PROJECT_ID, region: REGION, getIdToken: () => user.token }), {
    retry: { baseDelayMs: 50 },
  });
}

/** What a report says, in the terms both clients share (the pane's and the command line's shapes differ). */
interface Said {
  rows?: number;
  valid?: number;
  invalid?: { row: number; cell: string | null; field: string; code: string }[];
  unchanged?: number;
  sent?: number;
  counts?: Record<string, number>;
  conflicts: { row: number; id: string; version: number; updatedBy: string; diff: { field: string; mine: unknown; theirs: unknown }[] }[];
  forbidden?: { row: number; message: string }[];
  notFound?: number[];
  settled?: { keptMine: number[]; tookTheirs: number[]; unseen: number[]; withdrawn: number[] };
}

function saidByAddin(r: PushReport): Said {
  return {
    rows: r.rows,
    valid: r.valid,
    invalid: r.invalid.flatMap((x) => x.errors.map((e) => ({ row: e.row, cell: e.address, field: e.field, code: e.code }))),
    unchanged: r.unchanged,
    sent: r.sent,
    counts: r.counts as Record<string, number>,
    conflicts: conflictsSaid(r.conflicts),
    forbidden: r.forbidden.map((f) => ({ row: f.row, message: f.message })),
    notFound: r.notFound.map((n) => n.row),
    ...(r.settlement && settledSaid(r.settlement)),
  };
}

function settledSaid(s: Settlement): Pick<Said, 'settled'> {
  return {
    settled: { keptMine: s.keptMine.map((c) => c.row), tookTheirs: s.tookTheirs.map((c) => c.row), unseen: [...s.unseen], withdrawn: [...s.withdrawn] },
  };
}

function conflictsSaid(cs: readonly Conflict[]): Said['conflicts'] {
  return cs.map((c) => ({
    row: c.row,
    id: c.id,
    version: c.current.version,
    updatedBy: c.current.updatedBy,
    diff: c.diff.map((d) => ({ field: d.field, mine: d.mine ?? null, theirs: d.theirs ?? null })),
  }));
}

interface CliJson {
  rows: number;
  valid: number;
  sent: number;
  counts: Record<string, number>;
  errors: { row: number; cell: string | null; field: string; code: string }[];
  notSent: { unchanged: number };
  conflicts: { row: number; id: string; version: number; updatedBy: string; diff: { field: string; mine: unknown; theirs: unknown }[] }[];
  forbidden: { row: number; message: string }[];
  notFound: { row: number }[];
  settled?: { keptMine: { row: number }[]; tookTheirs: { row: number }[]; unseen: number[]; withdrawn: number[] };
}

function saidByCli(j: CliJson): Said {
  return {
    rows: j.rows,
    valid: j.valid,
    invalid: j.errors.map((e) => ({ row: e.row, cell: e.cell, field: e.field, code: e.code })),
    unchanged: j.notSent.unchanged,
    sent: j.sent,
    counts: j.counts,
    conflicts: j.conflicts.map((c) => ({
      row: c.row,
      id: c.id,
      version: c.version,
      updatedBy: c.updatedBy,
      diff: c.diff.map((d) => ({ field: d.field, mine: d.mine, theirs: d.theirs })),
    })),
    forbidden: j.forbidden.map((f) => ({ row: f.row, message: f.message })),
    notFound: j.notFound.map((n) => n.row),
    ...(j.settled && {
      settled: {
        keptMine: j.settled.keptMine.map((c) => c.row),
        tookTheirs: j.settled.tookTheirs.map((c) => c.row),
        unseen: j.settled.unseen,
        withdrawn: j.settled.withdrawn,
      },
    }),
  };
}

/** What each step left: the clerk's sheet (or the pulled list) and what the client said. */
interface Step {
  grid: Grid;
  said?: Said;
}

/** The other account changes rows (by the ids the sheet shows) on the server. */
async function otherChanges(other: TestUser, ids: string[], remarks: string): Promise<void> {
  const rows = [];
  for (const id of ids) {
    const stored = (await adminDb().collection('problems').doc(id).get()).data()!;
    rows.push({ key: stored.key, id, baseVersion: stored.version, values: { ...stored.values, remarks } });
  }
  const answer = await callOk<{ results: { status: string }[] }>('pushRows', { ledger: 'problems', requestId: `other-${Date.now()}`, rows }, other.token);
  expect(answer.results.map((r) => r.status)).toEqual(ids.map(() => 'updated'));
}

const blank = (v: unknown): Cell => (v === null || v === undefined ? '' : (v as Cell));
const format = (f: string | undefined): string => (f === undefined || f === '' ? 'General' : f);

// ---------------------------------------------------------------------------------------
// The add-in's day

function simGrid(excel: SimulatedExcel, sheet: string, rows: number, cols: number): Grid {
  const range = `A1:${columnLetters(cols - 1)}${rows}`;
  const sh = excel.sheet(sheet);
  return { values: sh.values(range).map((r) => r.map(blank)), formats: sh.numberFormats(range).map((r) => r.map(format)) };
}

async function addinDay(clerk: TestUser, other: TestUser): Promise<Step[]> {
  const api = client(clerk);
  const profile: Profile = await api.getProfile();
  const excel = createSimulatedExcel({ sheets: [SHEET] });
  const sh = excel.sheet(SHEET);
  const fields = (from: number, to: number) => `B${from}:${columnLetters(FIELDS)}${to}`;
  // The clerk's columns are text columns, so what is typed stays as typed (as in the .xlsx).
  sh.setNumberFormat(fields(HEADER_ROW, LAST_ROW), '@');
  sh.type('A1', [[TITLE]]);
  sh.type(`A${HEADER_ROW}:${columnLetters(FIELDS)}${HEADER_ROW}`, [['序号', ...problems.fields.map((f) => f.header)]]);
  sh.type(
    `A3:${columnLetters(FIELDS)}8`,
    ROWS.map((r, i) => [i + 1, ...dataRow(r)]),
  );
  const o = { sheet: SHEET, profile, today: TODAY, newKey: keys() };
  const steps: Step[] = [];
  const grid = () => simGrid(excel, SHEET, LAST_ROW, WIDTH);
  const pushed = async (p: Promise<PushReport>): Promise<Step> => ({ said: saidByAddin(await p), grid: grid() });

  // 1. The first push.
  steps.push(await pushed(push(excel, api, o)));
  // 2. Row 3 copied with its system cells into row 9; row 6 edited.
  sh.type(`A9:${columnLetters(WIDTH - 1)}9`, sh.values(`A3:${columnLetters(WIDTH - 1)}3`));
  sh.type(`${columnLetters(col('remarks'))}6`, [['电话回访']]);
  steps.push(await pushed(push(excel, api, o)));
  // 3. Another account changes rows 3, 4 and 6; the clerk changes them too.
  await otherChanges(
    other,
    [3, 4, 6].map((r) => String(sh.cell(`${columnLetters(col('_id'))}${r}`).value)),
    '他人的修改',
  );
  for (const r of [3, 4, 6]) sh.type(`${columnLetters(col('remarks'))}${r}`, [[`我的修改${r}`]]);
  const met = await push(excel, api, o);
  steps.push({ said: saidByAddin(met), grid: grid() });
  // 4. Take theirs for row 3, keep mine for row 4, later for row 6.
  const choice = (c: Conflict) => (c.row === 3 ? ('takeTheirs' as const) : c.row === 4 ? ('keepMine' as const) : ('later' as const));
  const res = await resolveConflicts(excel, api, { ...o, decisions: met.conflicts.map((c) => ({ conflict: c, choice: choice(c) })) });
  const later = met.conflicts.filter((c) => choice(c) === 'later');
  steps.push({ said: { ...settledSaid(res.settlement), conflicts: conflictsSaid([...later, ...(res.push?.conflicts ?? [])]) }, grid: grid() });
  // 5. The consolidated list.
  const list = await pull(excel, api, { ledger: 'problems', today: TODAY });
  steps.push({ grid: simGrid(excel, list.sheet, list.rows + 1, FIELDS + SYSTEM_COLUMNS.length) });
  return steps;
}

// ---------------------------------------------------------------------------------------
// The command line's day

async function xlsxGrid(path: string, sheet: string, rows: number, cols: number): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet)!;
  const date1904 = wb.properties?.date1904 === true;
  const values: Cell[][] = [];
  const formats: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    values.push([]);
    formats.push([]);
    for (let c = 1; c <= cols; c++) {
      const cell = ws.getCell(r, c);
      values[r - 1]!.push(blank(plainCellValue(cell.value, date1904)));
      formats[r - 1]!.push(format(cell.numFmt));
    }
  }
  return { values, formats };
}

async function editXlsx(path: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  edit(wb.getWorksheet(SHEET)!);
  await wb.xlsx.writeFile(path);
}

async function cliDay(clerk: TestUser, other: TestUser, dir: string): Promise<Step[]> {
  const api = client(clerk);
  const profile = await api.getProfile();
  const connect: Connect = async () => ({ api, profile, target: resolveTarget({}, {}) });
  const book = join(dir, '台账.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  for (let r = HEADER_ROW; r <= LAST_ROW; r++) for (let c = 2; c <= FIELDS + 1; c++) ws.getCell(r, c).numFmt = '@';
  ws.getCell(1, 1).value = TITLE;
  ['序号', ...problems.fields.map((f) => f.header)].forEach((h, c) => {
    ws.getCell(HEADER_ROW, c + 1).value = h;
  });
  ROWS.forEach((r, i) => {
    ws.getCell(3 + i, 1).value = i + 1;
    dataRow(r).forEach((v, c) => {
      if (v !== '') ws.getCell(3 + i, c + 2).value = v;
    });
  });
  await wb.xlsx.writeFile(book);

  const newKey = keys();
  const steps: Step[] = [];
  const cliPush = async (extra: { keepMine?: string; takeTheirs?: string } = {}): Promise<CliJson> => {
    const ctx: CliContext & { out: string } = { out: '', exitCode: 0, io: { out: (s) => void (ctx.out += s), err: () => undefined } };
    await runPush(book, { inPlace: true, json: true, today: TODAY, ...extra }, ctx, connect, newKey);
    return JSON.parse(ctx.out) as CliJson;
  };
  const grid = () => xlsxGrid(book, SHEET, LAST_ROW, WIDTH);

  // 1. The first push.
  steps.push({ said: saidByCli(await cliPush()), grid: await grid() });
  // 2. Row 3 copied with its system cells into row 9; row 6 edited.
  await editXlsx(book, (s) => {
    for (let c = 1; c <= WIDTH; c++) s.getCell(9, c).value = s.getCell(3, c).value;
    s.getCell(6, col('remarks') + 1).value = '电话回访';
  });
  steps.push({ said: saidByCli(await cliPush()), grid: await grid() });
  // 3. Another account changes rows 3, 4 and 6; the clerk changes them too.
  const ids = (await grid()).values.map((r) => String(r[col('_id')]));
  await otherChanges(
    other,
    [3, 4, 6].map((r) => ids[r - 1]!),
    '他人的修改',
  );
  await editXlsx(book, (s) => {
    for (const r of [3, 4, 6]) s.getCell(r, col('remarks') + 1).value = `我的修改${r}`;
  });
  steps.push({ said: saidByCli(await cliPush()), grid: await grid() });
  // 4. Take theirs for row 3, keep mine for row 4, later for row 6.
  const settled = saidByCli(await cliPush({ takeTheirs: '3', keepMine: '4' }));
  steps.push({ said: settled, grid: await grid() });
  // 5. The consolidated list.
  const out = join(dir, '汇总.xlsx');
  const ctx: CliContext = { exitCode: 0, io: { out: () => undefined, err: () => undefined } };
  await runPull({ ledger: 'problems', out }, ctx, connect);
  const listed = new ExcelJS.Workbook();
  await listed.xlsx.readFile(out);
  steps.push({ grid: await xlsxGrid(out, LIST, listed.getWorksheet(LIST)!.rowCount, FIELDS + SYSTEM_COLUMNS.length) });
  return steps;
}

// ---------------------------------------------------------------------------------------

let addin: Step[];
let cli: Step[];

beforeAll(async () => {
  const { dir, cleanup } = tempDir();
  try {
    const accounts = async () =>
      Promise.all([
        makeUser({ email: 'same-book-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
        makeUser({ email: 'same-book-other@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
      ]);
    await clearFirestore();
    addin = await addinDay(...(await accounts()));
    await clearFirestore();
    cli = await cliDay(...(await accounts()), dir);
  } finally {
    cleanup();
  }
});

afterAll(closeAdmin);

/** The two grids, cell by cell, as "A1: value [format]" lines where they differ. */
function differences(a: Grid, b: Grid): string[] {
  const out: string[] = [];
  const rows = Math.max(a.values.length, b.values.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(a.values[r]?.length ?? 0, b.values[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const x = `${JSON.stringify(a.values[r]?.[c] ?? '')} [${a.formats[r]?.[c] ?? 'General'}]`;
      const y = `${JSON.stringify(b.values[r]?.[c] ?? '')} [${b.formats[r]?.[c] ?? 'General'}]`;
      if (x !== y) out.push(`${columnLetters(c)}${r + 1}: add-in ${x} / taizhang ${y}`);
    }
  }
  return out;
}

describe('the same workbook through the add-in and through taizhang', () => {
  const step = (i: number) => ({ addin: addin[i]!, cli: cli[i]! });

  it('first push: the same keys, ids, canonical values, 有错误 and 无权限 cells; the same report', () => {
    const { addin: a, cli: c } = step(0);
    expect(differences(a.grid, c.grid)).toEqual([]);
    expect(a.said).toEqual(c.said);
    expect(a.said).toMatchObject({ rows: 6, valid: 4, sent: 4, counts: { created: 3, forbidden: 1 } });
    expect(a.said!.invalid!.map((e) => e.row)).toEqual([5, 7]);
    // The appended system columns are headed, and the county a new row lacked comes from the account.
    expect(a.grid.values[HEADER_ROW - 1]![col('_key')]).toBe('行标识〔系统〕');
    expect(a.grid.values[3]![col('county')]).toBe(YUCI);
    expect(a.grid.values[7]![col('_sync')]).toBe('无权限');
  });

  it('a row copied with its system cells is a new row; an edit is an update', () => {
    const { addin: a, cli: c } = step(1);
    expect(differences(a.grid, c.grid)).toEqual([]);
    expect(a.said).toEqual(c.said);
    expect(a.said!.counts).toEqual({ created: 1, updated: 1, forbidden: 1 });
    expect(a.grid.values[8]![col('_key')]).not.toBe(a.grid.values[2]![col('_key')]);
    expect(a.grid.values[8]![col('_id')]).not.toBe(a.grid.values[2]![col('_id')]);
  });

  it('conflicts: nothing overwritten, each row marked with the server version the report shows', () => {
    const { addin: a, cli: c } = step(2);
    expect(differences(a.grid, c.grid)).toEqual([]);
    expect(a.said).toEqual(c.said);
    expect(a.said!.conflicts.map((x) => [x.row, x.version])).toEqual([
      [3, 2],
      [4, 2],
      [6, 3],
    ]);
    expect([3, 4, 6].map((r) => a.grid.values[r - 1]![col('_sync')])).toEqual([
      '冲突（台账中为第 2 版）',
      '冲突（台账中为第 2 版）',
      '冲突（台账中为第 3 版）',
    ]);
  });

  it('settling: take theirs and keep mine leave the same cells; the same settlement and open conflicts', () => {
    const { addin: a, cli: c } = step(3);
    expect(differences(a.grid, c.grid)).toEqual([]);
    expect(a.said!.settled).toEqual(c.said!.settled);
    expect(a.said!.settled).toEqual({ keptMine: [4], tookTheirs: [3], unseen: [], withdrawn: [] });
    expect(a.said!.conflicts).toEqual(c.said!.conflicts);
    expect(a.said!.conflicts.map((x) => x.row)).toEqual([6]);
    expect(a.grid.values[2]![col('remarks')]).toBe('他人的修改');
    expect([a.grid.values[3]![col('_version')], a.grid.values[3]![col('_sync')]]).toEqual([3, '已同步']);
  });

  it('pull: the same consolidated list', () => {
    const { addin: a, cli: c } = step(4);
    expect(differences(a.grid, c.grid)).toEqual([]);
    expect(a.grid.values.length).toBe(1 + 4);
  });
});
