// The work-group registry in Firestore (`groups/{id}`, ledger/src/groups.ts) and its rule:
// a clerk pushes only while its `group` claim names an active registered group of its county.
//
// Fresh deployments: a county with no registered group at all is not under the registry yet,
// so its clerks push as before (checkClerkGroup). Registering the first group of a county
// switches the rule on for that county; nothing else needs configuring.

import type { Firestore } from 'firebase-admin/firestore';
import { checkClerkGroup, isGroupId } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError } from '../messages';
import { paths } from '../store/paths';
import { toGroup } from './store';

/**
 * Throws `permission-denied` when the caller is a clerk whose group is unknown or inactive
 * in a county that has a registry. Three small reads: the groups named like the claim, the
 * group whose id is the claim, and whether the county has any group at all. Answers the
 * names a clerk's rows may give its own group: the claim, and the registered group's id and
 * name (a claim may be either); empty for coordinators and administrators.
 */
export async function requireRegisteredGroup(db: Firestore, caller: Caller): Promise<ReadonlySet<string>> {
  if (caller.role !== 'clerk' || caller.county === undefined || caller.group === undefined) return new Set();
  const { county, group } = caller;
  const byCounty = paths.groups(db).where('county', '==', county);
  const [named, any, byId] = await Promise.all([
    byCounty.where('name', '==', group).get(),
    byCounty.limit(1).get(),
    isGroupId(group) ? paths.group(db, group).get() : Promise.resolve(undefined),
  ]);
  const found = named.docs.map((d) => toGroup(d.data()));
  if (byId?.exists) found.push(toGroup(byId.data()!));
  // Beyond the matches only whether the county has a registry matters: one document shows it.
  const problem = checkClerkGroup(county, group, [...found, ...any.docs.map((d) => toGroup(d.data()))]);
  if (problem) throw apiError('permission-denied', problem);
  return new Set([group, ...found.filter((g) => g.county === county).flatMap((g) => [g.id, g.name])]);
}
