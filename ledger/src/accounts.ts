// Who may use the system: the custom claims every account carries (docs/api.md#calling,
// "Identity"). Checked the same way when an administrator sets them and when a function reads them.

import { COUNTY_LABELS } from './domain';
import { DEPARTMENT_ID } from './departments';
import type { Bilingual } from './messages';

export const ROLES = ['clerk', 'coordinator', 'admin', 'department'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, Bilingual>> = {
  clerk: { zh: '填报员', en: 'Clerk' },
  coordinator: { zh: '协调员', en: 'Coordinator' },
  admin: { zh: '管理员', en: 'Administrator' },
  department: { zh: '责任单位', en: 'Department' },
};

export interface Claims {
  readonly role: Role;
  /** Absent on a coordinator or admin = the whole city. */
  readonly county?: string;
  /** The clerk's work group. */
  readonly group?: string;
  /** A department account's registry id (docs/workflow.md#departments). */
  readonly department?: string;
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

function text(x: unknown): string | undefined {
  return typeof x === 'string' && x.trim() !== '' ? x.trim() : undefined;
}

/** Claims as given (a token, a command line), checked: the claims, or what is wrong with them. */
export function checkClaims(raw: { role?: unknown; county?: unknown; group?: unknown; department?: unknown }): { claims: Claims } | { error: Bilingual } {
  if (!isRole(raw.role)) {
    return {
      error: {
        zh: '此账户尚未分配有效角色（填报员、协调员、管理员或责任单位）',
        en: 'This account has no valid role (clerk, coordinator, administrator or department)',
      },
    };
  }
  if (raw.role === 'department') {
    const department = text(raw.department);
    if (department === undefined || !DEPARTMENT_ID.test(department)) {
      return { error: { zh: '责任单位账户必须有所属单位编号（如 jz-zrzy）', en: 'A department account needs its department id (e.g. jz-zrzy)' } };
    }
    return { claims: { role: 'department', department } };
  }
  const county = text(raw.county);
  const group = text(raw.group);
  if (county !== undefined && !COUNTY_LABELS.includes(county)) {
    return { error: { zh: `未知的县（区、市）：${county}`, en: `Unknown county: ${county}` } };
  }
  if (raw.role === 'clerk' && (county === undefined || group === undefined)) {
    return { error: { zh: '填报员账户必须有所属县（区、市）和工作组', en: 'A clerk account needs a county and a work group' } };
  }
  return { claims: { role: raw.role, ...(county !== undefined && { county }), ...(group !== undefined && { group }) } };
}
