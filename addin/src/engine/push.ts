// 上报: check, then send only new and changed valid rows in chunks, writing each answer back
// as it arrives (ids, versions, sync state, canonical values). Row keys are in the sheet
// before anything is sent, so a push that breaks off can simply be run again: the server
// answers a key it already stored with the same id, and nothing is duplicated.

import { outcomeOf, SYNC_STATES, wireRow, type Conflict, type LedgerName } from '@taizhang/ledger';
import type { ApiClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { PushResult, WireError } from '../api/types';
import { writePatch } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { withSession, type SessionStats } from '../excel/session';
import { inspectSheet, type RowErrors } from './inspect';
import { applyMarks } from './marking';
import { FlowError, text } from './messages';
import type { FlowOptions } from './options';
import { writeSynced, writeSyncState } from './writeBack';

export interface PushSummary {
  readonly sheet: string;
  readonly ledger: LedgerName;
  readonly rows: number;
  /** Rows with errors found before sending (not sent). */
  readonly invalid: RowErrors[];
  readonly unchangedNotSent: number;
  readonly toSend: number;
  readonly sent: number;
  readonly counts: Partial<Record<PushResult['status'], number>>;
  readonly conflicts: Conflict[];
  /** Rows the server judged invalid (rules evaluated on another "today", say). */
  readonly serverInvalid: { row: number; key: string; errors: WireError[] }[];
  readonly forbidden: { row: number; key: string; message: string }[];
  /** The push stopped early: cancelled, or a call failed after its retries. */
  readonly cancelled: boolean;
  readonly error?: ApiError;
  readonly stats: SessionStats;
}

export async function push(host: ExcelHost, api: ApiClient, o: FlowOptions & { sheet: string; ledger?: LedgerName }): Promise<PushSummary> {
  const { result, stats } = await withSession(host, async (s) => {
    const insp = await inspectSheet(s, o.sheet, o);
    const { ctx } = insp;
    const { layout, date1904 } = ctx;
    const meta = ctx.state.meta.get(o.sheet) ?? { ledger: layout.ledger.name, kind: 'entry' as const };
    if (meta.kind === 'summary') throw new FlowError('not_pushable', text.notAClerkSheet(o.sheet).zh, text.notAClerkSheet(o.sheet).en);
    await applyMarks(s, insp, meta);

    const byKey = new Map(insp.outgoing.map((x) => [x.key, x]));
    const counts: PushSummary['counts'] = {};
    const conflicts: Conflict[] = [];
    const serverInvalid: PushSummary['serverInvalid'] = [];
    const forbidden: PushSummary['forbidden'] = [];
    const patch = ctx.patch;
    let sent = 0;
    let cancelled = false;
    let error: ApiError | undefined;

    const writeBack = (r: PushResult): void => {
      const out = byKey.get(r.key);
      if (!out) return;
      const o = outcomeOf(layout.ledger, out.values, r);
      if (o.state === 'synced') writeSynced(patch, layout, out.row, out.raw, o.synced, date1904);
      else writeSyncState(patch, layout, out.row, SYNC_STATES[o.state].zh);
      if (o.status === 'conflict') {
        conflicts.push({ key: r.key, id: o.id, row: out.row + 1, mine: out.values, current: o.current, diff: o.diff });
      } else if (o.status === 'invalid') serverInvalid.push({ row: out.row + 1, key: r.key, errors: o.errors });
      else if (o.status === 'forbidden') forbidden.push({ row: out.row + 1, key: r.key, message: o.message });
      counts[o.status] = (counts[o.status] ?? 0) + 1;
    };

    const total = insp.outgoing.length;
    o.onProgress?.(0, total, 'push');
    try {
      await api.pushRows(layout.ledger.name, insp.outgoing.map(wireRow), {
        signal: o.signal,
        onChunk: async ({ results }) => {
          for (const r of results) writeBack(r);
          sent += results.length;
          o.onProgress?.(sent, total, 'push');
          // Queued only: the answers travel with the next sync that fills a batch, or the last one.
          await writePatch(s, o.sheet, patch);
        },
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 'CANCELLED') cancelled = true;
      else error = err;
    } finally {
      await writePatch(s, o.sheet, patch);
      if (s.queuedBytes > 0) await s.sync();
    }

    return {
      sheet: o.sheet,
      ledger: layout.ledger.name,
      rows: insp.rows,
      invalid: insp.errors,
      unchangedNotSent: insp.unchanged,
      toSend: total,
      sent,
      counts,
      conflicts,
      serverInvalid,
      forbidden,
      cancelled: cancelled || error !== undefined,
      ...(error && { error }),
    };
  }, o.batchBytes);
  return { ...result, stats };
}
