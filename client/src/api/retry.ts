// Transient failures are retried with exponential backoff. Safe for pushRows because the
// caller re-sends the same request (same requestId): the server answers a replay with its
// first answer and writes nothing twice.

import { ApiError, apiMessages, cancelledError, isTransient } from './errors';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Injected by tests so that backoff takes no time. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onRetry?: (attempt: number, err: ApiError, delayMs: number) => void;
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function withRetry<T>(call: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 5;
  const base = o.baseDelayMs ?? 500;
  const max = o.maxDelayMs ?? 8_000;
  const sleep = o.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isTransient(err)) throw err;
      const e = err as ApiError;
      if (attempt >= attempts) throw new ApiError(e.status, apiMessages.gaveUp(attempt, e), e.details, e.callable);
      // Full jitter keeps many panes that lost the network together from retrying in step.
      const delay = Math.round(Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
      o.onRetry?.(attempt, e, delay);
      await sleep(delay, o.signal);
    }
  }
}
