// `taizhang pull` on the wire: every page of pullRows (the add-in's client follows the
// cursor's page tokens), in the server's order (by id); --overdue keeps the problems past
// their deadline as of "today", as the notice and the add-in's summary count them.

import { isLivePulledRow, isOverdue, type LedgerName, type LivePulledRow, type PullFilter } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';

export const PULL_PAGE_SIZE = 5000;

export interface PullOptions {
  readonly ledger: LedgerName;
  readonly filter: PullFilter;
  /** Keep only overdue problems as of this day (YYYY-MM-DD). */
  readonly overdueAsOf?: string;
}

export interface PulledList {
  readonly rows: LivePulledRow[];
  /** All rows the server sent (before --overdue). */
  readonly fetched: number;
  readonly cursor: string;
}

export async function pullList(api: ApiClient, o: PullOptions): Promise<PulledList> {
  const { rows, cursor } = await api.pullAll({
    ledger: o.ledger, ...(Object.keys(o.filter).length > 0 && { filter: o.filter }), pageSize: PULL_PAGE_SIZE,
  });
  const live = rows.filter(isLivePulledRow);
  const kept = o.overdueAsOf === undefined ? live : live.filter((r) => isOverdue(r.values, o.overdueAsOf!));
  return { rows: kept, fetched: rows.length, cursor };
}
