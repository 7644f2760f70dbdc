// The outbox (`outbox/{id}`): every message a channel is to receive, decided exactly once.
//
// A message's id says why it exists, so deciding it twice finds it there already:
//   digest-{date}-{channelId}        the daily digest of that day for that channel
//   event-{eventId}-{channelId}      a 交办 / 退回 for one of the department's channels
//   test-{channelId}-{ms}            `taizhang admin channels test`
// Every one is created with create(): a rerun of the daily job, a replayed push or a fan-out
// run twice adds nothing.
//
// An open message (pending, or sending under a lease) has `dueAt`, the epoch ms from which a
// sender may take it; a sent or failed one has none, so the senders' query
// (dueAt ≤ now, ordered by dueAt) sees open messages only, from a single-field index.

import { FieldValue, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { eventReminder, renderReminder, targetKey, type ProblemEvent, type Reminder } from '@taizhang/ledger';
import { alreadyExists, channelPaths } from './paths';
import { toChannel } from './store';

export type MessageKind = 'digest' | 'assigned' | 'returned' | 'test';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxMessage {
  readonly id: string;
  readonly channelId: string;
  readonly kind: MessageKind;
  readonly title: string;
  /** Markdown, within REMINDER_MAX_BYTES. */
  readonly text: string;
  readonly status: MessageStatus;
  readonly attempts: number;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly dueAt?: number;
  readonly sentAt?: number;
  readonly lastError?: string;
  readonly date?: string;
  readonly problemId?: string;
}

function newMessage(id: string, channelId: string, kind: MessageKind, r: Reminder, now: number, extra: Partial<OutboxMessage> = {}): OutboxMessage {
  return { id, channelId, kind, title: r.title, text: renderReminder(r), status: 'pending', attempts: 0, createdAt: now, dueAt: now, ...extra };
}

/** Creates the message unless one of that id exists; true when this call created it. */
export async function enqueueOnce(db: Firestore, m: OutboxMessage): Promise<boolean> {
  try {
    await channelPaths.message(db, m.id).create(m);
    return true;
  } catch (e) {
    if (alreadyExists(e)) return false;
    throw e;
  }
}

export const digestId = (date: string, channelId: string) => `digest-${date}-${channelId}`;

export function digestMessage(date: string, channelId: string, r: Reminder, now: number): OutboxMessage {
  return newMessage(digestId(date, channelId), channelId, 'digest', r, now, { date });
}

export function testMessage(channelId: string, label: string, now: number): OutboxMessage {
  const r: Reminder = {
    title: '测试消息',
    lines: [`本群已绑定台账提醒${label ? `（${label}）` : ''}，此后的每日提醒和交办、退回提醒将发送到本群。`],
    sections: [],
  };
  return newMessage(`test-${channelId}-${now}`, channelId, 'test', r, now);
}

// ---------------------------------------------------------------------------------------
// 交办 and 退回: decided in the commit that causes them

export const eventId = (e: ProblemEvent) => `${e.problemId}-v${e.version}`;

/**
 * Adds the event to the batch that commits the change causing it (the push path's unit), so
 * it exists exactly when the change does. `values` are the row's values as committed. The
 * id is the row's id and new version: a unit committed once decides its events once, and a
 * second commit of the same version is impossible (create() would fail it).
 */
export function enqueueProblemEventInBatch(batch: WriteBatch, db: Firestore, e: ProblemEvent, values: Readonly<Record<string, unknown>>): void {
  const r = eventReminder(e, values);
  batch.create(channelPaths.event(db, eventId(e)), {
    id: eventId(e),
    ...e,
    targetKey: targetKey({ kind: 'department', departmentId: e.departmentId }),
    title: r.title,
    text: renderReminder(r),
    open: true,
    createdAt: FieldValue.serverTimestamp(),
  });
}

/** One event fanned out: a message for each active channel of its department, in one transaction. */
async function expandEvent(db: Firestore, id: string, now: number): Promise<number> {
  return db.runTransaction(async (tx: Transaction) => {
    const ref = channelPaths.event(db, id);
    const snap = await tx.get(ref);
    if (!snap.exists || snap.get('open') !== true) return 0;
    const channels = await tx.get(channelPaths.channels(db).where('targetKey', '==', snap.get('targetKey')).where('active', '==', true));
    const kind = snap.get('kind') as MessageKind;
    const ids: string[] = [];
    for (const c of channels.docs.map((d) => toChannel(d.data()))) {
      const m: OutboxMessage = {
        id: `event-${id}-${c.id}`,
        channelId: c.id,
        kind,
        title: String(snap.get('title')),
        text: String(snap.get('text')),
        status: 'pending',
        attempts: 0,
        createdAt: now,
        dueAt: now,
        problemId: String(snap.get('problemId')),
      };
      tx.create(channelPaths.message(db, m.id), m);
      ids.push(c.id);
    }
    tx.update(ref, { open: false, expandedAt: now, channels: ids });
    return ids.length;
  });
}

/** Fans out every open event; returns how many messages that made. */
export async function expandEvents(db: Firestore, now: number): Promise<number> {
  let made = 0;
  for (;;) {
    const snap = await channelPaths.events(db).where('open', '==', true).limit(100).get();
    if (snap.empty) return made;
    for (const d of snap.docs) made += await expandEvent(db, d.id, now);
  }
}

/** The latest messages, newest first, for administrators (`taizhang admin channels outbox`). */
export async function listOutbox(db: Firestore, opts: { limit?: number; status?: MessageStatus; channelId?: string } = {}): Promise<OutboxMessage[]> {
  let q = channelPaths.outbox(db).orderBy('createdAt', 'desc');
  if (opts.status) q = channelPaths.outbox(db).where('status', '==', opts.status).orderBy('createdAt', 'desc');
  const snap = await q.limit(opts.channelId ? 1000 : (opts.limit ?? 50)).get();
  const all = snap.docs.map((d) => d.data() as OutboxMessage);
  return (opts.channelId ? all.filter((m) => m.channelId === opts.channelId) : all).slice(0, opts.limit ?? 50);
}
