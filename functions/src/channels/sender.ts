// The sender: takes due messages from the outbox and posts them to their robots.
//
// Exactly once, as far as a robot allows:
// - a message is taken (claimed) in a transaction that marks it `sending` under a lease and
//   counts the send in its channel's rate window; two senders never post the same message
//   while the lease holds;
// - delivered (errcode 0) → `sent`, never posted again;
// - the robot answered an error, or no answer came → `pending` again, due after a backoff of
//   1, 2, 4, 8 … minutes; after MAX_ATTEMPTS attempts `failed`, with the last error;
// - a sender that dies between its post and its record leaves the lease to expire, and the
//   message is posted again: the robots take no idempotency key, so this case (and a robot that
//   accepted a message but never answered) is the only way a group can see a message twice.
//   No message is ever lost.
//
// Rate: at most ROBOT_SENDS_PER_MINUTE posts to one robot in any 60 s (the platforms allow 20;
// DingTalk silences a robot for 10 minutes beyond that). A message over the limit waits until
// the oldest send of the window is a minute old.
//
// Logs name messages and channels by id only; errors are stored with every credential of the
// channel replaced (redactCredentials).

import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { redactCredentials } from '@taizhang/ledger';
import { answerError, fetchRobot, robotRequest, type RobotPost } from './robots';
import { channelPaths } from './paths';
import { toChannel, type StoredChannel } from './store';
import type { OutboxMessage } from './outbox';
import { expandEvents } from './outbox';

export const ROBOT_SENDS_PER_MINUTE = 18;
export const RATE_WINDOW_MS = 60_000;
export const MAX_ATTEMPTS = 5;
/** Longer than a post may take (ROBOT_TIMEOUT_MS) with room for recording it. */
export const LEASE_MS = 60_000;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 30 * 60_000;

export const backoffMs = (attempts: number): number => Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

export type Log = (event: string, fields: Record<string, string | number>) => void;

export interface SenderOptions {
  /** Epoch ms; tests pass a clock of their own. */
  readonly now?: () => number;
  readonly post?: RobotPost;
  /** Stop taking messages after this long (a scheduled run every minute). */
  readonly budgetMs?: number;
  /** Only these messages (`taizhang admin channels test`). */
  readonly only?: readonly string[];
  readonly log?: Log;
}

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  /** Left waiting for their robot's rate window. */
  deferred: number;
}

type Claim = { taken: true; message: OutboxMessage; channel: StoredChannel } | { taken: false; why: 'gone' | 'busy' | 'deferred' | 'no-channel' };

async function claim(db: Firestore, id: string, now: number): Promise<Claim> {
  return db.runTransaction(async (tx) => {
    const ref = channelPaths.message(db, id);
    const snap = await tx.get(ref);
    const m = snap.data() as OutboxMessage | undefined;
    if (!m || (m.status !== 'pending' && m.status !== 'sending') || m.dueAt === undefined || m.dueAt > now) return { taken: false, why: 'gone' };
    const cref = channelPaths.channel(db, m.channelId);
    const csnap = await tx.get(cref);
    if (!csnap.exists || csnap.get('active') !== true) {
      tx.update(ref, { status: 'failed', dueAt: FieldValue.delete(), lastError: '提醒渠道已删除或停用 / the channel was removed or deactivated' });
      return { taken: false, why: 'no-channel' };
    }
    const channel = toChannel(csnap.data()!);
    const window = channel.recentSends.filter((t) => t > now - RATE_WINDOW_MS && t <= now).sort((a, b) => a - b);
    if (window.length >= ROBOT_SENDS_PER_MINUTE) {
      tx.update(ref, { dueAt: window[window.length - ROBOT_SENDS_PER_MINUTE]! + RATE_WINDOW_MS });
      return { taken: false, why: 'deferred' };
    }
    // The lease: while dueAt is ahead, no other sender takes it; if this one dies, it is due again.
    tx.update(cref, { recentSends: [...window, now] });
    tx.update(ref, { status: 'sending', dueAt: now + LEASE_MS, attempts: m.attempts + 1 });
    return { taken: true, message: { ...m, attempts: m.attempts + 1 }, channel };
  });
}

/** Records the outcome of one post, unless the message was settled meanwhile. */
async function record(db: Firestore, m: OutboxMessage, error: string | undefined, now: number): Promise<'sent' | 'retried' | 'failed'> {
  const ref = channelPaths.message(db, m.id);
  return db.runTransaction(async (tx) => {
    const cur = (await tx.get(ref)).data() as OutboxMessage | undefined;
    if (!cur || cur.status === 'sent' || cur.status === 'failed') return cur?.status === 'failed' ? 'failed' : 'sent';
    if (error === undefined) {
      tx.update(ref, { status: 'sent', sentAt: now, dueAt: FieldValue.delete(), lastError: FieldValue.delete() });
      return 'sent';
    }
    if (m.attempts >= MAX_ATTEMPTS) {
      tx.update(ref, { status: 'failed', dueAt: FieldValue.delete(), lastError: error });
      return 'failed';
    }
    tx.update(ref, { status: 'pending', dueAt: now + backoffMs(m.attempts), lastError: error });
    return 'retried';
  });
}

/** Posts every due message (and fans out open 交办 / 退回 events first). */
export async function sendDueReminders(db: Firestore, opts: SenderOptions = {}): Promise<SendReport> {
  const now = opts.now ?? Date.now;
  const post = opts.post ?? fetchRobot;
  const log: Log = opts.log ?? (() => undefined);
  const started = Date.now();
  const report: SendReport = { sent: 0, retried: 0, failed: 0, deferred: 0 };
  if (!opts.only) await expandEvents(db, now());
  const seen = new Set<string>();
  for (;;) {
    if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) break;
    let ids: string[];
    if (opts.only) ids = opts.only.filter((id) => !seen.has(id));
    else {
      const snap = await channelPaths.outbox(db).where('dueAt', '<=', now()).orderBy('dueAt').limit(50).get();
      ids = snap.docs.map((d) => d.id).filter((id) => !seen.has(id));
    }
    if (ids.length === 0) break;
    for (const id of ids) {
      seen.add(id);
      const c = await claim(db, id, now());
      if (!c.taken) {
        if (c.why === 'deferred') report.deferred++;
        if (c.why === 'no-channel') {
          report.failed++;
          log('reminder failed', { message: id, reason: 'no channel' });
        }
        continue;
      }
      const at = now();
      const answer = await post(robotRequest(c.channel, c.message.title, c.message.text, at));
      const raw = answerError(answer);
      const error = raw === undefined ? undefined : redactCredentials(raw, c.channel);
      const outcome = await record(db, c.message, error, now());
      report[outcome]++;
      log(`reminder ${outcome}`, { message: id, channel: c.channel.id, attempt: c.message.attempts });
    }
  }
  return report;
}
