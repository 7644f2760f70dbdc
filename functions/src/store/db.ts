// firebase-admin, initialised on first use rather than at import (so loading the functions,
// and the tests that import modules, has no side effects).

import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

let db: Firestore | undefined;

export function firestore(): Firestore {
  if (!db) {
    // The default app: a process that also holds named apps (a test, the CLI) keeps them apart.
    const app = getApps().find((a) => a.name === '[DEFAULT]') ?? initializeApp();
    db = getFirestore(app);
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}
