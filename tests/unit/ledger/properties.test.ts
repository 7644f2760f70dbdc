// Properties of the parser over generated rows (fast-check):
//   (a) it never throws, whatever arrives, and what it returns is well-formed;
//   (b) a canonical row parses to itself, and every value it produces is a fixed point;
//   (c) valid rows pass, however messily typed, and read as the canonical row;
//   (d) deleting one required field of a valid row fails exactly that field, with `required`;
// and rows with one defect fail with exactly that defect.

import fc from 'fast-check';
import {
  ERROR_CODES,
  canonicalSchema,
  conditionHolds,
  textLength,
  creditCodeCheckChar,
  dateToSerial,
  parseCreditCode,
  parseDateText,
  parsePhone,
  parseRow,
  problems,
  quote,
  serialToDate,
  toHalfWidth,
  trimEnds,
  visits,
  type CanonicalRow,
  type LedgerDef,
  type RowResult,
} from '@taizhang/ledger';
import {
  PROBLEM_KEYS,
  VISIT_KEYS,
  arbCreditCode,
  arbDate,
  arbInvalidProblemRow,
  arbInvalidVisitRow,
  arbMessyProblemRow,
  arbMessyVisitRow,
  arbPhone,
  arbProblemRow,
  arbVisitRow,
  checkChar,
  dateToDay,
  dayToDate,
  type RowOptions,
} from '../../support/generators';

const TODAY = '2026-11-28';
const OPTS: RowOptions = { today: TODAY };
const LEDGERS: [string, LedgerDef, readonly string[]][] = [
  ['problems', problems, PROBLEM_KEYS],
  ['visits', visits, VISIT_KEYS],
];
const RUNS = { numRuns: 300 };

/** What every result must look like, whatever went in. */
function expectWellFormed(ledger: LedgerDef, r: RowResult): void {
  const keys = new Set(ledger.fields.map((f) => f.key));
  // A plain object (as Firestore, JSON and structuredClone take it), its keys in ledger order.
  expect(Object.getPrototypeOf(r.values)).toBe(Object.prototype);
  expect(Object.keys(r.values)).toEqual(ledger.fields.map((f) => f.key).filter((k) => Object.hasOwn(r.values, k)));
  for (const [k, v] of Object.entries(r.values)) {
    expect(keys.has(k)).toBe(true);
    expect(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0))).toBe(true);
  }
  const failed = new Set<string>();
  for (const e of r.errors) {
    expect(ERROR_CODES).toContain(e.code);
    expect(typeof e.field).toBe('string');
    expect(typeof e.header).toBe('string');
    expect(e.message).toBe(`${e.zh} / ${e.en}`);
    expect(e.code === 'unknown').toBe(!keys.has(e.field));
    if (e.code !== 'unknown' && e.code !== 'rule') {
      // A field gets at most one cell error, and a field with one has no value.
      expect(failed.has(e.field)).toBe(false);
      failed.add(e.field);
      expect(r.values).not.toHaveProperty(e.field);
    }
  }
}

// -------------------------------------------------------------------------------------------
// Arbitrary input

/** Values that have broken parsers before: edge numbers, odd strings, odd objects. */
const arbNasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    1e21,
    -1e21,
    60,
    0.5,
    '\ud800',
    '\udc00',
    'a\ud800b',
    '\ud800\udc00',
    '\udbff',
    '\u0000',
    '\ufeff',
    '\u200b',
    '  ',
    '\u3000',
    '１２３',
    '２０２２－０２－３０',
    '0x10',
    '1e3',
    '-0',
    '+',
    '.',
    ',',
    '1,2,3',
    '年月日',
    'T',
    'Z',
    '9999-12-31T23:00:00-08:00',
    '0001-01-01T00:00:00+08:00',
    '2022-03-24T99:99:99Z',
    new Date(NaN),
    new Date(8.64e15),
    new Date(-8.64e15),
    new Date(-62198755200000),
    '长'.repeat(100_000),
    '9'.repeat(10_000),
    ' '.repeat(10_000),
    '1,'.repeat(5_000),
    [],
    {},
    [[]],
    Object.create(null),
    new Map(),
    new Set([1]),
    1n,
    Symbol('s'),
    () => 0,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // Strings of lone surrogates and their neighbours.
  fc
    .array(
      fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)),
      { maxLength: 8 },
    )
    .map((a) => a.join('')),
  fc.double(),
  fc.integer(),
);

const arbAnything: fc.Arbitrary<unknown> = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: 'binary',
  key: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', ...PROBLEM_KEYS, ...VISIT_KEYS)),
});

const arbCell: fc.Arbitrary<unknown> = fc.oneof(arbNasty, arbAnything);

/** Records over the ledger's keys (any subset), plus odd keys, with arbitrary values. */
function arbRawRecord(keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(keys.map((k) => [k, arbCell]));
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', '序号', ''), arbCell, { maxKeys: 3 }),
    )
    .map(([a, b]) => {
      const row: Record<string, unknown> = { ...a };
      // defineProperty makes "__proto__" an own key, as JSON.parse would.
      for (const [k, v] of Object.entries(b)) Object.defineProperty(row, k, { value: v, enumerable: true, writable: true, configurable: true });
      return row;
    });
}

describe.each(LEDGERS)('(a) %s: parseRow never throws', (_, ledger, keys) => {
  test('on anything', () => {
    fc.assert(
      fc.property(arbAnything, (raw) => expectWellFormed(ledger, parseRow(ledger, raw, { today: TODAY }))),
      RUNS,
    );
  });

  test('on any object', () => {
    fc.assert(
      fc.property(fc.object({ withNullPrototype: true, withBoxedValues: true, withDate: true, withBigInt: true }), (raw) =>
        expectWellFormed(ledger, parseRow(ledger, raw, { today: TODAY })),
      ),
      RUNS,
    );
  });

  test('on records of arbitrary values for its keys', () => {
    fc.assert(
      fc.property(arbRawRecord(keys), fc.boolean(), (raw, date1904) => expectWellFormed(ledger, parseRow(ledger, raw, { today: TODAY, date1904 }))),
      { numRuns: 500 },
    );
  });

  test('on valid rows with one cell replaced by anything', () => {
    const arbRow = ledger === problems ? arbProblemRow(OPTS) : arbVisitRow(OPTS);
    fc.assert(
      fc.property(arbRow, fc.constantFrom(...keys), arbCell, (row, key, value) => {
        const r = parseRow(ledger, { ...row, [key]: value }, { today: TODAY });
        expectWellFormed(ledger, r);
        // Other cells are unaffected: each value read is still the canonical one.
        for (const k of keys) if (k !== key && r.values[k] !== undefined) expect(r.values[k]).toEqual(row[k]);
      }),
      RUNS,
    );
  });
});

// -------------------------------------------------------------------------------------------
// Canonical rows

const arbRow = (ledger: LedgerDef, opts: RowOptions): fc.Arbitrary<CanonicalRow> => (ledger === problems ? arbProblemRow(opts) : arbVisitRow(opts));

describe.each(LEDGERS)('(b) %s: canonical rows are fixed points', (_, ledger, keys) => {
  test('a canonical row parses to itself, with no errors, and the zod schema accepts it', () => {
    fc.assert(
      fc.property(arbRow(ledger, OPTS), (row) => {
        expect(parseRow(ledger, row, { today: TODAY })).toEqual({ values: row, errors: [] });
        expect(canonicalSchema(ledger).safeParse(row).success).toBe(true);
      }),
      RUNS,
    );
  });

  test('whatever arrives, each value read parses to itself', () => {
    fc.assert(
      fc.property(arbRawRecord(keys), fc.boolean(), (raw, date1904) => {
        const first = parseRow(ledger, raw, { today: TODAY, date1904 });
        const again = parseRow(ledger, first.values, { today: TODAY, date1904 });
        expect(again.values).toEqual(expect.objectContaining(first.values));
        // Values read pass every check of their own cell again; only row-level errors remain.
        for (const e of again.errors) expect(['required', 'rule']).toContain(e.code);
      }),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------
// Valid rows

describe.each([
  ['problems', problems, arbMessyProblemRow],
  ['visits', visits, arbMessyVisitRow],
] as const)('(c) %s: valid rows pass', (_, ledger, arbMessy) => {
  test('messy but valid rows read as their canonical row', () => {
    fc.assert(
      fc.property(arbMessy(OPTS), ({ raw, expected }) => {
        expect(parseRow(ledger, raw, { today: TODAY })).toEqual({ values: expected, errors: [] });
      }),
      { numRuns: 500 },
    );
  });

  test('in a 1904 workbook too', () => {
    const opts = { today: TODAY, date1904: true };
    fc.assert(
      fc.property(arbMessy(opts), ({ raw, expected }) => {
        expect(parseRow(ledger, raw, opts)).toEqual({ values: expected, errors: [] });
      }),
      RUNS,
    );
  });

  test('on any today, and still on any later day', () => {
    const arbCase = fc
      .tuple(arbDate('2000-01-01', '2099-12-31'), fc.integer({ min: 0, max: 3650 }))
      .chain(([today, later]) => arbMessy({ today }).map((m) => ({ ...m, later: dayToDate(dateToDay(today) + later) })));
    fc.assert(
      fc.property(arbCase, ({ raw, expected, later }) => {
        expect(parseRow(ledger, raw, { today: later })).toEqual({ values: expected, errors: [] });
      }),
      RUNS,
    );
  });
});

// -------------------------------------------------------------------------------------------
// One defect at a time

/** The fields a valid row cannot do without: always required, or required by its values. */
function requiredIn(ledger: LedgerDef, row: CanonicalRow): string[] {
  return ledger.fields
    .filter((f) => {
      if (f.required === true) return true;
      if (f.required === false) return false;
      return conditionHolds(f.required, row);
    })
    .map((f) => f.key);
}

describe.each(LEDGERS)('(d) %s: deleting a required field', (_, ledger) => {
  test('fails exactly that field, with required', () => {
    fc.assert(
      fc.property(
        arbRow(ledger, OPTS).chain((row) => fc.tuple(fc.constant(row), fc.constantFrom(...requiredIn(ledger, row)))),
        fc.constantFrom<unknown>(undefined, null, '', '  ', '\u3000', 'delete'),
        ([row, key], blank) => {
          const raw: Record<string, unknown> = { ...row };
          if (blank === 'delete') delete raw[key];
          else raw[key] = blank;
          const { errors } = parseRow(ledger, raw, { today: TODAY });
          expect(errors.map((e) => [e.field, e.code])).toEqual([[key, 'required']]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe.each([
  ['problems', problems, arbInvalidProblemRow],
  ['visits', visits, arbInvalidVisitRow],
] as const)('%s: a row with one defect', (_, ledger, arbInvalid) => {
  test('fails with exactly that error', () => {
    fc.assert(
      fc.property(arbInvalid(OPTS), ({ raw, field, code, defect }) => {
        const { errors } = parseRow(ledger, raw, { today: TODAY });
        expect([defect, errors.map((e) => [e.field, e.code])]).toEqual([defect, [[field, code]]]);
      }),
      { numRuns: 500 },
    );
  });
});

// -------------------------------------------------------------------------------------------
// The cell types on their own

describe('cell types', () => {
  test('credit codes: the core agrees with an independent check, in any case', () => {
    fc.assert(
      fc.property(arbCreditCode, (code) => {
        expect(creditCodeCheckChar(code.slice(0, 17))).toBe(checkChar(code.slice(0, 17)));
        expect(parseCreditCode(code.toLowerCase())).toEqual({ ok: true, value: code });
      }),
    );
  });

  test('credit codes: any other check character is a checksum error', () => {
    fc.assert(
      fc.property(arbCreditCode, fc.integer({ min: 1, max: 30 }), (code, k) => {
        const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
        const wrong = code.slice(0, 17) + alphabet[(alphabet.indexOf(code[17]!) + k) % 31]!;
        expect(parseCreditCode(wrong)).toEqual({ ok: false, code: 'checksum' });
      }),
    );
  });

  test('textLength counts code points, as Array.from does, in well-formed text, and is -1 for text with half a surrogate pair', () => {
    // Mostly surrogates, so that broken and whole pairs both come up, at every position.
    const arbUnits = fc
      .array(fc.oneof(fc.integer({ min: 0xd7fe, max: 0xe001 }), fc.integer({ min: 0, max: 0xffff })), { maxLength: 70 })
      .map((a) => String.fromCharCode(...a));
    const wellFormed = (x: string) => Array.from(x).every((c) => c.length === 2 || c.charCodeAt(0) < 0xd800 || c.charCodeAt(0) > 0xdfff);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 70 }), arbUnits), (x) =>
        expect(textLength(x)).toBe(wellFormed(x) ? Array.from(x).length : -1),
      ),
      { numRuns: 3000 },
    );
  });

  // Units around the edges of what trim() strips and toHalfWidth() converts.
  const EDGE_UNITS = [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1f, 0x20, 0x21, 0x7e, 0x7f, 0x85, 0xa0, 0x1680, 0x180e, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
    0x3001, 0x4e00, 0xd840, 0xdc00, 0xfeff, 0xff00, 0xff01, 0xff10, 0xff5e, 0xff5f, 0xffe5,
  ];
  const arbEdgy = fc
    .array(
      fc.constantFrom(...EDGE_UNITS).map((c) => String.fromCharCode(c)),
      { maxLength: 12 },
    )
    .map((a) => a.join(''));

  test('trimEnds is String.prototype.trim', () => {
    fc.assert(
      fc.property(fc.oneof(arbEdgy, fc.string({ unit: 'binary', maxLength: 12 })), (x) => expect(trimEnds(x)).toBe(x.trim())),
      { numRuns: 2000 },
    );
  });

  test('a padded text cell is judged as its trimmed text: the same value, or the same error with the same count', () => {
    // Around the limits, where the parser counts characters (in the cell as it came, less what
    // trim cut): pairs, lone halves next to the padding, padding of every kind trim strips.
    const remarks = problems.fields.find((f) => f.key === 'remarks')!;
    const max = remarks.type.kind === 'text' ? remarks.type.max : 0;
    const arbUnit = fc.constantFrom('字', 'a', '𠀀', '\ud840', '\udc00', ' ', '\u3000');
    const arbText = fc
      .tuple(fc.integer({ min: max - 3, max: 2 * max + 3 }), arbUnit, arbUnit, arbUnit)
      .map(([n, a, b, c]) => `${a}${'字𠀀'.repeat(Math.floor(n / 3))}${b}${'字'.repeat(n % 3)}${c}`);
    const arbPad = fc.array(fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', '\ufeff', '\u2028'), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(arbPad, arbText, arbPad, (before, text, after) => {
        const trimmed = text.trim();
        fc.pre(trimmed !== '');
        const judge = (cell: string) => parseRow(problems, { remarks: cell }, { today: TODAY });
        const padded = judge(`${before}${text}${after}`);
        const plain = judge(trimmed);
        expect(padded.values.remarks).toBe(plain.values.remarks);
        const remarkErrors = (r: RowResult) => r.errors.filter((e) => e.field === 'remarks');
        expect(remarkErrors(padded)).toEqual(remarkErrors(plain));
        // and the count is the characters of the trimmed text, as Array.from counts them
        const tooLong = remarkErrors(plain).find((e) => e.code === 'too_long');
        if (tooLong) expect(tooLong.en).toContain(`(has ${Array.from(trimmed).length})`);
      }),
      { numRuns: 1000 },
    );
  });

  test('toHalfWidth converts full-width ASCII and the ideographic space unit by unit, at any length', () => {
    const reference = (x: string) => x.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
    fc.assert(
      fc.property(fc.oneof(arbEdgy, fc.string({ unit: 'binary', maxLength: 30 })), (x) => expect(toHalfWidth(x)).toBe(reference(x))),
      {
        numRuns: 2000,
      },
    );
    // Longer than one String.fromCharCode call takes.
    const long = 'ａ１\u3000字'.repeat(5000);
    expect(toHalfWidth(long)).toBe(reference(long));
  });

  test('messages quote the first 30 characters (code points) of any string', () => {
    // …with an unpaired surrogate shown as U+FFFD (a message is stored; Firestore cannot hold one).
    const cut = (x: string) => (Array.from(x).length > 30 ? `${Array.from(x).slice(0, 30).join('')}…` : x);
    const reference = (x: string) => cut(x).replace(/\p{Cs}/gu, '\ufffd');
    const arbUnits = fc
      .array(
        fc.integer({ min: 0xd7f0, max: 0xe010 }).map((c) => String.fromCharCode(c)),
        { maxLength: 70 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 70 }), arbUnits), (x) => expect(quote(x)).toBe(reference(x))),
      { numRuns: 1000 },
    );
  });

  test('phones: a canonical number parses to itself', () => {
    fc.assert(fc.property(arbPhone, (phone) => expect(parsePhone(phone)).toBe(phone)));
  });

  test('phones: a dash anywhere in the digits reads as the digits alone', () => {
    // Whether a number is taken as it came or rebuilt, where the dash sits does not matter:
    // 0211-2345678 is 021-12345678, as 02112345678 is.
    const arbDashed = fc.tuple(fc.constantFrom('0', '1', '01', '02', '03', '0086'), fc.stringMatching(/^\d{7,11}$/), fc.nat()).map(([lead, rest, at]) => {
      const digits = lead + rest;
      const cut = 1 + (at % (digits.length - 1));
      return { digits, dashed: `${digits.slice(0, cut)}-${digits.slice(cut)}` };
    });
    fc.assert(
      fc.property(arbDashed, ({ digits, dashed }) => expect(parsePhone(dashed)).toBe(parsePhone(digits))),
      { numRuns: 3000 },
    );
  });

  // Oracles from Date, which the core no longer uses per cell.
  const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const dayOfInstantInShanghai = (ms: number) => isoDay(ms + 8 * 3_600_000);

  test('serials: the day Date counts from 1899-12-30 (after the phantom 1900-02-29) or 1904-01-01', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), fc.integer({ min: 0, max: 2_957_003 }), (s1900, s1904) => {
        expect(serialToDate(s1900)).toEqual({ ok: true, value: isoDay(Date.UTC(1899, 11, 30) + s1900 * 86_400_000) });
        expect(serialToDate(s1904, true)).toEqual({ ok: true, value: isoDay(Date.UTC(1904, 0, 1) + s1904 * 86_400_000) });
      }),
      { numRuns: 1000 },
    );
  });

  test('timestamps: the day in Shanghai of the instant, whatever the zone', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        fc.constantFrom('T', ' '),
        (ms, offsetMinutes, sep) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString(); // the wall clock in that zone
          const sign = offsetMinutes < 0 ? '-' : '+';
          const zone =
            offsetMinutes === 0 && sep === 'T' ? 'Z' : `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
          const text = `${local.slice(0, 10)}${sep}${local.slice(11, 19)}${zone}`;
          expect(parseDateText(text)).toEqual({ ok: true, value: dayOfInstantInShanghai(Math.floor(ms / 1000) * 1000) });
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('numeric dates: read exactly when they name a real day, with any of the separators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('-', '/', '.'),
        fc.boolean(),
        (y, m, d, sep, zeros) => {
          const two = (n: number) => (zeros ? String(n).padStart(2, '0') : String(n));
          const text = `${String(y).padStart(4, '0')}${sep}${two(m)}${sep}${two(d)}`;
          const t = new Date(Date.UTC(2000, m - 1, d));
          t.setUTCFullYear(y);
          const real = y >= 1 && m >= 1 && m <= 12 && d >= 1 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
          expect(parseDateText(text)).toEqual(
            real ? { ok: true, value: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` } : { ok: false },
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('timestamps: read by hand exactly as the pattern reads them, near misses included', () => {
    // The pattern parseDateText used for every timestamp before the hand-written reading, and
    // still uses for the forms that reading leaves to it: the oracle.
    const DATE_TEXT =
      /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
    const oracle = (text: string) => {
      const m = DATE_TEXT.exec(text);
      if (!m) return { ok: false };
      const [y, mo, d] = [Number(m[1]), Number(m[3] ?? m[5] ?? m[7]), Number(m[4] ?? m[6] ?? m[8])];
      const [h, mi, sec] = [Number(m[9] ?? 0), Number(m[10] ?? 0), Number(m[11] ?? 0)];
      const t = new Date(Date.UTC(2000, mo - 1, d));
      t.setUTCFullYear(y);
      if (y < 1 || mo < 1 || mo > 12 || d < 1 || t.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || sec > 59) return { ok: false };
      const zone = m[12];
      if (zone === undefined) return { ok: true, value: t.toISOString().slice(0, 10) };
      const [oh, om] = zone === 'Z' ? [0, 0] : [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
      if (oh > 23 || om > 59) return { ok: false };
      const offset = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
      const ms = t.getTime() + ((h * 60 + mi) * 60 + sec) * 1000 - offset * 60_000 + 8 * 3_600_000;
      const day = new Date(ms);
      return day.getUTCFullYear() > 9999 || day.getUTCFullYear() < 1 ? { ok: false } : { ok: true, value: day.toISOString().slice(0, 10) };
    };
    const part = (...xs: string[]) => fc.constantFrom(...xs);
    const arbText = fc
      .tuple(
        fc.integer({ min: 1, max: 9999 }).map((y) => String(y).padStart(4, '0')),
        part('-', '/', '.', '-', '年'),
        part('1', '03', '12', '13', '0', '123', ''),
        part('1', '24', '31', '30', '0', '123', ''),
        part('T', ' ', '  ', '\t', '\u00a0', '', 't', 'T '),
        part('0', '7', '10', '23', '24', '99', '123', ''),
        part(':', '', '.'),
        part('00', '30', '59', '60', '5', '305', ''),
        part('', ':00', ':59', ':60', ':5', ':', ':00.', ':00.5', ':00.123', '.5'),
        part('', ' ', '  ', '\t'),
        part('', 'Z', 'z', '+08:00', '+0800', '-05:30', '+08:60', '+24:00', '+8:00', '+08:0', '-0000', 'Z ', '+08:00x', '+08::00'),
      )
      .map(([y, sep, mo, d, t, h, colon, mi, sec, space, zone]) => {
        const date = sep === '年' ? `${y}年${mo}月${d}日` : `${y}${sep}${mo}${sep}${d}`;
        return `${date}${t}${h}${colon}${mi}${sec}${space}${zone}`;
      });
    fc.assert(
      fc.property(arbText, (text) => expect(parseDateText(text)).toEqual(oracle(text))),
      { numRuns: 5000 },
    );
  });

  test('serials: every day from 1900-01-01 to 9999-12-31 survives the round trip, in both systems', () => {
    fc.assert(
      fc.property(arbDate('1900-01-01', '9999-12-31'), fc.double({ min: 0, max: 0.999999, noNaN: true }), (date, time) => {
        const serial = dateToSerial(date);
        expect(serial).not.toBe(60);
        expect(serialToDate(serial + time)).toEqual({ ok: true, value: date });
        if (date >= '1904-01-01') expect(serialToDate(dateToSerial(date, true) + time, true)).toEqual({ ok: true, value: date });
      }),
      { numRuns: 1000 },
    );
  });
});
