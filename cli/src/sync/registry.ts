// The registries for `taizhang check` and `push` when signed in: the active entries of the
// account's county, or of the counties the sheet names (a city-wide account), read through the
// client core. An account that may not read them (a department) checks without them.

import { ApiError, loadRegistry, type ApiClient, type Profile } from '@taizhang/client';
import { countyLabelOf, type LedgerName, type TargetIndex } from '@taizhang/ledger';
import { prepareSheet, type WorkbookRows } from '../check/checkWorkbook';

/** The counties whose registries a sheet needs: the account's own, else every county its rows name. */
export function countiesFor(book: WorkbookRows, o: { ledger?: LedgerName; sheet?: string }, profile: Pick<Profile, 'county'>): string[] {
  if (profile.county !== undefined) return [profile.county];
  const { sheet, match } = prepareSheet(book, o);
  const col = match.fields.find((f) => f.def.key === 'county')?.index;
  if (col === undefined) return [];
  const out = new Set<string>();
  for (const cells of sheet.rows.slice(match.headerRow + 1)) {
    const c = countyLabelOf(cells[col]);
    if (c !== undefined && c !== '市直') out.add(c);
  }
  return [...out];
}

export async function registryFor(api: Pick<ApiClient, 'listTargets'>, counties: readonly string[]): Promise<TargetIndex | undefined> {
  try {
    return await loadRegistry(api, counties);
  } catch (e) {
    if (e instanceof ApiError && e.status === 'PERMISSION_DENIED') return undefined;
    throw e;
  }
}
