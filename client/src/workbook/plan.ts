// A push of a workbook file before anything is sent: the sheet and its header as the check
// chooses them, its cells handed to the sync core, which decides every row (keys, copies,
// county and group, 有错误, what goes); the check report is the core's invalid rows as the
// check shows them. Pure: the cell writes are returned.

import type { LedgerName, TargetIndex } from '@taizhang/ledger';
import { readRow, sheetColumns, type SheetRow } from '../sheet/model';
import type { ApiClient } from '../api/client';
import type { Profile } from '../api/types';
import { planPush as planRows, type PushPlan as CorePlan, type RowErrors } from '../sync/plan';
import { refuseByRights } from '../sync/rights';
import { NO_ROWS_WARNING, prepareSheet, type ChoiceHints, type CheckReport, type WorkbookRows } from './check';

export interface WorkbookPushPlan extends CorePlan {
  readonly sheet: string;
  /** What the check says of the sheet. */
  readonly report: CheckReport;
}

export interface WorkbookPlanOptions {
  readonly ledger?: LedgerName;
  readonly sheet?: string;
  readonly today: string;
  /** The signed-in account's county and group, filled into new rows where empty. */
  readonly profile?: { readonly county?: string; readonly group?: string };
  readonly newKey: () => string;
  readonly hints?: ChoiceHints;
  /** The registries, when signed in: empty cells filled, disagreements warned about. */
  readonly registry?: TargetIndex;
}

export function planWorkbookPush(book: WorkbookRows, o: WorkbookPlanOptions): WorkbookPushPlan {
  const { sheet, match, warnings } = prepareSheet(book, o);
  const endCol = Math.max(0, ...sheet.rows.map((r) => r.length));
  const cols = sheetColumns(match, { firstRow: 1, firstCol: 0, endCol, date1904: book.date1904 });
  const rows: SheetRow[] = [];
  sheet.rows.forEach((cells, i) => {
    const r = readRow(cols, i + 1, cells);
    if (r) rows.push(r);
  });
  const plan = planRows(cols, rows, o);
  const report: CheckReport = {
    ledger: cols.ledger.name,
    sheet: sheet.name,
    headerRow: cols.headerRow,
    rows: plan.rows,
    valid: plan.valid,
    errors: checkErrors(plan.invalid),
    warnings: plan.rows === 0 ? [...warnings, NO_ROWS_WARNING] : warnings,
    rowWarnings: plan.warnings.flatMap((r) =>
      r.warnings.map((w) => ({
        row: w.row,
        cell: w.address,
        field: w.field,
        header: w.header,
        code: w.code,
        message: w.message,
        zh: w.zh,
        en: w.en,
      })),
    ),
    ...(plan.filled !== undefined && { filled: plan.filled }),
    today: o.today,
    date1904: book.date1904,
  };
  return { ...plan, sheet: sheet.name, report };
}

function checkErrors(invalid: readonly RowErrors[]): CheckReport['errors'] {
  return invalid.flatMap((r) =>
    r.errors.map((e) => ({
      row: e.row,
      cell: e.address,
      field: e.field,
      header: e.header,
      code: e.code,
      message: e.message,
      zh: e.zh,
      en: e.en,
    })),
  );
}

/**
 * The plan with the changes the signed-in account may not make refused before anything is
 * sent (docs/workflow.md): marked 有错误 with the reason, in the report as errors.
 */
export async function refuseWorkbookRights(plan: WorkbookPushPlan, api: ApiClient, profile: Profile, signal?: AbortSignal): Promise<WorkbookPushPlan> {
  const { plan: judged, refused } = await refuseByRights(plan, api, profile, signal);
  if (refused.length === 0) return plan;
  return { ...judged, report: { ...plan.report, valid: judged.valid, errors: checkErrors(judged.invalid) } };
}
