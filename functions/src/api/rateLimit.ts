// Each account's calls per minute, capped (TAIZHANG_CALLS_PER_MINUTE): a scripted loop of
// getStats or pullRows, each of which may read every row in scope, costs at most that many
// scans a minute, then one counter write and read per refused call.
//
// The count lives in Firestore (`rateLimits/{uid}-{minute}`), so every instance of every
// callable shares it. A counter document has `expireAt`: a TTL policy on that field
// (docs/security.md) deletes the old ones in production.

import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { defineInt } from 'firebase-functions/params';
import { rateLimitNotCounted } from '../logs';
import { apiError, text } from '../messages';
import { isStoreOutage } from '../store/outage';

export const DEFAULT_CALLS_PER_MINUTE = 600;

export const CALLS_PER_MINUTE = defineInt('TAIZHANG_CALLS_PER_MINUTE', {
  default: DEFAULT_CALLS_PER_MINUTE,
  description: 'Calls each account may make per minute / 每个账户每分钟可调用的次数',
});

/** How long the counter may take before the call goes on uncounted (the store is then down or slow). */
const COUNT_WAIT_MS = 3000;
const MINUTE = 60_000;

/** The counter of one account's calls in the minute that holds `at` (ms since the epoch). */
export function rateWindowRef(db: Firestore, uid: string, at: number): DocumentReference {
  return db.collection('rateLimits').doc(`${uid}-${Math.floor(at / MINUTE)}`);
}

function limit(): number {
  const n = CALLS_PER_MINUTE.value();
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CALLS_PER_MINUTE;
}

async function count(db: Firestore, uid: string, now: number): Promise<number> {
  const ref = rateWindowRef(db, uid, now);
  const windowEnd = (Math.floor(now / MINUTE) + 1) * MINUTE;
  await ref.set({ calls: FieldValue.increment(1), expireAt: Timestamp.fromMillis(windowEnd + MINUTE) }, { merge: true });
  return ((await ref.get()).get('calls') as number | undefined) ?? 0;
}

/**
 * Counts one call of `uid`; throws `resource-exhausted` (details: limit, retryAfterSeconds)
 * beyond the limit. When the counter cannot be reached in time the call goes on: the store
 * being down is answered by the handler, which needs it too.
 */
export async function spendCall(db: Firestore, uid: string, now: number = Date.now()): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), COUNT_WAIT_MS);
  });
  let calls: number | undefined;
  try {
    calls = await Promise.race([count(db, uid, now), late]);
  } catch (err) {
    if (!isStoreOutage(err)) throw err;
  } finally {
    clearTimeout(timer);
  }
  if (calls === undefined) {
    rateLimitNotCounted(uid);
    return;
  }
  const max = limit();
  if (calls > max) {
    const retryAfterSeconds = Math.max(1, Math.ceil(((Math.floor(now / MINUTE) + 1) * MINUTE - now) / 1000));
    throw apiError('resource-exhausted', text.tooManyCalls(max, retryAfterSeconds), { limit: max, retryAfterSeconds });
  }
}
