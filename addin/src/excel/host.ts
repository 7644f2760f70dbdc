// What the engine needs from Excel: a way to run a batch (Excel.run) and to ask which
// requirement sets the host supports. Real Excel, the simulator and the benchmark all fit.

/**
 * The requirement set the add-in is written for (the manifest declares the same; a test holds
 * them together). Office 2019 stops at 1.7; newer members are used only behind a check.
 */
export const MINIMUM_EXCEL_API = '1.7';

export interface ExcelHost {
  run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported?(name: string, version: string): boolean;
}

/** `Excel.run` with options, as Excel and the simulator offer it. */
export type RunWithOptions = <T>(options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * A host over `Excel.run`. Every batch waits while the clerk is typing in a cell
 * (delayForCellEdit) instead of failing with InvalidOperationInCellEditMode; a host that does
 * not know the option ignores it.
 */
export function excelRunHost(run: RunWithOptions, isSetSupported: (name: string, version: string) => boolean): ExcelHost {
  return {
    run: (batch) => run({ delayForCellEdit: true }, batch),
    isSetSupported,
  };
}

/** The host inside Excel itself (the task pane). Only called there: Node has no `Excel` global. */
export function officeHost(): ExcelHost {
  return excelRunHost(
    (options, batch) => Excel.run(options, batch),
    (name, version) => Office.context.requirements.isSetSupported(name, version),
  );
}
