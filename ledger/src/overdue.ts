// Supervision's one shared definition (docs/ledgers.md#overdue): a problem is overdue on day D
// when it is neither 已解决 nor 长期推进 and its deadline is before D.

import { SETTLED_STATUSES } from './domain';

export function isOverdue(values: Readonly<Record<string, unknown>>, asOf: string): boolean {
  return !SETTLED_STATUSES.includes(values.status as string) && typeof values.deadline === 'string' && values.deadline < asOf;
}
