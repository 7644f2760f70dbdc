// `dismissDuplicate` (docs/api.md#dismissduplicate): two problems recorded as not the same, so
// neither is offered as the other's likely duplicate again.

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { dismissDuplicate as decide } from '../duplicates/service';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';
import { dismissDuplicateRequestSchema, parseRequest } from './schemas';

export const dismissDuplicate = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(dismissDuplicateRequestSchema, request.data);
    return decide(firestore(), caller, req.id, req.of);
  }),
);
