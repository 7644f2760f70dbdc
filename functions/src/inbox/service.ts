// The to-do (docs/workflow.md#the-to-do): what awaits the caller, read from the
// labels each problem carries (`inbox`, `deadlineHolders`, `dueKey`, decided in the same commit
// as every change), so the reads follow the items answered, never the size of the store.
// Each reason is one indexed query of at most INBOX_LIMIT documents plus one count.

import type { Firestore, Query, Timestamp } from 'firebase-admin/firestore';
import { DUE_SOON_DAYS, addDays, holderLabel, type DuplicateMatch, type Holder, type InboxAnswer, type InboxItem, type InboxReason } from '@taizhang/ledger';
import { paths } from '../store/paths';
import { iso } from '../store/rowDoc';

/** Items answered per reason; the count says how many there are in all. */
export const INBOX_LIMIT = 200;

/** The problem document's fields the to-do reads. */
interface InboxDoc {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly updatedAt?: Timestamp;
  readonly duplicateMatches?: readonly DuplicateMatch[];
}

/** The query behind one reason of one holder's list, in deadline order (no deadline sorts last). */
export function reasonQuery(db: Firestore, reason: InboxReason, holder: Holder, asOf: string): Query {
  const problems = paths.rows(db, 'problems');
  const label = holderLabel(holder);
  switch (reason) {
    case 'overdue':
      return problems.where('deadlineHolders', 'array-contains', label).where('dueKey', '<', asOf).orderBy('dueKey');
    case 'due_soon':
      return problems
        .where('deadlineHolders', 'array-contains', label)
        .where('values.status', '==', '办理中')
        .where('dueKey', '>=', asOf)
        .where('dueKey', '<=', addDays(asOf, DUE_SOON_DAYS))
        .orderBy('dueKey');
    default:
      return problems.where('inbox', 'array-contains', `${reason}@${label}`).orderBy('dueKey');
  }
}

function text(x: unknown): string {
  return typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x);
}

export function toInboxItem(reason: InboxReason, d: InboxDoc): InboxItem {
  const v = d.values;
  return {
    reason,
    ledger: 'problems',
    id: d.id,
    county: text(v.county),
    targetName: text(v.targetName),
    description: text(v.description),
    level: text(v.level),
    status: text(v.status),
    ...(typeof v.department === 'string' && { department: v.department }),
    ...(typeof v.deadline === 'string' && { deadline: v.deadline }),
    ...(typeof v.review === 'string' && v.review !== '' && { review: v.review }),
    ...(reason === 'possible_duplicate' && d.duplicateMatches?.length && { duplicates: d.duplicateMatches }),
    updatedAt: iso(d.updatedAt),
  };
}

/** The to-do of a holder whose role has these reasons, as of a day. */
export async function readInbox(db: Firestore, reasons: readonly InboxReason[], holder: Holder, asOf: string): Promise<InboxAnswer> {
  const answered = await Promise.all(
    reasons.map(async (reason) => {
      const q = reasonQuery(db, reason, holder, asOf);
      const [page, count] = await Promise.all([q.limit(INBOX_LIMIT).get(), q.count().get()]);
      return { reason, items: page.docs.map((d) => toInboxItem(reason, d.data() as InboxDoc)), count: count.data().count };
    }),
  );
  return {
    asOf,
    counts: Object.fromEntries(answered.map((a) => [a.reason, a.count])),
    items: answered.flatMap((a) => a.items),
  };
}
