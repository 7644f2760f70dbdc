// `taizhang check` as a user runs it: the real process through cli/bin/taizhang.js, plus
// main() in-process for the argument handling.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../cli/src/main';
import { parseTodayOption } from '../../../cli/src/commands/check';
import { MESSY_SHEET, TODAY, runCli, tempDir, write1904Workbook, writeMessyWorkbook, writeMissingColumnWorkbook, writeVisitsWorkbook } from './fixtures';

jest.setTimeout(60_000);

const tmp = tempDir();
const file = (name: string) => join(tmp.dir, name);

beforeAll(async () => {
  await writeMessyWorkbook(file('messy.xlsx'));
  await writeVisitsWorkbook(file('visits.xlsx'));
  await write1904Workbook(file('1904.xlsx'));
  await writeMissingColumnWorkbook(file('missing-column.xlsx'));
  writeFileSync(file('not-a-workbook.xlsx'), '序号,县（区、市）\n1,榆次\n');
});
afterAll(() => tmp.cleanup());

/** stderr carries the reason in Chinese and in English. */
function expectBilingualReason(stderr: string, zh: string, en: string): void {
  expect(stderr).toContain(zh);
  expect(stderr).toContain(en);
}

describe('taizhang check (process)', () => {
  it('--json: one JSON object on stdout, exit 1 when some row is invalid', () => {
    const r = runCli(['check', file('messy.xlsx'), '--ledger', 'problems', '--today', TODAY, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['ledger', 'sheet', 'rows', 'valid', 'errors', 'warnings']);
    expect(json).toMatchObject({ ledger: 'problems', sheet: MESSY_SHEET, rows: 7, valid: 4 });
    expect(json.errors.map((e: { row: number; cell: string; field: string; code: string }) => `${e.row} ${e.cell} ${e.field} ${e.code}`)).toEqual([
      '8 C8 county enum',
      '8 J8 foundOn type',
      '9 J9 foundOn range',
      '9 M9 deadline required',
      '9 N9 status rule',
      '12 E12 township required',
      '12 S12 creditCode rule',
    ]);
    expect(json.errors[0]).toEqual({
      row: 8,
      cell: 'C8',
      field: 'county',
      header: '县（区、市）',
      code: 'enum',
      message: expect.stringMatching(/^「县（区、市）」“北京”不是可选项.* \/ County: "北京" is not an option/),
    });
    expect(json.warnings).toEqual([
      expect.objectContaining({ code: 'unknown_column', cell: 'A3', header: '序号' }),
      expect.objectContaining({ code: 'unknown_column', cell: 'U3', header: '走访人' }),
    ]);
  });

  it('without --json: a readable report in both languages', () => {
    const r = runCli(['check', file('messy.xlsx'), '--today', TODAY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`工作表 / Sheet: ${MESSY_SHEET}，表头在第 3 行 / header on row 3`);
    expect(r.stdout).toContain('第 9 行 / Row 9\n  J9    发现日期 / Found on\n');
    expect(r.stdout).toContain('「发现日期」不能晚于今天 2024-06-30（现为 2024-07-15）');
    expect(r.stdout).toContain('Found on cannot be after today, 2024-06-30 (is 2024-07-15)');
    expect(r.stdout).toContain('共 7 行：4 行有效，3 行有误（7 处错误）。 / 7 rows: 4 valid, 3 invalid (7 errors).');
  });

  it('detects a visits ledger without --ledger, and mentions the other ledger sheet', () => {
    const r = runCli(['check', file('visits.xlsx'), '--today', TODAY, '--json']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ledger: 'visits', sheet: '走访台账', rows: 3, valid: 2 });
    expect(json.errors.map((e: { cell: string; code: string }) => `${e.cell} ${e.code}`)).toEqual(['H4 range', 'I4 type']);
    expect(json.warnings).toEqual([expect.objectContaining({ code: 'other_sheet', sheet: '问题清单', ledger: 'problems' })]);
  });

  it('reads a 1904-date-system workbook right', () => {
    const r = runCli(['check', file('1904.xlsx'), '--today', '2024-03-24', '--json']);
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ ledger: 'visits', rows: 4, valid: 2 });
    expect(json.errors).toEqual([
      expect.objectContaining({ row: 4, cell: 'A4', code: 'range', message: expect.stringContaining('（现为 2024-03-25）') }),
      expect.objectContaining({ row: 5, cell: 'A5', code: 'range', message: expect.stringContaining('(is 2024-03-25)') }),
    ]);
    // All valid the day after: nothing was read four years early or late.
    const later = runCli(['check', file('1904.xlsx'), '--today', '2024-03-25', '--json']);
    expect(later.status).toBe(0);
    expect(JSON.parse(later.stdout)).toMatchObject({ rows: 4, valid: 4, errors: [] });
  });

  it('--sheet checks the named sheet; one that holds no ledger exits 2', () => {
    const r = runCli(['check', file('messy.xlsx'), '--today', TODAY, '--sheet', '填表说明']);
    expect(r.status).toBe(2);
    expectBilingualReason(r.stderr, '工作表「填表说明」的前 10 行里没有', 'sheet "填表说明" has no ledger');
    const ok = runCli(['check', file('visits.xlsx'), '--sheet', '问题清单', '--today', TODAY, '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ledger: 'problems', rows: 0, valid: 0, errors: [] });
  });

  it('exits 2 for a missing required column, naming the columns', () => {
    const r = runCli(['check', file('missing-column.xlsx'), '--today', TODAY, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectBilingualReason(
      r.stderr,
      '缺少问题清单的必填列：问题描述、发现日期',
      'lacks required columns of the Problem list: 问题描述 (Description), 发现日期 (Found on)',
    );
  });

  it('exits 2 for a file that is not a workbook', () => {
    const r = runCli(['check', file('not-a-workbook.xlsx'), '--today', TODAY, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectBilingualReason(r.stderr, '不是有效的 .xlsx 工作簿', 'not a valid .xlsx workbook');
  });

  it('exits 2 for a missing file', () => {
    const r = runCli(['check', file('nowhere.xlsx'), '--today', TODAY]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectBilingualReason(r.stderr, '文件不存在', 'file not found');
  });

  it('exits 2 for --sheet naming a missing sheet', () => {
    const r = runCli(['check', file('messy.xlsx'), '--sheet', '汇总表', '--today', TODAY, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expectBilingualReason(r.stderr, '没有名为「汇总表」的工作表', 'no sheet named "汇总表"');
    expect(r.stderr).toContain(MESSY_SHEET);
  });

  it('exits 2 for bad arguments, in both languages', () => {
    const bad = runCli(['check', file('messy.xlsx'), '--today', '2024-02-30']);
    expect(bad.status).toBe(2);
    expectBilingualReason(bad.stderr, '参数有误', 'Invalid arguments');
    expect(bad.stderr).toContain('YYYY-MM-DD');
    expect(runCli(['check']).status).toBe(2);
  });

  it('shows help from the repository root', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('check [options] <file>');
  });
});

describe('main (in-process)', () => {
  async function run(...args: string[]) {
    let out = '';
    let err = '';
    const status = await main(['node', 'taizhang', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { status, out, err };
  }

  it.each([
    [['check', 'x.xlsx', '--ledger', 'stats']],
    [['check', 'x.xlsx', '--today', '20240630']],
    [['check', 'x.xlsx', '--today', 'today']],
    [['check', 'x.xlsx', '--bogus']],
    [['check', 'a.xlsx', 'b.xlsx']],
    [['frobnicate']],
    [[]],
  ])('exits 2 for %j', async (args) => {
    const r = await run(...args);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).not.toBe('');
  });

  it('checks in-process too', async () => {
    const r = await run('check', file('messy.xlsx'), '--today', TODAY, '--json');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ rows: 7, valid: 4 });
  });

  it('shows the version and help with exit 0', async () => {
    expect((await run('--version')).status).toBe(0);
    expect((await run('help', 'check')).out).toContain('--today <YYYY-MM-DD>');
  });
});

describe('parseTodayOption', () => {
  it('takes real days written YYYY-MM-DD only', () => {
    expect(parseTodayOption('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-6-30', '2024/06/30', '2024-06-30T00:00:00Z', '']) {
      expect(() => parseTodayOption(bad)).toThrow('YYYY-MM-DD');
    }
  });
});
