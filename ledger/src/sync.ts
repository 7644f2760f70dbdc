// What a client does with a ledger sheet around a push, as pure decisions shared by the
// add-in (on a live sheet) and the CLI (on an .xlsx file), so that both send the same rows
// and read the same answers the same way: which cells identify a row, which canonical value
// goes into a cell, what a row sends, and what an answer means for the row.

import { sameValues } from './fingerprint';
import { diffRows, type FieldDiff } from './conflict';
import { DATE_FORMAT } from './template';
import { CANONICAL_DATE, dateToSerial } from './types/date';
import type { FieldDef, LedgerDef } from './fields';
import type { CanonicalRow, CanonicalValue } from './parse';
import type { CurrentRow, PushResult, PushRow, WireError } from './wire';

/** A value a cell holds (Office.js `values`, exceljs plain values). */
export type CellValue = string | number | boolean;

/** The sheet (add-in) or workbook sheet (CLI) a consolidated list is pulled into. */
export function pullSheetName(ledger: LedgerDef): string {
  return `${ledger.title}汇总`;
}

/** Row keys the server accepts (docs/api.md#calling, "Limits"): UUIDs fit. */
export const ROW_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** Fields pre-filled for new rows: a row with nothing else is an unused template row. */
export const PREFILLED_FIELDS: ReadonlySet<string> = new Set(['county', 'group']);

/** The number format of a field's column: dates shown yyyy-mm-dd, counts as integers, the rest text. */
export function numberFormatOf(f: FieldDef): string {
  switch (f.type.kind) {
    case 'date': return DATE_FORMAT;
    case 'int': return '0';
    default: return '@';
  }
}

/**
 * A canonical value as the cell should hold it: dates as serials (the column shows
 * yyyy-mm-dd). Anything else the server holds in a date field (no date at all) stays the
 * text it is; writers put text in as text.
 */
export function cellOf(f: FieldDef, v: CanonicalValue | undefined, date1904: boolean): CellValue {
  if (v === undefined) return '';
  if (f.type.kind === 'date' && typeof v === 'string' && CANONICAL_DATE.test(v)) return dateToSerial(v, date1904);
  return v;
}

/** Whether the cell already holds what `cellOf` would write (so it need not be rewritten). */
export function sameCell(raw: unknown, want: CellValue): boolean {
  if (raw === want) return true;
  if ((raw === '' || raw === null || raw === undefined) && want === '') return true;
  return false;
}

/**
 * What a row's key cell says about it, given the keys already seen above it: `keep` it,
 * give it a `new` key (none yet, or not one the server accepts), or it is a `copy` of a row
 * above (pasted with its system cells) — a new row, which must not update the original.
 */
export function rowIdentity(key: string, seen: ReadonlySet<string>): 'keep' | 'new' | 'copy' {
  if (seen.has(key)) return 'copy';
  return ROW_KEY.test(key) ? 'keep' : 'new';
}

/** A valid row that is new or changed since its last sync: what a push sends. */
export interface Outgoing {
  /** Worksheet row, 1-based. */
  readonly row: number;
  readonly key: string;
  readonly id?: string;
  readonly version?: number;
  readonly values: CanonicalRow;
  /** The row's cells by field, as read (to rewrite only what the server normalised). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** A valid row that is new or changed since its last sync, as it goes on the wire. */
export function wireRow(o: Pick<Outgoing, 'key' | 'id' | 'version' | 'values'>): PushRow {
  return o.id && o.version !== undefined
    ? { key: o.key, id: o.id, baseVersion: o.version, values: o.values }
    : { key: o.key, values: o.values };
}

/** What one answer of pushRows means for the row that was sent. */
export type Outcome =
  /** Write the id, version, canonical values and fingerprint; the row is 已同步. */
  | { readonly status: 'created' | 'updated' | 'unchanged'; readonly state: 'synced'; readonly synced: { id: string; version: number; values: CanonicalRow } }
  | { readonly status: 'withdrawn'; readonly state: 'withdrawn' }
  /** Nothing is overwritten on either side: the row is marked 冲突 and the difference reported. */
  | { readonly status: 'conflict'; readonly state: 'conflict'; readonly id: string; readonly current: CurrentRow; readonly diff: FieldDiff[] }
  | { readonly status: 'invalid'; readonly state: 'invalid'; readonly errors: WireError[] }
  | { readonly status: 'forbidden'; readonly state: 'forbidden'; readonly message: string }
  | { readonly status: 'not_found'; readonly state: 'notFound' };

export function outcomeOf(ledger: LedgerDef, sent: CanonicalRow, r: PushResult): Outcome {
  switch (r.status) {
    case 'created':
    case 'updated':
      return { status: r.status, state: 'synced', synced: { id: r.id, version: r.version, values: r.values } };
    case 'unchanged':
      return { status: 'unchanged', state: 'synced', synced: { id: r.id, version: r.version, values: sent } };
    case 'withdrawn':
      return { status: 'withdrawn', state: 'withdrawn' };
    case 'conflict':
      // Our own earlier push whose answer was lost looks like a conflict with identical
      // values: that is no conflict, just the version we missed.
      if (sameValues(ledger, r.current.values, sent)) {
        return { status: 'unchanged', state: 'synced', synced: { id: r.id, version: r.current.version, values: r.current.values } };
      }
      return { status: 'conflict', state: 'conflict', id: r.id, current: r.current, diff: diffRows(ledger, sent, r.current.values) };
    case 'invalid':
      return { status: 'invalid', state: 'invalid', errors: r.errors };
    case 'forbidden':
      return { status: 'forbidden', state: 'forbidden', message: r.message };
    case 'not_found':
      return { status: 'not_found', state: 'notFound' };
  }
}
