// Raw cells → canonical values or field errors. The one judge of a row: the add-in, the CLI
// and the functions all call parseRow, and since a canonical row parses to itself, the server
// can run it on whatever a client sends.

import type { Condition, FieldDef, LedgerDef, RowRule } from './fields';
import { fieldError, messages, type FieldError } from './messages';
import { parseCreditCode } from './types/creditCode';
import { instantToDate, parseDateText, parseNumericDate, serialToDate, todayInShanghai, type DateParse } from './types/date';
import { hasLoneSurrogate, textLength, toHalfWidth, trimEnds } from './types/normalize';
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
  readonly errors: readonly FieldError[];
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
  // Trimmed before converting: fewer units to look at, and nothing to convert in a cell that
  // is merely padded with ideographic spaces. The order does not matter otherwise: the
  // conversion makes whitespace of whitespace only (U+3000 → space), so the ends stay.
  const s = trimEnds(raw);
  if (s === '') return EMPTY;
  return halfWidth ? toHalfWidth(s) : s;
}

/** The cell holds nothing this field can read at all (true, {}, [], a Date where text is due…). */
function notReadable(f: FieldDef, raw: unknown, errors: FieldError[]): undefined {
  errors.push(fieldError(f, 'type', messages.type(f, raw)));
  return undefined;
}

function textParser(f: FieldDef, min: number | undefined, max: number): CellParser {
  return (raw, _ctx, errors) => {
    let s = cellText(raw, false);
    if (s === EMPTY) return undefined;
    if (s === undefined) {
      // A number or a Date in a text column is read as the text the cell shows.
      if (typeof raw === 'number' && Number.isFinite(raw)) s = String(raw);
      else {
        const day = raw instanceof Date ? instantToDate(raw.getTime()) : undefined;
        if (!day?.ok) return notReadable(f, raw, errors);
        s = day.value;
      }
    }
    // Half of a surrogate pair is no character: Firestore cannot store it (its commit fails
    // outright), so the cell is unreadable rather than text. A character is one or two UTF-16
    // units: a text of at most `max` units, and (with a minimum) at least twice `min`, is
    // within bounds without counting; only doubt is counted, in the same pass as the check.
    let n: number;
    if (s.length <= max && (min === undefined || s.length >= 2 * min)) n = hasLoneSurrogate(s) ? -1 : s.length;
    else {
      // Counted in the cell as it came, not in the slice of it that trim returns (a unit of a
      // slice costs a detour to read): what trim cut is whitespace, a character a unit and no
      // half of a pair, so the count is the cell's less the units cut, and broken alike.
      const whole = typeof raw === 'string' ? raw : s;
      const m = textLength(whole);
      n = m < 0 ? -1 : m - (whole.length - s.length);
    }
    if (n < 0) errors.push(fieldError(f, 'type', messages.brokenText(f)));
    else if (n > max) errors.push(fieldError(f, 'too_long', messages.tooLong(f, max, n)));
    else if (min !== undefined && n < min) errors.push(fieldError(f, 'too_short', messages.tooShort(f, min, n)));
    else return s;
    return undefined;
  };
}

function enumParser(f: FieldDef, options: readonly string[], aliases: Readonly<Record<string, string>> = {}): CellParser {
  // Keys as cellText leaves them, so that a cell already in that form needs no cellText.
  const lookup = new Map<string, string>(options.map((o) => [toHalfWidth(o).trim(), o]));
  for (const [alias, label] of Object.entries(aliases)) lookup.set(toHalfWidth(alias).trim(), label);
  return (raw, _ctx, errors) => {
    if (typeof raw === 'string') {
      const hit = lookup.get(raw);
      if (hit !== undefined) return hit;
    }
    const s = cellText(raw, true);
    if (s === EMPTY) return undefined;
    // A number is a cell value, merely not an option (140702 for 榆次区): `enum`. Anything
    // else that is not text cannot be an option at all: `type`, as in every other kind of field.
    if (s === undefined && typeof raw !== 'number') return notReadable(f, raw, errors);
    const label = typeof s === 'string' ? lookup.get(s) : undefined;
    if (label !== undefined) return label;
    errors.push(fieldError(f, 'enum', messages.enum(f, raw, options)));
    return undefined;
  };
}

function dateParser(f: FieldDef, min: string | undefined, notAfterToday: boolean): CellParser {
  return (raw, ctx, errors) => {
    let parsed: DateParse;
    let numeric: string | undefined;
    if (typeof raw === 'number') parsed = serialToDate(raw, ctx.date1904);
    else if (raw instanceof Date) parsed = instantToDate(raw.getTime());
    else if (typeof raw === 'string' && (numeric = parseNumericDate(raw)) !== undefined) {
      // 2022-03-24 or 2022/3/24 as typed, nothing to trim or convert: the common case, quickly
      parsed = { ok: true, value: numeric };
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
      if (s === undefined) return notReadable(f, raw, errors);
      value = parsePhone(s);
    }
    if (value === undefined) errors.push(fieldError(f, 'format', messages.phoneFormat(f, raw)));
    return value;
  };
}

function creditCodeParser(f: FieldDef): CellParser {
  return (raw, _ctx, errors) => {
    const s = cellText(raw, true);
    if (s === EMPTY) return undefined;
    // A number (an 18-digit code Excel turned into 9.13501E+17) has the wrong shape: `format`.
    if (s === undefined && typeof raw !== 'number') return notReadable(f, raw, errors);
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
    case 'text':
      return textParser(f, t.min, t.max);
    case 'enum':
      return enumParser(f, t.options, t.aliases);
    case 'date':
      return dateParser(f, t.min, t.notAfterToday ?? false);
    case 'int':
      return intParser(f, t.min, t.max);
    case 'phone':
      return phoneParser(f);
    case 'creditCode':
      return creditCodeParser(f);
  }
}

/** A condition on the field at `at` (-1: a field this ledger does not have). */
interface CompiledCondition {
  readonly at: number;
  readonly equals: string | undefined;
  readonly notEquals: string | undefined;
  readonly oneOf: readonly string[] | undefined;
  readonly filled: boolean;
  readonly and: CompiledCondition | undefined;
}

interface CompiledField {
  readonly key: string;
  readonly def: FieldDef;
  readonly parse: CellParser;
  /** undefined: always (true) or never (false) required, as def.required says. */
  readonly requiredWhen: CompiledCondition | undefined;
  readonly onlyWhen: CompiledCondition | undefined;
  /** The field this date may not precede (deadline, resolvedOn: foundOn), and where it is. */
  readonly notBefore: FieldDef | undefined;
  readonly notBeforeAt: number;
}

interface CompiledRule {
  readonly rule: RowRule;
  readonly def: FieldDef;
  readonly at: number;
  readonly when: CompiledCondition;
  readonly then: CompiledCondition;
}

interface CompiledLedger {
  readonly fields: readonly CompiledField[];
  /** Field key → position: where its cell is read, and the order errors are reported in. */
  readonly position: ReadonlyMap<string, number>;
  readonly rules: readonly CompiledRule[];
}

const compiled = new WeakMap<LedgerDef, CompiledLedger>();

/**
 * Everything about a ledger that does not change from row to row, worked out once, so that a
 * row is judged by position in an array rather than by key in objects and maps: a sheet of
 * 100,000 rows is judged at once (bench/ledger.bench.ts).
 */
function compile(ledger: LedgerDef): CompiledLedger {
  let c = compiled.get(ledger);
  if (!c) {
    const position = new Map(ledger.fields.map((f, i) => [f.key, i]));
    const at = (key: string) => position.get(key) ?? -1;
    const condition = (x: Condition): CompiledCondition => ({
      at: at(x.field),
      equals: x.equals,
      notEquals: x.notEquals,
      oneOf: x.oneOf,
      filled: x.filled === true,
      and: x.and ? condition(x.and) : undefined,
    });
    c = {
      fields: ledger.fields.map((f) => {
        const t = f.type;
        const notBefore = t.kind === 'date' && t.notBefore ? ledger.fields.find((x) => x.key === t.notBefore) : undefined;
        return {
          key: f.key,
          def: f,
          parse: cellParser(f),
          requiredWhen: typeof f.required === 'object' ? condition(f.required) : undefined,
          onlyWhen: f.onlyWhen ? condition(f.onlyWhen) : undefined,
          notBefore,
          notBeforeAt: notBefore ? at(notBefore.key) : -1,
        };
      }),
      position,
      rules: ledger.rules.map((rule) => ({
        rule,
        def: ledger.fields[at(rule.field)]!,
        at: at(rule.field),
        when: condition(rule.when),
        then: condition(rule.then),
      })),
    };
    compiled.set(ledger, c);
  }
  return c;
}

function resolve(ctx: ParseContext): ResolvedContext {
  return { today: ctx.today ?? todayInShanghai(), date1904: ctx.date1904 ?? false };
}

/** The slot of a field whose own cell has an error: no value, and nothing is judged on it. */
const FAILED = Symbol('failed');
type Slot = CanonicalValue | typeof FAILED | undefined;

/**
 * A condition can only be judged when the field it looks at holds a valid value; otherwise
 * that field already has its own error and a second, derived one would only confuse.
 */
function judge(c: CompiledCondition, slots: readonly Slot[]): boolean | undefined {
  const own = judgeOne(c, slots);
  if (own === false || c.and === undefined) return own;
  const rest = judge(c.and, slots);
  return rest === false ? false : own && rest;
}

function judgeOne(c: CompiledCondition, slots: readonly Slot[]): boolean | undefined {
  const v = c.at < 0 ? undefined : slots[c.at];
  if (v === FAILED) return undefined;
  if (c.filled) return v !== undefined;
  if (v === undefined) return undefined;
  if (c.oneOf !== undefined) return typeof v === 'string' && c.oneOf.includes(v);
  return c.equals !== undefined ? v === c.equals : v !== c.notEquals;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Date);
}

/** Parse and validate one row. Never throws; `raw` may be anything a client sent. */
export function parseRow(ledger: LedgerDef, raw: unknown, ctx: ParseContext = {}): RowResult {
  const c = compile(ledger);
  return parseRowResolved(ledger, isRecord(raw) ? raw : {}, resolve(ctx), c, new Array<unknown>(c.fields.length));
}

/** Parse many rows against one "today" (read once, not per row). */
export function parseRows(ledger: LedgerDef, rows: readonly unknown[], ctx: ParseContext = {}): RowResult[] {
  const r = resolve(ctx);
  const c = compile(ledger);
  // One scratch array for the whole call, not one per row (a nested call gets its own).
  const slots = new Array<unknown>(c.fields.length);
  return rows.map((raw) => parseRowResolved(ledger, isRecord(raw) ? raw : {}, r, c, slots));
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `slots` is scratch space, one per field, overwritten here. */
function parseRowResolved(ledger: LedgerDef, raw: Record<string, unknown>, ctx: ResolvedContext, c: CompiledLedger, slots: unknown[]): RowResult {
  const errors: FieldError[] = [];
  const fields = c.fields;
  const n = fields.length;

  // The cells the sender named, by position (each slot then takes the cell's value); a column
  // the ledger lacks is reported.
  slots.fill(undefined);
  // for…in rather than Object.keys: no array per row. It lists inherited enumerable keys too,
  // which are no cells. Cells mostly come in ledger order, so the field after the previous
  // cell's is tried before the map.
  let next = 0;
  for (const key in raw) {
    if (!hasOwn.call(raw, key)) continue;
    const at = next < n && fields[next]!.key === key ? next : c.position.get(key);
    if (at === undefined) errors.push(fieldError({ key, header: key }, 'unknown', messages.unknown(key)));
    else {
      slots[at] = raw[key];
      next = at + 1;
    }
  }

  for (let i = 0; i < n; i++) {
    const f = fields[i]!;
    let cell = slots[i];
    // for…in lists enumerable keys only; a non-enumerable own property is a cell too.
    if (cell === undefined && hasOwn.call(raw, f.key)) cell = raw[f.key];
    const before = errors.length;
    const v = f.parse(cell, ctx, errors);
    slots[i] = errors.length !== before ? FAILED : v;
  }

  return judgeRow(ledger, slots as Slot[], errors, c); // every slot now holds a Slot
}

const NO_ERRORS: readonly FieldError[] = Object.freeze([]);

/** The rules of a row whose cells have been read into `slots`. */
function judgeRow(ledger: LedgerDef, slots: Slot[], errors: FieldError[], c: CompiledLedger): RowResult {
  const fields = c.fields;
  const n = fields.length;
  let ruledOut: [number, CanonicalValue][] | undefined;
  for (let i = 0; i < n; i++) {
    const v = slots[i];
    if (v === FAILED) continue;
    const { def: f, requiredWhen, onlyWhen, notBefore, notBeforeAt } = fields[i]!;
    if (v === undefined) {
      if (f.required === true) errors.push(fieldError(f, 'required', messages.required(f)));
      else if (requiredWhen && judge(requiredWhen, slots)) {
        errors.push(fieldError(f, 'required', messages.requiredWhen(ledger, f, f.required as Condition)));
      } else if (f.default !== undefined) slots[i] = f.default;
      continue;
    }
    if (onlyWhen && judge(onlyWhen, slots) === false) {
      errors.push(fieldError(f, 'rule', messages.onlyWhen(ledger, f, f.onlyWhen!)));
      // A value that may not be there keeps its error alone: no rule is judged on it, but
      // the value read stays in the row.
      (ruledOut ??= []).push([i, v]);
      slots[i] = FAILED;
      continue;
    }
    if (notBefore) {
      const other = slots[notBeforeAt];
      if (typeof other === 'string' && typeof v === 'string' && v < other) {
        errors.push(fieldError(f, 'rule', messages.dateBefore(f, notBefore, v, other)));
      }
    }
  }

  for (const r of c.rules) {
    const then = r.then.at < 0 ? undefined : slots[r.then.at];
    if (slots[r.at] === FAILED || then === undefined || then === FAILED) continue;
    if (judge(r.when, slots) && judge(r.then, slots) === false) {
      errors.push(fieldError(r.def, 'rule', messages.implies(ledger, r.rule.when, r.rule.then)));
    }
  }

  if (ruledOut) for (const [i, v] of ruledOut) slots[i] = v;
  const values: CanonicalRow = {};
  for (let i = 0; i < n; i++) {
    const v = slots[i];
    if (v !== undefined && v !== FAILED) values[fields[i]!.key] = v;
  }
  if (errors.length > 1) errors.sort((a, b) => (c.position.get(a.field) ?? -1) - (c.position.get(b.field) ?? -1));
  return { values, errors: errors.length === 0 ? NO_ERRORS : errors };
}
