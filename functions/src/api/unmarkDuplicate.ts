// `unmarkDuplicate` (docs/api.md#unmarkduplicate): the link of a problem undone, by a coordinator in
// scope of it and its root, or an administrator.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { unmarkDuplicate as decide } from '../duplicates/service';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';
import { unmarkDuplicateRequestSchema, parseRequest } from './schemas';

export const unmarkDuplicate = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(unmarkDuplicateRequestSchema, request.data);
    return decide(firestore(), caller, req.id);
  }),
);
