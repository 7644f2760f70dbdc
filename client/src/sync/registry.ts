// The registries of enterprises and villages as a client holds them for filling and checking:
// the active entries of the counties a sheet concerns, read page by page (listTargets) into the
// ledger core's index. A client without them (offline, or an account that may not read them)
// checks without filling.

import { recordOfMatch, targetIndex, TARGET_TYPES, type EnterpriseRecord, type TargetIndex, type TargetMatch, type VillageRecord } from '@taizhang/ledger';
import type { ApiClient } from '../api/client';

export async function loadRegistry(api: Pick<ApiClient, 'listTargets'>, counties: readonly string[], signal?: AbortSignal): Promise<TargetIndex> {
  return (await loadRegistryEntries(api, counties, signal)).index;
}

/** The counties' active entries as listed (enterprises, then villages), and their index. */
export async function loadRegistryEntries(
  api: Pick<ApiClient, 'listTargets'>,
  counties: readonly string[],
  signal?: AbortSignal,
): Promise<{ entries: TargetMatch[]; index: TargetIndex }> {
  const entries: TargetMatch[] = [];
  const enterprises: EnterpriseRecord[] = [];
  const villages: VillageRecord[] = [];
  for (const county of new Set(counties)) {
    for (const targetType of TARGET_TYPES) {
      let pageToken: string | undefined;
      do {
        const page = await api.listTargets({ targetType, county, ...(pageToken && { pageToken }) }, signal);
        for (const m of page.entries) {
          entries.push(m);
          const r = recordOfMatch(m);
          if ('creditCode' in r) enterprises.push(r);
          else villages.push(r);
        }
        pageToken = page.nextPageToken;
      } while (pageToken);
    }
  }
  return { entries, index: targetIndex(enterprises, villages) };
}
