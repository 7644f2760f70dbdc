// What a callable answers while Firestore cannot be reached: `unavailable`, in both
// languages, within STORE_WAIT_MS — never a hang, never `internal`.
//
// Why a deadline and not only an error mapping: firebase-admin's Firestore client retries a
// refused connection (UNAVAILABLE) by itself, with backoff growing to a minute and for up to
// ten minutes (@google-cloud/firestore's built-in retry settings, which it passes on every
// call, so they cannot be configured). Left alone, a callable waits until the function's own
// timeout kills it and the client sees a dropped connection. With the deadline it answers
// `unavailable`, and the client retries with the same requestId (client/src/api/retry.ts).
//
// The abandoned work may still finish once Firestore is back. That is safe: a push commits
// each unit atomically with a precondition on its answer document, so the abandoned run and
// the client's retry cannot both commit a unit (push/service.ts); reads change nothing.

import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { apiError, text } from '../messages';

/** Below the default 60 s function timeout and the add-in's 60 s call timeout. */
export const STORE_WAIT_MS = 20_000;

/** gRPC status codes Firestore fails with when it cannot be reached or did not answer in time. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** True for Firestore's "cannot reach the database" errors (gRPC code or firebase-admin's string form). */
export function isStoreOutage(err: unknown): boolean {
  if (err instanceof HttpsError) return false; // our own answer, already decided
  const code = (err as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === 'unavailable' || code === 'deadline-exceeded';
}

export function storeUnavailable(): HttpsError {
  return apiError('unavailable', text.storeUnavailable());
}

/**
 * Wraps a callable's handler: Firestore outage errors become `unavailable`, and so does a
 * handler still waiting after `waitMs`.
 */
export function answerUnavailableWhenStoreDown<Req, Res>(
  handler: (request: CallableRequest<Req>) => Promise<Res>,
  waitMs: number = STORE_WAIT_MS,
): (request: CallableRequest<Req>) => Promise<Res> {
  return async (request) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(storeUnavailable()), waitMs);
    });
    try {
      // race subscribes to the handler's promise, so its late failure is never unhandled.
      return await Promise.race([handler(request), deadline]);
    } catch (err) {
      throw isStoreOutage(err) ? storeUnavailable() : err;
    } finally {
      clearTimeout(timer);
    }
  };
}
