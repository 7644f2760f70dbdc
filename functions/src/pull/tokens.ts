// Cursors and page tokens: opaque to clients, checked when they come back.
//
// A cursor is the read time of the snapshot a pull read (not the function's clock): every
// commit at or before it was visible to that pull, every later one has a later commit time
// (rows carry their commit time as updatedAt, a server timestamp). So "changed since the
// cursor" can neither miss a row committed while a pull ran nor depend on clock skew.

import { Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import { apiError, text } from '../messages';

const time = z.object({ s: z.number().int(), n: z.number().int().min(0).max(999_999_999) });
type Time = z.infer<typeof time>;

const pageState = z.object({
  v: z.literal(1),
  /** The cursor this whole paged pull will answer with: the first page's read time. */
  cursor: time,
  filter: z.string(),
  since: time.optional(),
  afterId: z.string(),
  /** In a since-pull, pages run in (updatedAt, id) order. */
  afterTime: time.optional(),
});
export type PageState = z.infer<typeof pageState>;

function encode(x: unknown): string {
  return Buffer.from(JSON.stringify(x)).toString('base64url');
}

function decode<T>(schema: z.ZodType<T>, token: string): T {
  try {
    return schema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw apiError('invalid-argument', text.badToken());
  }
}

export function toTime(t: Timestamp): Time {
  return { s: t.seconds, n: t.nanoseconds };
}

export function fromTime(t: Time): Timestamp {
  return new Timestamp(t.s, t.n);
}

export const encodeCursor = (t: Timestamp): string => encode({ c: toTime(t) });
export const decodeCursor = (s: string): Timestamp => fromTime(decode(z.object({ c: time }), s).c);
export const encodePage = (p: PageState): string => encode(p);
export const decodePage = (s: string): PageState => decode(pageState, s);
