// The test host's Office.js: the Excel simulator behind Excel.run, Office.onReady and
// Office.context.displayLanguage (from ?lang=), plus a read-only view of the active sheet
// beside the pane so the screenshots show what the flows did. Bundled by run.mjs in place
// of the CDN's office.js; never part of the add-in.

import { problems } from '@taizhang/ledger';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { colOf, problemRow, rowsRange } from '../support/addinRows';

const excel = createSimulatedExcel({ apiVersion: '1.17' });
excel.installGlobals();
const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en-US' : 'zh-CN';
const g = globalThis as unknown as { Office: Record<string, unknown> & { context: Record<string, unknown> } };
g.Office.context.displayLanguage = lang;
g.Office.onReady = (cb?: (info: { host: string; platform: string }) => void) => {
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  return new Promise((resolve) => {
    const go = () => {
      cb?.(info);
      resolve(info);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', go);
    else go();
  });
};

async function activeSheet(): Promise<string> {
  return excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getActiveWorksheet().load('name');
    await ctx.sync();
    return ws.name;
  });
}

/** What the browser test drives directly: typing into the sheet, reading cells. */
const api = {
  excel,
  activeSheet,
  async typeProblems(n: number, bad: number[] = []) {
    const sheet = await activeSheet();
    const rows = Array.from({ length: n }, (_, i) => problemRow({ targetName: `浏览器测试企业${i + 1}`, ...(bad.includes(i) && { foundOn: '不是日期' }) }));
    excel.sheet(sheet).type(rowsRange(problems, 2, n + 1), rows);
    return sheet;
  },
  /** One whole problem row, with some fields given (empty strings leave cells empty). */
  typeRow(sheet: string, row: number, values: Record<string, string>) {
    excel.sheet(sheet).type(rowsRange(problems, row, row), [problemRow(values)]);
  },
  cell(sheet: string, address: string) {
    return excel.sheet(sheet).cell(address);
  },
  /** A problems field (or system column such as _id) of a worksheet row. */
  field(sheet: string, key: string, row: number) {
    return excel.sheet(sheet).cell(`${colOf(problems, key)}${row}`).value;
  },
  typeField(sheet: string, key: string, row: number, value: string) {
    excel.sheet(sheet).type(`${colOf(problems, key)}${row}`, [[value]]);
  },
  selected: () => excel.selectedAddress(),
  /** Selects a cell as the clerk clicks it. */
  async select(sheet: string, key: string, row: number) {
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(`${colOf(problems, key)}${row}`).select();
      await ctx.sync();
    });
  },
  /** The worksheet row (1-based) holding a problem's id, or 0. */
  rowOf(sheet: string, id: string) {
    const col = colOf(problems, '_id');
    for (let r = 2; r < 5000; r++) {
      const v = excel.sheet(sheet).cell(`${col}${r}`).value;
      if (v === id) return r;
      if (v === null || v === '') return 0;
    }
    return 0;
  },
  fill: (sheet: string, address: string) => excel.sheet(sheet).cell(address).fill,
  colOf: (key: string) => colOf(problems, key),
};
(globalThis as unknown as { __tz: typeof api }).__tz = api;

// The sheet view: the first rows and columns of the active sheet, redrawn twice a second.
function view(): void {
  const root = document.getElementById('root');
  if (!root) return;
  document.body.style.display = 'flex';
  root.style.width = '360px';
  root.style.flex = '0 0 360px';
  root.style.borderRight = '1px solid #ccc';
  const side = document.createElement('aside');
  side.setAttribute('aria-hidden', 'true');
  side.style.cssText =
    'flex:1;overflow:auto;font:11px sans-serif;padding:8px;background:#fafafa;position:sticky;top:0;align-self:flex-start;max-height:100vh;box-sizing:border-box';
  document.body.appendChild(side);
  const draw = async () => {
    try {
      const sheet = await activeSheet();
      const sh = excel.sheet(sheet);
      const cols = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
      let html = `<div style="font-weight:600;margin-bottom:4px">Excel (simulator): ${sheet} · ${excel.sheetNames().join(' | ')}</div><table style="border-collapse:collapse">`;
      for (let r = 1; r <= 14; r++) {
        html += '<tr>';
        for (const c of cols) {
          const cell = sh.cell(`${c}${r}`);
          const bg = cell.fill ?? (r === 1 ? '#eee' : '#fff');
          const v = String(cell.text ?? cell.value ?? '').slice(0, 10);
          html += `<td style="border:1px solid #ddd;padding:1px 3px;white-space:nowrap;background:${bg}">${v.replace(/</g, '&lt;')}</td>`;
        }
        html += '</tr>';
      }
      side.innerHTML = `${html}</table>`;
    } catch {
      // between batches
    }
  };
  setInterval(() => void draw(), 500);
}
document.addEventListener('DOMContentLoaded', view);
