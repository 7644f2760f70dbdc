import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dateToSerial } from '@taizhang/ledger';
import { CliError } from '../../../cli/src/context';
import { dateToStoredSerial, plainCellValue } from '@taizhang/client/xlsx';
import { readWorkbook } from '../../../cli/src/xlsx/readSheet';
import { MESSY_SHEET, day, putRow, tempDir, write1904Workbook, writeMessyWorkbook } from './fixtures';

describe('plainCellValue', () => {
  it('keeps numbers, strings and booleans', () => {
    expect(plainCellValue(45383, false)).toBe(45383);
    expect(plainCellValue('  榆次 ', false)).toBe('  榆次 ');
    expect(plainCellValue(true, false)).toBe(true);
    expect(plainCellValue(null, false)).toBeNull();
    expect(plainCellValue(undefined, false)).toBeNull();
  });

  it('turns date cells back into the serial the file holds, in either date system', () => {
    expect(plainCellValue(day('2024-03-24'), false)).toBe(dateToSerial('2024-03-24'));
    expect(plainCellValue(day('2024-03-24'), true)).toBe(dateToSerial('2024-03-24', true));
    expect(plainCellValue(day('1900-03-01'), false)).toBe(61);
    // A time of day stays a fraction.
    expect(plainCellValue(new Date('2024-03-24T12:00:00Z'), false)).toBe(dateToSerial('2024-03-24') + 0.5);
    expect(dateToStoredSerial(new Date(Number.NaN), false)).toBeNull();
  });

  it('flattens rich text, hyperlinks, formulas and errors', () => {
    expect(plainCellValue({ richText: [{ text: '村道' }, { font: { bold: true }, text: '失修' }] }, false)).toBe('村道失修');
    expect(plainCellValue({ text: '恒达公司', hyperlink: 'https://example.com' }, false)).toBe('恒达公司');
    expect(plainCellValue({ text: { richText: [{ text: '恒' }, { text: '达' }] }, hyperlink: 'x' }, false)).toBe('恒达');
    expect(plainCellValue({ formula: 'A1+1', result: 7 }, false)).toBe(7);
    expect(plainCellValue({ formula: 'DATE(2024,9,30)', result: day('2024-09-30') }, false)).toBe(dateToSerial('2024-09-30'));
    expect(plainCellValue({ sharedFormula: 'B2', result: '入企' }, false)).toBe('入企');
    expect(plainCellValue({ formula: 'A1' }, false)).toBeNull();
    expect(plainCellValue({ formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } }, false)).toBe('#N/A');
    expect(plainCellValue({ error: '#DIV/0!' }, false)).toBe('#DIV/0!');
  });
});

describe('readWorkbook', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('reads every sheet in tab order, rows as the worksheet numbers them', async () => {
    const path = join(tmp.dir, 'messy.xlsx');
    await writeMessyWorkbook(path);
    const book = await readWorkbook(path);
    expect(book.date1904).toBe(false);
    expect(book.sheets.map((s) => s.name)).toEqual(['填表说明', MESSY_SHEET]);
    const rows = book.sheets[1]!.rows;
    expect(rows[0]![0]).toBe('晋中市“三服务”活动问题清单');
    expect(rows[0]!.length).toBe(1); // the rest of the merged title is not a value
    expect(book.sheets[1]!.merges).toEqual([{ firstRow: 0, firstCol: 0, lastRow: 0, lastCol: 20 }]);
    expect(rows[2]![2]).toBe('县(区、市)');
    const r4 = rows[3]!;
    expect(r4[1]).toBe('晋中市恒达机械有限公司'); // hyperlink → text
    expect(r4[9]).toBe('2024-03-05'); // text stays text
    expect(r4[12]).toBe(dateToSerial('2024-07-31')); // date cell → serial
    expect(r4[14]).toBeNull(); // hole → null
    expect(rows[4]![8]).toBe('村道年久失修，需硬化'); // rich text
    expect(rows[4]![9]).toBe(45383); // serial stays serial
    expect(rows[5]).toEqual([]); // blank row 6 is there, empty
    expect(rows[9]![12]).toBe(dateToSerial('2024-09-30')); // formula → cached result
    expect(rows).toHaveLength(13);
  });

  it('reads the 1904 flag and gives 1904 serials back exactly', async () => {
    const path = join(tmp.dir, '1904.xlsx');
    await write1904Workbook(path);
    const book = await readWorkbook(path);
    expect(book.date1904).toBe(true);
    const rows = book.sheets[0]!.rows;
    expect(rows[1]![0]).toBe(dateToSerial('2024-03-24', true));
    expect(rows[1]![0]).toBe(43913);
    expect(rows[2]![0]).toBe(43909);
  });

  it('gives merged-away cells no value and reports the area', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    putRow(ws, 1, ['a', 'b']);
    putRow(ws, 2, ['x', 'y']);
    ws.mergeCells('A2:A4');
    const path = join(tmp.dir, 'merged.xlsx');
    await wb.xlsx.writeFile(path);
    const sheet = (await readWorkbook(path)).sheets[0]!;
    expect(sheet.rows[1]).toEqual(['x', 'y']);
    expect(sheet.rows[2]).toEqual([]);
    expect(sheet.rows[3]).toEqual([]);
    expect(sheet.merges).toEqual([{ firstRow: 1, firstCol: 0, lastRow: 3, lastCol: 0 }]);
  });

  it('refuses a missing file, a folder and a file that is not a workbook', async () => {
    await expect(readWorkbook(join(tmp.dir, 'nope.xlsx'))).rejects.toThrow(CliError);
    await expect(readWorkbook(tmp.dir)).rejects.toThrow(/不是文件/);
    const text = join(tmp.dir, 'notes.xlsx');
    writeFileSync(text, '序号,县\n1,榆次\n');
    await expect(readWorkbook(text)).rejects.toMatchObject({ exitCode: 2, en: expect.stringContaining('not a valid .xlsx') });
  });
});
