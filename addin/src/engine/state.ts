// What the add-in remembers in the workbook, on a very hidden sheet so it travels with the
// file: per sheet its ledger, role and last pull cursor; per marked cell (row key, field) the
// fill it had before it was marked and a digest of the message in its comment; and the
// pane's last choices (filters, grouping) in this workbook.

import type { LedgerName } from '@taizhang/ledger';
import type { PullFilter } from '@taizhang/client';
import { clearArea, loadUsedValues, writeBlock, type UsedArea } from '../excel/cells';
import { addSheet } from '../excel/layout';
import type { Pending, Session } from '../excel/session';
import type { CellValue } from '../excel/size';

export const STATE_SHEET = 'TZ_State';
export const LISTS_SHEET = 'TZ_Lists';
const STATE_COLUMNS = 6;

export interface SheetMeta {
  readonly ledger: LedgerName;
  readonly kind: 'entry' | 'pull' | 'summary';
  readonly table?: string;
  readonly cursor?: string;
  readonly filter?: PullFilter;
}

export interface Mark {
  readonly sheet: string;
  readonly key: string;
  readonly field: string;
  /** The cell's fill before we painted it; '' for none. */
  readonly prevFill: string;
  readonly digest: string;
}

export interface WorkbookState {
  readonly meta: Map<string, SheetMeta>;
  marks: Mark[];
  /** The pane's last choices in this workbook, as the pane wrote them. */
  choices?: Readonly<Record<string, unknown>>;
  /** Where the state currently sits, so a rewrite can clear exactly that. */
  readonly area?: UsedArea;
  readonly exists: boolean;
}

export function emptyState(): WorkbookState {
  return { meta: new Map(), marks: [], exists: false };
}

export function parseState(values: readonly (readonly unknown[])[], area?: UsedArea): WorkbookState {
  const meta = new Map<string, SheetMeta>();
  const marks: Mark[] = [];
  let choices: Record<string, unknown> | undefined;
  for (const r of values) {
    const [kind, sheet, a, b, c, d] = r.map((x) => (typeof x === 'string' ? x : x === null || x === undefined ? '' : String(x)));
    if (!sheet) continue;
    if (kind === 'meta' && a) {
      try {
        meta.set(sheet, JSON.parse(a) as SheetMeta);
      } catch {
        // A hand-edited state row is ignored rather than breaking every flow.
      }
    } else if (kind === 'choices' && a) {
      try {
        const c = JSON.parse(a) as unknown;
        if (typeof c === 'object' && c !== null && !Array.isArray(c)) choices = c as Record<string, unknown>;
      } catch {
        // As a hand-edited meta row: forgotten, not fatal.
      }
    } else if (kind === 'mark' && a && b) {
      marks.push({ sheet, key: a, field: b, prevFill: c ?? '', digest: d ?? '' });
    }
  }
  return { meta, marks, ...(choices && { choices }), ...(area && { area }), exists: true };
}

export function stateRows(st: WorkbookState): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const [sheet, m] of st.meta) rows.push(['meta', sheet, JSON.stringify(m), '', '', '']);
  for (const m of st.marks) rows.push(['mark', m.sheet, m.key, m.field, m.prevFill, m.digest]);
  if (st.choices) rows.push(['choices', '*', JSON.stringify(st.choices), '', '', '']);
  return rows;
}

/** Queue the load of the state (only when the sheet exists: `names` from loadSheetNames). */
export function loadState(s: Session, names: readonly string[]): Pending<WorkbookState> {
  if (!names.includes(STATE_SHEET)) return { value: emptyState() };
  const p = loadUsedValues(s, STATE_SHEET);
  return {
    get value() {
      const v = p.value;
      return v ? parseState(v.values, v.area) : { ...emptyState(), exists: true };
    },
  };
}

/** Queue the rewrite of the whole state (it is small: marks are capped); returns the state as saved. */
export function saveState(s: Session, st: WorkbookState): WorkbookState {
  if (!st.exists) addSheet(s, STATE_SHEET, 'VeryHidden');
  else if (st.area) clearArea(s, STATE_SHEET, st.area);
  const rows = stateRows(st);
  if (rows.length > 0) writeBlock(s, STATE_SHEET, 0, 0, rows, Array(STATE_COLUMNS).fill('@'));
  return { ...st, exists: true, ...(rows.length > 0 ? { area: { row: 0, col: 0, rows: rows.length, cols: STATE_COLUMNS } } : { area: undefined }) };
}
