// Supervision's one shared definition (docs/ledgers.md#overdue): a problem is overdue on day D when its
// status is not 已解决 and its deadline is before D.

export function isOverdue(values: Readonly<Record<string, unknown>>, asOf: string): boolean {
  return values.status !== '已解决' && typeof values.deadline === 'string' && values.deadline < asOf;
}
