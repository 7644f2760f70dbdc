// Issue #7, load with faults: clerks of different groups and counties each keep a problems
// sheet in the add-in (the engine on the Excel simulator) and push it in rounds — new rows,
// then edits of earlier rows — all at once, while a tenth of the answers are lost on the way
// back (the client retries with the same requestId) and a twentieth of the requests arrive
// twice. Afterwards the store holds exactly the rows the sheets hold, once each, with
// versions and revisions that add up, and every sheet says 已同步.
//
// CI size in `npm test`; `npm run test:stress` runs 20 clerks × 500 rows.
import { COUNTY_LABELS, problems, SYSTEM_COLUMNS, todayInShanghai, type CanonicalRow } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import type { Profile } from '@taizhang/client';
import { createLedgerSheet } from '../../addin/src/engine/createSheet';
import { push, type PushSummary } from '../../addin/src/engine/push';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { demoProblem, random } from '../../scripts/demo/rows';
import { colOf, rowArray } from '../support/addinRows';
import { addFigures, newFaultFigures, type FaultFigures } from '../support/faults';
import { recordFigures, sized } from '../support/stress';
import { faultyClient, pullAll } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

const CLERKS = sized(5, 20);
const ROWS_PER_CLERK = sized(48, 500);
// A clerk pushes after each batch of findings (about 8 rows in CI, 25 under stress).
const ROUNDS = sized(6, 20);
const DROP_ANSWERS = 0.1;
const DUPLICATE_REQUESTS = 0.05;
const TODAY = todayInShanghai();
/** Texts a spreadsheet would take for formulas; they must stay text all the way. */
const FORMULA_LIKE = ['=SUM(A1:A9)', '+86 138 0000 0000', '-1+2', '@SUM(1,2)', '=HYPERLINK("http://x","点我")'];

jest.setTimeout(sized(600_000, 3_600_000));

const col = (key: string) => colOf(problems, key);

interface Clerk {
  readonly n: number;
  readonly user: TestUser;
  readonly excel: SimulatedExcel;
  readonly sheet: string;
  readonly profile: Profile;
  readonly figures: FaultFigures;
  readonly summaries: PushSummary[];
  /** Worksheet row → times its values were edited after the first push. */
  readonly edits: Map<number, number>;
  readonly api: ApiClient;
}

let clerks: Clerk[] = [];
let admin: TestUser;

async function newClerk(n: number): Promise<Clerk> {
  const county = COUNTY_LABELS[n % COUNTY_LABELS.length]!;
  const group = `${county}入企服务第${n + 1}组`;
  const user = await makeUser({ email: `load-clerk-${n}@taizhang.test`, claims: { role: 'clerk', county, group } });
  const figures = newFaultFigures();
  const api = faultyClient(user, { dropAnswers: DROP_ANSWERS, duplicateRequests: DUPLICATE_REQUESTS, random: random(1000 + n) }, figures);
  const profile = await api.getProfile();
  const excel = createSimulatedExcel();
  const { sheet } = await createLedgerSheet(excel, 'problems', { profile });
  return { n, user, excel, sheet, profile, figures, summaries: [], edits: new Map(), api };
}

/** Rows a clerk enters in one round: valid, of its county and group, some formula-like remarks. */
function roundRows(clerk: Clerk, round: number, count: number): CanonicalRow[] {
  const r = random(clerk.n * 100 + round);
  return Array.from({ length: count }, (_, i) => {
    const row = demoProblem(r, TODAY, [clerk.profile.county!], clerk.profile.group);
    if (i % 7 === 0) row.remarks = FORMULA_LIKE[i % FORMULA_LIKE.length]!;
    return row;
  });
}

/** One clerk's day: ROUNDS rounds of typing new rows, editing some earlier ones, pushing. */
async function clerkDay(clerk: Clerk): Promise<void> {
  const sh = clerk.excel.sheet(clerk.sheet);
  const perRound = Math.ceil(ROWS_PER_CLERK / ROUNDS);
  let next = 2; // first data row
  for (let round = 0; round < ROUNDS; round++) {
    const count = Math.min(perRound, ROWS_PER_CLERK - (next - 2));
    const rows = roundRows(clerk, round, count);
    sh.type(
      `A${next}:${col(problems.fields.at(-1)!.key)}${next + count - 1}`,
      rows.map((v) => rowArray(problems, v)),
    );
    // Edit every fourth row pushed in an earlier round (a different quarter each round).
    for (let row = 2; row < next; row++) {
      if ((row + round) % 4 !== 0) continue;
      const cell = `${col('description')}${row}`;
      sh.type(cell, [[`${String(sh.cell(cell).value)}；第${round}轮补充`]]);
      clerk.edits.set(row, (clerk.edits.get(row) ?? 0) + 1);
    }
    next += count;
    clerk.summaries.push(await push(clerk.excel, clerk.api, { sheet: clerk.sheet, profile: clerk.profile }));
  }
}

beforeAll(async () => {
  await clearFirestore();
  admin = await makeUser({ email: 'load-admin@taizhang.test', claims: { role: 'admin' } });
  clerks = await Promise.all(Array.from({ length: CLERKS }, (_, n) => newClerk(n)));
  await Promise.all(clerks.map(clerkDay));
});

afterAll(closeAdmin);

interface SheetRow {
  row: number;
  key: string;
  id: string;
  version: number;
  sync: string;
  description: string;
}

function sheetRows(clerk: Clerk): SheetRow[] {
  const sh = clerk.excel.sheet(clerk.sheet);
  const out: SheetRow[] = [];
  for (let row = 2; row < 2 + ROWS_PER_CLERK; row++) {
    const cell = (key: string) => sh.cell(`${col(key)}${row}`).value;
    out.push({
      row,
      key: String(cell('_key')),
      id: String(cell('_id')),
      version: Number(cell('_version')),
      sync: String(cell('_sync')),
      description: String(cell('description')),
    });
  }
  return out;
}

describe(`${CLERKS} clerks × ${ROWS_PER_CLERK} rows, ${DROP_ANSWERS * 100} % answers dropped, ${DUPLICATE_REQUESTS * 100} % requests doubled`, () => {
  it('every push finished: no row left unsent, invalid, in conflict or forbidden', () => {
    for (const c of clerks) {
      for (const s of c.summaries) {
        expect({
          clerk: c.n,
          error: s.error?.message,
          cancelled: s.cancelled,
          invalid: s.invalid.length,
          conflicts: s.conflicts.length,
          serverInvalid: s.serverInvalid.length,
          forbidden: s.forbidden.length,
        }).toEqual({ clerk: c.n, error: undefined, cancelled: false, invalid: 0, conflicts: 0, serverInvalid: 0, forbidden: 0 });
      }
    }
  });

  it('the faults happened: answers were dropped, requests doubled, pushes replayed', () => {
    const total = newFaultFigures();
    for (const c of clerks) addFigures(total, c.figures);
    expect(total.dropped).toBeGreaterThan(0);
    expect(total.duplicated).toBeGreaterThan(0);
    expect(total.replays).toBeGreaterThan(0);
  });

  it('every sheet row is 已同步 with an id, its version = 1 + its edits', () => {
    for (const c of clerks) {
      for (const r of sheetRows(c)) {
        expect({ row: r.row, sync: r.sync, version: r.version }).toEqual({ row: r.row, sync: '已同步', version: 1 + (c.edits.get(r.row) ?? 0) });
        expect(r.id).toMatch(/^P-\d{6}-\d{4}-\d{6}$/);
      }
    }
  });

  it('the store holds exactly the sheets’ rows, once each, with their versions and values; revisions add up', async () => {
    const db = adminDb();
    const [rowsSnap, keysSnap, revisionsSnap] = await Promise.all([
      db.collection('problems').get(),
      db.collection('problemsKeys').get(),
      db.collectionGroup('revisions').get(),
    ]);
    const expected = new Map(clerks.flatMap(sheetRows).map((r) => [r.key, r]));
    const stored = rowsSnap.docs.map((d) => d.data() as { id: string; key: string; version: number; values: CanonicalRow });

    const byKey = new Map<string, number>();
    for (const s of stored) byKey.set(s.key, (byKey.get(s.key) ?? 0) + 1);
    const duplicated = [...byKey.values()].filter((n) => n > 1).length;
    const lost = [...expected.keys()].filter((k) => !byKey.has(k)).length;
    const unexpected = stored.filter((s) => !expected.has(s.key)).length;
    expect({ stored: stored.length, duplicated, lost, unexpected }).toEqual({ stored: CLERKS * ROWS_PER_CLERK, duplicated: 0, lost: 0, unexpected: 0 });
    expect(keysSnap.size).toBe(CLERKS * ROWS_PER_CLERK);
    expect(new Set(stored.map((s) => s.id)).size).toBe(stored.length);

    const mismatched = stored.filter((s) => {
      const e = expected.get(s.key)!;
      return s.id !== e.id || s.version !== e.version || s.values.description !== e.description;
    });
    expect(mismatched).toEqual([]);

    // Revisions: exactly versions 1..version under every row.
    const revisions = new Map<string, number[]>();
    for (const d of revisionsSnap.docs) {
      const id = d.ref.parent.parent!.id;
      revisions.set(id, [...(revisions.get(id) ?? []), Number(d.id)]);
    }
    const badRevisions = stored.filter((s) => {
      const v = (revisions.get(s.id) ?? []).sort((a, b) => a - b);
      return v.length !== s.version || v.some((x, i) => x !== i + 1);
    });
    expect(badRevisions.map((s) => s.id)).toEqual([]);

    recordLoadFigures(stored.length, duplicated, lost);
  });

  it('a full pull returns each row once', async () => {
    const { rows } = await pullAll(admin, {});
    expect(rows).toHaveLength(CLERKS * ROWS_PER_CLERK);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('formula-like texts stayed text in every sheet: no formula was created', () => {
    expect(formulasCreated()).toBe(0);
    const remarks = clerks.flatMap((c) => sheetRows(c).map((r) => c.excel.sheet(c.sheet).cell(`${col('remarks')}${r.row}`).value));
    expect(remarks.filter((v) => typeof v === 'string' && FORMULA_LIKE.includes(v)).length).toBeGreaterThan(0);
  });
});

/** Cells holding a formula in any clerk's sheet (the engine writes constants only). */
function formulasCreated(): number {
  let n = 0;
  const columns = [...problems.fields, ...SYSTEM_COLUMNS].map((c) => col(c.key));
  for (const c of clerks) {
    const sh = c.excel.sheet(c.sheet);
    for (let row = 1; row <= 1 + ROWS_PER_CLERK; row++) {
      for (const column of columns) if (sh.cell(`${column}${row}`).formula !== null) n++;
    }
  }
  return n;
}

function recordLoadFigures(rows: number, duplicated: number, lost: number): void {
  const total = newFaultFigures();
  for (const c of clerks) addFigures(total, c.figures);
  const pushes = clerks.reduce((n, c) => n + c.summaries.length, 0);
  const counts: Record<string, number> = {};
  for (const s of clerks.flatMap((c) => c.summaries)) {
    for (const [k, n] of Object.entries(s.counts)) counts[k] = (counts[k] ?? 0) + (n ?? 0);
  }
  recordFigures('load-with-faults', {
    clerks: CLERKS,
    'rows per clerk': ROWS_PER_CLERK,
    pushes,
    requests: total.requests,
    rows,
    'dropped answers': total.dropped,
    'doubled requests': total.duplicated,
    replays: total.replays,
    conflicts: counts.conflict ?? 0,
    'row results': counts,
    'errors by code': total.errors,
    lost,
    duplicated,
    'formulas created': formulasCreated(),
  });
}
