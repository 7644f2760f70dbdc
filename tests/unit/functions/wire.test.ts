// api/wire.ts: what firebase-functions' callable decoder would fail on or misread, found in
// the raw JSON first (the emulator side is tests/emulator/adversarial-fuzz.emulator.test.ts).
import { MAX_DEPTH, wireProblem } from '../../../functions/src/api/wire';

const LONG = 'type.googleapis.com/google.protobuf.Int64Value';

describe('wireProblem', () => {
  it('passes ordinary requests, wrapped integers the decoder reads, and constructor keys', () => {
    expect(wireProblem({ ledger: 'problems', rows: [{ key: 'k', values: { county: '榆次区', staff: 3 } }] })).toBeUndefined();
    expect(wireProblem({ pageSize: { '@type': LONG, value: '10' } })).toBeUndefined();
    expect(wireProblem({ pageSize: { '@type': LONG, value: '1e400' } })).toBeUndefined();
    expect(wireProblem(JSON.parse('{"constructor":{"prototype":{"x":1}}}'))).toBeUndefined();
    expect(wireProblem(null)).toBeUndefined();
    expect(wireProblem('text')).toBeUndefined();
  });

  it('names an unknown @type and a wrapped integer that is not a number, in zh and en', () => {
    expect(wireProblem({ a: { '@type': 'foo' } })).toEqual({
      zh: '无法识别的包装值类型“foo”（data.a）',
      en: 'Unknown wrapped value type "foo" (data.a)',
    });
    expect(wireProblem({ rows: [{ '@type': LONG, value: 'NaN' }] })?.en).toBe('The wrapped integer "NaN" is not a number (data.rows.0)');
    expect(wireProblem({ '@type': LONG })?.en).toMatch(/not a number/);
  });

  it('refuses a __proto__ key anywhere (JSON.parse makes it an own key)', () => {
    expect(wireProblem(JSON.parse('{"rows":[{"values":{"__proto__":{"county":"榆次区"}}}]}'))?.en).toBe(
      'The request may not contain a key named __proto__ (data.rows.0.values.__proto__)',
    );
  });

  it('refuses nesting beyond MAX_DEPTH without recursing (100,000 levels)', () => {
    expect(wireProblem(JSON.parse(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`))).toBeUndefined();
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(wireProblem(deep)?.en).toMatch(/nested too deeply/);
  });

  it('shortens a long key in the path it names', () => {
    const key = 'k'.repeat(32_767);
    const m = wireProblem({ [key]: { '@type': 'x' } })!;
    expect(m.en.length).toBeLessThan(200);
  });
});
