// Opening a to-do item: the problem's row on the account's list sheet is selected; when the
// sheet does not have it yet, the list is pulled first (only what changed, when it can be).

import type { ApiClient } from '@taizhang/client';
import { cellText } from '@taizhang/client';
import { LEDGERS, type LedgerName } from '@taizhang/ledger';
import { loadSheetNames, loadUsedArea, loadValues } from '../excel/cells';
import { selectRow } from '../excel/layout';
import type { ExcelHost } from '../excel/host';
import { withSession } from '../excel/session';
import type { FlowOptions } from './options';
import { pull } from './pull';
import { listSheetName } from './rights';
import { loadState } from './state';

export interface OpenedRow {
  readonly sheet: string;
  /** Worksheet row (1-based); undefined when the list does not hold the problem even after a pull. */
  readonly row?: number;
  /** The list was pulled to find it. */
  readonly pulled: boolean;
  /** The row's 审核意见 as the sheet shows it ('' for none). */
  readonly review: string;
}

interface Found {
  readonly row?: number;
  readonly review: string;
  readonly filter?: Readonly<Record<string, string>>;
}

/** Finds the id on the list sheet and selects its row. */
async function findAndSelect(host: ExcelHost, sheet: string, ledger: LedgerName, id: string): Promise<Found> {
  const def = LEDGERS[ledger];
  const idCol = def.fields.length;
  const reviewCol = def.fields.findIndex((f) => f.key === 'review');
  const { result } = await withSession(host, async (s) => {
    const namesP = loadSheetNames(s);
    await s.sync();
    if (!namesP.value.includes(sheet)) return {};
    const stateP = loadState(s, namesP.value);
    const usedP = loadUsedArea(s, sheet);
    await s.sync();
    const filter = stateP.value.meta.get(sheet)?.filter;
    const used = usedP.value;
    if (!used) return { review: '', ...(filter && { filter }) };
    const idsP = loadValues(s, sheet, 0, idCol, used.row + used.rows, 1);
    await s.sync();
    const at = idsP.value.findIndex((v) => v[0] === id);
    if (at < 1) return { review: '', ...(filter && { filter }) };
    const rowP = loadValues(s, sheet, at, 0, 1, idCol);
    selectRow(s, sheet, at, 0, idCol);
    await s.sync();
    return { row: at + 1, review: reviewCol < 0 ? '' : cellText(rowP.value[0]?.[reviewCol]), ...(filter && { filter }) };
  });
  return { review: '', ...result };
}

export async function openRow(
  host: ExcelHost,
  api: ApiClient,
  o: FlowOptions & { ledger: LedgerName; id: string; departments?: readonly string[] },
): Promise<OpenedRow> {
  const sheet = listSheetName(o.ledger, o.profile);
  const first = await findAndSelect(host, sheet, o.ledger, o.id);
  if (first.row !== undefined) return { sheet, row: first.row, pulled: false, review: first.review };
  await pull(host, api, { ...o, sheet, ...(first.filter && { filter: first.filter }) });
  const again = await findAndSelect(host, sheet, o.ledger, o.id);
  return { sheet, ...(again.row !== undefined && { row: again.row }), pulled: true, review: again.review };
}
