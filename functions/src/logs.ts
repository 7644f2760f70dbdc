// Every event the functions write to Cloud Logging, one function each, so the events a
// maintainer can search for are all listed here, with their fields. Nothing else in the
// functions writes to the log.
import { logger } from 'firebase-functions';

/** A push was answered: its rows counted by outcome (created, updated, conflict, …). */
export function rowsPushed(fields: { uid: string; ledger: string; requestId: string; rows: number; outcomes: Record<string, number> }): void {
  logger.info('pushRows', { uid: fields.uid, ledger: fields.ledger, requestId: fields.requestId, rows: fields.rows, ...fields.outcomes });
}

/** Someone asked for today's notice and it was computed afresh. */
export function noticeGenerated(fields: { uid: string; date: string; county: string | null; problems: number }): void {
  logger.info('generateNotice', fields);
}

/** The morning's notices were written for the city and every county. */
export function dailyNoticeWritten(fields: { date: string; problems: number; overdue: number; silentGroups: number }): void {
  logger.info('dailyNotice', fields);
}

/** The morning's digests were queued for the reminder robots. */
export function dailyDigestsQueued(fields: { date: string; created: number; existing: number; quiet: number }): void {
  logger.info('dailyDigests', fields);
}

/** One reminder was tried: sent, retried, failed or deferred. */
export function reminderAttempt(event: string, fields: Record<string, string | number>): void {
  logger.info(event, fields);
}

/** A run of the reminder sender that did something. */
export function remindersSent(fields: { sent: number; retried: number; failed: number; deferred: number }): void {
  logger.info('sendReminders', fields);
}

/** The store did not answer the rate limit's count in time; the call went ahead uncounted. */
export function rateLimitNotCounted(uid: string): void {
  logger.warn('rate limit not counted: the store did not answer in time', { uid });
}

/** Firebase Auth could not be reached to check a caller; the caller is told to try again. */
export function authLookupFailed(err: unknown): void {
  logger.error('Auth lookup failed', err);
}
