// getStats. The problems, within the whole city or one county (a clerk's or a county
// coordinator's scope, or a county filter), are answered from the kept statistics: a few
// dozen documents whatever the number of rows (stats/store.ts). Any other filter, a
// department account's scope, the visits (whose distinct enterprises and villages are no
// sum), and a project whose older rows are not yet counted stream the matching rows (only the
// fields statistics need) through the same aggregator, page by page so memory stays flat.

import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { ASSIGNED_STATUSES, countsInStatistics, getLedger, type DepartmentIndex, type LedgerName } from '@taizhang/ledger';
import { filterField, type Selection } from '../pull/filter';
import { paths } from '../store/paths';
import { statsBuilder, statsFromCells, type StatsAnswer, type StatRowInput } from './aggregate';
import { readFieldCells, statsComplete } from './store';

const SCAN_PAGE = 5000;
const STAT_FIELDS = [
  'county',
  'sector',
  'category',
  'department',
  'group',
  'level',
  'status',
  'deadline',
  'targetType',
  'targetName',
  'township',
  'staff',
  'policies',
  'served',
  'problemsFound',
];

async function* scan(db: Firestore, ledger: LedgerName, sel: Selection): AsyncGenerator<StatRowInput> {
  let q: Query = paths.rows(db, ledger).where('withdrawn', '==', false);
  for (const [k, v] of Object.entries(sel.filter)) q = q.where(filterField(k), '==', v);
  if (sel.assignedOnly && sel.filter.status === undefined) q = q.where('values.status', 'in', ASSIGNED_STATUSES);
  q = q
    .orderBy(FieldPath.documentId())
    .select('departmentId', 'duplicateOf', ...STAT_FIELDS.map((f) => `values.${f}`))
    .limit(SCAN_PAGE);
  let after: string | undefined;
  for (;;) {
    const snap = await (after ? q.startAfter(after) : q).get();
    for (const d of snap.docs) {
      // A repeat linked under another report counts under its root only.
      if (!countsInStatistics({ withdrawn: false, duplicateOf: d.get('duplicateOf') as string | null | undefined })) continue;
      const departmentId = d.get('departmentId');
      yield { values: d.get('values') ?? {}, departmentId: typeof departmentId === 'string' ? departmentId : null };
    }
    if (snap.size < SCAN_PAGE) return;
    after = snap.docs.at(-1)!.id;
  }
}

/** The county a selection keeps to, when the kept statistics can answer it ('' for the whole city). */
export function keptScope(ledger: LedgerName, sel: Selection): string | undefined {
  if (ledger !== 'problems' || sel.assignedOnly) return undefined;
  const keys = Object.keys(sel.filter);
  if (keys.length === 0) return '';
  return keys.length === 1 && sel.filter.county !== undefined ? sel.filter.county : undefined;
}

export async function getStats(
  db: Firestore,
  ledger: LedgerName,
  groupBy: string,
  sel: Selection,
  asOf: string,
  departments?: DepartmentIndex,
): Promise<StatsAnswer<unknown>> {
  const county = keptScope(ledger, sel);
  if (county !== undefined && (await statsComplete(db, ledger))) {
    const { cells } = await readFieldCells(db, ledger, groupBy, county === '' ? undefined : county);
    return statsFromCells(getLedger(ledger), groupBy, asOf, cells, departments);
  }
  return scanStats(db, ledger, groupBy, sel, asOf, departments);
}

/** The answer from the rows themselves: every matching row read once. */
export async function scanStats(
  db: Firestore,
  ledger: LedgerName,
  groupBy: string,
  sel: Selection,
  asOf: string,
  departments?: DepartmentIndex,
): Promise<StatsAnswer<unknown>> {
  const stats = statsBuilder(getLedger(ledger), groupBy, asOf, departments);
  for await (const r of scan(db, ledger, sel)) stats.add(r.values, r.departmentId);
  return stats.result();
}
