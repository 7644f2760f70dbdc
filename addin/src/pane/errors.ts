// Turns anything a flow or the sign-in can throw into what the clerk reads: what happened,
// what to do, and (when there is one) the server's or Excel's own words as a detail.

import { ApiError } from '@taizhang/client';
import { FlowError } from '../engine/messages';
import type { Lang, Strings } from './i18n';

export interface Explained {
  readonly what: string;
  readonly todo: string;
  readonly detail?: string;
  /** The session is gone: the pane offers to sign in again. */
  readonly signOut?: boolean;
}

type Key = keyof Strings['err'];

const AUTH_CODES: Record<string, Key> = {
  'auth/invalid-credential': 'invalidCredential',
  'auth/wrong-password': 'invalidCredential',
  'auth/user-not-found': 'invalidCredential',
  'auth/invalid-login-credentials': 'invalidCredential',
  'auth/invalid-email': 'invalidEmail',
  'auth/missing-password': 'missingFields',
  'auth/too-many-requests': 'tooMany',
  'auth/user-disabled': 'userDisabled',
  'auth/network-request-failed': 'network',
  'auth/user-token-expired': 'unauthenticated',
  'auth/id-token-expired': 'unauthenticated',
};

const API_STATUSES: Record<string, Key> = {
  NETWORK: 'network',
  UNAUTHENTICATED: 'unauthenticated',
  PERMISSION_DENIED: 'permission',
  UNAVAILABLE: 'unavailable',
  RESOURCE_EXHAUSTED: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
  INVALID_ARGUMENT: 'invalidArgument',
  FAILED_PRECONDITION: 'invalidArgument',
};

function pick(x: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' ? x.en : x.zh;
}

export function explain(err: unknown, s: Strings, lang: Lang): Explained {
  const make = (k: Key, detail?: string): Explained => ({
    ...s.err[k],
    ...(detail && { detail }),
    ...(k === 'unauthenticated' && { signOut: true }),
  });
  if (err instanceof ApiError) {
    const k = API_STATUSES[err.status] ?? 'unknown';
    return make(k, pick(err, lang));
  }
  if (err instanceof FlowError) {
    if (err.code === 'notice_forbidden') return { what: pick(err, lang), todo: s.err.permission.todo };
    if (err.code === 'merged_cells') return { what: pick(err, lang), todo: s.err.merged.todo };
    const todo = /header|sheet|summary/i.test(err.code) || err.code === 'not_pushable' ? s.err.sheet.todo : s.err.unknown.todo;
    return { what: pick(err, lang), todo };
  }
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof e.code === 'string' && e.code.startsWith('auth/')) return make(AUTH_CODES[e.code] ?? 'unknown', e.code);
    if (e.name === 'RichApi.Error' || e.name === 'OfficeExtension.Error') {
      return make('excel', typeof e.message === 'string' ? e.message : undefined);
    }
    if (typeof e.message === 'string') return make('unknown', e.message);
  }
  return make('unknown', String(err));
}
