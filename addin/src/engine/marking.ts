// Second half of a check: paint new marks (remembering the fill they cover), give fixed
// cells their own fill back (only if our mark is still what they show: a colour the clerk
// chose since is theirs), keep comments in step, save the marks in the state sheet.

import { addComment, syncWithComments, commentsSupported, deleteComment, isNoFill, MARK_FILL, sameColor, setFill } from '../excel/marks';
import type { Session } from '../excel/session';
import type { Inspection } from './inspect';
import { addSheet } from '../excel/layout';
import { saveState, STATE_SHEET, type Mark, type SheetMeta, type WorkbookState } from './state';

export interface MarkOutcome {
  readonly marked: number;
  readonly cleared: number;
  /** Error comments that could not be written (the cell already had one of the clerk's): the pane tells the clerk. */
  readonly commentsNotWritten: number;
  readonly state: WorkbookState;
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  if (a.length !== b.length) return false;
  const k = (m: Mark) => `${m.key}\u0000${m.field}\u0000${m.prevFill}\u0000${m.digest}`;
  const set = new Set(a.map(k));
  return b.every((m) => set.has(k(m)));
}

/** Sync A (last writes, fills read) and, when anything changes, sync B. */
export async function applyMarks(s: Session, insp: Inspection, meta?: SheetMeta): Promise<MarkOutcome> {
  const { ctx } = insp;
  const sheet = ctx.sheet;
  const before = ctx.state.marks.filter((m) => m.sheet === sheet);
  const metaChanged = meta !== undefined && JSON.stringify(ctx.state.meta.get(sheet)) !== JSON.stringify(meta);
  const willSave = metaChanged || insp.newMarks.length > 0 || insp.unmarks.length > 0 || insp.retexts.length > 0 || !sameMarks(before, insp.kept);
  let state = ctx.state;
  // The state sheet is created with sync A, so that sync B (which may be replayed when a
  // comment fails) only ever rewrites it: every command in B can safely run twice.
  if (willSave && !state.exists) {
    addSheet(s, STATE_SHEET, 'VeryHidden');
    state = { ...state, exists: true };
  }
  if (s.queuedBytes > 0) await s.sync();

  const fills: (() => void)[] = [];
  const comments: ((s: Session) => void)[] = [];
  const withComments = commentsSupported(s);
  const added: Mark[] = [];
  for (const m of insp.newMarks) {
    const before = m.fill.value;
    // A leftover mark (state lost) is not the clerk's colour: remember "no fill" instead.
    const prevFill = isNoFill(before) || sameColor(before, MARK_FILL) ? '' : before;
    added.push({ sheet, key: m.key, field: m.field, prevFill, digest: m.digest });
    fills.push(() => setFill(s, sheet, m.row, m.col, MARK_FILL));
    if (withComments && !sameColor(before, MARK_FILL)) comments.push((x) => addComment(x, sheet, m.row, m.col, m.text));
    else if (withComments) {
      comments.push((x) => deleteComment(x, sheet, m.row, m.col));
      comments.push((x) => addComment(x, sheet, m.row, m.col, m.text));
    }
  }
  for (const u of insp.unmarks) {
    if (sameColor(u.fill.value, MARK_FILL)) fills.push(() => setFill(s, sheet, u.row, u.col, u.mark.prevFill || undefined));
    if (withComments) comments.push((x) => deleteComment(x, sheet, u.row, u.col));
  }
  for (const r of insp.retexts) {
    if (!withComments) break;
    comments.push((x) => deleteComment(x, sheet, r.row, r.col));
    comments.push((x) => addComment(x, sheet, r.row, r.col, r.text));
  }

  const after = [...insp.kept, ...added];
  let next: WorkbookState | undefined;
  if (willSave) {
    next = { ...state, marks: [...state.marks.filter((m) => m.sheet !== sheet), ...after] };
    if (meta) next.meta.set(sheet, meta);
  }
  const prelude = async (): Promise<void> => {
    if (next) state = saveState(s, { ...next, area: ctx.state.area });
    for (const f of fills) {
      f();
      await s.syncIfFull();
    }
  };
  const commentsNotWritten = await syncWithComments(s, prelude, comments);
  return { marked: added.length, cleared: insp.unmarks.length, commentsNotWritten, state };
}
