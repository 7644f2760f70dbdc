// Every cell of the table of who may change what on a stored problem (docs/workflow.md),
// the transitions out of 待审核, creation, withdrawal, and properties of the verdicts.
import fc from 'fast-check';
import { changedFields, editableFields, judgeChange, judgeCreate, mayRead, REPORT_FIELDS, type Caller, type StoredRow } from '@taizhang/ledger';

const clerk: Caller = { role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' };
const otherClerk: Caller = { role: 'clerk', county: '榆次区', group: '榆次区入企服务第2组' };
const county: Caller = { role: 'coordinator', county: '榆次区' };
const otherCounty: Caller = { role: 'coordinator', county: '介休市' };
const city: Caller = { role: 'coordinator' };
const admin: Caller = { role: 'admin' };
const dept: Caller = { role: 'department', department: 'jz-zrzy' };
const otherDept: Caller = { role: 'department', department: 'jz-zjj' };

type Level = '现场解决' | '协调解决' | '提交市级';
const LEVELS: Level[] = ['现场解决', '协调解决', '提交市级'];

function row(level: Level, extra: Record<string, unknown> = {}): StoredRow {
  const base: Record<string, unknown> = {
    county: '榆次区',
    targetType: '入企',
    targetName: '山西强伟纸业有限公司',
    group: '榆次区入企服务第1组',
    sector: '工业和信息软件服务业',
    category: '用地规划',
    description: '厂区扩建用地手续办理缓慢',
    foundOn: '2022-03-10',
    level,
    contact: '王经理',
    remarks: '无',
  };
  const handling =
    level === '现场解决'
      ? { status: '已解决', resolution: '现场答复', resolvedOn: '2022-03-10' }
      : { status: '办理中', department: '市自然资源局', deadline: '2022-04-30' };
  return { values: { ...base, ...handling, ...extra }, ownerGroup: '榆次区入企服务第1组', departmentId: level === '现场解决' ? null : 'jz-zrzy' };
}

const NEW_VALUE: Record<string, unknown> = {
  county: '榆次区',
  township: '郭家堡乡',
  targetType: '进村',
  targetName: '强伟纸业',
  creditCode: '91140700MA0K12345X',
  group: '榆次区入企服务第1组',
  sector: '建筑业',
  category: '审批手续',
  description: '另一段问题描述文字',
  foundOn: '2022-03-11',
  contact: '李主任',
  phone: '13912345678',
  remarks: '已电话沟通',
  department: '市住房和城乡建设局',
  deadline: '2022-05-31',
  resolution: '已协调办理',
  resolvedOn: '2022-03-20',
  review: '请补充办理材料',
  followUp: '满意',
  followUpOn: '2022-03-25',
};

function change(r: StoredRow, patch: Record<string, unknown>) {
  return { ...r.values, ...patch };
}

const yes = { ok: true };
const refused = (fields: string[]) => expect.objectContaining({ ok: false, kind: 'forbidden', fields });

describe('the report columns', () => {
  const fields = [...REPORT_FIELDS].filter((f) => f !== 'county' && f !== 'group');
  it.each(LEVELS.flatMap((l) => fields.map((f) => [l, f] as const)))('at %s, %s: the group, the county and the city yes; a department no', (level, field) => {
    const r = row(level);
    const v = change(r, { [field]: NEW_VALUE[field] });
    for (const c of [clerk, county, city, admin]) expect(judgeChange(c, r, v)).toEqual(yes);
    if (level !== '现场解决') expect(judgeChange(dept, r, v)).toEqual(refused([field]));
  });
});

describe('the level', () => {
  it.each([
    ['现场解决', '协调解决'],
    ['协调解决', '现场解决'],
  ] as const)('%s → %s: the group and the county may', (from, to) => {
    const r = row(from);
    const v = change(r, { level: to });
    expect(judgeChange(clerk, r, v)).toEqual(yes);
    expect(judgeChange(county, r, v)).toEqual(yes);
    expect(judgeChange(city, r, v)).toEqual(yes);
  });
  it.each(['现场解决', '协调解决'] as const)('%s → 提交市级 (escalate): the group and the county may, and the problem then awaits assignment', (from) => {
    const r = row(from);
    expect(judgeChange(clerk, r, change(r, { level: '提交市级', status: '待办理' }))).toEqual(yes);
    expect(judgeChange(county, r, change(r, { level: '提交市级', status: '待办理' }))).toEqual(yes);
    // Escalating while the problem stays in hand would assign it in the city's name.
    expect(judgeChange(clerk, r, change(r, { level: '提交市级' }))).toEqual(refused(['status']));
    expect(judgeChange(county, r, change(r, { level: '提交市级', status: '办理中' }))).toEqual(refused(['status']));
  });
  it('escalating keeps a department and deadline the group typed, as a suggestion', () => {
    const r = row('协调解决');
    expect(judgeChange(clerk, r, change(r, { level: '提交市级', status: '待办理', department: '市住房和城乡建设局', deadline: '2022-06-30' }))).toEqual(yes);
  });
  it.each(['现场解决', '协调解决'] as const)('提交市级 → %s: only the city (退回 to the county)', (to) => {
    const r = row('提交市级');
    const v = change(r, { level: to });
    expect(judgeChange(clerk, r, v)).toEqual(refused(['level']));
    expect(judgeChange(county, r, v)).toEqual(refused(['level']));
    expect(judgeChange(city, r, v)).toEqual(yes);
    expect(judgeChange(admin, r, v)).toEqual(yes);
  });
  it('a department never changes the level', () => {
    const r = row('协调解决');
    expect(judgeChange(dept, r, change(r, { level: '提交市级' }))).toEqual(refused(['level']));
  });
});

describe('department, deadline and status', () => {
  it.each(LEVELS.flatMap((l) => (['department', 'deadline', 'status'] as const).map((f) => [l, f] as const)))('at %s, %s', (level, field) => {
    const r = row(level);
    const v = change(r, { [field]: field === 'status' ? '长期推进' : NEW_VALUE[field] });
    const local = level !== '提交市级';
    expect(judgeChange(clerk, r, v)).toEqual(local ? yes : refused([field]));
    expect(judgeChange(county, r, v)).toEqual(local ? yes : refused([field]));
    expect(judgeChange(city, r, v)).toEqual(yes);
    expect(judgeChange(admin, r, v)).toEqual(yes);
    if (level !== '现场解决') expect(judgeChange(dept, r, v)).toEqual(refused([field]));
  });
  it('a department moves only 办理中 → 待审核 (asks to close) and 待审核 → 办理中', () => {
    const r = row('提交市级');
    expect(judgeChange(dept, r, change(r, { status: '待审核', resolution: '已办理完毕' }))).toEqual(yes);
    const waiting = row('提交市级', { status: '待审核', resolution: '已办理完毕' });
    expect(judgeChange(dept, waiting, change(waiting, { status: '办理中' }))).toEqual(yes);
    expect(judgeChange(dept, waiting, change(waiting, { status: '已解决', resolvedOn: '2022-04-01' }))).toEqual(refused(['status']));
    expect(judgeChange(dept, r, change(r, { status: '已解决' }))).toEqual(refused(['status']));
    expect(judgeChange(dept, r, change(r, { status: '长期推进' }))).toEqual(refused(['status']));
  });
});

describe('resolution and resolved date', () => {
  it.each(LEVELS.flatMap((l) => (['resolution', 'resolvedOn'] as const).map((f) => [l, f] as const)))('at %s, %s', (level, field) => {
    const r = row(level);
    const v = change(r, { [field]: NEW_VALUE[field] });
    const local = level !== '提交市级';
    expect(judgeChange(clerk, r, v)).toEqual(local ? yes : refused([field]));
    expect(judgeChange(county, r, v)).toEqual(local ? yes : refused([field]));
    expect(judgeChange(city, r, v)).toEqual(yes);
    if (level !== '现场解决') expect(judgeChange(dept, r, v)).toEqual(yes);
  });
});

describe('review', () => {
  it.each(LEVELS)('at %s', (level) => {
    const r = row(level);
    const v = change(r, { review: NEW_VALUE.review });
    expect(judgeChange(clerk, r, v)).toEqual(refused(['review']));
    expect(judgeChange(county, r, v)).toEqual(level === '协调解决' ? yes : refused(['review']));
    expect(judgeChange(city, r, v)).toEqual(yes);
    expect(judgeChange(admin, r, v)).toEqual(yes);
    if (level !== '现场解决') expect(judgeChange(dept, r, v)).toEqual(refused(['review']));
  });
});

describe('follow-up', () => {
  it.each(LEVELS.flatMap((l) => (['followUp', 'followUpOn'] as const).map((f) => [l, f] as const)))('at %s, %s', (level, field) => {
    const r = row(level, { status: '已解决', resolution: '已办结', resolvedOn: '2022-03-20' });
    const v = change(r, { [field]: NEW_VALUE[field] });
    for (const c of [clerk, county, city, admin]) expect(judgeChange(c, r, v)).toEqual(yes);
    if (level !== '现场解决') expect(judgeChange(dept, r, v)).toEqual(refused([field]));
  });
});

describe('from 待审核, the owner accepts or returns with a reason', () => {
  const waiting = row('提交市级', { status: '待审核', resolution: '已办理完毕', review: '第一次意见' });
  it('accept: 已解决', () => {
    expect(judgeChange(city, waiting, change(waiting, { status: '已解决', resolvedOn: '2022-04-02' }))).toEqual(yes);
  });
  it('return: 办理中 with a changed, non-empty review', () => {
    expect(judgeChange(city, waiting, change(waiting, { status: '办理中', review: '材料不全，请补充' }))).toEqual(yes);
  });
  it.each([[undefined], [''], ['   '], ['第一次意见']])('return without a new review (%p) is invalid, field review, code required', (review) => {
    const verdict = judgeChange(city, waiting, change(waiting, { status: '办理中', review }));
    expect(verdict).toEqual(expect.objectContaining({ ok: false, kind: 'invalid', field: 'review', code: 'required' }));
  });
  it('no other way out of 待审核', () => {
    expect(judgeChange(city, waiting, change(waiting, { status: '待办理' }))).toEqual(refused(['status']));
  });
  it('at 协调解决 the county coordinator returns; the clerk cannot write the review', () => {
    const local = row('协调解决', { status: '待审核', resolution: '已办理完毕' });
    expect(judgeChange(county, local, change(local, { status: '办理中', review: '请补充现场照片' }))).toEqual(yes);
    expect(judgeChange(clerk, local, change(local, { status: '办理中', review: '请补充现场照片' }))).toEqual(refused(['review']));
    expect(judgeChange(clerk, local, change(local, { status: '已解决', resolvedOn: '2022-04-02' }))).toEqual(yes);
  });
});

describe('whose rows', () => {
  const r = row('协调解决');
  const v = change(r, { remarks: '补充说明' });
  it('another group’s clerk, another county’s coordinator, another department: refused whole', () => {
    for (const c of [otherClerk, otherCounty, otherDept]) expect(judgeChange(c, r, v)).toEqual(refused([]));
  });
  it('a row a coordinator created belongs to no clerk', () => {
    expect(judgeChange(clerk, { ...r, ownerGroup: null }, v)).toEqual(refused([]));
  });
  it('a department sees its problems once they have left 待办理, in any county', () => {
    const elsewhere = row('提交市级', { county: '介休市' });
    expect(mayRead(dept, elsewhere)).toBe(true);
    expect(mayRead(dept, row('提交市级', { status: '待办理' }))).toBe(false);
    expect(mayRead(otherDept, elsewhere)).toBe(false);
  });
  it('withdrawal: the owners yes, a department no', () => {
    expect(judgeChange(clerk, r, 'withdraw')).toEqual(yes);
    expect(judgeChange(dept, r, 'withdraw')).toEqual(refused([]));
  });
});

describe('creating', () => {
  const fresh = { ...row('提交市级').values };
  it('a department creates nothing', () => {
    expect(judgeCreate(dept, fresh)).toEqual(refused([]));
  });
  it('a clerk’s or a county’s new 提交市级 row must be 待办理; the city may assign at once', () => {
    expect(judgeCreate(clerk, fresh)).toEqual(refused(['status']));
    expect(judgeCreate(county, fresh)).toEqual(refused(['status']));
    expect(judgeCreate(clerk, { ...fresh, status: '待办理' })).toEqual(yes);
    expect(judgeCreate(city, fresh)).toEqual(yes);
  });
});

describe('every refusal is in Chinese and English', () => {
  it('each reason names no developer word', () => {
    const r = row('提交市级');
    const verdicts = [
      judgeChange(clerk, r, change(r, { status: '已解决' })),
      judgeChange(dept, r, change(r, { remarks: 'x' })),
      judgeChange(otherClerk, r, change(r, { remarks: 'x' })),
      judgeCreate(dept, r.values),
    ];
    for (const v of verdicts) {
      if (v.ok) throw new Error('expected a refusal');
      expect(v.reason.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(v.reason.en).toMatch(/[a-z]/);
      expect(`${v.reason.zh} ${v.reason.en}`).not.toMatch(/key|token|server|cursor|服务器|行键/i);
    }
  });
});

describe('properties', () => {
  const callers = fc.constantFrom(clerk, otherClerk, county, otherCounty, city, admin, dept, otherDept);
  const fieldNames = Object.keys(NEW_VALUE).concat('level', 'status');
  const patch = fc.dictionary(
    fc.constantFrom(...fieldNames),
    fc.oneof(
      fc.constantFrom(...Object.values(NEW_VALUE)),
      fc.constantFrom('现场解决', '协调解决', '提交市级', '待办理', '办理中', '待审核', '已解决', '长期推进'),
      fc.constant(undefined),
    ),
  );
  it('pushing the stored values back is never refused to anyone who may touch the row', () => {
    fc.assert(
      fc.property(callers, fc.constantFrom(...LEVELS), (c, level) => {
        const r = row(level);
        const v = judgeChange(c, r, { ...r.values });
        return v.ok || (v.kind === 'forbidden' && v.fields.length === 0);
      }),
    );
  });
  it('the refused fields are among the changed ones, and the city office is never refused a field', () => {
    fc.assert(
      fc.property(callers, fc.constantFrom(...LEVELS), patch, (c, level, p) => {
        const r = row(level);
        const values = change(r, p);
        const v = judgeChange(c, r, values);
        if (v.ok || v.kind !== 'forbidden') return true;
        const changed = new Set(changedFields(r.values, values));
        if (c === city || c === admin) return v.fields.length === 0 || v.fields.every((f) => f === 'status');
        return v.fields.every((f) => changed.has(f) || f === 'status');
      }),
    );
  });
  it('a field the header marks editable is never refused on its own at that level (but for the transitions)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(clerk, county, city, admin),
        fc.constantFrom('现场解决', '协调解决'),
        fc.constantFrom(...Object.keys(NEW_VALUE)),
        (c, level, field) => {
          if (!editableFields(c, level).has(field)) return true;
          const r = row(level as Level);
          const v = judgeChange(c, r, change(r, { [field]: NEW_VALUE[field] }));
          return v.ok;
        },
      ),
    );
  });
});

describe('the refused columns', () => {
  it('come in the ledger’s column order, whatever order the stored and pushed values list them in', () => {
    const r = row('提交市级', { status: '待办理' });
    const stored: StoredRow = { ...r, values: Object.fromEntries(Object.entries(r.values).reverse()) };
    const pushed = { ...stored.values, status: '已解决', deadline: '2022-05-31', department: '市住建局' };
    const v = judgeChange(clerk, stored, pushed);
    expect(v).toEqual(refused(['department', 'deadline', 'status']));
  });
});
