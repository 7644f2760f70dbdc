// Mainland phone numbers. Canonical: a mobile as 11 digits, a landline as area code, dash,
// number (0351-1234567).

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{9,11}$/;
/** 0351-1234567; not 00…, which is 0086, the country prefix. The area code's length is areaCodeLength's. */
const CANONICAL_LANDLINE = /^0[1-9]\d{1,2}-\d{7,8}$/;
const SEPARATORS = /[\s\-()（）]/g;

/** Beijing (010) and the 02x areas have three-digit codes; every other area code has four. */
function areaCodeLength(digits: string): number {
  return digits.startsWith('010') || digits.startsWith('02') ? 3 : 4;
}

/**
 * `fromNumber`: the cell held a number, so a leading 0 of a landline was lost on the way
 * in (Excel's General format drops it); it is restored rather than failing the clerk.
 */
export function parsePhone(text: string, fromNumber = false): string | undefined {
  // Already canonical, as every pulled or pushed number is: no separators to strip, and a
  // landline is not taken apart and spelt again.
  if (MOBILE.test(text) || (CANONICAL_LANDLINE.test(text) && text.charCodeAt(areaCodeLength(text)) === 45)) return text;
  let digits = text.replace(SEPARATORS, '');
  let international = false;
  if (digits.startsWith('+86')) {
    digits = digits.slice(3);
    international = true;
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  }
  if (!/^\d+$/.test(digits)) return undefined;
  if (MOBILE.test(digits)) return digits;
  if ((international || fromNumber) && !digits.startsWith('0')) digits = `0${digits}`;
  if (!LANDLINE.test(digits)) return undefined;
  const area = areaCodeLength(digits);
  const local = digits.slice(area);
  if (local.length < 7 || local.length > 8) return undefined;
  return `${digits.slice(0, area)}-${local}`;
}
