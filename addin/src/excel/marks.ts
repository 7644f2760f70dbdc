// Marking invalid cells without taking anything from the clerk: the fill a cell had is read
// before it is painted (and kept by the engine, so it can be put back), and the message goes
// into a comment that is deleted once the cell is fixed.

import { cellAddress, sheetAddress } from './address';
import { sheetOf } from './cells';
import { pending, type Pending, type Session } from './session';

/** Excel's "bad" light red: recognisable, and readable under black text. */
export const MARK_FILL = '#FFC7CE';
/** Comments we write start with this, so ours are never mistaken for the clerk's. */
export const COMMENT_TAG = '〔台账校验 Taizhang check〕';

/** Colour names Excel reports for a cell without fill. */
export function isNoFill(color: string | null | undefined): boolean {
  return !color || /^#?FFFFFF$/i.test(color) || /^(none|white)$/i.test(color);
}

export function sameColor(a: string | null | undefined, b: string | null | undefined): boolean {
  return (a ?? '').replace('#', '').toUpperCase() === (b ?? '').replace('#', '').toUpperCase();
}

export function loadFill(s: Session, sheet: string, row: number, col: number): Pending<string> {
  const fill = sheetOf(s, sheet).getCell(row, col).format.fill;
  fill.load('color');
  s.queued(0);
  return pending(() => fill.color);
}

/** Paint a cell; no colour (or white) clears the fill, which is what "no fill" reads back as. */
export function setFill(s: Session, sheet: string, row: number, col: number, color: string | undefined): void {
  const fill = sheetOf(s, sheet).getCell(row, col).format.fill;
  if (isNoFill(color)) fill.clear();
  else fill.color = color!;
  s.queued(16);
}

/** Threaded comments came with ExcelApi 1.10. */
export const COMMENTS_SET = '1.10';

/** Without comments (before ExcelApi 1.10) the pane's error list is the only message. */
export function commentsSupported(s: Session): boolean {
  return s.supports(COMMENTS_SET);
}

export function addComment(s: Session, sheet: string, row: number, col: number, text: string): void {
  if (!s.supports(COMMENTS_SET)) return;
  s.ctx.workbook.comments.add(sheetAddress(sheet, cellAddress(row, col)), `${COMMENT_TAG}\n${text}`);
  s.queued(text.length * 3 + 80);
}

export function deleteComment(s: Session, sheet: string, row: number, col: number): void {
  if (!s.supports(COMMENTS_SET)) return;
  s.ctx.workbook.comments.getItemByCell(sheetAddress(sheet, cellAddress(row, col))).delete();
  s.queued(80);
}

/**
 * Queue `prelude` (fills, state) and the comment commands and sync once. If that batch fails
 * (the clerk deleted one of our comments by hand, or put their own on the cell) the prelude
 * is queued again on its own and the comments run one by one, skipping those that fail.
 * Only that unusual case costs a sync per comment. Returns the number of comments skipped.
 */
export async function syncWithComments(s: Session, prelude: () => Promise<void>, ops: readonly ((s: Session) => void)[]): Promise<number> {
  await prelude();
  if (ops.length === 0) {
    if (s.queuedBytes > 0) await s.sync();
    return 0;
  }
  try {
    for (const op of ops) {
      op(s);
      await s.syncIfFull();
    }
    await s.sync();
    return 0;
  } catch {
    await prelude();
    await s.sync();
    let failed = 0;
    for (const op of ops) {
      try {
        op(s);
        await s.sync();
      } catch {
        failed++;
      }
    }
    return failed;
  }
}

export function selectCell(s: Session, sheet: string, row: number, col: number): void {
  const ws = sheetOf(s, sheet);
  ws.activate();
  ws.getCell(row, col).select();
  s.queued(0);
}
