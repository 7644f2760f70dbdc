// `taizhang check` without the files: the shared check of a workbook's rows (@taizhang/client),
// telling the clerk the command line's way to choose another ledger or sheet, and turning a
// workbook that cannot be used into a CliError (exit 2).

import {
  checkWorkbook as checkRows,
  inspectWorkbook as inspectRows,
  prepareSheet as prepareRows,
  WorkbookError,
  type CheckOptions,
  type CheckReport,
  type ChoiceHints,
  type Inspection,
  type PreparedSheet,
  type WorkbookRows,
} from '@taizhang/client';
import { CliError } from '../context';

export {
  NO_ROWS_WARNING,
  type CheckError,
  type CheckOptions,
  type CheckReport,
  type CheckWarning,
  type DataRow,
  type Inspection,
  type PreparedSheet,
  type SheetRows,
  type WarningCode,
  type WorkbookRows,
} from '@taizhang/client';

/** The command line's options for choosing. */
export const CLI_HINTS: ChoiceHints = {
  otherLedger: (other) => ({ zh: `可改用 --ledger ${other.name}`, en: `try --ledger ${other.name}` }),
  otherSheet: { zh: '可用 --sheet 指定', en: 'choose it with --sheet' },
};

/** `f`, with a workbook that cannot be used as a CliError. */
export function asCliError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WorkbookError) throw new CliError(e.zh, e.en);
    throw e;
  }
}

/** Check a workbook's rows. Throws CliError (exit 2) when no sheet can be checked. */
export function checkWorkbook(book: WorkbookRows, opts: CheckOptions): CheckReport {
  return asCliError(() => checkRows(book, { hints: CLI_HINTS, ...opts }));
}

/** checkWorkbook, keeping the sheet, the header match and the parsed rows. */
export function inspectWorkbook(book: WorkbookRows, opts: CheckOptions): Inspection {
  return asCliError(() => inspectRows(book, { hints: CLI_HINTS, ...opts }));
}

/** Choose the sheet and header row (or throw CliError, exit 2) and say what the header lacks. */
export function prepareSheet(book: WorkbookRows, opts: Pick<CheckOptions, 'ledger' | 'sheet'>): PreparedSheet {
  return asCliError(() => prepareRows(book, { hints: CLI_HINTS, ...opts }));
}
