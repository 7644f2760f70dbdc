// Shared building blocks for the emulator tests of pushRows, pullRows and getStats: canonical
// rows with fixed past dates, thin wrappers around the callables, and a whole-database
// snapshot for "nothing was written" / "nothing changed" checks.
//
// Not a test file itself (jest only runs *.test.ts).
import { randomUUID } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import type { CanonicalRow, LedgerName, PullAnswer, PushResult } from '@taizhang/ledger';
import type { StatsAnswer } from '../../functions/src/stats/aggregate';
import { createApiClient, type ApiClient } from '@taizhang/client';
import { fetchTransport } from '@taizhang/client';
import { faultyTransport, type FaultFigures, type FaultOptions } from '../support/faults';
import { adminDb, callFn, callOk, FUNCTIONS_ORIGIN, PROJECT_ID, REGION, type CallableResult, type TestUser } from './helpers';

/** Ids as docs/ledgers.md#row-ids defines them. */
export const PROBLEM_ID = /^P-\d{6}-\d{4}-\d{6}$/;
export const VISIT_ID = /^V-\d{6}-\d{4}-\d{6}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// ---------------------------------------------------------------------------------------
// Rows (canonical, valid, dated well in the past: 2022)

/** A canonical, valid problem (榆次区, 入企, 协调解决, 办理中), with overrides; `undefined` removes a field. */
export function problem(overrides: Record<string, string | number | undefined> = {}): CanonicalRow {
  const row: Record<string, string | number | undefined> = {
    county: '榆次区',
    targetType: '入企',
    targetName: '山西强伟纸业有限公司',
    group: '榆次区入企服务第1组',
    sector: '工业和信息软件服务业',
    category: '政策落实',
    description: '企业具备申报专精特新条件，需要申报指导',
    foundOn: '2022-03-24',
    level: '协调解决',
    department: '市工信局',
    deadline: '2022-04-30',
    status: '办理中',
    ...overrides,
  };
  for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
  return row as CanonicalRow;
}

/** A resolved-on-the-spot problem (现场解决 → 已解决; no department, no deadline needed). */
export function onSiteProblem(overrides: Record<string, string | number | undefined> = {}): CanonicalRow {
  return problem({
    level: '现场解决',
    status: '已解决',
    department: undefined,
    deadline: undefined,
    resolution: '工作组现场协调，当场解决',
    resolvedOn: '2022-03-24',
    ...overrides,
  });
}

/** A canonical, valid visit with every count given (absent counts would be stored as 0). */
export function visit(overrides: Record<string, string | number | undefined> = {}): CanonicalRow {
  const row: Record<string, string | number | undefined> = {
    visitedOn: '2022-03-24',
    county: '榆次区',
    targetType: '入企',
    targetName: '山西强伟纸业有限公司',
    group: '榆次区入企服务第1组',
    staff: 3,
    policies: 2,
    served: 10,
    problemsFound: 1,
    ...overrides,
  };
  for (const k of Object.keys(row)) if (row[k] === undefined) delete row[k];
  return row as CanonicalRow;
}

/** A fresh client row key (what the add-in keeps in the sheet). */
export function newKey(prefix = 'k'): string {
  return `${prefix}-${randomUUID()}`;
}

// ---------------------------------------------------------------------------------------
// Callables

export interface WireRow {
  key: string;
  id?: string;
  baseVersion?: number;
  values?: Record<string, unknown>;
  withdraw?: boolean;
}

export interface PushAnswer {
  results: PushResult[];
}

export type PushOk = Extract<PushResult, { status: 'created' | 'updated' }>;

/** pushRows that must succeed; returns the answer and the requestId used. */
export async function push(
  user: TestUser,
  rows: WireRow[],
  opts: { ledger?: LedgerName; requestId?: string } = {},
): Promise<PushAnswer & { requestId: string }> {
  const requestId = opts.requestId ?? randomUUID();
  const answer = await callOk<PushAnswer>('pushRows', { ledger: opts.ledger ?? 'problems', requestId, rows }, user.token);
  return { ...answer, requestId };
}

/** pushRows of new rows that must all be created; returns the created results in order. */
export async function create(user: TestUser, values: CanonicalRow[], ledger: LedgerName = 'problems'): Promise<PushOk[]> {
  const { results } = await push(
    user,
    values.map((v) => ({ key: newKey(), values: v })),
    { ledger },
  );
  for (const r of results) {
    if (r.status !== 'created') throw new Error(`expected created, got ${JSON.stringify(r)}`);
  }
  return results as PushOk[];
}

export function pushRaw(user: TestUser | undefined, data: unknown): Promise<CallableResult<PushAnswer>> {
  return callFn<PushAnswer>('pushRows', data, user?.token);
}

export function pull(user: TestUser, req: Record<string, unknown>): Promise<CallableResult<PullAnswer>> {
  return callFn<PullAnswer>('pullRows', { ledger: 'problems', ...req }, user.token);
}

/** Every page of a pull, concatenated; also returns each page and the final cursor. */
export async function pullAll(
  user: TestUser,
  req: Record<string, unknown>,
): Promise<{ rows: PullAnswer['rows']; left: string[]; pages: PullAnswer[]; cursor: string }> {
  const pages: PullAnswer[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await callOk<PullAnswer>('pullRows', { ledger: 'problems', ...req, ...(pageToken && { pageToken }) }, user.token);
    pages.push(page);
    pageToken = page.nextPageToken;
    if (!pageToken) return { rows: pages.flatMap((p) => p.rows), left: pages.flatMap((p) => p.left ?? []), pages, cursor: page.cursor };
  }
  throw new Error('pullAll: more than 1000 pages');
}

export function stats<F = Record<string, number>>(user: TestUser, req: Record<string, unknown>): Promise<CallableResult<StatsAnswer<F>>> {
  return callFn<StatsAnswer<F>>('getStats', { ledger: 'problems', ...req }, user.token);
}

// ---------------------------------------------------------------------------------------
// Firestore, read with firebase-admin

/** Timestamps → "seconds.nanoseconds" strings, so snapshots compare with toEqual. */
function plain(x: unknown): unknown {
  if (x instanceof Timestamp) return `ts:${x.seconds}.${String(x.nanoseconds).padStart(9, '0')}`;
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x === 'object' && x !== null) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  }
  return x;
}

export interface DocState {
  data: unknown;
  updateTime: string;
}

/** Not data: every call counts itself in its account's calls per minute (api/rateLimit.ts). */
const UNCOUNTED = new Set(['rateLimits']);

/** Subcollections the functions write under a document (store/paths.ts). */
const SUBCOLLECTIONS = ['revisions', 'units', 'claims'];

/**
 * Every document in the database with its data and update time: equal snapshots mean
 * nothing was created, changed, rewritten or deleted. Reads every top-level collection (but
 * the calls-per-minute counters) and
 * the subcollections of store/paths.ts (by collection group: one query each, not one per row).
 */
export async function dumpFirestore(): Promise<Record<string, DocState>> {
  const db = adminDb();
  const queries = [
    ...(await db.listCollections()).filter((c) => !UNCOUNTED.has(c.id)).map((c) => c.get()),
    ...SUBCOLLECTIONS.map((name) => db.collectionGroup(name).get()),
  ];
  const out: Record<string, DocState> = {};
  for (const snap of await Promise.all(queries)) {
    for (const d of snap.docs) out[d.ref.path] = { data: plain(d.data()), updateTime: plain(d.updateTime) as string };
  }
  return out;
}

/** Number of documents in a collection (or subcollection path). */
export async function countDocs(path: string): Promise<number> {
  const snap = await adminDb().collection(path).count().get();
  return snap.data().count;
}

/** The revisions of a row, in version order, as plain data. */
export async function revisionsOf(ledger: LedgerName, id: string): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const snap = await adminDb().collection(ledger).doc(id).collection('revisions').orderBy('version').get();
  return snap.docs.map((d) => ({ id: d.id, data: d.data() }));
}

/** Sorted copy by id. */
export function byId<T extends { id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------------------
// The add-in's API client over a network that misbehaves (tests/support/faults.ts)

/** A signed-in user's client: the add-in's retries over `faultyTransport`, counting into `figures`. */
export function faultyClient(user: TestUser, faults: FaultOptions, figures: FaultFigures, timeoutMs = 300_000): ApiClient {
  const transport = faultyTransport(
    fetchTransport({ origin: FUNCTIONS_ORIGIN, project: PROJECT_ID, region: REGION, getIdToken: () => user.token, timeoutMs }),
    faults,
    figures,
  );
  return createApiClient(transport, { retry: { baseDelayMs: 20, maxDelayMs: 500, attempts: 10 } });
}
