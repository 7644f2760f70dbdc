// firebase-admin, initialised on first use rather than at import (so loading the functions,
// and the tests that import modules, has no side effects).

import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

let db: Firestore | undefined;

/** The default app: a process that also holds named apps (a test, the CLI) keeps them apart. */
export function adminApp(): App {
  return getApps().find((a) => a.name === '[DEFAULT]') ?? initializeApp();
}

export function firestore(): Firestore {
  if (!db) {
    db = getFirestore(adminApp());
    db.settings({ ignoreUndefinedProperties: true });
  }
  return db;
}
