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

/** The host inside Excel itself (the task pane). Only called there: Node has no `Excel` global. */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  };
}
