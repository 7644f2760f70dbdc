// Reading a ledger sheet in chunks of rows. Whatever a chunk's processing queues (keys for
// new rows, fill reads for cells to mark) travels with the next chunk's read, so a scan costs
// one sync per chunk plus the first (sheet names, extent, date system).

import type { LedgerName } from '@taizhang/ledger';
import { cancelledError } from '@taizhang/client';
import { CellPatch, loadDate1904, loadMergedAreas, loadSheetNames, loadUsedArea, loadValues, writePatch, type UsedArea } from '../excel/cells';
import { rangeAddress } from '../excel/address';
import type { Session } from '../excel/session';
import { matrixBytes, matrixBytesAtMost } from '../excel/size';
import { findLayout, rowsOf, type SheetLayout, type SheetRow } from './layout';
import { FlowError, text } from './messages';
import { DEFAULT_CHUNK_ROWS, READ_CHUNK_BYTES, type FlowOptions } from './options';
import { loadState, type WorkbookState } from './state';

export interface ScanContext {
  readonly sheet: string;
  readonly names: readonly string[];
  readonly area: UsedArea;
  readonly date1904: boolean;
  readonly state: WorkbookState;
  readonly layout: SheetLayout;
  /** Cell writes queued by the processing; flushed with the next read. */
  readonly patch: CellPatch;
}

export interface ScanResult {
  readonly ctx: ScanContext;
  readonly rows: number;
}

export function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * Rows of the next read after a chunk of `values`: long rows (1000-character descriptions)
 * make it shorter, so that its answer stays under READ_CHUNK_BYTES; never more than `most`.
 */
export function nextChunkRows(values: readonly (readonly unknown[])[], most: number): number {
  const rows = Math.max(1, values.length);
  const fitting = (bytes: number) => Math.max(50, Math.min(most, Math.floor(READ_CHUNK_BYTES / Math.max(1, bytes / rows))));
  // Counting each character's bytes is a pass over every character read; when even 3 bytes a
  // character leaves room for `most` rows, the exact count could only say the same.
  if (fitting(matrixBytesAtMost(values)) === most) return most;
  return fitting(matrixBytes(values));
}

/**
 * A merged area below the header spans rows (or a row's cells) of which only the first holds
 * the value: read as it is, the others would go as empty, and the marks and answers written
 * back would land inside it. A title merged above the header is the clerk's to keep.
 */
function refuseMergedRows(sheet: string, headerRow: number, merged: readonly UsedArea[]): void {
  const below = merged.filter((m) => m.row + m.rows > headerRow);
  if (below.length === 0) return;
  const shown = below.slice(0, 5).map((m) => rangeAddress(m.row, m.col, m.rows, m.cols));
  if (below.length > shown.length) shown.push('…');
  const t = text.mergedCells(sheet, shown);
  throw new FlowError('merged_cells', t.zh, t.en);
}

/**
 * Scan `sheet`: `onRows` gets each chunk's data rows (in worksheet order) and may queue
 * writes on ctx.patch or other loads; they are sent with the next sync. The caller syncs
 * once more at the end for the last chunk's writes.
 */
export async function scanSheet(
  s: Session,
  sheet: string,
  o: FlowOptions & { ledger?: LedgerName },
  onRows: (rows: SheetRow[], ctx: ScanContext) => void,
): Promise<ScanResult> {
  // Sync 0: which sheets exist (for the state), the sheet's extent and the date system.
  const namesP = loadSheetNames(s);
  const usedP = loadUsedArea(s, sheet);
  const d1904P = loadDate1904(s);
  try {
    await s.sync();
  } catch (err) {
    if ((err as { code?: string }).code === 'ItemNotFound') throw new FlowError('no_sheet', text.noSheet(sheet).zh, text.noSheet(sheet).en);
    throw err;
  }
  const names = namesP.value;
  const area = usedP.value;
  if (!area) throw new FlowError('empty_sheet', text.emptySheet(sheet).zh, text.emptySheet(sheet).en);
  // The state comes with the first chunk's read.
  const stateP = loadState(s, names);

  let ctx: ScanContext | undefined;
  let chunk = o.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let rowsSeen = 0;
  const patch = new CellPatch();
  const end = area.row + area.rows;
  let row = area.row;
  while (row < end) {
    throwIfCancelled(o.signal);
    const n = Math.min(chunk, end - row);
    if (ctx) await writePatch(s, sheet, patch);
    const valuesP = loadValues(s, sheet, row, area.col, n, area.cols);
    const mergedP = ctx ? undefined : loadMergedAreas(s, sheet, area);
    await s.sync();
    const values = valuesP.value;
    if (!ctx) {
      const meta = stateP.value.meta.get(sheet);
      const layout = findLayout(values.slice(0, 10), area, d1904P.value, o.ledger ?? meta?.ledger);
      if (!layout) throw new FlowError('no_header', text.noHeader(sheet).zh, text.noHeader(sheet).en);
      refuseMergedRows(sheet, layout.headerRow, mergedP?.value ?? []);
      ctx = { sheet, names, area, date1904: d1904P.value, state: stateP.value, layout, patch };
    }
    const rows = rowsOf(ctx.layout, values, row, area.col);
    rowsSeen += rows.length;
    onRows(rows, ctx);
    chunk = nextChunkRows(values, o.chunkRows ?? DEFAULT_CHUNK_ROWS);
    row += n;
    o.onProgress?.(row - area.row, area.rows, 'read');
  }
  if (!ctx) throw new FlowError('empty_sheet', text.emptySheet(sheet).zh, text.emptySheet(sheet).en);
  await writePatch(s, sheet, patch);
  return { ctx, rows: rowsSeen };
}
