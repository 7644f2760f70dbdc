// Claims → what this caller may read and write (docs/api.md#scope). The only place
// that answers "may they?"; every callable asks here. A department account's scope is not a
// county but the problems assigned to it (ledger/src/rights.ts mayRead).

import { mayRead } from '@taizhang/ledger';
import type { Caller } from './auth';

/** The county a caller is confined to, or undefined for the whole city (a department: see departmentScope). */
export function scopeCounty(caller: Caller): string | undefined {
  return caller.role === 'admin' || caller.role === 'department' ? undefined : caller.county;
}

/** The department whose assigned problems are all a department account sees; undefined for other roles. */
export function departmentScope(caller: Caller): string | undefined {
  return caller.role === 'department' ? caller.department : undefined;
}

/** Rows of a county: a department reads none by county, only what is assigned to it. */
export function canRead(caller: Caller, county: unknown): boolean {
  if (caller.role === 'department') return false;
  const scope = scopeCounty(caller);
  return scope === undefined || county === scope;
}

export interface OwnedRow {
  readonly county: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The work group of the clerk who created the row; null when a coordinator or admin did. */
  readonly ownerGroup: string | null;
  /** The registry id of the department the row names. */
  readonly departmentId?: string | null;
}

/** This stored row: by county, or for a department, assigned to it. */
export function canReadRow(caller: Caller, row: OwnedRow): boolean {
  if (caller.role === 'department') return mayRead(caller, row);
  return canRead(caller, row.county);
}

/** New rows: a clerk in its own county, a coordinator in its scope, an admin anywhere; a department never. */
export function canCreate(caller: Caller, county: unknown): boolean {
  return canRead(caller, county);
}

/**
 * Updating or withdrawing: a clerk only rows its own group created (and in its county), a
 * coordinator rows in scope, an admin any, a department the problems assigned to it (which
 * columns it may change the rights decide). `newCounty` is where an update would move the row.
 */
export function canModify(caller: Caller, row: OwnedRow, newCounty: unknown = row.county): boolean {
  if (caller.role === 'department') return mayRead(caller, row);
  if (!canRead(caller, row.county) || !canRead(caller, newCounty)) return false;
  return caller.role !== 'clerk' || (row.ownerGroup !== null && row.ownerGroup === caller.group);
}

/** Notices and supervision figures: coordinators (their county, or the city) and admins; never clerks or departments. */
export function canSupervise(caller: Caller): boolean {
  return caller.role === 'coordinator' || caller.role === 'admin';
}

/**
 * The registries of enterprises and villages of a county: whoever may report rows there (a
 * clerk or coordinator their county, the city's coordinators and admins any); department
 * accounts report no rows and read none. `county` undefined: the whole city, for those whose
 * scope it is.
 */
export function canReadTargets(caller: Caller, county: string | undefined): boolean {
  if (caller.role === 'department') return false;
  const scope = scopeCounty(caller);
  return scope === undefined || county === scope;
}
