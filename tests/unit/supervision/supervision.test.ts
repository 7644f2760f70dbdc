// Supervision's pure builders on a known dataset (dataset.ts), as of a fixed day.
import {
  buildNotice,
  checkClerkGroup,
  isoWeekLabel,
  isoWeekPeriod,
  noticeMarkdown,
  overdueProblems,
  progressBy,
  reportingCadence,
  staleEscalations,
} from '@taizhang/ledger';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from './dataset';

describe('periods', () => {
  it('ISO weeks run Monday to Sunday', () => {
    expect(isoWeekPeriod('2022-06-01')).toEqual({ from: '2022-05-30', to: '2022-06-05' });
    expect(isoWeekPeriod('2022-05-30')).toEqual({ from: '2022-05-30', to: '2022-06-05' });
    expect(isoWeekPeriod('2022-06-05')).toEqual({ from: '2022-05-30', to: '2022-06-05' });
    expect(isoWeekLabel('2022-06-01')).toBe('2022-W22');
    expect(isoWeekLabel('2021-01-03')).toBe('2020-W53');
    expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
  });
});

describe('reporting cadence', () => {
  it('names active groups that pushed nothing, with counts per county', () => {
    const c = reportingCadence({ from: '2022-05-25', to: '2022-05-31' }, GROUPS, ACTIVITY);
    expect(c.silentGroups.map((g) => g.id)).toEqual(['YC-03', 'TG-01', 'JX-02']); // the order of COUNTIES
    expect(c.byCounty).toEqual([
      { county: '榆次区', activeGroups: 3, reported: 2, silent: 1 },
      { county: '太谷区', activeGroups: 1, reported: 0, silent: 1 },
      { county: '介休市', activeGroups: 2, reported: 1, silent: 1 },
    ]);
    expect(c.totals).toEqual({ activeGroups: 6, reported: 3, silent: 3 });
  });

  it('with no pushes every active group is silent; with no groups nothing is', () => {
    expect(reportingCadence({ from: AS_OF, to: AS_OF }, GROUPS, []).totals).toEqual({ activeGroups: 6, reported: 0, silent: 6 });
    expect(reportingCadence({ from: AS_OF, to: AS_OF }, [], ACTIVITY).silentGroups).toEqual([]);
  });
});

describe('overdue problems', () => {
  it('days overdue as of the day, most overdue first', () => {
    const o = overdueProblems(AS_OF, ROWS);
    expect(o.map((x) => [x.id, x.daysOverdue])).toEqual([
      ['P-140781-2022-000001', 62],
      ['P-140702-2022-000002', 31],
      ['P-140702-2022-000003', 1],
    ]);
    expect(o[0]).toMatchObject({ county: '介休市', department: '市工信局', sector: '农业', deadline: '2022-03-31', status: '待办理' });
  });

  it('a deadline on the as-of day is not overdue; the next day it is', () => {
    expect(overdueProblems('2022-06-01', ROWS).some((x) => x.id === 'P-140703-2022-000001')).toBe(false);
    expect(overdueProblems('2022-06-02', ROWS).find((x) => x.id === 'P-140703-2022-000001')?.daysOverdue).toBe(1);
  });
});

describe('stale escalations', () => {
  it('提交市级, unresolved, no change for N days or more, oldest first', () => {
    expect(staleEscalations(AS_OF, ROWS, 14).map((e) => [e.id, e.daysWithoutProgress])).toEqual([
      ['P-140703-2022-000001', 61],
      ['P-140702-2022-000003', 22],
    ]);
    // N = 7: 榆次 #4 (updated 2022-05-25, 7 days) joins; resolved J2 never does.
    expect(staleEscalations(AS_OF, ROWS, 7).map((e) => e.id)).toEqual(['P-140703-2022-000001', 'P-140702-2022-000003', 'P-140702-2022-000004']);
    expect(staleEscalations(AS_OF, ROWS, 62)).toEqual([]);
  });
});

describe('progress by county, sector, department', () => {
  it('counts per department (rows without one left out)', () => {
    const d = Object.fromEntries(progressBy('department', AS_OF, ROWS).map((x) => [x.key, x]));
    expect(Object.keys(d).sort()).toEqual(['市住建局', '市农业农村局', '市工信局'].sort());
    expect(d['市工信局']).toEqual({
      key: '市工信局',
      total: 3,
      resolved: 0,
      unresolved: 3,
      overdue: 2,
      escalated: 1,
      staleEscalations: 0,
      resolvedRate: 0,
      overdueRate: 0.6667,
    });
    expect(d['市住建局']).toMatchObject({ total: 2, overdue: 1, escalated: 1, staleEscalations: 1 });
    expect(d['市农业农村局']).toMatchObject({ total: 2, resolved: 1, resolvedRate: 0.5, overdue: 0, escalated: 2, staleEscalations: 1 });
  });
});

describe('buildNotice', () => {
  const n = buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY);

  it('ranks counties by overdue and by resolved rate', () => {
    expect(n.countiesByOverdue.map((c) => [c.key, c.overdue])).toEqual([
      ['榆次区', 2],
      ['介休市', 1],
      ['太谷区', 0],
    ]);
    expect(n.countiesByResolvedRate.map((c) => [c.key, c.resolvedRate])).toEqual([
      ['太谷区', 0],
      ['榆次区', 0.25],
      ['介休市', 0.6667],
    ]);
  });

  it('ranks departments by the problems assigned to them (a department named while 待办理 is a suggestion)', () => {
    expect(n.departmentsByOverdue.map((d) => [d.key, d.assigned, d.overdue])).toEqual([
      ['市工信局', 2, 1],
      ['市农业农村局', 2, 0],
    ]);
    expect(n.departmentsByResolvedRate.map((d) => [d.key, d.resolvedRate])).toEqual([
      ['市工信局', 0],
      ['市农业农村局', 0.5],
    ]);
    expect(n.sectorsByOverdue[0]).toMatchObject({ key: '建筑业', overdue: 2 });
  });

  it('silent groups over the 7 days before the as-of day; totals', () => {
    expect(n.date).toBe(AS_OF);
    expect(n.period).toEqual({ from: '2022-05-25', to: '2022-05-31' });
    expect(n.silentGroups.map((g) => g.id)).toEqual(['YC-03', 'TG-01', 'JX-02']);
    expect(n.oldestEscalations.map((e) => e.id)).toEqual(['P-140703-2022-000001', 'P-140702-2022-000003']);
    expect(n.overdueProblems.map((o) => o.daysOverdue)).toEqual([62, 31, 1]);
    expect(n.totals).toEqual({
      problems: 9,
      resolved: 3,
      unresolved: 6,
      resolvedRate: 0.3333,
      overdue: 3,
      escalated: 4,
      staleEscalations: 2,
      activeGroups: 6,
      reportedGroups: 3,
      silentGroups: 3,
    });
    expect(n.county).toBeUndefined();
  });

  it('a county-scoped notice counts only that county', () => {
    const y = buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY, { county: '榆次区' });
    expect(y.county).toBe('榆次区');
    expect(y.countiesByOverdue.map((c) => c.key)).toEqual(['榆次区']);
    expect(y.departmentsByOverdue.map((d) => [d.key, d.total])).toEqual([['市工信局', 2]]);
    expect(y.silentGroups.map((g) => g.id)).toEqual(['YC-03']);
    expect(y.totals).toMatchObject({ problems: 4, resolved: 1, overdue: 2, activeGroups: 3, reportedGroups: 2, silentGroups: 1 });
  });

  it('lists are capped by limit; totals still count everything', () => {
    const capped = buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY, { limit: 1 });
    expect(capped.overdueProblems).toHaveLength(1);
    expect(capped.silentGroups).toHaveLength(1);
    expect(capped.totals.overdue).toBe(3);
    expect(capped.totals.silentGroups).toBe(3);
  });

  it('an empty dataset gives an empty notice, not an error', () => {
    const e = buildNotice(AS_OF, [], [], []);
    expect(e.totals).toEqual({
      problems: 0,
      resolved: 0,
      unresolved: 0,
      resolvedRate: 0,
      overdue: 0,
      escalated: 0,
      staleEscalations: 0,
      activeGroups: 0,
      reportedGroups: 0,
      silentGroups: 0,
    });
    expect(noticeMarkdown(e)).toContain('（无）');
  });
});

describe('noticeMarkdown', () => {
  const md = noticeMarkdown(buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY));

  it('is Chinese text with every section and the figures', () => {
    expect(md.startsWith('# 全市入企进村服务问题办理情况通报\n\n截至 2022-06-01（报送情况统计期间：2022-05-25 至 2022-05-31）')).toBe(true);
    for (const h of [
      '一、总体情况',
      '二、县（区、市）超期问题排名',
      '三、县（区、市）问题解决率排名',
      '四、责任单位超期问题排名',
      '五、责任单位问题解决率排名',
      '六、责任单位超期问题清单',
      '七、未报送工作组（2022-05-25 至 2022-05-31）',
      '八、提交市级问题久无进展（14 天以上）',
      '九、超期问题清单',
    ]) {
      expect(md).toContain(`## ${h}`);
    }
    expect(md).toContain('共梳理问题 9 个，已解决 3 个，解决率 33.3%');
    expect(md).toContain('| 1 | 榆次区 | 2 | 4 | 1 | 3 | 25.0% | 50.0% | 2 | 1 |');
    expect(md).toContain('| 介休市 | JX-02 | 介休2组 | 入企 | 市工信局 |');
    expect(md).toContain(
      '| P-140781-2022-000001 | 介休市 | 介休1组 | 农业 | 政策落实 | 对象P-140781-2022-000001 | 协调解决 | 市工信局 | 待办理 | 2022-03-31 | 62 |',
    );
    expect(md).toContain(
      '| P-140703-2022-000001 | 太谷区 | 太谷1组 | 农业 | 对象P-140703-2022-000001 | 市农业农村局 | 办理中 | 2022-03-01 | 2022-06-01 | 2022-04-01 | 61 |',
    );
  });

  it('keeps table rows intact when data holds pipes or line breaks', () => {
    const rows = [{ ...ROWS[1]!, values: { ...ROWS[1]!.values, targetName: 'A|B\nC' } }];
    const text = noticeMarkdown(buildNotice(AS_OF, rows, [], []));
    expect(text).toContain('| A｜B C |');
  });

  it('says how many items a capped list leaves out', () => {
    expect(noticeMarkdown(buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY), 1)).toContain('（另有 2 项未列出）');
  });
});

describe('the registry rule', () => {
  it('a county without registered groups lets every clerk push', () => {
    expect(checkClerkGroup('祁县', '任意组', GROUPS)).toBeUndefined();
  });
  it('an active group, by name or by id, may push', () => {
    expect(checkClerkGroup('榆次区', '榆次1组', GROUPS)).toBeUndefined();
    expect(checkClerkGroup('榆次区', 'YC-02', GROUPS)).toBeUndefined();
  });
  it('an unknown or inactive group is refused, in both languages', () => {
    expect(checkClerkGroup('榆次区', '榆次9组', GROUPS)).toEqual({
      zh: '工作组「榆次9组」未在榆次区的工作组登记中，请联系管理员',
      en: 'The work group "榆次9组" is not registered in 榆次区; ask an administrator',
    });
    expect(checkClerkGroup('榆次区', '榆次4组', GROUPS)?.en).toMatch(/no longer active/);
    // A group registered in another county is unknown here.
    expect(checkClerkGroup('榆次区', '介休1组', GROUPS)?.zh).toMatch(/未在榆次区/);
  });
});
