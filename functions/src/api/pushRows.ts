// `pushRows` (docs/api.md#pushrows): check auth → check the request → the clerk's group is registered →
// judge and store each row.

import { rowsPushed } from '../logs';
import { callable } from './callable';
import { todayInShanghai } from '@taizhang/ledger';
import { requireCaller } from '../auth';
import { pushOptions } from '../config';
import { requireRegisteredGroup } from '../groups/registry';
import { pushRows as push } from '../push/service';
import type { PushResult } from '../push/types';
import { firestore } from '../store/db';
import { checkPushLimits, checkUniqueKeys, parseRequest, pushRequestSchema } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const pushRows = callable(
  pushOptions,
  answerUnavailableWhenStoreDown(async (request): Promise<{ results: PushResult[] }> => {
    const caller = await requireCaller(request);
    checkPushLimits(request.data);
    const req = parseRequest(pushRequestSchema, request.data);
    checkUniqueKeys(req.rows);
    // The registry rule (groups/registry.ts): an unknown or inactive group may not push.
    const ownGroup = await requireRegisteredGroup(firestore(), caller);
    const results = await push(firestore(), caller, req, { today: todayInShanghai() }, ownGroup);
    const outcomes: Record<string, number> = {};
    for (const r of results) outcomes[r.status] = (outcomes[r.status] ?? 0) + 1;
    rowsPushed({ uid: caller.uid, ledger: req.ledger, requestId: req.requestId, rows: req.rows.length, outcomes });
    return { results };
  }),
);
