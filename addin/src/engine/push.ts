// 上报: check, then send only new and changed valid rows in chunks, writing each answer back
// as it arrives. What is sent and what each answer writes where is the shared sync core's;
// here the writes go into the sheet. Row keys are in the sheet before anything is sent, so
// a push that breaks off can simply be run again: the server answers a key it already
// stored with the same id, and nothing is duplicated.

import { ApiError, pushReport, sendRows, type ApiClient, type PushReport, type PushTally } from '@taizhang/client';
import type { LedgerName } from '@taizhang/ledger';
import { writePatch } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { withSession, type SessionStats } from '../excel/session';
import { inspectSheet, patchWrites, type Inspection } from './inspect';
import { applyMarks } from './marking';
import { FlowError, text } from './messages';
import type { FlowOptions } from './options';
import { judgeRights, markHeader } from './rights';

export interface PushSummary extends PushReport {
  readonly sheet: string;
  readonly ledger: LedgerName;
  /** Valid rows already synced and not edited since (the report's `unchanged`). */
  readonly unchangedNotSent: number;
  /** The push stopped early: cancelled, or a call failed after its retries. */
  readonly cancelled: boolean;
  /** Error comments that could not be written because the clerk has one on the cell. */
  readonly commentsNotWritten: number;
  readonly error?: ApiError;
  readonly stats: SessionStats;
}

/** The pane's summary of a push: the core's report, and how the push ended. */
export function pushSummary(
  sheet: string,
  insp: Pick<Inspection, 'plan'>,
  tally: PushTally,
  report: PushReport = pushReport(insp.plan, tally),
): Omit<PushSummary, 'stats' | 'commentsNotWritten'> {
  const cancelled = tally.error?.status === 'CANCELLED';
  const error = cancelled ? undefined : tally.error;
  return {
    ...report,
    sheet,
    ledger: insp.plan.cols.ledger.name,
    unchangedNotSent: report.unchanged,
    cancelled: tally.error !== undefined,
    ...(error && { error }),
  };
}

export async function push(host: ExcelHost, api: ApiClient, o: FlowOptions & { sheet: string; ledger?: LedgerName }): Promise<PushSummary> {
  const { result, stats } = await withSession(
    host,
    async (s) => {
      const insp = await judgeRights(s, await inspectSheet(s, o.sheet, o), api, o.profile, o.signal);
      const { ctx, plan } = insp;
      const meta = ctx.state.meta.get(o.sheet) ?? { ledger: plan.cols.ledger.name, kind: 'entry' as const };
      if (meta.kind === 'summary') throw new FlowError('not_pushable', text.notAClerkSheet(o.sheet).zh, text.notAClerkSheet(o.sheet).en);
      markHeader(s, o.sheet, ctx.layout, o.profile);
      const marks = await applyMarks(s, insp, meta);

      const total = plan.outgoing.length;
      o.onProgress?.(0, total, 'push');
      let tally: PushTally;
      try {
        tally = await sendRows(plan.cols, plan.outgoing, api, {
          ...(o.signal && { signal: o.signal }),
          onAnswers: async (writes, sent) => {
            patchWrites(ctx.patch, writes);
            o.onProgress?.(sent, total, 'push');
            // Queued only: the answers travel with the next sync that fills a batch, or the last one.
            await writePatch(s, o.sheet, ctx.patch);
          },
        });
      } finally {
        await writePatch(s, o.sheet, ctx.patch);
        if (s.queuedBytes > 0) await s.sync();
      }
      return { ...pushSummary(o.sheet, insp, tally), commentsNotWritten: marks.commentsNotWritten };
    },
    o.batchBytes,
  );
  return { ...result, stats };
}
