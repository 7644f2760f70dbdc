// 新建台账表: a worksheet laid out for one ledger — a table with the Chinese headers, widths,
// number formats (text columns '@' before anything is typed), a dropdown for every enum
// column, frozen header, system columns at the right (grey, 〔系统〕), and the clerk's
// county and group pre-filled in the first row.

import { LEDGERS, type LedgerName } from '@taizhang/ledger';
import { writeBlock } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import {
  activateSheet,
  addSheet,
  addTable,
  loadTableNames,
  freezeHeader,
  setColumnFormat,
  setColumnWidth,
  setListValidation,
  styleRange,
} from '../excel/layout';
import { loadSheetNames } from '../excel/cells';
import { withSession, type SessionStats } from '../excel/session';
import type { CellValue } from '../excel/size';
import { HEADER_FILL, numberFormatOf, SYSTEM_DEFS, SYSTEM_FILL, SYSTEM_FONT } from './columns';
import { acceptsOtherValues, optionsSource, writeLists } from './lists';
import type { FlowOptions } from './options';
import { loadState, saveState, LISTS_SHEET } from './state';

/** Rows prepared with formats and dropdowns ahead of typing (the table carries them further). */
export const TEMPLATE_ROWS = 500;

export interface CreatedSheet {
  readonly sheet: string;
  readonly table: string;
  readonly columns: number;
  readonly stats: SessionStats;
}

export function uniqueName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base}(${i})`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** `departments`: the registry's active names, for the 责任单位 dropdown. */
export async function createLedgerSheet(
  host: ExcelHost,
  ledgerName: LedgerName,
  o: FlowOptions & { sheet?: string; departments?: readonly string[] } = {},
): Promise<CreatedSheet> {
  const ledger = LEDGERS[ledgerName];
  const { result, stats } = await withSession(
    host,
    async (s) => {
      const namesP = loadSheetNames(s);
      const tablesP = loadTableNames(s);
      await s.sync();
      const names = namesP.value;
      const sheet = uniqueName(o.sheet ?? ledger.title, names);
      const stateP = loadState(s, names);
      if (s.queuedBytes > 0) await s.sync();
      // Table names are workbook-wide and ASCII-safe.
      const tableNames = new Set(tablesP.value);
      let n = 1;
      while (tableNames.has(`TZ_${ledger.name}_${n}`)) n++;
      const table = `TZ_${ledger.name}_${n}`;

      writeLists(s, names.includes(LISTS_SHEET), o.departments, o.targets);
      addSheet(s, sheet);
      const fields = ledger.fields;
      const headers: CellValue[] = [...fields.map((f) => f.header), ...SYSTEM_DEFS.map((d) => d.header)];
      const cols = headers.length;
      writeBlock(
        s,
        sheet,
        0,
        0,
        [headers],
        headers.map(() => '@'),
      );
      const first: CellValue[] = fields.map((f) => {
        const v = f.key === 'county' ? o.profile?.county : f.key === 'group' ? o.profile?.group : undefined;
        return v ?? '';
      });
      fields.forEach((f, c) => {
        setColumnWidth(s, sheet, c, Math.max(f.width, f.header.length * 2 + 2));
        setColumnFormat(s, sheet, 1, c, TEMPLATE_ROWS, numberFormatOf(f));
        const src = optionsSource(ledger, f, o.departments?.length, o.targets?.length);
        if (src) setListValidation(s, sheet, 1, c, TEMPLATE_ROWS, src, acceptsOtherValues(f));
      });
      SYSTEM_DEFS.forEach((d, i) => {
        setColumnWidth(s, sheet, fields.length + i, d.width);
        setColumnFormat(s, sheet, 1, fields.length + i, TEMPLATE_ROWS, d.numberFormat);
      });
      writeBlock(s, sheet, 1, 0, [[...first, ...SYSTEM_DEFS.map(() => '')]], [...fields.map(numberFormatOf), ...SYSTEM_DEFS.map((d) => d.numberFormat)]);
      addTable(s, sheet, 0, 0, 2, cols, table);
      styleRange(s, sheet, 0, 0, 1, fields.length, { fill: HEADER_FILL, bold: true });
      styleRange(s, sheet, 0, fields.length, 1, SYSTEM_DEFS.length, { fill: SYSTEM_FILL, fontColor: SYSTEM_FONT, bold: false });
      styleRange(s, sheet, 1, fields.length, TEMPLATE_ROWS, SYSTEM_DEFS.length, { fontColor: SYSTEM_FONT });
      freezeHeader(s, sheet, 1);
      activateSheet(s, sheet);
      const state = stateP.value;
      state.meta.set(sheet, { ledger: ledger.name, kind: 'entry', table });
      saveState(s, state);
      await s.sync();
      return { sheet, table, columns: cols };
    },
    o.batchBytes,
  );
  return { ...result, stats };
}
