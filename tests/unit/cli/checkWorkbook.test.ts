import { join } from 'node:path';
import type { RawCell } from '@taizhang/ledger';
import { checkWorkbook, type SheetRows, type WorkbookRows } from '../../../cli/src/check/checkWorkbook';
import { CliError } from '../../../cli/src/context';
import { readWorkbook } from '../../../cli/src/xlsx/readSheet';
import { MESSY_SHEET, TODAY, tempDir, writeMessyWorkbook } from './fixtures';

const PROBLEM_HEADERS = [
  '县（区、市）',
  '乡镇（街道）',
  '服务类型',
  '服务对象',
  '统一社会信用代码',
  '工作组',
  '行业专班',
  '问题类别',
  '问题描述',
  '发现日期',
  '解决层级',
  '责任单位',
  '办结时限',
  '办理状态',
  '解决措施及进展',
  '解决日期',
  '联系人',
  '联系电话',
  '备注',
];
const VISIT_HEADERS = ['走访日期', '县（区、市）', '乡镇（街道）', '服务类型', '服务对象', '统一社会信用代码', '工作组', '参与人数'];

/** A valid problem row in PROBLEM_HEADERS order. */
const PROBLEM: RawCell[] = [
  '祁县',
  null,
  '入企',
  '祁县某玻璃公司',
  null,
  '第一工作组',
  '工业和信息软件服务业',
  '市场销售',
  '出口订单下降明显',
  '2024-05-01',
  '协调解决',
  '县商务局',
  '2024-08-01',
  '办理中',
];
const VISIT: RawCell[] = ['2024-06-01', '榆次', null, '入企', '某公司', null, '第一工作组', 2];

function book(...sheets: SheetRows[]): WorkbookRows {
  return { sheets, date1904: false };
}

function failure(f: () => unknown): CliError {
  try {
    f();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected a CliError');
}

describe('checkWorkbook on the messy clerk workbook', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('finds the sheet and header, skips blank rows, and points at the right cells', async () => {
    const path = join(tmp.dir, 'messy.xlsx');
    await writeMessyWorkbook(path);
    const report = checkWorkbook(await readWorkbook(path), { today: TODAY });
    expect(report).toMatchObject({ ledger: 'problems', sheet: MESSY_SHEET, headerRow: 3, rows: 7, valid: 4, today: TODAY });
    expect(report.errors.map((e) => [e.row, e.cell, e.field, e.code])).toEqual([
      [8, 'C8', 'county', 'enum'],
      [8, 'J8', 'foundOn', 'type'],
      [9, 'J9', 'foundOn', 'range'],
      [9, 'M9', 'deadline', 'required'],
      [9, 'N9', 'status', 'rule'],
      [12, 'E12', 'township', 'required'],
      [12, 'S12', 'creditCode', 'rule'],
    ]);
    const e = report.errors[0]!;
    expect(e.header).toBe('县（区、市）');
    expect(e.message).toBe(`${e.zh} / ${e.en}`);
    expect(e.zh).toContain('北京');
    expect(report.errors[2]!.message).toContain('2024-07-15');
    expect(report.warnings.map((w) => [w.code, w.details])).toEqual([
      ['unknown_column', { cell: 'A3', header: '序号' }],
      ['unknown_column', { cell: 'U3', header: '走访人' }],
    ]);
  });

  it('judges dates against the given today', async () => {
    const path = join(tmp.dir, 'messy2.xlsx');
    await writeMessyWorkbook(path);
    const report = checkWorkbook(await readWorkbook(path), { today: '2024-07-15' });
    expect(report.errors.some((e) => e.row === 9 && e.field === 'foundOn')).toBe(false);
  });
});

describe('checkWorkbook: rows', () => {
  it('numbers rows as the worksheet does and counts only non-empty data rows', () => {
    const rows: RawCell[][] = [['问题清单'], [], PROBLEM_HEADERS, PROBLEM, [], [null, '  ', '\u3000'], PROBLEM.map((v, i) => (i === 0 ? '北京' : v))];
    const r = checkWorkbook(book({ name: 'S', rows }), { today: TODAY });
    expect(r.headerRow).toBe(3);
    expect(r.rows).toBe(2);
    expect(r.valid).toBe(1);
    expect(r.errors.map((e) => [e.row, e.cell])).toEqual([[7, 'A7']]);
  });

  it('counts a row with values only in columns the ledger ignores as empty', () => {
    const rows = [['序号', ...PROBLEM_HEADERS], [1, ...PROBLEM], [2], [3, ...PROBLEM]];
    const r = checkWorkbook(book({ name: 'S', rows }), { today: TODAY });
    expect(r.rows).toBe(2);
    expect(r.valid).toBe(2);
  });

  it('gives no cell for a field without a column', () => {
    const headers = PROBLEM_HEADERS.filter((h) => h !== '责任单位');
    const row = PROBLEM.filter((_, i) => i !== PROBLEM_HEADERS.indexOf('责任单位'));
    const r = checkWorkbook(book({ name: 'S', rows: [headers, row] }), { today: TODAY });
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, cell: null, field: 'department', code: 'required' })]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'missing_column', details: { field: 'department', header: '责任单位' } })]);
  });

  it('reads serial numbers in the workbook date system', () => {
    const rows = [VISIT_HEADERS, [43914, ...VISIT.slice(1)]];
    const in1900 = checkWorkbook({ sheets: [{ name: 'S', rows }], date1904: false }, { today: '2024-03-24' });
    const in1904 = checkWorkbook({ sheets: [{ name: 'S', rows }], date1904: true }, { today: '2024-03-24' });
    expect(in1900.errors).toEqual([]); // 2020-03-24
    expect(in1904.errors).toEqual([expect.objectContaining({ cell: 'A2', code: 'range', message: expect.stringContaining('2024-03-25') })]);
  });

  it('warns about merged cells in the data area', () => {
    const rows = [PROBLEM_HEADERS, PROBLEM, PROBLEM.map((v, i) => (i === 0 ? null : v))];
    const r = checkWorkbook(book({ name: 'S', rows, merges: [{ firstRow: 1, firstCol: 0, lastRow: 2, lastCol: 0 }] }), { today: TODAY });
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, cell: 'A3', code: 'required' })]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'merged_cells', details: { ranges: ['A2:A3'] } })]);
  });

  it('warns about an empty ledger', () => {
    const r = checkWorkbook(book({ name: 'S', rows: [PROBLEM_HEADERS] }), { today: TODAY });
    expect(r).toMatchObject({ rows: 0, valid: 0, errors: [] });
    expect(r.warnings.map((w) => w.code)).toEqual(['no_rows']);
  });
});

describe('checkWorkbook: header row', () => {
  it('finds the header below titles, in any order, with half-width parentheses', () => {
    const headers = [...PROBLEM_HEADERS].reverse().map((h) => h.replace('（', '(').replace('）', ')'));
    const rows = [['标题'], ['单位：'], ['日期：'], headers, [...PROBLEM, ...Array(5).fill(null)].reverse()];
    const r = checkWorkbook(book({ name: 'S', rows }), { today: TODAY });
    expect(r).toMatchObject({ headerRow: 4, rows: 1, valid: 1, errors: [] });
  });

  it('does not look past the first 10 rows', () => {
    const rows = [...Array(10).fill(['说明']), PROBLEM_HEADERS, PROBLEM];
    expect(failure(() => checkWorkbook(book({ name: 'S', rows }), { today: TODAY })).exitCode).toBe(2);
  });

  it('warns once about each duplicate column and uses the first', () => {
    const rows = [
      [...PROBLEM_HEADERS, '问题描述'],
      [...PROBLEM, ...Array(5).fill(null), '短'],
    ];
    const r = checkWorkbook(book({ name: 'S', rows }), { today: TODAY });
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'duplicate_column', details: { cell: 'T1', header: '问题描述', field: 'description' } })]);
  });

  it('ignores the system columns of a synced sheet without a warning', () => {
    const headers = [...PROBLEM_HEADERS, '编号〔系统〕', '版本〔系统〕', '同步状态〔系统〕', '行键〔系统〕'];
    const row = [...PROBLEM, ...Array(5).fill(null), 'P-140727-2024-000001', 3, '已同步', 'k1'];
    const r = checkWorkbook(book({ name: 'S', rows: [headers, row] }), { today: TODAY });
    expect(r).toMatchObject({ rows: 1, valid: 1, errors: [], warnings: [] });
  });

  it('reads a two-row header whose upper cells are merged down', () => {
    // 县（区、市）… in row 1 merged over rows 1–2; 问题情况 over the columns of row 2.
    const top: RawCell[] = PROBLEM_HEADERS.map((h, i) => (i >= 6 && i <= 9 ? (i === 6 ? '问题情况' : null) : h));
    const sub: RawCell[] = PROBLEM_HEADERS.map((h, i) => (i >= 6 && i <= 9 ? h : null));
    const merges = PROBLEM_HEADERS.flatMap((_, i) => (i >= 6 && i <= 9 ? [] : [{ firstRow: 0, firstCol: i, lastRow: 1, lastCol: i }]));
    merges.push({ firstRow: 0, firstCol: 6, lastRow: 0, lastCol: 9 });
    const r = checkWorkbook(book({ name: 'S', rows: [top, sub, PROBLEM], merges }), { today: TODAY });
    expect(r).toMatchObject({ headerRow: 2, rows: 1, valid: 1, errors: [], warnings: [] });
  });

  it('refuses a header missing an always-required column, naming the columns', () => {
    const headers = PROBLEM_HEADERS.filter((h) => h !== '问题描述' && h !== '发现日期');
    const e = failure(() => checkWorkbook(book({ name: 'Sheet1', rows: [headers] }), { today: TODAY }));
    expect(e.exitCode).toBe(2);
    expect(e.zh).toContain('问题描述、发现日期');
    expect(e.en).toContain('问题描述 (Description), 发现日期 (Found on)');
  });

  it('says which ledger the sheet looks like when --ledger names the other', () => {
    const e = failure(() => checkWorkbook(book({ name: 'S', rows: [VISIT_HEADERS, VISIT] }), { ledger: 'problems', today: TODAY }));
    expect(e.en).toContain('--ledger visits');
  });

  it('refuses a workbook with no ledger header', () => {
    const e = failure(() => checkWorkbook(book({ name: '说明', rows: [['hello']] }, { name: '空', rows: [] }), { today: TODAY }));
    expect(e.zh).toContain('「说明」、「空」');
    expect(failure(() => checkWorkbook(book(), { today: TODAY })).en).toContain('(none)');
  });
});

describe('checkWorkbook: sheet choice', () => {
  const visits: SheetRows = { name: '走访', rows: [VISIT_HEADERS, VISIT] };
  const problems: SheetRows = { name: '问题', rows: [PROBLEM_HEADERS, PROBLEM] };
  const partial: SheetRows = { name: '草稿', rows: [PROBLEM_HEADERS.slice(0, 5)] };

  it('takes the best-matching ledger of the first matching sheet and mentions the others', () => {
    const r = checkWorkbook(book(partial, visits, problems), { today: TODAY });
    expect(r).toMatchObject({ ledger: 'visits', sheet: '走访' });
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'other_sheet', details: { sheet: '问题', ledger: 'problems' } })]);
  });

  it('with --ledger, takes the first sheet matching that ledger', () => {
    expect(checkWorkbook(book(visits, problems), { ledger: 'problems', today: TODAY })).toMatchObject({ ledger: 'problems', sheet: '问题' });
    expect(checkWorkbook(book(problems, visits), { ledger: 'visits', today: TODAY })).toMatchObject({ ledger: 'visits', sheet: '走访' });
  });

  it('with --sheet, takes that sheet', () => {
    expect(checkWorkbook(book(visits, problems), { sheet: '问题', today: TODAY })).toMatchObject({ ledger: 'problems', sheet: '问题' });
    expect(checkWorkbook(book(visits, problems), { sheet: ' 问题 ', today: TODAY }).sheet).toBe('问题');
  });

  it('refuses a --sheet that does not exist, listing the sheets', () => {
    const e = failure(() => checkWorkbook(book(visits, problems), { sheet: '汇总', today: TODAY }));
    expect(e.zh).toContain('「汇总」');
    expect(e.en).toContain('"走访", "问题"');
  });

  it('refuses a --sheet without a header of the ledger', () => {
    expect(failure(() => checkWorkbook(book(visits, partial), { sheet: '草稿', today: TODAY })).en).toContain('lacks required columns');
    const notes: SheetRows = { name: '说明', rows: [['hello']] };
    expect(failure(() => checkWorkbook(book(notes, visits), { sheet: '说明', today: TODAY })).en).toContain('no ledger');
  });

  it('reports the missing columns of the best partial match when no sheet is complete', () => {
    const e = failure(() => checkWorkbook(book({ name: 'a', rows: [['县（区、市）', '服务类型']] }, partial), { today: TODAY }));
    expect(e.zh).toContain('工作表「草稿」');
  });
});
