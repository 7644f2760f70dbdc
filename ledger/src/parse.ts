// Raw cells → canonical values or field errors. The one judge of a row: the add-in, the CLI
// and the functions all call parseRow, and since a canonical row parses to itself, the server
// can run it on whatever a client sends.

import type { Condition, FieldDef, LedgerDef } from './fields';
import { fieldError, messages, type FieldError } from './messages';
import { parseCreditCode } from './types/creditCode';
import { parseDateText, serialToDate, shanghaiDate, todayInShanghai } from './types/date';
import { charLength, toHalfWidth } from './types/normalize';
import { parsePhone } from './types/phone';

/** What a spreadsheet cell can hold (and, on the server, whatever JSON a client sent). */
export type RawCell = string | number | boolean | Date | null | undefined;
export type CanonicalValue = string | number;
export type CanonicalRow = Record<string, CanonicalValue>;

export interface ParseContext {
  /** The day the date rules are judged against (YYYY-MM-DD); default: today in Asia/Shanghai. */
  readonly today?: string;
  /** The workbook uses the 1904 date system (serial numbers count from 1904-01-01). */
  readonly date1904?: boolean;
}

export interface RowResult {
  readonly values: CanonicalRow;
  readonly errors: FieldError[];
}

interface ResolvedContext {
  readonly today: string;
  readonly date1904: boolean;
}

/** Reads one cell of one field: a canonical value, undefined for empty, or pushes an error. */
type CellParser = (raw: unknown, ctx: ResolvedContext, errors: FieldError[]) => CanonicalValue | undefined;

const EMPTY = Symbol('empty');

/** A cell's text for parsing, EMPTY when blank, or undefined when it is not text at all. */
function cellText(raw: unknown, halfWidth: boolean): string | typeof EMPTY | undefined {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw !== 'string') return undefined;
  const s = (halfWidth ? toHalfWidth(raw) : raw).trim();
  return s === '' ? EMPTY : s;
}

function textParser(f: FieldDef, min: number | undefined, max: number): CellParser {
  return (raw, _ctx, errors) => {
    let s = cellText(raw, false);
    if (s === EMPTY) return undefined;
    if (s === undefined) {
      if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
      else if (raw instanceof Date && !Number.isNaN(raw.getTime())) s = shanghaiDate(raw.getTime());
      else {
        errors.push(fieldError(f, 'type', messages.type(f, raw)));
        return undefined;
      }
    }
    const n = charLength(s);
    if (n > max) errors.push(fieldError(f, 'too_long', messages.tooLong(f, max, n)));
    else if (min !== undefined && n < min) errors.push(fieldError(f, 'too_short', messages.tooShort(f, min, n)));
    else return s;
    return undefined;
  };
}

function enumParser(f: FieldDef, options: readonly string[], aliases: Readonly<Record<string, string>> = {}): CellParser {
  const lookup = new Map<string, string>(options.map((o) => [o, o]));
  for (const [alias, label] of Object.entries(aliases)) lookup.set(alias, label);
  return (raw, _ctx, errors) => {
    const s = cellText(raw, true);
    if (s === EMPTY) return undefined;
    const label = typeof s === 'string' ? lookup.get(s) : undefined;
    if (label !== undefined) return label;
    errors.push(fieldError(f, 'enum', messages.enum(f, raw, options)));
    return undefined;
  };
}

function dateParser(f: FieldDef, min: string | undefined, notAfterToday: boolean): CellParser {
  return (raw, ctx, errors) => {
    let parsed;
    if (typeof raw === 'number') parsed = serialToDate(raw, ctx.date1904);
    else if (raw instanceof Date) {
      const t = raw.getTime();
      parsed = Number.isNaN(t) ? { ok: false as const } : { ok: true as const, value: shanghaiDate(t) };
    } else {
      const s = cellText(raw, true);
      if (s === EMPTY) return undefined;
      parsed = s === undefined ? { ok: false as const } : parseDateText(s);
    }
    if (!parsed.ok) {
      errors.push(fieldError(f, 'type', messages.type(f, raw)));
      return undefined;
    }
    const d = parsed.value;
    if (min !== undefined && d < min) errors.push(fieldError(f, 'range', messages.dateTooEarly(f, min, d)));
    else if (notAfterToday && d > ctx.today) errors.push(fieldError(f, 'range', messages.dateAfterToday(f, ctx.today, d)));
    else return d;
    return undefined;
  };
}

// 12, +12, 1,200 and 12.0 are whole numbers as typed; 12.5 is a number but not a whole one.
const INT_TEXT = /^([-+]?)(\d+|\d{1,3}(?:,\d{3})+)(?:\.0*)?$/;
const DECIMAL_TEXT = /^[-+]?[\d,]*\.\d+$/;

function intParser(f: FieldDef, min: number, max: number): CellParser {
  return (raw, _ctx, errors) => {
    let n: number;
    if (typeof raw === 'number') n = raw;
    else {
      const s = cellText(raw, true);
      if (s === EMPTY) return undefined;
      const m = typeof s === 'string' ? INT_TEXT.exec(s) : null;
      if (!m) {
        const fraction = typeof s === 'string' && DECIMAL_TEXT.test(s);
        errors.push(fieldError(f, 'type', fraction ? messages.notInteger(f, raw) : messages.type(f, raw)));
        return undefined;
      }
      n = Number(m[1]! + m[2]!.replace(/,/g, ''));
    }
    if (!Number.isFinite(n)) {
      errors.push(fieldError(f, 'type', messages.type(f, raw)));
      return undefined;
    }
    if (!Number.isInteger(n)) {
      errors.push(fieldError(f, 'type', messages.notInteger(f, raw)));
      return undefined;
    }
    if (n < min || n > max) {
      errors.push(fieldError(f, 'range', messages.intRange(f, min, max, n)));
      return undefined;
    }
    return n === 0 ? 0 : n; // -0 is not a count
  };
}

function phoneParser(f: FieldDef): CellParser {
  return (raw, _ctx, errors) => {
    let value: string | undefined;
    if (typeof raw === 'number') {
      value = Number.isSafeInteger(raw) && raw > 0 ? parsePhone(String(raw), true) : undefined;
    } else {
      const s = cellText(raw, true);
      if (s === EMPTY) return undefined;
      value = s === undefined ? undefined : parsePhone(s);
    }
    if (value === undefined) errors.push(fieldError(f, 'format', messages.phoneFormat(f, raw)));
    return value;
  };
}

function creditCodeParser(f: FieldDef): CellParser {
  return (raw, _ctx, errors) => {
    const s = cellText(raw, true);
    if (s === EMPTY) return undefined;
    const parsed = typeof s === 'string' ? parseCreditCode(s) : ({ ok: false, code: 'format' } as const);
    if (parsed.ok) return parsed.value;
    const m = parsed.code === 'checksum' ? messages.creditCodeChecksum(f, raw) : messages.creditCodeFormat(f, raw);
    errors.push(fieldError(f, parsed.code, m));
    return undefined;
  };
}

function cellParser(f: FieldDef): CellParser {
  const t = f.type;
  switch (t.kind) {
    case 'text': return textParser(f, t.min, t.max);
    case 'enum': return enumParser(f, t.options, t.aliases);
    case 'date': return dateParser(f, t.min, t.notAfterToday ?? false);
    case 'int': return intParser(f, t.min, t.max);
    case 'phone': return phoneParser(f);
    case 'creditCode': return creditCodeParser(f);
  }
}

interface CompiledLedger {
  readonly parsers: ReadonlyMap<string, CellParser>;
  readonly byKey: ReadonlyMap<string, FieldDef>;
}

const compiled = new WeakMap<LedgerDef, CompiledLedger>();

function compile(ledger: LedgerDef): CompiledLedger {
  let c = compiled.get(ledger);
  if (!c) {
    c = {
      parsers: new Map(ledger.fields.map((f) => [f.key, cellParser(f)])),
      byKey: new Map(ledger.fields.map((f) => [f.key, f])),
    };
    compiled.set(ledger, c);
  }
  return c;
}

function resolve(ctx: ParseContext): ResolvedContext {
  return { today: ctx.today ?? todayInShanghai(), date1904: ctx.date1904 ?? false };
}

/**
 * A condition can only be judged when the field it looks at holds a valid value; otherwise
 * that field already has its own error and a second, derived one would only confuse.
 */
function judge(c: Condition, values: CanonicalRow): boolean | undefined {
  const v = values[c.field];
  if (v === undefined) return undefined;
  return c.equals !== undefined ? v === c.equals : v !== c.notEquals;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
}

/** Parse and validate one row. Never throws; `raw` may be anything a client sent. */
export function parseRow(ledger: LedgerDef, raw: unknown, ctx: ParseContext = {}): RowResult {
  return parseRowResolved(ledger, isRecord(raw) ? raw : {}, resolve(ctx), compile(ledger));
}

/** Parse many rows against one "today" (read once, not per row). */
export function parseRows(ledger: LedgerDef, rows: readonly unknown[], ctx: ParseContext = {}): RowResult[] {
  const r = resolve(ctx);
  const c = compile(ledger);
  return rows.map((raw) => parseRowResolved(ledger, isRecord(raw) ? raw : {}, r, c));
}

function parseRowResolved(ledger: LedgerDef, raw: Record<string, unknown>, ctx: ResolvedContext, c: CompiledLedger): RowResult {
  const values: CanonicalRow = {};
  const errors: FieldError[] = [];

  for (const key of Object.keys(raw)) {
    if (!c.byKey.has(key)) errors.push(fieldError({ key, header: key }, 'unknown', messages.unknown(key)));
  }

  for (const f of ledger.fields) {
    const cell = Object.prototype.hasOwnProperty.call(raw, f.key) ? raw[f.key] : undefined;
    const v = c.parsers.get(f.key)!(cell, ctx, errors);
    if (v !== undefined) values[f.key] = v;
  }
  const failed = new Set(errors.map((e) => e.field));

  for (const f of ledger.fields) {
    if (failed.has(f.key)) continue;
    const v = values[f.key];
    if (v === undefined) {
      if (f.required === true) errors.push(fieldError(f, 'required', messages.required(f)));
      else if (f.required !== false && judge(f.required, values)) {
        errors.push(fieldError(f, 'required', messages.requiredWhen(ledger, f, f.required)));
      } else if (f.default !== undefined) values[f.key] = f.default;
      continue;
    }
    if (f.onlyWhen && judge(f.onlyWhen, values) === false) {
      errors.push(fieldError(f, 'rule', messages.onlyWhen(ledger, f, f.onlyWhen)));
      continue;
    }
    if (f.type.kind === 'date' && f.type.notBefore) {
      const other = values[f.type.notBefore];
      if (typeof other === 'string' && typeof v === 'string' && v < other) {
        errors.push(fieldError(f, 'rule', messages.dateBefore(f, c.byKey.get(f.type.notBefore)!, v, other)));
      }
    }
  }

  for (const rule of ledger.rules) {
    if (failed.has(rule.field) || values[rule.then.field] === undefined) continue;
    if (judge(rule.when, values) && judge(rule.then, values) === false) {
      errors.push(fieldError(c.byKey.get(rule.field)!, 'rule', messages.implies(ledger, rule.when, rule.then)));
    }
  }

  if (errors.length > 1) {
    const order = new Map(ledger.fields.map((f, i) => [f.key, i]));
    errors.sort((a, b) => (order.get(a.field) ?? -1) - (order.get(b.field) ?? -1));
  }
  return { values, errors };
}
