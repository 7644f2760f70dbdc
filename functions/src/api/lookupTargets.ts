// `lookupTargets` (docs/api.md#lookuptargets): up to 20 enterprises or villages by name, other
// name or credit-code prefix, for the pane's search box; within the caller's county unless the
// caller's scope is the city.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { apiError, text } from '../messages';
import { canReadTargets, scopeCounty } from '../scope';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';
import { lookupTargets as lookup } from '../store/targets';
import { lookupTargetsRequestSchema, parseRequest } from './schemas';

export const lookupTargets = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(lookupTargetsRequestSchema, request.data);
    const county = req.county ?? (caller.role === 'department' ? undefined : scopeCounty(caller));
    if (!canReadTargets(caller, county)) throw apiError('permission-denied', text.targetsForbidden(caller.role === 'department' ? undefined : county));
    const kind = req.targetType === '入企' ? 'enterprises' : 'villages';
    return { matches: await lookup(firestore(), kind, req.query, county) };
  }),
);
