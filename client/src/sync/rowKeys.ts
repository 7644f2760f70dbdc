// Fresh row keys: random UUIDs (version 4), the form every client gives a new row.
//
// Made many at a time from one draw of random bytes and cut from one string: a first check
// gives each of 100,000 rows a key, and a UUID assembled piece by piece (as Node's randomUUID
// does) is a string of pieces that every later look-up of the key (the set of keys seen, the
// write to the sheet) first has to copy into one.

const BATCH = 2048;

/** A source of fresh row keys; each call answers a new random UUID. */
export function rowKeyMaker(): () => string {
  let keys = '';
  let next = 0;
  let end = 0;
  return () => {
    if (next === end) {
      keys = uuids(BATCH);
      next = 0;
      end = keys.length;
    }
    const key = keys.slice(next, next + 36);
    next += 36;
    return key;
  };
}

const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 0x2d;
const ascii = new TextDecoder();

/** `n` random UUIDs, one after another in one string. */
function uuids(n: number): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16 * n));
  const text = new Uint8Array(36 * n);
  let at = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < 16; i++) {
      let b = bytes[16 * k + i]!;
      if (i === 6) b = (b & 0x0f) | 0x40; // version 4
      if (i === 8) b = (b & 0x3f) | 0x80; // the RFC 4122 variant
      if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = DASH;
      text[at++] = HEX_CODES[b >> 4]!;
      text[at++] = HEX_CODES[b & 0x0f]!;
    }
  }
  return ascii.decode(text);
}
