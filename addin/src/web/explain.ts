// What the clerk reads when something cannot be done: what happened, what to do, and the
// particular reason (a file's, the check's or the ledger system's own words) as a detail.

import { ApiError, WorkbookError } from '@taizhang/client';
import type { Lang, WebStrings } from './i18n';

export interface Explained {
  readonly what: string;
  readonly todo: string;
  readonly detail?: string;
  /** The sign-in is gone: the page shows the sign-in form again. */
  readonly signedOut?: boolean;
}

type Key = keyof WebStrings['err'];

const AUTH_CODES: Record<string, Key> = {
  'auth/invalid-credential': 'invalidCredential',
  'auth/wrong-password': 'invalidCredential',
  'auth/user-not-found': 'invalidCredential',
  'auth/invalid-login-credentials': 'invalidCredential',
  'auth/invalid-email': 'invalidEmail',
  'auth/missing-password': 'missingFields',
  'auth/missing-email': 'missingFields',
  'auth/too-many-requests': 'tooMany',
  'auth/user-disabled': 'userDisabled',
  'auth/network-request-failed': 'network',
  'auth/user-token-expired': 'signedOut',
  'auth/id-token-expired': 'signedOut',
};

const API_STATUSES: Record<string, Key> = {
  NETWORK: 'network',
  UNAUTHENTICATED: 'signedOut',
  PERMISSION_DENIED: 'permission',
  UNAVAILABLE: 'unavailable',
  RESOURCE_EXHAUSTED: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
  INVALID_ARGUMENT: 'refused',
  FAILED_PRECONDITION: 'refused',
};

const pick = (x: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? x.en : x.zh);

export function explain(err: unknown, s: WebStrings, lang: Lang): Explained {
  const make = (k: Key, detail?: string): Explained => ({ ...s.err[k], ...(detail && { detail }), ...(k === 'signedOut' && { signedOut: true }) });
  if (err instanceof WorkbookError) return make('file', pick(err, lang));
  if (err instanceof ApiError) {
    const k = API_STATUSES[err.status] ?? 'unknown';
    // Status words say nothing to a clerk; the message of a refusal does.
    return make(k, k === 'refused' || k === 'permission' ? pick(err, lang) : undefined);
  }
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && e.code.startsWith('auth/')) return make(AUTH_CODES[e.code] ?? 'unknown');
    if (typeof e.message === 'string') return make('unknown', e.message);
  }
  return make('unknown', String(err));
}
