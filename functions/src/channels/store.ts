// Channels (`channels/{id}`): bind, list, remove. Read without anything of the callable
// runtime, so the administrators' CLI uses the same code. Callers outside the server see a
// channel only as a ChannelView (masked address, no secret).

import { randomBytes } from 'node:crypto';
import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import {
  CHANNEL_ID,
  channelView,
  checkSecret,
  checkWebhook,
  isPlatform,
  targetKey,
  type Bilingual,
  type ChannelRecord,
  type ChannelTarget,
  type ChannelView,
  type Platform,
} from '@taizhang/ledger';
import { channelPaths } from './paths';

export class ChannelError extends Error {
  constructor(readonly text: Bilingual) {
    super(`${text.zh} / ${text.en}`);
  }
}

/** A stored channel with its rate window (epoch ms of its recent sends). */
export interface StoredChannel extends ChannelRecord {
  readonly recentSends: readonly number[];
}

export function toChannel(d: DocumentData): StoredChannel {
  return {
    id: String(d.id),
    platform: d.platform as Platform,
    target: d.target as ChannelTarget,
    label: String(d.label ?? ''),
    webhook: String(d.webhook),
    ...(typeof d.secret === 'string' && d.secret !== '' && { secret: d.secret }),
    active: d.active === true,
    recentSends: Array.isArray(d.recentSends) ? d.recentSends.filter((x: unknown) => typeof x === 'number') : [],
  };
}

export interface NewChannel {
  readonly platform: string;
  readonly target: ChannelTarget;
  readonly label?: string;
  readonly webhook: string;
  readonly secret?: string;
}

/** Binds a robot; `allowLoopback` only on the emulators (see ledger/src/channels.ts). */
export async function addChannel(db: Firestore, c: NewChannel, allowLoopback: boolean, now = Date.now()): Promise<ChannelView> {
  if (!isPlatform(c.platform)) throw new ChannelError({ zh: '平台须为 wecom（企业微信）或 dingtalk（钉钉）', en: 'The platform must be wecom or dingtalk' });
  const checked = checkWebhook(c.platform, c.webhook, allowLoopback);
  if (!checked.ok) throw new ChannelError(checked.error);
  const secret = c.secret?.trim() ?? '';
  if (secret !== '') {
    const bad = checkSecret(c.platform, secret);
    if (bad) throw new ChannelError(bad);
  }
  const id = `ch-${randomBytes(5).toString('hex')}`;
  const record: ChannelRecord = {
    id,
    platform: c.platform,
    target: c.target,
    label: (c.label ?? '').trim().slice(0, 60),
    webhook: checked.webhook,
    ...(secret !== '' && { secret }),
    active: true,
  };
  await channelPaths.channel(db, id).create({ ...record, targetKey: targetKey(c.target), createdAt: now, recentSends: [] });
  return channelView(record);
}

export async function getChannel(db: Firestore, id: string): Promise<StoredChannel | undefined> {
  if (!CHANNEL_ID.test(id)) return undefined;
  const snap = await channelPaths.channel(db, id).get();
  return snap.exists ? toChannel(snap.data()!) : undefined;
}

/** Every channel, as people may see it. */
export async function listChannels(db: Firestore): Promise<ChannelView[]> {
  const snap = await channelPaths.channels(db).get();
  return snap.docs.map((d) => channelView(toChannel(d.data()))).sort((a, b) => a.id.localeCompare(b.id));
}

/** The active channels (credentials included: server-side use only). */
export async function activeChannels(db: Firestore): Promise<StoredChannel[]> {
  const snap = await channelPaths.channels(db).where('active', '==', true).get();
  return snap.docs.map((d) => toChannel(d.data())).sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * Removes a channel. Its messages not yet sent are then recorded as failed by the sender
 * (their channel is gone); the sent ones stay in the outbox as the record.
 */
export async function removeChannel(db: Firestore, id: string): Promise<ChannelView> {
  const c = await getChannel(db, id);
  if (!c) throw new ChannelError({ zh: `没有编号为「${id}」的提醒渠道`, en: `No channel has the id "${id}"` });
  await channelPaths.channel(db, id).delete();
  return channelView(c);
}
