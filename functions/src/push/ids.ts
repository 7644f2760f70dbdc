// Numbers for new rows' ids (docs/ids.md).
//
// New rows' numbers are claimed per unit and key (requests/…/claims/n) in the transaction
// that takes them from the counter: a copy of the request, or the next round after a lost
// race, uses the numbers already claimed instead of taking new ones, so none is burnt.

import type { Firestore } from 'firebase-admin/firestore';
import { countyCode, formatRowId, idScope, type LedgerDef, type LedgerName } from '@taizhang/ledger';
import { paths } from '../store/paths';

export interface NewRow {
  /** The unit it belongs to. */
  readonly n: number;
  readonly key: string;
  readonly values: Record<string, unknown>;
}

/**
 * Ids for new rows, in one transaction: a row whose unit already claimed an id for its key
 * (in this county and year) gets that id again; the others take, for each county and year, a
 * block of as many numbers as they need (never a transaction per row), claimed at once.
 */
export async function allocateIds(db: Firestore, ledger: LedgerDef, uid: string, requestId: string, creates: readonly NewRow[]): Promise<string[]> {
  if (creates.length === 0) return [];
  const units = [...new Set(creates.map((r) => r.n))];
  const claimRefs = units.map((n) => paths.claim(db, uid, requestId, n));
  const ids: string[] = [];
  await db.runTransaction(async (tx) => {
    ids.length = 0;
    const claimSnaps = await tx.getAll(...claimRefs);
    const claimed = new Map(units.map((n, i) => [n, { ...((claimSnaps[i]!.get('ids') ?? {}) as Record<string, string>) }]));
    const blocks = new Map<string, { county: string; year: number; count: number; first: number }>();
    const scopeOf = creates.map((r) => {
      const s = idScope(ledger, r.values);
      const prefix = formatRowId(ledger, s.county, s.year, 0).slice(0, -6);
      const before = claimed.get(r.n)![r.key];
      if (before !== undefined && before.startsWith(prefix)) return { reuse: before };
      const g = `${s.county}|${s.year}`;
      const b = blocks.get(g) ?? { ...s, count: 0, first: 0 };
      b.count++;
      blocks.set(g, b);
      return { block: g };
    });
    const list = [...blocks.values()];
    const counterRefs = list.map((b) => paths.counter(db, ledger.name, countyCode(b.county)!, b.year));
    const counters = counterRefs.length > 0 ? await tx.getAll(...counterRefs) : [];
    list.forEach((b, i) => {
      b.first = (counters[i]!.get('next') as number | undefined) ?? 1;
      tx.set(counterRefs[i]!, { next: b.first + b.count, county: b.county, year: b.year, ledger: ledger.name });
    });
    const used = new Map<string, number>();
    creates.forEach((r, i) => {
      const s = scopeOf[i]!;
      if ('reuse' in s) return void ids.push(s.reuse!);
      const b = blocks.get(s.block!)!;
      const offset = used.get(s.block!) ?? 0;
      used.set(s.block!, offset + 1);
      const id = formatRowId(ledger, b.county, b.year, b.first + offset);
      claimed.get(r.n)![r.key] = id;
      ids.push(id);
    });
    if (list.length > 0) units.forEach((n, i) => tx.set(claimRefs[i]!, { ids: claimed.get(n) }));
  });
  return ids;
}

/** How many numbers a county's year has handed out to rows (a count for tests and checks). */
export async function idsHandedOut(db: Firestore, ledger: LedgerName, countyCodeOf: string, year: number): Promise<number> {
  const counter = await paths.counter(db, ledger, countyCodeOf, year).get();
  return ((counter.get('next') as number | undefined) ?? 1) - 1;
}
