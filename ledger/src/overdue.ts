// Supervision's one shared definition (docs/ledgers.md#overdue): a problem is overdue on day D
// when it is neither 已解决 nor 长期推进 and its deadline is before D.

import { SETTLED_STATUSES } from './domain';

/** The deadline after which the problem counts as overdue; undefined when it never does (settled, or no deadline). */
export function overdueDeadline(values: Readonly<Record<string, unknown>>): string | undefined {
  if (SETTLED_STATUSES.includes(values.status as string)) return undefined;
  return typeof values.deadline === 'string' ? values.deadline : undefined;
}

export function isOverdue(values: Readonly<Record<string, unknown>>, asOf: string): boolean {
  const deadline = overdueDeadline(values);
  return deadline !== undefined && deadline < asOf;
}
