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
  // One byte a character and the quotes, plus what a character weighs beyond that.
  let n = s.length + 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      if (c < 0x800) n += 1;
      else if (c < 0xd800 || c > 0xdfff) n += 2;
      else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 2; // a pair: 4 bytes for its two characters
        i++;
      } else n += 5; // a lone surrogate: \udXXX
    } else if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 1 : 5;
    else if (c === 34 || c === 92) n += 1;
  }
  return n;
}

/** A primitive or anything else; what has no JSON form in an array (undefined, a function, a symbol) is written `null`. */
function otherBytes(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).length : 4;
  if (typeof v === 'boolean') return v ? 4 : 5;
  if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') return 4;
  return utf8Length(JSON.stringify(v) ?? '');
}

export function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return jsonStringBytes(value);
  if (!Array.isArray(value)) return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? 0 : otherBytes(value);
  // Grids of cells are most of what is metered: strings and rows counted without a detour.
  let n = value.length === 0 ? 2 : value.length + 1;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    n += typeof v === 'string' ? jsonStringBytes(v) : Array.isArray(v) ? jsonBytes(v) : otherBytes(v);
  }
  return n;
}

/**
 * Whether an array is a grid of cells (strings, numbers, booleans, null, undefined, and arrays
 * of them, none with a `toJSON`): nothing in it is a client object to be replaced on its way
 * through JSON, so JSON's own fast path can carry it.
 */
export function isPlainGrid(value: readonly unknown[]): boolean {
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') continue;
    if (!Array.isArray(v) || !isPlainGrid(v)) return false;
  }
  return true;
}
