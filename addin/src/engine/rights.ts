// Who may change what, on the sheet: the header cells of the columns the account can change
// on no problem are shaded, and before a push the changed rows are judged by the ledger
// core's rights (through the client core) against the rows as the server has them, so a
// refused change is marked on its cells by 校验 and never sent.

import { callerOf, judgeOutgoing, loadBases, lockedFields, mayBeRefused, pullSheetName, type ApiClient, type Profile } from '@taizhang/client';
import { LEDGERS, SYNC_STATES, type LedgerName } from '@taizhang/ledger';
import { writePatch } from '../excel/cells';
import { loadFill } from '../excel/marks';
import { styleRange } from '../excel/layout';
import type { Session } from '../excel/session';
import { HEADER_FILL } from './columns';
import { commentText, digest, type Inspection } from './inspect';
import type { SheetLayout } from './layout';

/** The shade of a header cell whose column the account may not change. */
export const LOCKED_FILL = '#BFBFBF';
export const LOCKED_FONT = '#7F7F7F';

/** A department's pulled list is its own sheet: the problems assigned to it. */
export const DEPARTMENT_LIST_SHEET = '交办问题清单';

/** The sheet a pull of this ledger goes to for this account. */
export function listSheetName(ledger: LedgerName, profile: Profile | undefined): string {
  return ledger === 'problems' && profile?.role === 'department' ? DEPARTMENT_LIST_SHEET : pullSheetName(LEDGERS[ledger]);
}

/**
 * Queue the header marks: locked columns shaded, the others in the ledger's header colour.
 * Returns how many columns are locked.
 */
export function markHeader(s: Session, sheet: string, layout: Pick<SheetLayout, 'ledger' | 'fields' | 'headerRow'>, profile: Profile | undefined): number {
  if (layout.ledger.name !== 'problems' || !profile) return 0;
  const locked = new Set(lockedFields(callerOf(profile)));
  if (locked.size === 0) return 0;
  for (const { def, col } of layout.fields) {
    const row = layout.headerRow - 1;
    if (locked.has(def.key)) styleRange(s, sheet, row, col, 1, 1, { fill: LOCKED_FILL, fontColor: LOCKED_FONT });
    else styleRange(s, sheet, row, col, 1, 1, { fill: HEADER_FILL, fontColor: '#000000' });
  }
  return locked.size;
}

/**
 * Judges the inspection's outgoing rows: refused rows leave `outgoing`, join the rows with
 * errors (marked 有错误, their cells marked with the reason) and are not sent. Returns the
 * inspection to mark and send; unchanged when nothing could be refused.
 */
export async function judgeRights(
  s: Session,
  insp: Inspection,
  api: ApiClient | undefined,
  profile: Profile | undefined,
  signal?: AbortSignal,
): Promise<Inspection> {
  const { plan, ctx } = insp;
  if (!api || !profile || plan.cols.ledger.name !== 'problems') return insp;
  const caller = callerOf(profile);
  if (!mayBeRefused(caller) || !plan.outgoing.some((o) => o.id)) return insp;
  const bases = await loadBases(api, profile, signal);
  const judged = judgeOutgoing(plan.cols, plan.outgoing, caller, bases);
  if (judged.refused.length === 0) return insp;

  const newMarks = [...insp.newMarks];
  const unmarks = [...insp.unmarks];
  const kept = [...insp.kept];
  const retexts = [...insp.retexts];
  for (const r of judged.refused) {
    ctx.patch.set(r.row - 1, plan.cols.sysCol._sync, SYNC_STATES.invalid.zh, '@');
    // Its marks are kept by its key: a stored row whose key cell was emptied has only the
    // planner's fresh one, which a check writes for the rows it marks.
    ctx.patch.set(r.row - 1, plan.cols.sysCol._key, r.key, '@');
    for (const e of r.errors) {
      const col = plan.cols.fieldCol.get(e.field);
      if (col === undefined) continue;
      const text = commentText([e]);
      const d = digest(text);
      const was = unmarks.findIndex((u) => u.mark.key === r.key && u.mark.field === e.field);
      if (was >= 0) {
        const [u] = unmarks.splice(was, 1);
        kept.push({ ...u!.mark, digest: d });
        if (u!.mark.digest !== d) retexts.push({ row: r.row - 1, col, text, mark: u!.mark });
      } else if (!kept.some((m) => m.key === r.key && m.field === e.field)) {
        newMarks.push({ row: r.row - 1, col, key: r.key, field: e.field, text, digest: d, fill: loadFill(s, ctx.sheet, r.row - 1, col) });
      }
    }
  }
  await writePatch(s, ctx.sheet, ctx.patch);
  return {
    ...insp,
    kept,
    newMarks,
    unmarks,
    retexts,
    plan: { ...plan, outgoing: judged.outgoing, invalid: [...plan.invalid, ...judged.refused], valid: plan.valid - judged.refused.length },
  };
}
