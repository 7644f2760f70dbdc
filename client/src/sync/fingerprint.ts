// A short, stable fingerprint of a row's canonical values (cyrb53: fast, no crypto needed,
// collisions far too rare to matter for "has this row changed since it was synced").

import type { CanonicalRow, LedgerDef } from '@taizhang/ledger';

function cyrb53(str: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** In the ledger's field order, so key order in the object never matters. */
export function fingerprint(ledger: LedgerDef, values: CanonicalRow): string {
  const parts: unknown[] = [];
  for (const f of ledger.fields) parts.push(values[f.key] ?? null);
  return cyrb53(JSON.stringify(parts));
}

export function sameValues(ledger: LedgerDef, a: CanonicalRow, b: CanonicalRow): boolean {
  return ledger.fields.every((f) => a[f.key] === b[f.key]);
}
