// The columns of a synced sheet: the ledger's own, then the system columns shared with the
// CLI (SYSTEM_COLUMNS), then our fingerprint column. How a canonical value is written into a
// cell, and with which number format.

import {
  dateToSerial, DATE_FORMAT, SYSTEM_COLUMNS, templateColumns,
  type CanonicalValue, type FieldDef, type LedgerDef, type TemplateColumn,
} from '@taizhang/ledger';
import type { CellValue } from '../excel/size';

export type SystemKey = '_id' | '_version' | '_sync' | '_key' | '_hash';

export interface SystemColumnDef {
  readonly key: SystemKey;
  readonly header: string;
  readonly en: string;
  readonly width: number;
  readonly numberFormat: string;
}

/**
 * The fingerprint of the canonical values at the last sync: a row whose values hash to
 * something else has been edited since, so only new and changed rows are sent.
 */
export const HASH_COLUMN: SystemColumnDef = { key: '_hash', header: '指纹〔系统〕', en: 'Fingerprint [system]', width: 8, numberFormat: '@' };

export const SYSTEM_DEFS: readonly SystemColumnDef[] = [
  ...SYSTEM_COLUMNS.map((c) => ({ ...c, numberFormat: c.key === '_version' ? '0' : '@' })),
  HASH_COLUMN,
];

export const SYSTEM_FILL = '#D9D9D9';
export const SYSTEM_FONT = '#595959';
export const HEADER_FILL = '#DDEBF7';

export function numberFormatOf(f: FieldDef): string {
  switch (f.type.kind) {
    case 'date': return DATE_FORMAT;
    case 'int': return '0';
    default: return '@';
  }
}

export function sheetColumns(ledger: LedgerDef): TemplateColumn[] {
  return templateColumns(ledger);
}

/** A canonical value as the cell should hold it: dates as serials (the column shows yyyy-mm-dd). */
export function cellOf(f: FieldDef, v: CanonicalValue | undefined, date1904: boolean): CellValue {
  if (v === undefined) return '';
  if (f.type.kind === 'date' && typeof v === 'string') return dateToSerial(v, date1904);
  return v;
}

/** Whether the cell already holds what `cellOf` would write (so it need not be rewritten). */
export function sameCell(raw: unknown, want: CellValue): boolean {
  if (raw === want) return true;
  if ((raw === '' || raw === null || raw === undefined) && want === '') return true;
  return false;
}
