// Every string a county clerk can see, gathered from where it is made — the pane's and the
// web page's tables, the ledger core's and the functions' message builders called with
// sample arguments, the client's messages, the add-in's sheet texts, the sheet headers and the
// notice's layout — and held to plain official Chinese: no developer words, labels as the
// column headers say them, an office's landline (晋中 0354), and Chinese sheets without English.
import { buildNotice, is, LEDGERS, messages, noticeLayout, SYNC_STATES, SYSTEM_COLUMNS, type Bilingual, type FieldDef } from '@taizhang/ledger';
import { apiMessages } from '@taizhang/client';
import { text as functionsText } from '../../../functions/src/messages';
import { text as engineText } from '../../../addin/src/engine/messages';
import { STRINGS } from '../../../addin/src/pane/i18n';
import { WEB_STRINGS } from '../../../addin/src/web/i18n';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../supervision/dataset';

type Found = { where: string; text: string };

/** Strings in a value: functions are called with sample arguments of each likely kind. */
function gather(where: string, x: unknown, out: Found[], depth = 0): void {
  if (depth > 6) return;
  if (typeof x === 'string') out.push({ where, text: x });
  else if (typeof x === 'function') {
    for (const args of [
      ['样例', '样例', '样例', '样例'],
      [3, 2, 1, 4],
      ['2022-06-01', 3, '样例', 2],
    ]) {
      try {
        gather(`${where}()`, (x as (...a: unknown[]) => unknown)(...args), out, depth + 1);
      } catch {
        // A builder that needs other arguments is called by hand below.
      }
    }
  } else if (Array.isArray(x)) x.forEach((v, i) => gather(`${where}[${i}]`, v, out, depth + 1));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) gather(`${where}.${k}`, v, out, depth + 1);
}

const split = (where: string, m: Bilingual, zh: Found[], en: Found[]) => {
  zh.push({ where, text: m.zh });
  en.push({ where, text: m.en });
};

function ledgerMessages(zh: Found[], en: Found[]): void {
  for (const ledger of Object.values(LEDGERS)) {
    const f = ledger.fields[0] as FieldDef;
    const g = ledger.fields[1] as FieldDef;
    const c = is(f.key, '样例');
    const w = `ledger.${ledger.name}`;
    split(`${w}.required`, messages.required(f), zh, en);
    split(`${w}.requiredWhen`, messages.requiredWhen(ledger, f, c), zh, en);
    split(`${w}.type`, messages.type(f, 'abc'), zh, en);
    split(`${w}.enum`, messages.enum(f, 'abc', ['甲', '乙']), zh, en);
    split(`${w}.brokenText`, messages.brokenText(f), zh, en);
    split(`${w}.tooLong`, messages.tooLong(f, 10, 12), zh, en);
    split(`${w}.tooShort`, messages.tooShort(f, 2, 1), zh, en);
    split(`${w}.intRange`, messages.intRange(f, 0, 9, 12), zh, en);
    split(`${w}.notInteger`, messages.notInteger(f, '1.5'), zh, en);
    split(`${w}.dateTooEarly`, messages.dateTooEarly(f, '2022-01-01', '2021-01-01'), zh, en);
    split(`${w}.dateAfterToday`, messages.dateAfterToday(f, '2022-06-01', '2022-07-01'), zh, en);
    split(`${w}.dateBefore`, messages.dateBefore(f, g, '2022-01-01', '2022-02-01'), zh, en);
    split(`${w}.phoneFormat`, messages.phoneFormat(f, '123'), zh, en);
    split(`${w}.creditCodeFormat`, messages.creditCodeFormat(f, '123'), zh, en);
    split(`${w}.creditCodeChecksum`, messages.creditCodeChecksum(f, '123'), zh, en);
    split(`${w}.onlyWhen`, messages.onlyWhen(ledger, f, c), zh, en);
    split(`${w}.implies`, messages.implies(ledger, c, is(g.key, '样例')), zh, en);
    split(`${w}.unknown`, messages.unknown('abc'), zh, en);
  }
}

function everything(): { zh: Found[]; en: Found[]; zhHeaders: Found[] } {
  const zh: Found[] = [];
  const en: Found[] = [];
  gather('pane.zh', STRINGS.zh, zh);
  gather('pane.en', STRINGS.en, en);
  gather('web.zh', WEB_STRINGS.zh, zh);
  gather('web.en', WEB_STRINGS.en, en);
  for (const [name, source] of [
    ['functions', functionsText],
    ['engine', engineText],
    ['client', apiMessages],
  ] as const) {
    const all: Found[] = [];
    gather(name, source, all);
    // Builders answer { zh, en }: their keys name the language.
    for (const f of all) (/\.en$/.test(f.where) ? en : zh).push(f);
  }
  ledgerMessages(zh, en);
  for (const s of Object.values(SYNC_STATES)) split('SYNC_STATES', s, zh, en);

  // Sheet headers a Chinese Office gets: the ledgers' and system columns, the notice's layout.
  const zhHeaders: Found[] = [];
  for (const ledger of Object.values(LEDGERS)) {
    for (const f of ledger.fields) zhHeaders.push({ where: `${ledger.name}.${f.key}`, text: f.header });
    zhHeaders.push({ where: `${ledger.name}.title`, text: ledger.title });
  }
  for (const s of SYSTEM_COLUMNS) zhHeaders.push({ where: `system.${s.key}`, text: s.header });
  const layout = noticeLayout(buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY), { lang: 'zh' });
  gather(
    'notice',
    { title: layout.title, figures: layout.figures.map((f) => f.label), sections: layout.sections.map((s) => [s.title, s.columns.map((c) => c.label)]) },
    zhHeaders,
  );
  for (const m of [
    engineText.summaryTitle({ zh: '问题清单', en: 'Problems' }, AS_OF, { zh: '县（区、市）', en: 'County' }),
    engineText.overdueTitle(AS_OF, 3),
    engineText.totals(),
    engineText.problemNumber(),
    engineText.daysOverdue(),
  ]) {
    zhHeaders.push({ where: 'engine sheet text', text: m.zh });
  }
  zh.push(...zhHeaders);
  return { zh, en, zhHeaders };
}

/** Words of a developer, and words an office does not use, in the Chinese a clerk reads. */
const ZH_FORBIDDEN: [RegExp, string][] = [
  [/行键|(?<!关)键(?!盘)/, '键'],
  [/游标|分页标记|翻页标记|令牌/, 'paging words'],
  [/token|cursor|\bkey\b|server|requestId/i, 'English developer words'],
  [/服务器|服务端/, '服务器'],
  [/请求编号/, '请求编号'],
  [/代理项/, '代理项'],
  [/行业(?!专班|主管)/, '行业 for 行业专班'],
  [/问题层级/, '问题层级 for 解决层级'],
  [/服务对象类型/, '服务对象类型 for 服务类型'],
  [/拉取汇总|增量|全量|保留我的|采用服务器的|统计口径|现场生成/, 'words a developer chose'],
  [/0351/, 'the example landline is Jinzhong’s 0354'],
];

const EN_FORBIDDEN: [RegExp, string][] = [
  [/\b(page )?tokens?\b|\bcursors?\b|\bservers?\b|\bsurrogates?\b|\brow keys?\b|\brequestId\b/i, 'developer words'],
  [/0351/, 'the example landline is Jinzhong’s 0354'],
];

function offenders(found: Found[], rules: [RegExp, string][]): string[] {
  return found.flatMap((f) => rules.filter(([re]) => re.test(f.text)).map(([, why]) => `${f.where}: ${why}: ${f.text}`));
}

describe('the words a county clerk reads', () => {
  const { zh, en, zhHeaders } = everything();

  it('gathers the strings of every source', () => {
    expect(zh.length).toBeGreaterThan(400);
    expect(en.length).toBeGreaterThan(300);
    for (const source of ['pane.zh', 'web.zh', 'functions', 'engine', 'client', 'ledger.problems', 'notice']) {
      expect(zh.some((f) => f.where.startsWith(source))).toBe(true);
    }
  });

  it('Chinese: no developer words, the columns’ own names, an office’s words', () => {
    expect(offenders(zh, ZH_FORBIDDEN)).toEqual([]);
  });

  it('English: no developer words either', () => {
    expect(offenders(en, EN_FORBIDDEN)).toEqual([]);
  });

  it('sheet headers for a Chinese Office carry no English', () => {
    expect(zhHeaders.filter((f) => /[A-Za-z]{2,}/.test(f.text)).map((f) => `${f.where}: ${f.text}`)).toEqual([]);
  });
});
