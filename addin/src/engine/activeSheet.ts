// Which worksheet the clerk is looking at: the pane checks and pushes that sheet.

import type { ExcelHost } from '../excel/host';

export async function activeSheetName(host: ExcelHost): Promise<string> {
  return host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet().load('name');
    await ctx.sync();
    return ws.name;
  });
}
