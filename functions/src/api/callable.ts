// Every callable is declared with `callable(options, handler)`: firebase-functions' onCall,
// except that a request whose `data` the SDK's decoder would fail on or misread (api/wire.ts)
// is answered invalid-argument with a clear message instead of INTERNAL.
//
// The decoder runs inside onCall before the handler, so the check has to come first: the
// returned function looks at the raw request, and when it finds a problem it notes it and
// hands the SDK `data: null`, which decodes. The request then takes onCall's ordinary path
// (CORS, token checks, the protocol's error form) and our handler refuses it on arrival.
// The Proxy keeps everything firebase-tools reads off the function (`__endpoint`, `run`).

import {
  onCall, type CallableFunction, type CallableOptions, type CallableRequest, type Request,
} from 'firebase-functions/v2/https';
import type { Bilingual } from '@taizhang/ledger';
import { apiError } from '../messages';
import { wireProblem } from './wire';

/** Raw requests found undecodable, until their handler refuses them. */
const refused = new WeakMap<object, Bilingual>();

export function callable<Return>(
  options: CallableOptions,
  handler: (request: CallableRequest) => Return,
): CallableFunction<unknown, Return extends Promise<unknown> ? Return : Promise<Return>> {
  const fn = onCall(options, (request: CallableRequest) => {
    const problem = refused.get(request.rawRequest);
    if (problem) throw apiError('invalid-argument', problem);
    return handler(request);
  });
  return new Proxy(fn, {
    apply(target, thisArg, args: unknown[]) {
      const req = args[0] as Request | undefined;
      const body: unknown = req?.body;
      if (req && typeof body === 'object' && body !== null && Object.hasOwn(body, 'data')) {
        const problem = wireProblem((body as { data: unknown }).data);
        if (problem) {
          refused.set(req, problem);
          (body as { data: unknown }).data = null;
        }
      }
      return Reflect.apply(target, thisArg, args);
    },
  });
}
