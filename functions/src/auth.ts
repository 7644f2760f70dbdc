// Who is calling: the verified ID token's custom claims (API.md, "Identity and scope")
// turned into one typed value, or the callable error the spec demands.

import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { checkClaims, joined, type Claims } from '@taizhang/ledger';

export interface Caller extends Claims {
  readonly uid: string;
  readonly email: string;
}

/**
 * The caller of a callable, or throws `unauthenticated` without a valid token, and
 * `permission-denied` for an account without email or valid claims (no role, an unknown
 * county, a clerk without county or group).
 */
export function requireCaller(request: Pick<CallableRequest, 'auth'>): Caller {
  const auth = request.auth;
  // The Functions emulator decodes tokens without verifying them, so a garbage token can
  // arrive with no uid: it is no sign-in either.
  if (!auth || !auth.uid) {
    throw new HttpsError('unauthenticated', joined({ zh: '请先登录', en: 'Sign-in required' }));
  }
  const token = auth.token;
  const email = typeof token.email === 'string' && token.email !== '' ? token.email : undefined;
  if (!email) {
    throw new HttpsError('permission-denied', joined({ zh: '此账户没有邮箱', en: 'This account has no email address' }));
  }
  const checked = checkClaims({ role: token.role, county: token.county, group: token.group });
  if ('error' in checked) {
    throw new HttpsError('permission-denied', joined({
      zh: `${checked.error.zh}，请联系管理员`, en: `${checked.error.en}; ask an administrator`,
    }));
  }
  return { uid: auth.uid, email, ...checked.claims };
}
