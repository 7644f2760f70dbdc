// The group registry's declaration: checking one group and reading an import sheet.
import { checkGroup, parseGroupSheet } from '@taizhang/ledger';

describe('checkGroup', () => {
  it('accepts a full group, county aliases and 是/否', () => {
    expect(checkGroup({ id: 'YC-01', name: ' 榆次区入企服务第1组 ', county: '榆次', targetType: '入企', department: '市工信局', active: '否' })).toEqual({
      group: { id: 'YC-01', name: '榆次区入企服务第1组', county: '榆次区', targetType: '入企', department: '市工信局', active: false },
    });
    expect(checkGroup({ id: 7, name: 'x', county: '市直', targetType: '进村' })).toEqual({
      group: { id: '7', name: 'x', county: '市直', targetType: '进村', department: '', active: true },
    });
  });

  it('names every problem in both languages', () => {
    const r = checkGroup({ id: 'a/b', name: '', county: '北京', targetType: '下乡', active: '也许' });
    expect('errors' in r && r.errors.map((e) => e.en)).toEqual([
      'Invalid group id "a/b": at most 64 characters, no spaces or /',
      'The group name is missing',
      'Unknown county: 北京',
      'The service type must be 入企 or 进村 (got "下乡")',
      '"In use" must be 是 (yes) or 否 (no) (got "也许")',
    ]);
    expect('errors' in r && r.errors[2]!.zh).toBe('未知的县（区、市）：北京');
  });
});

describe('parseGroupSheet', () => {
  const header = ['序号', '工作组编号', '工作组名称', '县(区、市)', '服务类型', '牵头单位', '是否在用'];

  it('finds the header below a title, whatever the brackets, and reads each row', () => {
    const s = parseGroupSheet([
      ['晋中市工作组登记表'],
      [],
      header,
      [1, 'YC-01', '榆次1组', '榆次区', '入企', '市工信局', '是'],
      [],
      [2, 'JX-01', '介休1组', '介休市', '进村', '', '停用'],
    ]);
    expect(s.headerRow).toBe(3);
    expect(s.errors).toEqual([]);
    expect(s.groups.map((g) => [g.id, g.county, g.active])).toEqual([
      ['YC-01', '榆次区', true],
      ['JX-01', '介休市', false],
    ]);
  });

  it('reports bad rows by worksheet row number, zh and en, and repeated ids', () => {
    const s = parseGroupSheet([
      header,
      [1, 'YC-01', '榆次1组', '榆次区', '入企', '市工信局', '是'],
      [2, 'YC-02', '榆次2组', '火星', '入企', '', ''],
      [3, 'YC-01', '榆次1组又', '榆次区', '入企', '', ''],
    ]);
    expect(s.groups.map((g) => g.id)).toEqual(['YC-01']);
    expect(s.errors).toEqual([
      { row: 3, zh: '未知的县（区、市）：火星', en: 'Unknown county: 火星' },
      { row: 4, zh: '工作组编号「YC-01」与第 2 行重复', en: 'Group id "YC-01" repeats row 2' },
    ]);
  });

  it('a sheet without the header, or missing a required column, is an error on the file', () => {
    expect(parseGroupSheet([['a', 'b']]).errors[0]!.en).toMatch(/No header row/);
    const s = parseGroupSheet([['工作组编号', '工作组名称', '县（区、市）']]);
    expect(s.errors[0]).toMatchObject({ row: 1, en: 'Missing columns: service type' });
  });
});
