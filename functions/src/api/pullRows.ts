// `pullRows` (docs/api.md#pullrows): the caller's scope, filtered, paged, or what changed since a cursor.

import { callable } from './callable';
import { getLedger } from '@taizhang/ledger';
import { requireCaller } from '../auth';
import { pullOptions } from '../config';
import { canonicalFilter } from '../pull/filter';
import { departmentsFor } from '../departments/store';
import type { PullAnswer } from '@taizhang/ledger';
import { pullRows as pull } from '../pull/service';
import { firestore } from '../store/db';
import { DEFAULT_PAGE_SIZE, parseRequest, pullRequestSchema } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const pullRows = callable(
  pullOptions,
  answerUnavailableWhenStoreDown(async (request): Promise<PullAnswer> => {
    const caller = await requireCaller(request);
    const req = parseRequest(pullRequestSchema, request.data);
    const { filter, assignedOnly } = canonicalFilter(getLedger(req.ledger), caller, req.filter, await departmentsFor(firestore(), req.filter));
    return pull(firestore(), {
      ledger: req.ledger,
      filter,
      assignedOnly,
      pageSize: req.pageSize ?? DEFAULT_PAGE_SIZE,
      ...(req.since !== undefined && { since: req.since }),
      ...(req.pageToken !== undefined && { pageToken: req.pageToken }),
    });
  }),
);
