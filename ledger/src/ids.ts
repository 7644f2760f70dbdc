// Row ids: P-<county code>-<year>-<sequence> (problems), V-… (visits).
//
// The sequence is written with at least six digits (000017) and simply grows past 999,999
// (1000000, 1000001, …): an id is never refused for its length, and every id ever given
// stays valid (docs/ids.md). Its digits carry no leading zero beyond the six.

import { COUNTIES, countyCode } from './domain';
import type { LedgerDef } from './fields';

export const ROW_ID = /^([PV])-(\d{6})-(\d{4})-(\d{6}|[1-9]\d{6,14})$/;

export function formatRowId(ledger: LedgerDef, county: string, year: number, seq: number): string {
  const code = countyCode(county);
  if (code === undefined) throw new Error(`unknown county ${county}`);
  return `${ledger.idPrefix}-${code}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The county an id was numbered in (where its row was created), or undefined for an unknown code. */
export function idCounty(id: string): string | undefined {
  const code = ROW_ID.exec(id)?.[2];
  return COUNTIES.find((c) => c.code === code)?.label;
}

/** The county and year a new row's id is numbered under (valid canonical values assumed). */
export function idScope(ledger: LedgerDef, values: Readonly<Record<string, unknown>>): { county: string; year: number } {
  return { county: String(values.county), year: Number(String(values[ledger.yearField]).slice(0, 4)) };
}
