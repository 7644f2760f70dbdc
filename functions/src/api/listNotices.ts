// `listNotices` (docs/API-supervision.md): the latest stored notices, newest first.

import { onCall } from 'firebase-functions/v2/https';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { noticeScope } from '../supervision/access';
import { listNotices as list } from '../supervision/service';
import { firestore } from '../store/db';
import { DEFAULT_NOTICES, listNoticesRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const listNotices = onCall(callableOptions, answerUnavailableWhenStoreDown(async (request) => {
  const caller = requireCaller(request);
  const county = noticeScope(caller);
  const req = parseRequest(listNoticesRequestSchema, request.data ?? {});
  return { notices: await list(firestore(), req.limit ?? DEFAULT_NOTICES, county) };
}));
