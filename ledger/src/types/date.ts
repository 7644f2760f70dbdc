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

function ymd(y: number, m: number, d: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function isValidDay(y: number, m: number, d: number): boolean {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const t = new Date(Date.UTC(2000, m - 1, d)); // leap year stand-in only for Feb 29 below
  t.setUTCFullYear(y);
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
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
    return { ok: true, value: fromUtcMs((day + DATE1904_OFFSET - UNIX_EPOCH_SERIAL_1900) * MS_PER_DAY) };
  }
  if (day < 1 || day === 60 || day > MAX_SERIAL_1900) return FAIL;
  // Before the phantom leap day the real calendar is one day ahead of the serial count.
  const adjusted = day < 60 ? day + 1 : day;
  return { ok: true, value: fromUtcMs((adjusted - UNIX_EPOCH_SERIAL_1900) * MS_PER_DAY) };
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
  const m = DATE_TEXT.exec(s);
  if (!m) return FAIL;
  const y = Number(m[1]);
  const mo = Number(m[3] ?? m[5] ?? m[7]);
  const d = Number(m[4] ?? m[6] ?? m[8]);
  if (!isValidDay(y, mo, d)) return FAIL;
  const zone = m[12];
  if (zone === undefined) return { ok: true, value: ymd(y, mo, d) };
  // A timestamp with a zone names an instant: the campaign's day is the day in China.
  const h = Number(m[9]);
  const mi = Number(m[10]);
  const sec = Number(m[11] ?? 0);
  if (h > 23 || mi > 59 || sec > 59) return FAIL;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  t.setUTCFullYear(y);
  let offsetMs = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return { ok: true, value: shanghaiDate(t.getTime() - offsetMs) };
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
