// 校验: every row parsed with the shared rules; invalid cells marked, errors grouped by row.

import type { ApiClient, RowWarnings } from '@taizhang/client';
import type { LedgerName } from '@taizhang/ledger';
import type { ExcelHost } from '../excel/host';
import { selectCell } from '../excel/marks';
import { withSession, type SessionStats } from '../excel/session';
import { inspectSheet, type RowErrors } from './inspect';
import { applyMarks } from './marking';
import type { FlowOptions } from './options';
import { judgeRights, markHeader } from './rights';

export interface CheckResult {
  readonly sheet: string;
  readonly ledger: LedgerName;
  readonly rows: number;
  readonly valid: number;
  readonly invalid: number;
  /** Valid rows that are new or changed since the last push. */
  readonly toPush: number;
  readonly errors: RowErrors[];
  /** Valid rows the registries disagree with: worth a look, never stopping a push. */
  readonly warnings: readonly RowWarnings[];
  /** Empty cells filled from the registries; undefined when there was none (offline). */
  readonly filled?: number;
  readonly marked: number;
  readonly cleared: number;
  /** Error comments that could not be written because the clerk has one on the cell. */
  readonly commentsNotWritten: number;
  readonly newKeys: number;
  readonly copies: number;
  readonly stats: SessionStats;
}

/**
 * With `api` (signed in), changed rows are also judged by the account's rights against the
 * server's rows; without it only the ledger's rules are checked.
 */
export async function check(host: ExcelHost, o: FlowOptions & { sheet: string; ledger?: LedgerName; api?: ApiClient }): Promise<CheckResult> {
  const { result, stats } = await withSession(
    host,
    async (s) => {
      const insp = await judgeRights(s, await inspectSheet(s, o.sheet, { ...o, keyEveryRow: false }), o.api, o.profile, o.signal);
      markHeader(s, o.sheet, insp.ctx.layout, o.profile);
      const meta = insp.ctx.state.meta.get(o.sheet) ?? { ledger: insp.ctx.layout.ledger.name, kind: 'entry' as const };
      const marks = await applyMarks(s, insp, meta);
      return {
        sheet: o.sheet,
        ledger: insp.ctx.layout.ledger.name,
        rows: insp.plan.rows,
        valid: insp.plan.valid,
        invalid: insp.plan.invalid.length,
        toPush: insp.plan.outgoing.length,
        errors: [...insp.plan.invalid],
        warnings: insp.plan.warnings,
        ...(insp.plan.filled !== undefined && { filled: insp.plan.filled }),
        marked: marks.marked,
        cleared: marks.cleared,
        commentsNotWritten: marks.commentsNotWritten,
        newKeys: insp.plan.newKeys,
        copies: insp.plan.copies,
      };
    },
    o.batchBytes,
  );
  return { ...result, stats };
}

/** Clicking an error in the pane: select its cell. */
export async function selectError(host: ExcelHost, sheet: string, address: string): Promise<void> {
  const m = /^([A-Z]+)(\d+)$/.exec(address);
  if (!m) return;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  await withSession(host, async (s) => {
    selectCell(s, sheet, Number(m[2]) - 1, col - 1);
    await s.sync();
  });
}
