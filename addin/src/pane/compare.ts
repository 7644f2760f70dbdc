// Two problems side by side for a coordinator deciding whether one repeats the other: each
// problem's fields as they stand now (rebuilt from its revisions, which every reader of the
// row may read), and which fields differ.

import { LEDGERS, type CanonicalRow, type Revision } from '@taizhang/ledger';

/** The row's values after its last revision. */
export function rowFromHistory(revisions: readonly Revision[]): CanonicalRow {
  const row: Record<string, unknown> = {};
  for (const r of revisions) {
    for (const c of r.changes) {
      if (c.new === undefined) delete row[c.field];
      else row[c.field] = c.new;
    }
  }
  return row as CanonicalRow;
}

export interface ComparedField {
  readonly field: string;
  readonly header: string;
  readonly en: string;
  readonly mine: string;
  readonly theirs: string;
  readonly differs: boolean;
}

function shown(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** Every field of the problems ledger either row has, in the ledger's order. */
export function compareRows(mine: CanonicalRow, theirs: CanonicalRow): ComparedField[] {
  return LEDGERS.problems.fields
    .filter((f) => shown(mine[f.key]) !== '' || shown(theirs[f.key]) !== '')
    .map((f) => {
      const a = shown(mine[f.key]);
      const b = shown(theirs[f.key]);
      return { field: f.key, header: f.header, en: f.en, mine: a, theirs: b, differs: a !== b };
    });
}
