// The notice `taizhang notice` writes: the stored one of that day (what dailyNotice or
// generateNotice wrote), or, when there is none or --fresh is given, one computed now from
// the store, exactly as the functions compute it (@taizhang/functions/admin),
// without storing it.

import type { Firestore } from 'firebase-admin/firestore';
import { buildNotice, type Notice } from '@taizhang/ledger';
import { computeNotices, readNotice } from '@taizhang/functions/admin';

export interface FetchedNotice {
  readonly notice: Notice;
  /** 'stored': read from notices/…; 'computed': computed now, not stored. */
  readonly source: 'stored' | 'computed';
}

export async function fetchNotice(db: Firestore, date: string, opts: { county?: string; fresh?: boolean } = {}): Promise<FetchedNotice> {
  if (!opts.fresh) {
    const stored = await readNotice(db, date, opts.county);
    if (stored) return { notice: stored, source: 'stored' };
  }
  const set = await computeNotices(db, date);
  if (opts.county === undefined) return { notice: set.city, source: 'computed' };
  const county = set.counties.find((n) => n.county === opts.county);
  if (county) return { notice: county, source: 'computed' };
  // A county with no rows and no groups: its (empty) notice.
  return { notice: buildNotice(date, [], [], [], { county: opts.county, period: set.city.period }), source: 'computed' };
}
