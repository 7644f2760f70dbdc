// Unified social credit code, GB 32100-2015: 18 characters, the last a check character.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Character code → value in ALPHABET (0 for characters outside it), for the check sum. */
const VALUE = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const SHAPE = /^[0-9A-HJ-NP-RT-UW-Y]{18}$/;

export type CreditCodeParse = { ok: true; value: string } | { ok: false; code: 'format' | 'checksum' };

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  // By character code, not by one-character string and map: this runs on every code read.
  for (let i = 0; i < 17; i++) sum += (VALUE[first17.charCodeAt(i)] ?? 0) * WEIGHTS[i]!;
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check]!;
}

/** `text` is already half-width and trimmed; spaces inside are tolerated, case is not kept. */
export function parseCreditCode(text: string): CreditCodeParse {
  const code = text.replace(/\s+/g, '').toUpperCase();
  if (!SHAPE.test(code)) return { ok: false, code: 'format' };
  if (creditCodeCheckChar(code) !== code[17]) return { ok: false, code: 'checksum' };
  return { ok: true, value: code };
}
