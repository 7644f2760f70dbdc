// The department registry: records checked, names and aliases found as clerks write them,
// close names suggested, and the 责任单位 of a row judged against it.
import { checkClaims, checkDepartment, departmentIndex, judgeDepartment, problems, registryClashes, type DepartmentRecord } from '@taizhang/ledger';

const REGISTRY: DepartmentRecord[] = [
  { id: 'jz-zrzy', name: '市自然资源局', aliases: ['晋中市自然资源局'], county: '市直', active: true },
  { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: ['市住建局', '晋中市住建局'], county: '市直', active: true },
  { id: 'jz-gxj', name: '市工业和信息化局', aliases: ['市工信局', '晋中市工信局'], county: '市直', active: true },
  { id: 'yc-zrzy', name: '榆次区自然资源局', aliases: ['榆次区自然资源分局'], county: '榆次区', active: true },
  { id: 'old-one', name: '市旧机构', aliases: [], county: '市直', active: false },
];
const index = departmentIndex(REGISTRY);

describe('checkDepartment', () => {
  it('takes a row of the import sheet, aliases in one cell', () => {
    expect(
      checkDepartment({ id: 'jz-zjj', name: ' 市住房和城乡建设局 ', aliases: '市住建局、晋中市住建局；市住房和城乡建设局', county: '市直', active: '是' }),
    ).toEqual({ department: { id: 'jz-zjj', name: '市住房和城乡建设局', aliases: ['市住建局', '晋中市住建局'], county: '市直', active: true } });
  });
  it('a county by its short name', () => {
    expect(checkDepartment({ id: 'yc-zrzy', name: '榆次区自然资源局', county: '榆次' })).toMatchObject({ department: { county: '榆次区', aliases: [] } });
  });
  it('reports every problem, in Chinese and English', () => {
    const r = checkDepartment({ id: 'JZ ZRZY', name: '', county: '北京', active: '也许' });
    expect('errors' in r && r.errors.map((e) => e.zh)).toEqual([
      expect.stringContaining('单位编号'),
      expect.stringContaining('单位名称'),
      expect.stringContaining('所属县'),
      expect.stringContaining('是否在用'),
    ]);
  });
});

describe('the index', () => {
  it.each([
    ['市自然资源局', 'jz-zrzy'],
    ['晋中市自然资源局', 'jz-zrzy'],
    ['市住建局', 'jz-zjj'],
    ['市住建局 ', 'jz-zjj'],
    ['榆次区自然资源分局', 'yc-zrzy'],
  ])('%s → %s', (name, id) => {
    expect(index.find(name)?.id).toBe(id);
  });
  it('an inactive department is no longer found', () => {
    expect(index.find('市旧机构')).toBeUndefined();
  });
  it('suggests up to three close names, the closest first', () => {
    expect(index.suggest('自然资源局')).toEqual(['市自然资源局', '榆次区自然资源局']);
    expect(index.suggest('住建局')[0]).toBe('市住房和城乡建设局');
    expect(index.suggest('公安局')).toEqual([]);
    expect(index.suggest('市局', 2)).toHaveLength(0);
  });
  it('finds names two departments share', () => {
    expect(registryClashes([...REGISTRY, { id: 'x-dup', name: '市住建局', aliases: [], county: '市直', active: true }])).toHaveLength(1);
    expect(registryClashes(REGISTRY)).toEqual([]);
  });
});

describe('judgeDepartment', () => {
  it('a known name or alias becomes the canonical name and its id', () => {
    expect(judgeDepartment(problems, index, { department: '晋中市住建局' })).toEqual({ name: '市住房和城乡建设局', id: 'jz-zjj' });
  });
  it('an unknown name is an enum error that suggests close names', () => {
    const r = judgeDepartment(problems, index, { department: '自然资源局' });
    expect(r).toMatchObject({ error: { field: 'department', header: '责任单位', code: 'enum' } });
    expect(r && 'error' in r && r.error.zh).toContain('市自然资源局、榆次区自然资源局');
    expect(r && 'error' in r && r.error.en).toContain('did you mean');
  });
  it('no 责任单位, nothing to judge', () => {
    expect(judgeDepartment(problems, index, {})).toBeUndefined();
  });
});

describe('department accounts', () => {
  it('carry their department id and nothing else', () => {
    expect(checkClaims({ role: 'department', department: 'jz-zrzy', county: '榆次区' })).toEqual({ claims: { role: 'department', department: 'jz-zrzy' } });
  });
  it('without a department id they have no valid claims', () => {
    expect(checkClaims({ role: 'department' })).toHaveProperty('error');
  });
});
