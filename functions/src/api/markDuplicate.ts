// `markDuplicate` (docs/api.md#markduplicate): a coordinator in scope of both problems, or an
// administrator, links a problem to the one it repeats (to that one's root).

import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { markDuplicate as decide } from '../duplicates/service';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';
import { markDuplicateRequestSchema, parseRequest } from './schemas';

export const markDuplicate = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(markDuplicateRequestSchema, request.data);
    return decide(firestore(), caller, req.id, req.of);
  }),
);
