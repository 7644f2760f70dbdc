/**
 * Bytes of a value as JSON on the wire (UTF-8), as `utf8Length(JSON.stringify(value))` would
 * count them, without building the JSON: a read of 2,000 rows answers a 2-D array of tens of
 * thousands of cells, and metering each answer through one big string cost the simulator as
 * much time as the add-in's whole check of those rows. Arrays and primitives are counted here;
 * anything else (objects, dates) is stringified.
 */
import { utf8Length } from '@taizhang/ledger';

/** A string's JSON form: quotes, escapes (`\"`, `\n`, `\u0001`, lone surrogates as `\udXXX`), UTF-8. */
export function jsonStringBytes(s: string): number {
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 34 || c === 92) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** An array element: what has no JSON form (undefined, a function, a symbol) is written `null`. */
function elementBytes(v: unknown): number {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return 4;
  return jsonBytes(v);
}

export function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return jsonStringBytes(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (let i = 0; i < value.length; i++) n += elementBytes(value[i]);
    return n;
  }
  return utf8Length(JSON.stringify(value) ?? '');
}
