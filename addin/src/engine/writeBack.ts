// Writing the server's answer about a row into its cells: id, version, sync state,
// fingerprint, and the canonical values where they differ from what the cell holds.

import { fingerprint, SYNC_STATES, type CanonicalRow, type LedgerDef } from '@taizhang/ledger';
import type { CellPatch } from '../excel/cells';
import { cellOf, numberFormatOf, sameCell } from './columns';
import type { SheetLayout } from './layout';

export function writeSynced(
  patch: CellPatch, layout: SheetLayout, row: number, raw: Record<string, unknown>,
  answer: { id: string; version: number; values: CanonicalRow }, date1904: boolean,
): void {
  const { sysCol } = layout;
  writeValues(patch, layout, row, raw, answer.values, date1904);
  patch.set(row, sysCol._id, answer.id, '@');
  patch.set(row, sysCol._version, answer.version, '0');
  patch.set(row, sysCol._sync, SYNC_STATES.synced.zh, '@');
  patch.set(row, sysCol._hash, fingerprint(layout.ledger, answer.values), '@');
}

export function writeValues(
  patch: CellPatch, layout: SheetLayout, row: number, raw: Record<string, unknown>, values: CanonicalRow, date1904: boolean,
): void {
  for (const { def, col } of layout.fields) {
    const want = cellOf(def, values[def.key], date1904);
    if (!sameCell(raw[def.key], want)) patch.set(row, col, want, numberFormatOf(def));
  }
}

export function writeSyncState(patch: CellPatch, layout: SheetLayout, row: number, state: string): void {
  patch.set(row, layout.sysCol._sync, state, '@');
}

export type { LedgerDef };
