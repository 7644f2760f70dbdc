// `listNotices` (docs/api.md#listnotices): the latest stored notices, newest first.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { noticeScope } from '../supervision/access';
import { listNotices as list } from '../supervision/service';
import { firestore } from '../store/db';
import { DEFAULT_NOTICES, listNoticesRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const listNotices = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const county = noticeScope(caller);
    const req = parseRequest(listNoticesRequestSchema, request.data ?? {});
    return { notices: await list(firestore(), req.limit ?? DEFAULT_NOTICES, county) };
  }),
);
