// `generateNotice` (docs/api.md#generatenotice): today's notice now, for the caller's scope.
//
// A notice is a record that was sent out, so a stored one is answered as it is, and a notice
// is only ever computed for today: a past day without one is refused. A city-wide caller
// stores the city's notice and each county's not stored yet (as dailyNotice does); a county
// coordinator stores its own county's notice and nothing else.

import { noticeGenerated } from '../logs';
import { callable } from './callable';
import { requireCaller } from '../auth';
import { noticeOptions } from '../config';
import { todayInShanghai } from '@taizhang/ledger';
import { apiError, text } from '../messages';
import { noticeDate, noticeScope } from '../supervision/access';
import { generateCountyNotice, generateNotices, readNotice } from '../supervision/service';
import { firestore } from '../store/db';
import { noticeRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

// Reads the whole store: wait up to 280 s of its 300 s.
export const generateNotice = callable(
  noticeOptions,
  answerUnavailableWhenStoreDown(async (request) => {
    const caller = await requireCaller(request);
    const county = noticeScope(caller);
    const req = parseRequest(noticeRequestSchema, request.data);
    const today = todayInShanghai();
    const date = noticeDate(req.date, today);
    if (date !== today) {
      const stored = await readNotice(firestore(), date, county);
      if (!stored) throw apiError('failed-precondition', text.noticePastDay(date, today));
      return stored;
    }
    const notice = county === undefined ? (await generateNotices(firestore(), date)).city : await generateCountyNotice(firestore(), date, county);
    noticeGenerated({ uid: caller.uid, date, county: county ?? null, problems: notice.totals.problems });
    return notice;
  }, 280_000),
);
