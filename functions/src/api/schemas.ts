// Request shapes of the callables (docs/api.md), as zod schemas. A request that does not fit is
// answered `invalid-argument` with the first problem named, and nothing is written.

import { z } from 'zod';
import { COUNTY_LABELS, GROUP_BY, LEDGER_NAMES, ROW_ID, TARGET_TYPES, type LedgerName } from '@taizhang/ledger';
import { apiError, text } from '../messages';

export const MAX_PUSH_ROWS = 500;
export const MAX_PUSH_BYTES = 4 * 1024 * 1024;
export const MAX_PAGE_SIZE = 5000;
export const DEFAULT_PAGE_SIZE = 1000;

/** Row keys become document ids: a safe, bounded alphabet (UUIDs fit). */
export const ROW_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;

const ledger = z.enum(LEDGER_NAMES as [LedgerName, ...LedgerName[]]);

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

// Values are checked by the ledger core, cell by cell; here only "is it an object". The object
// itself is passed on untouched (no copy through which a __proto__ key could act).
const values = z.custom<Record<string, unknown>>(isPlainObject, { message: 'values must be an object' });

const pushRow = z
  .object({
    key: z.string().regex(ROW_KEY, 'key must be 1–128 letters, digits, - or _'),
    id: z.string().regex(ROW_ID, 'id must look like P-140702-2022-000017').optional(),
    baseVersion: z.number().int().min(1).optional(),
    values: values.optional(),
    withdraw: z.boolean().optional(),
  })
  .refine((r) => (r.id === undefined) === (r.baseVersion === undefined), 'id and baseVersion go together')
  .refine((r) => !r.withdraw || r.id !== undefined, 'withdraw needs id and baseVersion');

export const pushRequestSchema = z.object({
  ledger,
  requestId: z.string().regex(REQUEST_ID, 'requestId must be 8–128 letters, digits, - or _ (a UUID)'),
  rows: z.array(pushRow).max(MAX_PUSH_ROWS),
});

const filterValue = z.string().min(1).max(200);
export const filterSchema = z
  .object({
    county: filterValue,
    sector: filterValue,
    status: filterValue,
    level: filterValue,
    group: filterValue,
    category: filterValue,
    targetType: filterValue,
    department: filterValue,
  })
  .partial()
  .strict();

export const pullRequestSchema = z.object({
  ledger,
  filter: filterSchema.optional(),
  since: z.string().min(1).max(500).optional(),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  pageToken: z.string().min(1).max(2000).optional(),
});

export const statsRequestSchema = z.object({
  ledger,
  groupBy: z.enum(GROUP_BY),
  filter: filterSchema.optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'asOf must be YYYY-MM-DD')
    .optional(),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');

export const MAX_NOTICES = 366;
export const DEFAULT_NOTICES = 30;

export const listNoticesRequestSchema = z
  .object({
    limit: z.number().int().min(1).max(MAX_NOTICES).optional(),
  })
  .strict();

export const noticeRequestSchema = z.object({ date: day }).strict();

export const inboxRequestSchema = z.object({ asOf: day.optional() }).strict();

export const historyRequestSchema = z
  .object({
    ledger,
    id: z.string().regex(ROW_ID, 'id must look like P-140702-2022-000017'),
  })
  .strict();

const targetType = z.enum(TARGET_TYPES);
const county = z.enum(COUNTY_LABELS as [string, ...string[]]);

export const lookupTargetsRequestSchema = z
  .object({
    targetType,
    query: z.string().min(1).max(100),
    county: county.optional(),
  })
  .strict();

export const listTargetsRequestSchema = z
  .object({
    targetType,
    county,
    pageToken: z.string().min(1).max(400).optional(),
  })
  .strict();

const problemId = z.string().regex(ROW_ID, 'id must look like P-140702-2022-000017');
/** Only problems are reported twice: the visits have no duplicates to decide. */
const problemsLedger = z.literal('problems');

export const markDuplicateRequestSchema = z.object({ ledger: problemsLedger, id: problemId, of: problemId }).strict();
export const unmarkDuplicateRequestSchema = z.object({ ledger: problemsLedger, id: problemId }).strict();
export const dismissDuplicateRequestSchema = markDuplicateRequestSchema;

/** Parse a request or throw `invalid-argument` naming the first problem. */
export function parseRequest<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw apiError('invalid-argument', text.badRequest(`${where}${issue.message}`));
}

/** The size and count limits of pushRows, checked before anything else. */
export function checkPushLimits(data: unknown): void {
  const rows = isPlainObject(data) ? data.rows : undefined;
  if (Array.isArray(rows) && rows.length > MAX_PUSH_ROWS) {
    throw apiError('invalid-argument', text.tooManyRows(rows.length, MAX_PUSH_ROWS));
  }
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(data) ?? '');
  } catch {
    throw apiError('invalid-argument', text.badRequest('not JSON'));
  }
  if (bytes > MAX_PUSH_BYTES) throw apiError('invalid-argument', text.tooLarge(bytes, MAX_PUSH_BYTES));
}

export function checkUniqueKeys(rows: readonly { key: string }[]): void {
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.key)) throw apiError('invalid-argument', text.duplicateKey(r.key));
    seen.add(r.key);
  }
}
