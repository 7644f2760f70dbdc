// Every string of the pane exists in both languages, with the same shape; language detection.

import { ApiError } from '@taizhang/client';
import { FlowError } from '../../../addin/src/engine/messages';
import { explain } from '../../../addin/src/pane/errors';
import { detectLang, STRINGS } from '../../../addin/src/pane/i18n';
import { toApiError } from '../../../addin/src/pane/firebase';

function shape(x: unknown, at: string, out: Map<string, string>): Map<string, string> {
  if (typeof x === 'function') out.set(at, `fn${x.length}`);
  else if (typeof x === 'object' && x !== null) for (const [k, v] of Object.entries(x)) shape(v, `${at}.${k}`, out);
  else out.set(at, typeof x);
  return out;
}

test('zh and en have the same keys, the same function arities, no empty strings', () => {
  const zh = shape(STRINGS.zh, '', new Map());
  const en = shape(STRINGS.en, '', new Map());
  expect([...en.entries()].sort()).toEqual([...zh.entries()].sort());
  const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : typeof o === 'object' && o !== null ? Object.values(o).flatMap(strings) : []);
  for (const s of [...strings(STRINGS.zh), ...strings(STRINGS.en)]) expect(s.trim()).not.toBe('');
  expect(strings(STRINGS.zh).every((s) => /[\u4e00-\u9fff]/.test(s) || /^[\w\s./()-]*$/.test(s))).toBe(true);
});

test('Chinese unless Office says English', () => {
  expect(detectLang('en-US')).toBe('en');
  expect(detectLang('en-GB')).toBe('en');
  expect(detectLang('zh-CN')).toBe('zh');
  expect(detectLang('de-DE')).toBe('zh');
  expect(detectLang()).toBe('zh'); // no Office at all
  (globalThis as Record<string, unknown>).Office = { context: { displayLanguage: 'en-US' } };
  try {
    expect(detectLang()).toBe('en');
  } finally {
    delete (globalThis as Record<string, unknown>).Office;
  }
});

test('callable errors from the Firebase SDK become API errors with the wire status', () => {
  const denied = toApiError({ code: 'functions/permission-denied', message: '无权限 / Not allowed' }, 'pushRows');
  expect(denied).toMatchObject({ status: 'PERMISSION_DENIED', zh: '无权限', en: 'Not allowed', callable: 'pushRows' });
  expect(toApiError({ code: 'functions/internal', message: 'internal' }, 'getProfile').status).toBe('NETWORK');
  expect(toApiError({ code: 'functions/unauthenticated', message: '请先登录 / Sign-in required' }, 'x').status).toBe('UNAUTHENTICATED');
});

test('explanations: engine messages in the pane language, unknown errors with their detail', () => {
  const zh = explain(new FlowError('no_sheet', '找不到工作表「甲」', 'There is no sheet "甲"'), STRINGS.zh, 'zh');
  expect(zh).toEqual({ what: '找不到工作表「甲」', todo: STRINGS.zh.err.sheet.todo });
  expect(explain(new FlowError('no_sheet', '找不到', 'There is no sheet'), STRINGS.en, 'en').what).toBe('There is no sheet');
  const unauth = explain(new ApiError('UNAUTHENTICATED', { zh: '请先登录', en: 'Sign-in required' }), STRINGS.en, 'en');
  expect(unauth).toEqual({ what: 'Your sign-in has expired.', todo: STRINGS.en.err.signedOut.todo, signOut: true });
  const refused = explain(new ApiError('INVALID_ARGUMENT', { zh: '第 3 行：缺少「问题描述」', en: 'Row 3: 问题描述 is missing' }), STRINGS.zh, 'zh');
  expect(refused).toMatchObject({ what: STRINGS.zh.err.refused.what, detail: '第 3 行：缺少「问题描述」' });
  expect(explain(new Error('boom'), STRINGS.zh, 'zh')).toMatchObject({ what: STRINGS.zh.err.unknown.what, detail: 'boom' });
  expect(explain({ code: 'auth/network-request-failed' }, STRINGS.zh, 'zh').todo).toContain('不会丢失');
  // The network library's own words for a lost connection are no detail for a clerk.
  expect(explain(toApiError({ code: 'functions/internal', message: 'internal' }, 'pushRows'), STRINGS.zh, 'zh')).toEqual(STRINGS.zh.err.network);
});

test("a failed sign-in is told in words, never with the sign-in service's code", () => {
  for (const lang of ['zh', 'en'] as const) {
    const wrong = explain({ code: 'auth/invalid-credential', message: 'Firebase: Error (auth/invalid-credential).' }, STRINGS[lang], lang);
    expect(wrong).toEqual({ what: STRINGS[lang].err.invalidCredential.what, todo: STRINGS[lang].err.invalidCredential.todo });
    expect(explain({ code: 'auth/missing-email' }, STRINGS[lang], lang).what).toBe(STRINGS[lang].err.missingFields.what);
    expect(JSON.stringify(explain({ code: 'auth/user-disabled' }, STRINGS[lang], lang))).not.toContain('auth/');
  }
});

test('an incremental pull names withdrawn rows and rows that left the list, only when there are any', () => {
  expect(STRINGS.zh.pulled('汇总', 10, 1, 2, true)).toBe('已增量更新「汇总」：新增 1 行，更新 2 行（共 10 行）。');
  expect(STRINGS.zh.pulled('汇总', 10, 1, 2, true, 3, 4)).toBe(
    '已增量更新「汇总」：新增 1 行，更新 2 行，撤回 3 行，4 行已不属于此列表（标为“已移出”）（共 10 行）。',
  );
  expect(STRINGS.en.pulled('List', 10, 1, 2, true, 0, 4)).toBe('Updated "List": 1 added, 2 updated, 4 no longer in this list (marked "已移出") (10 rows).');
  expect(STRINGS.en.pulled('List', 10, 0, 0, false, 3, 4)).toBe('Pulled 10 rows into "List".');
});
