// Dates as spreadsheets hold them: Excel serial numbers (1900 or 1904 system), text in the
// forms clerks type, timestamps, or Date objects from a library. Canonical: YYYY-MM-DD.

const MS_PER_DAY = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 system (which counts the nonexistent 1900-02-29 as 60). */
const UNIX_EPOCH_SERIAL_1900 = 25569;
/** The 1904 system counts from 1904-01-01 = 0, which is 1462 days after the 1900 system's day 0. */
const DATE1904_OFFSET = 1462;
/** 9999-12-31, Excel's last date. */
const MAX_SERIAL_1900 = 2958465;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export type DateParse = { ok: true; value: string } | { ok: false };

const FAIL: DateParse = { ok: false };

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function spellDay(y: number, m: number, d: number): string {
  // Four-digit years even before 1000, so that every date the parser returns is canonical.
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(m)}-${pad2(d)}`;
}

/** The years whose days are spelt once and then shared (a sheet repeats its days). */
const SHARED_FROM = 1900;
const SHARED_YEARS = 200;
const sharedDays = new Array<string | undefined>(SHARED_YEARS * 12 * 31).fill(undefined);

/**
 * YYYY-MM-DD. Each day of 1900–2099 is spelt once and the string shared: 100,000 rows hold
 * three dates each, and one string per day rather than per cell is less to build and to keep.
 */
function ymd(y: number, m: number, d: number): string {
  if (y < SHARED_FROM || y >= SHARED_FROM + SHARED_YEARS) return spellDay(y, m, d);
  return (sharedDays[((y - SHARED_FROM) * 12 + m - 1) * 31 + d - 1] ??= spellDay(y, m, d));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The proleptic Gregorian calendar, as JavaScript's Date and Excel (after 1900-02-28) count. */
function isValidDay(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** Digit at position i of s (0–9), or -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Where readNumericDate leaves the date it read; reused, so that reading allocates nothing. */
const read = { y: 0, m: 0, d: 0 };

/**
 * A numeric date at the start of `s` (2022-03-24, 2022-3-24, 2022/3/24, 2022.3.24: the same
 * separator twice) into `read`; the index after its day, or -1. Not checked to be a real day.
 */
function readNumericDate(s: string): number {
  if (s.length < 8) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = digitAt(s, i);
    if (c < 0) return -1;
    y = y * 10 + c;
  }
  const sep = s.charCodeAt(4);
  if (sep !== 45 && sep !== 47 && sep !== 46) return -1; // - / .
  let i = 5;
  let m = digitAt(s, i++);
  if (m < 0) return -1;
  if (s.charCodeAt(i) !== sep) {
    const c = digitAt(s, i++);
    if (c < 0) return -1;
    m = m * 10 + c;
  }
  if (s.charCodeAt(i++) !== sep) return -1;
  let d = digitAt(s, i++);
  if (d < 0) return -1;
  const c = digitAt(s, i);
  if (c >= 0) {
    d = d * 10 + c;
    i++;
  }
  read.y = y;
  read.m = m;
  read.d = d;
  return i;
}

/**
 * The plain numeric forms, 2022-03-24, 2022-3-24, 2022/3/24 and 2022.3.24 (the same separator
 * twice, nothing around them): most dates clerks type, and every canonical one, read without
 * the general pattern. undefined when `s` has another form or names no day; parseDateText
 * then has the last word.
 */
export function parseNumericDate(s: string): string | undefined {
  const n = s.length;
  if (n > 10 || readNumericDate(s) !== n) return undefined;
  const { y, m, d } = read;
  if (!isValidDay(y, m, d)) return undefined;
  // Already canonical: the same string, not a copy.
  return n === 10 && s.charCodeAt(4) === 45 ? s : ymd(y, m, d);
}

/**
 * Days since 1970-01-01 → YYYY-MM-DD, by arithmetic (H. Hinnant's civil_from_days) rather
 * than a Date per cell; undefined outside years 1–9999, which have no canonical form.
 */
function civilDate(days: number): string | undefined {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y >= 1 && y <= 9999 ? ymd(y, m, d) : undefined;
}

/** YYYY, M, D → days since 1970-01-01 (H. Hinnant's days_from_civil), the inverse of civilDate. */
function civilDays(year: number, m: number, d: number): number {
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function ok(value: string | undefined): DateParse {
  return value === undefined ? FAIL : { ok: true, value };
}

function fromUtcMs(ms: number): string {
  const t = new Date(ms);
  return ymd(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Excel serial → date. In the 1900 system, serial 60 is the 1900-02-29 Lotus invented and
 * serial 0 is "1900-01-00": neither is a day, so both fail. A time of day is dropped.
 */
export function serialToDate(serial: number, date1904 = false): DateParse {
  if (!Number.isFinite(serial)) return FAIL;
  const day = Math.floor(serial);
  if (date1904) {
    if (day < 0 || day + DATE1904_OFFSET > MAX_SERIAL_1900) return FAIL;
    return ok(civilDate(day + DATE1904_OFFSET - UNIX_EPOCH_SERIAL_1900));
  }
  if (day < 1 || day === 60 || day > MAX_SERIAL_1900) return FAIL;
  // Before the phantom leap day the real calendar is one day ahead of the serial count.
  const adjusted = day < 60 ? day + 1 : day;
  return ok(civilDate(adjusted - UNIX_EPOCH_SERIAL_1900));
}

/** YYYY-MM-DD → Excel serial in the workbook's date system (for writing dates into a sheet). */
export function dateToSerial(date: string, date1904 = false): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const days = Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY) + UNIX_EPOCH_SERIAL_1900;
  if (date1904) return days - DATE1904_OFFSET;
  return days <= 60 ? days - 1 : days;
}

// 2022-03-24, 2022/3/24, 2022.3.24, 2022年3月24日, 20220324; optionally followed by a time
// and a zone (an ISO timestamp, or the "2022-03-24 10:30" Excel shows for a date-time).
const DATE_TEXT =
  /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parse a date written as text (already half-width and trimmed). */
export function parseDateText(s: string): DateParse {
  const numeric = parseNumericDate(s);
  if (numeric !== undefined) return { ok: true, value: numeric };
  const stamp = parseNumericTimestamp(s);
  if (stamp !== undefined) return stamp;
  const m = DATE_TEXT.exec(s);
  if (!m) return FAIL;
  const zone = m[12];
  let offset: number | undefined;
  if (zone === 'Z') offset = 0;
  else if (zone !== undefined) {
    const digits = zone.slice(1).replace(':', '');
    offset = zoneOffset(zone.startsWith('-') ? -1 : 1, Number(digits.slice(0, 2)), Number(digits.slice(2)));
  }
  return dayOf(Number(m[1]), Number(m[3] ?? m[5] ?? m[7]), Number(m[4] ?? m[6] ?? m[8]), Number(m[9] ?? 0), Number(m[10] ?? 0), Number(m[11] ?? 0), offset);
}

/** A zone's offset from UTC in minutes (±HH:MM), NaN when it is no offset (+08:60). */
function zoneOffset(sign: number, hours: number, minutes: number): number {
  return hours > 23 || minutes > 59 ? NaN : sign * (hours * 60 + minutes);
}

/**
 * The day a date and time of day name: the date itself when no zone is given (offset
 * undefined), the day in China of the instant when one is. A time that is no time (25:00,
 * 10:60) makes the text no timestamp, with a zone or without.
 */
function dayOf(y: number, mo: number, d: number, h: number, mi: number, sec: number, offset: number | undefined): DateParse {
  if (!isValidDay(y, mo, d) || h > 23 || mi > 59 || sec > 59 || Number.isNaN(offset)) return FAIL;
  if (offset === undefined) return { ok: true, value: ymd(y, mo, d) };
  const localMs = civilDays(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
  return instantToDate(localMs - offset * 60_000);
}

/** Two digits at i as a number, or -1. */
function twoDigitsAt(s: string, i: number): number {
  const a = digitAt(s, i);
  const b = digitAt(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

/** The index after the spaces (U+0020) from i. */
function skipSpaces(s: string, i: number): number {
  while (s.charCodeAt(i) === 32) i++;
  return i;
}

/**
 * A numeric date with a time, as DATE_TEXT reads it (2022-03-24T10:30:00.000Z, 2022/3/24
 * 10:30, 2022-03-24 10:30:15 +08:00), by hand: the pattern and its match cost more than
 * all the rest of such a cell. undefined when `s` has another form (年月日, 20220324, or
 * whitespace other than spaces): DATE_TEXT then decides. Whatever this returns, DATE_TEXT
 * would have read the same (tests/unit/ledger/properties.test.ts holds them to that).
 */
function parseNumericTimestamp(s: string): DateParse | undefined {
  const n = s.length;
  let i = readNumericDate(s);
  if (i < 0 || i === n) return undefined;
  const { y, m, d } = read;
  // (?:T|\s+)
  if (s.charCodeAt(i) === 84) i++;
  else {
    const from = i;
    i = skipSpaces(s, i);
    if (i === from) return undefined;
  }
  // (\d{1,2}):(\d{2})
  let h = digitAt(s, i++);
  if (h < 0) return undefined;
  const h2 = digitAt(s, i);
  if (h2 >= 0) {
    h = h * 10 + h2;
    i++;
  }
  if (s.charCodeAt(i++) !== 58) return undefined;
  const mi = twoDigitsAt(s, i);
  if (mi < 0) return undefined;
  i += 2;
  // (?::(\d{2})(?:\.\d+)?)?
  let sec = 0;
  if (s.charCodeAt(i) === 58) {
    sec = twoDigitsAt(s, i + 1);
    if (sec < 0) return undefined;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      if (digitAt(s, ++i) < 0) return undefined;
      while (digitAt(s, i) >= 0) i++;
    }
  }
  // \s*(Z|[+-]\d{2}:?\d{2})?$
  i = skipSpaces(s, i);
  if (i === n) return dayOf(y, m, d, h, mi, sec, undefined);
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === n ? dayOf(y, m, d, h, mi, sec, 0) : undefined;
  if (z !== 43 && z !== 45) return undefined; // + -
  const oh = twoDigitsAt(s, i + 1);
  i += 3;
  if (s.charCodeAt(i) === 58) i++;
  const om = twoDigitsAt(s, i);
  if (oh < 0 || om < 0 || i + 2 !== n) return undefined;
  return dayOf(y, m, d, h, mi, sec, zoneOffset(z === 45 ? -1 : 1, oh, om));
}

/**
 * The day in Shanghai of an instant (a timestamp, a Date cell), if it has a canonical form:
 * years 1–9999, as in Excel. Beyond them (a Date of year 275760, 9999-12-31T23:00-08:00) the
 * day would print as 10000-01-01 or NaN-NaN-NaN, which no parser reads back.
 */
export function instantToDate(epochMs: number): DateParse {
  if (!Number.isFinite(epochMs)) return FAIL; // an invalid Date
  return ok(civilDate(Math.floor((epochMs + SHANGHAI_OFFSET_MS) / MS_PER_DAY)));
}

/** The calendar day in Asia/Shanghai (UTC+8 all year, no daylight saving since 1991). */
export function shanghaiDate(epochMs: number): string {
  return fromUtcMs(epochMs + SHANGHAI_OFFSET_MS);
}

/** Today in Asia/Shanghai: the default "today" of every date rule. */
export function todayInShanghai(now: Date = new Date()): string {
  return shanghaiDate(now.getTime());
}

/** Days from a to b (YYYY-MM-DD each); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}

/** The date n days after a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  return fromUtcMs(Date.parse(`${date}T00:00:00Z`) + n * MS_PER_DAY);
}

export const CANONICAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
