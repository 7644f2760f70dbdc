// A short, stable fingerprint of a row's canonical values (cyrb53: fast, no crypto needed,
// collisions far too rare to matter for "has this row changed since it was synced"): the
// hash of the JSON of the values in the ledger's field order. A check after a push
// fingerprints every row of the sheet, so the JSON is hashed piece by piece as it would be
// written, never built whole.

import type { CanonicalRow, LedgerDef } from '@taizhang/ledger';

/** What JSON writes otherwise than as it is: quotes, backslashes, control characters, surrogates. */
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

const mix1 = (h: number, ch: number) => Math.imul(h ^ ch, 2654435761);
const mix2 = (h: number, ch: number) => Math.imul(h ^ ch, 1597334677);

/** In the ledger's field order, so key order in the object never matters. */
export function fingerprint(ledger: LedgerDef, values: CanonicalRow): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const fields = ledger.fields;
  for (let f = 0; f < fields.length; f++) {
    const open = f === 0 ? 91 : 44; // [ or ,
    h1 = mix1(h1, open);
    h2 = mix2(h2, open);
    const v: unknown = values[fields[f]!.key];
    // Most text is written as it is, between quotes: hashed in place, quotes apart.
    const plain = typeof v === 'string' && !ESCAPED_IN_JSON.test(v);
    const text = plain ? (v as string) : v === undefined ? 'null' : (JSON.stringify(v) ?? 'null');
    if (plain) {
      h1 = mix1(h1, 34);
      h2 = mix2(h2, 34);
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = mix1(h1, ch);
      h2 = mix2(h2, ch);
    }
    if (plain) {
      h1 = mix1(h1, 34);
      h2 = mix2(h2, 34);
    }
  }
  h1 = mix1(h1, 93); // ]
  h2 = mix2(h2, 93);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return base36(4294967296 * (2097151 & h2) + (h1 >>> 0));
}

/** `n.toString(36)` of a whole number below 2^53, without the engine's path for fractions in any radix (ten times slower). */
function base36(n: number): string {
  let out = '';
  do {
    const d = n % 36;
    out = DIGITS[d] + out;
    n = (n - d) / 36;
  } while (n > 0);
  return out;
}

export function sameValues(ledger: LedgerDef, a: CanonicalRow, b: CanonicalRow): boolean {
  return ledger.fields.every((f) => a[f.key] === b[f.key]);
}
