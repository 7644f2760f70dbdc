// The simulator meters each answer in the bytes its JSON would weigh; counted without building
// the JSON, the figure must be the very one the JSON gives.
import fc from 'fast-check';
import { utf8Length } from '@taizhang/ledger';
import { isPlainGrid, jsonBytes, jsonStringBytes } from '@taizhang/excel-simulator/wire';

const viaJson = (v: unknown) => utf8Length(JSON.stringify(v));

/** Any one cell a grid read or written can hold. */
const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e21, 1e-7, 44644),
);

describe('JSON bytes of an answer', () => {
  it('counts strings as JSON writes them: escapes, control characters, surrogates paired and alone, Chinese', () => {
    for (const s of [
      '',
      'abc',
      '"quoted"',
      'back\\slash',
      '\b\f\n\r\t',
      '\u0000\u0001\u001f\u007f',
      '企业反映用工紧张',
      '😀',
      '\ud83d',
      '\ude00',
      'a\ud83db',
      '\ude00\ud83d',
      '\u2028\u2029',
      'é£',
      '\ud83d\ude00\ud83d',
    ]) {
      expect(jsonStringBytes(s)).toBe(viaJson(s));
    }
  });

  it('any string, in any alphabet', () => {
    for (const unit of ['grapheme', 'binary', 'grapheme-composite'] as const) {
      fc.assert(
        fc.property(fc.string({ unit, maxLength: 60 }), (s) => jsonStringBytes(s) === viaJson(s)),
        { numRuns: 500 },
      );
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff })), (codes) => {
        const s = String.fromCharCode(...codes);
        return jsonStringBytes(s) === viaJson(s);
      }),
      { numRuns: 500 },
    );
  });

  it('any value a reader answers: grids of cells, numbers of every kind, null, holes, objects', () => {
    const value = fc.oneof(
      cell,
      fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 8 }),
      fc.array(cell),
      fc.jsonValue(),
      fc.dictionary(fc.string(), cell),
      fc.array(fc.dictionary(fc.string(), cell)),
    );
    fc.assert(
      fc.property(value, (v) => jsonBytes(v ?? null) === viaJson(v ?? null)),
      { numRuns: 1000 },
    );
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    expect(jsonBytes([1, , 3])).toBe(viaJson([1, , 3]));
    expect(jsonBytes([new Date(0), () => 1, Symbol('x')])).toBe(viaJson([new Date(0), () => 1, Symbol('x')]));
  });
});

describe('a written grid on its way through JSON', () => {
  it('grids of cells, holes included, take the plain path', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(cell, fc.array(cell, { maxLength: 8 })), { maxLength: 8 }), (grid) => isPlainGrid(grid)),
      { numRuns: 500 },
    );
    // biome-ignore lint/suspicious/noSparseArray: a hole is what this case is about
    expect(isPlainGrid([[1, , 3]])).toBe(true);
  });

  it('anything JSON must see whole does not: objects, dates, functions, an array with toJSON', () => {
    expect(isPlainGrid([[{ a: 1 }]])).toBe(false);
    expect(isPlainGrid([new Date(0)])).toBe(false);
    expect(isPlainGrid([[() => 1]])).toBe(false);
    expect(isPlainGrid([Object.assign([1], { toJSON: () => 'x' })])).toBe(false);
  });
});
