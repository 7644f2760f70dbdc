// The shared first half of check and push: read the sheet in chunks and hand each chunk to
// the sync core's planner (keys, copies, county and group, parsing, 有错误, what goes), write
// its cell writes back with the next read, and plan the marks: the Excel side of a check,
// fills and comments on the wrong cells.

import { PushPlanner, rowKeyMaker, type CellWrite, type PushPlan } from '@taizhang/client';
import { todayInShanghai, type FieldError, type LedgerName } from '@taizhang/ledger';
import { loadFill } from '../excel/marks';
import type { CellPatch } from '../excel/cells';
import type { Pending, Session } from '../excel/session';
import { DEFAULT_CHUNK_ROWS, MAX_MARKED_CELLS, type FlowOptions } from './options';
import { scanSheet, type ScanContext } from './scan';
import type { Mark } from './state';

export type { CellError, Outgoing, RowErrors } from '@taizhang/client';

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
  readonly plan: PushPlan;
  /** Marks of this sheet that stay as they are (or only get a new message). */
  readonly kept: Mark[];
  readonly newMarks: NewMark[];
  readonly unmarks: Unmark[];
  readonly retexts: { row: number; col: number; text: string; mark: Mark }[];
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

/** The core's cell writes on the Excel layer's patch (its rows are 0-based). */
export function patchWrites(patch: CellPatch, writes: readonly CellWrite[]): void {
  for (const w of writes) patch.set(w.row - 1, w.col, w.value, w.numFmt);
}

/** `keyEveryRow`: false for a check, which keys only the rows it marks (docs/sheet-layout.md#a-check). */
export async function inspectSheet(s: Session, sheet: string, o: FlowOptions & { ledger?: LedgerName; keyEveryRow?: boolean }): Promise<Inspection> {
  const kept: Mark[] = [];
  const newMarks: NewMark[] = [];
  const unmarks: Unmark[] = [];
  const retexts: Inspection['retexts'] = [];
  let planner: PushPlanner | undefined;
  let written = 0;
  let marksByKey: Map<string, Map<string, Mark>> | undefined;

  const scan = await scanSheet(s, sheet, { ...o, chunkRows: o.chunkRows ?? DEFAULT_CHUNK_ROWS }, (rows, ctx) => {
    const { layout, patch } = ctx;
    if (!planner) {
      planner = new PushPlanner(layout, {
        today: o.today ?? todayInShanghai(),
        newKey: o.newKey ?? rowKeyMaker(),
        ...(o.profile && { profile: o.profile }),
        ...(o.registry && { registry: o.registry }),
        ...(o.keyEveryRow === false && { keyEveryRow: false }),
      });
      marksByKey = new Map();
      for (const m of ctx.state.marks) {
        if (m.sheet !== sheet) continue;
        let byField = marksByKey.get(m.key);
        if (!byField) marksByKey.set(m.key, (byField = new Map()));
        byField.set(m.field, m);
      }
    }
    const planned = planner.take(rows);
    const writes = planner.plan().writes;
    patchWrites(patch, writes.slice(written));
    written = writes.length;
    for (const r of planned) {
      const row = r.row - 1;
      const prev = marksByKey!.get(r.key);
      if (prev === undefined && r.errors.length === 0) continue;
      marksByKey!.delete(r.key);
      const byField = new Map<string, FieldError[]>();
      for (const e of r.errors) {
        const list = byField.get(e.field);
        if (list) list.push(e);
        else byField.set(e.field, [e]);
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
          if (old.digest !== d) retexts.push({ row, col, text, mark: old });
        } else if (kept.length + newMarks.length < MAX_MARKED_CELLS) {
          newMarks.push({ row, col, key: r.key, field, text, digest: d, fill: loadFill(s, sheet, row, col) });
        }
      }
      for (const [field, mark] of prev ?? []) {
        if (byField.has(field)) continue;
        const col = layout.fieldCol.get(field);
        if (col !== undefined) unmarks.push({ row, col, mark, fill: loadFill(s, sheet, row, col) });
      }
    }
    const p = planner.plan();
    o.onProgress?.(p.rows, p.rows, 'check');
  });

  return { ctx: scan.ctx, plan: planner!.plan(), kept, newMarks, unmarks, retexts };
}
