// Row ids: P-<county code>-<year>-<6-digit sequence> (problems), V-… (visits).

import { countyCode } from './domain';
import type { LedgerDef } from './fields';

export const ROW_ID = /^([PV])-(\d{6})-(\d{4})-(\d{6})$/;

export function formatRowId(ledger: LedgerDef, county: string, year: number, seq: number): string {
  const code = countyCode(county);
  if (code === undefined) throw new Error(`unknown county ${county}`);
  return `${ledger.idPrefix}-${code}-${year}-${String(seq).padStart(6, '0')}`;
}

/** The county and year a new row's id is numbered under (valid canonical values assumed). */
export function idScope(ledger: LedgerDef, values: Readonly<Record<string, unknown>>): { county: string; year: number } {
  return { county: String(values.county), year: Number(String(values[ledger.yearField]).slice(0, 4)) };
}
