// A pull or stats filter: checked and made canonical by the ledger core (榆次 → 榆次区), then
// narrowed to the caller's scope.

import { parseRow, type LedgerDef } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { scopeCounty } from '../scope';

export type Filter = Readonly<Record<string, string>>;

export function canonicalFilter(ledger: LedgerDef, caller: Caller, raw: Record<string, string | undefined> = {}): Filter {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // Each value on its own: a filter is not a row, so cross-field rules do not apply.
    const { values, errors } = parseRow(ledger, { [key]: value }, {});
    const error = errors.find((e) => e.field === key);
    if (error) throw apiError('invalid-argument', text.badRequest(`filter.${key}: ${error.message}`));
    filter[key] = String(values[key]);
  }
  const scope = scopeCounty(caller);
  if (scope !== undefined) {
    if (filter.county !== undefined && filter.county !== scope) {
      throw apiError('permission-denied', text.outOfScope(filter.county));
    }
    filter.county = scope;
  }
  return filter;
}

/** A stable fingerprint of a filter, so a page token cannot be replayed under another one. */
export function filterKey(filter: Filter): string {
  return Object.keys(filter).sort().map((k) => `${k}=${filter[k]}`).join('&');
}

export function matches(values: Readonly<Record<string, unknown>>, filter: Filter): boolean {
  for (const k in filter) if (values[k] !== filter[k]) return false;
  return true;
}

