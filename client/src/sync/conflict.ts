// A conflict, field by field: the clerk's values beside the server's current ones.

import type { CanonicalRow, CanonicalValue, CurrentRow, LedgerDef } from '@taizhang/ledger';

export interface FieldDiff {
  readonly field: string;
  readonly header: string;
  readonly en: string;
  readonly mine?: CanonicalValue;
  readonly theirs?: CanonicalValue;
}

export interface Conflict {
  readonly key: string;
  readonly id: string;
  /** Worksheet row number (1-based) when the push found it. */
  readonly row: number;
  readonly mine: CanonicalRow;
  readonly current: CurrentRow;
  /** Only the fields that differ, in the ledger's order. */
  readonly diff: FieldDiff[];
}

export function diffRows(ledger: LedgerDef, mine: CanonicalRow, theirs: CanonicalRow): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const f of ledger.fields) {
    const a = mine[f.key];
    const b = theirs[f.key];
    if (a !== b) out.push({ field: f.key, header: f.header, en: f.en, ...(a !== undefined && { mine: a }), ...(b !== undefined && { theirs: b }) });
  }
  return out;
}
