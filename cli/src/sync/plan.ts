// `taizhang push` before anything is sent: the shared push plan of a workbook's rows
// (@taizhang/client: the sheet and header as `taizhang check` chooses them, every row decided
// by the sync core), with the command line's hints and a CliError for a workbook that cannot
// be used. Pure: the cell writes are returned.

import { planWorkbookPush, type CellWrite, type Outgoing, type WorkbookPlanOptions, type WorkbookPushPlan, type WorkbookRows } from '@taizhang/client';
import { asCliError, CLI_HINTS } from '../check/checkWorkbook';

export type { CellWrite, Outgoing };
export type PushPlan = WorkbookPushPlan;
export type PlanOptions = Omit<WorkbookPlanOptions, 'hints'>;

export function planPush(book: WorkbookRows, o: PlanOptions): PushPlan {
  return asCliError(() => planWorkbookPush(book, { ...o, hints: CLI_HINTS }));
}
