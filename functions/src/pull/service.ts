// pullRows: the caller's scope, filtered, in a stable order, in pages; or only what changed
// since a cursor.
//
// Full pulls order by document id (= row id) and use equality filters only, which Firestore
// serves by merging single-field indexes: no composite index per filter combination.
// Since-pulls range over updatedAt (with the scope's county: one composite index) and apply
// the other filters to the few changed rows in memory.

import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { getLedger, type LedgerName, type PullAnswer, type PulledRow } from '@taizhang/ledger';
import { apiError, text } from '../messages';
import { paths } from '../store/paths';
import { toPulledRow, type RowDoc } from '../store/rowDoc';
import { filterKey, matches, type Filter } from './filter';
import { decodeCursor, decodePage, encodeCursor, encodePage, fromTime, toTime, type PageState } from './tokens';

/** Stop filling a page here even below pageSize: an answer stays under the 5 MB a pane on the web handles well. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export interface PullRequest {
  readonly ledger: LedgerName;
  readonly filter: Filter;
  readonly since?: string;
  readonly pageSize: number;
  readonly pageToken?: string;
}

export async function pullRows(db: Firestore, req: PullRequest): Promise<PullAnswer> {
  getLedger(req.ledger);
  const fkey = filterKey(req.filter);
  const page: PageState | undefined = req.pageToken ? decodePage(req.pageToken) : undefined;
  const since = page?.since ? fromTime(page.since) : req.since ? decodeCursor(req.since) : undefined;
  if (page && (page.filter !== fkey || (req.since !== undefined && page.since === undefined))) {
    throw apiError('invalid-argument', text.badToken());
  }

  let q: Query = paths.rows(db, req.ledger);
  if (since) {
    if (req.filter.county !== undefined) q = q.where('values.county', '==', req.filter.county);
    q = q.where('updatedAt', '>', since).orderBy('updatedAt').orderBy(FieldPath.documentId());
    if (page) q = q.startAfter(fromTime(page.afterTime!), page.afterId);
  } else {
    q = q.where('withdrawn', '==', false);
    for (const [k, v] of Object.entries(req.filter)) q = q.where(`values.${k}`, '==', v);
    q = q.orderBy(FieldPath.documentId());
    if (page) q = q.startAfter(page.afterId);
  }
  const snap = await q.limit(req.pageSize).get();
  const cursor = page ? page.cursor : toTime(snap.readTime);

  const rows: PulledRow[] = [];
  let bytes = 0;
  let last: RowDoc | undefined;
  let full = false;
  for (const doc of snap.docs) {
    last = doc.data() as RowDoc;
    if (since && !matches(last.values, req.filter)) continue;
    const row = toPulledRow(last);
    rows.push(row);
    bytes += Buffer.byteLength(JSON.stringify(row));
    if (bytes >= MAX_PAGE_BYTES) {
      full = true;
      break;
    }
  }
  const answer: PullAnswer = { rows, cursor: encodeCursor(fromTime(cursor)) };
  if (last && (full || snap.docs.length === req.pageSize)) {
    answer.nextPageToken = encodePage({
      v: 1, cursor, filter: fkey, afterId: last.id,
      ...(since && { since: toTime(since), afterTime: toTime(last.updatedAt) }),
    });
  }
  return answer;
}
