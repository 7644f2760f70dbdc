// How a callable is reached. The engine only ever sees `Transport`; the pane plugs in the
// Firebase client SDK, Node tests and the emulators use the fetch-based one below.

import { ApiError, apiMessages, splitBilingual } from './errors';

/** Calls callable `name` with `data`; resolves with its result or rejects with ApiError. */
export type Transport = (name: string, data: unknown) => Promise<unknown>;

export interface FetchTransportOptions {
  /** e.g. http://127.0.0.1:5001 (the Functions emulator) or https://…cloudfunctions.net */
  readonly origin: string;
  readonly project: string;
  readonly region: string;
  /**
   * Where the callables are, when not at the emulator's `origin/project/region`: a deployed
   * project serves them at https://REGION-PROJECT.cloudfunctions.net/NAME (the CLI).
   */
  readonly baseUrl?: string;
  /** The current Firebase ID token (refreshed by whoever owns the session); undefined = anonymous. */
  readonly getIdToken: () => Promise<string | undefined> | string | undefined;
  readonly fetch?: typeof fetch;
  /** Per call; a call that takes longer fails DEADLINE_EXCEEDED (and is retried). */
  readonly timeoutMs?: number;
}

/** The callable protocol over HTTP: POST {data}, answer {result} or {error: {status, message}}. */
export function fetchTransport(o: FetchTransportOptions): Transport {
  const doFetch = o.fetch ?? fetch;
  const base = o.baseUrl?.replace(/\/$/, '') ?? `${o.origin.replace(/\/$/, '')}/${o.project}/${o.region}`;
  return async (name, data) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const token = await o.getIdToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${base}/${name}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ data }),
        signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
      });
      text = await res.text();
    } catch (err) {
      const timeout = err instanceof Error && err.name === 'TimeoutError';
      const detail = err instanceof Error ? err.message : String(err);
      throw new ApiError(timeout ? 'DEADLINE_EXCEEDED' : 'NETWORK', apiMessages.network(detail), undefined, name);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // A proxy's HTML error page, a 503 from a load balancer: the callable never answered.
      const status = res.status >= 500 || res.status === 429 ? 'UNAVAILABLE' : 'INTERNAL';
      throw new ApiError(status, apiMessages.badAnswer(name, `HTTP ${res.status}`), undefined, name);
    }
    if (typeof body === 'object' && body !== null) {
      const b = body as { result?: unknown; error?: { status?: string; message?: string; details?: unknown } };
      if (b.error) {
        const message = b.error.message ?? b.error.status ?? 'error';
        throw new ApiError(b.error.status ?? 'INTERNAL', splitBilingual(message), b.error.details, name);
      }
      if ('result' in b) return b.result;
    }
    throw new ApiError('INTERNAL', apiMessages.badAnswer(name, `HTTP ${res.status}`), undefined, name);
  };
}
