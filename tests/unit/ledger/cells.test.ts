// One cell at a time: every kind of field of docs/ledgers.md, what it accepts, what it makes of it, and
// which error code it gives when it cannot. Each case reads the cell alone (readCell), so no
// cross-field rule interferes; the rules have their own file.

import { problems, visits } from '@taizhang/ledger';
import { readCell } from './fixtures';

/** [description, raw, canonical value] */
type Accepts = [string, unknown, string | number];
/** [description, raw, error code] */
type Rejects = [string, unknown, string];

const NOT_A_CELL: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['an object', { value: '2022-03-24' }],
  ['an empty object', {}],
  ['an array', ['2022-03-24']],
  ['an empty array', []],
];

const BLANK: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['the empty string', ''],
  ['spaces', '   '],
  ['tabs and newlines', '\t\n '],
  ['ideographic spaces', '\u3000\u3000'],
];

describe('text', () => {
  test.each<Accepts>([
    ['plain', '晋中某某纸业有限公司', '晋中某某纸业有限公司'],
    ['ends trimmed', '  某某公司 \t', '某某公司'],
    ['ideographic spaces at the ends trimmed', '\u3000某某公司\u3000', '某某公司'],
    ['inner runs of whitespace kept', '某某  村\n一组', '某某  村\n一组'],
    ['full-width punctuation is prose, kept', '某某公司（筹）', '某某公司（筹）'],
    ['a number becomes text', 12345, '12345'],
    ['a decimal becomes text', 3.5, '3.5'],
    ['-0 becomes 0', -0, '0'],
    ['a Date becomes its day in Shanghai', new Date('2022-03-24T20:00:00Z'), '2022-03-25'],
    ['100 characters', '长'.repeat(100), '长'.repeat(100)],
    ['100 characters outside the BMP (counted as characters, not UTF-16 units)', '𠀀'.repeat(100), '𠀀'.repeat(100)],
  ])('targetName: %s', (_, raw, value) => {
    expect(readCell(problems, 'targetName', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['101 characters', '长'.repeat(101), 'too_long'],
    ['101 characters outside the BMP', '𠀀'.repeat(101), 'too_long'],
    ['NaN', NaN, 'type'],
    ['Infinity', Infinity, 'type'],
    ['an invalid Date', new Date(NaN), 'type'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
    ...BLANK.map(([d, raw]): Rejects => [d, raw, 'required']),
  ])('targetName: %s → %s', (_, raw, code) => {
    expect(readCell(problems, 'targetName', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test.each<[string, unknown, string | number | undefined, string[]]>([
    ['4 characters', '问题描述', undefined, ['too_short']],
    ['4 characters once trimmed', '  问题描述  ', undefined, ['too_short']],
    ['4 characters outside the BMP', '𠀀𠀀𠀀𠀀', undefined, ['too_short']],
    ['5 characters', '问题描述啊', '问题描述啊', []],
    ['1000 characters', '长'.repeat(1000), '长'.repeat(1000), []],
    ['1001 characters', '长'.repeat(1001), undefined, ['too_long']],
    ['a number of 4 digits', 1234, undefined, ['too_short']],
  ])('description (5–1000): %s', (_, raw, value, codes) => {
    expect(readCell(problems, 'description', raw)).toMatchObject({ value, codes });
  });

  test.each<[string, string, number]>([
    ['township', 'township', 50],
    ['group', 'group', 100],
    ['department', 'department', 100],
    ['resolution', 'resolution', 2000],
    ['contact', 'contact', 50],
    ['remarks', 'remarks', 500],
  ])('problems.%s is at most %s characters', (_, key, max) => {
    expect(readCell(problems, key, '字'.repeat(max))).toMatchObject({ value: '字'.repeat(max), codes: [] });
    expect(readCell(problems, key, '字'.repeat(max + 1))).toMatchObject({ value: undefined, codes: ['too_long'] });
  });

  test('visits.notes is at most 500 characters', () => {
    expect(readCell(visits, 'notes', '字'.repeat(500)).codes).toEqual([]);
    expect(readCell(visits, 'notes', '字'.repeat(501)).codes).toEqual(['too_long']);
  });
});

describe('enum', () => {
  test.each<Accepts>([
    ['the label', '榆次区', '榆次区'],
    ['the alias 榆次', '榆次', '榆次区'],
    ['the alias 介休', '介休', '介休市'],
    ['the alias 太谷', '太谷', '太谷区'],
    ['the alias 平遥', '平遥', '平遥县'],
    ['a two-character label', '祁县', '祁县'],
    ['市直', '市直', '市直'],
    ['padded', '  榆次 ', '榆次区'],
    ['padded with ideographic spaces', '\u3000榆次区\u3000', '榆次区'],
  ])('county: %s', (_, raw, value) => {
    expect(readCell(problems, 'county', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['not a county', '北京市', 'enum'],
    ['a wrong suffix', '榆次县', 'enum'],
    ['a two-character label has no one-character alias', '祁', 'enum'],
    ['the code instead of the label', '140702', 'enum'],
    ['a number', 140702, 'enum'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
    ...BLANK.map(([d, raw]): Rejects => [d, raw, 'required']),
  ])('county: %s → %s', (_, raw, code) => {
    expect(readCell(problems, 'county', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test.each<[string, string[]]>([
    ['targetType', ['入企', '进村']],
    ['sector', ['农业', '工业和信息软件服务业', '建筑业', '批零住餐', '文化旅游', '交通运输', '其他服务业']],
    ['category', ['政策落实', '融资资金', '市场销售', '用工培训', '审批手续', '用地规划', '基础设施', '环境卫生', '其他']],
    ['level', ['现场解决', '协调解决', '提交市级']],
    ['status', ['待办理', '办理中', '已解决']],
  ])('problems.%s accepts exactly its options', (key, options) => {
    for (const o of options) expect(readCell(problems, key, ` ${o} `)).toMatchObject({ value: o, codes: [] });
    for (const o of options) expect(readCell(problems, key, `${o}了`).codes).toEqual(['enum']);
    expect(readCell(problems, key, true).codes).toEqual(['type']);
  });

  test('the enum message lists the options', () => {
    const [e] = readCell(problems, 'level', '市级').errors;
    expect(e?.zh).toContain('现场解决、协调解决、提交市级');
    expect(e?.en).toContain('choose one of: 现场解决、协调解决、提交市级');
  });
});

describe('date', () => {
  // deadline has no bounds of its own, so it shows what the parser reads.
  test.each<Accepts>([
    ['ISO', '2022-03-24', '2022-03-24'],
    ['without leading zeros', '2022-3-24', '2022-03-24'],
    ['slashes', '2022/3/24', '2022-03-24'],
    ['dots', '2022.3.24', '2022-03-24'],
    ['年月日', '2022年3月24日', '2022-03-24'],
    ['年月日 with zeros', '2022年03月24日', '2022-03-24'],
    ['年月 without 日', '2022年3月24', '2022-03-24'],
    ['full-width digits and dashes', '２０２２－０３－２４', '2022-03-24'],
    ['full-width 年月日', '２０２２年３月２４日', '2022-03-24'],
    ['full-width slashes', '２０２２／３／２４', '2022-03-24'],
    ['padded', '  2022-03-24\u3000', '2022-03-24'],
    ['eight digits', '20220324', '2022-03-24'],
    ['a date-time as Excel shows it', '2022-03-24 10:30', '2022-03-24'],
    ['a local ISO date-time', '2022-03-24T23:59:59', '2022-03-24'],
    ['a timestamp in UTC, morning in Shanghai', '2022-03-24T01:00:00Z', '2022-03-24'],
    ['a timestamp in UTC, the next day in Shanghai', '2022-03-24T20:00:00Z', '2022-03-25'],
    ['a timestamp in UTC, 16:00 is Shanghai midnight', '2022-03-23T16:00:00.000Z', '2022-03-24'],
    ['a timestamp in UTC, one second before Shanghai midnight', '2022-03-24T15:59:59Z', '2022-03-24'],
    ['a timestamp at +08:00', '2022-03-24T23:59:59+08:00', '2022-03-24'],
    ['a timestamp at +08:00 just after midnight', '2022-03-24T00:00:00+08:00', '2022-03-24'],
    ['a timestamp at +0800', '2022-03-24T08:00+0800', '2022-03-24'],
    ['a timestamp at -05:00', '2022-03-23T20:00:00-05:00', '2022-03-24'],
    ['a leap day', '2024-02-29', '2024-02-29'],
    ['2000-02-29 (a leap year: divisible by 400)', '2000-02-29', '2000-02-29'],
    ['a year before 1000 keeps four digits', '0999-01-01', '0999-01-01'],
    ['9999-12-31', '9999-12-31', '9999-12-31'],
    ['a Date: its day in Shanghai', new Date('2022-03-24T16:00:00Z'), '2022-03-25'],
    ['serial 44644', 44644, '2022-03-24'],
    ['serial 44644.75: the time is dropped', 44644.75, '2022-03-24'],
    ['serial 44644.999999', 44644.999999, '2022-03-24'],
    ['serial 1 = 1900-01-01', 1, '1900-01-01'],
    ['serial 59 = 1900-02-28', 59, '1900-02-28'],
    ['serial 61 = 1900-03-01', 61, '1900-03-01'],
    ['serial 2958465 = 9999-12-31', 2958465, '9999-12-31'],
  ])('%s', (_, raw, value) => {
    expect(readCell(problems, 'deadline', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['serial 60, the nonexistent 1900-02-29', 60, 'type'],
    ['serial 60.5', 60.5, 'type'],
    ['serial 0 (1900-01-00)', 0, 'type'],
    ['serial 0.5', 0.5, 'type'],
    ['a negative serial', -1, 'type'],
    ['a negative fraction', -0.25, 'type'],
    ['beyond 9999-12-31', 2958466, 'type'],
    ['NaN', NaN, 'type'],
    ['Infinity', Infinity, 'type'],
    ['-Infinity', -Infinity, 'type'],
    ['2022-02-30', '2022-02-30', 'type'],
    ['2022-02-29 (not a leap year)', '2022-02-29', 'type'],
    ['1900-02-29 (not a leap year)', '1900-02-29', 'type'],
    ['month 13', '2022-13-01', 'type'],
    ['month 0', '2022-00-10', 'type'],
    ['day 32', '2022-3-32', 'type'],
    ['year 0000', '0000-01-01', 'type'],
    ['mixed separators', '2022/03-24', 'type'],
    ['day first', '24/3/2022', 'type'],
    ['two-digit year', '22-3-24', 'type'],
    ['a word', 'yesterday', 'type'],
    ['an hour of 25', '2022-03-24 25:00', 'type'],
    ['a minute of 60', '2022-03-24T10:60:00', 'type'],
    ['an offset of 25 hours', '2022-03-24T10:00:00+25:00', 'type'],
    ['a timestamp whose day in Shanghai is in year 10000', '9999-12-31T23:00:00-08:00', 'type'],
    ['an invalid Date', new Date(NaN), 'type'],
    ['a Date beyond year 9999', new Date(8.64e15), 'type'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
  ])('%s → %s', (_, raw, code) => {
    expect(readCell(problems, 'deadline', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test.each<Accepts>([
    ['serial 0 = 1904-01-01', 0, '1904-01-01'],
    ['serial 0.5 = 1904-01-01', 0.5, '1904-01-01'],
    ['serial 59 = 1904-02-29 (1904 is a leap year)', 59, '1904-02-29'],
    ['serial 60 = 1904-03-01', 60, '1904-03-01'],
    ['serial 43182 = 2022-03-24', 43182, '2022-03-24'],
    ['text is not affected', '2022-03-24', '2022-03-24'],
  ])('1904 system: %s', (_, raw, value) => {
    expect(readCell(problems, 'deadline', raw, { today: '2026-11-28', date1904: true })).toMatchObject({ value, codes: [] });
  });

  test('1904 system: a negative serial is not a day', () => {
    expect(readCell(problems, 'deadline', -1, { today: '2026-11-28', date1904: true }).codes).toEqual(['type']);
  });

  test.each<[string, unknown, string, string | undefined, string[]]>([
    ['today', '2026-11-28', '2026-11-28', '2026-11-28', []],
    ['tomorrow', '2026-11-29', '2026-11-28', undefined, ['range']],
    ['tomorrow, when today is passed as tomorrow', '2026-11-29', '2026-11-29', '2026-11-29', []],
    ['a UTC timestamp that is already tomorrow in Shanghai', '2026-11-28T16:00:00Z', '2026-11-28', undefined, ['range']],
    ['a UTC timestamp still today in Shanghai', '2026-11-28T15:59:59Z', '2026-11-28', '2026-11-28', []],
    ['2000-01-01', '2000-01-01', '2026-11-28', '2000-01-01', []],
    ['1999-12-31', '1999-12-31', '2026-11-28', undefined, ['range']],
    ['serial 1 (1900-01-01)', 1, '2026-11-28', undefined, ['range']],
    ['serial 36526 (2000-01-01)', 36526, '2026-11-28', '2000-01-01', []],
  ])('foundOn (from 2000-01-01, not after today): %s', (_, raw, today, value, codes) => {
    expect(readCell(problems, 'foundOn', raw, { today })).toMatchObject({ value, codes });
  });

  test('visitedOn has the same bounds', () => {
    expect(readCell(visits, 'visitedOn', '2026-11-29').codes).toEqual(['range']);
    expect(readCell(visits, 'visitedOn', '1999-12-31').codes).toEqual(['range']);
    expect(readCell(visits, 'visitedOn', '2026-11-28').codes).toEqual([]);
  });

  test('resolvedOn may not be after today either', () => {
    expect(readCell(problems, 'resolvedOn', '2026-11-29').codes).toEqual(['range']);
    expect(readCell(problems, 'resolvedOn', '2026-11-28').codes).toEqual([]);
  });

  test('a deadline may be after today', () => {
    expect(readCell(problems, 'deadline', '2030-01-01')).toMatchObject({ value: '2030-01-01', codes: [] });
  });

  test.each(BLANK)('a blank foundOn (%s) is required', (_, raw) => {
    expect(readCell(problems, 'foundOn', raw).codes).toEqual(['required']);
  });
});

describe('int', () => {
  test.each<[string, unknown, number]>([
    ['a number', 3, 3],
    ['3.0 as a number', 3.0, 3],
    ['a digit string', '3', 3],
    ['padded', ' 3 ', 3],
    ['with a plus sign', '+3', 3],
    ['full-width digits', '１２', 12],
    ['3.0 as text', '3.0', 3],
    ['3. as text', '3.', 3],
    ['the lower bound', 1, 1],
    ['the upper bound', 100, 100],
  ])('staff (1–100): %s', (_, raw, value) => {
    expect(readCell(visits, 'staff', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['0', 0, 'range'],
    ['101', 101, 'range'],
    ['-1 as a number', -1, 'range'],
    ['-1 as text', '-1', 'range'],
    ['1,000 (thousands separator read, then out of range)', '1,000', 'range'],
    ['1e21', 1e21, 'range'],
    ['3.5 as a number', 3.5, 'type'],
    ['3.5 as text', '3.5', 'type'],
    ['.5', '.5', 'type'],
    ['a unit after the number', '3人', 'type'],
    ['a word', 'three', 'type'],
    ['a misplaced separator', '1,00', 'type'],
    ['NaN', NaN, 'type'],
    ['Infinity', Infinity, 'type'],
    ['-Infinity', -Infinity, 'type'],
    ['a Date', new Date('2022-03-24T00:00:00Z'), 'type'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
    ...BLANK.map(([d, raw]): Rejects => [d, raw, 'required']),
  ])('staff (1–100): %s → %s', (_, raw, code) => {
    expect(readCell(visits, 'staff', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test('3.5 is reported as not a whole number', () => {
    const [e] = readCell(visits, 'staff', '3.5').errors;
    expect(e?.en).toContain('must be a whole number');
  });

  test.each<[string, string, unknown, number]>([
    ['served', '1,200', '1,200', 1200],
    ['served', 'full-width 1,200', '１，２００', 1200],
    ['served', '100,000', '100,000', 100000],
    ['served', 'the upper bound', 100000, 100000],
    ['served', '-0 as text', '-0', 0],
    ['policies', '1000', '1000', 1000],
    ['problemsFound', '0', 0, 0],
  ])('visits.%s: %s', (key, _, raw, value) => {
    const r = readCell(visits, key, raw);
    expect(r).toMatchObject({ value, codes: [] });
  });

  test('-0 is read as 0', () => {
    expect(Object.is(readCell(visits, 'served', -0).value, 0)).toBe(true);
  });

  test.each<[string, unknown, string]>([
    ['served', 100001, 'range'],
    ['served', '100,001', 'range'],
    ['served', '-1', 'range'],
    ['policies', 1001, 'range'],
    ['problemsFound', 1001, 'range'],
    ['problemsFound', 2.5, 'type'],
  ])('visits.%s = %p → %s', (key, raw, code) => {
    expect(readCell(visits, key, raw).codes).toEqual([code]);
  });

  test.each(BLANK)('a blank count (%s) is 0', (_, raw) => {
    for (const key of ['policies', 'served', 'problemsFound']) {
      expect(readCell(visits, key, raw)).toMatchObject({ value: 0, codes: [] });
    }
  });
});

describe('phone', () => {
  test.each<Accepts>([
    ['a mobile', '13800138000', '13800138000'],
    ['a mobile in groups', '138 0013 8000', '13800138000'],
    ['a mobile with dashes', '138-0013-8000', '13800138000'],
    ['a mobile with +86', '+86 138 0013 8000', '13800138000'],
    ['a mobile with +86, no space', '+8613800138000', '13800138000'],
    ['a mobile with 0086', '0086 13800138000', '13800138000'],
    ['a mobile in full-width digits', '１３８００１３８０００', '13800138000'],
    ['a mobile held as a number', 13800138000, '13800138000'],
    ['a mobile starting 19', '19912345678', '19912345678'],
    ['a 4-digit area code', '0351-1234567', '0351-1234567'],
    ['a 4-digit area code, 8 digits', '0351-12345678', '0351-12345678'],
    ['a 4-digit area code, no dash', '03511234567', '0351-1234567'],
    ['a 4-digit area code, a space', '0351 1234567', '0351-1234567'],
    ['an area code in brackets', '(0351)1234567', '0351-1234567'],
    ['an area code in full-width brackets', '（0351）1234567', '0351-1234567'],
    ['Beijing 010', '010-12345678', '010-12345678'],
    ['Beijing 010, 7 digits', '010-1234567', '010-1234567'],
    ['Beijing, no dash', '01012345678', '010-12345678'],
    ['Shanghai 021', '021-87654321', '021-87654321'],
    ['Shanghai, no dash', '02187654321', '021-87654321'],
    ['Shanghai, the dash after four digits', '0218-7654321', '021-87654321'],
    ['Beijing, the dash after four digits', '0101-2345678', '010-12345678'],
    ['a landline with +86 (the 0 dropped)', '+86 10 1234 5678', '010-12345678'],
    ['a landline with +86 and a 4-digit area code', '+86 351 1234567', '0351-1234567'],
    ['a landline held as a number that lost its 0', 3511234567, '0351-1234567'],
    ['Beijing held as a number that lost its 0', 1012345678, '010-12345678'],
    ['Shanghai held as a number that lost its 0', 2187654321, '021-87654321'],
    ['padded', '  0351-1234567 ', '0351-1234567'],
  ])('%s', (_, raw, value) => {
    expect(readCell(problems, 'phone', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['too few digits', '12345', 'format'],
    ['a mobile of 10 digits', '1380013800', 'format'],
    ['a mobile of 12 digits', '138001380001', 'format'],
    ['a mobile starting 12', '12800138000', 'format'],
    ['a landline of 6 digits', '0351-123456', 'format'],
    ['a landline of 9 digits', '0351-123456789', 'format'],
    ['Beijing with 6 digits', '010-123456', 'format'],
    ['a foreign number', '+1 212 555 0100', 'format'],
    ['0086 with a dash and too few digits after it', '0086-1234567', 'format'],
    ['letters', '电话', 'format'],
    ['a short number', 12345, 'format'],
    ['a fraction', 13800138000.5, 'format'],
    ['a negative number', -13800138000, 'format'],
    ['NaN', NaN, 'format'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
  ])('%s → %s', (_, raw, code) => {
    expect(readCell(problems, 'phone', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test.each(BLANK)('a blank phone (%s) is simply absent', (_, raw) => {
    expect(readCell(problems, 'phone', raw)).toMatchObject({ value: undefined, codes: [] });
  });
});

describe('creditCode', () => {
  test.each<Accepts>([
    ['the first example', '91350100M000100Y43', '91350100M000100Y43'],
    ['the second example', '91110000600037341L', '91110000600037341L'],
    ['lower case is upper-cased', '91350100m000100y43', '91350100M000100Y43'],
    ['lower case check letter', '91110000600037341l', '91110000600037341L'],
    ['padded', '  91110000600037341L ', '91110000600037341L'],
    ['spaces inside', '9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['full-width', '９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['a check value of 31 is written 0', '000000000000000000', '000000000000000000'],
  ])('%s', (_, raw, value) => {
    expect(readCell(problems, 'creditCode', raw)).toMatchObject({ value, codes: [] });
  });

  test.each<Rejects>([
    ['a wrong check character', '91350100M000100Y44', 'checksum'],
    ['a wrong check letter', '91110000600037341K', 'checksum'],
    ['two characters swapped', '91350100M000100Y34', 'checksum'],
    ['17 characters', '91350100M000100Y4', 'format'],
    ['19 characters', '91350100M000100Y433', 'format'],
    ['the letter I', '91350100I000100Y43', 'format'],
    ['the letter O', '91350100O000100Y43', 'format'],
    ['the letter Z', '91350100Z000100Y43', 'format'],
    ['the letter S', '91350100S000100Y43', 'format'],
    ['the letter V', '91350100V000100Y43', 'format'],
    ['a dash inside', '91350100-M000100Y43', 'format'],
    ['a number (precision lost anyway)', 913501001000100, 'format'],
    ...NOT_A_CELL.map(([d, raw]): Rejects => [d, raw, 'type']),
  ])('%s → %s', (_, raw, code) => {
    expect(readCell(problems, 'creditCode', raw)).toMatchObject({ value: undefined, codes: [code] });
  });

  test('checksum and format errors say different things', () => {
    const [checksum] = readCell(problems, 'creditCode', '91350100M000100Y44').errors;
    const [format] = readCell(problems, 'creditCode', '91350100M000100Y4').errors;
    expect(checksum?.en).toContain('check character');
    expect(format?.en).toContain('malformed');
  });
});
