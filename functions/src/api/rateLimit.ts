import type { DocumentReference, Firestore } from 'firebase-admin/firestore';

/** The counter of one account's calls in the minute that holds `at` (ms since the epoch). */
export function rateWindowRef(db: Firestore, uid: string, at: number): DocumentReference {
  return db.collection('rateLimits').doc(`${uid}-${Math.floor(at / 60_000)}`);
}
