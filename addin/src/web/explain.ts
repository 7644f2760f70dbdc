// What the clerk reads when something cannot be done: what happened, what to do, and the
// particular reason (a file's, the check's or the ledger system's own words) as a detail.

import { ApiError, WorkbookError } from '@taizhang/client';
import { answerFailure, answerWordsTold, signInCode, signInFailure, type Failure } from '../pane/failures';
import type { Lang, WebStrings } from './i18n';

export interface Explained {
  readonly what: string;
  readonly todo: string;
  readonly detail?: string;
  /** The sign-in is gone: the page shows the sign-in form again. */
  readonly signedOut?: boolean;
}

const pick = (x: { zh: string; en: string }, lang: Lang) => (lang === 'en' ? x.en : x.zh);

export function explain(err: unknown, s: WebStrings, lang: Lang): Explained {
  const make = (k: Failure | 'file', detail?: string): Explained => ({ ...s.err[k], ...(detail && { detail }), ...(k === 'signedOut' && { signedOut: true }) });
  if (err instanceof WorkbookError) return make('file', pick(err, lang));
  if (err instanceof ApiError) {
    const k = answerFailure(err.status);
    return make(k, answerWordsTold(k) ? pick(err, lang) : undefined);
  }
  const code = signInCode(err);
  if (code !== undefined) return make(signInFailure(code));
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return make('unknown', (err as { message: string }).message);
  }
  return make('unknown', String(err));
}
