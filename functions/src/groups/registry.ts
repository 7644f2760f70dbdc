// The work-group registry in Firestore (`groups/{id}`, ledger/src/groups.ts) and its rule:
// a clerk pushes only while its `group` claim names an active registered group of its county.
//
// Fresh deployments: a county with no registered group at all is not under the registry yet,
// so its clerks push as before (checkClerkGroup). Registering the first group of a county
// switches the rule on for that county; nothing else needs configuring.

import type { Firestore } from 'firebase-admin/firestore';
import { checkClerkGroup } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError } from '../messages';
import { paths } from '../store/paths';
import { toGroup } from './store';

/**
 * Throws `permission-denied` when the caller is a clerk whose group is unknown or inactive
 * in a county that has a registry. Three small reads: the groups named like the claim, the
 * group whose id is the claim, and whether the county has any group at all.
 */
export async function requireRegisteredGroup(db: Firestore, caller: Caller): Promise<void> {
  if (caller.role !== 'clerk' || caller.county === undefined || caller.group === undefined) return;
  const { county, group } = caller;
  const byCounty = paths.groups(db).where('county', '==', county);
  const idUsable = /^[^/]{1,64}$/.test(group) && group !== '.' && group !== '..' && !/^__.*__$/.test(group);
  const [named, any, byId] = await Promise.all([
    byCounty.where('name', '==', group).get(),
    byCounty.limit(1).get(),
    idUsable ? paths.group(db, group).get() : Promise.resolve(undefined),
  ]);
  const found = named.docs.map((d) => toGroup(d.data()));
  if (byId?.exists) found.push(toGroup(byId.data()!));
  // Only the county's existence matters beyond the matches: one document stands for the registry.
  const registered = any.empty ? found : [...found, ...any.docs.map((d) => toGroup(d.data()))];
  const problem = checkClerkGroup(county, group, registered);
  if (problem) throw apiError('permission-denied', problem);
}
