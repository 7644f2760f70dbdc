// getStats: stream the caller's rows (only the fields statistics need) through the pure
// aggregator, page by page so memory stays flat however large the scope.

import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { ASSIGNED_STATUSES, getLedger, type DepartmentIndex, type LedgerName } from '@taizhang/ledger';
import { filterField, type Selection } from '../pull/filter';
import { paths } from '../store/paths';
import { statsBuilder, type StatsAnswer, type StatRowInput } from './aggregate';

const SCAN_PAGE = 5000;
const STAT_FIELDS = ['county', 'sector', 'category', 'department', 'group', 'level', 'status', 'deadline', 'targetType', 'targetName', 'township', 'staff', 'policies', 'served', 'problemsFound'];

async function* scan(db: Firestore, ledger: LedgerName, sel: Selection): AsyncGenerator<StatRowInput> {
  let q: Query = paths.rows(db, ledger).where('withdrawn', '==', false);
  for (const [k, v] of Object.entries(sel.filter)) q = q.where(filterField(k), '==', v);
  if (sel.assignedOnly && sel.filter.status === undefined) q = q.where('values.status', 'in', ASSIGNED_STATUSES);
  q = q.orderBy(FieldPath.documentId()).select('departmentId', ...STAT_FIELDS.map((f) => `values.${f}`)).limit(SCAN_PAGE);
  let after: string | undefined;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).get();
    for (const d of snap.docs) {
      const departmentId = d.get('departmentId');
      yield { values: d.get('values') ?? {}, departmentId: typeof departmentId === 'string' ? departmentId : null };
    }
    if (snap.size < SCAN_PAGE) return;
    after = snap.docs.at(-1)!.id;
  }
}

export async function getStats(
  db: Firestore, ledger: LedgerName, groupBy: string, sel: Selection, asOf: string, departments?: DepartmentIndex,
): Promise<StatsAnswer<unknown>> {
  const stats = statsBuilder(getLedger(ledger), groupBy, asOf, departments);
  for await (const r of scan(db, ledger, sel)) stats.add(r.values, r.departmentId);
  return stats.result();
}
