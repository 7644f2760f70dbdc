// The figures and lists a push's report shows, whichever client shows them (the pane, the
// command line's text or JSON): rows found, invalid rows (not sent), rows not sent because
// unchanged, what was sent and each row's last answer, conflicts, and what settling did.

import type { PushTally } from './answers';
import type { PushPlan, RowErrors, RowWarnings } from './plan';
import type { Settlement } from './settle';

export interface PushReport {
  /** Data rows on the sheet. */
  readonly rows: number;
  readonly valid: number;
  /** Rows with errors found before sending (not sent). */
  readonly invalid: readonly RowErrors[];
  /** Valid rows already synced and not edited since (not sent). */
  readonly unchanged: number;
  readonly toSend: number;
  readonly newKeys: number;
  readonly copies: number;
  readonly sent: number;
  readonly counts: PushTally['counts'];
  readonly conflicts: PushTally['conflicts'];
  readonly serverInvalid: PushTally['serverInvalid'];
  readonly forbidden: PushTally['forbidden'];
  readonly notFound: PushTally['notFound'];
  /** Empty cells filled from the registries; undefined when no registry was at hand. */
  readonly filled?: number;
  /** Rows the registries disagree with, as the client found them and as the server answered. */
  readonly warnings: readonly RowWarnings[];
  readonly serverWarnings: PushTally['serverWarnings'];
  /** Rows stored that likely repeat another group's report (docs/masterdata.md#likely-duplicates). */
  readonly duplicates: PushTally['duplicates'];
  readonly settlement?: Settlement;
}

export function pushReport(plan: PushPlan, tally: PushTally, settlement?: Settlement): PushReport {
  return {
    rows: plan.rows,
    valid: plan.valid,
    invalid: plan.invalid,
    unchanged: plan.unchanged,
    toSend: plan.outgoing.length,
    newKeys: plan.newKeys,
    copies: plan.copies,
    sent: tally.sent,
    counts: tally.counts,
    conflicts: tally.conflicts,
    serverInvalid: tally.serverInvalid,
    forbidden: tally.forbidden,
    notFound: tally.notFound,
    ...(settlement && { settlement }),
    warnings: plan.warnings,
    serverWarnings: tally.serverWarnings,
    duplicates: tally.duplicates,
    ...(plan.filled !== undefined && { filled: plan.filled }),
  };
}

/** Rows the clerk has to look at again: invalid, in conflict, refused, gone (a warning is no trouble). */
export function troubleRows(r: PushReport): number {
  return r.invalid.length + r.conflicts.length + r.forbidden.length + r.serverInvalid.length + r.notFound.length;
}
