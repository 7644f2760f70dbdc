// What Excel makes of values written to cells: formulas from '=', '+', '-', '@', numbers and
// dates out of text in General cells, text kept in '@' cells; formats, validation, the 1904 flag.

import { createSimulatedExcel, dateToSerial } from '@taizhang/excel-simulator';

async function write(values: unknown[][], numberFormat?: string[][], options = {}) {
  const excel = createSimulatedExcel(options);
  await excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, values.length, values[0]!.length);
    if (numberFormat) range.numberFormat = numberFormat;
    range.values = values as Excel.Range['values'];
    await context.sync();
  });
  return excel.sheet('Sheet1');
}

describe('writing values', () => {
  it.each([
    ['=1+2', '=1+2', 3],
    ['=HYPERLINK("http://x","y")', '=HYPERLINK("http://x","y")', '#NAME?'],
    ['+86 138 0013 8000', '=+86 138 0013 8000', '#NAME?'],
    ['-abc', '=-abc', '#NAME?'],
    ['@SUM', '=@SUM', '#NAME?'],
  ])('turns %s in a General cell into a formula', async (input, formula, value) => {
    const sheet = await write([[input]]);
    expect(sheet.cell('A1').formula).toBe(formula);
    expect(sheet.cell('A1').value).toBe(value);
  });

  it.each(['=1+2', '=HYPERLINK("http://x","y")', '+86 138 0013 8000', '-abc', '@SUM', '123', '2022-03-24', '00123', 'TRUE'])(
    'keeps %s as text in a cell formatted as text (@)',
    async (input) => {
      const sheet = await write([[input]], [['@']]);
      expect(sheet.cell('A1')).toMatchObject({ value: input, formula: null, numberFormat: '@', text: input });
    },
  );

  it.each([
    ['123', 123],
    ['00123', 123],
    [' 42 ', 42],
    ['-1', -1],
    ['+5', 5],
    ['1,234.5', 1234.5],
    ['1e3', 1000],
    ['13800138000', 13800138000],
    ['true', true],
  ])('converts %s to a number or boolean in a General cell', async (input, value) => {
    const sheet = await write([[input]]);
    expect(sheet.cell('A1').value).toBe(value);
    expect(sheet.cell('A1').formula).toBeNull();
  });

  it('loses the digits of an 18-digit ID in a General cell, like Excel', async () => {
    const sheet = await write([['110101199003071234']]);
    expect(sheet.cell('A1').value).toBe(110101199003071230);
    expect(sheet.cell('A1').text).toBe('1.10101E+17');
  });

  it('turns a date-looking string into a date serial and a date format', async () => {
    const sheet = await write([['2022-03-24', '3/24/2022', '50%']]);
    expect(sheet.cell('A1')).toMatchObject({ value: 44644, numberFormat: 'yyyy-mm-dd', text: '2022-03-24' });
    expect(sheet.cell('B1')).toMatchObject({ value: 44644, numberFormat: 'm/d/yyyy', text: '3/24/2022' });
    expect(sheet.cell('C1')).toMatchObject({ value: 0.5, numberFormat: '0%', text: '50%' });
  });

  it('keeps numbers and booleans as they are, and text that looks like nothing else', async () => {
    const sheet = await write([[42, false, '榆次区', '2022-02-30', '1.2.3', "'0123"]]);
    expect(sheet.values('A1:F1')).toEqual([[42, false, '榆次区', '2022-02-30', '1.2.3', '0123']]);
  });

  it('leaves a cell alone for null, clears it for an empty string', async () => {
    const excel = createSimulatedExcel();
    excel.sheet('Sheet1').type('A1', [['keep', 'drop']]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[null, ''] as unknown as string[]];
      await context.sync();
    });
    expect(excel.sheet('Sheet1').values('A1:B1')).toEqual([['keep', '']]);
  });

  it('writes formulas through Range.formulas and reads them back', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      r.formulas = [['=2*3', 'plain']];
      const back = r.getOffsetRange(0, 0).load('formulas,values,valueTypes');
      await context.sync();
      expect(back.formulas).toEqual([['=2*3', 'plain']]);
      expect(back.values).toEqual([[6, 'plain']]);
      expect(back.valueTypes).toEqual([['Double', 'String']]);
    });
  });

  it('applies number formats per cell and shows text accordingly', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C1');
      r.numberFormat = [['yyyy-mm-dd', '0.00', '@']];
      r.values = [[44644, 3.14159, 7]];
      const back = r.getOffsetRange(0, 0).load('text,numberFormat');
      await context.sync();
      expect(back.text).toEqual([['2022-03-24', '3.14', '7']]);
      expect(back.numberFormat).toEqual([['yyyy-mm-dd', '0.00', '@']]);
    });
  });
});

describe('inserting and deleting cells', () => {
  it('moves only the columns of the range, and refuses to push a value off the last row', async () => {
    const excel = createSimulatedExcel();
    const sheet = excel.sheet('Sheet1');
    sheet.type('A1', [
      ['a1', 'b1', 'c1'],
      ['a2', 'b2', 'c2'],
      ['a3', 'b3', 'c3'],
    ]);
    sheet.type('A1048576', [['last']]);
    const shift = (address: string, how: 'insert' | 'delete') =>
      excel.run(async (context) => {
        const r = context.workbook.worksheets.getItem('Sheet1').getRange(address);
        if (how === 'insert') r.insert('Down');
        else r.delete('Up');
        await context.sync();
      });
    await expect(shift('A2:B2', 'insert')).rejects.toMatchObject({ code: 'NonBlankCellOffSheet' });
    expect(sheet.values('A1:C4')).toEqual([
      ['a1', 'b1', 'c1'],
      ['a2', 'b2', 'c2'],
      ['a3', 'b3', 'c3'],
      ['', '', ''],
    ]);
    await shift('B2:C3', 'insert');
    expect(sheet.values('A1:C6')).toEqual([
      ['a1', 'b1', 'c1'],
      ['a2', '', ''],
      ['a3', '', ''],
      ['', 'b2', 'c2'],
      ['', 'b3', 'c3'],
      ['', '', ''],
    ]);
    await shift('B2:B3', 'delete');
    expect(sheet.values('A1:C6')).toEqual([
      ['a1', 'b1', 'c1'],
      ['a2', 'b2', ''],
      ['a3', 'b3', ''],
      ['', '', 'c2'],
      ['', '', 'c3'],
      ['', '', ''],
    ]);
    expect(sheet.usedAddress()).toBe('Sheet1!A:C');
    await shift('A1048576', 'delete');
    expect(sheet.usedAddress()).toBe('Sheet1!A1:C5');
  });
});

describe('the 1904 date system', () => {
  it('serials count from 1904-01-01 when the option is set', async () => {
    const sheet1900 = await write([['2022-03-24']]);
    const sheet1904 = await write([['2022-03-24']], undefined, { date1904: true });
    expect(sheet1900.cell('A1').value).toBe(44644);
    expect(sheet1904.cell('A1').value).toBe(44644 - 1462);
    expect(sheet1904.cell('A1').text).toBe('2022-03-24');
    expect(dateToSerial(2022, 3, 24, 0, 0, 0, true)).toBe(43182);
  });

  it('refuses workbook.use1904DateSystem everywhere: it is in no released requirement set', async () => {
    for (const apiVersion of ['1.7', '1.17']) {
      const excel = createSimulatedExcel({ apiVersion, date1904: true });
      await expect(
        excel.run(async (context) => {
          context.workbook.load('use1904DateSystem' as 'name');
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'ApiNotFound' });
    }
  });

  it('workbook.functions.date(1904, 1, 1) is 0 in the 1904 system and 1462 in the 1900 system, from ExcelApi 1.2', async () => {
    for (const [date1904, serial] of [
      [false, 1462],
      [true, 0],
    ] as const) {
      const excel = createSimulatedExcel({ date1904, apiVersion: '1.2' });
      await excel.run(async (context) => {
        const probe = context.workbook.functions.date(1904, 1, 1).load('value');
        await context.sync();
        expect(probe.value).toBe(serial);
      });
      expect(excel.sheet('Sheet1').usedAddress()).toBeNull(); // no cell touched
    }
  });

  it('shows the same serial as a different date text under each system', async () => {
    for (const [date1904, text] of [
      [false, '1900-01-01'],
      [true, '1904-01-02'],
    ] as const) {
      const excel = createSimulatedExcel({ date1904 });
      await excel.run(async (context) => {
        const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
        r.numberFormat = [['yyyy-mm-dd']];
        r.values = [[1]];
        r.load('text');
        await context.sync();
        expect(r.text).toEqual([[text]]);
      });
    }
  });
});

describe('formats', () => {
  it('sets fill, font, wrap, widths and reads them back', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const r = ws.getRange('A1:B2');
      r.format.fill.color = 'yellow';
      r.format.font.color = '#c00';
      r.format.font.bold = true;
      r.format.wrapText = true;
      r.format.columnWidth = 120;
      ws.getRange('B2').format.fill.clear();
      const fill = ws.getRange('A1:B2').format.fill.load('color');
      const a1 = ws.getRange('A1').format.load('columnWidth,wrapText');
      const a1fill = ws.getRange('A1').format.fill.load('color');
      await context.sync();
      expect(fill.color).toBeNull(); // mixed
      expect(a1fill.color).toBe('#FFFF00');
      expect(a1.columnWidth).toBe(120);
      expect(a1.wrapText).toBe(true);
    });
    expect(excel.sheet('Sheet1').cell('A1')).toMatchObject({ fill: '#FFFF00', fontColor: '#CC0000', bold: true, wrapText: true });
    expect(excel.sheet('Sheet1').cell('B2').fill).toBeNull();
    expect(excel.sheet('Sheet1').columnWidth('B')).toBe(120);
  });

  it('autofits columns to their longest text', async () => {
    const excel = createSimulatedExcel();
    excel.sheet('Sheet1').type('A1', [['短'], ['一段比较长的中文内容']]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A:B').format.autofitColumns();
      await context.sync();
    });
    expect(excel.sheet('Sheet1').columnWidth('A')).toBeGreaterThan(100);
    expect(excel.sheet('Sheet1').columnWidth('B')).toBe(48);
  });

  it('clears contents, formats or both', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const r = ws.getRange('A1:C1');
      r.values = [['a', 'b', 'c']];
      r.format.fill.color = '#FF0000';
      ws.getRange('A1').clear('Contents');
      ws.getRange('B1').clear('Formats');
      ws.getRange('C1').clear();
      await context.sync();
    });
    const s = excel.sheet('Sheet1');
    expect([s.cell('A1').value, s.cell('A1').fill]).toEqual(['', '#FF0000']);
    expect([s.cell('B1').value, s.cell('B1').fill]).toEqual(['b', null]);
    expect([s.cell('C1').value, s.cell('C1').fill]).toEqual(['', null]);
  });
});

describe('data validation lists', () => {
  it('accepts a comma-separated source up to 255 characters and rejects a longer one', async () => {
    const excel = createSimulatedExcel();
    const ok = Array.from({ length: 52 }, (_v, i) => `v${String(i).padStart(3, '0')}`)
      .join(',')
      .slice(0, 255);
    expect(ok).toHaveLength(255);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3').dataValidation.rule = { list: { inCellDropDown: true, source: ok } };
      await context.sync();
    });
    expect(excel.sheet('Sheet1').cell('A3').dataValidation).toEqual({ type: 'List', source: ok, inCellDropDown: true });

    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('B1').dataValidation.rule = { list: { inCellDropDown: true, source: `${ok},x` } };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument', message: expect.stringMatching(/255/) });
    expect(excel.sheet('Sheet1').cell('B1').dataValidation).toBeNull();
  });

  it('accepts a long list as a range reference, as a string or a Range', async () => {
    const excel = createSimulatedExcel({ sheets: ['Data', 'Lists'] });
    excel.sheet('Lists').type(
      'A1',
      Array.from({ length: 12 }, (_v, i) => [`很长的选项名称第${i + 1}项`.repeat(4)]),
    );
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const data = sheets.getItem('Data');
      data.getRange('A2:A10').dataValidation.rule = { list: { inCellDropDown: true, source: '=Lists!$A$1:$A$12' } };
      data.getRange('B2:B10').dataValidation.rule = { list: { inCellDropDown: false, source: sheets.getItem('Lists').getRange('A1:A12') } };
      const dv = data.getRange('A2:A10').dataValidation.load('type,rule,valid');
      await context.sync();
      expect(dv.type).toBe('List');
      expect(dv.rule).toEqual({ list: { inCellDropDown: true, source: '=Lists!$A$1:$A$12' } });
      expect(dv.valid).toBe(true);
    });
    expect(excel.sheet('Data').cell('B5').dataValidation).toEqual({ type: 'List', source: '=Lists!$A$1:$A$12', inCellDropDown: false });
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('C1').dataValidation.rule = { list: { inCellDropDown: true, source: '=Nope!$A$1:$A$3' } };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('does not stop values written through the API; valid tells, clear removes the rule', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A2');
      r.dataValidation.rule = { list: { inCellDropDown: true, source: '是,否' } };
      r.values = [['是'], ['也许']];
      const dv = r.dataValidation.load('valid');
      await context.sync();
      expect(dv.valid).toBe(false);
      r.dataValidation.clear();
      const after = r.dataValidation.load('type');
      await context.sync();
      expect(after.type).toBe('None');
    });
    expect(excel.sheet('Sheet1').cell('A2')).toMatchObject({ value: '也许', dataValidation: null });
  });
});

describe('merged cells', () => {
  async function merged(apiVersion?: string) {
    const excel = createSimulatedExcel(apiVersion ? { apiVersion } : {});
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B4').values = [
        ['乡镇', '企业'],
        ['东阳镇', '甲'],
        ['北田镇', '乙'],
        ['', '丙'],
      ];
      ws.getRange('A2:A4').merge();
      ws.getRange('A6:C6').merge(true);
      await context.sync();
    });
    return excel;
  }

  it('keeps the upper-left value of a merged area and empties the rest, as Excel does', async () => {
    const excel = await merged();
    expect(excel.sheet('Sheet1').values('A2:B4')).toEqual([
      ['东阳镇', '甲'],
      ['', '乙'],
      ['', '丙'],
    ]);
  });

  it('lists the merged areas a range touches (ExcelApi 1.13), a null object when there are none', async () => {
    const excel = await merged();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const areas = ws.getRange('A1:C9').getMergedAreasOrNullObject();
      areas.load('address,areaCount');
      const none = ws.getRange('D1:E9').getMergedAreasOrNullObject();
      none.load('address');
      await context.sync();
      expect(areas.isNullObject).toBe(false);
      expect(areas.address).toBe('Sheet1!A2:A4,Sheet1!A6:C6');
      expect(areas.areaCount).toBe(2);
      expect(none.isNullObject).toBe(true);
    });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:C9').unmerge();
      const areas = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C9').getMergedAreasOrNullObject();
      areas.load('address');
      await context.sync();
      expect(areas.isNullObject).toBe(true);
    });
  });

  it('refuses getMergedAreasOrNullObject below ExcelApi 1.13', async () => {
    const excel = await merged('1.12');
    await expect(
      excel.run(async (context) => {
        const areas = context.workbook.worksheets.getItem('Sheet1').getRange('A1:C9').getMergedAreasOrNullObject();
        areas.load('address');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
