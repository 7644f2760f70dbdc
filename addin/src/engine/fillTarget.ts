// A registry entry picked in the pane's search, written into the row the clerk has selected:
// 服务对象, 统一社会信用代码 (an enterprise), 乡镇（街道）, 县（区、市）, and 服务类型 when empty.
// The clerk chose it, so these cells take the entry's values; 校验 then judges the row as usual.

import type { TargetMatch, TargetType } from '@taizhang/ledger';
import { loadUsedArea, loadValues, writeBlock } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { loadSelection } from '../excel/selection';
import { withSession } from '../excel/session';
import { loadDate1904 } from '../excel/cells';
import { numberFormatOf } from './columns';
import { findLayout } from './layout';
import { FlowError, text } from './messages';

export interface FilledRow {
  readonly sheet: string;
  /** Worksheet row, 1-based. */
  readonly row: number;
  /** Headers of the cells written. */
  readonly headers: readonly string[];
}

export async function fillTargetIntoSelectedRow(host: ExcelHost, match: TargetMatch, targetType: TargetType): Promise<FilledRow> {
  const { result } = await withSession(host, async (s) => {
    const selP = loadSelection(s);
    await s.sync();
    const { sheet, row } = selP.value;
    const usedP = loadUsedArea(s, sheet);
    const d1904P = loadDate1904(s);
    await s.sync();
    const area = usedP.value;
    if (!area) throw new FlowError('no_header', text.noHeader(sheet).zh, text.noHeader(sheet).en);
    const headP = loadValues(s, sheet, area.row, area.col, Math.min(10, area.rows), area.cols);
    await s.sync();
    const layout = findLayout(headP.value, area, d1904P.value);
    if (!layout) throw new FlowError('no_header', text.noHeader(sheet).zh, text.noHeader(sheet).en);
    // layout.headerRow is 1-based: a data row lies below it.
    if (row + 1 <= layout.headerRow) throw new FlowError('not_a_row', text.selectARow(sheet).zh, text.selectARow(sheet).en);
    const typeCol = layout.fieldCol.get('targetType');
    const typeP = typeCol === undefined ? undefined : loadValues(s, sheet, row, typeCol, 1, 1);
    if (typeP) await s.sync();
    const values: Record<string, string> = { targetName: match.name, county: match.county };
    if (match.township) values.township = match.township;
    if (match.creditCode) values.creditCode = match.creditCode;
    const typed = typeP?.value[0]?.[0];
    if (typed === '' || typed === null || typed === undefined) values.targetType = targetType;
    const headers: string[] = [];
    for (const def of layout.ledger.fields) {
      const col = layout.fieldCol.get(def.key);
      const v = values[def.key];
      if (col === undefined || v === undefined) continue;
      writeBlock(s, sheet, row, col, [[v]], [numberFormatOf(def)]);
      headers.push(def.header);
    }
    await s.sync();
    return { sheet, row: row + 1, headers };
  });
  return result;
}
