// The notice's department ranking (docs/workflow.md#the-notice): per registry id, what was
// assigned, resolved, overdue, awaiting review and the median days to a first answer, and the
// overdue lists by department; names clerks wrote differently count as one department.
import {
  buildNotice,
  departmentIndex,
  departmentProgress,
  noticeMarkdown,
  overdueByDepartment,
  type DepartmentRecord,
  type SupervisedRow,
} from '@taizhang/ledger';

const AS_OF = '2022-06-01';
const DAY = 86_400_000;
const T0 = Date.parse('2022-05-01T09:00:00+08:00');

const REGISTRY: DepartmentRecord[] = [
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直', active: true },
  { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: ['市住建局'], county: '市直', active: true },
  { id: 'yc-zrzy', name: '榆次区自然资源局', aliases: ['榆次区自然资源分局'], county: '榆次区', active: true },
  { id: 'jz-old', name: '市国土资源局', aliases: [], county: '市直', active: false },
];

let n = 0;
function row(v: Record<string, string>, more: Partial<SupervisedRow> = {}): SupervisedRow {
  n++;
  return {
    id: `P-140702-2022-${String(n).padStart(6, '0')}`,
    updatedOn: '2022-05-20',
    values: {
      county: '榆次区',
      group: '榆次1组',
      sector: '农业',
      category: '用地规划',
      targetName: `对象${n}`,
      foundOn: '2022-04-01',
      level: '提交市级',
      ...v,
    },
    ...more,
  };
}
const answered = (days: number) => ({ assignedAt: T0, firstAnsweredAt: T0 + days * DAY });

// 市自然资源局: four assigned (one written by its alias and not yet migrated), one resolved,
// one awaiting review, two overdue; first answers after 1, 3 and 8 days (median 3); one
// suggestion (待办理) that is not an assignment.
// 市住建局: two assigned (by id), both answered after 2 and 5 days (median 3.5), none overdue.
// 榆次区自然资源局: one problem of 介休市, overdue and not answered (a county's notice ranks the departments working on its problems).
const ROWS: SupervisedRow[] = [
  row({ department: '市自然资源局', status: '办理中', deadline: '2022-05-10' }, { departmentId: 'jz-zrzy', ...answered(1) }),
  row({ department: '晋中市自然资源局', status: '办理中', deadline: '2022-05-31' }, { assignedAt: T0 }),
  row({ department: '市自然资源局', status: '待审核', deadline: '2022-06-30' }, { departmentId: 'jz-zrzy', ...answered(8) }),
  row({ department: '市自然资源局', status: '已解决', deadline: '2022-05-01', resolvedOn: '2022-05-05' }, { departmentId: 'jz-zrzy', ...answered(3) }),
  row({ department: '市自然资源局', status: '待办理', deadline: '2022-05-01' }, { departmentId: 'jz-zrzy' }),
  row({ department: '市住房和城乡建设局', status: '已解决', resolvedOn: '2022-05-10' }, { departmentId: 'jz-zjj', ...answered(2) }),
  row({ department: '市住房和城乡建设局', status: '长期推进', deadline: '2022-05-01' }, { departmentId: 'jz-zjj', ...answered(5) }),
  row({ county: '介休市', group: '介休1组', department: '榆次区自然资源局', status: '办理中', deadline: '2022-05-30' }, { departmentId: 'yc-zrzy' }),
  row({ department: '市国土资源局', status: '办理中', deadline: '2022-07-01' }, { departmentId: 'jz-old' }),
  row({ level: '现场解决', status: '已解决', resolvedOn: '2022-04-01' }),
];

const index = departmentIndex(REGISTRY);

describe('departmentProgress', () => {
  const figures = Object.fromEntries(departmentProgress(AS_OF, ROWS, index).map((d) => [d.id ?? d.key, d]));

  it('counts assigned problems per registry id, aliases included, suggestions left out', () => {
    expect(Object.keys(figures).sort()).toEqual(['jz-old', 'jz-zjj', 'jz-zrzy', 'yc-zrzy']);
    expect(figures['jz-zrzy']).toMatchObject({
      key: '市自然资源局',
      name: '市自然资源局',
      assigned: 4,
      total: 4,
      resolved: 1,
      unresolved: 3,
      overdue: 2,
      awaitingReview: 1,
      answered: 3,
      medianDaysToFirstAnswer: 3,
      resolvedRate: 0.25,
      overdueRate: 0.5,
    });
  });

  it('the median of an even count is the mean of the middle two; long-term is not overdue', () => {
    expect(figures['jz-zjj']).toMatchObject({ assigned: 2, resolved: 1, overdue: 0, answered: 2, medianDaysToFirstAnswer: 3.5 });
  });

  it('no answer yet: no median; an inactive department keeps its registry name', () => {
    expect(figures['yc-zrzy']).toMatchObject({ assigned: 1, overdue: 1, answered: 0, medianDaysToFirstAnswer: null });
    expect(figures['jz-old']).toMatchObject({ name: '市国土资源局', assigned: 1 });
  });

  it('without a registry the written names rank as they are', () => {
    const plain = departmentProgress(
      AS_OF,
      ROWS.map(({ departmentId: _d, ...r }) => r),
    );
    expect(plain.map((d) => [d.key, d.id]).sort()).toEqual([
      ['市住房和城乡建设局', undefined],
      ['市国土资源局', undefined],
      ['市自然资源局', undefined],
      ['晋中市自然资源局', undefined],
      ['榆次区自然资源局', undefined],
    ]);
  });

  it('an answer stamped before the latest assignment is not a first answer to it', () => {
    const r = row(
      { department: '市自然资源局', status: '办理中', deadline: '2022-07-01' },
      { departmentId: 'jz-zrzy', assignedAt: T0, firstAnsweredAt: T0 - DAY },
    );
    expect(departmentProgress(AS_OF, [r], index)[0]).toMatchObject({ answered: 0, medianDaysToFirstAnswer: null });
  });
});

describe('overdueByDepartment', () => {
  it('lists each department’s overdue problems, most overdue first, departments with most first', () => {
    const lists = overdueByDepartment(AS_OF, ROWS, index);
    expect(lists.map((d) => [d.id, d.name, d.overdue, d.items.map((i) => i.daysOverdue)])).toEqual([
      ['jz-zrzy', '市自然资源局', 2, [22, 1]],
      ['yc-zrzy', '榆次区自然资源局', 1, [2]],
    ]);
  });
  it('caps each list, the count stays whole', () => {
    expect(overdueByDepartment(AS_OF, ROWS, index, 1)[0]).toMatchObject({ overdue: 2, items: [expect.objectContaining({ daysOverdue: 22 })] });
  });
});

describe('the notice', () => {
  const city = buildNotice(AS_OF, ROWS, [], [], { departments: REGISTRY });

  it('ranks departments by overdue and by resolved rate, by registry id', () => {
    expect(city.departmentsByOverdue.map((d) => [d.id, d.overdue])).toEqual([
      ['jz-zrzy', 2],
      ['yc-zrzy', 1],
      ['jz-old', 0],
      ['jz-zjj', 0],
    ]);
    expect(city.departmentsByResolvedRate.map((d) => d.id)).toEqual(['yc-zrzy', 'jz-old', 'jz-zrzy', 'jz-zjj']);
    expect(city.overdueByDepartment.map((d) => d.id)).toEqual(['jz-zrzy', 'yc-zrzy']);
  });

  it('a county’s notice shows the departments working on its problems', () => {
    const jx = buildNotice(AS_OF, ROWS, [], [], { departments: REGISTRY, county: '介休市' });
    expect(jx.departmentsByOverdue.map((d) => d.id)).toEqual(['yc-zrzy']);
    const yc = buildNotice(AS_OF, ROWS, [], [], { departments: REGISTRY, county: '榆次区' });
    expect(yc.departmentsByOverdue.map((d) => d.id)).toEqual(['jz-zrzy', 'jz-old', 'jz-zjj']);
  });

  it('the text has the ranking’s figures and the overdue list of each department', () => {
    const md = noticeMarkdown(city);
    expect(md).toContain('| 名次 | 责任单位 | 超期 | 交办 | 已解决 | 解决率 | 超期率 | 待审核 | 首次答复（中位天数） |');
    expect(md).toContain('| 1 | 市自然资源局 | 2 | 4 | 1 | 25.0% | 50.0% | 1 | 3 |');
    expect(md).toContain('| 1 | 榆次区自然资源局 | 1 | 1 | 0 | 0.0% | 100.0% | 0 | — |');
    expect(md).toContain('## 六、责任单位超期问题清单');
    expect(md).toContain('| 责任单位 | 问题编号 | 县（区、市） | 服务对象 | 办理状态 | 办结时限 | 超期天数 |');
    expect(md).toContain(`| 市自然资源局 | ${ROWS[0]!.id} | 榆次区 | 对象1 | 办理中 | 2022-05-10 | 22 |`);
    expect(md.indexOf(`| 市自然资源局 | ${ROWS[1]!.id}`)).toBeLessThan(md.indexOf(`| 榆次区自然资源局 | ${ROWS[7]!.id}`));
    expect(noticeMarkdown(city, 1)).toContain('（市自然资源局另有 1 项未列出）');
  });

  it('a notice stored before the department figures existed still reads', () => {
    const old = {
      ...city,
      departmentsByOverdue: [
        { key: '市工信局', total: 2, resolved: 1, unresolved: 1, overdue: 1, escalated: 0, staleEscalations: 0, resolvedRate: 0.5, overdueRate: 0.5 },
      ],
    } as unknown as typeof city;
    delete (old as { overdueByDepartment?: unknown }).overdueByDepartment;
    const md = noticeMarkdown(old);
    expect(md).toContain('| 1 | 市工信局 | 1 | 2 | 1 | 50.0% | 50.0% | — | — |');
    expect(md).toContain('## 六、责任单位超期问题清单');
  });
});
