// The consolidated list for a new workbook (`taizhang pull`, the web page): every page of
// pullRows, in the stored order (by id), withdrawn rows left out; "overdue only" keeps the
// problems past their deadline as of "today", as the notice and the add-in's summary count them.

import { isLivePulledRow, isOverdue, type LedgerName, type LivePulledRow, type PullFilter } from '@taizhang/ledger';
import type { ApiClient } from '../api/client';

export const PULL_PAGE_SIZE = 5000;

export interface PullOptions {
  readonly ledger: LedgerName;
  readonly filter: PullFilter;
  /** Keep only overdue problems as of this day (YYYY-MM-DD). */
  readonly overdueAsOf?: string;
}

export interface PulledList {
  readonly rows: LivePulledRow[];
  /** All rows the pull answered (before the overdue filter). */
  readonly fetched: number;
  readonly cursor: string;
}

export async function pullList(api: ApiClient, o: PullOptions): Promise<PulledList> {
  const { rows, cursor } = await api.pullAll({
    ledger: o.ledger,
    ...(Object.keys(o.filter).length > 0 && { filter: o.filter }),
    pageSize: PULL_PAGE_SIZE,
  });
  const live = rows.filter(isLivePulledRow);
  const kept = o.overdueAsOf === undefined ? live : live.filter((r) => isOverdue(r.values, o.overdueAsOf!));
  return { rows: kept, fetched: rows.length, cursor };
}
