// Fresh row keys: random UUIDs (version 4), the form every client gives a new row.
//
// The random bytes are drawn for many keys at once, and each key is made as one plain
// string of its own: a first push gives each of 100,000 rows a key, and a UUID assembled
// piece by piece (as Node's randomUUID does) or cut out of a longer string is a string that
// every later use of the key (the write to the sheet, each read of it) goes through more
// slowly.

const BATCH = 2048;
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 0x2d;

/** A source of fresh row keys; each call answers a new random UUID. */
export function rowKeyMaker(): () => string {
  let bytes = new Uint8Array(0);
  let next = 0;
  const text = new Uint8Array(36);
  return () => {
    if (next === bytes.length) {
      bytes = globalThis.crypto.getRandomValues(new Uint8Array(16 * BATCH));
      next = 0;
    }
    let at = 0;
    for (let i = 0; i < 16; i++) {
      let b = bytes[next + i]!;
      if (i === 6) b = (b & 0x0f) | 0x40; // version 4
      if (i === 8) b = (b & 0x3f) | 0x80; // the RFC 4122 variant
      if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = DASH;
      text[at++] = HEX_CODES[b >> 4]!;
      text[at++] = HEX_CODES[b & 0x0f]!;
    }
    next += 16;
    return String.fromCharCode.apply(null, text as unknown as number[]);
  };
}
