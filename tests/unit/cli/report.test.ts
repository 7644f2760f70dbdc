import { checkWorkbook } from '../../../cli/src/check/checkWorkbook';
import { formatReport, toJson } from '../../../cli/src/check/report';
import { columnLetters } from '@taizhang/ledger';
import { TODAY } from './fixtures';

const HEADERS = ['序号', '走访日期', '县（区、市）', '服务类型', '服务对象', '工作组', '参与人数'];
const rows = [
  HEADERS,
  [1, '2024-06-01', '榆次', '入企', '某公司', '第一工作组', 2],
  [2, '2024-13-01', '榆次', '入企', '某公司', '第一工作组', 0],
  [3, '2024-06-02', '北京', '入企', '某公司', '第一工作组', 1],
];
const report = checkWorkbook({ sheets: [{ name: '走访台账', rows }], date1904: false }, { today: TODAY });

describe('toJson', () => {
  it('is exactly the object docs/cli.md gives', () => {
    const json = toJson(report);
    expect(Object.keys(json)).toEqual(['ledger', 'sheet', 'rows', 'valid', 'errors', 'warnings']);
    expect(json).toMatchObject({ ledger: 'visits', sheet: '走访台账', rows: 3, valid: 1 });
    for (const e of json.errors) expect(Object.keys(e)).toEqual(['row', 'cell', 'field', 'header', 'code', 'message']);
    expect(json.errors[0]).toEqual({
      row: 3,
      cell: 'B3',
      field: 'visitedOn',
      header: '走访日期',
      code: 'type',
      message: '「走访日期」无法识别：“2024-13-01”，应为日期，如 2022-03-24 / Visited on: cannot read "2024-13-01", expected a date such as 2022-03-24',
    });
    expect(json.warnings).toEqual([
      { code: 'unknown_column', message: '未识别的列「序号」（A1），已忽略 / unknown column "序号" (A1) ignored', cell: 'A1', header: '序号' },
      expect.objectContaining({ code: 'missing_column', field: 'township' }),
    ]);
  });
});

describe('formatReport', () => {
  const text = formatReport(report, 'book.xlsx');

  it('groups errors by row, with cell, header and both languages', () => {
    expect(text).toContain('第 3 行 / Row 3\n  B3    走访日期 / Visited on\n        「走访日期」无法识别');
    expect(text).toContain('        Visited on: cannot read "2024-13-01"');
    expect(text).toContain('  G3    参与人数 / Staff\n');
    expect(text).toContain('第 4 行 / Row 4\n  C4    县（区、市） / County\n');
    expect(text.indexOf('Row 3')).toBeLessThan(text.indexOf('Row 4'));
  });

  it('names the file, ledger and sheet, lists warnings and ends with a summary line', () => {
    expect(text).toContain('文件 / File: book.xlsx');
    expect(text).toContain('台账 / Ledger: 走访台账 / Visit log (visits)');
    expect(text).toContain('unknown column "序号" (A1) ignored');
    expect(text.trimEnd().split('\n').pop()).toBe('共 3 行：1 行有效，2 行有误（3 处错误）。 / 3 rows: 1 valid, 2 invalid (3 errors).');
  });

  it('says so when all rows are valid', () => {
    const ok = checkWorkbook({ sheets: [{ name: 'S', rows: rows.slice(0, 2) }], date1904: false }, { today: TODAY });
    expect(formatReport(ok)).toMatch(/全部 1 行有效。 \/ 1 row, all valid.\n$/);
  });
});

describe('columnLetters', () => {
  it('counts like Excel', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
