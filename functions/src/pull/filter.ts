// A pull or stats filter: checked and made canonical by the ledger core (榆次 → 榆次区), then
// narrowed to the caller's scope. A department is named by name, alias or id and filtered by
// its registry id (the row's `departmentId`); a department account's filter is always its own.

import { ASSIGNED_STATUSES, parseRow, type DepartmentIndex, type LedgerDef } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { departmentScope, scopeCounty } from '../scope';

/** Canonical values by field key; `departmentId` is the row's registry id, not a value. */
export type Filter = Readonly<Record<string, string>>;

/** A filter and whether only assigned problems count (a department account's scope). */
export interface Selection {
  readonly filter: Filter;
  readonly assignedOnly: boolean;
}

function departmentId(index: DepartmentIndex | undefined, value: string): { id: string } | { text: string } {
  if (index === undefined) return { text: value };
  const found = index.byId(value) ?? index.find(value);
  if (found === undefined) throw apiError('invalid-argument', text.unknownDepartment(value));
  return { id: found.id };
}

export function canonicalFilter(ledger: LedgerDef, caller: Caller, raw: Record<string, string | undefined> = {}, departments?: DepartmentIndex): Selection {
  const filter: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (key === 'department') {
      const d = departmentId(departments, value.normalize('NFKC').trim());
      if ('id' in d) filter.departmentId = d.id;
      else filter.department = d.text;
      continue;
    }
    // Each value on its own: a filter is not a row, so cross-field rules do not apply.
    const { values, errors } = parseRow(ledger, { [key]: value }, {});
    const error = errors.find((e) => e.field === key);
    if (error) throw apiError('invalid-argument', text.badRequest(`filter.${key}: ${error.message}`));
    filter[key] = String(values[key]);
  }
  const own = departmentScope(caller);
  if (caller.role === 'department') {
    if (own === undefined || ledger.name !== 'problems') throw apiError('permission-denied', text.departmentOnlyProblems());
    if ((filter.departmentId !== undefined && filter.departmentId !== own) || filter.department !== undefined) {
      throw apiError('permission-denied', text.otherDepartment());
    }
    if (filter.status !== undefined && !ASSIGNED_STATUSES.includes(filter.status)) throw apiError('permission-denied', text.otherDepartment());
    filter.departmentId = own;
    return { filter, assignedOnly: true };
  }
  const scope = scopeCounty(caller);
  if (scope !== undefined) {
    if (filter.county !== undefined && filter.county !== scope) {
      throw apiError('permission-denied', text.outOfScope(filter.county));
    }
    filter.county = scope;
  }
  return { filter, assignedOnly: false };
}

/** A stable fingerprint of a filter, so a page token cannot be replayed under another one. */
export function filterKey(filter: Filter): string {
  return Object.keys(filter)
    .sort()
    .map((k) => `${k}=${filter[k]}`)
    .join('&');
}

/** The store field a filter key is on. */
export function filterField(key: string): string {
  return key === 'departmentId' ? 'departmentId' : `values.${key}`;
}

export function matches(row: { values: Readonly<Record<string, unknown>>; departmentId?: string | null }, sel: Selection): boolean {
  for (const k in sel.filter) {
    const have = k === 'departmentId' ? row.departmentId : row.values[k];
    if (have !== sel.filter[k]) return false;
  }
  return !sel.assignedOnly || ASSIGNED_STATUSES.includes(row.values.status);
}
