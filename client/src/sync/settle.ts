// Settling the conflicts a push met. Keep mine: the row goes again on the server's version,
// so it overwrites knowingly. Take theirs: the server's values and version replace the row's
// (marked 已撤回 when the server withdrew it). Only a conflict the clerk has seen is settled:
// the row still shows 冲突 at the server version the conflict has now, so nothing is
// overwritten that a report has not shown; any other stays open and is reported again. A
// withdrawn row cannot be kept (the server answers every update of it with a conflict).

import { SYNC_STATES, type PushStatus } from '@taizhang/ledger';
import type { ApiClient } from '../api/client';
import type { CellWrite } from '../sheet/model';
import { sendRows, syncedWrites, type PushTally, type SendOptions } from './answers';
import type { Conflict } from './conflict';
import type { PushPlan } from './plan';

export type Choice = 'keepMine' | 'takeTheirs';

export interface Settlement {
  /** Conflicts settled with the sheet's values: sent again on the server's version, stored. */
  readonly keptMine: readonly Conflict[];
  /** Conflicts settled with the server's values and version, written into the row. */
  readonly tookTheirs: readonly Conflict[];
  /** Rows chosen whose conflict the sheet does not show at the server's version now: left open. */
  readonly unseen: readonly number[];
  /** Rows chosen to keep whose server row is withdrawn: there is nothing to keep them on. */
  readonly withdrawn: readonly number[];
}

export interface Settled {
  /** The tally the conflicts came from (if any) with the settled ones replaced by their outcome. */
  readonly tally: PushTally;
  readonly settlement: Settlement;
  /** Conflicts met before that are still open. */
  readonly open: readonly Conflict[];
}

/**
 * Settles `conflicts` as `choose` says, on a fresh `plan` of the sheet. `before` is the push
 * they came from (the command line settles within a push); without it (the pane settles what
 * the last push showed) the tally holds only what settling sent.
 */
export async function settleConflicts(
  plan: PushPlan,
  conflicts: readonly Conflict[],
  choose: (c: Conflict) => Choice | undefined,
  api: ApiClient,
  before?: PushTally,
  o: SendOptions = {},
): Promise<Settled> {
  const byKey = new Map(plan.outgoing.map((x) => [x.key, x]));
  const open: Conflict[] = [];
  const keep: Conflict[] = [];
  const taken: Conflict[] = [];
  const unseen: number[] = [];
  const withdrawn: number[] = [];
  const writes: CellWrite[] = [];
  for (const c of conflicts) {
    const choice = choose(c);
    const shown = plan.conflicted.get(c.key);
    const seen = shown !== undefined && shown.version === c.current.version;
    if (choice === undefined) open.push(c);
    else if (!seen) {
      unseen.push(shown?.row ?? c.row);
      open.push(c);
    } else if (choice === 'takeTheirs') {
      const state = c.current.withdrawn ? SYNC_STATES.withdrawn.zh : SYNC_STATES.synced.zh;
      writes.push(...syncedWrites(plan.cols, shown, { id: c.id, version: c.current.version, values: c.current.values }, state));
      taken.push({ ...c, row: shown.row });
    } else if (c.current.withdrawn) {
      withdrawn.push(shown.row);
      open.push(c);
    } else if (before?.error || !byKey.has(c.key))
      open.push(c); // a push that broke off sends nothing more; an invalid row cannot go
    else keep.push({ ...c, row: shown.row });
  }

  const again =
    keep.length === 0
      ? undefined
      : await sendRows(
          plan.cols,
          keep.map((c) => ({ ...byKey.get(c.key)!, version: c.current.version })),
          api,
          o,
        );
  const stored = (c: Conflict) => again?.answered.get(c.key) === 'updated' || again?.answered.get(c.key) === 'unchanged';
  // A second send that broke off: the kept rows it never answered are still open.
  for (const c of keep) if (again && !again.answered.has(c.key)) open.push(c);

  // Each row's last answer: a settled conflict is no conflict; a kept row's second answer counts.
  const counts: Partial<Record<PushStatus, number>> = before ? { ...before.counts, conflict: open.length } : {};
  for (const [status, n] of Object.entries(again?.counts ?? {}) as [PushStatus, number][]) counts[status] = (counts[status] ?? 0) + n;
  if (counts.conflict === 0) delete counts.conflict;
  const answered = new Map(before?.answered);
  for (const [key, status] of again?.answered ?? []) answered.set(key, status);
  const error = before?.error ?? again?.error;
  return {
    tally: {
      sent: before?.sent ?? again?.sent ?? 0,
      counts,
      answered,
      conflicts: [...(before ? open : []), ...(again?.conflicts ?? [])],
      serverInvalid: [...(before?.serverInvalid ?? []), ...(again?.serverInvalid ?? [])],
      forbidden: [...(before?.forbidden ?? []), ...(again?.forbidden ?? [])],
      notFound: [...(before?.notFound ?? []), ...(again?.notFound ?? [])],
      serverWarnings: [...(before?.serverWarnings ?? []), ...(again?.serverWarnings ?? [])],
      duplicates: [...(before?.duplicates ?? []), ...(again?.duplicates ?? [])],
      writes: [...(before?.writes ?? []), ...writes, ...(again?.writes ?? [])],
      ...(error && { error }),
    },
    settlement: { keptMine: keep.filter(stored), tookTheirs: taken, unseen, withdrawn },
    open,
  };
}
