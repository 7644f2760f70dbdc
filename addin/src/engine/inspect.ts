// The shared first half of check and push: read the sheet, give every row an identity
// (a key; a copied row a new one), fill in the clerk's county and group on new rows, parse
// every row with the ledger core, and plan the marks. Valid rows are only touched where
// their sync state said 有错误.

import {
  fingerprint, parseRows, rowIdentity, SYNC_STATES, todayInShanghai, type CanonicalRow, type FieldError, type LedgerName, type Outgoing,
} from '@taizhang/ledger';

export type { Outgoing };
import { cellAddress } from '../excel/address';
import { loadFill } from '../excel/marks';
import type { Pending, Session } from '../excel/session';
import { numberFormatOf } from './columns';
import type { SheetRow } from './layout';
import { DEFAULT_CHUNK_ROWS, MAX_MARKED_CELLS, type FlowOptions } from './options';
import { scanSheet, type ScanContext } from './scan';
import type { Mark } from './state';


export interface CellError {
  /** Worksheet row number as Excel shows it (1-based). */
  readonly row: number;
  /** A1 address of the cell; null when the ledger's column is missing from the sheet. */
  readonly address: string | null;
  readonly field: string;
  readonly header: string;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly message: string;
}

export interface RowErrors {
  readonly row: number;
  readonly key: string;
  readonly errors: CellError[];
}


export interface NewMark {
  readonly row: number;
  readonly col: number;
  readonly key: string;
  readonly field: string;
  readonly text: string;
  readonly digest: string;
  readonly fill: Pending<string>;
}

export interface Unmark {
  readonly row: number;
  readonly col: number;
  readonly mark: Mark;
  readonly fill: Pending<string>;
}

export interface Inspection {
  readonly ctx: ScanContext;
  readonly rows: number;
  readonly valid: number;
  readonly unchanged: number;
  readonly errors: RowErrors[];
  readonly outgoing: Outgoing[];
  readonly newKeys: number;
  readonly copies: number;
  /** Marks of this sheet that stay as they are (or only get a new message). */
  readonly kept: Mark[];
  readonly newMarks: NewMark[];
  readonly unmarks: Unmark[];
  readonly retexts: { row: number; col: number; text: string; mark: Mark }[];
}

function newKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Short digest of a comment's text: a changed message means a new comment. */
export function digest(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

export function commentText(errors: readonly FieldError[]): string {
  return [...errors.map((e) => e.zh), ...errors.map((e) => e.en)].join('\n');
}

export async function inspectSheet(s: Session, sheet: string, o: FlowOptions & { ledger?: LedgerName }): Promise<Inspection> {
  const today = o.today ?? todayInShanghai();
  const seen = new Set<string>();
  const errors: RowErrors[] = [];
  const outgoing: Outgoing[] = [];
  const kept: Mark[] = [];
  const newMarks: NewMark[] = [];
  const unmarks: Unmark[] = [];
  const retexts: Inspection['retexts'] = [];
  let valid = 0;
  let unchanged = 0;
  let newKeys = 0;
  let copies = 0;
  let marksByKey: Map<string, Map<string, Mark>> | undefined;

  const scan = await scanSheet(s, sheet, { ...o, chunkRows: o.chunkRows ?? DEFAULT_CHUNK_ROWS }, (rows, ctx) => {
    const { layout, patch } = ctx;
    const { ledger, sysCol } = layout;
    if (!marksByKey) {
      marksByKey = new Map();
      for (const m of ctx.state.marks) {
        if (m.sheet !== sheet) continue;
        let byField = marksByKey.get(m.key);
        if (!byField) marksByKey.set(m.key, (byField = new Map()));
        byField.set(m.field, m);
      }
    }
    const profile = o.profile;
    for (const r of rows) identify(r, ctx, profile);
    const results = parseRows(ledger, rows.map((r) => r.raw), { today, date1904: ctx.date1904 });
    rows.forEach((r, i) => {
      const { values, errors: errs } = results[i]!;
      const prev = marksByKey!.get(r.key);
      marksByKey!.delete(r.key);
      const byField = new Map<string, FieldError[]>();
      for (const e of errs) {
        const list = byField.get(e.field);
        if (list) list.push(e);
        else byField.set(e.field, [e]);
      }
      if (errs.length > 0) {
        errors.push({
          row: r.row + 1,
          key: r.key,
          errors: errs.map((e) => {
            const col = layout.fieldCol.get(e.field);
            return {
              row: r.row + 1, address: col === undefined ? null : cellAddress(r.row, col),
              field: e.field, header: e.header, code: e.code, zh: e.zh, en: e.en, message: e.message,
            };
          }),
        });
        if (r.sync !== SYNC_STATES.invalid.zh) patch.set(r.row, sysCol._sync, SYNC_STATES.invalid.zh, '@');
      } else {
        valid++;
        if (r.sync === SYNC_STATES.invalid.zh) patch.set(r.row, sysCol._sync, '', '@');
        if (!r.id || fingerprint(ledger, values) !== r.hash) {
          outgoing.push({ row: r.row, key: r.key, ...(r.id && { id: r.id }), ...(r.version !== undefined && { version: r.version }), values, raw: r.raw });
        } else unchanged++;
      }
      // Marks: new ones for new errors (their fill is read first), away with fixed ones.
      for (const [field, list] of byField) {
        const col = layout.fieldCol.get(field);
        if (col === undefined) continue;
        const text = commentText(list);
        const d = digest(text);
        const old = prev?.get(field);
        if (old) {
          kept.push({ ...old, digest: d });
          if (old.digest !== d) retexts.push({ row: r.row, col, text, mark: old });
        } else if (kept.length + newMarks.length < MAX_MARKED_CELLS) {
          newMarks.push({ row: r.row, col, key: r.key, field, text, digest: d, fill: loadFill(s, sheet, r.row, col) });
        }
      }
      for (const [field, mark] of prev ?? []) {
        if (byField.has(field)) continue;
        const col = layout.fieldCol.get(field);
        if (col !== undefined) unmarks.push({ row: r.row, col, mark, fill: loadFill(s, sheet, r.row, col) });
      }
    });
    o.onProgress?.(valid + errors.length, valid + errors.length, 'check');
  });

  /** Key for a row without one, new key (and no id) for a copy; county and group for new rows. */
  function identify(r: SheetRow, ctx: ScanContext, profile: FlowOptions['profile']): void {
    const { patch, layout } = ctx;
    const { sysCol } = layout;
    const identity = rowIdentity(r.key, seen);
    if (identity !== 'keep') {
      const copy = identity === 'copy';
      r.key = newKey();
      patch.set(r.row, sysCol._key, r.key, '@');
      newKeys++;
      if (copy) {
        // A copied row is a new row: it must not update the row it was copied from.
        copies++;
        r.id = '';
        r.version = undefined;
        r.hash = '';
        r.sync = '';
        for (const k of ['_id', '_version', '_sync', '_hash'] as const) patch.set(r.row, sysCol[k], '', '@');
      }
    }
    seen.add(r.key);
    if (!r.id && profile) {
      for (const k of ['county', 'group'] as const) {
        const col = layout.fieldCol.get(k);
        const v = profile[k];
        if (col !== undefined && v && r.raw[k] === undefined) {
          r.raw[k] = v;
          patch.set(r.row, col, v, numberFormatOf(layout.ledger.fields.find((f) => f.key === k)!));
        }
      }
    }
  }

  return {
    ctx: scan.ctx, rows: scan.rows, valid, unchanged, errors, outgoing, newKeys, copies,
    kept, newMarks, unmarks, retexts,
  };
}
