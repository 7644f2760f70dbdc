// The to-do labels a problem carries, through the campaign's loop: escalate, assign,
// answer, return, answer again, accept, follow up.
import { callerHolder, deadlineHolders, holderLabel, inboxLabels, nextStamps, type InboxRow, type WorkflowStamps } from '@taizhang/ledger';

const base = {
  county: '榆次区',
  targetType: '入企',
  targetName: '山西强伟纸业有限公司',
  group: '榆次区入企服务第1组',
  sector: '工业和信息软件服务业',
  category: '用地规划',
  description: '厂区扩建用地手续办理缓慢',
  foundOn: '2022-03-10',
  level: '协调解决',
  status: '待办理',
};

function step(row: InboxRow, patch: Record<string, unknown>, by: 'clerk' | 'coordinator' | 'department', now: number, departmentId?: string): InboxRow {
  const values = { ...row.values, ...patch };
  const stamps: WorkflowStamps = nextStamps(row, values, by, now);
  return { ...row, values, stamps, departmentId: departmentId ?? row.departmentId };
}

describe('a problem through the loop', () => {
  const reported: InboxRow = { values: base, ownerGroup: '榆次区入企服务第1组', departmentId: null, withdrawn: false, stamps: {} };
  it('awaits assignment by its county while 待办理 at 协调解决', () => {
    expect(inboxLabels(reported)).toEqual(['to_assign@county:榆次区']);
  });
  const escalated = step(reported, { level: '提交市级' }, 'clerk', 1);
  it('escalated, it awaits the city', () => {
    expect(inboxLabels(escalated)).toEqual(['to_assign@city']);
  });
  const assigned = step(escalated, { status: '办理中', department: '市自然资源局', deadline: '2022-04-30' }, 'coordinator', 2, 'jz-zrzy');
  it('assigned, it is new for the department', () => {
    expect(assigned.stamps).toEqual({ assignedAt: 2 });
    expect(inboxLabels(assigned)).toEqual(['new@dept:jz-zrzy']);
  });
  const progress = step(assigned, { resolution: '已现场踏勘' }, 'department', 3);
  it('once the department answers, it is no longer new', () => {
    expect(inboxLabels(progress)).toEqual([]);
  });
  const asked = step(progress, { status: '待审核', resolution: '已办理用地预审' }, 'department', 4);
  it('asked to close, it awaits the city’s review', () => {
    expect(asked.stamps.reviewRequestedAt).toBe(4);
    expect(inboxLabels(asked)).toEqual(['to_review@city']);
  });
  const returned = step(asked, { status: '办理中', review: '请附批复文件' }, 'coordinator', 5);
  it('returned, it is on the department’s list as returned', () => {
    expect(returned.stamps.returnedAt).toBe(5);
    expect(inboxLabels(returned)).toEqual(['returned@dept:jz-zrzy']);
  });
  const again = step(returned, { status: '待审核', resolution: '已附批复文件' }, 'department', 6);
  const accepted = step(again, { status: '已解决', resolvedOn: '2022-04-20' }, 'coordinator', 7);
  it('accepted, the group follows it up', () => {
    expect(inboxLabels(again)).toEqual(['to_review@city']);
    expect(inboxLabels(accepted)).toEqual(['follow_up@group:榆次区入企服务第1组']);
    expect(deadlineHolders(accepted)).toEqual([]);
  });
  const followed = step(accepted, { followUp: '满意', followUpOn: '2022-04-25' }, 'clerk', 8);
  it('followed up, it is on nobody’s list', () => {
    expect(inboxLabels(followed)).toEqual([]);
  });
  it('reassigned to another department, it is new again there', () => {
    const moved = step(progress, { department: '市住房和城乡建设局' }, 'coordinator', 9, 'jz-zjj');
    expect(inboxLabels(moved)).toEqual(['new@dept:jz-zjj']);
  });
  it('open problems are on the deadline lists of the city, the county, the group and the department', () => {
    expect(deadlineHolders(assigned)).toEqual(['city', 'county:榆次区', 'group:榆次区入企服务第1组', 'dept:jz-zrzy']);
    expect(deadlineHolders({ ...assigned, values: { ...assigned.values, status: '长期推进' } })).toEqual([]);
    expect(deadlineHolders({ ...assigned, withdrawn: true })).toEqual([]);
    expect(inboxLabels({ ...assigned, withdrawn: true })).toEqual([]);
  });
});

describe('the stamps a department is measured by', () => {
  const reported: InboxRow = { values: base, ownerGroup: '榆次区入企服务第1组', departmentId: null, withdrawn: false, stamps: {} };
  it('a department typed while 待办理 is a suggestion: assigned when the problem leaves 待办理', () => {
    const suggested = step(reported, { department: '市自然资源局' }, 'clerk', 1, 'jz-zrzy');
    expect(suggested.stamps.assignedAt).toBeUndefined();
    const assigned = step(suggested, { status: '办理中', deadline: '2022-04-30' }, 'coordinator', 5);
    expect(assigned.stamps).toEqual({ assignedAt: 5 });
    expect(inboxLabels(assigned)).toEqual(['new@dept:jz-zrzy']);
    // Other changes of an assigned problem by its owner are no new assignment.
    expect(step(assigned, { deadline: '2022-05-31' }, 'coordinator', 6).stamps.assignedAt).toBe(5);
  });
  it('the first answer since the last assignment is kept beside the last answer', () => {
    const assigned = step(reported, { status: '办理中', department: '市自然资源局', deadline: '2022-04-30' }, 'coordinator', 2, 'jz-zrzy');
    const first = step(assigned, { resolution: '已受理' }, 'department', 3);
    const second = step(first, { status: '待审核', resolution: '已办结' }, 'department', 4);
    expect(second.stamps).toMatchObject({ assignedAt: 2, firstAnsweredAt: 3, answeredAt: 4 });
    const returned = step(second, { status: '办理中', review: '请补充材料' }, 'coordinator', 5);
    expect(step(returned, { resolution: '已补充' }, 'department', 6).stamps).toMatchObject({ firstAnsweredAt: 3, answeredAt: 6 });
    const moved = step(second, { status: '办理中', department: '市住房和城乡建设局' }, 'coordinator', 7, 'jz-zjj');
    expect(moved.stamps.assignedAt).toBe(7);
    expect(step(moved, { resolution: '已受理' }, 'department', 8).stamps).toMatchObject({ assignedAt: 7, firstAnsweredAt: 8 });
  });
});

describe('whose list a caller reads', () => {
  it.each([
    [{ role: 'coordinator' }, 'city'],
    [{ role: 'admin' }, 'city'],
    [{ role: 'coordinator', county: '介休市' }, 'county:介休市'],
    [{ role: 'clerk', county: '介休市', group: '介休市第2组' }, 'group:介休市第2组'],
    [{ role: 'department', department: 'jz-zrzy' }, 'dept:jz-zrzy'],
  ] as const)('%p → %s', (caller, label) => {
    expect(holderLabel(callerHolder(caller)!)).toBe(label);
  });
});
