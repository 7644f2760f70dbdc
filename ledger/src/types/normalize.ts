// Cell text as clerks produce it: pasted from Word, WeChat or older sheets, typed with a
// Chinese input method left in full-width mode.

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let mapped = -1;
    if (c >= FULL_WIDTH_START && c <= FULL_WIDTH_END) mapped = c - FULL_WIDTH_OFFSET;
    else if (c === IDEOGRAPHIC_SPACE) mapped = 0x20;
    if (mapped >= 0) {
      out += s.slice(start, i) + String.fromCharCode(mapped);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/** Length in characters as a clerk counts them (code points, so 𠀀 counts once). */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

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
  return charLength(s) > max ? `${Array.from(s).slice(0, max).join('')}…` : s;
}
