// One error type for everything that can go wrong talking to the callables, carrying the
// callable status and a message a clerk can read in either language.

import type { Bilingual } from '@taizhang/ledger';

/** Callable statuses (the wire form: UNAVAILABLE…) plus the client's own NETWORK and CANCELLED. */
export type ApiStatus =
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'INVALID_ARGUMENT'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'NOT_FOUND'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'NETWORK'
  | 'CANCELLED'
  | (string & {});

/** Worth sending again (with the same requestId): the server may not have seen it, or failed transiently. */
const TRANSIENT: ReadonlySet<string> = new Set(['NETWORK', 'UNAVAILABLE', 'INTERNAL', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED']);

/** Splits the server's "中文 / English" message; a message without the separator serves both. */
export function splitBilingual(message: string): Bilingual {
  const i = message.indexOf(' / ');
  return i < 0 ? { zh: message, en: message } : { zh: message.slice(0, i), en: message.slice(i + 3) };
}

export class ApiError extends Error implements Bilingual {
  readonly zh: string;
  readonly en: string;
  constructor(
    readonly status: ApiStatus,
    m: Bilingual,
    readonly details?: unknown,
    readonly callable?: string,
  ) {
    super(`${m.zh} / ${m.en}`);
    this.name = 'ApiError';
    this.zh = m.zh;
    this.en = m.en;
  }

  get transient(): boolean {
    return TRANSIENT.has(this.status);
  }
}

export function isTransient(err: unknown): boolean {
  return err instanceof ApiError && err.transient;
}

export const apiMessages = {
  network: (detail: string): Bilingual => ({
    zh: `网络连接失败，请检查网络后重试（${detail}）。表格中的内容不受影响。`,
    en: `Network failure; check the connection and try again (${detail}). Nothing in the sheet was lost.`,
  }),
  cancelled: (): Bilingual => ({ zh: '操作已取消', en: 'Cancelled' }),
  badAnswer: (name: string, detail: string): Bilingual => ({
    zh: `台账系统对「${name}」的回答无法识别（${detail}），请稍后重试；仍不行时请联系管理员`,
    en: `The ledger system's answer to ${name} could not be read (${detail}); try again later, and contact an administrator if it goes on`,
  }),
  gaveUp: (attempts: number, last: Bilingual): Bilingual => ({
    zh: `已重试 ${attempts} 次仍失败：${last.zh}。已上报的部分不会丢失，可以稍后再次上报。`,
    en: `Still failing after ${attempts} attempts: ${last.en}. What was sent is kept; push again later.`,
  }),
} as const;

export function cancelledError(): ApiError {
  return new ApiError('CANCELLED', apiMessages.cancelled());
}

/** Throws CANCELLED when the signal has fired: called between chunks, never mid-request. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
