// Typed methods over a Transport: pushRows in chunks with retries (same requestId per
// chunk), paged pulls, stats, profile. Cancellation is honoured between calls only, so a
// request is never cut off halfway by us.

import type { LedgerName } from '@taizhang/ledger';
import { planChunks, type ChunkLimits } from './chunks';
import { ApiError, apiMessages, throwIfAborted } from './errors';
import { withRetry, type RetryOptions } from './retry';
import type { Transport } from './transport';
import type {
  DepartmentsAnswer,
  HistoryAnswer,
  HistoryRequest,
  InboxAnswer,
  InboxRequest,
  ListNoticesAnswer,
  ListNoticesRequest,
  NoticeAnswer,
  Profile,
  PullAnswer,
  PullRequest,
  PulledRow,
  PushAnswer,
  PushResult,
  PushRow,
  StatsAnswer,
  StatsRequest,
  LookupTargetsRequest,
  LookupTargetsAnswer,
  ListTargetsRequest,
  ListTargetsAnswer,
  MarkDuplicateRequest,
  UnmarkDuplicateRequest,
  DismissDuplicateRequest,
  DuplicateDecisionAnswer,
} from './types';

export interface ApiClientOptions {
  readonly retry?: Omit<RetryOptions, 'signal'>;
  readonly limits?: ChunkLimits;
  /** Fresh request ids; injected by tests. */
  readonly newRequestId?: () => string;
}

export interface PushProgress {
  /** The chunk just answered, its rows and their results in the same order. */
  readonly rows: readonly PushRow[];
  readonly results: readonly PushResult[];
  readonly requestId: string;
  readonly chunk: number;
  readonly chunks: number;
}

export interface ApiClient {
  /** Sends rows in chunks; after each answered chunk `onChunk` runs (write-back), then the next is sent. */
  pushRows(
    ledger: LedgerName,
    rows: readonly PushRow[],
    o?: { signal?: AbortSignal; onChunk?: (p: PushProgress) => void | Promise<void> },
  ): Promise<PushResult[]>;
  /** One call, retried with the same requestId. */
  pushChunk(ledger: LedgerName, rows: readonly PushRow[], requestId: string, signal?: AbortSignal): Promise<PushResult[]>;
  pullRows(req: PullRequest, signal?: AbortSignal): Promise<PullAnswer>;
  /** Every page; returns the cursor of the pull for the next `since`. */
  /** Every page of a pull; `left` gathers the ids of rows that left a since-pull (PullAnswer.left). */
  pullAll(
    req: PullRequest,
    o?: { signal?: AbortSignal; onPage?: (rows: readonly PulledRow[], left: readonly string[]) => void | Promise<void> },
  ): Promise<{ rows: PulledRow[]; left: string[]; cursor: string }>;
  getStats(req: StatsRequest, signal?: AbortSignal): Promise<StatsAnswer>;
  getProfile(signal?: AbortSignal): Promise<Profile>;
  /** Stored notices, newest first (coordinators and admins). */
  listNotices(req?: ListNoticesRequest, signal?: AbortSignal): Promise<ListNoticesAnswer>;
  /** The stored notice of a day (YYYY-MM-DD) in the caller's scope; NOT_FOUND when none is stored. */
  getNotice(date: string, signal?: AbortSignal): Promise<NoticeAnswer>;
  /** Computes and stores the notices of a day now (not after today); answers the caller's one. */
  generateNotice(date: string, signal?: AbortSignal): Promise<NoticeAnswer>;
  /** What awaits the caller, by reason, as of a day (default today in Asia/Shanghai). */
  getInbox(req?: InboxRequest, signal?: AbortSignal): Promise<InboxAnswer>;
  /** A row's revisions, oldest first; PERMISSION_DENIED when the row is not the caller's to read or does not exist. */
  getHistory(req: HistoryRequest, signal?: AbortSignal): Promise<HistoryAnswer>;
  /** The registry of responsible departments. */
  listDepartments(signal?: AbortSignal): Promise<DepartmentsAnswer>;
  /** Up to 20 enterprises or villages by name, other name or credit-code prefix. */
  lookupTargets(req: LookupTargetsRequest, signal?: AbortSignal): Promise<LookupTargetsAnswer>;
  /** One page of a county's active enterprises or villages. */
  listTargets(req: ListTargetsRequest, signal?: AbortSignal): Promise<ListTargetsAnswer>;
  /** Coordinators and admins: links a row to the one it repeats (chains resolve to their root). */
  markDuplicate(req: MarkDuplicateRequest, signal?: AbortSignal): Promise<DuplicateDecisionAnswer>;
  /** Coordinators and admins: undoes a row's duplicate link. */
  unmarkDuplicate(req: UnmarkDuplicateRequest, signal?: AbortSignal): Promise<DuplicateDecisionAnswer>;
  /** Coordinators and admins: records that two rows are not the same problem. */
  dismissDuplicate(req: DismissDuplicateRequest, signal?: AbortSignal): Promise<DuplicateDecisionAnswer>;
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

function expectObject<T>(name: string, x: unknown, has: string): T {
  if (typeof x !== 'object' || x === null || !(has in x)) {
    throw new ApiError('INTERNAL', apiMessages.badAnswer(name, `no ${has}`), undefined, name);
  }
  return x as T;
}

export function createApiClient(transport: Transport, o: ApiClientOptions = {}): ApiClient {
  const newRequestId = o.newRequestId ?? randomId;
  const call = <T>(name: string, data: unknown, has: string, signal?: AbortSignal): Promise<T> =>
    withRetry(async () => expectObject<T>(name, await transport(name, data), has), { ...o.retry, signal });

  const pushChunk: ApiClient['pushChunk'] = async (ledger, rows, requestId, signal) => {
    const answer = await call<PushAnswer>('pushRows', { ledger, requestId, rows }, 'results', signal);
    if (!Array.isArray(answer.results) || answer.results.length !== rows.length) {
      throw new ApiError('INTERNAL', apiMessages.badAnswer('pushRows', 'results do not match rows'), undefined, 'pushRows');
    }
    return answer.results;
  };

  return {
    pushChunk,
    async pushRows(ledger, rows, po = {}) {
      const chunks = planChunks(rows, o.limits);
      const all: PushResult[] = [];
      for (let i = 0; i < chunks.length; i++) {
        throwIfAborted(po.signal);
        const requestId = newRequestId();
        const results = await pushChunk(ledger, chunks[i]!, requestId, po.signal);
        all.push(...results);
        await po.onChunk?.({ rows: chunks[i]!, results, requestId, chunk: i, chunks: chunks.length });
      }
      return all;
    },
    pullRows: (req, signal) => call<PullAnswer>('pullRows', req, 'rows', signal),
    async pullAll(req, po = {}) {
      const rows: PulledRow[] = [];
      const left: string[] = [];
      let pageToken: string | undefined;
      let cursor: string | undefined;
      do {
        throwIfAborted(po.signal);
        const page = await call<PullAnswer>('pullRows', { ...req, ...(pageToken && { pageToken }) }, 'rows', po.signal);
        rows.push(...page.rows);
        left.push(...(page.left ?? []));
        await po.onPage?.(page.rows, page.left ?? []);
        // The first page's cursor marks the pull; later pages repeat it.
        cursor ??= page.cursor;
        pageToken = page.nextPageToken;
      } while (pageToken);
      return { rows, left, cursor: cursor! };
    },
    getStats: (req, signal) => call<StatsAnswer>('getStats', req, 'rows', signal),
    getProfile: (signal) => call<Profile>('getProfile', {}, 'role', signal),
    listNotices: (req = {}, signal) => call<ListNoticesAnswer>('listNotices', req, 'notices', signal),
    getNotice: (date, signal) => call<NoticeAnswer>('getNotice', { date }, 'totals', signal),
    // Recomputing replaces what is stored, so a retry after a lost answer is harmless.
    generateNotice: (date, signal) => call<NoticeAnswer>('generateNotice', { date }, 'totals', signal),
    getInbox: (req = {}, signal) => call<InboxAnswer>('getInbox', req, 'items', signal),
    getHistory: (req, signal) => call<HistoryAnswer>('getHistory', req, 'revisions', signal),
    listDepartments: (signal) => call<DepartmentsAnswer>('listDepartments', {}, 'departments', signal),
    lookupTargets: (req, signal) => call<LookupTargetsAnswer>('lookupTargets', req, 'matches', signal),
    listTargets: (req, signal) => call<ListTargetsAnswer>('listTargets', req, 'entries', signal),
    markDuplicate: (req, signal) => call<DuplicateDecisionAnswer>('markDuplicate', req, 'version', signal),
    unmarkDuplicate: (req, signal) => call<DuplicateDecisionAnswer>('unmarkDuplicate', req, 'version', signal),
    dismissDuplicate: (req, signal) => call<DuplicateDecisionAnswer>('dismissDuplicate', req, 'version', signal),
  };
}
