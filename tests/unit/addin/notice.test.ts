// The 通报 flow (issue #6, add-in side) on the Excel simulator, with the fake API answering
// notices built by the real pure builder (buildNotice) from a small dataset.
import type { SupervisedRow } from '@taizhang/ledger';
import { createApiClient } from '@taizhang/client';
import { ApiError } from '@taizhang/client';
import { noticeSheets } from '../../../addin/src/engine/notice';
import { FlowError } from '../../../addin/src/engine/messages';
import { explain } from '../../../addin/src/pane/errors';
import { STRINGS } from '../../../addin/src/pane/i18n';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import type { Profile } from '@taizhang/client';
import { fakeServer, storedNotice, type NoticeSource } from '../../support/fakeApi';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../supervision/dataset';

const noSleep = async () => {};
const EVIL_COUNTY = '=HYPERLINK("http://x","y")';
const EVIL_DEPT = '+8613912345678';
const EVIL_TARGET = '@SUM(A1)';

// The supervision dataset plus a county and a department whose names would become formulas.
const row = (id: string, v: Record<string, string>): SupervisedRow => ({
  id,
  updatedOn: '2022-05-01',
  values: { sector: '农业', category: '政策落实', targetName: `对象${id}`, foundOn: '2022-03-01', ...v },
});
const SOURCE: NoticeSource = {
  rows: [
    ...ROWS,
    row('P-X-1', {
      county: EVIL_COUNTY,
      group: 'X组',
      level: '协调解决',
      department: EVIL_DEPT,
      status: '待办理',
      deadline: '2022-05-20',
      targetName: EVIL_TARGET,
    }),
    row('P-X-2', { county: EVIL_COUNTY, group: 'X组', level: '协调解决', department: EVIL_DEPT, status: '办理中', deadline: '2022-07-20' }),
  ],
  groups: GROUPS,
  activity: ACTIVITY,
};

const coordinator: Profile = { uid: 'c1', email: 'coord@city.test', role: 'coordinator' };
const clerk: Profile = { uid: 'u1', email: 'clerk@yuci.test', role: 'clerk', county: '榆次区', group: '榆次1组' };

function setup(profile: Profile) {
  const excel = createSimulatedExcel();
  const server = fakeServer({ today: AS_OF, profile, noticeSource: SOURCE });
  const api = createApiClient(server.transport, { retry: { sleep: noSleep } });
  return { excel, server, api };
}

const col = (rows: unknown[][], i: number) => rows.map((r) => r[i]);

describe('noticeSheets', () => {
  it('no stored notice: a coordinator generates it; 通报 and 超期问题 sheets with rankings in order and a chart', async () => {
    const { excel, server, api } = setup(coordinator);
    const expected = storedNotice(AS_OF, SOURCE);
    const progress: number[] = [];
    const r = await noticeSheets(excel, api, { date: AS_OF, profile: coordinator, onProgress: (d) => progress.push(d) });
    expect(server.calls.map((c) => c.name)).toEqual(['getNotice', 'generateNotice']);
    expect(r).toMatchObject({ sheet: `通报 ${AS_OF}`, overdueSheet: '超期问题', generated: true, overdue: expected.totals.overdue });
    expect(progress[progress.length - 1]).toBe(3);
    expect(excel.sheetNames()).toEqual(expect.arrayContaining([`通报 ${AS_OF}`, '超期问题']));
    expect(excel.activeSheetName()).toBe(`通报 ${AS_OF}`);

    const sh = excel.sheet(r.sheet);
    expect(sh.cell('A1').value).toBe('全市入企进村服务问题办理情况通报');
    expect(String(sh.cell('A2').value)).toContain(`截至 ${AS_OF}`);

    // Rankings, in the builder's order (which the dataset pins down by hand too).
    const table = (part: string) => excel.table(r.tables.find((t) => new RegExp(`^TZ_notice_\\d{8}_${part}$`).test(t))!);
    const countyOverdue = table('county_overdue');
    expect(col(countyOverdue.rows, 1)).toEqual(['榆次区', EVIL_COUNTY, '介休市', '太谷区']);
    expect(col(countyOverdue.rows, 0)).toEqual([1, 2, 3, 4]);
    expect(col(countyOverdue.rows, 2)).toEqual([2, 1, 1, 0]);
    expect(col(table('county_rate').rows, 1)).toEqual(expected.countiesByResolvedRate.map((x) => x.key));
    expect(col(table('county_rate').rows, 1)[0]).toBe(EVIL_COUNTY); // 0 resolved, 1 overdue: before 太谷区
    expect(col(table('dept_overdue').rows, 1)).toEqual(expected.departmentsByOverdue.map((x) => x.key));
    expect(col(table('dept_rate').rows, 1)).toEqual(expected.departmentsByResolvedRate.map((x) => x.key));
    expect(col(table('silent').rows, 1)).toEqual(expected.silentGroups.map((g) => g.id));
    expect(col(table('escalations').rows, 0)).toEqual(expected.oldestEscalations.map((e) => e.id));
    expect(expected.oldestEscalations.length).toBeGreaterThan(0);
    // Rates are numbers shown as percentages; figures are numbers.
    const rateCell = countyOverdue.address.split('!')[1]!.replace(/^A(\d+):.*$/, (_, n) => `G${Number(n) + 1}`);
    expect(sh.cell(rateCell).numberFormat).toBe('0.0%');
    expect(typeof sh.cell(rateCell).value).toBe('number');

    // A bar chart of the county overdue ranking: names and overdue counts.
    const charts = sh.charts();
    expect(charts.length).toBeGreaterThanOrEqual(1);
    expect(charts[0]!.type).toBe('BarClustered');
    const [, first] = countyOverdue.address.split('!');
    const headerRow = Number(first!.match(/^A(\d+)/)![1]);
    expect(charts[0]!.source).toContain(`B${headerRow}:C${headerRow + 4}`);
    expect(charts[0]!.title).toContain('超期');

    // 超期问题: most overdue first, days overdue as numbers.
    const od = table('overdue');
    expect(od.sheet).toBe('超期问题');
    const days = col(od.rows, 10) as number[];
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(col(od.rows, 0)).toEqual(expected.overdueProblems.map((o) => o.id));
    expect(od.rows.length).toBe(expected.totals.overdue);
  });

  it('names starting with = + @ stay text (never formulas)', async () => {
    const { excel, api } = setup(coordinator);
    const r = await noticeSheets(excel, api, { date: AS_OF, profile: coordinator });
    const sh = excel.sheet(r.sheet);
    const used = sh.usedAddress()!;
    const find = (s: ReturnType<typeof excel.sheet>, value: string): string[] => {
      const out: string[] = [];
      const vals = s.values(used.includes('!') ? used.split('!')[1]! : used);
      vals.forEach((rw, i) =>
        rw.forEach((v, j) => {
          if (v === value) out.push(`${String.fromCharCode(65 + j)}${i + 1}`);
        }),
      );
      return out;
    };
    const counties = find(sh, EVIL_COUNTY);
    const depts = find(sh, EVIL_DEPT);
    expect(counties.length).toBe(2); // both county rankings
    expect(depts.length).toBe(2); // both department rankings
    for (const a of [...counties, ...depts]) {
      expect(sh.cell(a).formula).toBeNull();
      expect(sh.cell(a).numberFormat).toBe('@');
    }
    const os = excel.sheet(r.overdueSheet);
    const osUsed = os.usedAddress()!;
    const ov = os.values(osUsed.includes('!') ? osUsed.split('!')[1]! : osUsed);
    const i = ov.findIndex((rw) => rw[0] === 'P-X-1');
    expect(ov[i]).toEqual(['P-X-1', EVIL_COUNTY, 'X组', '农业', '政策落实', EVIL_TARGET, '协调解决', EVIL_DEPT, '待办理', '2022-05-20', 12]);
    for (const c of ['B', 'F', 'H', 'J']) {
      expect(os.cell(`${c}${i + 1}`).formula).toBeNull();
      expect(os.cell(`${c}${i + 1}`).numberFormat).toBe('@');
    }
    expect(os.cell(`J${i + 1}`).value).toBe('2022-05-20'); // a date from the server stays the text it was
  });

  it('a stored notice is read, not regenerated; a second run gets its own sheets', async () => {
    const { excel, server, api } = setup({ ...coordinator, county: '榆次区' });
    server.notices.set(AS_OF, storedNotice(AS_OF, SOURCE, '榆次区'));
    const a = await noticeSheets(excel, api, { date: AS_OF, profile: server.profile });
    expect(server.calls.map((c) => c.name)).toEqual(['getNotice']);
    expect(a).toMatchObject({ generated: false, county: '榆次区', overdue: 2 });
    expect(String(excel.sheet(a.sheet).cell('A1').value)).toContain('榆次区入企进村服务问题办理情况通报');
    const b = await noticeSheets(excel, api, { date: AS_OF, profile: server.profile });
    expect(b.sheet).toBe(`通报 ${AS_OF}(2)`);
    expect(b.overdueSheet).toBe('超期问题(2)');
    expect(new Set([...a.tables, ...b.tables]).size).toBe(a.tables.length + b.tables.length);
    expect(excel.sheet(b.sheet).charts()).toHaveLength(excel.sheet(a.sheet).charts().length);
  });

  it('an empty notice still makes both sheets (无 under each header, no chart)', async () => {
    const excel = createSimulatedExcel();
    const server = fakeServer({ today: AS_OF, profile: { uid: 'a', email: 'admin@x', role: 'admin' } });
    const api = createApiClient(server.transport, { retry: { sleep: noSleep } });
    const r = await noticeSheets(excel, api, { date: AS_OF, profile: server.profile });
    expect(r.tables).toEqual([]);
    expect(excel.sheet(r.sheet).charts()).toHaveLength(0);
    expect(excel.sheet(r.overdueSheet).cell('A4').value).toBe('九、超期问题清单');
    expect(excel.sheet(r.overdueSheet).cell('A6').value).toBe('（无）');
  });

  it('an English Office gets the sheets in English only', async () => {
    const { excel, api } = setup(coordinator);
    const r = await noticeSheets(excel, api, { date: AS_OF, profile: coordinator, lang: 'en' });
    expect(r.sheet).toBe(`Notice ${AS_OF}`);
    expect(r.overdueSheet).toBe('Overdue problems');
    expect(String(excel.sheet(r.sheet).cell('A1').value)).toMatch(/^Notice on the problems found/);
    expect(excel.sheet(r.overdueSheet).cell('A5').value).toBe('Problem number');
  });

  it('NOT_FOUND without a known coordinator/admin profile is passed on, nothing generated', async () => {
    const { excel, server, api } = setup(coordinator);
    await expect(noticeSheets(excel, api, { date: AS_OF })).rejects.toMatchObject({ status: 'NOT_FOUND' });
    expect(server.calls.map((c) => c.name)).toEqual(['getNotice']);
    expect(excel.sheetNames()).not.toContain(`通报 ${AS_OF}`);
  });

  it('a clerk gets a clear permission error and no sheet', async () => {
    const { excel, server, api } = setup(clerk);
    const names = excel.sheetNames();
    const err = await noticeSheets(excel, api, { date: AS_OF, profile: clerk }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlowError);
    expect(err).toMatchObject({ code: 'notice_forbidden' });
    expect((err as FlowError).zh).toContain('通报仅供协调员和管理员查看');
    expect((err as FlowError).en).toContain('coordinators and administrators only');
    expect(server.calls).toHaveLength(0);
    expect(excel.sheetNames()).toEqual(names);
    const shown = explain(err, STRINGS.zh, 'zh');
    expect(shown.what).toContain('通报仅供协调员和管理员查看');
    expect(shown.todo).toBe(STRINGS.zh.err.permission.todo);
    // Without a profile the server says no: PERMISSION_DENIED, explained as a permission problem.
    const err2 = await noticeSheets(excel, api, { date: AS_OF }).catch((e: unknown) => e);
    expect(err2).toBeInstanceOf(ApiError);
    expect(err2).toMatchObject({ status: 'PERMISSION_DENIED' });
    expect(explain(err2, STRINGS.en, 'en')).toMatchObject({
      what: STRINGS.en.err.permission.what,
      detail: 'Notices are for coordinators and administrators only',
    });
    expect(excel.sheetNames()).toEqual(names);
  });
});

describe('notice callables in the client', () => {
  it('getNotice, generateNotice and listNotices send the documented requests', async () => {
    const { server, api } = setup(coordinator);
    await expect(api.getNotice(AS_OF)).rejects.toMatchObject({ status: 'NOT_FOUND' });
    const g = await api.generateNotice(AS_OF);
    expect(g.date).toBe(AS_OF);
    expect((await api.getNotice(AS_OF)).totals).toEqual(g.totals);
    const l = await api.listNotices({ limit: 5 });
    expect(l.notices).toEqual([{ date: AS_OF, generatedAt: g.generatedAt, totals: g.totals }]);
    expect(server.calls.map((c) => [c.name, c.data])).toEqual([
      ['getNotice', { date: AS_OF }],
      ['generateNotice', { date: AS_OF }],
      ['getNotice', { date: AS_OF }],
      ['listNotices', { limit: 5 }],
    ]);
  });
});
