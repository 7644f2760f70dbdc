// A row of nothing but spaces is no row: the blank test looks at a cell's first character
// before it trims, so every character `trim` removes must still count as space.
import { isBlankCell, readRow, sheetColumns } from '@taizhang/client';
import { findHeader, problems, SYSTEM_COLUMNS } from '@taizhang/ledger';

describe('blank cells', () => {
  it('every character trim removes, alone or repeated, is blank; anything else is not', () => {
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      const blank = s.trim() === '';
      expect([c, isBlankCell(s), isBlankCell(`${s}${s}`)]).toEqual([c, blank, blank]);
      if (blank) expect([c, isBlankCell(`${s}x${s}`)]).toEqual([c, false]);
    }
    expect([isBlankCell(''), isBlankCell(null), isBlankCell(undefined), isBlankCell(0), isBlankCell(false)]).toEqual([true, true, true, false, false]);
  });

  it("a row is read from its cells from the sheet's first column on", () => {
    const header = ['', ...problems.fields.map((f) => f.header), ...SYSTEM_COLUMNS.map((c) => c.header)];
    const cols = sheetColumns(findHeader([header], problems)!, { firstRow: 1, firstCol: 3, endCol: 3 + header.length, date1904: false });
    const cells: unknown[] = header.map(() => '');
    cells[cols.fieldCol.get('targetName')! - 3] = '  山西强伟纸业有限公司 ';
    cells[cols.fieldCol.get('county')! - 3] = '榆次区';
    cells[cols.fieldCol.get('description')! - 3] = '\u3000\u00a0';
    cells[cols.sysCol._key - 3] = ' k1 ';
    cells[cols.sysCol._version - 3] = 3;
    const r = readRow(cols, 2, cells, 3)!;
    expect(r).toEqual({ row: 2, raw: { county: '榆次区', targetName: '  山西强伟纸业有限公司 ' }, key: 'k1', id: '', version: 3, sync: '', hash: '' });
    // County and group alone are a template row, not a row.
    cells[cols.fieldCol.get('targetName')! - 3] = '';
    expect(readRow(cols, 2, cells, 3)).toBeUndefined();
  });
});
