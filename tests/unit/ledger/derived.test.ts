// What is derived from the declarations: zod schemas of canonical rows, the Excel template,
// row ids, the overdue rule, the county list.

import { COUNTIES, COUNTY_ALIASES, canonicalSchema, formatRowId, idScope, isOverdue, parseRow, problems, templateColumns, visits } from '@taizhang/ledger';
import { CTX, OPEN_PROBLEM, SOLVED_PROBLEM, VISIT, withChanges } from './fixtures';

describe('canonicalSchema', () => {
  test.each([
    ['a solved problem', problems, SOLVED_PROBLEM],
    ['an open problem', problems, OPEN_PROBLEM],
    ['a visit', visits, VISIT],
    ['a parsed messy visit', visits, parseRow(visits, withChanges(VISIT, { county: '介休', staff: '４', served: '', notes: 77 }), CTX).values],
    ['a row of rare characters at the length bounds', problems, withChanges(OPEN_PROBLEM, { township: '𠀀'.repeat(50), description: '𠀀'.repeat(5) })],
  ] as const)('accepts %s', (_, ledger, row) => {
    expect(parseRow(ledger, row, CTX).errors).toEqual([]);
    expect(canonicalSchema(ledger).safeParse(row).success).toBe(true);
  });

  test.each<[string, Record<string, unknown>]>([
    ['a county alias', { county: '榆次' }],
    ['a county that is not one', { county: '北京市' }],
    ['a date as typed', { foundOn: '2022/3/24' }],
    ['a date as a serial', { foundOn: 44644 }],
    ['a landline without its dash', { phone: '03511234567' }],
    ['a mobile with +86', { phone: '+8613800138000' }],
    ['a lower-case credit code', { creditCode: '91350100m000100y43' }],
    ['a credit code with an I', { creditCode: '91350100I000100Y43' }],
    ['an empty text', { targetName: '' }],
    ['a text that is too long', { targetName: '长'.repeat(101) }],
    ['a description that is too short', { description: '太短' }],
    ['a description of 4 rare characters', { description: '𠀀𠀀𠀀𠀀' }],
    ['a number where text is due', { group: 3 }],
    ['null', { remarks: null }],
    ['a missing required field', { county: undefined }],
    ['an unknown key', { 序号: 1 }],
  ])('rejects a problem with %s', (_, changes) => {
    expect(canonicalSchema(problems).safeParse(withChanges(SOLVED_PROBLEM, changes)).success).toBe(false);
  });

  test.each<[string, Record<string, unknown>]>([
    ['staff as text', { staff: '4' }],
    ['staff 0', { staff: 0 }],
    ['staff 101', { staff: 101 }],
    ['staff 3.5', { staff: 3.5 }],
    ['served NaN', { served: NaN }],
    ['policies -1', { policies: -1 }],
    ['a problems field', { foundOn: '2022-03-24' }],
  ])('rejects a visit with %s', (_, changes) => {
    expect(canonicalSchema(visits).safeParse(withChanges(VISIT, changes)).success).toBe(false);
  });

  test('rejects what is not an object', () => {
    for (const x of [null, undefined, 'row', 1, [], [SOLVED_PROBLEM]]) {
      expect(canonicalSchema(problems).safeParse(x).success).toBe(false);
    }
  });

  test('is built once per ledger', () => {
    expect(canonicalSchema(problems)).toBe(canonicalSchema(problems));
    expect(canonicalSchema(problems)).not.toBe(canonicalSchema(visits));
  });
});

describe('templateColumns', () => {
  test.each([problems, visits])('$name: one column per field, in order', (ledger) => {
    const cols = templateColumns(ledger);
    expect(cols.map((c) => [c.key, c.header, c.en, c.width])).toEqual(ledger.fields.map((f) => [f.key, f.header, f.en, f.width]));
  });

  test.each([problems, visits])('$name: text, enum, phone and credit code columns are text (@)', (ledger) => {
    for (const c of templateColumns(ledger)) {
      const expected = { text: '@', enum: '@', phone: '@', creditCode: '@', date: 'yyyy-mm-dd', int: '0' }[c.kind];
      expect([c.key, c.numberFormat]).toEqual([c.key, expected]);
    }
  });

  test.each([problems, visits])('$name: enum columns carry their options, others none', (ledger) => {
    for (const [i, c] of templateColumns(ledger).entries()) {
      const t = ledger.fields[i]!.type;
      if (t.kind === 'enum') expect(c.options).toEqual(t.options);
      else expect(c).not.toHaveProperty('options');
    }
  });

  test('the county dropdown lists the twelve labels, not the aliases', () => {
    const county = templateColumns(problems).find((c) => c.key === 'county');
    expect(county?.options).toEqual(COUNTIES.map((c) => c.label));
    expect(county?.options).not.toContain('榆次');
  });

  test.each<[string, 'always' | 'sometimes' | 'never']>([
    ['county', 'always'],
    ['township', 'sometimes'],
    ['creditCode', 'never'],
    ['department', 'sometimes'],
    ['deadline', 'sometimes'],
    ['resolvedOn', 'sometimes'],
    ['phone', 'never'],
  ])('problems.%s is required %s', (key, required) => {
    expect(templateColumns(problems).find((c) => c.key === key)?.required).toBe(required);
  });
});

describe('counties', () => {
  test('twelve, with their division codes', () => {
    expect(COUNTIES.map((c) => `${c.label} ${c.code}`)).toEqual([
      '榆次区 140702',
      '太谷区 140703',
      '榆社县 140721',
      '左权县 140722',
      '和顺县 140723',
      '昔阳县 140724',
      '寿阳县 140725',
      '祁县 140727',
      '平遥县 140728',
      '灵石县 140729',
      '介休市 140781',
      '市直 140700',
    ]);
  });

  test('aliases drop the last character of three-character labels only', () => {
    expect(COUNTY_ALIASES).toEqual({
      榆次: '榆次区',
      太谷: '太谷区',
      榆社: '榆社县',
      左权: '左权县',
      和顺: '和顺县',
      昔阳: '昔阳县',
      寿阳: '寿阳县',
      平遥: '平遥县',
      灵石: '灵石县',
      介休: '介休市',
    });
  });
});

describe('row ids', () => {
  test.each<[string, string, number, number, string]>([
    ['problems', '榆次区', 2022, 7, 'P-140702-2022-000007'],
    ['problems', '市直', 2026, 123456, 'P-140700-2026-123456'],
    ['visits', '介休市', 2022, 1, 'V-140781-2022-000001'],
  ])('%s in %s, %i, #%i', (name, county, year, seq, id) => {
    expect(formatRowId(name === 'problems' ? problems : visits, county, year, seq)).toBe(id);
  });

  test('an unknown county has no id', () => {
    expect(() => formatRowId(problems, '榆次', 2022, 1)).toThrow();
  });

  test('the id scope is the county and the year of the ledger date', () => {
    expect(idScope(problems, OPEN_PROBLEM)).toEqual({ county: '平遥县', year: 2022 });
    expect(idScope(visits, withChanges(VISIT, { visitedOn: '2023-01-05' }))).toEqual({ county: '介休市', year: 2023 });
  });
});

describe('isOverdue', () => {
  test.each<[string, Record<string, unknown>, string, boolean]>([
    ['open, deadline yesterday', { status: '办理中', deadline: '2022-06-29' }, '2022-06-30', true],
    ['open, deadline today', { status: '办理中', deadline: '2022-06-30' }, '2022-06-30', false],
    ['open, deadline tomorrow', { status: '待办理', deadline: '2022-07-01' }, '2022-06-30', false],
    ['resolved, deadline long past', { status: '已解决', deadline: '2022-01-01' }, '2022-06-30', false],
    ['open, no deadline', { status: '待办理' }, '2022-06-30', false],
  ])('%s', (_, values, asOf, overdue) => {
    expect(isOverdue(values, asOf)).toBe(overdue);
  });
});
