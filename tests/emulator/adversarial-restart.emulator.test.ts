// Issue #7, part 3 "Restart": the Firestore emulator is restarted with its data in the middle
// of a push. Several clerks push multi-chunk batches at once through the add-in's own API
// client (fetch transport, retries re-sending the same requestId); mid-way Firestore goes
// down and comes back from an export (tests/support/firestoreRestart.ts). The clients' retries
// must finish every push, and the store must hold each row exactly once, with versions,
// revisions, key index and stored answers agreeing with what the clients were told.
//
// CI size inside `npm test`; TAIZHANG_STRESS=1 (`npm run test:stress`) pushes more.
import { cellsOfRows, COUNTY_LABELS, isLivePulledRow, todayInShanghai, type CanonicalRow } from '@taizhang/ledger';
import { createApiClient, type ApiClient, type PushProgress } from '@taizhang/client';
import { fetchTransport, type Transport } from '@taizhang/client';
import type { PushResult, PushRow } from '@taizhang/client';
import { STORE_WAIT_MS } from '../../functions/src/store/outage';
import { readAllCells } from '../../functions/src/stats/store';
import { demoProblem, random } from '../../scripts/demo/rows';
import { endAbandonedWork, restartFirestore, type RestartReport } from '../support/firestoreRestart';
import { recordFigures, sized } from '../support/stress';
import { adminDb, clearFirestore, closeAdmin, emulatorHosts, FUNCTIONS_ORIGIN, makeUser, PROJECT_ID, REGION, type TestUser } from './helpers';

const SIZE = sized({ clerks: 4, rows: 200, updates: 50, chunkRows: 100 }, { clerks: 6, rows: 1_000, updates: 250, chunkRows: 250 });
/** The restart starts once this share of all create calls has been answered. */
const RESTART_AFTER = 0.35;
/**
 * How long Firestore stays down: past the functions' store deadline, so that what they
 * answer during an outage (rather than after it) is seen, and every client meets it.
 */
const DOWNTIME_MS = STORE_WAIT_MS + 4_000;

jest.setTimeout(sized(240_000, 1_200_000));

// ---------------------------------------------------------------------------------------
// Clients that count what they do

interface Counters {
  calls: number;
  /** Every error the clients retried: when, and its status. */
  retried: { at: number; status: string; message: string }[];
  /** Calls answered by pushRows so far (the trigger of the restart). */
  pushesAnswered: number;
}

const counters: Counters = { calls: 0, retried: [], pushesAnswered: 0 };

/** Retried errors by status, inside [from, to) (ms since the epoch) or, with inside false, outside it. */
function errorsBetween(from: number, to: number, inside = true): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of counters.retried) {
    if ((e.at >= from && e.at < to) === inside) out[e.status] = (out[e.status] ?? 0) + 1;
  }
  return out;
}

function countingTransport(user: TestUser): Transport {
  const inner = fetchTransport({
    origin: FUNCTIONS_ORIGIN,
    project: PROJECT_ID,
    region: REGION,
    getIdToken: () => user.token,
  });
  return async (name, data) => {
    counters.calls++;
    const answer = await inner(name, data);
    if (name === 'pushRows') counters.pushesAnswered++;
    return answer;
  };
}

function client(user: TestUser): ApiClient {
  return createApiClient(countingTransport(user), {
    limits: { maxRows: SIZE.chunkRows },
    retry: {
      // Enough patience for a restart on a loaded two-core machine (≈ 2 min of backoff).
      attempts: 40,
      baseDelayMs: 200,
      maxDelayMs: 3_000,
      onRetry: (_attempt, err) => counters.retried.push({ at: Date.now(), status: err.status, message: err.en }),
    },
  });
}

// ---------------------------------------------------------------------------------------
// The clerks and what they push

interface Clerk {
  readonly user: TestUser;
  readonly api: ApiClient;
  /** Keys in the order pushed, with the values last pushed for each. */
  readonly pushed: Map<string, PushRow['values']>;
  /** The answer each key got last. */
  readonly answered: Map<string, PushResult>;
  /** requestId → the rows' answers, to compare with the stored unit answers. */
  readonly answersByRequest: Map<string, { uid: string; results: readonly PushResult[] }>;
}

let clerks: Clerk[];
let admin: TestUser;

async function makeClerk(i: number): Promise<Clerk> {
  const county = COUNTY_LABELS[i % COUNTY_LABELS.length]!;
  const group = `${county}入企服务第${Math.floor(i / COUNTY_LABELS.length) + 1}组`;
  const user = await makeUser({ email: `restart-clerk-${i}@taizhang.test`, claims: { role: 'clerk', county, group } });
  return { user, api: client(user), pushed: new Map(), answered: new Map(), answersByRequest: new Map() };
}

function record(c: Clerk) {
  return (p: PushProgress) => {
    c.answersByRequest.set(p.requestId, { uid: c.user.uid, results: p.results });
    for (const r of p.results) c.answered.set(r.key, r);
  };
}

/** Creates SIZE.rows new rows in chunks, then updates the first SIZE.updates of them. */
async function clerkSession(c: Clerk, i: number): Promise<void> {
  const r = random(7_000 + i);
  const today = todayInShanghai();
  const creates: PushRow[] = Array.from({ length: SIZE.rows }, (_, n) => {
    // A clerk creates an escalated (提交市级) problem only as 待办理: the city decides the rest.
    let values = demoProblem(r, today, [c.user.claims.county!], c.user.claims.group);
    while (values.level === '提交市级' && values.status !== '待办理') values = demoProblem(r, today, [c.user.claims.county!], c.user.claims.group);
    return { key: `restart-${i}-${n}`, values };
  });
  creates.forEach((row) => c.pushed.set(row.key, row.values!));
  await c.api.pushRows('problems', creates, { onChunk: record(c) });

  const updates: PushRow[] = creates.slice(0, SIZE.updates).map((row) => {
    const before = c.answered.get(row.key)!;
    const values = { ...row.values!, remarks: `restart update of ${row.key}` };
    return { key: row.key, id: before.id, baseVersion: 1, values };
  });
  updates.forEach((row) => c.pushed.set(row.key, row.values!));
  await c.api.pushRows('problems', updates, { onChunk: record(c) });
}

// ---------------------------------------------------------------------------------------
// The run

interface OutageProbe {
  /** `STATUS: message`, `answered` (rows), or what the transport reported. */
  status: string;
  /** From the start of the outage to the answer. */
  ms: number;
}

let restart: RestartReport;
/** When the restart began, and when a call sent during the outage has surely been answered. */
let outageWindow: { from: number; to: number };
/** When Firestore served again. */
let servingAt: number;
let outageProbe: Promise<OutageProbe> | undefined;
let probe: OutageProbe | undefined;
let pushMs: number;

/** One call, no retries, not counted. */
function directCall(user: TestUser, timeoutMs: number): Transport {
  return fetchTransport({ origin: FUNCTIONS_ORIGIN, project: PROJECT_ID, region: REGION, getIdToken: () => user.token, timeoutMs });
}

/** What a callable that needs Firestore answers while Firestore is down. */
async function probeOutage(): Promise<OutageProbe> {
  const call = directCall(admin, STORE_WAIT_MS + 15_000);
  const t = Date.now();
  try {
    await call('pullRows', { ledger: 'problems', pageSize: 1 });
    return { status: 'answered', ms: Date.now() - t };
  } catch (err) {
    const e = err as { status?: string; message: string };
    return { status: `${e.status ?? 'THROWN'}: ${e.message}`, ms: Date.now() - t };
  }
}

async function restartWhenDue(totalCreateCalls: number, sessions: Promise<unknown>): Promise<void> {
  let done = false;
  void sessions.finally(() => (done = true));
  while (counters.pushesAnswered < Math.ceil(totalCreateCalls * RESTART_AFTER)) {
    if (done) throw new Error('the pushes finished before the restart was due: make them bigger');
    await new Promise((r) => setTimeout(r, 20));
  }
  const from = Date.now();
  restart = await restartFirestore({
    functionsOrigin: FUNCTIONS_ORIGIN,
    project: PROJECT_ID,
    downtimeMs: DOWNTIME_MS,
    // Not awaited: Firestore stays down for DOWNTIME_MS whatever the probe does.
    whileDown: async () => {
      outageProbe = probeOutage();
    },
  });
  servingAt = from + restart.totalMs;
  probe = await outageProbe;
  // A call that reached a function just before Firestore came back answers up to
  // STORE_WAIT_MS later.
  outageWindow = { from, to: Date.now() + STORE_WAIT_MS + 2_000 };
}

beforeAll(async () => {
  emulatorHosts(); // refuses clearly outside the emulators
  await clearFirestore();
  admin = await makeUser({ email: 'restart-admin@taizhang.test', claims: { role: 'admin' } });
  clerks = await Promise.all(Array.from({ length: SIZE.clerks }, (_, i) => makeClerk(i)));
  // Start the function workers now (one per concurrent call), so that the outage probe
  // measures the store deadline and the pushes' errors come from the outage, not from
  // cold starts on a loaded machine.
  await Promise.all([
    directCall(admin, 120_000)('pullRows', { ledger: 'problems', pageSize: 1 }),
    ...clerks.map((c) => directCall(c.user, 120_000)('pushRows', { ledger: 'problems', requestId: `warm-up-${c.user.uid}`, rows: [] })),
  ]);

  const started = Date.now();
  const sessions = Promise.all(clerks.map((c, i) => clerkSession(c, i)));
  const totalCreateCalls = SIZE.clerks * Math.ceil(SIZE.rows / SIZE.chunkRows);
  await Promise.all([sessions, restartWhenDue(totalCreateCalls, sessions)]);
  pushMs = Date.now() - started;
});

afterAll(async () => {
  endAbandonedWork();
  await closeAdmin();
});

// ---------------------------------------------------------------------------------------
// What the store holds afterwards

interface StoredRow {
  id: string;
  key: string;
  version: number;
  values: CanonicalRow;
}

async function storedRows(): Promise<StoredRow[]> {
  const snap = await adminDb().collection('problems').get();
  return snap.docs.map((d) => ({ id: d.id, ...(d.data() as Omit<StoredRow, 'id'>) }));
}

/** Every revision's version, by row id. */
async function revisionVersions(): Promise<Map<string, number[]>> {
  const snap = await adminDb().collectionGroup('revisions').get();
  const out = new Map<string, number[]>();
  for (const d of snap.docs) {
    const id = d.ref.parent.parent!.id;
    out.set(id, [...(out.get(id) ?? []), d.get('version') as number]);
  }
  return out;
}

/** JSON with object keys sorted: Firestore hands maps back in its own key order. */
function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

function expectedKeys(): Map<string, { clerk: Clerk; values: PushRow['values'] }> {
  const out = new Map<string, { clerk: Clerk; values: PushRow['values'] }>();
  for (const clerk of clerks) for (const [key, values] of clerk.pushed) out.set(key, { clerk, values });
  return out;
}

describe('Firestore restarted with its data in the middle of a push', () => {
  let rows: StoredRow[];
  let lost: string[];
  let duplicated: string[];

  beforeAll(async () => {
    rows = await storedRows();
    const byKey = new Map<string, number>();
    for (const r of rows) byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
    lost = [...expectedKeys().keys()].filter((k) => !byKey.has(k));
    duplicated = [...byKey].filter(([, n]) => n > 1).map(([k]) => k);
    recordFigures('restart', {
      clerks: SIZE.clerks,
      rows: rows.length,
      updates: SIZE.clerks * SIZE.updates,
      requests: counters.calls,
      retries: counters.retried.length,
      errorsDuringOutage: errorsBetween(outageWindow.from, outageWindow.to),
      errorsOtherwise: errorsBetween(outageWindow.from, outageWindow.to, false),
      outageAnswer: probe ? `${probe.status.slice(0, 60)}… after ${probe.ms} ms` : 'not probed',
      frozenWorkers: restart.frozenWorkers,
      frozenMs: restart.frozenMs,
      restartDownMs: restart.downMs,
      restartTotalMs: restart.totalMs,
      // How long after Firestore was back clients still met errors (0: none after).
      lastErrorAfterBackMs: Math.max(0, ...counters.retried.map((e) => e.at - servingAt)),
      pushMs,
      lost: lost.length,
      duplicated: duplicated.length,
    });
  });

  it('really restarted: a new process, and the clients met the outage', () => {
    expect(restart.newPid).not.toBe(restart.oldPid);
    expect(Object.keys(errorsBetween(outageWindow.from, outageWindow.to))).not.toHaveLength(0);
  });

  it('while Firestore is down the callables answer UNAVAILABLE, in both languages, within the store deadline', () => {
    expect(probe!.status).toMatch(/^UNAVAILABLE: .*[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(probe!.ms).toBeLessThan(restart.downMs); // answered during the outage, not after it
    expect(probe!.ms).toBeLessThan(STORE_WAIT_MS + 5_000);
  });

  it('every push finished: every row answered created or updated', () => {
    for (const c of clerks) {
      expect(c.answered.size).toBe(SIZE.rows);
      const statuses = [...c.answered.values()].map((r) => r.status);
      expect(statuses.filter((s) => s === 'updated')).toHaveLength(SIZE.updates);
      expect(statuses.filter((s) => s === 'created')).toHaveLength(SIZE.rows - SIZE.updates);
    }
  });

  it('nothing lost, nothing duplicated, ids unique', () => {
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(rows).toHaveLength(SIZE.clerks * SIZE.rows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('each row is what its clerk was told: id, version and values', () => {
    const expected = expectedKeys();
    const mismatches: string[] = [];
    for (const r of rows) {
      const { clerk, values } = expected.get(r.key)!;
      const told = clerk.answered.get(r.key)!;
      const toldVersion = 'version' in told ? told.version : undefined;
      if (told.id !== r.id || toldVersion !== r.version || canonicalJson(values) !== canonicalJson(r.values)) {
        mismatches.push(`${r.key}: stored ${r.id} v${r.version}, told ${told.status} ${told.id} v${toldVersion}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('each row has exactly the revisions 1…version', async () => {
    const revisions = await revisionVersions();
    const wrong = rows
      .map((r) => ({ r, v: [...(revisions.get(r.id) ?? [])].sort((a, b) => a - b) }))
      .filter(({ r, v }) => JSON.stringify(v) !== JSON.stringify(Array.from({ length: r.version }, (_, i) => i + 1)))
      .map(({ r, v }) => `${r.id} v${r.version}: revisions ${v.join(',')}`);
    expect(wrong).toEqual([]);
    // and no revision of a row that does not exist
    expect([...revisions.keys()].filter((id) => !rows.some((r) => r.id === id))).toEqual([]);
  });

  it("the kept statistics equal a scan of the rows: each unit's change counted once, with it", async () => {
    const snap = await adminDb().collection('problems').get();
    const counted = snap.docs.map((d) => ({ values: d.get('values'), departmentId: d.get('departmentId') ?? null, withdrawn: d.get('withdrawn') === true }));
    expect(snap.docs.every((d) => d.get('inStats') === true)).toBe(true);
    expect((await readAllCells(adminDb(), 'problems')).cells).toEqual(cellsOfRows(counted));
  });

  it('the key index maps each key to its row, and holds nothing else', async () => {
    const snap = await adminDb().collection('problemsKeys').get();
    // Index entries are per account: `{uid}:{key}` (docs/ids.md).
    const index = new Map(snap.docs.map((d) => [d.id.slice(d.id.lastIndexOf(':') + 1), d.get('id') as string]));
    expect(index.size).toBe(rows.length);
    expect(rows.filter((r) => index.get(r.key) !== r.id).map((r) => r.key)).toEqual([]);
  });

  it('the stored answers of every request are the answers its client got', async () => {
    const db = adminDb();
    const mismatched: string[] = [];
    for (const c of clerks) {
      for (const [requestId, { uid, results }] of c.answersByRequest) {
        const units = await db.collection('requests').doc(`${uid}-${requestId}`).collection('units').orderBy('__name__').get();
        const stored = units.docs.flatMap((d) => d.get('results') as PushResult[]);
        if (canonicalJson(stored) !== canonicalJson(results)) mismatched.push(requestId);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('a full pull returns each row once', async () => {
    const api = client(admin);
    const { rows: pulled } = await api.pullAll({ ledger: 'problems' });
    expect(pulled).toHaveLength(rows.length);
    expect(new Set(pulled.filter(isLivePulledRow).map((r) => r.key)).size).toBe(rows.length);
  });
});
