// Every callable is declared with `callable(options, handler)`: firebase-functions' onCall,
// with what every callable needs checked first, cheapest first, so that a request costs
// little until its caller is known and allowed:
//
//   1. its size: a body over the callable's `maxRequestBytes` is refused without a look inside;
//   2. App Check, when TAIZHANG_ENFORCE_APP_CHECK is on (production; api/appCheck.ts);
//   3. the sign-in (auth.ts; the handler's own requireCaller gets the same answer);
//   4. the caller's calls this minute (api/rateLimit.ts);
//   5. only then the body: what the SDK's decoder would fail on or misread (api/wire.ts) is
//      invalid-argument, the rest is decoded and handed to the handler as `data`.
//
// The SDK decodes `data` inside onCall before any handler runs, so the returned function
// takes the raw `data` out of the request first and hands the SDK `data: null` (which decodes
// to nothing); the handler below gets it back. The request takes onCall's ordinary path
// (CORS, token checks, the protocol's error form). The Proxy keeps everything firebase-tools
// reads off the function (`__endpoint`, `run`).
//
// What no code of ours can bound: the platform parses the JSON body (up to 32 MiB) before any
// function runs. Each function's memory and concurrency (config.ts) leave room for that.

import { onCall, type CallableFunction, type CallableOptions, type CallableRequest, type Request } from 'firebase-functions/v2/https';
import { apiError, text } from '../messages';
import { requireCaller } from '../auth';
import { firestore } from '../store/db';
import { requireAppCheck } from './appCheck';
import { spendCall } from './rateLimit';
import { decodeWire, wireProblem } from './wire';

/** What a callable sets beyond onCall's options. */
export interface TaizhangCallableOptions extends CallableOptions {
  /** The largest raw body this callable reads, in bytes. */
  readonly maxRequestBytes: number;
}

/** A raw request's `data`, held back from the SDK's decoder; `tooLarge` when it was not even kept. */
type Held = { readonly data: unknown } | { readonly tooLarge: number };
const held = new WeakMap<object, Held>();

/** The body's size: the raw bytes when the framework kept them, else what the client declared. */
function bodyBytes(req: Request): number {
  const raw = (req as { rawBody?: Buffer }).rawBody;
  if (raw !== undefined) return raw.length;
  const declared = Number(req.headers?.['content-length']);
  return Number.isFinite(declared) ? declared : 0;
}

export function callable<Return>(
  options: TaizhangCallableOptions,
  handler: (request: CallableRequest) => Return,
): CallableFunction<unknown, Return extends Promise<unknown> ? Return : Promise<Return>> {
  const { maxRequestBytes, ...onCallOptions } = options;
  const fn = onCall(onCallOptions, async (request: CallableRequest) => {
    const kept = held.get(request.rawRequest);
    if (kept && 'tooLarge' in kept) throw apiError('invalid-argument', text.requestTooLarge(kept.tooLarge, maxRequestBytes));
    requireAppCheck(request);
    const caller = await requireCaller(request);
    await spendCall(firestore(), caller.uid);
    const data = kept ? kept.data : request.data;
    const problem = wireProblem(data);
    if (problem) throw apiError('invalid-argument', problem);
    return handler({ ...request, data: decodeWire(data) });
  });
  return new Proxy(fn, {
    apply(target, thisArg, args: unknown[]) {
      const req = args[0] as Request | undefined;
      const body: unknown = req?.body;
      if (req && typeof body === 'object' && body !== null && Object.hasOwn(body, 'data')) {
        const bytes = bodyBytes(req);
        held.set(req, bytes > maxRequestBytes ? { tooLarge: bytes } : { data: (body as { data: unknown }).data });
        (body as { data: unknown }).data = null;
      }
      return Reflect.apply(target, thisArg, args);
    },
  }) as never;
}
