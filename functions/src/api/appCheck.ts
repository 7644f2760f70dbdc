// App Check on the callables: off on the emulators, on in production with one setting,
// TAIZHANG_ENFORCE_APP_CHECK=true (functions/.env.<project id>; docs/security.md).
//
// firebase-functions verifies an App Check token whenever one comes with a request and puts
// it on `request.app`; its own `enforceAppCheck` would refuse the rest in English only, so the
// refusal is ours, in both languages.

import { defineBoolean } from 'firebase-functions/params';
import type { CallableRequest } from 'firebase-functions/v2/https';
import { apiError, text } from '../messages';

export const ENFORCE_APP_CHECK = defineBoolean('TAIZHANG_ENFORCE_APP_CHECK', {
  default: false,
  description: 'Refuse calls without a valid App Check token / 拒绝没有有效 App Check 令牌的调用',
});

/** Throws `unauthenticated` when App Check is enforced and the request carries no valid token. */
export function requireAppCheck(request: Pick<CallableRequest, 'app'>): void {
  if (ENFORCE_APP_CHECK.value() && request.app === undefined) throw apiError('unauthenticated', text.appCheckRequired());
}
