// Who is calling: the ID token verified, then the account read from Firebase Auth on every
// call (docs/api.md#calling, "Identity"), turned into one typed value or the callable error
// docs/api.md#calling lists.
//
// Why the account is read, not only the token: an ID token lives an hour. Reading the account
// makes a disabled account, revoked sign-ins (taizhang admin set/disable revoke them) and a
// changed role or county take effect on the next call, and it makes the account's custom
// claims, not the token's copy of them, what decides. That costs one Auth read per call.

import { getAuth, type Auth, type DecodedIdToken, type UserRecord } from 'firebase-admin/auth';
import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';
import { checkClaims, joined, type Bilingual, type Claims } from '@taizhang/ledger';
import { adminApp } from './store/db';
import { authLookupFailed } from './logs';

export interface Caller extends Claims {
  readonly uid: string;
  readonly email: string;
}

const signInAgain: Record<'required' | 'expired' | 'revoked' | 'disabled' | 'invalid', Bilingual> = {
  required: { zh: '请先登录', en: 'Sign-in required' },
  expired: { zh: '登录已过期，请重新登录', en: 'Your sign-in has expired; sign in again' },
  revoked: {
    zh: '账户已被管理员更改，请重新登录',
    en: 'An administrator changed this account; sign in again',
  },
  disabled: { zh: '此账户已停用，请联系管理员', en: 'This account is disabled; ask an administrator' },
  invalid: { zh: '登录凭证无效，请重新登录', en: 'Invalid sign-in token; sign in again' },
};

const unauthenticated = (why: keyof typeof signInAgain) => new HttpsError('unauthenticated', joined(signInAgain[why]));

const authCode = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;

/** Auth itself unreachable is no verdict on the caller: "try again", never "sign in". */
function authUnavailable(err: unknown): HttpsError {
  authLookupFailed(err);
  return new HttpsError(
    'unavailable',
    joined({
      zh: '暂时无法验证登录，请稍后重试',
      en: 'Sign-in cannot be checked right now; try again shortly',
    }),
  );
}

async function verifiedToken(auth: Auth, rawToken: string): Promise<DecodedIdToken> {
  try {
    // In production firebase-functions has verified the signature already; this repeats it
    // from cached keys. The Functions emulator only decodes, and here expiry, audience and
    // issuer are checked after all (the Auth emulator's tokens carry no signature).
    return await auth.verifyIdToken(rawToken);
  } catch (err) {
    const code = authCode(err);
    if (code === 'auth/id-token-expired') throw unauthenticated('expired');
    // Against the Auth emulator the Admin SDK checks revocation and disabled accounts itself.
    if (code === 'auth/id-token-revoked') throw unauthenticated('revoked');
    if (code === 'auth/user-disabled') throw unauthenticated('disabled');
    if (code?.startsWith('auth/')) throw unauthenticated('invalid');
    throw authUnavailable(err);
  }
}

async function account(auth: Auth, uid: string): Promise<UserRecord> {
  try {
    return await auth.getUser(uid);
  } catch (err) {
    if (authCode(err) === 'auth/user-not-found') throw unauthenticated('invalid');
    throw authUnavailable(err);
  }
}

/** Seconds since the epoch before which this account's sign-ins were revoked, or 0. */
function revokedBefore(user: UserRecord): number {
  const at = user.tokensValidAfterTime ? Date.parse(user.tokensValidAfterTime) : NaN;
  return Number.isFinite(at) ? Math.floor(at / 1000) : 0;
}

/**
 * The caller of a callable, or throws `unauthenticated` without a valid, current sign-in
 * (no token, garbage, expired, revoked, a deleted or disabled account), and
 * `permission-denied` for an account without email or valid claims (no role, an unknown
 * county, a clerk without county or group).
 */
export function requireCaller(request: Pick<CallableRequest, 'auth'> & { rawRequest?: object }, auth?: Auth): Promise<Caller> {
  // One check per request: api/callable.ts asks before the body is read, the handler again.
  const raw = request.rawRequest;
  if (raw === undefined || auth !== undefined) return checkCaller(request, auth ?? getAuth(adminApp()));
  let answer = checked.get(raw);
  if (answer === undefined) {
    answer = checkCaller(request, getAuth(adminApp()));
    checked.set(raw, answer);
  }
  return answer;
}

const checked = new WeakMap<object, Promise<Caller>>();

async function checkCaller(request: Pick<CallableRequest, 'auth'>, auth: Auth): Promise<Caller> {
  // The Functions emulator decodes tokens without verifying them, so a garbage token can
  // arrive with no uid: it is no sign-in either.
  const rawToken = request.auth?.rawToken;
  if (!request.auth?.uid || !rawToken) throw unauthenticated('required');
  const token = await verifiedToken(auth, rawToken);
  const user = await account(auth, token.uid);
  if (user.disabled) throw unauthenticated('disabled');
  if (token.auth_time < revokedBefore(user)) throw unauthenticated('revoked');
  const email = user.email ?? '';
  if (email === '') {
    throw new HttpsError('permission-denied', joined({ zh: '此账户没有邮箱', en: 'This account has no email address' }));
  }
  const claims = user.customClaims ?? {};
  const checked = checkClaims({ role: claims.role, county: claims.county, group: claims.group, department: claims.department });
  if ('error' in checked) {
    throw new HttpsError(
      'permission-denied',
      joined({
        zh: `${checked.error.zh}，请联系管理员`,
        en: `${checked.error.en}; ask an administrator`,
      }),
    );
  }
  return { uid: user.uid, email, ...checked.claims };
}
