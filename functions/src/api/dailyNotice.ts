// `dailyNotice`: every day at 07:00 Asia/Shanghai, the notice of that day.
//
// Which day: the run's own day D (Asia/Shanghai), so the stored notice is `notices/{D}`.
// Its figures are "as of D" — a problem is overdue when its deadline is before D, i.e. it
// was due yesterday or earlier — and its silent groups are those that pushed nothing in the
// seven full days D−7 … D−1 (at 07:00 day D itself has barely begun). The day is taken from
// the scheduler's scheduleTime, so a retried run finds that day's notice stored and leaves it.
//
// After the notice, each robot channel's digest of that day goes into the outbox
// (channels/digests.ts); a rerun adds none twice, and `sendReminders` posts them. A failed
// run is retried (retryCount), so a digest that could not be decided is decided later.

import { dailyDigestsQueued, dailyNoticeWritten } from '../logs';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { shanghaiDate } from '@taizhang/ledger';
import { REGION } from '../config';
import { generateNotices } from '../supervision/service';
import { firestore } from '../store/db';
import { enqueueDailyDigests } from '../channels/digests';

export const dailyNotice = onSchedule(
  { schedule: 'every day 07:00', timeZone: 'Asia/Shanghai', region: REGION, timeoutSeconds: 540, memory: '1GiB', retryCount: 3 },
  async (event) => {
    const at = Date.parse(event.scheduleTime);
    const date = shanghaiDate(Number.isNaN(at) ? Date.now() : at);
    const set = await generateNotices(firestore(), date);
    dailyNoticeWritten({ date, problems: set.city.totals.problems, overdue: set.city.totals.overdue, silentGroups: set.city.totals.silentGroups });
    const digests = await enqueueDailyDigests(firestore(), date, set);
    dailyDigestsQueued({ date, created: digests.created.length, existing: digests.existing.length, quiet: digests.quiet.length });
  },
);
