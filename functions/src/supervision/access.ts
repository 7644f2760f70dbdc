// What the notice callables share: who may see notices, and which day a request names.

import { EARLIEST_DATE, parseDateText, todayInShanghai } from '@taizhang/ledger';
import type { Caller } from '../auth';
import { apiError, text } from '../messages';
import { canSupervise, scopeCounty } from '../scope';

/** The county whose notice the caller sees (undefined: the city), or `permission-denied` for clerks. */
export function noticeScope(caller: Caller): string | undefined {
  if (!canSupervise(caller)) throw apiError('permission-denied', text.noticesForbidden());
  return scopeCounty(caller);
}

/** A real calendar day from EARLIEST_DATE to today in Asia/Shanghai; else `invalid-argument`. */
export function noticeDate(date: string, today: string = todayInShanghai()): string {
  const parsed = parseDateText(date);
  if (!parsed.ok || parsed.value !== date) throw apiError('invalid-argument', text.badRequest(`date: ${date} is not a date`));
  if (date < EARLIEST_DATE) throw apiError('invalid-argument', text.earlyDate(date, EARLIEST_DATE));
  if (date > today) throw apiError('invalid-argument', text.futureDate(date, today));
  return date;
}
