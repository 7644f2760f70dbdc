// 拉取汇总: the consolidated list of the caller's scope on its own sheet, as a table sorted
// by id. The first pull writes everything; later pulls ask only for what changed since the
// cursor and update rows in place (new rows appended, then the table re-sorted; withdrawn
// rows marked 已撤回, rows that left the list's filter or scope marked 已移出 and otherwise
// left as they were). Text goes in with format '@' first, so nothing becomes a formula.

import { isLivePulledRow, isOverdue, LEDGERS, SYNC_STATES, type LedgerName } from '@taizhang/ledger';
import { listFormats, listHeader, listRowCells, listSyncColumn, pullSheetName } from '@taizhang/client';
import type { ApiClient } from '@taizhang/client';
import type { PullFilter } from '@taizhang/client';
import { clearArea, loadDate1904, loadSheetNames, loadUsedArea, loadValues, writeBlock, type UsedArea } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import {
  activateSheet,
  addSheet,
  addTable,
  freezeHeader,
  loadTableExists,
  resizeTable,
  setColumnWidth,
  setListValidation,
  sortTable,
  styleRange,
} from '../excel/layout';
import { withSession, type Session, type SessionStats } from '../excel/session';
import type { CellValue } from '../excel/size';
import { HEADER_FILL, LIST_DEFS, SYSTEM_FILL, SYSTEM_FONT } from './columns';
import { acceptsOtherValues, optionsSource, writeLists } from './lists';
import type { FlowOptions } from './options';
import { listSheetName, markHeader } from './rights';
import { throwIfCancelled } from './scan';
import { LISTS_SHEET, loadState, saveState, type SheetMeta } from './state';

export const PULL_PAGE_SIZE = 5000;
/** Rows of the id, version and sync-state columns read per sync when updating in place. */
const ID_CHUNK_ROWS = 20_000;

export interface PullSummary {
  readonly sheet: string;
  readonly ledger: LedgerName;
  readonly incremental: boolean;
  readonly rows: number;
  readonly updated: number;
  readonly added: number;
  readonly withdrawn: number;
  /** Rows that left the list (PullAnswer.left), marked 已移出 by this pull. */
  readonly left: number;
  readonly stats: SessionStats;
}

export { pullSheetName };

/** Rows written per command: a page is cut so that no command outgrows a batch. */
async function writeRows(s: Session, sheet: string, firstRow: number, rows: CellValue[][], fmts: string[]): Promise<void> {
  const per = Math.max(1, Math.floor(s.batchBytes / 4 / Math.max(1, rowBytes(rows))));
  for (let i = 0; i < rows.length; i += per) {
    writeBlock(s, sheet, firstRow + i, 0, rows.slice(i, i + per), fmts);
    await s.syncIfFull();
  }
}

function rowBytes(rows: CellValue[][]): number {
  const sample = rows.slice(0, 50);
  if (sample.length === 0) return 1;
  return (JSON.stringify(sample).length * 2) / sample.length;
}

/** Rows below the list that get its dropdowns too, for rows the clerk adds. */
const DROPDOWN_MARGIN = 200;

/**
 * `departments`: the registry's active names, for the 责任单位 dropdown; with them the list's
 * enum columns get their dropdowns as well, and the header marks the columns the account
 * (`profile`) may not change. The sheet is the account's list sheet unless one is named.
 */
export async function pull(
  host: ExcelHost,
  api: ApiClient,
  o: FlowOptions & {
    ledger: LedgerName;
    filter?: PullFilter;
    sheet?: string /** Fetch everything again even when an incremental pull is possible. */;
    full?: boolean;
    departments?: readonly string[];
    /** Only the problems overdue on this day (YYYY-MM-DD); such a list is always pulled whole. */ overdueAsOf?: string;
  },
): Promise<PullSummary> {
  const ledger = LEDGERS[o.ledger];
  const sheet = o.sheet ?? listSheetName(ledger.name, o.profile);
  const fmts = listFormats(ledger);
  // The sync-state cell of a pulled row, counted from the id column.
  const syncCol = listSyncColumn(ledger) - ledger.fields.length;
  const cols = fmts.length;
  const idCol = ledger.fields.length;
  const { result, stats } = await withSession(
    host,
    async (s) => {
      const namesP = loadSheetNames(s);
      const d1904P = loadDate1904(s);
      await s.sync();
      const names = namesP.value;
      const date1904 = d1904P.value;
      const exists = names.includes(sheet);
      const stateP = loadState(s, names);
      const usedP = exists ? loadUsedArea(s, sheet) : { value: undefined as UsedArea | undefined };
      if (s.queuedBytes > 0) await s.sync();
      const state = stateP.value;
      const meta = state.meta.get(sheet);
      const filter = o.filter ?? {};
      const tableP = meta?.table ? loadTableExists(s, meta.table) : { value: false };
      const incremental =
        !o.full &&
        o.overdueAsOf === undefined &&
        exists &&
        meta?.kind === 'pull' &&
        meta.ledger === ledger.name &&
        !!meta.cursor &&
        JSON.stringify(meta.filter ?? {}) === JSON.stringify(filter);
      const table = meta?.table ?? `TZ_pull_${ledger.name}_${Date.now().toString(36)}`;

      let rows = 0;
      let updated = 0;
      let added = 0;
      let withdrawn = 0;
      let left = 0;
      let cursor: string;

      if (!incremental) {
        const used = usedP.value;
        if (exists && used) clearArea(s, sheet, used);
        if (!exists) addSheet(s, sheet);
        writeBlock(
          s,
          sheet,
          0,
          0,
          [listHeader(ledger)],
          fmts.map(() => '@'),
        );
        let next = 1;
        let pageToken: string | undefined;
        let first: string | undefined;
        do {
          throwIfCancelled(o.signal);
          const page = await api.pullRows(
            { ledger: ledger.name, ...(Object.keys(filter).length > 0 && { filter }), pageSize: PULL_PAGE_SIZE, ...(pageToken && { pageToken }) },
            o.signal,
          );
          first ??= page.cursor;
          const cells = page.rows
            .filter(isLivePulledRow)
            .filter((r) => o.overdueAsOf === undefined || isOverdue(r.values, o.overdueAsOf))
            .map((r) => listRowCells(ledger, r, date1904));
          await writeRows(s, sheet, next, cells, fmts);
          next += cells.length;
          rows += cells.length;
          o.onProgress?.(rows, rows + (page.nextPageToken ? PULL_PAGE_SIZE : 0), 'pull');
          pageToken = page.nextPageToken;
        } while (pageToken);
        cursor = first!;
        if (s.queuedBytes > 0) await s.sync();
        // A table over what was written (at least one body row: Excel tables need one).
        if (!tableP.value) addTable(s, sheet, 0, 0, Math.max(2, next), cols, table);
        else resizeTable(s, sheet, table, 0, 0, Math.max(2, next), cols);
        ledger.fields.forEach((f, c) => setColumnWidth(s, sheet, c, Math.max(f.width, f.header.length * 2 + 2)));
        LIST_DEFS.forEach((d, i) => setColumnWidth(s, sheet, idCol + i, d.width));
        styleRange(s, sheet, 0, 0, 1, ledger.fields.length, { fill: HEADER_FILL, bold: true });
        styleRange(s, sheet, 0, idCol, 1, LIST_DEFS.length, { fill: SYSTEM_FILL, fontColor: SYSTEM_FONT });
        freezeHeader(s, sheet, 1);
      } else {
        // Where each id sits now, and its sync state: three short columns, in long chunks.
        const used = usedP.value ?? { row: 0, col: 0, rows: 1, cols };
        const end = used.row + used.rows;
        const rowOf = new Map<string, number>();
        const stateOf = new Map<string, string>();
        for (let r = 1; r < end; r += ID_CHUNK_ROWS) {
          const n = Math.min(ID_CHUNK_ROWS, end - r);
          const p = loadValues(s, sheet, r, idCol, n, syncCol + 1);
          await s.sync();
          p.value.forEach((v, i) => {
            if (typeof v[0] !== 'string' || v[0] === '') return;
            rowOf.set(v[0], r + i);
            stateOf.set(v[0], String(v[syncCol] ?? ''));
          });
        }
        let next = end;
        const pageRes = await api.pullAll(
          { ledger: ledger.name, ...(Object.keys(filter).length > 0 && { filter }), since: meta!.cursor!, pageSize: PULL_PAGE_SIZE },
          {
            signal: o.signal,
            onPage: async (page, gone) => {
              const appended: CellValue[][] = [];
              for (const r of page) {
                const at = rowOf.get(r.id);
                stateOf.set(r.id, r.withdrawn ? SYNC_STATES.withdrawn.zh : SYNC_STATES.synced.zh);
                if (!isLivePulledRow(r)) {
                  // A withdrawn row comes without its values: the sheet keeps what it showed.
                  if (at === undefined) continue;
                  writeBlock(s, sheet, at, idCol + 1, [[r.version, SYNC_STATES.withdrawn.zh]], fmts.slice(idCol + 1, idCol + 3));
                  withdrawn++;
                  await s.syncIfFull();
                } else if (at !== undefined) {
                  writeBlock(s, sheet, at, 0, [listRowCells(ledger, r, date1904)], fmts);
                  updated++;
                  await s.syncIfFull();
                } else {
                  rowOf.set(r.id, next + appended.length);
                  appended.push(listRowCells(ledger, r, date1904));
                }
              }
              // Rows that left the list keep what they showed, with the reason; once is enough.
              for (const id of gone) {
                const at = rowOf.get(id);
                if (at === undefined || stateOf.get(id) === SYNC_STATES.left.zh) continue;
                writeBlock(s, sheet, at, idCol + syncCol, [[SYNC_STATES.left.zh]], ['@']);
                stateOf.set(id, SYNC_STATES.left.zh);
                left++;
                await s.syncIfFull();
              }
              await writeRows(s, sheet, next, appended, fmts);
              next += appended.length;
              added += appended.length;
            },
          },
        );
        cursor = pageRes.cursor;
        // The rows still on the list, as a full pull would count them.
        rows = [...stateOf.values()].filter((st) => st !== SYNC_STATES.left.zh && st !== SYNC_STATES.withdrawn.zh).length;
        if (added > 0) {
          if (tableP.value) {
            resizeTable(s, sheet, table, 0, 0, next, cols);
            sortTable(s, sheet, table, idCol);
          } else addTable(s, sheet, 0, 0, next, cols, table);
        }
      }
      if (o.departments) {
        writeLists(s, names.includes(LISTS_SHEET), o.departments, o.targets);
        const used = Math.max(rows, added + (usedP.value?.rows ?? 1)) + DROPDOWN_MARGIN;
        ledger.fields.forEach((f, c) => {
          const src = optionsSource(ledger, f, o.departments!.length, o.targets?.length);
          if (src) setListValidation(s, sheet, 1, c, used, src, acceptsOtherValues(f));
        });
      }
      markHeader(s, sheet, { ledger, headerRow: 1, fields: ledger.fields.map((def, col) => ({ def, col })) }, o.profile);
      activateSheet(s, sheet);
      // An overdue-only list keeps no cursor: the next pull of it starts whole.
      const newMeta: SheetMeta = {
        ledger: ledger.name,
        kind: 'pull',
        table,
        ...(o.overdueAsOf === undefined && { cursor }),
        ...(Object.keys(filter).length > 0 && { filter }),
      };
      state.meta.set(sheet, newMeta);
      saveState(s, state);
      await s.sync();
      return { sheet, ledger: ledger.name, incremental, rows, updated, added, withdrawn, left };
    },
    o.batchBytes,
  );
  return { ...result, stats };
}
