// Finding the header row of a clerk's sheet and mapping its columns to fields. Clerks put
// titles above the header, add 序号 columns, reorder columns and type 县(区、市) with
// half-width parentheses: none of that may matter.

import type { FieldDef, LedgerDef } from './fields';
import { LEDGERS } from './ledgers';
import { LIST_SYSTEM_COLUMNS, SYSTEM_COLUMNS, type SystemColumn } from './system';

/** NFKC folds full-width forms (（ → (, Ａ → A); white space and case never matter. */
export function normalizeHeader(cell: unknown): string {
  if (typeof cell !== 'string' && typeof cell !== 'number') return '';
  return String(cell).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export interface ColumnMatch<T> {
  /** 0-based column index in the header row. */
  readonly index: number;
  readonly def: T;
}

export interface HeaderMatch {
  readonly ledger: LedgerDef;
  /** 0-based index of the header row among the rows searched. */
  readonly headerRow: number;
  readonly fields: readonly ColumnMatch<FieldDef>[];
  readonly system: readonly ColumnMatch<SystemColumn>[];
  /** Non-empty header cells that name nothing this ledger has (序号, 走访人…). */
  readonly unknown: readonly { index: number; header: string }[];
  /** A second column for a field already mapped: ignored, reported. */
  readonly duplicate: readonly { index: number; header: string; field: string }[];
  /** Always-required fields with no column. */
  readonly missing: readonly FieldDef[];
}

const namesCache = new WeakMap<LedgerDef, Map<string, FieldDef>>();

function fieldNames(ledger: LedgerDef): Map<string, FieldDef> {
  let names = namesCache.get(ledger);
  if (!names) {
    names = new Map();
    for (const f of ledger.fields) {
      for (const n of [f.header, f.key, f.en, ...(f.otherHeaders ?? [])]) names.set(normalizeHeader(n), f);
    }
    namesCache.set(ledger, names);
  }
  return names;
}

const systemNames = new Map<string, SystemColumn>();
for (const s of [...SYSTEM_COLUMNS, ...LIST_SYSTEM_COLUMNS])
  for (const n of [s.header, s.en, s.key, ...(s.formerHeaders ?? [])]) systemNames.set(normalizeHeader(n), s);

/** Map one row of header cells for one ledger. */
export function matchHeaderRow(ledger: LedgerDef, cells: readonly unknown[], headerRow = 0): HeaderMatch {
  const names = fieldNames(ledger);
  const fields: ColumnMatch<FieldDef>[] = [];
  const system: ColumnMatch<SystemColumn>[] = [];
  const unknown: { index: number; header: string }[] = [];
  const duplicate: { index: number; header: string; field: string }[] = [];
  const seen = new Set<string>();
  cells.forEach((cell, index) => {
    const n = normalizeHeader(cell);
    if (n === '') return;
    const header = String(cell).trim();
    const f = names.get(n);
    const s = f ? undefined : systemNames.get(n);
    const key = f?.key ?? s?.key;
    if (key === undefined) unknown.push({ index, header });
    else if (seen.has(key)) duplicate.push({ index, header, field: key });
    else {
      seen.add(key);
      if (f) fields.push({ index, def: f });
      else if (s) system.push({ index, def: s });
    }
  });
  const missing = ledger.fields.filter((f) => f.required === true && !seen.has(f.key));
  return { ledger, headerRow, fields, system, unknown, duplicate, missing };
}

function better(a: HeaderMatch, b: HeaderMatch | undefined): boolean {
  if (!b) return true;
  if (a.fields.length !== b.fields.length) return a.fields.length > b.fields.length;
  return a.missing.length < b.missing.length;
}

/** Rows a header row may sit below: titles, dates, units. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * The header row among the first rows, for the given ledger or, without one, for whichever
 * ledger's headers match best. Undefined when no row matches at least two headers.
 */
export function findHeader(rows: readonly (readonly unknown[])[], ledger?: LedgerDef): HeaderMatch | undefined {
  const candidates = ledger ? [ledger] : Object.values(LEDGERS);
  let best: HeaderMatch | undefined;
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    for (const l of candidates) {
      const m = matchHeaderRow(l, rows[r] ?? [], r);
      if (m.fields.length >= 2 && better(m, best)) best = m;
    }
  }
  return best;
}
