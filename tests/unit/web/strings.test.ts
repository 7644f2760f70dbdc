// What the web page says: both languages complete, Chinese with no developer words, English
// for an English browser; what it says when something fails; which filters a ledger offers.
import { ApiError, WorkbookError } from '@taizhang/client';
import { problems, visits } from '@taizhang/ledger';
import { explain } from '../../../addin/src/web/explain';
import { browserLang, WEB_STRINGS, type WebStrings } from '../../../addin/src/web/i18n';
import { filterFields } from '../../../addin/src/web/ListPanel';

/** Every string a value yields: functions called with sample arguments. */
function texts(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'function') return texts(v(...Array.from({ length: v.length }, (_, i) => (i === 0 ? 7 : i + 1))));
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(texts);
  return [];
}

/** Words a clerk should not meet (issue 21): keys, cursors, tokens, servers, surrogates, requests. */
const DEVELOPER_WORDS_ZH = /服务器|行键|游标|分页标记|令牌|请求编号|代理项|模拟器|接口|数据库/;
const DEVELOPER_WORDS_EN = /\b(server|token|cursor|key|request id|emulator|database|api)\b/i;

function shape(s: WebStrings): string[] {
  const keys = (o: object, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
  return keys(s).sort();
}

describe("the web page's words", () => {
  it('has every string in both languages', () => {
    expect(shape(WEB_STRINGS.en)).toEqual(shape(WEB_STRINGS.zh));
  });

  it('speaks plain Chinese and English: no developer words', () => {
    expect(texts(WEB_STRINGS.zh).filter((t) => DEVELOPER_WORDS_ZH.test(t))).toEqual([]);
    expect(texts(WEB_STRINGS.en).filter((t) => DEVELOPER_WORDS_EN.test(t))).toEqual([]);
  });

  it('the Chinese has no English sentences in it', () => {
    expect(texts(WEB_STRINGS.zh).filter((t) => /[A-Za-z]{4,}/.test(t.replace(/\.xlsx|\.docx|Excel|WPS|Word|name@example\.org/g, '')))).toEqual([]);
  });

  it('is English for an English browser or ?lang=en, Chinese otherwise', () => {
    expect(browserLang('en-US')).toBe('en');
    expect(browserLang('zh-CN')).toBe('zh');
    expect(browserLang('de-DE')).toBe('zh');
    expect(browserLang('zh-CN', '?lang=en')).toBe('en');
    expect(browserLang(undefined, '')).toBe('zh');
  });
});

describe('what the web page says when something fails', () => {
  const s = WEB_STRINGS.zh;

  it("a file that cannot be used: what, what to do, and the check's own reason", () => {
    const e = explain(new WorkbookError('没有找到台账', 'no ledger found'), s, 'zh');
    expect(e).toEqual({ ...s.err.file, detail: '没有找到台账' });
    expect(explain(new WorkbookError('没有找到台账', 'no ledger found'), WEB_STRINGS.en, 'en').detail).toBe('no ledger found');
  });

  it('a busy system: no status words shown', () => {
    const e = explain(new ApiError('UNAVAILABLE', { zh: '数据库暂时无法访问', en: 'The database cannot be reached' }), s, 'zh');
    expect(e).toEqual(s.err.unavailable);
  });

  it('an expired sign-in asks to sign in again', () => {
    expect(explain(new ApiError('UNAUTHENTICATED', { zh: '请登录', en: 'sign in' }), s, 'zh').signedOut).toBe(true);
  });

  it('a wrong password, and an unknown failure with its words as the detail', () => {
    expect(explain({ code: 'auth/invalid-credential' }, s, 'zh')).toEqual(s.err.invalidCredential);
    expect(explain(new Error('boom'), s, 'zh')).toEqual({ ...s.err.unknown, detail: 'boom' });
  });
});

describe("the list's filters", () => {
  it("are the ledger's own columns, picked from its options where it has a fixed list", () => {
    const p = filterFields('problems');
    expect(p.map((f) => f.key)).toEqual(['county', 'sector', 'status', 'level', 'group', 'category', 'targetType', 'department']);
    expect(p.find((f) => f.key === 'status')?.options).toEqual(
      problems.fields.find((f) => f.key === 'status')?.type.kind === 'enum'
        ? (problems.fields.find((f) => f.key === 'status')!.type as { options: readonly string[] }).options
        : [],
    );
    expect(p.find((f) => f.key === 'group')?.options).toBeUndefined();
    const v = filterFields('visits').map((f) => f.key);
    expect(v).not.toContain('status');
    expect(v.every((k) => visits.fields.some((f) => f.key === k))).toBe(true);
  });
});
