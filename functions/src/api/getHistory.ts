// `getHistory` (docs/api.md#gethistory): the revisions of one row, oldest first.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { apiError, text } from '../messages';
import { readHistory } from '../history/service';
import { firestore } from '../store/db';
import { historyRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const getHistory = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(historyRequestSchema, request.data);
    const history = await readHistory(firestore(), caller, req.ledger, req.id);
    if (history === undefined) throw apiError('permission-denied', text.historyForbidden(req.id));
    return history;
  }),
);
