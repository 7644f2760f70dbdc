// Where the clerk is: the active sheet and the first row of the selection.

import { pending, type Pending, type Session } from './session';

export interface Selection {
  readonly sheet: string;
  /** 0-based worksheet row of the selection's first cell. */
  readonly row: number;
}

export function loadSelection(s: Session): Pending<Selection> {
  const ws = s.ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name');
  const sel = s.ctx.workbook.getSelectedRange();
  sel.load('rowIndex');
  s.queued(0);
  return pending(() => ({ sheet: ws.name, row: sel.rowIndex }));
}
