// `listTargets` (docs/api.md#listtargets): a county's active enterprises or villages, page by
// page, for the add-in's lists and the command line's filling.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { apiError, text } from '../messages';
import { canReadTargets } from '../scope';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';
import { pageTargets } from '../store/targets';
import { listTargetsRequestSchema, parseRequest } from './schemas';

/** The page token is the last id of the page before, wrapped so that it is not taken for one. */
const token = {
  of: (id: string) => Buffer.from(JSON.stringify({ after: id })).toString('base64url'),
  read(t: string): string {
    try {
      const after = (JSON.parse(Buffer.from(t, 'base64url').toString('utf8')) as { after?: unknown }).after;
      if (typeof after === 'string' && after !== '' && !after.includes('/')) return after;
    } catch {
      /* answered below */
    }
    throw apiError('invalid-argument', text.badPageToken());
  },
};

export const listTargets = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(listTargetsRequestSchema, request.data);
    if (!canReadTargets(caller, req.county)) throw apiError('permission-denied', text.targetsForbidden(caller.role === 'department' ? undefined : req.county));
    const kind = req.targetType === '入企' ? 'enterprises' : 'villages';
    const page = await pageTargets(firestore(), kind, req.county, req.pageToken === undefined ? undefined : token.read(req.pageToken));
    return { entries: page.entries, ...(page.next !== undefined && { nextPageToken: token.of(page.next) }) };
  }),
);
