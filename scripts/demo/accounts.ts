// The demo accounts `npm start` creates (printed with their passwords when it starts).

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
  { email: 'clerk.yuci@taizhang.demo', password: DEMO_PASSWORD, displayName: '榆次区填报员', claims: { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } },
  { email: 'clerk.jiexiu@taizhang.demo', password: DEMO_PASSWORD, displayName: '介休市填报员', claims: { role: 'clerk', county: '介休市', group: '介休市进村服务第3组' } },
  { email: 'coordinator@taizhang.demo', password: DEMO_PASSWORD, displayName: '市级协调员', claims: { role: 'coordinator' }, cityWide: true },
  { email: 'admin@taizhang.demo', password: DEMO_PASSWORD, displayName: '管理员', claims: { role: 'admin' } },
];
