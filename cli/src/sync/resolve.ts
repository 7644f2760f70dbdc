// Conflicts a push met, settled from the command line by worksheet rows: --keep-mine and
// --take-theirs name them, the shared sync core settles them as the add-in's pane does (only
// what a report has shown). A conflict not named, or not yet seen, stays 冲突, and the next
// push meets it again.

import { settleConflicts as settle, type ApiClient, type Choice, type Conflict, type PushTally, type Settlement as CoreSettlement } from '@taizhang/client';
import { CliError } from '../context';
import type { PushPlan } from './plan';

/** Worksheet rows as Excel numbers them, or every conflict. */
export type RowSelection = 'all' | ReadonlySet<number>;

export interface ConflictChoices {
  readonly keepMine?: RowSelection;
  readonly takeTheirs?: RowSelection;
}

export interface Settlement extends CoreSettlement {
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

function choiceFor(c: ConflictChoices, row: number): Choice | undefined {
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
 * The push's tally with its conflicts settled as chosen (see the core's settleConflicts);
 * kept rows go again on the version the server reported. `sent` still counts each row once.
 */
export async function settleConflicts(
  plan: PushPlan,
  outcome: PushTally,
  choices: ConflictChoices,
  api: ApiClient,
): Promise<{ outcome: PushTally; settlement: Settlement }> {
  const { tally, settlement } = await settle(plan, outcome.conflicts, (c: Conflict) => choiceFor(choices, c.row), api, outcome);
  const conflictRows = new Set(outcome.conflicts.map((c) => c.row));
  // Named rows with no conflict: not sent, or answered otherwise (one a broken-off push never
  // reached is not judged).
  const sentRows = new Map(plan.outgoing.map((o) => [o.row, o.key]));
  const notInConflict = (r: number) => !conflictRows.has(r) && (!sentRows.has(r) || outcome.answered.has(sentRows.get(r)!));
  const named = [choices.keepMine, choices.takeTheirs].flatMap((x) => (x instanceof Set ? [...x] : []));
  return {
    outcome: tally,
    settlement: { ...settlement, notInConflict: [...new Set(named)].filter(notInConflict).sort((a, b) => a - b) },
  };
}
