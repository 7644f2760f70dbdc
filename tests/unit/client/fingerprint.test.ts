// The fingerprint written into every synced row (指纹〔系统〕) must never change for the same
// values: a workbook synced before would otherwise find every row changed and send it again.
// Its form is cyrb53 over the JSON of the values in the ledger's field order; the reference
// below builds that JSON and hashes it, the fingerprint hashes the same characters as it goes.
import fc from 'fast-check';
import { fingerprint } from '@taizhang/client';
import { problems, type CanonicalRow } from '@taizhang/ledger';

function cyrb53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
const reference = (values: CanonicalRow) => cyrb53(JSON.stringify(problems.fields.map((f) => values[f.key] ?? null)));

/** Any value a field may hold, and text with what JSON escapes: quotes, backslashes, control characters, surrogates paired and alone. */
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('"', '\\', '\b\f\n\r\t\u0000\u001f\u007f', '\ud800', '\udc00x', '\ud83d\ude00', '\u2028\u2029', '榆次区', ''),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 44644, Number.NaN, Infinity),
);

describe('the fingerprint of a row', () => {
  it('is what it always was: cyrb53 of the JSON of the values in field order', () => {
    const keys = problems.fields.map((f) => f.key);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value), (values) => {
        expect(fingerprint(problems, values)).toBe(reference(values));
      }),
      { numRuns: 2000 },
    );
    expect(fingerprint(problems, {})).toBe(reference({}));
    expect(fingerprint(problems, { targetName: '山西强伟纸业有限公司', foundOn: '2022-03-24', count: 3 } as CanonicalRow)).toBe(
      reference({ targetName: '山西强伟纸业有限公司', foundOn: '2022-03-24', count: 3 } as CanonicalRow),
    );
  });
});
