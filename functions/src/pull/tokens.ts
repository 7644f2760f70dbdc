// Cursors and page tokens: opaque to clients, checked when they come back.
//
// A cursor is the read time of the snapshot a pull read (not the function's clock): every
// commit at or before it was visible to that pull, every later one has a later commit time
// (rows carry their commit time as updatedAt, a server timestamp). So "changed since the
// cursor" can neither miss a row committed while a pull ran nor depend on clock skew.

import { Timestamp } from 'firebase-admin/firestore';
import { z } from 'zod';
import { ROW_ID } from '@taizhang/ledger';
import { apiError, text } from '../messages';

// Firestore's range of timestamps (0001-01-01 to 9999-12-31): a token outside it would make
// the Timestamp constructor or the query throw, which the client would see as `internal`.
const MIN_SECONDS = -62_135_596_800;
const MAX_SECONDS = 253_402_300_799;
const time = z.object({ s: z.number().int().min(MIN_SECONDS).max(MAX_SECONDS), n: z.number().int().min(0).max(999_999_999) }).strict();
/** A row id (ROW_ID), the only thing a page may start after. */
const rowId = z.string().regex(ROW_ID);
type Time = z.infer<typeof time>;

const pageState = z
  .object({
    v: z.literal(1),
    /** The cursor this whole paged pull will answer with: the first page's read time. */
    cursor: time,
    filter: z.string().max(2000),
    since: time.optional(),
    afterId: rowId,
    /** In a since-pull, pages run in (updatedAt, id) order. */
    afterTime: time.optional(),
  })
  .strict()
  .refine((p) => (p.since === undefined) === (p.afterTime === undefined));
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
export const decodeCursor = (s: string): Timestamp => fromTime(decode(z.object({ c: time }).strict(), s).c);
export const encodePage = (p: PageState): string => encode(p);
export const decodePage = (s: string): PageState => decode(pageState, s);
