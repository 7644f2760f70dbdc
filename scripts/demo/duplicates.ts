// Problems reported twice (docs/masterdata.md#likely-duplicates): the city's sector teams
// report again, in their own words and a few days later, some problems a county's work group
// already reported, so that `npm start` has likely duplicates for a coordinator to review.

import { addDays, type CanonicalRow } from '@taizhang/ledger';

/** How a sector team writes up what a work group wrote: the same facts, other words. */
function inOtherWords(description: string): string {
  const text = description.replace(/[，。；]/g, '，').replace(/，$/, '');
  return `经专班走访核实，${text}，企业（村）再次反映`;
}

/**
 * The sector team's own report of each enterprise problem among `rows` still open (at most
 * `count`): the same target under the register's other spelling, the same category, found a
 * few days later (never after today), filed under the sector's team and left 待办理.
 */
export function reportedAgain(rows: readonly CanonicalRow[], today: string, count = 4): CanonicalRow[] {
  const open = rows.filter((r) => r.targetType === '入企' && r.status !== '已解决' && r.level !== '现场解决').slice(0, count);
  return open.map((r) => {
    const later = addDays(String(r.foundOn), 3);
    const foundOn = later > today ? today : later;
    const { resolution: _r, resolvedOn: _o, deadline: _d, department, ...rest } = r;
    return {
      ...rest,
      ...(department !== undefined && { department }),
      targetName: String(r.targetName).replace(/有限公司$/, '公司'),
      group: `${String(r.sector)}专班`,
      description: inOtherWords(String(r.description)),
      foundOn,
      status: '待办理',
    };
  });
}
