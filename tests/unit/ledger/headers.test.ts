// Finding the header row of a clerk's sheet and mapping its columns.

import {
  HEADER_SEARCH_ROWS,
  SYSTEM_COLUMNS,
  findHeader,
  matchHeaderRow,
  normalizeHeader,
  problems,
  visits,
  type HeaderMatch,
  type LedgerDef,
} from '@taizhang/ledger';

const headers = (l: LedgerDef): string[] => l.fields.map((f) => f.header);

/** field key → column index, as a plain object for readable expectations. */
function columns(m: HeaderMatch | undefined): Record<string, number> {
  return Object.fromEntries((m?.fields ?? []).map((c) => [c.def.key, c.index]));
}

describe('normalizeHeader', () => {
  test.each<[string, unknown, string]>([
    ['half-width parentheses', '县(区、市)', normalizeHeader('县（区、市）')],
    ['spaces inside', ' 服务 类型 ', '服务类型'],
    ['ideographic spaces inside', '服务\u3000类型', '服务类型'],
    ['a line break inside', '统一社会\n信用代码', '统一社会信用代码'],
    ['full-width letters', 'Ｃｏｕｎｔｙ', 'county'],
    ['case', 'Found On', 'foundon'],
    ['a number', 42, '42'],
    ['null', null, ''],
    ['a boolean', true, ''],
    ['an object', { header: '服务类型' }, ''],
  ])('%s', (_, cell, expected) => {
    expect(normalizeHeader(cell)).toBe(expected);
  });
});

describe('matchHeaderRow', () => {
  test('every header, in order', () => {
    const m = matchHeaderRow(problems, headers(problems));
    expect(m.fields.map((c) => c.def.key)).toEqual(problems.fields.map((f) => f.key));
    expect(m.fields.map((c) => c.index)).toEqual(problems.fields.map((_, i) => i));
    expect(m).toMatchObject({ missing: [], unknown: [], duplicate: [], system: [] });
  });

  test('columns in any order', () => {
    const shuffled = [...headers(visits)].reverse();
    const m = matchHeaderRow(visits, shuffled);
    expect(columns(m)).toEqual(Object.fromEntries(visits.fields.map((f, i) => [f.key, visits.fields.length - 1 - i])));
    expect(m.missing).toEqual([]);
  });

  test.each<[string, string]>([
    ['half-width parentheses', '县(区、市)'],
    ['spaces inside', '县（区、 市）'],
    ['surrounding spaces', '  县（区、市）  '],
    ['the key', 'county'],
    ['the English name', 'County'],
  ])('the county column written with %s', (_, header) => {
    const m = matchHeaderRow(problems, ['序号', header, '服务类型']);
    expect(columns(m)).toEqual({ county: 1, targetType: 2 });
  });

  test('unknown columns are listed with their index, blank cells ignored', () => {
    const m = matchHeaderRow(visits, ['序号', ...headers(visits), '', null, '走访人', ' 备 注 2 ']);
    expect(m.unknown).toEqual([
      { index: 0, header: '序号' },
      { index: visits.fields.length + 3, header: '走访人' },
      { index: visits.fields.length + 4, header: '备 注 2' },
    ]);
    expect(m.fields).toHaveLength(visits.fields.length);
  });

  test('the system columns are recognised by header, English name or key', () => {
    const [id, version, sync, key] = SYSTEM_COLUMNS.map((s) => s.key);
    expect([id, version, sync, key]).toEqual(['_id', '_version', '_sync', '_key']);
    const m = matchHeaderRow(problems, [...headers(problems), '编号〔系统〕', 'Version [system]', '同步状态〔系统〕', '_key']);
    const n = problems.fields.length;
    expect(m.system.map((c) => [c.def.key, c.index])).toEqual([
      ['_id', n],
      ['_version', n + 1],
      ['_sync', n + 2],
      ['_key', n + 3],
    ]);
    expect(m.unknown).toEqual([]);
  });

  test('a second column for the same field is a duplicate', () => {
    const m = matchHeaderRow(problems, ['县（区、市）', '服务类型', '县(区、市)']);
    expect(columns(m)).toEqual({ county: 0, targetType: 1 });
    expect(m.duplicate).toEqual([{ index: 2, header: '县(区、市)', field: 'county' }]);
  });

  test('always-required fields without a column are missing; conditional and optional ones are not', () => {
    const without = headers(problems).filter((h) => !['问题描述', '发现日期', '乡镇（街道）', '办结时限', '备注'].includes(h));
    const m = matchHeaderRow(problems, without);
    expect(m.missing.map((f) => f.key)).toEqual(['description', 'foundOn']);
  });

  test('the header row index is passed through', () => {
    expect(matchHeaderRow(visits, headers(visits), 4).headerRow).toBe(4);
  });
});

describe('findHeader', () => {
  const titleRows: unknown[][] = [['晋中市入企进村服务问题清单'], ['填报单位：榆次区第三工作组', null, null, '填报日期：2022-03-24'], []];
  const problemRow = ['榆次区', '', '入企', '某某公司'];

  test('below title rows', () => {
    const m = findHeader([...titleRows, ['序号', ...headers(problems)], problemRow]);
    expect(m?.ledger).toBe(problems);
    expect(m?.headerRow).toBe(3);
    expect(m?.unknown).toEqual([{ index: 0, header: '序号' }]);
    expect(columns(m).county).toBe(1);
  });

  test(`on the last of the first ${HEADER_SEARCH_ROWS} rows, and not below`, () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => [`第 ${i + 1} 行说明`]);
    expect(findHeader([...filler(HEADER_SEARCH_ROWS - 1), headers(visits)])?.headerRow).toBe(HEADER_SEARCH_ROWS - 1);
    expect(findHeader([...filler(HEADER_SEARCH_ROWS), headers(visits)])).toBeUndefined();
  });

  test('the best-matching ledger when none is given', () => {
    expect(findHeader([headers(problems)])?.ledger).toBe(problems);
    expect(findHeader([headers(visits)])?.ledger).toBe(visits);
    // Half of each ledger's own columns is still enough to tell them apart.
    expect(findHeader([['走访日期', '县(区、市)', '服务对象', '参与人数', '服务人次']])?.ledger).toBe(visits);
    expect(findHeader([['县(区、市)', '服务对象', '行业专班', '问题描述', '办理状态']])?.ledger).toBe(problems);
  });

  test('on equal matches, the ledger with fewer missing required columns', () => {
    // Only the columns both ledgers share: visits misses 2 required columns, problems 6.
    const m = findHeader([['县（区、市）', '乡镇（街道）', '服务类型', '服务对象', '工作组', '备注']]);
    expect(m?.ledger).toBe(visits);
    expect(m?.missing.map((f) => f.key)).toEqual(['visitedOn', 'staff']);
  });

  test('the row that matches most, not the first that matches at all', () => {
    const m = findHeader([['县（区、市）', '服务类型'], headers(problems)]);
    expect(m?.headerRow).toBe(1);
  });

  test('for a given ledger, even a poor match is reported with what is missing', () => {
    const m = findHeader([headers(problems)], visits);
    expect(m?.ledger).toBe(visits);
    expect(m?.missing.map((f) => f.key)).toEqual(['visitedOn', 'staff']);
  });

  test('nothing when no row names two columns', () => {
    expect(findHeader([['县（区、市）'], ['姓名', '年龄'], []])).toBeUndefined();
    expect(findHeader([])).toBeUndefined();
  });

  test('ragged and odd rows are tolerated', () => {
    const rows = [undefined, [null, 1, true, { a: 1 }], headers(visits)] as unknown as unknown[][];
    expect(findHeader(rows)?.headerRow).toBe(2);
  });
});
