// Where everything lives in Firestore (the data model is described in the README).
//
//   {ledger}/{id}                         a row: values, version, owner, timestamps
//   {ledger}/{id}/revisions/{version}     what one change did: who, when, request, fields old → new
//   {ledger}Keys/{key}                    row key → id, so a repeated create finds its row
//   counters/{ledger}-{county code}-{year}  next sequence number of that county and year
//   requests/{uid}-{requestId}/units/{n}  the answer to part n of a push, for exactly-once replay

import type { Firestore } from 'firebase-admin/firestore';
import type { LedgerName } from '@taizhang/ledger';

export const paths = {
  rows: (db: Firestore, ledger: LedgerName) => db.collection(ledger),
  row: (db: Firestore, ledger: LedgerName, id: string) => db.collection(ledger).doc(id),
  revision: (db: Firestore, ledger: LedgerName, id: string, version: number) =>
    db.collection(ledger).doc(id).collection('revisions').doc(String(version).padStart(6, '0')),
  key: (db: Firestore, ledger: LedgerName, key: string) => db.collection(`${ledger}Keys`).doc(key),
  counter: (db: Firestore, ledger: LedgerName, countyCode: string, year: number) =>
    db.collection('counters').doc(`${ledger}-${countyCode}-${year}`),
  request: (db: Firestore, uid: string, requestId: string) => db.collection('requests').doc(`${uid}-${requestId}`),
  unit: (db: Firestore, uid: string, requestId: string, n: number) =>
    db.collection('requests').doc(`${uid}-${requestId}`).collection('units').doc(String(n).padStart(3, '0')),
};
