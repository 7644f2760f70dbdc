// Cell text as clerks produce it: pasted from Word, WeChat or older sheets, typed with a
// Chinese input method left in full-width mode.

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

const HAS_FULL_WIDTH = /[\uff01-\uff5e\u3000]/;

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  // Most cells have nothing to convert; the regex says so faster than a loop in JavaScript.
  if (!HAS_FULL_WIDTH.test(s)) return s;
  // One string built from all the units at once: a full-width date or code is nothing but
  // converted characters, and a piece per character cost twice as long. In chunks, because
  // an argument list has a length limit (a client may send a megabyte).
  let out = '';
  for (let start = 0; start < s.length; start += FROM_CHAR_CODE_CHUNK) {
    const end = Math.min(s.length, start + FROM_CHAR_CODE_CHUNK);
    const units = new Array<number>(end - start);
    for (let i = start; i < end; i++) units[i - start] = halfWidthUnit(s.charCodeAt(i));
    out += String.fromCharCode.apply(null, units);
  }
  return out;
}

const FROM_CHAR_CODE_CHUNK = 8192;

function halfWidthUnit(c: number): number {
  if (c >= FULL_WIDTH_START && c <= FULL_WIDTH_END) return c - FULL_WIDTH_OFFSET;
  return c === IDEOGRAPHIC_SPACE ? 0x20 : c;
}

/**
 * Whether String.prototype.trim might strip this unit. Errs towards yes (everything from
 * U+007F to U+3000, which holds all of trim's whitespace but U+FEFF); what it lets through,
 * trim() judges exactly. No for ASCII text, CJK, full-width forms and surrogates.
 */
function mayBeWhitespace(c: number): boolean {
  return c <= 0x20 || (c >= 0x7f && c <= IDEOGRAPHIC_SPACE) || c === 0xfeff;
}

/** s.trim(), without the call when neither end can be whitespace: most cells. */
export function trimEnds(s: string): string {
  const n = s.length;
  if (n === 0 || (!mayBeWhitespace(s.charCodeAt(0)) && !mayBeWhitespace(s.charCodeAt(n - 1)))) return s;
  return s.trim();
}

/**
 * Half of a surrogate pair with no other half: no character, and nothing Firestore (or UTF-8)
 * can store. In Unicode mode `\p{Cs}` matches only such an unpaired half, never a whole pair.
 */
const LONE_SURROGATE = /\p{Cs}/u;

type MaybeWellFormed = string & { isWellFormed?: () => boolean };

/**
 * True when the text holds half of a surrogate pair. isWellFormed (ES2024) answers a one-byte
 * string at once and scans the rest natively; older webviews in Office fall back to the regex.
 */
export function hasLoneSurrogate(s: string): boolean {
  const w = s as MaybeWellFormed;
  return typeof w.isWellFormed === 'function' ? !w.isWellFormed() : LONE_SURROGATE.test(s);
}

/**
 * Length in characters as a clerk counts them (code points, so 𠀀 counts once), or -1 when
 * the text holds half of a surrogate pair (as hasLoneSurrogate): one pass for both, for text
 * whose length in units leaves its length in characters in doubt. Branch-free: in text with
 * rare characters a branch per unit guesses wrong too often (bench/ledger.bench.ts).
 */
export function textLength(s: string): number {
  const n = s.length;
  let highs = 0;
  let afterHigh = 0;
  let broken = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // 1 when c is a high (U+D800–DBFF) or a low (U+DC00–DFFF) half, else 0.
    const high = ((c ^ 0xd800) - 0x400) >>> 31;
    const low = ((c ^ 0xdc00) - 0x400) >>> 31;
    // After a high half there must be a low one, and nowhere else.
    broken |= afterHigh ^ low;
    highs += high;
    afterHigh = high;
  }
  return (broken | afterHigh) !== 0 ? -1 : n - highs;
}

const LONE_SURROGATES = /\p{Cs}/gu;

/** A short quotation of a raw value for an error message; never throws, whatever it gets. */
export function quote(raw: unknown, max = 30): string {
  let s: string;
  try {
    if (raw instanceof Date) s = Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
    else if (typeof raw === 'string') s = raw;
    else if (raw !== null && typeof raw === 'object') s = JSON.stringify(raw) ?? '';
    else s = String(raw);
  } catch {
    s = Object.prototype.toString.call(raw);
  }
  // Walk only as far as the cut (code points, as textLength counts them): the value may be a
  // megabyte a client sent, and splitting all of it for 30 characters took a quarter second.
  let end = 0;
  for (let n = 0; n < max && end < s.length; n++) {
    const c = s.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && end + 1 < s.length && (s.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  const cut = end < s.length ? `${s.slice(0, end)}…` : s;
  // Messages are stored (a push's answer is kept for replays): a broken character shows as �.
  return cut.replace(LONE_SURROGATES, '\ufffd');
}

/**
 * UTF-8 length of a string as it travels, without allocating (Chinese text is 3 bytes a
 * character, a surrogate pair one 4-byte character, a lone surrogate 3 as its replacement).
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
