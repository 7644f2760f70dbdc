// Where the reminders live in Firestore (the security rules deny every client; only the
// functions and the administrators' CLI, through firebase-admin, read them):
//
//   channels/{channelId}        a robot bound to a target: platform, target, label, webhook and
//                               secret (credentials), active, recentSends (its rate window)
//   outbox/{messageId}          one message to one channel: text, status, attempts, dueAt
//   reminderEvents/{eventId}    a 交办 / 退回 decided in the commit that caused it, before it is
//                               fanned out to the department's channels

import type { Firestore } from 'firebase-admin/firestore';

export const channelPaths = {
  channels: (db: Firestore) => db.collection('channels'),
  channel: (db: Firestore, id: string) => db.collection('channels').doc(id),
  outbox: (db: Firestore) => db.collection('outbox'),
  message: (db: Firestore, id: string) => db.collection('outbox').doc(id),
  events: (db: Firestore) => db.collection('reminderEvents'),
  event: (db: Firestore, id: string) => db.collection('reminderEvents').doc(id),
};

/** Firestore's ALREADY_EXISTS: a create() whose document is there already. */
export const alreadyExists = (e: unknown): boolean => (e as { code?: number | string }).code === 6 || (e as { code?: string }).code === 'already-exists';
