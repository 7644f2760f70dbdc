// `getNotice` (docs/api.md#getnotice): the stored notice of a day, in the caller's scope.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { apiError, text } from '../messages';
import { noticeDate, noticeScope } from '../supervision/access';
import { readNotice } from '../supervision/service';
import { firestore } from '../store/db';
import { noticeRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const getNotice = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const county = noticeScope(caller);
    const req = parseRequest(noticeRequestSchema, request.data);
    const date = noticeDate(req.date);
    const notice = await readNotice(firestore(), date, county);
    if (!notice) throw apiError('not-found', text.noticeNotFound(date));
    return notice;
  }),
);
