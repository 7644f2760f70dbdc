// `generateNotice` (docs/api.md#generatenotice): compute and store a day's notices now (the
// city-wide one and each county's, as dailyNotice does), answer the caller's.

import { logger } from 'firebase-functions';
import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { noticeDate, noticeScope } from '../supervision/access';
import { generateNotices, readNotice } from '../supervision/service';
import { firestore } from '../store/db';
import { noticeRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

// Reads the whole store: wait up to 280 s of its 300 s.
export const generateNotice = callable({ ...callableOptions, timeoutSeconds: 300, memory: '1GiB' }, answerUnavailableWhenStoreDown(async (request) => {
  const caller = await requireCaller(request);
  const county = noticeScope(caller);
  const req = parseRequest(noticeRequestSchema, request.data);
  const date = noticeDate(req.date);
  const set = await generateNotices(firestore(), date);
  logger.info('generateNotice', { uid: caller.uid, date, problems: set.city.totals.problems });
  if (county === undefined) return set.city;
  return set.counties.find((n) => n.county === county) ?? (await readNotice(firestore(), date, county))!;
}, 280_000));
