// The problems' kept statistics (ledger/src/statCells.ts) against a full scan: after any
// history of creates, updates, moves between counties, withdrawals, workflow transitions and
// replayed changes and duplicate links made and undone, applying each change's delta gives the cells a scan of the final rows
// gives, and the answers read from them equal the scan's for every group-by, with and without
// a county, on many days.
import fc from 'fast-check';
import {
  addCells,
  ASSIGNED_FIELD,
  cellOf,
  cellsOfRows,
  countsInStatistics,
  departmentIndex,
  getLedger,
  statDelta,
  STAT_DIMENSIONS,
  STATUSES,
  isOverdue,
  noticeFiguresOfCells,
  noticeFiguresOfRows,
  noticeLists,
  inNoticeList,
  type CellCounts,
  type CountedRow,
  type NoticeFigures,
  type SupervisedRow,
} from '@taizhang/ledger';
import { aggregate, statsFromCells, type GroupCell } from '../../../functions/src/stats/aggregate';

const problems = getLedger('problems');
const COUNTIES = ['榆次区', '介休市', '太谷区'];
const DEPARTMENTS = departmentIndex([
  { id: 'jz-zrzy', name: '市自然资源局', aliases: [], county: '市直', active: true },
  { id: 'jz-fgw', name: '市发展改革委', aliases: [], county: '市直', active: true },
]);

const values = fc.record({
  county: fc.constantFrom(...COUNTIES),
  sector: fc.constantFrom('农业', '建筑业', ''),
  category: fc.constantFrom('政策咨询', '融资', ''),
  department: fc.constantFrom('市自然资源局', '市发展改革委', '某乡政府', ''),
  group: fc.constantFrom('第1组', '第2组'),
  level: fc.constantFrom('现场解决', '协调解决', '提交市级'),
  status: fc.constantFrom(...STATUSES),
  targetType: fc.constantFrom('入企', '进村'),
  township: fc.constantFrom('东阳镇', ''),
  deadline: fc.option(
    fc.integer({ min: 1, max: 28 }).map((d) => `2022-03-${String(d).padStart(2, '0')}`),
    { nil: undefined },
  ),
});

const rowOf = (v: Record<string, unknown>, withdrawn = false): CountedRow => {
  const values = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== undefined));
  const found = typeof values.department === 'string' ? DEPARTMENTS.find(values.department) : undefined;
  return { values, departmentId: found?.id ?? null, withdrawn };
};

type Op =
  | { kind: 'create'; values: Record<string, unknown> }
  | { kind: 'update'; pick: number; values: Record<string, unknown> }
  | { kind: 'transition'; pick: number; status: string }
  | { kind: 'withdraw'; pick: number }
  | { kind: 'link'; pick: number; of: number }
  | { kind: 'unlink'; pick: number }
  | { kind: 'answer'; pick: number; assigned: number; after: number }
  | { kind: 'replay' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), values }),
  fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), values }),
  fc.record({ kind: fc.constant('transition' as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES) }),
  fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), pick: fc.nat(), of: fc.nat() }),
  fc.record({ kind: fc.constant('unlink' as const), pick: fc.nat() }),
  // Assigned on a day of March, answered some tenths of a day later (before it: not an answer since).
  fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), assigned: fc.integer({ min: 0, max: 30 }), after: fc.integer({ min: -20, max: 300 }) }),
  fc.constant({ kind: 'replay' as const }),
);

const DAY = 86_400_000;
const MARCH = Date.parse('2022-03-01T09:00:00+08:00');

/** Plays a history the way the store does: each change's delta added to the kept cells. */
function play(ops: readonly Op[]): { rows: CountedRow[]; kept: CellCounts } {
  const rows: CountedRow[] = [];
  const kept: CellCounts = new Map();
  let last: { i: number; row: CountedRow } | undefined;
  const change = (i: number, after: CountedRow): void => {
    addCells(kept, statDelta(rows[i], after));
    rows[i] = after;
    last = { i, row: after };
  };
  for (const o of ops) {
    const live = rows.map((r, i) => ({ r, i })).filter((x) => !x.r.withdrawn);
    const target = (pick: number) => live[pick % live.length];
    if (o.kind === 'create') change(rows.length, rowOf(o.values));
    else if (o.kind === 'replay') {
      // A lost answer sent again: the row is already as it says, so nothing changes.
      if (last) change(last.i, last.row);
    } else if (live.length > 0) {
      const t = target(o.pick)!;
      // A push keeps the row's link; a link goes to the other's root, never making a cycle.
      if (o.kind === 'update') change(t.i, { ...rowOf(o.values), duplicateOf: t.r.duplicateOf ?? null });
      else if (o.kind === 'transition') change(t.i, { ...t.r, values: { ...t.r.values, status: o.status } });
      else if (o.kind === 'link') {
        const other = target(o.of)!;
        const root = other.r.duplicateOf ?? String(other.i);
        if (root !== String(t.i)) {
          change(t.i, { ...t.r, duplicateOf: root });
          // Rows linked under it follow it to the root: they count nothing either way.
          rows.forEach((r, i) => {
            if (r.duplicateOf === String(t.i)) rows[i] = { ...r, duplicateOf: root };
          });
        }
      } else if (o.kind === 'unlink') change(t.i, { ...t.r, duplicateOf: null });
      else if (o.kind === 'answer') {
        const assignedAt = MARCH + o.assigned * DAY;
        change(t.i, { ...t.r, stamps: { assignedAt, firstAnsweredAt: assignedAt + (o.after * DAY) / 10 } });
      } else change(t.i, { ...t.r, withdrawn: true });
    }
  }
  return { rows, kept };
}

/** The kept cells of one group-by field, within one county or the whole city. */
function cellsFor(kept: CellCounts, dimension: string, county?: string): GroupCell[] {
  const out: GroupCell[] = [];
  for (const [k, n] of kept) {
    const c = cellOf(k);
    if (c.dimension === dimension && (county === undefined || c.county === county)) out.push({ group: c.group, slot: c.slot, n });
  }
  return out;
}

const DAYS = ['2022-03-01', '2022-03-02', '2022-03-10', '2022-03-15', '2022-03-28', '2022-03-29', '2022-04-30'];

describe('kept statistics equal a full scan', () => {
  it('after any history, for every group-by, county and day', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { rows, kept } = play(ops);
        // A linked row counts once, under its root: the scan leaves it out.
        const liveRows = rows.filter((r) => countsInStatistics(r));
        expect(kept).toEqual(cellsOfRows(rows));
        for (const dimension of STAT_DIMENSIONS) {
          for (const county of [undefined, ...COUNTIES]) {
            const mine = liveRows.filter((r) => county === undefined || r.values.county === county);
            for (const asOf of DAYS) {
              const scan = aggregate(
                problems,
                mine.map((r) => ({ values: r.values as Record<string, string>, departmentId: r.departmentId })),
                dimension,
                asOf,
                DEPARTMENTS,
              );
              expect(statsFromCells(problems, dimension, asOf, cellsFor(kept, dimension, county), DEPARTMENTS)).toEqual(scan);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  /** Figures as a notice shows them: groups in the order it ranks them, the first LIMIT of the overdue list (the rest is counted). */
  const asNotice = (f: NoticeFigures, limit: number) => {
    const byKey = <T extends { key: string }>(xs: T[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { ...f, counties: byKey(f.counties), sectors: byKey(f.sectors), departments: byKey(f.departments), overdue: f.overdue.slice(0, limit) };
  };

  it('the notice from the cells and the overdue problems its lists read equals the notice from every row', () => {
    const LIMIT = 2;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { rows, kept } = play(ops);
        const supervised: SupervisedRow[] = rows
          .map((r, i) => ({ r, id: `P-${String(i).padStart(3, '0')}` }))
          .filter(({ r }) => countsInStatistics(r))
          .map(({ r, id }) => ({ id, values: r.values, updatedOn: '', departmentId: r.departmentId, ...r.stamps }));
        const cells = [...kept].map(([k, n]) => ({ ...cellOf(k), n }));
        const of = (dimension: string, county?: string) => cells.filter((c) => c.dimension === dimension && (county === undefined || c.county === county));
        for (const asOf of DAYS) {
          // Read as the store reads them: each list the notices name, its most overdue first (by deadline, then id).
          const overdue = supervised
            .filter((r) => isOverdue(r.values, asOf))
            .sort((a, b) => String(a.values.deadline).localeCompare(String(b.values.deadline)) || (a.id < b.id ? -1 : 1));
          const lists = noticeLists(asOf, { county: of('county'), assigned: of(ASSIGNED_FIELD) }, DEPARTMENTS, LIMIT);
          const read = [...new Set(lists.flatMap((l) => overdue.filter((r) => inNoticeList(l, r)).slice(0, l.take)))];
          for (const county of [undefined, ...COUNTIES]) {
            const mine = supervised.filter((r) => county === undefined || r.values.county === county);
            const scan = noticeFiguresOfRows(asOf, mine, DEPARTMENTS, 14, LIMIT);
            const fromCells = noticeFiguresOfCells(
              asOf,
              {
                county: of('county', county),
                sector: of('sector', county),
                department: of('department', county),
                assigned: of(ASSIGNED_FIELD, county),
              },
              { overdue: read.filter((r) => county === undefined || r.values.county === county), escalations: [] },
              DEPARTMENTS,
              14,
              LIMIT,
            );
            expect(asNotice(fromCells, LIMIT)).toEqual(asNotice(scan, LIMIT));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  /** A problem with a deadline, assigned to a department: it counts in every field and as the department's. */
  const ASSIGNED_IN_YUCI = {
    county: '榆次区',
    group: '第1组',
    level: '协调解决',
    status: '办理中',
    targetType: '入企',
    deadline: '2022-03-05',
    department: '市自然资源局',
  };

  it('a link takes back what the row counted; undoing it counts it again', () => {
    const row = rowOf(ASSIGNED_IN_YUCI);
    const linked = { ...row, duplicateOf: 'P-140702-2022-000001' };
    const off = statDelta(row, linked);
    expect([...off.values()].every((n) => n === -1)).toBe(true);
    // Once per field with its deadline, and once more by the deadline as its department's assigned problem.
    expect(off.size).toBe(STAT_DIMENSIONS.length * 2 + 1);
    expect(statDelta(linked, { ...linked, values: { ...linked.values, status: '已解决' } }).size).toBe(0);
    expect(addCells(off, statDelta(linked, row)).size).toBe(0);
  });

  it("getStats' fields hold only statuses and deadline days; an assigned problem's notice cells are in a field of their own", () => {
    const row = {
      ...rowOf(ASSIGNED_IN_YUCI),
      stamps: { assignedAt: Date.parse('2022-03-01T08:00:00+08:00'), firstAnsweredAt: Date.parse('2022-03-03T08:00:00+08:00') },
    };
    const cells = [...statDelta(undefined, row).keys()].map(cellOf);
    for (const c of cells.filter((x) => x.dimension !== ASSIGNED_FIELD)) expect(c.slot).toMatch(/^[sd]:/);
    expect(
      cells
        .filter((x) => x.dimension === ASSIGNED_FIELD)
        .map((x) => x.slot.slice(0, 2))
        .sort(),
    ).toEqual(['a:', 'f:']);
  });

  it('a change that changes nothing counted is no delta; a withdrawal takes back what the row counted', () => {
    const row = rowOf(ASSIGNED_IN_YUCI);
    expect(statDelta(row, { ...row, values: { ...row.values } }).size).toBe(0);
    const off = statDelta(row, { ...row, withdrawn: true });
    expect([...off.values()].every((n) => n === -1)).toBe(true);
    // Once per field with its deadline, and once more by the deadline as its department's assigned problem.
    expect(off.size).toBe(STAT_DIMENSIONS.length * 2 + 1);
    // Settled: its deadline no longer counts towards overdue.
    const settled = statDelta(row, { ...row, values: { ...row.values, status: '已解决' } });
    expect([...settled.keys()].filter((k) => cellOf(k).slot.startsWith('d:')).length).toBe(STAT_DIMENSIONS.length);
  });
});

describe('the order of groups', () => {
  it('outside the ledger’s options, is by text, whichever row came first (kept cells have no row order)', () => {
    const a = { values: { county: '榆次区', category: '融资', level: '现场解决', status: '已解决' } as Record<string, string>, departmentId: null };
    const b = { values: { ...a.values, category: '政策咨询' }, departmentId: null };
    const keys = (rows: (typeof a)[]) => aggregate(problems, rows, 'category', '2022-03-15', DEPARTMENTS).rows.map((r) => r.key);
    expect(keys([a, b])).toEqual(keys([b, a]));
  });
});
