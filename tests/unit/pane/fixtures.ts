// Pane states for the rendering tests: one per screen a clerk can see.

import type { Conflict, RowErrors } from '../../../addin/src/engine';
import { initialState, type PaneActions, type PaneState } from '../../../addin/src/pane/store';

export const noop: PaneActions = {
  signIn: async () => {},
  signOut: async () => {},
  setLedger: () => {},
  setPullFilter: () => {},
  setPullFull: () => {},
  setGroupBy: () => {},
  createSheet: async () => {},
  check: async () => {},
  push: async () => {},
  pull: async () => {},
  summary: async () => {},
  setNoticeDate: () => {},
  noticeSheets: async () => {},
  cancel: () => {},
  decide: () => {},
  applyDecisions: async () => {},
  goTo: async () => {},
  dismissError: () => {},
  refreshInbox: async () => {},
  openItem: async () => {},
  setView: () => {},
  setOverdueOnly: () => {},
  setTargetType: () => {},
  searchTargets: async () => {},
  fillTarget: async () => {},
  openCompare: async () => {},
  closeCompare: () => {},
  linkDuplicate: async () => {},
  dismissDuplicate: async () => {},
};

const profile = { uid: 'u1', email: 'clerk.yuci@taizhang.demo', role: 'clerk' as const, county: '榆次区', group: '榆次区入企服务第1组' };

export const rowErrors: RowErrors[] = [
  {
    row: 3,
    key: 'k3',
    errors: [
      {
        row: 3,
        address: 'B3',
        field: 'county',
        header: '县（区、市）',
        code: 'enum',
        zh: '「榆次县」不是有效的县（区、市）',
        en: '"榆次县" is not a valid county',
        message: 'x',
      },
    ],
  },
];

export const conflict: Conflict = {
  key: 'k7',
  id: 'P-0421-000007',
  row: 7,
  mine: { county: '榆次区', status: '办理中' },
  current: {
    version: 3,
    values: { county: '榆次区', status: '已解决' },
    updatedAt: '2026-11-27T08:00:00Z',
    updatedBy: 'coordinator@taizhang.demo',
    withdrawn: false,
  },
  diff: [{ field: 'status', header: '办理状态', en: 'Status', mine: '办理中', theirs: '已解决' }],
};

export const states: Record<string, PaneState> = {
  signedOut: { ...initialState, auth: 'signedOut' },
  signingIn: { ...initialState, auth: 'signingIn' },
  signedIn: { ...initialState, auth: 'signedIn', email: profile.email, profile },
  checking: {
    ...initialState,
    auth: 'signedIn',
    view: 'entry',
    email: profile.email,
    profile,
    busy: { flow: 'check', phase: 'read', done: 0, total: 0, cancelling: false },
  },
  pushing: {
    ...initialState,
    auth: 'signedIn',
    view: 'entry',
    email: profile.email,
    profile,
    busy: { flow: 'push', phase: 'push', done: 250, total: 1000, cancelling: false },
  },
  checked: {
    ...initialState,
    auth: 'signedIn',
    view: 'entry',
    email: profile.email,
    profile,
    sheet: '问题清单',
    rowErrors,
    notices: [{ kind: 'warning', key: 'checked', args: [10, 9, 1, 9] }],
  },
  conflicts: {
    ...initialState,
    auth: 'signedIn',
    view: 'entry',
    email: profile.email,
    profile,
    sheet: '问题清单',
    conflicts: [conflict],
    decisions: { k7: 'later' },
    notices: [{ kind: 'success', key: 'pushed', args: [5, 4] }],
  },
};

const department = { uid: 'd1', email: 'dept.zrzy@taizhang.demo', role: 'department' as const, department: 'jz-zrzy' };

/** A department's pane: its 待办 with a returned problem and its 审核意见. */
export const departmentInbox: PaneState = {
  ...initialState,
  auth: 'signedIn',
  email: department.email,
  profile: department,
  departments: [{ id: 'jz-zrzy', name: '市自然资源局', aliases: [], county: '市直', active: true }],
  inbox: {
    asOf: '2022-05-10',
    counts: { new: 1, returned: 1, due_soon: 0, overdue: 0 },
    items: [
      {
        reason: 'new',
        ledger: 'problems',
        id: 'P-140702-2022-000031',
        county: '榆次区',
        targetName: '山西某物流公司',
        description: '仓储用地规划调整',
        level: '提交市级',
        status: '办理中',
        department: '市自然资源局',
        deadline: '2022-06-10',
        updatedAt: '2022-05-09T02:00:00Z',
      },
      {
        reason: 'returned',
        ledger: 'problems',
        id: 'P-140702-2022-000017',
        county: '榆次区',
        targetName: '晋中开发区某新材料公司',
        description: '项目用地手续办理缓慢',
        level: '提交市级',
        status: '办理中',
        department: '市自然资源局',
        deadline: '2022-05-15',
        review: '请补充具体时间节点',
        updatedAt: '2022-05-09T02:00:00Z',
      },
    ],
  },
};

const coordinator = { uid: 'c1', email: 'coordinator.yuci@taizhang.demo', role: 'coordinator' as const, county: '榆次区' };

/** A push that stored a row another group likely reported already, and registry warnings. */
export const pushedWithDuplicates: PaneState = {
  ...initialState,
  auth: 'signedIn',
  view: 'entry',
  email: coordinator.email,
  profile: coordinator,
  sheet: '问题清单',
  notices: [{ kind: 'warning', key: 'duplicatesFound', args: [1] }],
  warnings: [
    {
      row: 5,
      key: 'k5',
      warnings: [
        {
          row: 5,
          address: 'E5',
          field: 'creditCode',
          header: '统一社会信用代码',
          code: 'registry',
          zh: '企业名录中统一社会信用代码 91140700MA0K12345X 是「山西强伟纸业有限公司」，不是「强伟纸厂」，请核对代码或名称',
          en: 'In the register of enterprises the credit code 91140700MA0K12345X is "山西强伟纸业有限公司", not "强伟纸厂"; please check the code or the name',
          message: 'x',
        },
      ],
    },
  ],
  duplicates: [
    {
      row: 6,
      key: 'k6',
      id: 'P-140702-2022-000101',
      matches: [{ id: 'P-140702-2022-000017', group: '市工业和信息化专班', county: '榆次区', similarity: 0.62 }],
    },
  ],
};

/** The two problems side by side. */
export const comparing: PaneState = {
  ...pushedWithDuplicates,
  compare: {
    id: 'P-140702-2022-000101',
    of: 'P-140702-2022-000017',
    match: { id: 'P-140702-2022-000017', group: '市工业和信息化专班', county: '榆次区', similarity: 0.62 },
    mine: { county: '榆次区', targetName: '山西强伟纸业有限公司', description: '污水处理站扩建用地手续办理缓慢', status: '待办理' },
    theirs: { county: '榆次区', targetName: '强伟纸业', description: '污水处理站扩建用地手续迟迟办不下来', status: '办理中' },
  },
};
