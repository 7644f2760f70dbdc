// `sendReminders`: every minute, posts the outbox's due messages to their robots
// (channels/sender.ts) after fanning out the 交办 / 退回 events committed since the last run.
// Runs for at most 50 s so that two runs rarely overlap; when they do, the claims' leases keep
// them from posting the same message.

import { onSchedule } from 'firebase-functions/v2/scheduler';
import { REGION } from '../config';
import { sendDueReminders } from '../channels/sender';
import { firestore } from '../store/db';
import { reminderAttempt, remindersSent } from '../logs';

export const sendReminders = onSchedule({ schedule: 'every 1 minutes', timeZone: 'Asia/Shanghai', region: REGION, timeoutSeconds: 120 }, async () => {
  const report = await sendDueReminders(firestore(), { budgetMs: 50_000, log: reminderAttempt });
  if (report.sent + report.retried + report.failed + report.deferred > 0) remindersSent(report);
});
