// Conflicts a push met, settled from the command line as the add-in's pane settles them
// (addin/src/engine/conflicts.ts). Keep mine: the row is sent again on the server's version,
// so it overwrites knowingly. Take theirs: the server's values and version replace the row's.
// A conflict not named, or not yet seen, stays 冲突, and the next push meets it again.

import { SYNC_STATES, type Conflict, type PushStatus } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/addin/api';
import { CliError } from '../context';
import type { PushPlan } from './plan';
import { sendPlan, syncedWrites, type PushOutcome } from './push';

/** Worksheet rows as Excel numbers them, or every conflict. */
export type RowSelection = 'all' | ReadonlySet<number>;

export interface ConflictChoices {
  readonly keepMine?: RowSelection;
  readonly takeTheirs?: RowSelection;
}

export interface Settlement {
  /** Conflicts settled with the workbook's values: sent again on the server's version, stored. */
  readonly keptMine: readonly Conflict[];
  /** Conflicts settled with the server's values and version, written into the row. */
  readonly tookTheirs: readonly Conflict[];
  /**
   * Rows named, in conflict, that the workbook did not show as 冲突 at the server version they
   * have now (a new conflict, or one the server changed again since): nobody has seen what
   * would be overwritten, so they stay open (reported, to be settled next time).
   */
  readonly unseen: readonly number[];
  /** Rows named for --keep-mine whose server row is withdrawn: there is nothing to keep them on. */
  readonly withdrawn: readonly number[];
  /** Rows named that were not in conflict in this push: nothing was done to them. */
  readonly notInConflict: readonly number[];
}

const ROWS = /^(\d+)(?:-(\d+))?$/;
/** More rows than any worksheet has (Excel's limit is 1,048,576). */
const MAX_ROW = 1_048_576;

/** "all", or rows and ranges: "7", "7,9", "12-15", "7, 9，12-15" (a Chinese comma too). */
export function parseRowSelection(option: string, text: string): RowSelection {
  const t = text.trim();
  if (t.toLowerCase() === 'all') return 'all';
  const rows = new Set<number>();
  for (const part of t.split(/[,，]/).map((p) => p.trim())) {
    const m = ROWS.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to < from || to > MAX_ROW) {
      throw new CliError(
        `${option} 的行号不对：“${part}”。请写工作表行号，如 7、7,9 或 12-15，或 all`,
        `${option}: "${part}" is not a row: give worksheet rows such as 7, 7,9 or 12-15, or all`,
      );
    }
    for (let r = from; r <= to; r++) rows.add(r);
  }
  return rows;
}

/** Both choices for one row cannot be; a row named beats "all". */
export function checkChoices(c: ConflictChoices): void {
  if (c.keepMine === 'all' && c.takeTheirs === 'all') {
    throw new CliError('--keep-mine 与 --take-theirs 不能都是 all', '--keep-mine and --take-theirs cannot both be all');
  }
  if (c.keepMine instanceof Set && c.takeTheirs instanceof Set) {
    const both = [...c.keepMine].filter((r) => (c.takeTheirs as ReadonlySet<number>).has(r));
    if (both.length > 0) {
      throw new CliError(
        `第 ${both.join('、')} 行同时出现在 --keep-mine 和 --take-theirs 中`,
        `row ${both.join(', ')} is in both --keep-mine and --take-theirs`,
      );
    }
  }
}

function choiceFor(c: ConflictChoices, row: number): 'keepMine' | 'takeTheirs' | undefined {
  const named = (s: RowSelection | undefined) => s instanceof Set && s.has(row);
  if (named(c.keepMine)) return 'keepMine';
  if (named(c.takeTheirs)) return 'takeTheirs';
  if (c.keepMine === 'all') return 'keepMine';
  if (c.takeTheirs === 'all') return 'takeTheirs';
  return undefined;
}

export function hasChoices(c: ConflictChoices): boolean {
  return c.keepMine !== undefined || c.takeTheirs !== undefined;
}

/**
 * The outcome of the push with its conflicts settled as chosen. Only a conflict the clerk has
 * seen is settled: the row showed 冲突 at the server version it still has (conflictState), so
 * nothing is overwritten that the report has not shown; otherwise it is reported again. Kept
 * rows go again on the version the server reported; their answers replace their conflicts in
 * the outcome (a row someone changed once more is a conflict again). Taken rows get the
 * server's values; a withdrawn one is marked 已撤回. `sent` still counts each row once.
 */
export async function settleConflicts(
  plan: PushPlan, outcome: PushOutcome, choices: ConflictChoices, api: ApiClient,
): Promise<{ outcome: PushOutcome; settlement: Settlement }> {
  const byKey = new Map(plan.outgoing.map((o) => [o.key, o]));
  const open: Conflict[] = [];
  const keep: Conflict[] = [];
  const taken: Conflict[] = [];
  const unseen: number[] = [];
  const withdrawn: number[] = [];
  for (const c of outcome.conflicts) {
    const choice = choiceFor(choices, c.row);
    const seen = plan.conflicted.get(c.row) === c.current.version;
    if (choice !== undefined && !seen) unseen.push(c.row);
    if (choice === undefined || !seen) open.push(c);
    else if (choice === 'takeTheirs') taken.push(c);
    else if (c.current.withdrawn) {
      withdrawn.push(c.row);
      open.push(c);
    } else if (outcome.error) open.push(c); // a push that broke off sends nothing more
    else keep.push(c);
  }

  const writes = [...outcome.writes];
  for (const c of taken) {
    const state = c.current.withdrawn ? SYNC_STATES.withdrawn.zh : SYNC_STATES.synced.zh;
    writes.push(...syncedWrites(plan, byKey.get(c.key)!, { id: c.id, version: c.current.version, values: c.current.values }, state));
  }
  const again = keep.length === 0 ? undefined : await sendPlan(
    { ...plan, outgoing: keep.map((c) => ({ ...byKey.get(c.key)!, version: c.current.version })), writes: [] }, api,
  );
  const stored = (c: Conflict) => again?.answered.get(c.row) === 'updated' || again?.answered.get(c.row) === 'unchanged';
  // A second send that broke off: the kept rows it never answered are still open.
  for (const c of keep) if (again && !again.answered.has(c.row)) open.push(c);

  // Each row's last answer: a settled conflict is no conflict; a kept row's second answer counts.
  const counts: Partial<Record<PushStatus, number>> = { ...outcome.counts, conflict: open.length };
  for (const [status, n] of Object.entries(again?.counts ?? {}) as [PushStatus, number][]) counts[status] = (counts[status] ?? 0) + n;
  if (counts.conflict === 0) delete counts.conflict;
  const answered = new Map(outcome.answered);
  for (const [row, status] of again?.answered ?? []) answered.set(row, status);

  const conflictRows = new Set(outcome.conflicts.map((c) => c.row));
  // Named rows with no conflict: not sent, or answered otherwise (one a broken-off push never
  // reached is not judged).
  const sentRows = new Set(plan.outgoing.map((o) => o.row));
  const notInConflict = (r: number) => !conflictRows.has(r) && (!sentRows.has(r) || outcome.answered.has(r));
  const named = [choices.keepMine, choices.takeTheirs].flatMap((x) => (x instanceof Set ? [...x] : []));
  const error = outcome.error ?? again?.error;
  return {
    outcome: {
      sent: outcome.sent,
      counts,
      answered,
      conflicts: [...open, ...(again?.conflicts ?? [])],
      serverInvalid: [...outcome.serverInvalid, ...(again?.serverInvalid ?? [])],
      forbidden: [...outcome.forbidden, ...(again?.forbidden ?? [])],
      notFound: [...outcome.notFound, ...(again?.notFound ?? [])],
      writes: [...writes, ...(again?.writes ?? [])],
      ...(error && { error }),
    },
    settlement: {
      keptMine: keep.filter(stored),
      tookTheirs: taken,
      unseen,
      withdrawn,
      notInConflict: [...new Set(named)].filter(notInConflict).sort((a, b) => a - b),
    },
  };
}
