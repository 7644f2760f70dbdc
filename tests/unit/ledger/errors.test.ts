// The shape of an error (field, header, code, message in Chinese and English), one example
// per code, robustness against whatever a client sends, parseRows, and idempotency.

import { ERROR_CODES, parseRow, parseRows, problems, visits, type ErrorCode, type FieldError, type LedgerDef } from '@taizhang/ledger';
import { CTX, OPEN_PROBLEM, SOLVED_PROBLEM, VISIT, codes, withChanges } from './fixtures';

const HAS_HAN = /\p{Script=Han}/u;
const HAS_ENGLISH = /[A-Za-z]{3,}/;

function expectWellFormed(e: FieldError, ledger: LedgerDef): void {
  expect(ERROR_CODES).toContain(e.code);
  expect(e.message).toBe(`${e.zh} / ${e.en}`);
  expect(e.zh).toMatch(HAS_HAN);
  expect(e.en).toMatch(HAS_ENGLISH);
  const f = ledger.fields.find((x) => x.key === e.field);
  if (e.code === 'unknown') {
    expect(f).toBeUndefined();
    expect(e.header).toBe(e.field);
  } else {
    expect(e.header).toBe(f?.header);
    expect(e.zh).toContain(`「${f?.header}」`);
    expect(e.en).toContain(f?.en);
  }
}

describe('one error of each code', () => {
  // [code, ledger, row, field, a piece of the English message]
  test.each<[ErrorCode, LedgerDef, Record<string, unknown>, string, string]>([
    ['required', problems, withChanges(SOLVED_PROBLEM, { group: '' }), 'group', 'is required'],
    ['type', problems, withChanges(SOLVED_PROBLEM, { foundOn: '2022-02-30' }), 'foundOn', 'cannot read "2022-02-30"'],
    ['enum', problems, withChanges(SOLVED_PROBLEM, { sector: '金融' }), 'sector', 'is not an option'],
    ['too_long', problems, withChanges(SOLVED_PROBLEM, { contact: '名'.repeat(51) }), 'contact', 'at most 50 characters (has 51)'],
    ['too_short', problems, withChanges(SOLVED_PROBLEM, { description: '太短了' }), 'description', 'at least 5 characters (has 3)'],
    ['range', visits, withChanges(VISIT, { staff: 0 }), 'staff', 'between 1 and 100 (is 0)'],
    ['range', visits, withChanges(VISIT, { visitedOn: '2026-12-01' }), 'visitedOn', 'cannot be after today, 2026-11-28'],
    ['range', visits, withChanges(VISIT, { visitedOn: '1999-12-31' }), 'visitedOn', 'cannot be before 2000-01-01'],
    ['format', problems, withChanges(SOLVED_PROBLEM, { phone: '12345' }), 'phone', 'is not a valid number'],
    ['format', problems, withChanges(SOLVED_PROBLEM, { creditCode: '91350100M000100Y4' }), 'creditCode', 'is malformed'],
    ['checksum', problems, withChanges(SOLVED_PROBLEM, { creditCode: '91350100M000100Y44' }), 'creditCode', 'fails its check character'],
    ['rule', problems, withChanges(OPEN_PROBLEM, { deadline: '2022-01-01' }), 'deadline', 'cannot be before Found on'],
    ['unknown', problems, withChanges(SOLVED_PROBLEM, { 序号: 1 }), '序号', 'has no column "序号"'],
  ])('%s (%s)', (code, ledger, row, field, en) => {
    const { errors } = parseRow(ledger, row, CTX);
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(e).toMatchObject({ field, code });
    expect(e.en).toContain(en);
    expectWellFormed(e, ledger);
  });

  test('every error code of docs/ledgers.md is covered', () => {
    expect([...ERROR_CODES].sort()).toEqual(['checksum', 'enum', 'format', 'range', 'required', 'rule', 'too_long', 'too_short', 'type', 'unknown']);
  });

  test('a quoted raw value is cut short in the message', () => {
    const [e] = parseRow(problems, withChanges(SOLVED_PROBLEM, { county: '某'.repeat(200) }), CTX).errors;
    expect(e?.zh).toContain(`${'某'.repeat(30)}…`);
    expect(e?.zh).not.toContain('某'.repeat(31));
  });
});

describe('never throws, whatever arrives', () => {
  const weird: [string, unknown][] = [
    ['true', true],
    ['an object', { a: { b: [1, 2] } }],
    ['an array', [1, 'x', null]],
    ['a nested array', [[[]]]],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 1],
    ['a Map', new Map([['a', 1]])],
    [
      'a cyclic object',
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
    ],
    ['an object with a bigint inside', { n: 1n }],
    [
      'an object with a throwing toJSON',
      {
        toJSON() {
          throw new Error('no');
        },
      },
    ],
    ['a null-prototype object', Object.create(null) as unknown],
    ['a boxed string', new String('榆次区')],
    ['a lone surrogate', '\ud800'],
    ['a huge string', '长'.repeat(1_000_000)],
    ['a huge digit string', '9'.repeat(100_000)],
    ['NaN', NaN],
    ['-0', -0],
    ['Number.MAX_VALUE', Number.MAX_VALUE],
    ['an invalid Date', new Date(NaN)],
  ];

  test.each(weird)('%s in every field of both ledgers', (_, value) => {
    for (const ledger of [problems, visits]) {
      for (const f of ledger.fields) {
        const r = parseRow(ledger, { ...(ledger === problems ? SOLVED_PROBLEM : VISIT), [f.key]: value }, CTX);
        for (const e of r.errors) expectWellFormed(e, ledger);
        expect(r.values[f.key] === undefined || ['string', 'number'].includes(typeof r.values[f.key])).toBe(true);
      }
    }
  });

  test.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', '榆次区'],
    ['an array', ['榆次区', '入企']],
    ['a Date', new Date()],
    ['a Map', new Map([['county', '榆次区']])],
  ])('a row that is %s: every required field is missing', (_, raw) => {
    const r = parseRow(visits, raw, CTX);
    expect(r.values).toEqual({ policies: 0, served: 0, problemsFound: 0 });
    expect(codes(r.errors)).toEqual(['visitedOn', 'county', 'targetType', 'targetName', 'group', 'staff'].map((k) => [k, 'required']));
  });

  test('keys of Object.prototype are columns like any other', () => {
    const raw = JSON.parse('{"__proto__": {"county": "榆次区"}, "constructor": "x", "toString": 1}') as Record<string, unknown>;
    const r = parseRow(problems, { ...SOLVED_PROBLEM, ...raw }, CTX);
    expect(codes(r.errors)).toEqual([
      ['__proto__', 'unknown'],
      ['constructor', 'unknown'],
      ['toString', 'unknown'],
    ]);
    expect(parseRow(problems, raw, CTX).values).toEqual({});
  });

  test('an inherited value is not a cell', () => {
    const raw = Object.create({ county: '榆次区' }) as Record<string, unknown>;
    expect(parseRow(problems, raw, CTX).values).not.toHaveProperty('county');
  });
});

describe('parseRows', () => {
  test('is parseRow on each row, against one today', () => {
    const rows = [SOLVED_PROBLEM, withChanges(OPEN_PROBLEM, { deadline: undefined }), null, withChanges(SOLVED_PROBLEM, { foundOn: '2026-11-29' })];
    expect(parseRows(problems, rows, CTX)).toEqual(rows.map((r) => parseRow(problems, r, CTX)));
  });

  test('the date system applies to every row', () => {
    const [r] = parseRows(visits, [withChanges(VISIT, { visitedOn: 43182 })], { ...CTX, date1904: true });
    expect(r?.values.visitedOn).toBe('2022-03-24');
  });
});

describe('idempotency: a canonical row parses to itself', () => {
  const messy: [string, LedgerDef, Record<string, unknown>][] = [
    [
      'a messy solved problem',
      problems,
      {
        county: ' 榆次 ',
        targetType: '入企',
        targetName: ' 某某公司 ',
        creditCode: '91350100m000100y43',
        group: '第三组',
        sector: '农业',
        category: '其他',
        description: '  需要  政策指导\n和资金  ',
        foundOn: 44644.5,
        level: '现场解决',
        status: '已解决',
        resolution: '已讲解',
        resolvedOn: '２０２２年３月２５日',
        phone: '+86 351 1234567',
        contact: 12345,
      },
    ],
    [
      'a messy open problem',
      problems,
      {
        county: '介休',
        township: '义安镇',
        targetType: '进村',
        targetName: '某村',
        group: '第二组',
        sector: '其他服务业',
        category: '环境卫生',
        description: '村内垃圾堆积',
        foundOn: '2022/3/24',
        level: '协调解决',
        department: '镇政府',
        deadline: '2022-04-30T10:00:00+08:00',
        status: '待办理',
        phone: 13800138000,
      },
    ],
    [
      'a messy visit',
      visits,
      {
        visitedOn: '2022-03-24T20:00:00Z',
        county: '寿阳',
        targetType: '入企',
        targetName: '某企业',
        group: '第一组',
        staff: '３',
        policies: '1,000',
        served: ' ',
        creditCode: ' 91110000600037341l ',
      },
    ],
  ];

  test.each(messy)('%s', (_, ledger, raw) => {
    const first = parseRow(ledger, raw, CTX);
    expect(first.errors).toEqual([]);
    expect(parseRow(ledger, first.values, CTX)).toEqual(first);
    expect(parseRow(ledger, parseRow(ledger, first.values, CTX).values, CTX)).toEqual(first);
  });

  test('the messy visit reads as expected', () => {
    expect(parseRow(visits, messy[2]![2], CTX).values).toEqual({
      visitedOn: '2022-03-25',
      county: '寿阳县',
      targetType: '入企',
      targetName: '某企业',
      group: '第一组',
      staff: 3,
      policies: 1000,
      served: 0,
      problemsFound: 0,
      creditCode: '91110000600037341L',
    });
  });

  test('the values of a row with errors are canonical too', () => {
    const first = parseRow(problems, withChanges(OPEN_PROBLEM, { county: '北京', phone: '03511234567', deadline: '2022/2/1' }), CTX);
    expect(codes(first.errors)).toEqual([
      ['county', 'enum'],
      ['deadline', 'rule'],
    ]);
    const again = parseRow(problems, first.values, CTX);
    expect(again.values).toEqual(first.values);
  });
});
