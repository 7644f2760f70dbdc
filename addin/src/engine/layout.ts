// Where a ledger's columns sit on a clerk's sheet, found from the header row (clerks reorder
// columns, put titles above, add 序号), handed to the shared sync core as its neutral sheet.
// Excel ranges are 0-based here; the core's rows are worksheet rows (1-based).

import { readRow, sheetColumns, type SheetColumns, type SheetRow } from '@taizhang/client';
import { findHeader, LEDGERS, type LedgerName } from '@taizhang/ledger';
import type { UsedArea } from '../excel/cells';

export type SheetLayout = SheetColumns;
export type { SheetRow };

/** Lay out a sheet from its first rows (`rows[0]` is the first row of `area`). Undefined when no header row is recognised. */
export function findLayout(rows: readonly (readonly unknown[])[], area: UsedArea, date1904: boolean, ledgerName?: LedgerName): SheetLayout | undefined {
  const m = findHeader(rows, ledgerName ? LEDGERS[ledgerName] : undefined);
  if (!m) return undefined;
  return sheetColumns(m, { firstRow: area.row + 1, firstCol: area.col, endCol: area.col + area.cols, date1904 });
}

/** The data rows of a block of values (`values[0]` is 0-based worksheet row `firstRow`, column 0 is `firstCol`). */
export function rowsOf(layout: SheetLayout, values: readonly (readonly unknown[])[], firstRow: number, firstCol: number): SheetRow[] {
  const out: SheetRow[] = [];
  for (let i = 0; i < values.length; i++) {
    const r = readRow(layout, firstRow + i + 1, values[i]!, firstCol);
    if (r) out.push(r);
  }
  return out;
}
