// Settling the conflicts the last push showed in the pane, as the shared sync core settles
// them (keep mine: sent again on the server's version; take theirs: the server's values
// written in; later: left 冲突 for the next push). The sheet is read afresh, so a row the
// clerk moved is found by its key, and one whose 冲突 no longer names the version shown is
// left open.

import { pushReport, settleConflicts, type ApiClient, type Choice as CoreChoice, type Conflict, type Settlement } from '@taizhang/client';
import type { LedgerName } from '@taizhang/ledger';
import { writePatch } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { withSession, type SessionStats } from '../excel/session';
import { inspectSheet, patchWrites } from './inspect';
import type { FlowOptions } from './options';
import { pushSummary, type PushSummary } from './push';

export type Choice = CoreChoice | 'later';

export interface Decision {
  readonly conflict: Conflict;
  readonly choice: Choice;
}

export interface ResolveResult {
  readonly kept: number;
  readonly taken: number;
  readonly later: number;
  /** Rows chosen that the sheet no longer shows in that conflict (deleted, or changed meanwhile). */
  readonly missing: string[];
  /** What was settled, and what was left open because the sheet no longer shows it as it was shown. */
  readonly settlement: Settlement;
  /** The push that sent the kept rows, when any were kept. */
  readonly push?: Omit<PushSummary, 'stats' | 'commentsNotWritten'>;
  readonly stats: SessionStats;
}

export async function resolveConflicts(
  host: ExcelHost,
  api: ApiClient,
  o: FlowOptions & { sheet: string; ledger?: LedgerName; decisions: readonly Decision[] },
): Promise<ResolveResult> {
  const choice = new Map(o.decisions.map((d) => [d.conflict.key, d.choice]));
  const acted = o.decisions.filter((d) => d.choice !== 'later');
  const { result, stats } = await withSession(
    host,
    async (s) => {
      if (acted.length === 0) return { kept: 0, taken: 0, missing: [] as string[], settlement: { keptMine: [], tookTheirs: [], unseen: [], withdrawn: [] } };
      const insp = await inspectSheet(s, o.sheet, o);
      const { tally, settlement } = await settleConflicts(
        insp.plan,
        acted.map((d) => d.conflict),
        (c) => {
          const x = choice.get(c.key);
          return x === 'later' ? undefined : x;
        },
        api,
        undefined,
        o.signal ? { signal: o.signal } : {},
      );
      patchWrites(insp.ctx.patch, tally.writes);
      await writePatch(s, o.sheet, insp.ctx.patch);
      if (s.queuedBytes > 0) await s.sync();
      const sentAgain = tally.sent > 0 || tally.error !== undefined;
      return {
        kept: settlement.keptMine.length,
        taken: settlement.tookTheirs.length,
        missing: acted.filter((d) => !insp.plan.conflicted.has(d.conflict.key)).map((d) => d.conflict.key),
        settlement,
        ...(sentAgain && { push: pushSummary(o.sheet, insp, tally, { ...pushReport(insp.plan, tally, settlement), toSend: tally.sent }) }),
      };
    },
    o.batchBytes,
  );
  return { ...result, later: o.decisions.length - result.kept - result.taken, stats };
}
