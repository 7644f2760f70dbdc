// `taizhang push` before anything is sent: the same check as `taizhang check`, then what the
// add-in's push decides for each row of a sheet (addin/src/engine/inspect.ts), on the
// workbook's plain values: every row gets a key (a copied row a new one, and no id), new rows
// get the signed-in clerk's county and group where empty, invalid rows are marked 有错误 and
// not sent, and of the valid rows only the new and the changed (fingerprint) are sent.
// Pure: the cell writes are returned, not made.

import {
  fingerprint, numberFormatOf, PREFILLED_FIELDS, rowIdentity, shownConflictVersion, SYNC_STATES, SYSTEM_COLUMNS,
  type CanonicalRow, type LedgerDef, type LedgerName, type Outgoing, type RawCell, type SystemKey,
} from '@taizhang/ledger';
import { inspectWorkbook, type Inspection, type WorkbookRows } from '../check/checkWorkbook';
import type { CellWrite } from '../xlsx/writeBack';

export type { CellWrite, Outgoing };


export interface PushPlan {
  readonly inspection: Inspection;
  readonly ledger: LedgerDef;
  readonly sheet: string;
  readonly date1904: boolean;
  /** Field key → column index. */
  readonly fieldCol: ReadonlyMap<string, number>;
  /** System column → column index, the appended ones included. */
  readonly sysCol: Readonly<Record<SystemKey, number>>;
  readonly outgoing: readonly Outgoing[];
  /** Rows whose sync cell shows a conflict, with the server version the report showed then. */
  readonly conflicted: ReadonlyMap<number, number>;
  /** Valid rows already synced and not edited since: not sent. */
  readonly unchanged: number;
  readonly newKeys: number;
  readonly copies: number;
  /** Headers of appended system columns, keys, cleared copies, filled county and group, 有错误. */
  readonly writes: readonly CellWrite[];
}

export interface PlanOptions {
  readonly ledger?: LedgerName;
  readonly sheet?: string;
  readonly today: string;
  /** The signed-in account's county and group, filled into new rows where empty. */
  readonly profile?: { readonly county?: string; readonly group?: string };
  readonly newKey: () => string;
}

function text(x: RawCell | undefined): string {
  return typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '';
}

function versionOf(x: RawCell | undefined): number | undefined {
  const n = typeof x === 'number' ? x : Number(text(x));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function planPush(book: WorkbookRows, o: PlanOptions): PushPlan {
  const fillValues: Record<string, string> = {};
  if (o.profile?.county) fillValues.county = o.profile.county;
  if (o.profile?.group) fillValues.group = o.profile.group;
  const inspection = inspectWorkbook(book, {
    ledger: o.ledger,
    sheet: o.sheet,
    today: o.today,
    prefilled: PREFILLED_FIELDS,
    fill: {
      values: fillValues,
      // New rows only: a synced row keeps what the server has.
      when: (cells, match) => {
        const idCol = match.system.find((s) => s.def.key === '_id')?.index;
        return idCol === undefined || text(cells[idCol]) === '';
      },
    },
  });
  const { match, sheet, rows } = inspection;
  const ledger = match.ledger;
  const headerRow = match.headerRow + 1;
  const writes: CellWrite[] = [];

  // System columns where the header row has them, the missing ones after the last used column.
  const sysCol: Partial<Record<SystemKey, number>> = {};
  for (const s of match.system) sysCol[s.def.key] = s.index;
  let next = Math.max(0, ...sheet.rows.map((r) => r.length));
  for (const c of SYSTEM_COLUMNS) {
    if (sysCol[c.key] !== undefined) continue;
    sysCol[c.key] = next;
    writes.push({ row: headerRow, col: next, value: c.header, numFmt: '@' });
    next++;
  }
  const col = sysCol as Record<SystemKey, number>;
  const fieldCol = new Map(match.fields.map((f) => [f.def.key, f.index]));

  const seen = new Set<string>();
  const outgoing: Outgoing[] = [];
  const conflicted = new Map<number, number>();
  let unchanged = 0;
  let newKeys = 0;
  let copies = 0;
  for (const r of rows) {
    let key = text(r.cells[col._key]);
    let id = text(r.cells[col._id]);
    let version = versionOf(r.cells[col._version]);
    let hash = text(r.cells[col._hash]);
    const sync = text(r.cells[col._sync]);
    const identity = rowIdentity(key, seen);
    if (identity !== 'keep') {
      key = o.newKey();
      writes.push({ row: r.row, col: col._key, value: key, numFmt: '@' });
      newKeys++;
      if (identity === 'copy') {
        // A copied row is a new row: it must not update the row it was copied from.
        copies++;
        id = '';
        version = undefined;
        hash = '';
        for (const k of ['_id', '_version', '_sync', '_hash'] as const) writes.push({ row: r.row, col: col[k], value: '', numFmt: '@' });
      }
    }
    seen.add(key);
    const shown = identity === 'keep' ? shownConflictVersion(sync) : undefined;
    if (shown !== undefined) conflicted.set(r.row, shown);
    for (const f of r.filled) {
      const def = ledger.fields.find((d) => d.key === f)!;
      writes.push({ row: r.row, col: fieldCol.get(f)!, value: String(r.raw[f]), numFmt: numberFormatOf(def) });
    }
    const { values, errors } = r.result;
    if (errors.length > 0) {
      if (sync !== SYNC_STATES.invalid.zh) writes.push({ row: r.row, col: col._sync, value: SYNC_STATES.invalid.zh, numFmt: '@' });
      continue;
    }
    if (sync === SYNC_STATES.invalid.zh) writes.push({ row: r.row, col: col._sync, value: '', numFmt: '@' });
    if (!id || fingerprint(ledger, values) !== hash) {
      outgoing.push({ row: r.row, key, ...(id && { id }), ...(version !== undefined && { version }), values, raw: r.raw });
    } else unchanged++;
  }

  return {
    inspection, ledger, sheet: sheet.name, date1904: book.date1904, fieldCol, sysCol: col,
    outgoing, conflicted, unchanged, newKeys, copies, writes,
  };
}
