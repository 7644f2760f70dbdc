// Data a deployed project's older rows lack, filled in once when it takes a version that
// expects them. Idempotent and safe beside live traffic: run it before deploying the functions
// and once more after (rows the old instances wrote meanwhile).
//
// counties (every county a row has been in, for since-pulls that name rows which left a
// county): a row stored before the field existed gets its current county. arrayUnion, so a
// push that changes the row meanwhile loses nothing; updatedAt is left alone, so no pull sees
// the row as changed.
//
// The problems' kept statistics (docs/data-model.md#statistics): a row stored before them is
// counted, row by row beside live pushes (functions/src/stats/rebuild.ts); once every row is,
// getStats answers from them instead of reading the rows.

import { FieldPath, FieldValue, type Firestore } from 'firebase-admin/firestore';
import { LEDGER_NAMES, type LedgerName } from '@taizhang/ledger';
import { countOlderRows } from '../../../functions/src/stats/rebuild';

export interface MigrationReport {
  readonly ledger: LedgerName;
  /** Row documents looked at. */
  readonly rows: number;
  /** Of them, the ones given `counties`. */
  readonly migrated: number;
  /** Of them, the ones counted now in the kept statistics (the problems only). */
  readonly counted: number;
}

/** Rows read per query; each page's updates go in one batch (Firestore's limit is 500 writes). */
const PAGE = 500;

export async function migrateRows(db: Firestore, page = PAGE): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const ledger of LEDGER_NAMES) {
    let rows = 0;
    let migrated = 0;
    let after: string | undefined;
    for (;;) {
      let q = db.collection(ledger).orderBy(FieldPath.documentId()).select('values.county', 'counties').limit(page);
      if (after !== undefined) q = q.startAfter(after);
      const snap = await q.get();
      const batch = db.batch();
      let writes = 0;
      for (const doc of snap.docs) {
        const county = doc.get('values.county');
        if (doc.get('counties') !== undefined || typeof county !== 'string') continue;
        batch.update(doc.ref, { counties: FieldValue.arrayUnion(county) });
        writes++;
      }
      if (writes > 0) await batch.commit();
      rows += snap.size;
      migrated += writes;
      if (snap.size < page) break;
      after = snap.docs[snap.size - 1]!.id;
    }
    const counted = ledger === 'problems' ? (await countOlderRows(db, ledger)).counted : 0;
    reports.push({ ledger, rows, migrated, counted });
  }
  return reports;
}
