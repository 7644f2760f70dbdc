// The demo accounts `npm start` creates (printed with their passwords when it starts): a
// clerk of a work group in 榆次区 and in 介休市, the city office, an administrator, the two
// counties' coordinators, and four departments of the registry (departments.ts).

import type { Claims } from '@taizhang/ledger';

export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly claims: Claims;
  /** A coordinator of the whole city, said on purpose (no county). */
  readonly cityWide?: boolean;
}

export const DEMO_PASSWORD = 'taizhang-demo';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: 'clerk.yuci@taizhang.demo',
    password: DEMO_PASSWORD,
    displayName: '榆次区填报员',
    claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' },
  },
  {
    email: 'clerk.jiexiu@taizhang.demo',
    password: DEMO_PASSWORD,
    displayName: '介休市填报员',
    claims: { role: 'clerk', county: '介休市', group: '介休市进村服务第3组' },
  },
  { email: 'coordinator@taizhang.demo', password: DEMO_PASSWORD, displayName: '市级协调员', claims: { role: 'coordinator' }, cityWide: true },
  { email: 'admin@taizhang.demo', password: DEMO_PASSWORD, displayName: '管理员', claims: { role: 'admin' } },
  { email: 'coordinator.yuci@taizhang.demo', password: DEMO_PASSWORD, displayName: '榆次区协调员', claims: { role: 'coordinator', county: '榆次区' } },
  { email: 'coordinator.jiexiu@taizhang.demo', password: DEMO_PASSWORD, displayName: '介休市协调员', claims: { role: 'coordinator', county: '介休市' } },
  { email: 'dept.zrzy@taizhang.demo', password: DEMO_PASSWORD, displayName: '市自然资源局', claims: { role: 'department', department: 'jz-zrzy' } },
  { email: 'dept.zjj@taizhang.demo', password: DEMO_PASSWORD, displayName: '市住房和城乡建设局', claims: { role: 'department', department: 'jz-zjj' } },
  { email: 'dept.yczrzy@taizhang.demo', password: DEMO_PASSWORD, displayName: '榆次区自然资源局', claims: { role: 'department', department: 'yc-zrzy' } },
  { email: 'dept.jxzjj@taizhang.demo', password: DEMO_PASSWORD, displayName: '介休市住房和城乡建设局', claims: { role: 'department', department: 'jx-zjj' } },
];

/** A demo account by e-mail (the history's actors). */
export function demoAccount(email: string): DemoAccount {
  const a = DEMO_ACCOUNTS.find((x) => x.email === email);
  if (!a) throw new Error(`no demo account ${email}`);
  return a;
}
