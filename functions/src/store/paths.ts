// Where everything lives in Firestore (the data model is described in the README).
//
//   {ledger}/{id}                         a row: values, version, owner, timestamps
//   {ledger}/{id}/revisions/{version}     what one change did: who, when, request, fields old → new
//   {ledger}Keys/{uid}:{key}              row key → id, per account, so a repeated create finds
//                                          its row and a key never reaches another account's row
//   counters/{ledger}-{county code}-{year}  next sequence number of that county and year not yet leased
//   counters/{…}/shards/{k}               a lease of numbers [next, end) one shard of clerks draws from (push/ids.ts)
//   requests/{uid}-{requestId}/claims/{n} ids numbered for part n's new rows, by key: every copy
//                                          of a request uses the same numbers, so none is burnt
//   requests/{uid}-{requestId}/units/{n}  the answer to part n of a push, for exactly-once replay
//                                          (the request document records who pushed: uid,
//                                          role, county, group, at — the reporting cadence)
//   groups/{groupId}                      the work-group registry (ledger/src/groups.ts)
//   departments/{id}                      the registry of responsible departments (ledger/src/departments.ts)
//   enterprises/{creditCode}              the registry of enterprises (ledger/src/targets.ts)
//   villages/{id}                         the registry of villages: division code, or county-township-name
//   notices/{YYYY-MM-DD}                  the city-wide notice (通报) as of that day
//   notices/{YYYY-MM-DD}/counties/{county} the same notice for one county

import type { DocumentReference, Firestore } from 'firebase-admin/firestore';
import type { LedgerName, TargetKind } from '@taizhang/ledger';

export const paths = {
  rows: (db: Firestore, ledger: LedgerName) => db.collection(ledger),
  row: (db: Firestore, ledger: LedgerName, id: string) => db.collection(ledger).doc(id),
  revision: (db: Firestore, ledger: LedgerName, id: string, version: number) =>
    db.collection(ledger).doc(id).collection('revisions').doc(String(version).padStart(6, '0')),
  key: (db: Firestore, ledger: LedgerName, uid: string, key: string) => db.collection(`${ledger}Keys`).doc(`${uid}:${key}`),
  counter: (db: Firestore, ledger: LedgerName, countyCode: string, year: number) => db.collection('counters').doc(`${ledger}-${countyCode}-${year}`),
  counterShard: (counter: DocumentReference, shard: number) => counter.collection('shards').doc(String(shard)),
  request: (db: Firestore, uid: string, requestId: string) => db.collection('requests').doc(`${uid}-${requestId}`),
  unit: (db: Firestore, uid: string, requestId: string, n: number) =>
    db.collection('requests').doc(`${uid}-${requestId}`).collection('units').doc(String(n).padStart(3, '0')),
  claim: (db: Firestore, uid: string, requestId: string, n: number) =>
    db.collection('requests').doc(`${uid}-${requestId}`).collection('claims').doc(String(n).padStart(3, '0')),
  requests: (db: Firestore) => db.collection('requests'),
  groups: (db: Firestore) => db.collection('groups'),
  group: (db: Firestore, id: string) => db.collection('groups').doc(id),
  departments: (db: Firestore) => db.collection('departments'),
  department: (db: Firestore, id: string) => db.collection('departments').doc(id),
  targets: (db: Firestore, kind: TargetKind) => db.collection(kind),
  target: (db: Firestore, kind: TargetKind, id: string) => db.collection(kind).doc(id),
  notices: (db: Firestore) => db.collection('notices'),
  notice: (db: Firestore, date: string) => db.collection('notices').doc(date),
  countyNotice: (db: Firestore, date: string, county: string) => db.collection('notices').doc(date).collection('counties').doc(county),
};
