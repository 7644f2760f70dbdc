// The kept statistics recomputed from the rows (`taizhang admin stats rebuild`) and built for
// rows older than them (`taizhang admin migrate`), both beside live pushes.
//
// Counting older rows: page by page, each row not yet counted gets `inStats` and its cells in
// one batch, each row's write conditioned on its last update; a push that changed the row
// meanwhile counted it itself, so the page is read again and that row is skipped.
//
// Rebuilding: the stored cells are read, then every row, then the stored cells again. Every
// change of what a row counts writes a cells document in the row's own commit, so when no
// cells document changed in between, the rows read agree with the cells read; else it starts
// over. The correction (rows' count minus stored count) is then added in a transaction that
// reads the cells documents once more, so a push landing at that moment makes it start over too.

import { FieldPath, type Firestore } from 'firebase-admin/firestore';
import { addCells, addRow, cellDifferences, cellKey, type CellCounts, type CountedRow, type LedgerName, type StatCell } from '@taizhang/ledger';
import { stampsOf } from '../store/rowDoc';
import { readAllCells, stageStatDelta, statPaths, statsComplete } from './store';

const PAGE = 300;
const ROW_FIELDS = ['values', 'departmentId', 'withdrawn', 'inStats', 'duplicateOf', 'assignedAt', 'firstAnsweredAt'];

interface ScannedRow {
  readonly id: string;
  readonly counted: boolean;
  readonly row: CountedRow;
}

interface Page {
  readonly docs: FirebaseFirestore.QueryDocumentSnapshot[];
  readonly rows: ScannedRow[];
}

/** The rows after `after`, in id order. */
async function readPage(db: Firestore, ledger: LedgerName, after: string | undefined): Promise<Page> {
  let q = db
    .collection(ledger)
    .orderBy(FieldPath.documentId())
    .select(...ROW_FIELDS)
    .limit(PAGE);
  if (after !== undefined) q = q.startAfter(after);
  const snap = await q.get();
  return {
    docs: snap.docs,
    rows: snap.docs.map((d) => ({
      id: d.id,
      counted: d.get('inStats') === true,
      row: {
        values: d.get('values') ?? {},
        departmentId: typeof d.get('departmentId') === 'string' ? d.get('departmentId') : null,
        withdrawn: d.get('withdrawn') === true,
        duplicateOf: typeof d.get('duplicateOf') === 'string' ? d.get('duplicateOf') : null,
        stamps: stampsOf(d.data()),
      },
    })),
  };
}

async function* pagesOf(db: Firestore, ledger: LedgerName): AsyncGenerator<Page> {
  let after: string | undefined;
  for (;;) {
    const page = await readPage(db, ledger, after);
    yield page;
    if (page.docs.length < PAGE) return;
    after = page.docs.at(-1)!.id;
  }
}

export interface CountReport {
  readonly ledger: LedgerName;
  /** Rows counted now (older than the kept statistics). */
  readonly counted: number;
  /** Every row is counted: getStats answers from the kept statistics. */
  readonly complete: boolean;
}

/** Counts every row not yet in the kept statistics; safe to repeat and to run beside pushes. */
export async function countOlderRows(db: Firestore, ledger: LedgerName = 'problems'): Promise<CountReport> {
  let counted = 0;
  let after: string | undefined;
  for (;;) {
    const page = await readPage(db, ledger, after);
    const todo = page.docs.map((d, i) => ({ d, r: page.rows[i]! })).filter((x) => !x.r.counted);
    if (todo.length > 0) {
      const batch = db.batch();
      const delta: CellCounts = new Map();
      for (const { d, r } of todo) {
        batch.update(d.ref, { inStats: true }, { lastUpdateTime: d.updateTime });
        addRow(delta, r.row);
      }
      stageStatDelta(batch, db, ledger, delta, 0);
      try {
        await batch.commit();
        counted += todo.length;
      } catch (e) {
        // A push changed one of these rows meanwhile, and counted it: read this page again.
        if (isContention(e)) continue;
        throw e;
      }
    }
    if (page.docs.length < PAGE) break;
    after = page.docs.at(-1)!.id;
  }
  return { ledger, counted, complete: await statsComplete(db, ledger) };
}

function isContention(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 9 || code === 10 || code === 'failed-precondition' || code === 'aborted';
}

export interface RebuildReport {
  readonly ledger: LedgerName;
  readonly rows: number;
  /** Rows older than the kept statistics, not counted yet (admin migrate counts them). */
  readonly uncounted: number;
  /** Cells whose stored count differed from the rows' count: rows = the rows' count, stored = what was kept. */
  readonly differences: { cell: StatCell; rows: number; stored: number }[];
  /** The differences were corrected. */
  readonly repaired: boolean;
}

/** Recomputes the kept statistics from the rows, reports every difference and (unless dryRun) corrects it. */
export async function rebuildStats(db: Firestore, ledger: LedgerName = 'problems', opts: { dryRun?: boolean; attempts?: number } = {}): Promise<RebuildReport> {
  const attempts = opts.attempts ?? 5;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const before = await readAllCells(db, ledger);
    const fromRows: CellCounts = new Map();
    let rows = 0;
    let uncounted = 0;
    for await (const page of pagesOf(db, ledger)) {
      for (const r of page.rows) {
        rows++;
        if (r.counted) addRow(fromRows, r.row);
        else uncounted++;
      }
    }
    const differences = cellDifferences(fromRows, before.cells).map((d) => ({ cell: d.cell, rows: d.a, stored: d.b }));
    const report = { ledger, rows, uncounted, differences };
    if (differences.length === 0 || opts.dryRun) {
      if (!sameVersions(before.versions, (await readAllCells(db, ledger)).versions)) continue;
      return { ...report, repaired: false };
    }
    const correction = addCells(
      new Map(),
      differences.map((d) => [cellKey(d.cell), d.rows - d.stored] as const),
    );
    const repaired = await db.runTransaction(async (tx) => {
      const snap = await tx.get(statPaths.shards(db).where('ledger', '==', ledger));
      const now = new Map(snap.docs.map((d) => [d.id, `${d.updateTime.seconds}.${d.updateTime.nanoseconds}`]));
      if (!sameVersions(before.versions, now)) return false;
      stageStatDelta(tx, db, ledger, correction, 0);
      return true;
    });
    if (repaired) return { ...report, repaired: true };
  }
  throw new Error(`stats rebuild: the ${ledger} kept changing during ${attempts} attempts; run it again in a quieter moment`);
}

function sameVersions(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}
