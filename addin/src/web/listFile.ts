// The consolidated list the web page offers as a download: the shared pull (every page,
// overdue only when asked) written by the shared list workbook, laid out as the add-in's
// 汇总 sheet and as `taizhang pull` writes it.

import { pullList, type ApiClient, type PullFilter } from '@taizhang/client';
import { LEDGERS, type LedgerName } from '@taizhang/ledger';
import { loadXlsx, type Xlsx } from './ledgerFile';

export interface ListChoice {
  readonly ledger: LedgerName;
  readonly filter: PullFilter;
  /** Only problems past their deadline as of this day (YYYY-MM-DD). */
  readonly overdueAsOf?: string;
}

export interface ListDownload {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly rows: number;
}

/** Filters with a value (a choice of "all" sends none). */
export function filterOf(choices: Readonly<Record<string, string | undefined>>): PullFilter {
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(choices)) if (v !== undefined && v.trim() !== '') f[k] = v.trim();
  return f as PullFilter;
}

export async function listFile(api: ApiClient, c: ListChoice, today: string, xlsx?: Xlsx): Promise<ListDownload> {
  const [lib, list] = await Promise.all([
    xlsx ?? loadXlsx(),
    pullList(api, { ledger: c.ledger, filter: c.filter, ...(c.overdueAsOf && { overdueAsOf: c.overdueAsOf }) }),
  ]);
  const ledger = LEDGERS[c.ledger];
  const bytes = await lib.workbookBytes(lib.listWorkbook(ledger, list.rows));
  return { name: `${ledger.title}汇总（${today}）.xlsx`, bytes, rows: list.rows.length };
}
