// The problems' statistics kept as the rows change (docs/data-model.md#statistics): a live
// problem counts once in one cell per group-by field — its value there, its status and level —
// and, while it can still become overdue, once more by its deadline day, so that overdue on
// any day is a sum over the deadline days before it. A change of a row is the difference
// between the cells of the row after and before: pure, so the store commits it with the row
// and a test can replay any history without a database.
//
// A problem assigned to the department it names counts twice more, for the notice
// (docs/workflow.md#the-notice), in a field of its own under that department: by its deadline
// day while it can still become overdue, and by its days to a first answer once answered.
// Kept apart from the department field, which getStats reads, so that a department's
// statistics read no more cells as the campaign's days go by.
//
// A problem reported twice counts once: a row a coordinator linked under a root (its
// `duplicateOf`) counts nothing, and its root counts once (docs/masterdata.md).

import { firstAnswerTenths, type WorkflowStamps } from './inbox';
import { overdueDeadline } from './overdue';
import { ASSIGNED_STATUSES } from './rights';

/** The group-by fields of getStats the problems' statistics are kept for. */
export const STAT_DIMENSIONS = ['county', 'sector', 'category', 'department', 'group', 'level', 'status', 'targetType', 'township'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** The notice's field: a department's assigned problems by deadline day and by days to a first answer. */
export const ASSIGNED_FIELD = 'assigned';
/** A field the statistics are kept in: a group-by field of getStats, or the notice's. */
export type KeptField = StatDimension | typeof ASSIGNED_FIELD;

/** The group of rows that leave the field empty (a 现场解决 problem has no 责任单位). */
export const EMPTY_KEY = '（未填写）';

/** A row as its statistics see it. */
export interface CountedRow {
  readonly values: Readonly<Record<string, unknown>>;
  /** The registry id of its department: rows of one registry department are one group. */
  readonly departmentId: string | null;
  readonly withdrawn: boolean;
  /** The root it is linked under as a repeat of another report; absent or null: none. */
  readonly duplicateOf?: string | null;
  /** When it was last assigned and first answered since (ms): the notice's days to a first answer. */
  readonly stamps?: Pick<WorkflowStamps, 'assignedAt' | 'firstAnsweredAt'>;
}

/** One cell: within a county and a group-by field, one group's status and level, or its deadline day. */
export interface StatCell {
  readonly county: string;
  readonly dimension: KeptField;
  /** The group: the field's text, EMPTY_KEY, or for the department (and ASSIGNED_FIELD) `id:<registry id>` / `text:<name>`. */
  readonly group: string;
  /**
   * `s:<status>|<level>`, or `d:<deadline>` while the row can become overdue; in
   * ASSIGNED_FIELD, for a problem assigned to the department, `a:<deadline>` while it can
   * become overdue and `f:<tenths of a day>` from its assignment to the first answer.
   */
  readonly slot: string;
}

/** Cells with their counts, keyed by cellKey. */
export type CellCounts = Map<string, number>;

export const cellKey = (c: StatCell): string => JSON.stringify([c.county, c.dimension, c.group, c.slot]);

export function cellOf(key: string): StatCell {
  const [county, dimension, group, slot] = JSON.parse(key) as [string, KeptField, string, string];
  return { county, dimension, group, slot };
}

/** A field's value as the name of its group. */
export const groupText = (x: unknown): string => (x === undefined || x === null || x === '' ? EMPTY_KEY : String(x));

/** The group a row is in for a field; the department by registry id when it has one. */
export function groupOf(row: CountedRow, dimension: StatDimension): string {
  if (dimension !== 'department') return groupText(row.values[dimension]);
  return row.departmentId ? `id:${row.departmentId}` : `text:${groupText(row.values.department)}`;
}

/** Whether a row counts at all: a live row not linked under another (every count, scan or kept, asks here). */
export function countsInStatistics(row: Pick<CountedRow, 'withdrawn' | 'duplicateOf'> | undefined): boolean {
  return row !== undefined && !row.withdrawn && !row.duplicateOf;
}

function counts(row: CountedRow | undefined): row is CountedRow {
  return countsInStatistics(row);
}

/** Assigned to the department it names: it names one and has left 待办理. */
const isAssigned = (row: CountedRow): boolean => groupText(row.values.department) !== EMPTY_KEY && ASSIGNED_STATUSES.includes(row.values.status);

/** The cells a row counts in, once each. */
export function rowCells(row: CountedRow | undefined): StatCell[] {
  if (!counts(row)) return [];
  const county = groupText(row.values.county);
  const status = groupText(row.values.status);
  const level = groupText(row.values.level);
  const deadline = overdueDeadline(row.values);
  const out: StatCell[] = [];
  for (const dimension of STAT_DIMENSIONS) {
    const group = groupOf(row, dimension);
    out.push({ county, dimension, group, slot: `s:${status}|${level}` });
    if (deadline !== undefined) out.push({ county, dimension, group, slot: `d:${deadline}` });
  }
  if (isAssigned(row)) {
    const group = groupOf(row, 'department');
    const tenths = firstAnswerTenths(row.stamps ?? {});
    if (deadline !== undefined) out.push({ county, dimension: ASSIGNED_FIELD, group, slot: `a:${deadline}` });
    if (tenths !== undefined) out.push({ county, dimension: ASSIGNED_FIELD, group, slot: `f:${tenths}` });
  }
  return out;
}

/** Adds `sign` × the row's cells to `into`, dropping cells that come to 0. */
export function addRow(into: CellCounts, row: CountedRow | undefined, sign: 1 | -1 = 1): CellCounts {
  for (const c of rowCells(row)) {
    const k = cellKey(c);
    const n = (into.get(k) ?? 0) + sign;
    if (n === 0) into.delete(k);
    else into.set(k, n);
  }
  return into;
}

/** What a change of one row does to the statistics: after's cells minus before's (absent, withdrawn or linked: none). */
export function statDelta(before: CountedRow | undefined, after: CountedRow | undefined, into: CellCounts = new Map()): CellCounts {
  addRow(into, after, 1);
  return addRow(into, before, -1);
}

/** The statistics of a set of rows, as a full scan would count them. */
export function cellsOfRows(rows: Iterable<CountedRow>): CellCounts {
  const out: CellCounts = new Map();
  for (const r of rows) addRow(out, r, 1);
  return out;
}

/** Adds counts into `into` (a delta onto figures), dropping cells that come to 0. */
export function addCells(into: CellCounts, add: Iterable<readonly [string, number]>): CellCounts {
  for (const [k, n] of add) {
    const m = (into.get(k) ?? 0) + n;
    if (m === 0) into.delete(k);
    else into.set(k, m);
  }
  return into;
}

/** Where two countings differ: each cell's count in `a` and `b`. */
export function cellDifferences(a: CellCounts, b: CellCounts): { cell: StatCell; a: number; b: number }[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const out: { cell: StatCell; a: number; b: number }[] = [];
  for (const k of [...keys].sort()) {
    const x = a.get(k) ?? 0;
    const y = b.get(k) ?? 0;
    if (x !== y) out.push({ cell: cellOf(k), a: x, b: y });
  }
  return out;
}
