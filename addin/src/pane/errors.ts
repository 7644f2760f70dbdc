// Turns anything a flow or the sign-in can throw into what the clerk reads: what happened,
// what to do, and (when there is one) the ledger system's reason or Excel's own words as a detail.

import { ApiError } from '@taizhang/client';
import { FlowError } from '../engine/messages';
import { answerFailure, answerWordsTold, signInCode, signInFailure, type Failure } from './failures';
import type { Lang, Strings } from './i18n';

export interface Explained {
  readonly what: string;
  readonly todo: string;
  readonly detail?: string;
  /** The session is gone: the pane offers to sign in again. */
  readonly signOut?: boolean;
}

function pick(x: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' ? x.en : x.zh;
}

export function explain(err: unknown, s: Strings, lang: Lang): Explained {
  const make = (k: Failure | 'excel', detail?: string): Explained => ({
    ...s.err[k],
    ...(detail && { detail }),
    ...(k === 'signedOut' && { signOut: true }),
  });
  if (err instanceof ApiError) {
    const k = answerFailure(err.status);
    return make(k, answerWordsTold(k) ? pick(err, lang) : undefined);
  }
  if (err instanceof FlowError) {
    if (err.code === 'notice_forbidden') return { what: pick(err, lang), todo: s.err.permission.todo };
    if (err.code === 'merged_cells') return { what: pick(err, lang), todo: s.err.merged.todo };
    const todo = /header|sheet|summary/i.test(err.code) || err.code === 'not_pushable' ? s.err.sheet.todo : s.err.unknown.todo;
    return { what: pick(err, lang), todo };
  }
  const code = signInCode(err);
  if (code !== undefined) return make(signInFailure(code));
  if (typeof err === 'object' && err !== null) {
    const e = err as { name?: unknown; message?: unknown };
    if (e.name === 'RichApi.Error' || e.name === 'OfficeExtension.Error') {
      return make('excel', typeof e.message === 'string' ? e.message : undefined);
    }
    if (typeof e.message === 'string') return make('unknown', e.message);
  }
  return make('unknown', String(err));
}
