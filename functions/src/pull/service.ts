// pullRows: the caller's scope, filtered, in a stable order, in pages; or only what changed
// since a cursor.
//
// Full pulls order by document id (= row id) and use equality filters only, which Firestore
// serves by merging single-field indexes: no composite index per filter combination.
// Since-pulls range over updatedAt (with a county: over the rows that have ever been in it,
// one composite index) and judge the few changed rows in memory: a row that no longer matches
// the filter is named in `left` (its id only), so that a sheet of this pull can let it go.

import { FieldPath, type Firestore, type Query, type Timestamp } from 'firebase-admin/firestore';
import { ASSIGNED_STATUSES, getLedger, type LedgerName, type PullAnswer, type PulledRow } from '@taizhang/ledger';
import { apiError, text } from '../messages';
import { paths } from '../store/paths';
import { toPulledRow, type RowDoc } from '../store/rowDoc';
import { filterField, filterKey, matches, type Filter, type Selection } from './filter';
import { decodeCursor, decodePage, encodeCursor, encodePage, fromTime, toTime, type PageState } from './tokens';

/** Stop filling a page here even below pageSize: an answer stays under the 5 MB a pane on the web handles well. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** What a pulled row is made of (toPulledRow): the rest of a row document stays in the store. */
const PULLED_FIELDS = [
  'id',
  'key',
  'version',
  'values',
  'withdrawn',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'movedAt',
  'departmentId',
  'duplicateOf',
];

export interface PullRequest {
  readonly ledger: LedgerName;
  readonly filter: Filter;
  /** Only problems assigned (left 待办理): a department account's pull. */
  readonly assignedOnly?: boolean;
  readonly since?: string;
  readonly pageSize: number;
  readonly pageToken?: string;
}

export async function pullRows(db: Firestore, req: PullRequest): Promise<PullAnswer> {
  getLedger(req.ledger);
  const sel: Selection = { filter: req.filter, assignedOnly: req.assignedOnly === true };
  const fkey = filterKey(req.filter) + (sel.assignedOnly ? '&assigned' : '');
  const page: PageState | undefined = req.pageToken ? decodePage(req.pageToken) : undefined;
  const since = page?.since ? fromTime(page.since) : req.since ? decodeCursor(req.since) : undefined;
  if (page && (page.filter !== fkey || (req.since !== undefined && page.since === undefined))) {
    throw apiError('invalid-argument', text.badToken());
  }

  let q: Query = paths.rows(db, req.ledger);
  if (since) {
    // A department: the problems ever assigned to it, so one that left it is named in `left`.
    if (sel.assignedOnly) q = q.where('assignedDepartments', 'array-contains', req.filter.departmentId);
    else if (req.filter.county !== undefined) q = q.where('counties', 'array-contains', req.filter.county);
    q = q.where('updatedAt', '>', since).orderBy('updatedAt').orderBy(FieldPath.documentId());
    if (page) q = q.startAfter(fromTime(page.afterTime!), page.afterId);
  } else {
    q = q.where('withdrawn', '==', false);
    for (const [k, v] of Object.entries(req.filter)) q = q.where(filterField(k), '==', v);
    if (sel.assignedOnly && req.filter.status === undefined) q = q.where('values.status', 'in', ASSIGNED_STATUSES);
    q = q.orderBy(FieldPath.documentId());
    if (page) q = q.startAfter(page.afterId);
  }
  // One row more than the page: whether another page follows is known now, so a pull whose
  // rows fill its last page exactly needs no further call to learn that nothing is left.
  const snap = await q
    .select(...PULLED_FIELDS)
    .limit(req.pageSize + 1)
    .get();
  const cursor = page ? page.cursor : toTime(snap.readTime);
  const docs = snap.docs.slice(0, req.pageSize);

  const rows: PulledRow[] = [];
  const left: string[] = [];
  let bytes = 0;
  let seen = 0;
  let last: RowDoc | undefined;
  for (const doc of docs) {
    last = doc.data() as RowDoc;
    seen++;
    if (!since || matches(last, sel)) {
      const row = toPulledRow(last);
      rows.push(row);
      bytes += Buffer.byteLength(JSON.stringify(row));
    } else if (leftSince(last, req.filter, since)) {
      left.push(last.id);
      bytes += last.id.length + 3;
    }
    if (bytes >= MAX_PAGE_BYTES) break;
  }
  const answer: PullAnswer = { rows, ...(since && { left }), cursor: encodeCursor(fromTime(cursor)) };
  // Rows after the last one looked at: the peeked one, or the rest of a page cut by size.
  if (last && snap.docs.length > seen) {
    answer.nextPageToken = encodePage({
      v: 1,
      cursor,
      filter: fkey,
      afterId: last.id,
      ...(since && { since: toTime(since), afterTime: toTime(last.updatedAt) }),
    });
  }
  return answer;
}

/**
 * A changed row that no longer matches: named as left. One in the filter's county but out of
 * its other fields is the caller's to see, so it is named whenever it changes; one moved to
 * another county only when the move came after the cursor, so that later edits in its new
 * county tell the old one nothing.
 */
function leftSince(d: RowDoc, filter: Filter, since: Timestamp): boolean {
  if (filter.county === undefined || d.values.county === filter.county) return true;
  return d.movedAt !== undefined && d.movedAt.valueOf() > since.valueOf();
}
