// fast-check arbitraries for ledger rows, shared by the unit properties, the benchmark and
// later tests. Three kinds:
//   - canonical valid rows (arbProblemRow, arbVisitRow): exactly what parseRow produces for a
//     row that passes every rule of docs/ledgers.md, so parseRow maps them to themselves;
//   - messy valid rows (arbMessyProblemRow, arbMessyVisitRow): what clerks type for the same
//     row (aliases, full-width digits, text dates, serials, timestamps, padding, numbers where
//     text is kept), each with the canonical row it must parse to;
//   - invalid rows (arbInvalidProblemRow, arbInvalidVisitRow): a valid row with exactly one
//     defect, with the one field and code parseRow must report.
// The oracles here (dates, serials, credit-code check characters) are computed independently
// of the ledger core, so the tests do not grade the core with its own arithmetic.
//
// Speed matters (the benchmark draws 100,000 rows): rows are fc.record()s of stable
// arbitraries assembled by a pure function, never fc.gen() (which costs microseconds per draw
// and keeps what it is handed), and strings are drawn as a length and a seed spelt out by a
// small PRNG rather than one fast-check draw per character. Lengths and choices still shrink.

import fc from 'fast-check';
import { CATEGORIES, COUNTY_LABELS, FOLLOW_UPS, LEVELS, SECTORS, STATUSES, type CanonicalRow, type ErrorCode } from '@taizhang/ledger';
import { random } from '../../scripts/demo/rows';

export type RawRow = Record<string, unknown>;

/** A raw row and the canonical values parseRow must read from it. */
export interface MessyRow {
  readonly raw: RawRow;
  readonly expected: CanonicalRow;
}

/** A raw row with exactly one defect, and the error parseRow must report for it. */
export interface InvalidRow {
  readonly raw: RawRow;
  readonly field: string;
  readonly code: ErrorCode;
  /** What was done to the valid row, for failure messages. */
  readonly defect: string;
}

export interface RowOptions {
  /** The "today" the rows are valid against (YYYY-MM-DD, ≥ 2000-01-01). */
  readonly today: string;
  /** Serial numbers in messy rows count in the 1904 system. */
  readonly date1904?: boolean;
}

export const PROBLEM_KEYS = [
  'county',
  'township',
  'targetType',
  'targetName',
  'creditCode',
  'group',
  'sector',
  'category',
  'description',
  'foundOn',
  'level',
  'department',
  'deadline',
  'status',
  'resolution',
  'resolvedOn',
  'contact',
  'phone',
  'remarks',
  'review',
  'followUp',
  'followUpOn',
] as const;

export const VISIT_KEYS = [
  'visitedOn',
  'county',
  'township',
  'targetType',
  'targetName',
  'creditCode',
  'group',
  'staff',
  'policies',
  'served',
  'problemsFound',
  'notes',
] as const;

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (independent of the core)

const MS_PER_DAY = 86_400_000;
const EPOCH_2000 = Date.UTC(2000, 0, 1);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days since 2000-01-01 → YYYY-MM-DD. */
export function dayToDate(day: number): string {
  const t = new Date(EPOCH_2000 + day * MS_PER_DAY);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** YYYY-MM-DD → days since 2000-01-01. */
export function dateToDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_2000) / MS_PER_DAY);
}

/** Excel serial of a date from 1900-03-01 on: days since 1899-12-30 (1900 system) or 1904-01-01. */
export function excelSerial(date: string, date1904 = false): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return Math.round((Date.UTC(y, m - 1, d) - base) / MS_PER_DAY);
}

/** Midnight of a day in Asia/Shanghai, as epoch milliseconds. */
export function shanghaiMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

export const arbDate = (from: string, to: string): fc.Arbitrary<string> => fc.integer({ min: dateToDay(from), max: dateToDay(to) }).map(dayToDate);

/** A point of [0, 1], often exactly an end: picks from a range known only when assembling. */
const arbFraction: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.constant(1) },
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
);

/** The day a fraction of the way from `from` to `to`. */
function dayWithin(from: string, to: string, f: number): string {
  const lo = dateToDay(from);
  return dayToDate(lo + Math.round(f * (dateToDay(to) - lo)));
}

// ---------------------------------------------------------------------------------------------
// Strings spelt out from a seed

const arbSeed = fc.integer({ min: 0, max: 0x7fffffff });
const below = (next: () => number, n: number) => Math.floor(next() * n);
const digits = (next: () => number, n: number) => Array.from({ length: n }, () => String(below(next, 10))).join('');

export const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015 check character of the first 17 characters. */
export function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_ALPHABET.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** A valid unified social credit code spelt from a seed. */
export function spellCreditCode(seed: number): string {
  const next = random(seed);
  const first17 = Array.from({ length: 17 }, () => CREDIT_ALPHABET[below(next, 31)]!).join('');
  return first17 + checkChar(first17);
}

/** A valid unified social credit code. */
export const arbCreditCode: fc.Arbitrary<string> = arbSeed.map(spellCreditCode);

/** A canonical mobile (1[3-9] + 9 digits) or landline (0351-1234567, 010-12345678…). */
export const arbPhone: fc.Arbitrary<string> = fc.tuple(fc.nat(2), fc.boolean(), arbSeed).map(([kind, eight, seed]) => {
  const next = random(seed);
  const local = digits(next, eight ? 8 : 7);
  if (kind === 0) return `1${3 + below(next, 7)}${digits(next, 9)}`;
  if (kind === 1) return `${next() < 0.5 ? '010' : `02${digits(next, 1)}`}-${local}`;
  return `0${3 + below(next, 7)}${digits(next, 2)}-${local}`;
});

const WHITESPACE = [' ', '\u3000', '\t', '\n'];
const INNER_SPACE = [' ', '\u3000', '\n'];
const ASCII = 'abcXYZ0123456789-_.,;()#/%';
const FULL_WIDTH_PUNCTUATION = ['（', '）', '，', '。', '、', '：', 'Ａ', '１'];

const codes = (s: string | readonly string[]) => Array.from(s, (c) => c.codePointAt(0)!);
const INNER_SPACE_CODES = codes(INNER_SPACE);
const ASCII_CODES = codes(ASCII);
const FULL_WIDTH_CODES = codes(FULL_WIDTH_PUNCTUATION);

/** One character of clerks' text: mostly common Chinese, some ASCII and full-width, some rare. */
function textChar(next: () => number, inner: boolean): number {
  const r = next();
  if (inner && r < 0.1) return INNER_SPACE_CODES[below(next, INNER_SPACE_CODES.length)]!;
  if (r < 0.6) return 0x4e00 + below(next, 0x9fa5 - 0x4e00 + 1);
  if (r < 0.8) return ASCII_CODES[below(next, ASCII_CODES.length)]!;
  if (r < 0.9) return FULL_WIDTH_CODES[below(next, FULL_WIDTH_CODES.length)]!;
  // CJK Extension B: rare characters in names count once, though they take two UTF-16 units.
  return 0x20000 + below(next, 0x2a6df - 0x20000 + 1);
}

/** `n` characters (code points), whitespace only inside. Built flat: a string grown by += is a rope the GC has to walk. */
export function spellText(n: number, seed: number): string {
  const next = random(seed);
  const cs: number[] = new Array(n);
  for (let i = 0; i < n; i++) cs[i] = textChar(next, i > 0 && i < n - 1);
  return String.fromCodePoint(...cs);
}

const textCache = new Map<string, fc.Arbitrary<string>>();

/**
 * Canonical text of min–max characters (code points): no whitespace at the ends, runs of
 * whitespace inside. Mostly short, sometimes exactly at a bound, sometimes anywhere between.
 */
export function arbText(min: number, max: number): fc.Arbitrary<string> {
  const key = `${min}:${max}`;
  let arb = textCache.get(key);
  if (!arb) {
    const lo = Math.max(min, 1);
    const length = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: lo, max: Math.min(max, lo + 30) }) },
      { weight: 1, arbitrary: fc.constant(lo) },
      { weight: 1, arbitrary: fc.constant(max) },
      { weight: 1, arbitrary: fc.integer({ min: lo, max }) },
    );
    arb = fc.tuple(length, arbSeed).map(([n, seed]) => spellText(n, seed));
    textCache.set(key, arb);
  }
  return arb;
}

/** Full-width forms of ASCII (the ideographic space for a space), as a Chinese IME types them. */
export function toFullWidth(s: string): string {
  return s.replace(/[\x21-\x7e ]/g, (c) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

/** Empty cells as they arrive: missing, null, empty or blank text. */
export const EMPTY_CELLS: readonly unknown[] = [undefined, null, '', '   ', '\u3000', ' \t\n'];
export const arbEmptyCell: fc.Arbitrary<unknown> = fc.constantFrom(...EMPTY_CELLS);

// ---------------------------------------------------------------------------------------------
// Messy cells

/**
 * How one messy cell is written: which of its type's variants (taken modulo their count), a
 * time of day for dates, whitespace around text. Drawn as one number that shrinks to 0: the
 * canonical form, unpadded, at midnight.
 */
export interface Mess {
  readonly variant: number;
  readonly second: number;
  readonly before: string;
  readonly after: string;
}

/** 120 is a multiple of every variant count below (2, 5, 6, 8, 12), so each variant is as likely. */
const VARIANTS = 120;
const MINUTES = 1440;
/** Up to two whitespace characters, in order: '', then 4 singles, then 16 pairs. */
const PADDINGS = ['', ...WHITESPACE, ...WHITESPACE.flatMap((a) => WHITESPACE.map((b) => a + b))];

export function decodeMess(n: number): Mess {
  const variant = n % VARIANTS;
  let rest = Math.floor(n / VARIANTS);
  const minute = rest % MINUTES;
  rest = Math.floor(rest / MINUTES);
  const before = PADDINGS[rest % PADDINGS.length]!;
  const after = PADDINGS[Math.floor(rest / PADDINGS.length) % PADDINGS.length]!;
  return { variant, second: minute * 60 + (minute % 60), before, after };
}

export const arbMess: fc.Arbitrary<Mess> = fc.nat(VARIANTS * MINUTES * PADDINGS.length ** 2 - 1).map(decodeMess);

const padded = (s: string, m: Mess): string => `${m.before}${s}${m.after}`;
const pick = <T>(variants: readonly T[], m: Mess): T => variants[m.variant % variants.length]!;
const hms = (s: number) => `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;

/** Ways clerks (and Excel) write a day. */
export function messyDate(date: string, m: Mess, date1904 = false): unknown {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const instant = () => shanghaiMidnight(date) + m.second * 1000;
  const variants: (() => unknown)[] = [
    () => date,
    () => `${y}/${mo}/${d}`,
    () => `${y}.${mo}.${d}`,
    () => `${y}-${mo}-${d}`,
    () => `${y}年${mo}月${d}日`,
    () => toFullWidth(date),
    () => toFullWidth(`${y}/${mo}/${d}`),
    // A serial with a time of day, which is dropped.
    () => excelSerial(date, date1904) + m.second / 86_400,
    () => `${date}T${hms(m.second)}+08:00`,
    () => `${date} ${hms(m.second).slice(0, 5)}`,
    // The same instant in UTC: the day is the day in Shanghai, whatever the UTC date says.
    () => new Date(instant()).toISOString(),
    () => new Date(instant()),
  ];
  const v = pick(variants, m)();
  return typeof v === 'string' ? padded(v, m) : v;
}

/** Ways a whole number arrives. */
export function messyInt(n: number, m: Mess): unknown {
  const variants: unknown[] = [n, String(n), toFullWidth(String(n)), `${n}.0`, `+${n}`, n >= 1000 ? n.toLocaleString('en-US') : n];
  const v = pick(variants, m);
  return typeof v === 'string' ? padded(v, m) : v;
}

/** Ways a canonical phone number arrives. */
export function messyPhone(phone: string, m: Mess): unknown {
  let variants: unknown[];
  if (phone.startsWith('1')) {
    variants = [
      phone,
      toFullWidth(phone),
      Number(phone),
      `+86 ${phone}`,
      `+86-${phone}`,
      `0086${phone}`,
      `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    ];
  } else {
    const [area, local] = phone.split('-') as [string, string];
    variants = [
      phone,
      toFullWidth(phone),
      area + local,
      `${area} ${local}`,
      `(${area})${local}`,
      `（${area}）${local}`,
      `+86 ${area.slice(1)} ${local}`,
      // Excel's General format drops the leading 0 of a number typed into a cell.
      Number(area.slice(1) + local),
    ];
  }
  const v = pick(variants, m);
  return typeof v === 'string' ? padded(v, m) : v;
}

/** Ways a valid credit code arrives: lower case, in groups, full-width. */
export function messyCreditCode(code: string, m: Mess): unknown {
  const variants = [code, code.toLowerCase(), `${code.slice(0, 9)} ${code.slice(9)}`, toFullWidth(code), toFullWidth(code.toLowerCase())];
  return padded(pick(variants, m), m);
}

/** Text arrives padded; a text that looks like a plain number may arrive as that number. */
export function messyText(s: string, m: Mess): unknown {
  if (/^(?:0|[1-9]\d{0,14})$/.test(s) && m.variant % 2 === 1) return Number(s);
  return padded(s, m);
}

/** An enum label padded, or (for the county) its alias. */
export function messyEnum(label: string, m: Mess, aliases: readonly string[] = []): unknown {
  return padded(pick([label, ...aliases], m), m);
}

/** 榆次 for 榆次区: the county label without its last character (not for two-character labels). */
export function countyAliases(label: string): string[] {
  return label.length > 2 ? [label.slice(0, -1)] : [];
}

const DATE_KEYS = new Set(['foundOn', 'deadline', 'resolvedOn', 'visitedOn']);
const INT_KEYS = new Set(['staff', 'policies', 'served', 'problemsFound']);
const ENUM_KEYS = new Set(['county', 'targetType', 'sector', 'category', 'level', 'status']);
const DEFAULT_ZERO = new Set(['policies', 'served', 'problemsFound']);

/** One cell of a canonical row, written the way clerks write it. */
export function messyCell(key: string, value: string | number, m: Mess, opts: Pick<RowOptions, 'date1904'> = {}): unknown {
  if (DATE_KEYS.has(key)) return messyDate(String(value), m, opts.date1904);
  if (INT_KEYS.has(key)) {
    // Absent = 0: a zero count may just as well be left blank.
    if (DEFAULT_ZERO.has(key) && value === 0 && m.variant % 5 === 0) return pick(EMPTY_CELLS, m);
    return messyInt(Number(value), m);
  }
  if (key === 'county') return messyEnum(String(value), m, countyAliases(String(value)));
  if (ENUM_KEYS.has(key)) return messyEnum(String(value), m);
  if (key === 'phone') return messyPhone(String(value), m);
  if (key === 'creditCode') return messyCreditCode(String(value), m);
  return messyText(String(value), m);
}

export const arbMessyDate = (date: string, date1904 = false): fc.Arbitrary<unknown> => arbMess.map((m) => messyDate(date, m, date1904));
export const arbMessyInt = (n: number): fc.Arbitrary<unknown> => arbMess.map((m) => messyInt(n, m));
export const arbMessyPhone = (phone: string): fc.Arbitrary<unknown> => arbMess.map((m) => messyPhone(phone, m));
export const arbMessyCreditCode = (code: string): fc.Arbitrary<unknown> => arbMess.map((m) => messyCreditCode(code, m));

// ---------------------------------------------------------------------------------------------
// Canonical valid rows: everything a row might need is drawn, then assembled by the rules

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const arbShared = fc.record({
  county: fc.constantFrom(...COUNTY_LABELS),
  targetType: fc.constantFrom('入企', '进村'),
  township: arbText(1, 50),
  hasTownship: fc.boolean(),
  targetName: arbText(1, 100),
  creditCode: optional(arbCreditCode),
  group: arbText(1, 100),
});

type Shared = typeof arbShared extends fc.Arbitrary<infer T> ? T : never;

/** Where a ledger row is and what it serves: the columns both ledgers share, in order. */
function sharedColumns(d: Shared, row: CanonicalRow): void {
  row.county = d.county;
  // township is required of 进村 rows, optional otherwise; creditCode only allowed for 入企.
  if (d.targetType === '进村' || d.hasTownship) row.township = d.township;
  row.targetType = d.targetType;
  row.targetName = d.targetName;
  if (d.targetType === '入企' && d.creditCode !== undefined) row.creditCode = d.creditCode;
  row.group = d.group;
}

const arbProblemDraws = fc.record({
  shared: arbShared,
  sector: fc.constantFrom(...SECTORS),
  category: fc.constantFrom(...CATEGORIES),
  description: arbText(5, 1000),
  foundOn: arbFraction,
  level: fc.constantFrom(...LEVELS),
  department: arbText(1, 100),
  hasDepartment: fc.boolean(),
  status: fc.constantFrom(...STATUSES),
  deadline: arbFraction,
  hasDeadline: fc.boolean(),
  resolution: arbText(1, 2000),
  hasResolution: fc.boolean(),
  resolvedOn: arbFraction,
  hasResolvedOn: fc.boolean(),
  contact: optional(arbText(1, 50)),
  phone: optional(arbPhone),
  remarks: optional(arbText(1, 500)),
  review: optional(arbText(1, 500)),
  followUp: optional(fc.constantFrom(...FOLLOW_UPS)),
  followUpOn: arbFraction,
});

/** A canonical problem row that honours every rule of docs/ledgers.md on `today`. */
export function arbProblemRow(opts: RowOptions): fc.Arbitrary<CanonicalRow> {
  const { today } = opts;
  return arbProblemDraws.map((d) => {
    const row: CanonicalRow = {};
    sharedColumns(d.shared, row);
    row.sector = d.sector;
    row.category = d.category;
    row.description = d.description;
    const foundOn = dayWithin('2000-01-01', today, d.foundOn);
    row.foundOn = foundOn;
    row.level = d.level;
    // 现场解决 means solved on the spot: the status can only be 已解决.
    const status = d.level === '现场解决' ? '已解决' : d.status;
    const resolved = status === '已解决';
    if ((d.level !== '现场解决' && status !== '待办理') || d.hasDepartment) row.department = d.department;
    // The deadline may lie after today (that is what a deadline is for), never before foundOn.
    const inHand = status === '办理中' || status === '待审核';
    if (inHand || d.hasDeadline) row.deadline = dayWithin(foundOn, dayToDate(dateToDay(foundOn) + 730), d.deadline);
    row.status = status;
    if (resolved || status === '待审核' || d.hasResolution) row.resolution = d.resolution;
    if (resolved || d.hasResolvedOn) row.resolvedOn = dayWithin(foundOn, today, d.resolvedOn);
    if (d.contact !== undefined) row.contact = d.contact;
    if (d.phone !== undefined) row.phone = d.phone;
    if (d.remarks !== undefined) row.remarks = d.remarks;
    if (d.review !== undefined) row.review = d.review;
    if (resolved && d.followUp !== undefined) {
      row.followUp = d.followUp;
      row.followUpOn = dayWithin(row.resolvedOn as string, today, d.followUpOn);
    }
    return row;
  });
}

const arbCount = (max: number) => fc.oneof(fc.constant(0), fc.integer({ min: 0, max }));

const arbVisitDraws = fc.record({
  visitedOn: arbFraction,
  shared: arbShared,
  staff: fc.integer({ min: 1, max: 100 }),
  policies: arbCount(1000),
  served: arbCount(100_000),
  problemsFound: arbCount(1000),
  notes: optional(arbText(1, 500)),
});

/** A canonical visit row on `today`: the counts absent = 0 are always there, as parseRow fills them. */
export function arbVisitRow(opts: RowOptions): fc.Arbitrary<CanonicalRow> {
  const { today } = opts;
  return arbVisitDraws.map((d) => {
    const row: CanonicalRow = { visitedOn: dayWithin('2000-01-01', today, d.visitedOn) };
    sharedColumns(d.shared, row);
    row.staff = d.staff;
    row.policies = d.policies;
    row.served = d.served;
    row.problemsFound = d.problemsFound;
    if (d.notes !== undefined) row.notes = d.notes;
    return row;
  });
}

// ---------------------------------------------------------------------------------------------
// Messy valid rows

/** The canonical row typed the way clerks type it; absent optional cells may arrive blank. */
export function arbMessyFrom(canonical: fc.Arbitrary<CanonicalRow>, keys: readonly string[], opts: RowOptions): fc.Arbitrary<MessyRow> {
  const arbMesses = fc.tuple(...keys.map(() => arbMess));
  return fc.tuple(canonical, arbMesses).map(([expected, messes]) => {
    const raw: RawRow = {};
    keys.forEach((key, i) => {
      const m = messes[i]!;
      const v = expected[key];
      if (v !== undefined) raw[key] = messyCell(key, v, m, opts);
      else if (m.variant % 2 === 1) raw[key] = EMPTY_CELLS[Math.floor(m.variant / 2) % EMPTY_CELLS.length];
    });
    return { raw, expected };
  });
}

export const arbMessyProblemRow = (opts: RowOptions): fc.Arbitrary<MessyRow> => arbMessyFrom(arbProblemRow(opts), PROBLEM_KEYS, opts);
export const arbMessyVisitRow = (opts: RowOptions): fc.Arbitrary<MessyRow> => arbMessyFrom(arbVisitRow(opts), VISIT_KEYS, opts);

// ---------------------------------------------------------------------------------------------
// Invalid rows: one defect each

/** Choices a defect makes (which bad value, how far out of range), from a seeded PRNG. */
interface Chooser {
  int(min: number, max: number): number;
  one<const T extends readonly unknown[]>(...xs: T): T[number];
}

function chooser(seed: number): Chooser {
  const next = random(seed);
  return {
    int: (min, max) => min + below(next, max - min + 1),
    one: (...xs) => xs[below(next, xs.length)],
  };
}

type Defect = (row: CanonicalRow, c: Chooser, opts: RowOptions) => InvalidRow | undefined;

function defect(field: string, code: ErrorCode, what: string, row: CanonicalRow, changes: Record<string, unknown>): InvalidRow {
  const raw: RawRow = { ...row };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete raw[k];
    else raw[k] = v;
  }
  return { raw, field, code, defect: what };
}

const NOT_A_CELL: readonly unknown[] = [true, false, {}, [], { a: 1 }, ['2022-03-24']];
const notACell = (c: Chooser) => c.one(...NOT_A_CELL);
const tooLong = (max: number) => '长'.repeat(max + 1);
const daysAfter = (date: string, n: number) => dayToDate(dateToDay(date) + n);

/** A valid code with another check character. */
function wrongCheck(c: Chooser): string {
  const code = spellCreditCode(c.int(0, 0x7fffffff));
  return code.slice(0, 17) + CREDIT_ALPHABET[(CREDIT_ALPHABET.indexOf(code[17]!) + c.int(1, 30)) % 31]!;
}

/** A code of the wrong length or with a letter the alphabet leaves out. */
function badShape(c: Chooser): string {
  const code = spellCreditCode(c.int(0, 0x7fffffff));
  return c.one(code.slice(0, 17), `${code}0`, `${code.slice(0, 3)}I${code.slice(4)}`, `${code.slice(0, 8)}O${code.slice(9)}`);
}

/** Defects that make sense in both ledgers. */
const sharedDefects: Defect[] = [
  (row) => defect('county', 'enum', 'county not a county', row, { county: '北京市' }),
  (row) => defect('targetType', 'enum', 'targetType not an option', row, { targetType: '入户' }),
  (row) => defect('targetName', 'too_long', 'targetName 101 characters', row, { targetName: tooLong(100) }),
  (row) => defect('group', 'too_long', 'group 101 characters', row, { group: tooLong(100) }),
  (row) => defect('township', 'too_long', 'township 51 characters', row, { township: tooLong(50) }),
  (row, c) => defect('targetName', 'type', 'targetName not a cell value', row, { targetName: notACell(c) }),
  (row, c) => defect('county', 'type', 'county not a cell value', row, { county: notACell(c) }),
  (row, c) =>
    row.targetType === '入企' ? defect('creditCode', 'checksum', 'creditCode wrong check character', row, { creditCode: wrongCheck(c) }) : undefined,
  (row, c) => (row.targetType === '入企' ? defect('creditCode', 'format', 'creditCode wrong shape', row, { creditCode: badShape(c) }) : undefined),
  (row, c) =>
    defect('creditCode', 'rule', 'creditCode on a 进村 row', row, {
      targetType: '进村',
      township: row.township ?? '某某镇',
      creditCode: spellCreditCode(c.int(0, 0x7fffffff)),
    }),
  (row) => (row.targetType === '进村' ? defect('township', 'required', 'no township on a 进村 row', row, { township: undefined }) : undefined),
  (row) => defect('序号', 'unknown', 'a 序号 column', row, { 序号: 1 }),
];

/** Every always-required key of a ledger, deleted or blank. */
function missingDefects(required: readonly string[]): Defect[] {
  return required.map(
    (key): Defect =>
      (row, c) =>
        defect(key, 'required', `no ${key}`, row, { [key]: c.one(undefined, null, '', '  ') }),
  );
}

const problemDefects: Defect[] = [
  ...sharedDefects,
  ...missingDefects(['county', 'targetType', 'targetName', 'group', 'sector', 'category', 'description', 'foundOn', 'level', 'status']),
  (row) => defect('sector', 'enum', 'sector not an option', row, { sector: '金融业' }),
  (row) => defect('category', 'enum', 'category not an option', row, { category: '其它问题' }),
  (row) => defect('description', 'too_short', 'description of 4 characters', row, { description: '问题描述' }),
  (row) => defect('description', 'too_long', 'description of 1001 characters', row, { description: tooLong(1000) }),
  (row) => defect('resolution', 'too_long', 'resolution of 2001 characters', row, { resolution: tooLong(2000) }),
  (row, c, { today }) => defect('foundOn', 'range', 'foundOn after today', row, { foundOn: daysAfter(today, c.int(1, 400)) }),
  (row) => defect('foundOn', 'range', 'foundOn before 2000', row, { foundOn: '1999-12-31' }),
  (row, c) => defect('foundOn', 'type', 'foundOn not a date', row, { foundOn: c.one('2022-02-30', '2022-13-01', '24/3/2022', 'yesterday', 60, 0, -1) }),
  (row) => defect('deadline', 'rule', 'deadline before foundOn', row, { deadline: daysAfter(String(row.foundOn), -1) }),
  (row) => defect('resolvedOn', 'rule', 'resolvedOn before foundOn', row, { resolvedOn: daysAfter(String(row.foundOn), -1) }),
  (row, c, { today }) => defect('resolvedOn', 'range', 'resolvedOn after today', row, { resolvedOn: daysAfter(today, c.int(1, 30)) }),
  (row) =>
    defect('status', 'rule', '现场解决 but not 已解决', row, {
      level: '现场解决',
      status: '办理中',
      deadline: row.deadline ?? row.foundOn,
      department: row.department ?? '区发改局',
      followUp: undefined,
      followUpOn: undefined,
    }),
  (row) =>
    row.level !== '现场解决' && row.status !== '待办理'
      ? defect('department', 'required', 'no department once assigned above 现场解决', row, { department: undefined })
      : undefined,
  (row) =>
    row.status === '办理中' || row.status === '待审核' ? defect('deadline', 'required', 'no deadline while in hand', row, { deadline: undefined }) : undefined,
  (row) =>
    row.status === '已解决' || row.status === '待审核'
      ? defect('resolution', 'required', 'no resolution once 已解决 or 待审核', row, { resolution: '  ' })
      : undefined,
  (row) => (row.followUp !== undefined ? defect('followUpOn', 'required', 'a follow-up without its date', row, { followUpOn: undefined }) : undefined),
  (row) =>
    row.followUp !== undefined
      ? defect('followUpOn', 'rule', 'followed up before it was resolved', row, { followUpOn: daysAfter(String(row.resolvedOn), -1) })
      : undefined,
  (row) =>
    row.status !== '已解决' ? defect('followUp', 'rule', 'a follow-up before it is resolved', row, { followUp: '满意', followUpOn: undefined }) : undefined,
  (row) => defect('review', 'too_long', 'review of 501 characters', row, { review: tooLong(500) }),
  (row) => (row.status === '已解决' ? defect('resolvedOn', 'required', 'no resolvedOn once 已解决', row, { resolvedOn: undefined }) : undefined),
  (row, c) =>
    defect('phone', 'format', 'phone not a number', row, { phone: c.one('12345', '1380013800', '010-123456', '0351-123456789', 'none', '+1 212 555 0100') }),
  (row, c) => defect('phone', 'type', 'phone not a cell value', row, { phone: notACell(c) }),
  (row, c) => defect('level', 'type', 'level not a cell value', row, { level: notACell(c) }),
];

const visitDefects: Defect[] = [
  ...sharedDefects,
  ...missingDefects(['visitedOn', 'county', 'targetType', 'targetName', 'group', 'staff']),
  (row, c, { today }) => defect('visitedOn', 'range', 'visitedOn after today', row, { visitedOn: daysAfter(today, c.int(1, 400)) }),
  (row) => defect('visitedOn', 'range', 'visitedOn before 2000', row, { visitedOn: '1999-12-31' }),
  (row, c) => defect('visitedOn', 'type', 'visitedOn not a date', row, { visitedOn: c.one('2022-02-30', '2022-3-32', 60, 'today') }),
  (row, c) => defect('staff', 'range', 'staff out of 1–100', row, { staff: c.one(0, 101, -1, '0', '1,000') }),
  (row, c) => defect('staff', 'type', 'staff not whole', row, { staff: c.one(3.5, '3.5', 'three', '3人', true) }),
  (row) => defect('policies', 'range', 'policies 1001', row, { policies: 1001 }),
  (row) => defect('served', 'range', 'served 100001', row, { served: '100,001' }),
  (row) => defect('problemsFound', 'range', 'problemsFound negative', row, { problemsFound: '-1' }),
  (row) => defect('notes', 'too_long', 'notes 501 characters', row, { notes: tooLong(500) }),
];

function arbInvalidFrom(valid: fc.Arbitrary<CanonicalRow>, defects: readonly Defect[], opts: RowOptions): fc.Arbitrary<InvalidRow> {
  return fc.tuple(valid, fc.nat(defects.length - 1), arbSeed).map(([row, first, seed]) => {
    const c = chooser(seed);
    // Not every defect applies to every row (a 进村 row has no credit code to get wrong):
    // the next one that does. The unknown-column defect always applies, so this ends.
    for (let i = 0; ; i++) {
      const r = defects[(first + i) % defects.length]!(row, c, opts);
      if (r) return r;
    }
  });
}

export const arbInvalidProblemRow = (opts: RowOptions): fc.Arbitrary<InvalidRow> => arbInvalidFrom(arbProblemRow(opts), problemDefects, opts);
export const arbInvalidVisitRow = (opts: RowOptions): fc.Arbitrary<InvalidRow> => arbInvalidFrom(arbVisitRow(opts), visitDefects, opts);
