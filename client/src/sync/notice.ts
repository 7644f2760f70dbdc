// The notice of a day as every client gets it: the stored one (getNotice), or — when none is
// stored and the account is a coordinator or an administrator — one made now from the
// current rows (generateNotice), which the ledger system keeps.

import type { ApiClient } from '../api/client';
import { ApiError, throwIfAborted } from '../api/errors';
import type { NoticeAnswer } from '../api/types';

export interface FetchedNotice {
  readonly notice: NoticeAnswer;
  /** Made now because none was stored. */
  readonly generated: boolean;
}

export const canMakeNotices = (role: string | undefined): boolean => role === 'coordinator' || role === 'admin';

export async function fetchNotice(api: ApiClient, date: string, role: string | undefined, signal?: AbortSignal): Promise<FetchedNotice> {
  try {
    return { notice: await api.getNotice(date, signal), generated: false };
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 'NOT_FOUND' && canMakeNotices(role))) throw err;
    throwIfAborted(signal);
    return { notice: await api.generateNotice(date, signal), generated: true };
  }
}
