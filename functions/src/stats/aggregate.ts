// Statistics of getStats (docs/api.md#getstats), computed from canonical rows against an explicit day.
// Pure: the store streams rows in, tests feed known datasets.

import { fieldOf, isOverdue, rate, type CanonicalRow, type LedgerDef } from '@taizhang/ledger';

/** The key of rows that leave the grouped field empty (a 现场解决 problem has no 责任单位). */
export const EMPTY_KEY = '（未填写）';

export interface ProblemFigures {
  total: number; resolved: number; open: number; inProgress: number;
  onSite: number; coordinated: number; escalated: number; overdue: number;
  resolvedRate: number; onSiteRate: number;
}

export interface VisitFigures {
  visits: number; enterprises: number; villages: number;
  staff: number; policies: number; served: number; problemsFound: number;
}

export type StatRow<F> = { key: string } & F;

export interface StatsAnswer<F> {
  asOf: string;
  rows: StatRow<F>[];
  totals: F;
}

interface Aggregator<F> {
  add(values: CanonicalRow): void;
  figures(): F;
}

function problemAggregator(asOf: string): Aggregator<ProblemFigures> {
  const f = { total: 0, resolved: 0, open: 0, inProgress: 0, onSite: 0, coordinated: 0, escalated: 0, overdue: 0 };
  return {
    add(v) {
      f.total++;
      if (v.status === '已解决') f.resolved++;
      else if (v.status === '待办理') f.open++;
      else if (v.status === '办理中') f.inProgress++;
      if (v.level === '现场解决') f.onSite++;
      else if (v.level === '协调解决') f.coordinated++;
      else if (v.level === '提交市级') f.escalated++;
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
  if (options) {
    const rank = new Map(options.map((o, i) => [o, i]));
    return (a, b) => (rank.get(a) ?? options.length) - (rank.get(b) ?? options.length);
  }
  return (a, b) => (a === EMPTY_KEY ? 1 : b === EMPTY_KEY ? -1 : a.localeCompare(b, 'zh-Hans-CN'));
}

export interface StatsBuilder<F> {
  add(values: CanonicalRow): void;
  result(): StatsAnswer<F>;
}

/** Rows go in one at a time, so a scan of any size needs memory only per group. */
export function statsBuilder<F>(ledger: LedgerDef, groupBy: string, asOf: string): StatsBuilder<F> {
  const make = (): Aggregator<F> =>
    (ledger.name === 'problems' ? problemAggregator(asOf) : visitAggregator()) as unknown as Aggregator<F>;
  const groups = new Map<string, Aggregator<F>>();
  const totals = make();
  return {
    add(v) {
      const raw = v[groupBy];
      const key = raw === undefined || raw === '' ? EMPTY_KEY : String(raw);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = make()));
      g.add(v);
      totals.add(v);
    },
    result() {
      const keys = [...groups.keys()].sort(keyOrder(ledger, groupBy));
      return { asOf, rows: keys.map((key) => ({ key, ...groups.get(key)!.figures() })), totals: totals.figures() };
    },
  };
}

export function aggregate<F>(ledger: LedgerDef, rows: Iterable<CanonicalRow>, groupBy: string, asOf: string): StatsAnswer<F> {
  const b = statsBuilder<F>(ledger, groupBy, asOf);
  for (const v of rows) b.add(v);
  return b.result();
}
