// `getInbox` (docs/api.md#getinbox): what awaits the caller, by reason, as of a day.

import { callable } from './callable';
import { INBOX_REASONS, callerHolder, parseDateText, todayInShanghai } from '@taizhang/ledger';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { apiError, text } from '../messages';
import { readInbox } from '../inbox/service';
import { firestore } from '../store/db';
import { inboxRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const getInbox = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(inboxRequestSchema, request.data);
    if (req.asOf !== undefined && !parseDateText(req.asOf).ok) {
      throw apiError('invalid-argument', text.badRequest(`asOf: ${req.asOf} is not a date`));
    }
    const holder = callerHolder(caller);
    if (holder === undefined) throw apiError('permission-denied', text.noInbox());
    return readInbox(firestore(), INBOX_REASONS[caller.role], holder, req.asOf ?? todayInShanghai());
  }),
);
