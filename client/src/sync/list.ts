// A pulled list as every client lays it out: the ledger's columns, then the system columns
// (id, version, sync state, row key, fingerprint) and the list's own (重复于), one row per stored row.

import { LIST_SYSTEM_COLUMNS, SYNC_STATES, SYSTEM_COLUMNS, type LedgerDef, type LivePulledRow } from '@taizhang/ledger';
import { cellOf, numberFormatOf, type CellValue } from '../sheet/cells';
import { fingerprint } from './fingerprint';

/** The header row of a pulled list. */
export function listHeader(ledger: LedgerDef): string[] {
  return [...ledger.fields.map((f) => f.header), ...[...SYSTEM_COLUMNS, ...LIST_SYSTEM_COLUMNS].map((s) => s.header)];
}

/** Each column's number format. */
export function listFormats(ledger: LedgerDef): string[] {
  return [...ledger.fields.map(numberFormatOf), ...[...SYSTEM_COLUMNS, ...LIST_SYSTEM_COLUMNS].map((s) => s.numberFormat)];
}

/**
 * One pulled row's cells: its values, then id, version, 已同步, key and fingerprint. A
 * withdrawn row comes without values (docs/api.md#pullrows): a list keeps what it showed.
 */
export function listRowCells(ledger: LedgerDef, r: LivePulledRow, date1904: boolean): CellValue[] {
  return [
    ...ledger.fields.map((f) => cellOf(f, r.values[f.key], date1904)),
    r.id,
    r.version,
    SYNC_STATES.synced.zh,
    r.key,
    fingerprint(ledger, r.values),
    r.duplicateOf ?? '',
  ];
}

/** The column of the sync state in a pulled list. */
export function listSyncColumn(ledger: LedgerDef): number {
  return ledger.fields.length + SYSTEM_COLUMNS.findIndex((s) => s.key === '_sync');
}
