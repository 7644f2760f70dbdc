// Resolving conflicts the push reported. Keep mine: the row takes the server's version as its
// base and is pushed again (so it overwrites knowingly). Take theirs: the server's values and
// version replace the row's (marked 已撤回 when the server withdrew it). Later: the row stays
// 冲突 and the next push asks again. A withdrawn row cannot be kept (the server answers every
// update of it with a conflict): keep mine is left for later there.

import { SYNC_STATES, type Conflict, type LedgerName } from '@taizhang/ledger';
import type { ApiClient } from '../api/client';
import type { ExcelHost } from '../excel/host';
import { withSession, type SessionStats } from '../excel/session';
import type { FlowOptions } from './options';
import { push, type PushSummary } from './push';
import { scanSheet } from './scan';
import { writeSynced, writeSyncState } from './writeBack';

export type Choice = 'keepMine' | 'takeTheirs' | 'later';

export interface Decision {
  readonly conflict: Conflict;
  readonly choice: Choice;
}

export interface ResolveResult {
  readonly kept: number;
  readonly taken: number;
  readonly later: number;
  /** Rows no longer on the sheet (deleted meanwhile). */
  readonly missing: string[];
  /** The push that sent the kept rows, when any were kept. */
  readonly push?: PushSummary;
  readonly stats: SessionStats;
}

export async function resolveConflicts(
  host: ExcelHost, api: ApiClient, o: FlowOptions & { sheet: string; ledger?: LedgerName; decisions: readonly Decision[] },
): Promise<ResolveResult> {
  const acted = (d: Decision) => d.choice === 'takeTheirs' || (d.choice === 'keepMine' && !d.conflict.current.withdrawn);
  const wanted = new Map(o.decisions.filter(acted).map((d) => [d.conflict.key, d]));
  let kept = 0;
  let taken = 0;
  const found = new Set<string>();
  const { stats } = await withSession(host, async (s) => {
    if (wanted.size === 0) return;
    await scanSheet(s, o.sheet, o, (rows, ctx) => {
      const { layout, patch, date1904 } = ctx;
      for (const r of rows) {
        const d = wanted.get(r.key);
        if (!d) continue;
        found.add(r.key);
        const cur = d.conflict.current;
        if (d.choice === 'takeTheirs') {
          writeSynced(patch, layout, r.row, r.raw, { id: d.conflict.id, version: cur.version, values: cur.values }, date1904);
          if (cur.withdrawn) writeSyncState(patch, layout, r.row, SYNC_STATES.withdrawn.zh);
          taken++;
        } else {
          // The fingerprint stays that of the last sync, so the row still counts as changed.
          patch.set(r.row, layout.sysCol._version, cur.version, '0');
          patch.set(r.row, layout.sysCol._sync, '', '@');
          kept++;
        }
      }
    });
    if (s.queuedBytes > 0) await s.sync();
  }, o.batchBytes);
  const later = o.decisions.filter((d) => !acted(d)).length;
  const missing = [...wanted.keys()].filter((k) => !found.has(k));
  const pushed = kept > 0 ? await push(host, api, o) : undefined;
  return { kept, taken, later, missing, ...(pushed && { push: pushed }), stats };
}
