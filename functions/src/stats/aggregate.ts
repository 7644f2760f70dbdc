// Statistics of getStats (docs/api.md#getstats), computed from canonical rows against an explicit day.
// Pure: the store streams rows in, tests feed known datasets.

import { EMPTY_KEY, fieldOf, groupText, isOverdue, rate, type CanonicalRow, type DepartmentIndex, type LedgerDef } from '@taizhang/ledger';

export { EMPTY_KEY };

export interface ProblemFigures {
  total: number;
  resolved: number;
  open: number;
  inProgress: number;
  onSite: number;
  coordinated: number;
  escalated: number;
  overdue: number;
  /** 待审核: the department asked to close, the owner has not decided. */
  awaitingReview: number;
  /** 长期推进: followed over a longer term, never overdue. */
  longTerm: number;
  resolvedRate: number;
  onSiteRate: number;
}

export interface VisitFigures {
  visits: number;
  enterprises: number;
  villages: number;
  staff: number;
  policies: number;
  served: number;
  problemsFound: number;
}

/** A group of the answer; grouped by department, `departmentId` is the registry id its name stands for. */
export type StatRow<F> = { key: string; departmentId?: string } & F;

/** A row as statistics read it: its values and the registry id of its department, if any. */
export interface StatRowInput {
  readonly values: CanonicalRow;
  readonly departmentId: string | null;
}

export interface StatsAnswer<F> {
  asOf: string;
  rows: StatRow<F>[];
  totals: F;
}

interface Aggregator<F> {
  add(values: CanonicalRow): void;
  figures(): F;
}

/** The problems' figures: counted row by row (a scan) or by cell (the kept statistics), by one rule. */
interface ProblemCounter extends Aggregator<ProblemFigures> {
  /** `n` problems of this status and level. */
  count(status: unknown, level: unknown, n: number): void;
  /** `n` problems that become overdue after this deadline. */
  due(deadline: string, n: number): void;
}

function problemAggregator(asOf: string): ProblemCounter {
  const f = { total: 0, resolved: 0, open: 0, inProgress: 0, onSite: 0, coordinated: 0, escalated: 0, overdue: 0, awaitingReview: 0, longTerm: 0 };
  const count = (status: unknown, level: unknown, n: number): void => {
    f.total += n;
    if (status === '已解决') f.resolved += n;
    else if (status === '待办理') f.open += n;
    else if (status === '办理中') f.inProgress += n;
    else if (status === '待审核') f.awaitingReview += n;
    else if (status === '长期推进') f.longTerm += n;
    if (level === '现场解决') f.onSite += n;
    else if (level === '协调解决') f.coordinated += n;
    else if (level === '提交市级') f.escalated += n;
  };
  return {
    count,
    due(deadline, n) {
      if (isOverdue({ status: '', deadline }, asOf)) f.overdue += n;
    },
    add(v) {
      count(v.status, v.level, 1);
      if (isOverdue(v, asOf)) f.overdue++;
    },
    figures: () => ({ ...f, resolvedRate: rate(f.resolved, f.total), onSiteRate: rate(f.onSite, f.total) }),
  };
}

function visitAggregator(): Aggregator<VisitFigures> {
  const sums = { visits: 0, staff: 0, policies: 0, served: 0, problemsFound: 0 };
  const enterprises = new Set<string>();
  const villages = new Set<string>();
  const num = (x: unknown): number => (typeof x === 'number' ? x : 0);
  return {
    add(v) {
      sums.visits++;
      sums.staff += num(v.staff);
      sums.policies += num(v.policies);
      sums.served += num(v.served);
      sums.problemsFound += num(v.problemsFound);
      const name = String(v.targetName ?? '');
      if (v.targetType === '入企') enterprises.add(name);
      else if (v.targetType === '进村') villages.add(`${v.county ?? ''}|${v.township ?? ''}|${name}`);
    },
    figures: () => ({ ...sums, enterprises: enterprises.size, villages: villages.size }),
  };
}

/** Group order: an enum's own option order (counties in the order of COUNTIES), else by name. */
function keyOrder(ledger: LedgerDef, groupBy: string): (a: string, b: string) => number {
  const f = fieldOf(ledger, groupBy);
  const options = f?.type.kind === 'enum' ? f.type.options : undefined;
  const byText = (a: string, b: string) => (a === b ? 0 : a === EMPTY_KEY ? 1 : b === EMPTY_KEY ? -1 : a.localeCompare(b, 'zh-Hans-CN') || (a < b ? -1 : 1));
  if (!options) return byText;
  // Values outside the options (stored before an option was renamed) follow them, by text,
  // so the order never depends on which row came first.
  const rank = new Map(options.map((o, i) => [o, i]));
  return (a, b) => (rank.get(a) ?? options.length) - (rank.get(b) ?? options.length) || byText(a, b);
}

export interface StatsBuilder<F> {
  /** `departmentId`: the registry id the row's 责任单位 stands for, when it names one. */
  add(values: CanonicalRow, departmentId?: string | null): void;
  result(): StatsAnswer<F>;
}

/**
 * Rows go in one at a time, so a scan of any size needs memory only per group. Grouped by
 * department, rows of one registry department are one group under its canonical name, however
 * they were written; rows without an id group by their text.
 */
export function statsBuilder<F>(ledger: LedgerDef, groupBy: string, asOf: string, departments?: DepartmentIndex): StatsBuilder<F> {
  const groups = groupTable<F>(ledger, groupBy, asOf, departments);
  const byDepartment = groupBy === 'department';
  return {
    add(v, departmentId) {
      const id = byDepartment && departmentId ? departmentId : undefined;
      groups.at(groupText(v[groupBy]), id).add(v);
      groups.totals.add(v);
    },
    result: () => groups.result(),
  };
}

/** The groups of one answer, made as rows or cells name them, in the answer's order. */
function groupTable<F>(ledger: LedgerDef, groupBy: string, asOf: string, departments?: DepartmentIndex) {
  const make = (): Aggregator<F> => (ledger.name === 'problems' ? problemAggregator(asOf) : visitAggregator()) as unknown as Aggregator<F>;
  const groups = new Map<string, { key: string; departmentId?: string; agg: Aggregator<F> }>();
  const totals = make();
  return {
    totals,
    /** The group of this text, or of this registry department. */
    at(text: string, id: string | undefined): Aggregator<F> {
      const group = id !== undefined ? `id:${id}` : `text:${text}`;
      let g = groups.get(group);
      if (!g) {
        const key = id !== undefined ? (departments?.byId(id)?.name ?? text) : text;
        groups.set(group, (g = { key, ...(id !== undefined && { departmentId: id }), agg: make() }));
      }
      return g.agg;
    },
    result(keep: (f: F) => boolean = () => true): StatsAnswer<F> {
      const order = keyOrder(ledger, groupBy);
      const list = [...groups.values()].sort((a, b) => order(a.key, b.key) || (a.departmentId ?? '').localeCompare(b.departmentId ?? ''));
      return {
        asOf,
        rows: list.map((g) => ({ key: g.key, ...(g.departmentId !== undefined && { departmentId: g.departmentId }), ...g.agg.figures() })).filter(keep),
        totals: totals.figures(),
      };
    },
  };
}

/** A kept cell of one county and group-by field: its group, slot and count (ledger/src/statCells.ts). */
export interface GroupCell {
  readonly group: string;
  readonly slot: string;
  readonly n: number;
}

/**
 * The problems' answer from kept cells instead of rows: the same groups, order and figures as
 * a scan of the same rows. A group whose rows all left (its cells came to 0) is no group.
 */
export function statsFromCells(
  ledger: LedgerDef,
  groupBy: string,
  asOf: string,
  cells: Iterable<GroupCell>,
  departments?: DepartmentIndex,
): StatsAnswer<ProblemFigures> {
  const groups = groupTable<ProblemFigures>(ledger, groupBy, asOf, departments);
  for (const c of cells) {
    // Statuses and deadline days are getStats' to count; any other slot is not.
    if (c.n === 0 || !/^[sd]:/.test(c.slot)) continue;
    const id = c.group.startsWith('id:') ? c.group.slice(3) : undefined;
    const text = groupBy === 'department' && id === undefined ? c.group.replace(/^text:/, '') : c.group;
    const targets = [groups.at(id ?? text, id) as ProblemCounter, groups.totals as ProblemCounter];
    for (const agg of targets) {
      if (c.slot.startsWith('d:')) agg.due(c.slot.slice(2), c.n);
      else {
        const [status, level] = c.slot.slice(2).split('|');
        agg.count(status, level, c.n);
      }
    }
  }
  return groups.result((f) => f.total !== 0);
}

export function aggregate<F>(
  ledger: LedgerDef,
  rows: Iterable<CanonicalRow | StatRowInput>,
  groupBy: string,
  asOf: string,
  departments?: DepartmentIndex,
): StatsAnswer<F> {
  const b = statsBuilder<F>(ledger, groupBy, asOf, departments);
  for (const r of rows) {
    if (isInput(r)) b.add(r.values, r.departmentId);
    else b.add(r);
  }
  return b.result();
}

function isInput(r: CanonicalRow | StatRowInput): r is StatRowInput {
  return typeof (r as StatRowInput).values === 'object' && (r as StatRowInput).values !== null && 'departmentId' in r;
}
