// getStats: stream the caller's rows (only the fields statistics need) through the pure
// aggregator, page by page so memory stays flat however large the scope.

import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { getLedger, type CanonicalRow, type LedgerName } from '@taizhang/ledger';
import type { Filter } from '../pull/filter';
import { paths } from '../store/paths';
import { statsBuilder, type StatsAnswer } from './aggregate';

const SCAN_PAGE = 5000;
const STAT_FIELDS = ['county', 'sector', 'category', 'department', 'group', 'level', 'status', 'deadline', 'targetType', 'targetName', 'township', 'staff', 'policies', 'served', 'problemsFound'];

async function* scan(db: Firestore, ledger: LedgerName, filter: Filter): AsyncGenerator<CanonicalRow> {
  let q: Query = paths.rows(db, ledger).where('withdrawn', '==', false);
  for (const [k, v] of Object.entries(filter)) q = q.where(`values.${k}`, '==', v);
  q = q.orderBy(FieldPath.documentId()).select(...STAT_FIELDS.map((f) => `values.${f}`)).limit(SCAN_PAGE);
  let after: string | undefined;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).get();
    for (const d of snap.docs) yield (d.get('values') ?? {}) as CanonicalRow;
    if (snap.size < SCAN_PAGE) return;
    after = snap.docs.at(-1)!.id;
  }
}

export async function getStats(db: Firestore, ledger: LedgerName, groupBy: string, filter: Filter, asOf: string): Promise<StatsAnswer<unknown>> {
  const stats = statsBuilder(getLedger(ledger), groupBy, asOf);
  for await (const r of scan(db, ledger, filter)) stats.add(r);
  return stats.result();
}
