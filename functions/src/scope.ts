// Claims → what this caller may read and write (docs/api.md#scope). The only place
// that answers "may they?"; every callable asks here.

import type { Caller } from './auth';

/** The county a caller is confined to, or undefined for the whole city. */
export function scopeCounty(caller: Caller): string | undefined {
  return caller.role === 'admin' ? undefined : caller.county;
}

export function canRead(caller: Caller, county: unknown): boolean {
  const scope = scopeCounty(caller);
  return scope === undefined || county === scope;
}

/** New rows: a clerk in its own county, a coordinator in its scope, an admin anywhere. */
export function canCreate(caller: Caller, county: unknown): boolean {
  return canRead(caller, county);
}

export interface OwnedRow {
  readonly county: string;
  /** The work group of the clerk who created the row; null when a coordinator or admin did. */
  readonly ownerGroup: string | null;
}

/**
 * Updating or withdrawing: a clerk only rows its own group created (and in its county), a
 * coordinator rows in scope, an admin any. `newCounty` is where an update would move the row.
 */
export function canModify(caller: Caller, row: OwnedRow, newCounty: unknown = row.county): boolean {
  if (!canRead(caller, row.county) || !canRead(caller, newCounty)) return false;
  return caller.role !== 'clerk' || (row.ownerGroup !== null && row.ownerGroup === caller.group);
}

/** Notices and supervision figures: coordinators (their county, or the city) and admins; never clerks. */
export function canSupervise(caller: Caller): boolean {
  return caller.role === 'coordinator' || caller.role === 'admin';
}
