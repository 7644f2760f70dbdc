// Whole rows: requiredness, the cross-field rules of docs/ledgers.md, and the visits' defaults.

import { parseRow, problems, visits } from '@taizhang/ledger';
import { CTX, OPEN_PROBLEM, SOLVED_PROBLEM, TODAY, VISIT, codes, withChanges } from './fixtures';

/** [description, base row, changes, expected [field, code] pairs] */
type RowCase = [string, Readonly<Record<string, unknown>>, Record<string, unknown>, [string, string][]];

describe('the example rows are valid', () => {
  test.each([
    ['a problem solved on the spot', problems, SOLVED_PROBLEM],
    ['an open problem', problems, OPEN_PROBLEM],
    ['a visit', visits, VISIT],
  ] as const)('%s', (_, ledger, row) => {
    expect(parseRow(ledger, row, CTX)).toEqual({ values: row, errors: [] });
  });
});

describe('problems: always-required fields', () => {
  test.each(['county', 'targetType', 'targetName', 'group', 'sector', 'category', 'description', 'foundOn', 'level', 'status'])('without %s', (key) => {
    for (const base of [SOLVED_PROBLEM, OPEN_PROBLEM]) {
      expect(codes(parseRow(problems, withChanges(base, { [key]: undefined }), CTX).errors)).toEqual([[key, 'required']]);
      expect(codes(parseRow(problems, withChanges(base, { [key]: ' ' }), CTX).errors)).toEqual([[key, 'required']]);
    }
  });

  test.each(['township', 'creditCode', 'department', 'deadline', 'contact', 'phone', 'remarks'])('%s may be left out of a solved 入企 problem', (key) => {
    expect(parseRow(problems, withChanges(SOLVED_PROBLEM, { [key]: undefined }), CTX).errors).toEqual([]);
  });
});

describe('problems: cross-field rules', () => {
  test.each<RowCase>([
    // township required when targetType = 进村
    ['进村 without a township', OPEN_PROBLEM, { township: undefined }, [['township', 'required']]],
    ['进村 with a blank township', OPEN_PROBLEM, { township: '\u3000' }, [['township', 'required']]],
    ['入企 without a township', SOLVED_PROBLEM, { township: undefined }, []],
    ['入企 with a township', SOLVED_PROBLEM, { township: '北关街道' }, []],
    ['no targetType: township cannot be judged', OPEN_PROBLEM, { targetType: undefined, township: undefined }, [['targetType', 'required']]],
    ['a bad targetType: township cannot be judged', OPEN_PROBLEM, { targetType: '入户', township: undefined }, [['targetType', 'enum']]],

    // creditCode only when targetType = 入企
    ['入企 with a credit code', SOLVED_PROBLEM, { creditCode: '91350100M000100Y43' }, []],
    ['进村 with a credit code', OPEN_PROBLEM, { creditCode: '91350100M000100Y43' }, [['creditCode', 'rule']]],
    ['进村 with a bad credit code: the cell error only', OPEN_PROBLEM, { creditCode: '91350100M000100Y44' }, [['creditCode', 'checksum']]],
    ['进村 with a blank credit code', OPEN_PROBLEM, { creditCode: '  ' }, []],
    ['no targetType: creditCode cannot be judged', SOLVED_PROBLEM, { targetType: undefined, creditCode: '91350100M000100Y43' }, [['targetType', 'required']]],

    // department required when level ≠ 现场解决
    ['协调解决 without a department', OPEN_PROBLEM, { level: '协调解决', department: undefined }, [['department', 'required']]],
    ['提交市级 without a department', OPEN_PROBLEM, { department: undefined }, [['department', 'required']]],
    ['现场解决 without a department', SOLVED_PROBLEM, { department: undefined }, []],
    ['现场解决 with a department', SOLVED_PROBLEM, { department: '区工信局' }, []],
    ['no level: department cannot be judged', OPEN_PROBLEM, { level: undefined, department: undefined }, [['level', 'required']]],
    ['a bad level: department cannot be judged', OPEN_PROBLEM, { level: '省级', department: undefined }, [['level', 'enum']]],

    // deadline required when status ≠ 已解决, not before foundOn
    ['办理中 without a deadline', OPEN_PROBLEM, { deadline: undefined }, [['deadline', 'required']]],
    ['待办理 without a deadline', OPEN_PROBLEM, { status: '待办理', deadline: undefined }, []],
    ['办理中 without a deadline', OPEN_PROBLEM, { status: '办理中', deadline: undefined }, [['deadline', 'required']]],
    [
      '待审核 without a deadline or a resolution',
      OPEN_PROBLEM,
      { status: '待审核', deadline: undefined, resolution: undefined },
      [
        ['deadline', 'required'],
        ['resolution', 'required'],
      ],
    ],
    ['待审核 with its resolution', OPEN_PROBLEM, { status: '待审核', resolution: '已协调自然资源局现场办理' }, []],
    ['长期推进 without a deadline', OPEN_PROBLEM, { status: '长期推进', deadline: undefined }, []],
    ['待办理 at 提交市级 without a department: awaiting assignment', OPEN_PROBLEM, { status: '待办理', department: undefined }, []],
    ['办理中 at 协调解决 without a department', OPEN_PROBLEM, { level: '协调解决', status: '办理中', department: undefined }, [['department', 'required']]],
    ['a follow-up once 已解决', SOLVED_PROBLEM, { followUp: '满意', followUpOn: SOLVED_PROBLEM.resolvedOn }, []],
    ['a follow-up without its date', SOLVED_PROBLEM, { followUp: '基本满意' }, [['followUpOn', 'required']]],
    ['a follow-up before the problem is resolved', OPEN_PROBLEM, { followUp: '满意', followUpOn: '2022-03-05' }, [['followUp', 'rule']]],
    ['a follow-up dated before it was resolved', SOLVED_PROBLEM, { followUp: '不满意', followUpOn: '2000-01-01' }, [['followUpOn', 'rule']]],
    ['a follow-up that is no option', SOLVED_PROBLEM, { followUp: '很好', followUpOn: SOLVED_PROBLEM.resolvedOn }, [['followUp', 'enum']]],
    ['a review of 500 characters', OPEN_PROBLEM, { review: '审'.repeat(500) }, []],
    ['a review of 501 characters', OPEN_PROBLEM, { review: '审'.repeat(501) }, [['review', 'too_long']]],
    ['已解决 without a deadline', SOLVED_PROBLEM, { deadline: undefined }, []],
    ['a deadline on the day found', OPEN_PROBLEM, { deadline: OPEN_PROBLEM.foundOn }, []],
    ['a deadline the day before found', OPEN_PROBLEM, { deadline: '2022-02-28' }, [['deadline', 'rule']]],
    ['a deadline after today', OPEN_PROBLEM, { deadline: '2027-06-30' }, []],
    ['a deadline before found, written as a serial', OPEN_PROBLEM, { deadline: 44620 }, [['deadline', 'rule']]],
    ['a deadline with an unreadable foundOn: no second error', OPEN_PROBLEM, { foundOn: '2022-02-30', deadline: '2000-01-01' }, [['foundOn', 'type']]],
    ['a deadline with a future foundOn: no second error', OPEN_PROBLEM, { foundOn: '2027-01-01', deadline: '2026-12-01' }, [['foundOn', 'range']]],
    ['no status: deadline cannot be judged', OPEN_PROBLEM, { status: undefined, deadline: undefined }, [['status', 'required']]],

    // resolution and resolvedOn required when status = 已解决; resolvedOn between foundOn and today
    ['已解决 without a resolution', SOLVED_PROBLEM, { resolution: undefined }, [['resolution', 'required']]],
    ['已解决 without resolvedOn', SOLVED_PROBLEM, { resolvedOn: undefined }, [['resolvedOn', 'required']]],
    [
      '已解决 without either',
      SOLVED_PROBLEM,
      { resolution: '', resolvedOn: null },
      [
        ['resolution', 'required'],
        ['resolvedOn', 'required'],
      ],
    ],
    ['办理中 with a resolution and resolvedOn', OPEN_PROBLEM, { resolution: '已协调资金', resolvedOn: '2022-04-01' }, []],
    ['resolved on the day found', SOLVED_PROBLEM, { resolvedOn: SOLVED_PROBLEM.foundOn }, []],
    ['resolved today', SOLVED_PROBLEM, { resolvedOn: TODAY }, []],
    ['resolved the day before found', SOLVED_PROBLEM, { resolvedOn: '2022-03-23' }, [['resolvedOn', 'rule']]],
    ['resolved tomorrow', SOLVED_PROBLEM, { resolvedOn: '2026-11-29' }, [['resolvedOn', 'range']]],
    ['resolved before 2000 (no bound of its own, but before found)', SOLVED_PROBLEM, { resolvedOn: '1999-01-01' }, [['resolvedOn', 'rule']]],

    // level = 现场解决 requires status = 已解决
    ['现场解决 and 办理中', SOLVED_PROBLEM, { status: '办理中', deadline: '2022-04-01' }, [['status', 'rule']]],
    ['现场解决 and 待办理 without a deadline', SOLVED_PROBLEM, { status: '待办理' }, [['status', 'rule']]],
    ['协调解决 and 已解决', SOLVED_PROBLEM, { level: '协调解决', department: '区发改局' }, []],
    ['提交市级 and 待办理', OPEN_PROBLEM, { status: '待办理' }, []],
    ['现场解决 and a bad status: the cell error only', SOLVED_PROBLEM, { status: '完成' }, [['status', 'enum']]],

    // several independent errors are all reported, in column order
    [
      'several errors at once',
      OPEN_PROBLEM,
      { county: '北京', description: '太短', foundOn: '2030-01-01', phone: '123', 序号: 3 },
      [
        ['序号', 'unknown'],
        ['county', 'enum'],
        ['description', 'too_short'],
        ['foundOn', 'range'],
        ['phone', 'format'],
      ],
    ],
  ])('%s', (_, base, changes, expected) => {
    expect(codes(parseRow(problems, withChanges(base, changes), CTX).errors)).toEqual(expected);
  });

  test('a rule error keeps the value that was read, a cell error drops it', () => {
    const rule = parseRow(problems, withChanges(OPEN_PROBLEM, { creditCode: '91350100m000100y43' }), CTX);
    expect(rule.values.creditCode).toBe('91350100M000100Y43');
    const cell = parseRow(problems, withChanges(OPEN_PROBLEM, { creditCode: '91350100M000100Y44' }), CTX);
    expect(cell.values).not.toHaveProperty('creditCode');
  });

  test.each<[string, Record<string, unknown>, { zh: string; en: string }]>([
    [
      'requiredWhen',
      { township: undefined },
      { zh: '「服务类型」为「进村」时，「乡镇（街道）」为必填项', en: 'Township is required when Service type is 进村' },
    ],
    [
      'onlyWhen',
      { creditCode: '91110000600037341L' },
      { zh: '仅当「服务类型」为「入企」时才可填写「统一社会信用代码」', en: 'Unified social credit code may only be filled when Service type is 入企' },
    ],
    [
      'requiredWhen (not)',
      { department: undefined },
      {
        zh: '「解决层级」不是「现场解决」且「办理状态」不是「待办理」时，「责任单位」为必填项',
        en: 'Responsible department is required when Level is not 现场解决 and Status is not 待办理',
      },
    ],
    [
      'dateBefore',
      { deadline: '2022-02-01' },
      { zh: '「办结时限」（2022-02-01）不能早于「发现日期」（2022-03-01）', en: 'Deadline (2022-02-01) cannot be before Found on (2022-03-01)' },
    ],
  ])('the %s message names both fields', (_, changes, message) => {
    const [e] = parseRow(problems, withChanges(OPEN_PROBLEM, changes), CTX).errors;
    expect(e).toMatchObject(message);
  });

  test('the implication message says what status must be', () => {
    const [e] = parseRow(problems, withChanges(SOLVED_PROBLEM, { status: '办理中', deadline: '2022-05-01' }), CTX).errors;
    expect(e).toMatchObject({
      field: 'status',
      header: '办理状态',
      code: 'rule',
      zh: '「解决层级」为「现场解决」时，「办理状态」须为「已解决」',
      en: 'When Level is 现场解决, Status must be 已解决',
    });
  });
});

describe('visits', () => {
  test.each(['visitedOn', 'county', 'targetType', 'targetName', 'group', 'staff'])('without %s', (key) => {
    expect(codes(parseRow(visits, withChanges(VISIT, { [key]: undefined }), CTX).errors)).toEqual([[key, 'required']]);
  });

  test('policies, served and problemsFound absent are 0', () => {
    const r = parseRow(visits, withChanges(VISIT, { policies: undefined, served: '', problemsFound: null }), CTX);
    expect(r).toEqual({ values: { ...VISIT, policies: 0, served: 0, problemsFound: 0 }, errors: [] });
  });

  test('a count that cannot be read is an error, not 0', () => {
    const r = parseRow(visits, withChanges(VISIT, { served: 'many' }), CTX);
    expect(codes(r.errors)).toEqual([['served', 'type']]);
    expect(r.values).not.toHaveProperty('served');
  });

  test.each<RowCase>([
    ['staff 1', VISIT, { staff: 1 }, []],
    ['staff 100', VISIT, { staff: '100' }, []],
    ['staff 0', VISIT, { staff: 0 }, [['staff', 'range']]],
    ['staff 101', VISIT, { staff: 101 }, [['staff', 'range']]],
    ['进村 without a township', VISIT, { township: undefined }, [['township', 'required']]],
    ['入企 without a township', VISIT, { targetType: '入企', township: undefined }, []],
    ['进村 with a credit code', VISIT, { creditCode: '91110000600037341L' }, [['creditCode', 'rule']]],
    ['入企 with a credit code', VISIT, { targetType: '入企', creditCode: '91110000600037341l' }, []],
    ['visited tomorrow', VISIT, { visitedOn: '2026-11-29' }, [['visitedOn', 'range']]],
    ['visited in 1999', VISIT, { visitedOn: '1999-12-31' }, [['visitedOn', 'range']]],
    ['a problems column', VISIT, { foundOn: '2022-03-24' }, [['foundOn', 'unknown']]],
  ])('%s', (_, base, changes, expected) => {
    expect(codes(parseRow(visits, withChanges(base, changes), CTX).errors)).toEqual(expected);
  });
});
