// A write into one cell of a workbook read from disk changes that cell only: exceljs hands
// cells that share a style in the file one style object, so a number format set on one of
// them must not reach the others (a text column turned into dates, say).
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { putCell } from '@taizhang/client/xlsx';
import { tempDir } from './fixtures';

it('a number format written into one cell leaves the cells that shared its style as they were', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    for (const a of ['A1', 'B1', 'C1']) {
      ws.getCell(a).numFmt = '@';
      ws.getCell(a).value = '2022-03-24';
    }
    await wb.xlsx.writeFile(path);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(path);
    const s = read.getWorksheet('S')!;
    putCell(s.getCell('A1'), 44644, 'yyyy-mm-dd');
    putCell(s.getCell('B1'), 7, '0');
    expect([s.getCell('A1').numFmt, s.getCell('B1').numFmt, s.getCell('C1').numFmt]).toEqual(['yyyy-mm-dd', '0', '@']);
  } finally {
    cleanup();
  }
});
