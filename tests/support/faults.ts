// A transport that misbehaves the way networks do, for the adversarial suite (issue #7):
// some answers never reach the client (the request was served, the client sees a network
// failure and retries with the same requestId), and some requests arrive twice (a proxy or a
// double click re-sends them; both copies are served, the client sees one answer).
import { ApiError, apiMessages, type Transport } from '@taizhang/client';

export interface FaultOptions {
  /** Share of answers dropped after the server served the request (0–1). */
  readonly dropAnswers: number;
  /** Share of requests sent twice, concurrently (0–1). */
  readonly duplicateRequests: number;
  /** Deterministic randomness (scripts/demo/rows.ts `random(seed)`). */
  readonly random: () => number;
}

export interface FaultFigures {
  requests: number;
  /** Requests sent twice (each counts once in `requests`). */
  duplicated: number;
  dropped: number;
  /** pushRows requests whose requestId had been sent before (retries after a drop or failure). */
  replays: number;
  /** What the client saw fail, by status (dropped answers show as NETWORK). */
  errors: Record<string, number>;
}

export function newFaultFigures(): FaultFigures {
  return { requests: 0, duplicated: 0, dropped: 0, replays: 0, errors: {} };
}

/** Adds b's counts into a. */
export function addFigures(a: FaultFigures, b: FaultFigures): void {
  a.requests += b.requests;
  a.duplicated += b.duplicated;
  a.dropped += b.dropped;
  a.replays += b.replays;
  for (const [k, n] of Object.entries(b.errors)) a.errors[k] = (a.errors[k] ?? 0) + n;
}

const requestIdOf = (name: string, data: unknown): string | undefined =>
  name === 'pushRows' && typeof data === 'object' && data !== null ? (data as { requestId?: string }).requestId : undefined;

export function faultyTransport(inner: Transport, o: FaultOptions, figures: FaultFigures): Transport {
  const seen = new Set<string>();
  const fail = (status: string) => {
    figures.errors[status] = (figures.errors[status] ?? 0) + 1;
  };
  return async (name, data) => {
    figures.requests++;
    const requestId = requestIdOf(name, data);
    if (requestId !== undefined) {
      if (seen.has(requestId)) figures.replays++;
      seen.add(requestId);
    }
    let answer: unknown;
    try {
      if (o.random() < o.duplicateRequests) {
        figures.duplicated++;
        const both = await Promise.allSettled([inner(name, data), inner(name, data)]);
        const ok = both.find((r) => r.status === 'fulfilled');
        if (!ok) throw (both[0] as PromiseRejectedResult).reason;
        answer = ok.value;
      } else {
        answer = await inner(name, data);
      }
    } catch (err) {
      fail(err instanceof ApiError ? err.status : 'THROWN');
      throw err;
    }
    if (o.random() < o.dropAnswers) {
      figures.dropped++;
      fail('NETWORK');
      throw new ApiError('NETWORK', apiMessages.network('answer dropped by the test'), undefined, name);
    }
    return answer;
  };
}
