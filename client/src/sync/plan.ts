// A push before anything is sent, row by row in worksheet order (a client may hand the rows
// in chunks): every row gets a key (a copied row a new one, and no id), new rows get the
// signed-in clerk's county and group where empty, every row is parsed with the ledger's
// rules, invalid rows are marked 有错误 and not sent, and of the valid rows only the new and
// the changed (fingerprint) are sent. Check runs the same plan and sends nothing; it writes
// no key into a valid new row (`keyEveryRow`).

import {
  columnLetters,
  fillFromRegistry,
  parseRows,
  registryWarnings,
  shownConflictVersion,
  SYNC_STATES,
  SYSTEM_COLUMNS,
  type CanonicalRow,
  type ErrorCode,
  type FieldError,
  type SystemKey,
  type TargetIndex,
  type WarningCode,
} from '@taizhang/ledger';
import { numberFormatOf } from '../sheet/cells';
import type { CellWrite, SheetColumns, SheetRow } from '../sheet/model';
import { fingerprint } from './fingerprint';
import { rowIdentity } from './identity';
import type { Outgoing } from './outcome';

export interface PlanOptions {
  /** "Today" for the date rules (YYYY-MM-DD). */
  readonly today: string;
  /** The signed-in account's county and group, filled into new rows where empty. */
  readonly profile?: { readonly county?: string; readonly group?: string };
  /** A fresh row key (a UUID). */
  readonly newKey: () => string;
  /**
   * The registries of enterprises and villages: empty 统一社会信用代码, 乡镇（街道）,
   * 县（区、市） cells are filled from them, and rows that disagree with them warned about.
   */
  readonly registry?: TargetIndex;
  /**
   * Whether a row without a key gets one written whatever its verdict (default). A check
   * writes the key only of a row it marks (its marks are kept by key) and of a copy (whose
   * copied system cells must go): a new valid row needs none until it is sent.
   */
  readonly keyEveryRow?: boolean;
}

/** One wrong field of one row, where the clerk finds it. */
export interface CellError {
  /** Worksheet row, 1-based. */
  readonly row: number;
  /** A1 address of the cell; null when the ledger's column is missing from the sheet. */
  readonly address: string | null;
  readonly field: string;
  readonly header: string;
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  /** "中文 / English". */
  readonly message: string;
}

export interface RowErrors {
  readonly row: number;
  readonly key: string;
  readonly errors: CellError[];
}

/** Something about one cell worth a second look (the registry disagrees): never stops a push. */
export interface CellWarning extends Omit<CellError, 'code'> {
  readonly code: WarningCode;
}

export interface RowWarnings {
  readonly row: number;
  readonly key: string;
  readonly warnings: CellWarning[];
}

/** A row as the plan judged it: its key now, its values, its errors. */
export interface PlannedRow {
  readonly row: number;
  readonly key: string;
  readonly values: CanonicalRow;
  readonly errors: readonly FieldError[];
}

/** A row marked 冲突（台账中为第 N 版）: where it is now and the version the clerk was shown. */
export interface ShownConflict {
  readonly version: number;
  readonly row: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Everything decided before sending. */
export interface PushPlan {
  readonly cols: SheetColumns;
  /** Data rows (rows with content). */
  readonly rows: number;
  readonly valid: number;
  readonly invalid: readonly RowErrors[];
  readonly outgoing: readonly Outgoing[];
  /** Valid rows already synced and not edited since: not sent. */
  readonly unchanged: number;
  readonly newKeys: number;
  readonly copies: number;
  /** Rows whose sync cell shows a conflict, by key: the server version it was shown at, and the row. */
  readonly conflicted: ReadonlyMap<string, ShownConflict>;
  /** Headers of appended system columns, keys, cleared copies, filled county and group, 有错误, cells filled from the registry. */
  readonly writes: readonly CellWrite[];
  /** Empty cells filled from the registries (undefined: no registry was at hand). */
  readonly filled?: number;
  /** Valid rows the registries disagree with. */
  readonly warnings: readonly RowWarnings[];
}

/** Clears the system cells of a copied row, which is a new row. */
const COPY_CLEARED: readonly SystemKey[] = ['_id', '_version', '_sync', '_hash'];

/** A row with its key now: `given` when the key is new to it (the row had none, or is a copy). */
type IdentifiedRow = SheetRow & { readonly given?: 'new' | 'copy' };

export class PushPlanner {
  private readonly seen = new Set<string>();
  private readonly writes: CellWrite[] = [];
  private readonly outgoing: Outgoing[] = [];
  private readonly invalid: RowErrors[] = [];
  private readonly conflicted = new Map<string, ShownConflict>();
  private readonly warnings: RowWarnings[] = [];
  private filled = 0;
  private rows = 0;
  private valid = 0;
  private unchanged = 0;
  private newKeys = 0;
  private copies = 0;

  constructor(
    readonly cols: SheetColumns,
    private readonly o: PlanOptions,
  ) {
    for (const k of cols.appended) {
      const c = SYSTEM_COLUMNS.find((s) => s.key === k)!;
      this.write(cols.headerRow, cols.sysCol[k], c.header, '@');
    }
  }

  private write(row: number, col: number, value: CellWrite['value'], numFmt: string): void {
    this.writes.push({ row, col, value, numFmt });
  }

  /** The next rows of the sheet, in worksheet order; their verdicts in the same order. */
  take(rows: readonly SheetRow[]): PlannedRow[] {
    const { ledger, sysCol } = this.cols;
    const identified = rows.map((r) => this.fill(this.identify(r)));
    const results = parseRows(
      ledger,
      identified.map((r) => r.raw),
      { today: this.o.today, date1904: this.cols.date1904 },
    );
    return identified.map((r, i) => {
      const { values, errors } = results[i]!;
      this.rows++;
      if (r.given === 'copy' || (r.given === 'new' && (errors.length > 0 || this.o.keyEveryRow !== false))) this.writeKey(r, r.given);
      if (errors.length > 0) {
        this.invalid.push({ row: r.row, key: r.key, errors: errors.map((e) => this.cellError(r.row, e)) });
        if (r.sync !== SYNC_STATES.invalid.zh) this.write(r.row, sysCol._sync, SYNC_STATES.invalid.zh, '@');
      } else {
        this.valid++;
        const warned = this.o.registry === undefined ? [] : registryWarnings(ledger, values, this.o.registry);
        if (warned.length > 0)
          this.warnings.push({ row: r.row, key: r.key, warnings: warned.map((w) => ({ ...this.cellError(r.row, { ...w, code: 'rule' }), code: w.code })) });
        if (r.sync === SYNC_STATES.invalid.zh) this.write(r.row, sysCol._sync, '', '@');
        if (!r.id || fingerprint(ledger, values) !== r.hash) {
          this.outgoing.push({ row: r.row, key: r.key, ...(r.id && { id: r.id }), ...(r.version !== undefined && { version: r.version }), values, raw: r.raw });
        } else this.unchanged++;
      }
      return { row: r.row, key: r.key, values, errors };
    });
  }

  /** Key for a row without one, new key (and no id) for a copy; county and group for new rows. */
  private identify(r: SheetRow): IdentifiedRow {
    const { fieldCol, ledger } = this.cols;
    const identity = rowIdentity(r.key, this.seen);
    let row: IdentifiedRow = r;
    if (identity === 'new') {
      // Every field named: a 100,000-row sheet's first push gives each row a key here.
      row = { row: r.row, raw: r.raw, key: this.o.newKey(), id: r.id, version: r.version, sync: r.sync, hash: r.hash, given: 'new' };
    } else if (identity === 'copy') {
      // A copied row is a new row: it must not update the row it was copied from.
      this.copies++;
      row = { row: r.row, raw: r.raw, key: this.o.newKey(), id: '', version: undefined, sync: '', hash: '', given: 'copy' };
    } else {
      const shown = shownConflictVersion(r.sync);
      if (shown !== undefined) this.conflicted.set(r.key, { version: shown, row: r.row, raw: r.raw });
      // Only a key read off the sheet can turn up again below, pasted with its row; a fresh
      // key is new to the sheet.
      this.seen.add(r.key);
    }
    const profile = this.o.profile;
    if (!row.id && profile) {
      for (const k of ['county', 'group'] as const) {
        const col = fieldCol.get(k);
        const v = profile[k];
        if (col === undefined || !v || row.raw[k] !== undefined) continue;
        row = { ...row, raw: { ...row.raw, [k]: v } };
        this.write(r.row, col, v, numberFormatOf(ledger.fields.find((f) => f.key === k)!));
      }
    }
    return row;
  }

  /** Writes a row's new key; a copy's id, version, state and fingerprint go with its old key. */
  private writeKey(r: SheetRow, given: 'new' | 'copy'): void {
    const { sysCol } = this.cols;
    this.write(r.row, sysCol._key, r.key, '@');
    this.newKeys++;
    if (given === 'copy') for (const k of COPY_CLEARED) this.write(r.row, sysCol[k], '', '@');
  }

  /** The registry's values in the row's empty cells whose columns the sheet has; never over what is written. */
  private fill(r: IdentifiedRow): IdentifiedRow {
    const { registry } = this.o;
    if (registry === undefined) return r;
    const { fieldCol, ledger } = this.cols;
    let raw = r.raw;
    for (const [k, v] of Object.entries(fillFromRegistry(r.raw, registry))) {
      const col = fieldCol.get(k);
      if (col === undefined || v === undefined || r.raw[k] !== undefined) continue;
      raw = { ...raw, [k]: v };
      this.write(r.row, col, v, numberFormatOf(ledger.fields.find((f) => f.key === k)!));
      this.filled++;
    }
    return raw === r.raw ? r : { ...r, raw };
  }

  private cellError(row: number, e: FieldError): CellError {
    const col = e.code === 'unknown' ? undefined : this.cols.fieldCol.get(e.field);
    return {
      row,
      address: col === undefined ? null : `${columnLetters(col)}${row}`,
      field: e.field,
      header: e.header,
      code: e.code,
      zh: e.zh,
      en: e.en,
      message: e.message,
    };
  }

  plan(): PushPlan {
    return {
      cols: this.cols,
      rows: this.rows,
      valid: this.valid,
      invalid: this.invalid,
      outgoing: this.outgoing,
      unchanged: this.unchanged,
      newKeys: this.newKeys,
      copies: this.copies,
      conflicted: this.conflicted,
      writes: this.writes,
      warnings: this.warnings,
      ...(this.o.registry !== undefined && { filled: this.filled }),
    };
  }
}

/** The whole plan at once, for a client that holds every row. */
export function planPush(cols: SheetColumns, rows: readonly SheetRow[], o: PlanOptions): PushPlan {
  const p = new PushPlanner(cols, o);
  p.take(rows);
  return p.plan();
}
