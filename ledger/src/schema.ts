// zod schemas of canonical rows, derived from the declarations. They check the shape of a
// stored or already-canonical row (types, bounds, options); the full judgement of a row,
// with its cross-field rules and messages, is parseRow's.

import { z } from 'zod';
import type { FieldType, LedgerDef } from './fields';
import { CANONICAL_DATE } from './types/date';

export const CANONICAL_PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-\d{7,8})$/;
export const CANONICAL_CREDIT_CODE = /^[0-9A-HJ-NP-RT-UW-Y]{18}$/;

function fieldSchema(t: FieldType): z.ZodType {
  switch (t.kind) {
    case 'text':
      return z
        .string()
        .min(t.min ?? 1)
        .max(t.max);
    case 'enum':
      return z.enum(t.options as [string, ...string[]]);
    case 'date':
      return z.string().regex(CANONICAL_DATE);
    case 'int':
      return z.number().int().min(t.min).max(t.max);
    case 'phone':
      return z.string().regex(CANONICAL_PHONE);
    case 'creditCode':
      return z.string().regex(CANONICAL_CREDIT_CODE);
  }
}

const cache = new WeakMap<LedgerDef, z.ZodType<Record<string, string | number>>>();

export function canonicalSchema(ledger: LedgerDef): z.ZodType<Record<string, string | number>> {
  let s = cache.get(ledger);
  if (!s) {
    const shape: Record<string, z.ZodType> = {};
    for (const f of ledger.fields) {
      const base = fieldSchema(f.type);
      shape[f.key] = f.required === true ? base : base.optional();
    }
    s = z.strictObject(shape) as unknown as z.ZodType<Record<string, string | number>>;
    cache.set(ledger, s);
  }
  return s;
}
