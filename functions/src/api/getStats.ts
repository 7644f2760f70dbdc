// `getStats` (docs/api.md#getstats): figures by county, sector, category, department, group or level,
// as of a given day (default: today in Asia/Shanghai).

import { callable } from './callable';
import { fieldOf, getLedger, parseDateText, todayInShanghai } from '@taizhang/ledger';
import { requireCaller } from '../auth';
import { statsOptions } from '../config';
import { apiError, text } from '../messages';
import { canonicalFilter } from '../pull/filter';
import { departmentsFor } from '../departments/store';
import { getStats as stats } from '../stats/service';
import { firestore } from '../store/db';
import { parseRequest, statsRequestSchema } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

// Reading every row in scope may legitimately take a while: wait up to 50 s of the 60 s.
export const getStats = callable(
  statsOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const req = parseRequest(statsRequestSchema, request.data);
    const ledger = getLedger(req.ledger);
    if (!fieldOf(ledger, req.groupBy)) {
      throw apiError('invalid-argument', text.badRequest(`groupBy: ${ledger.name} has no field ${req.groupBy}`));
    }
    if (req.asOf !== undefined && !parseDateText(req.asOf).ok) {
      throw apiError('invalid-argument', text.badRequest(`asOf: ${req.asOf} is not a date`));
    }
    const needRegistry = req.groupBy === 'department' ? { department: '' } : req.filter;
    const departments = await departmentsFor(firestore(), needRegistry);
    const selection = canonicalFilter(ledger, caller, req.filter, departments);
    return stats(firestore(), req.ledger, req.groupBy, selection, req.asOf ?? todayInShanghai(), departments);
  }, 50_000),
);
