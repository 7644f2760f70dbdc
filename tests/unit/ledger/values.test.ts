// The object a row's values come back in: a plain object, keys in ledger order, whatever the
// ledger and however many fields it has.

import { parseRow, parseRows, problems, type FieldDef, type LedgerDef } from '@taizhang/ledger';
import { CTX, OPEN_PROBLEM } from './fixtures';

/** A ledger of `n` optional text fields, t0 … t(n-1). */
function textLedger(n: number): LedgerDef {
  const fields: FieldDef[] = Array.from({ length: n }, (_, i) => ({
    key: `t${i}`,
    header: `列${i}`,
    en: `Column ${i}`,
    type: { kind: 'text', max: 50 },
    required: false,
    width: 10,
  }));
  return { name: 'problems', title: '测试', titleEn: 'Test', idPrefix: 'T', yearField: 't0', fields, rules: [] };
}

const row = (n: number, skip: (i: number) => boolean) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, skip(i) ? '' : ` 值${i} `]));

describe('the values of a row', () => {
  it('are a plain object with the fields that hold a value, in ledger order', () => {
    const { values, errors } = parseRow(problems, OPEN_PROBLEM, CTX);
    expect(errors).toEqual([]);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(values.constructor).toBe(Object);
    expect(values).toStrictEqual({ ...OPEN_PROBLEM });
    expect(Object.keys(values)).toEqual(problems.fields.map((f) => f.key).filter((k) => k in OPEN_PROBLEM));
    expect(structuredClone(values)).toStrictEqual(values);
    expect(JSON.parse(JSON.stringify(values))).toStrictEqual(values);
  });

  it.each([1, 12, 19, 32, 33, 40])('hold every value of a ledger of %i fields, in order', (n) => {
    const ledger = textLedger(n);
    const full = row(n, () => false);
    const sparse = row(n, (i) => i % 3 === 1);
    const [a, b, c] = parseRows(ledger, [full, sparse, full], CTX);
    const trimmed = (r: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(r)
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [k, v.trim()]),
      );
    expect(a!.values).toStrictEqual(trimmed(full));
    expect(b!.values).toStrictEqual(trimmed(sparse));
    expect(c!.values).toStrictEqual(trimmed(full));
    expect(Object.keys(b!.values)).toEqual(Object.keys(trimmed(sparse)));
  });
});
