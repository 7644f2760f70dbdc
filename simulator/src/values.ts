/**
 * What Excel does to a value typed or written through `Range.values` / `Range.formulas`,
 * and how it shows a value as `Range.text`. An en-US, deliberately small approximation:
 * see README.md for what is and is not covered.
 */

export type CellValue = string | number | boolean;

export interface Coerced {
  value: CellValue;
  formula?: string;
  /** A number format Excel applies on its own (dates, percentages) when the cell was General. */
  autoFormat?: string;
}

export const TEXT_FORMAT = '@';
export const GENERAL = 'General';

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function parseNumber(s: string): number | undefined {
  if (!/\d/.test(s)) return undefined;
  let percent = false;
  let t = s;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  if (!NUMBER.test(t) || !/\d/.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return percent ? n / 100 : n;
}

const MS_PER_DAY = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * Date → serial in the workbook's date system. The 1900 system keeps Lotus 1-2-3's phantom
 * 1900-02-29 (serial 60): serials 1–59 are 1900-01-01 … 1900-02-28.
 */
export function dateToSerial(y: number, m: number, d: number, h = 0, mi = 0, s = 0, date1904 = false): number {
  const ms = Date.UTC(y, m - 1, d, h, mi, s);
  const serial = (ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
  return !date1904 && serial < 61 ? serial - 1 : serial;
}

export function serialToDate(serial: number, date1904 = false): Date {
  const s = !date1904 && serial < 60 ? serial + 1 : serial;
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(s * MS_PER_DAY));
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function parseDate(s: string, date1904: boolean): Coerced | undefined {
  let m = ISO_DATE.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) return undefined;
    const hasTime = m[4] !== undefined;
    const serial = dateToSerial(y, mo, d, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), date1904);
    return { value: serial, autoFormat: hasTime ? 'yyyy-mm-dd h:mm' : 'yyyy-mm-dd' };
  }
  m = US_DATE.exec(s);
  if (m) {
    const [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDate(y, mo, d)) return undefined;
    return { value: dateToSerial(y, mo, d, 0, 0, 0, date1904), autoFormat: 'm/d/yyyy' };
  }
  m = TIME.exec(s);
  if (m) {
    const [h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    if (h > 23 || mi > 59 || sec > 59) return undefined;
    return { value: (h * 3600 + mi * 60 + sec) / 86400, autoFormat: m[3] ? 'h:mm:ss' : 'h:mm' };
  }
  return undefined;
}

/**
 * Evaluates only pure arithmetic (`=1+2*3`, `=-1+2`); anything else (functions, references,
 * text) yields `#NAME?`. The simulator is not a calculation engine.
 */
export function evaluateFormula(formula: string): CellValue {
  const expr = formula.replace(/^=/, '');
  if (!/^[\d\s+\-*/().]+$/.test(expr)) return '#NAME?';
  let i = 0;
  const peek = () => {
    while (expr[i] === ' ') i++;
    return expr[i];
  };
  const num = (): number => {
    const c = peek();
    if (c === '(') {
      i++;
      const v = sum();
      if (peek() !== ')') throw new Error('paren');
      i++;
      return v;
    }
    if (c === '-') {
      i++;
      return -num();
    }
    if (c === '+') {
      i++;
      return num();
    }
    const m = /^\d*\.?\d+|^\d+\.?/.exec(expr.slice(i));
    if (!m) throw new Error('number');
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number => {
    let v = num();
    for (let c = peek(); c === '*' || c === '/'; c = peek()) {
      i++;
      const r = num();
      v = c === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    for (let c = peek(); c === '+' || c === '-'; c = peek()) {
      i++;
      const r = product();
      v = c === '+' ? v + r : v - r;
    }
    return v;
  };
  try {
    const v = sum();
    if (peek() !== undefined) return '#NAME?';
    return Number.isFinite(v) ? v : '#DIV/0!';
  } catch {
    return '#NAME?';
  }
}

/**
 * What a cell holds after `raw` was written to it through `Range.values` or `Range.formulas`
 * (the JSON wire form: string, number, boolean; `null` never reaches here, it means "leave the cell").
 */
export function coerceInput(raw: CellValue, numberFormat: string, date1904: boolean): Coerced {
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  const s = raw;
  if (s === '') return { value: '' };
  if (s.startsWith("'")) return { value: s.slice(1) }; // the apostrophe prefix forces text
  if (numberFormat === TEXT_FORMAT) return { value: s };
  if (s.startsWith('=')) return s.length > 1 ? { value: evaluateFormula(s), formula: s } : { value: s };
  const t = s.trim();
  const n = parseNumber(t);
  if (n !== undefined) return t.endsWith('%') ? { value: n, autoFormat: '0%' } : { value: n };
  const d = parseDate(t, date1904);
  if (d) return d;
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  if (s.startsWith('+') || s.startsWith('-') || s.startsWith('@')) {
    // Excel reads a leading + - @ as the start of a formula and stores it with a leading '='.
    const formula = `=${s}`;
    return { value: evaluateFormula(formula), formula };
  }
  return { value: s };
}

export function valueType(v: CellValue): 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error' {
  if (v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  if (/^#(NAME\?|DIV\/0!|VALUE!|REF!|N\/A|NUM!|NULL!)$/.test(v)) return 'Error';
  return 'String';
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function isDateFormat(nf: string): boolean {
  const bare = nf.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[ydhs]/i.test(bare) || (/m/i.test(bare) && !/[0#]/.test(bare));
}

function formatDate(serial: number, nf: string, date1904: boolean): string {
  const dt = serialToDate(serial, date1904);
  const Y = dt.getUTCFullYear(),
    M = dt.getUTCMonth() + 1,
    D = dt.getUTCDate();
  const h = dt.getUTCHours(),
    mi = dt.getUTCMinutes(),
    s = dt.getUTCSeconds();
  const tokens = nf.match(/"[^"]*"|\\.|yyyy|yy|mmmm|mmm|mm|m|dd|d|hh|h|ss|s|./gi) ?? [];
  let out = '';
  let lastWasHour = false;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    const low = tok.toLowerCase();
    const nextIsSeconds =
      tokens
        .slice(k + 1)
        .find((x) => /^[a-z]/i.test(x))
        ?.toLowerCase()
        .startsWith('s') ?? false;
    if (low === 'yyyy') out += Y;
    else if (low === 'yy') out += pad(Y % 100);
    else if (low === 'mm' || low === 'm') {
      const minutes = lastWasHour || nextIsSeconds;
      out += minutes ? (low === 'mm' ? pad(mi) : mi) : low === 'mm' ? pad(M) : M;
    } else if (low === 'dd') out += pad(D);
    else if (low === 'd') out += D;
    else if (low === 'hh') out += pad(h);
    else if (low === 'h') out += h;
    else if (low === 'ss') out += pad(s);
    else if (low === 's') out += s;
    else if (tok.startsWith('"')) out += tok.slice(1, -1);
    else if (tok.startsWith('\\')) out += tok.slice(1);
    else out += tok;
    if (/^[a-z]/i.test(tok)) lastWasHour = low.startsWith('h');
  }
  return out;
}

function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mant, exp] = n.toExponential(5).split('e');
    const m = mant!.replace(/\.?0+$/, '');
    const e = Number(exp);
    return `${m}E${e < 0 ? '-' : '+'}${pad(Math.abs(e))}`;
  }
  return String(Number(n.toPrecision(10)));
}

/** `Range.text` of one cell: the value as Excel shows it under its number format (subset). */
export function formatText(v: CellValue, nf: string, date1904: boolean): string {
  if (v === '') return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (nf === TEXT_FORMAT || nf === GENERAL || nf === '') return formatGeneral(v);
  if (isDateFormat(nf)) return formatDate(v, nf, date1904);
  const m = /^(#,##)?0(?:\.(0+))?(%)?$/.exec(nf);
  if (m) {
    const x = m[3] ? v * 100 : v;
    const decimals = m[2]?.length ?? 0;
    let s = x.toFixed(decimals);
    if (m[1]) s = Number(s).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return s + (m[3] ?? '');
  }
  return formatGeneral(v);
}
