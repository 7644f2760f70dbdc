// The consolidated list as a new workbook (`taizhang pull`, the web page's download), laid
// out as the add-in's 汇总 sheet (the shared client's list layout): the ledger's header, then the system columns (id,
// version, sync state, row key, fingerprint), one row per stored row sorted by id. Dates are
// real dates (serials shown yyyy-mm-dd), counts numbers, everything else text through
// putCell: server text never becomes a formula. The file can be edited and pushed back.

import ExcelJS from 'exceljs';
import { LIST_SYSTEM_COLUMNS, SYSTEM_COLUMNS, type LedgerDef, type LivePulledRow } from '@taizhang/ledger';
import { listFormats, listRowCells } from '../sync/list';
import { pullSheetName } from '../sheet/cells';
import { putCell } from './cells';

const HEADER_FILL = 'FFDDEBF7';
const SYSTEM_FILL = 'FFD9D9D9';
const SYSTEM_FONT = 'FF595959';

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

export function listWorkbook(ledger: LedgerDef, rows: readonly LivePulledRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  const ws = wb.addWorksheet(pullSheetName(ledger), { views: [{ state: 'frozen', ySplit: 1 }] });
  const n = ledger.fields.length;
  ledger.fields.forEach((f, i) => {
    const c = ws.getCell(1, i + 1);
    putCell(c, f.header, '@');
    c.font = { bold: true };
    c.fill = fill(HEADER_FILL);
    ws.getColumn(i + 1).width = Math.max(f.width, f.header.length * 2 + 2);
  });
  const system = [...SYSTEM_COLUMNS, ...LIST_SYSTEM_COLUMNS];
  system.forEach((s, i) => {
    const c = ws.getCell(1, n + i + 1);
    putCell(c, s.header, '@');
    c.font = { color: { argb: SYSTEM_FONT } };
    c.fill = fill(SYSTEM_FILL);
    ws.getColumn(n + i + 1).width = s.width;
  });
  const formats = listFormats(ledger);
  rows.forEach((r, i) => {
    listRowCells(ledger, r, false).forEach((v, j) => putCell(ws.getCell(i + 2, j + 1), v, formats[j]!));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: n + system.length } };
  return wb;
}
