// The pane's states rendered to HTML (react-dom/server: jsdom is not installed), in both
// languages: what the clerk reads, that controls are real labelled buttons and inputs,
// and that nothing is logged to the console while rendering.

import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToString } from 'react-dom/server';
import { ApiError } from '@taizhang/client';
import { PaneView } from '../../../addin/src/pane/components/PaneView';
import { strings, type Lang } from '../../../addin/src/pane/i18n';
import type { PaneState } from '../../../addin/src/pane/store';
import { comparing, departmentInbox, noop, pushedWithDuplicates, states } from './fixtures';

function render(state: PaneState, lang: Lang, emulator = false): string {
  return renderToString(
    <FluentProvider theme={webLightTheme}>
      <PaneView state={state} actions={noop} s={strings(lang)} lang={lang} emulator={emulator} />
    </FluentProvider>,
  );
}

/** Visible text only. */
function text(html: string): string {
  return html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

let spies: jest.SpyInstance[] = [];
beforeEach(() => {
  spies = (['error', 'warn'] as const).map((m) => jest.spyOn(console, m));
});
afterEach(() => {
  for (const s of spies) {
    expect(s).not.toHaveBeenCalled();
    s.mockRestore();
  }
});

describe.each<[Lang, string]>([
  ['zh', '登录'],
  ['en', 'Sign in'],
])('pane in %s', (lang, signIn) => {
  const s = strings(lang);

  test("a department: 待办 first, counted by reason with the ledger core's names, a returned problem with its 审核意见", () => {
    const html = render(departmentInbox, lang);
    const t = text(html);
    expect(t).toContain(s.inboxTitle);
    // 待办 is the first view and the one open; a department has no 统计 or 通报.
    expect(html).toMatch(new RegExp(`<button[^>]*aria-selected="true"[^>]*>.*?${s.views.inbox}`));
    expect(t).not.toContain(s.createSheet);
    expect(t).not.toContain(s.views.stats!);
    expect(t).toContain(lang === 'zh' ? '新交办' : 'Newly assigned');
    expect(t).toContain(lang === 'zh' ? '被退回' : 'Returned');
    expect(t).toContain(s.roles.department);
    expect(t).toContain('市自然资源局');
    expect(t).toContain(`${s.review.trim()} 请补充具体时间节点`);
    expect(t.match(/请补充具体时间节点/g)).toHaveLength(1);
    expect(html).toContain(`title="${s.inboxOpen('P-140702-2022-000031')}"`);
  });

  test('signed out: an e-mail/password form with labels and a submit button', () => {
    const html = render(states.signedOut!, lang, true);
    expect(html).toContain('type="email"');
    expect(html).toContain('type="password"');
    expect(html).toMatch(/<button[^>]*type="submit"/);
    expect(text(html)).toContain(signIn);
    expect(text(html)).toContain(s.email);
    expect(text(html)).toContain(s.password);
    expect(text(html)).toContain(s.emulatorNote);
    expect(html).toMatch(/<label[^>]*for="[^"]+"/);
  });

  test('signing in: the button is disabled and says so', () => {
    const html = render(states.signingIn!, lang);
    expect(text(html)).toContain(s.signingIn);
    expect(html).toMatch(/<button[^>]*disabled/);
  });

  test('signed in: the account in one short line, the views as a navigation, each view doing one thing', () => {
    const at = (view: PaneState['view']) => text(render({ ...states.signedIn!, view }, lang));
    const inbox = at('inbox');
    for (const x of [s.roles.clerk!, '榆次区入企服务第1组', s.account, s.views.inbox!, s.views.entry!, s.views.list!, s.views.stats!])
      expect(inbox).toContain(x);
    expect(inbox).not.toContain(s.views.notice!);
    const entry = at('entry');
    for (const x of [s.ledgers.problems!, s.ledgers.visits!, s.createSheet, s.check, s.push, s.targetSearch]) expect(entry).toContain(x);
    for (const x of [s.incremental, s.groupBy]) expect(entry).not.toContain(x);
    const list = at('list');
    for (const x of [s.pull, s.incremental, s.full, s.overdueOnly]) expect(list).toContain(x);
    for (const x of [s.push, s.groupBy]) expect(list).not.toContain(x);
    const stats = at('stats');
    for (const x of [s.groupBy, s.summary]) expect(stats).toContain(x);
    expect(stats).not.toContain(s.push);
  });

  test("汇总: filters picked from the ledger's options (dropdowns), 只看超期 a switch, typed only where there is no list", () => {
    const html = render({ ...states.signedIn!, view: 'list', pullFilter: { status: '办理中' }, overdueOnly: true }, lang);
    const combos = html.match(/role="combobox"/g) ?? [];
    expect(combos.length).toBeGreaterThanOrEqual(6); // 县（区、市）, 行业专班, 问题类别, 服务类型, 解决层级, 办理状态…
    expect(html).toMatch(/<button[^>]*role="combobox"[^>]*>办理中/);
    expect(html).toMatch(/role="switch"[^>]*checked|checked[^>]*role="switch"/);
  });

  test('a coordinator also has 通报', () => {
    const t = text(render({ ...states.signedIn!, profile: { ...states.signedIn!.profile!, role: 'coordinator' } }, lang));
    expect(t).toContain(s.views.notice!);
  });

  test('after a push: registry warnings apart from errors and lighter, the likely duplicates with the other group', () => {
    const html = render(pushedWithDuplicates, lang);
    const t = text(html);
    expect(html).toContain('class="tz-warnings"');
    expect(t).toContain(s.warningsTitle(1));
    expect(t).not.toContain(s.errorsTitle(1));
    expect(t).toContain(lang === 'zh' ? '请核对代码或名称' : 'please check the code or the name');
    expect(t).toContain(s.duplicatesTitle(1));
    expect(t).toContain(s.duplicateLine('市工业和信息化专班', '榆次区', 'P-140702-2022-000017', 62));
    expect(html).toContain(`aria-label="${s.compareOpenOf('P-140702-2022-000101', 'P-140702-2022-000017')}"`);
    expect(html).toMatch(/class="[^"]*fui-MessageBar[^"]*"[^>]*>|intent/); // a warning bar, not a success one
  });

  test("compare: both problems field by field, the differing ones marked, and a coordinator's two decisions", () => {
    const html = render(comparing, lang);
    const t = text(html);
    expect(t).toContain(s.compareCaption('P-140702-2022-000101', 'P-140702-2022-000017'));
    expect(t).toMatch(/山西强伟纸业有限公司.*强伟纸业/);
    expect((html.match(/class="tz-differs"/g) ?? []).length).toBe(3); // 服务对象, 问题描述, 办理状态; 县（区、市） is the same
    expect(t).toContain(s.differs.trim());
    for (const x of [s.linkDuplicate, s.dismissDuplicate, s.backToList]) expect(t).toContain(x);
    const clerk = text(render({ ...comparing, profile: states.signedIn!.profile! }, lang));
    expect(clerk).not.toContain(s.linkDuplicate);
    expect(clerk).toContain(s.onlyCoordinators);
  });

  test('search of the registry: each entry with its county, township and credit code, and a button that fills the selected row', () => {
    const html = render(
      {
        ...states.signedIn!,
        view: 'entry',
        registrySize: 230,
        targetMatches: [{ name: '山西强伟纸业有限公司', creditCode: '91140700MA0K12345X', county: '榆次区', township: '郭家堡乡' }],
      },
      lang,
    );
    const t = text(html);
    expect(t).toContain(s.registrySize(230));
    expect(t).toContain('榆次区 · 郭家堡乡 · 91140700MA0K12345X');
    expect(html).toContain(`aria-label="${s.fillRowOf('山西强伟纸业有限公司').replace(/"/g, '&quot;')}"`);
    expect(html).toContain('role="search"');
  });

  test('notice sheets: a date input and the button for coordinators and admins only', () => {
    expect(text(render(states.signedIn!, lang))).not.toContain(s.noticeSheets);
    for (const role of ['coordinator', 'admin'] as const) {
      const st: PaneState = { ...states.signedIn!, view: 'notice', profile: { ...states.signedIn!.profile!, role }, noticeDate: '2022-06-01' };
      const html = render(st, lang);
      expect(text(html)).toContain(s.noticeSheets);
      expect(text(html)).toContain(s.noticeDate);
      expect(html).toMatch(/<input[^>]*type="date"[^>]*value="2022-06-01"|<input[^>]*value="2022-06-01"[^>]*type="date"/);
    }
    // No notice before the ledgers begin: the input says so, and the button waits for a later day.
    const admin: PaneState = { ...states.signedIn!, view: 'notice', profile: { ...states.signedIn!.profile!, role: 'admin' } };
    expect(render({ ...admin, noticeDate: '2022-06-01' }, lang)).toMatch(/<input[^>]*min="2000-01-01"/);
    const noticeButton = new RegExp(`<button[^>]*>[^<]*${s.noticeSheets}`);
    expect(render({ ...admin, noticeDate: '2022-06-01' }, lang).match(noticeButton)![0]).not.toContain('disabled');
    expect(render({ ...admin, noticeDate: '1999-12-31' }, lang).match(noticeButton)![0]).toContain('disabled');
    const busy: PaneState = { ...admin, busy: { flow: 'notice', done: 1, total: 3, cancelling: false } };
    expect(text(render(busy, lang))).toContain(s.working(s.noticeSheets));
  });

  test('checking: a progress bar and a cancel button; flow buttons disabled', () => {
    const html = render(states.checking!, lang);
    expect(html).toContain('role="progressbar"');
    expect(text(html)).toContain(s.cancel);
    expect(text(html)).toContain(s.working(s.check));
    const create = new RegExp(`<button[^>]*disabled[^>]*>[^<]*${s.createSheet}`);
    expect(html).toMatch(create);
  });

  test('pushing: progress with counts', () => {
    const html = render(states.pushing!, lang);
    expect(html).toMatch(/aria-valuenow="0.25"/);
    expect(text(html)).toContain(s.progress(s.phases.push!, 250, 1000));
  });

  test('checked: errors grouped by row, each a button to its cell', () => {
    const html = render(states.checked!, lang);
    const t = text(html);
    expect(t).toContain(s.errorsTitle(1));
    expect(t).toContain(s.rowLabel(3));
    expect(t).toContain(lang === 'en' ? '"榆次县" is not a valid county' : '「榆次县」不是有效的县（区、市）');
    expect(html).toMatch(/<button[^>]*title="[^"]*B3[^"]*"[^>]*>B3<\/button>|<button[^>]*>B3<\/button>/);
    expect(t).toContain(s.checked(10, 9, 1, 9));
  });

  test('conflicts: the fields side by side and the three choices', () => {
    const html = render(states.conflicts!, lang);
    const t = text(html);
    expect(t).toContain(s.conflictsTitle(1));
    expect(t).toContain(lang === 'en' ? 'Status' : '办理状态');
    expect(t).toMatch(/办理中.*已解决/);
    expect(t).toContain(s.conflictRow(7, 'coordinator@taizhang.demo', '2026-11-27 16:00'));
    for (const x of [s.mine, s.theirs, s.keepMine, s.takeTheirs, s.later, s.applyChoices]) expect(t).toContain(x);
    expect(html).toContain('type="radio"');
    expect(t).not.toContain(s.conflictWithdrawn);
    expect(html).not.toMatch(/<input[^>]*value="keepMine"[^>]*disabled|<input[^>]*disabled[^>]*value="keepMine"/);
  });

  test('conflicts: a row the server withdrew cannot be kept, and says so', () => {
    const [c] = states.conflicts!.conflicts;
    const withdrawn = { ...c!, current: { ...c!.current, withdrawn: true } };
    const html = render({ ...states.conflicts!, conflicts: [withdrawn] }, lang);
    expect(text(html)).toContain(s.conflictWithdrawn);
    expect(html).toMatch(/<input[^>]*value="keepMine"[^>]*disabled|<input[^>]*disabled[^>]*value="keepMine"/);
    expect(html).not.toMatch(/<input[^>]*value="takeTheirs"[^>]*disabled|<input[^>]*disabled[^>]*value="takeTheirs"/);
  });

  test.each([
    ['network', new ApiError('NETWORK', { zh: '网络', en: 'net' })],
    ['signedOut', new ApiError('UNAUTHENTICATED', { zh: '未登录', en: 'no token' })],
    ['permission', new ApiError('PERMISSION_DENIED', { zh: '无权限', en: 'denied' })],
    ['invalidCredential', { code: 'auth/invalid-credential', message: 'x' }],
    ['excel', { name: 'RichApi.Error', code: 'InvalidArgument', message: 'The argument is invalid' }],
  ] as const)('error %s: says what happened and what to do', (key, error) => {
    const state = key === 'invalidCredential' ? { ...states.signedOut!, error } : { ...states.signedIn!, error };
    const html = render(state, lang);
    const t = text(html);
    expect(html).toContain('role="alert"');
    expect(t).toContain(s.err[key].what);
    expect(t).toContain(s.err[key].todo);
    expect(t).toContain(s.dismiss);
    if (key === 'signedOut') expect(t).toContain(s.signOut); // the error box offers it (the account menu too)
  });
});

test('the two languages differ and Chinese is the default', () => {
  expect(text(render({ ...states.signedIn!, view: 'entry' }, 'zh'))).toContain('校验');
  expect(text(render({ ...states.signedIn!, view: 'entry' }, 'en'))).not.toContain('校验');
});
