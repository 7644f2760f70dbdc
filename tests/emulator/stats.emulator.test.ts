// getStats against the real emulators (docs/api.md#getstats), on small datasets built here with
// fixed values and a fixed `asOf`, every figure written out by hand.
import { EMPTY_KEY, type ProblemFigures, type VisitFigures } from '../../functions/src/stats/aggregate';
import { clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { create, newKey, onSiteProblem, problem, push, stats, visit } from './fixtures';

const YUCI = '榆次区';
const JIEXIU = '介休市';
const AS_OF = '2022-06-01';

let admin: TestUser;
let clerk: TestUser;

/** Typed literal of one group's problem figures (none 待审核 or 长期推进 unless given). */
const figures = (f: Omit<ProblemFigures, 'awaitingReview' | 'longTerm'> & Partial<ProblemFigures>): ProblemFigures => ({
  awaitingReview: 0,
  longTerm: 0,
  ...f,
});

beforeAll(async () => {
  await clearFirestore();
  [admin, clerk] = await Promise.all([
    makeUser({ email: 'stats-admin@taizhang.test', claims: { role: 'admin' } }),
    makeUser({ email: 'stats-clerk@taizhang.test', claims: { role: 'clerk', county: YUCI, group: '榆次区统计组' } }),
  ]);

  const found = { foundOn: '2022-03-01', group: '统计测试组' };
  // 榆次区: 7 live rows (+1 withdrawn).
  const y = [
    onSiteProblem({ ...found, sector: '农业', resolvedOn: '2022-03-01' }), // Y1 onSite resolved
    problem({ ...found, sector: '农业', department: '市工信局', deadline: '2022-04-01', status: '已解决', resolution: '已办结', resolvedOn: '2022-04-10' }), // Y2
    problem({ ...found, sector: '建筑业', department: '市工信局', deadline: '2022-05-01', status: '待办理' }), // Y3 → 办理中 below; overdue
    problem({ ...found, sector: '建筑业', department: '市住建局', deadline: '2022-06-01', status: '待办理' }), // Y4 deadline = asOf: not overdue
    problem({ ...found, sector: '建筑业', level: '提交市级', department: '市住建局', deadline: '2022-05-31', status: '待办理' }), // Y5 overdue
    problem({ ...found, sector: '文化旅游', level: '提交市级', department: '市工信局', deadline: '2022-07-01', status: '办理中' }), // Y6
    onSiteProblem({ ...found, sector: '文化旅游', resolvedOn: '2022-03-02' }), // Y7
  ];
  // 介休市: 3 live rows.
  const j = [
    problem({ ...found, county: JIEXIU, sector: '农业', department: '市工信局', deadline: '2022-03-31', status: '办理中' }), // J1 overdue
    problem({
      ...found,
      county: JIEXIU,
      sector: '农业',
      level: '提交市级',
      department: '市农业农村局',
      deadline: '2022-03-01',
      status: '已解决',
      resolution: '已办结',
      resolvedOn: '2022-05-01',
    }), // J2
    onSiteProblem({ ...found, county: JIEXIU, sector: '建筑业' }), // J3
  ];
  const rows = await create(admin, [...y, ...j]);
  // Y3 is counted as it is now (办理中), not as created.
  const y3 = rows[2]!;
  const upd = await push(admin, [{ key: y3.key, id: y3.id, baseVersion: 1, values: { ...y3.values, status: '办理中' } }]);
  expect(upd.results[0]!.status).toBe('updated');
  // Withdrawn: would be an overdue 协调解决 row of 市商务局 in 榆次区.
  const [w] = await create(admin, [problem({ ...found, department: '市商务局', deadline: '2022-04-01', status: '待办理' })]);
  const wd = await push(admin, [{ key: w!.key, id: w!.id, baseVersion: 1, withdraw: true }]);
  expect(wd.results[0]!.status).toBe('withdrawn');
  // An invalid row stores nothing to count.
  const bad = await push(admin, [{ key: newKey(), values: problem({ status: '未知' }) }]);
  expect(bad.results[0]!.status).toBe('invalid');
});

afterAll(closeAdmin);

const yuciFigures = figures({
  total: 7,
  resolved: 3,
  open: 2,
  inProgress: 2,
  onSite: 2,
  coordinated: 3,
  escalated: 2,
  overdue: 2,
  resolvedRate: 0.4286,
  onSiteRate: 0.2857, // 3/7 = 0.428571…, 2/7 = 0.285714…
});
const jiexiuFigures = figures({
  total: 3,
  resolved: 2,
  open: 0,
  inProgress: 1,
  onSite: 1,
  coordinated: 1,
  escalated: 1,
  overdue: 1,
  resolvedRate: 0.6667,
  onSiteRate: 0.3333,
});
const allFigures = figures({
  total: 10,
  resolved: 5,
  open: 2,
  inProgress: 3,
  onSite: 3,
  coordinated: 4,
  escalated: 3,
  overdue: 3,
  resolvedRate: 0.5,
  onSiteRate: 0.3,
});

function asMap<F>(rows: ({ key: string } & F)[]): Record<string, F> {
  const out: Record<string, F> = {};
  for (const { key, ...f } of rows) {
    expect(out[key]).toBeUndefined(); // each key once
    out[key] = f as unknown as F;
  }
  return out;
}

describe('getStats: problems', () => {
  it('groupBy county: every figure of every county and the totals', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'county', asOf: AS_OF });

    expect(res.result!.asOf).toBe(AS_OF);
    expect(asMap(res.result!.rows)).toEqual({ [YUCI]: yuciFigures, [JIEXIU]: jiexiuFigures });
    expect(res.result!.totals).toEqual(allFigures);
  });

  it('groupBy department: rows without a department (现场解决) are one group of their own', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'department', asOf: AS_OF });

    expect(asMap(res.result!.rows)).toEqual({
      市工信局: figures({
        total: 4,
        resolved: 1,
        open: 0,
        inProgress: 3,
        onSite: 0,
        coordinated: 3,
        escalated: 1,
        overdue: 2,
        resolvedRate: 0.25,
        onSiteRate: 0,
      }),
      市住建局: figures({ total: 2, resolved: 0, open: 2, inProgress: 0, onSite: 0, coordinated: 1, escalated: 1, overdue: 1, resolvedRate: 0, onSiteRate: 0 }),
      市农业农村局: figures({
        total: 1,
        resolved: 1,
        open: 0,
        inProgress: 0,
        onSite: 0,
        coordinated: 0,
        escalated: 1,
        overdue: 0,
        resolvedRate: 1,
        onSiteRate: 0,
      }),
      [EMPTY_KEY]: figures({
        total: 3,
        resolved: 3,
        open: 0,
        inProgress: 0,
        onSite: 3,
        coordinated: 0,
        escalated: 0,
        overdue: 0,
        resolvedRate: 1,
        onSiteRate: 1,
      }),
    });
    expect(res.result!.totals).toEqual(allFigures);
  });

  it('groupBy sector', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'sector', asOf: AS_OF });

    expect(asMap(res.result!.rows)).toEqual({
      // Y1, Y2, J1, J2
      农业: figures({
        total: 4,
        resolved: 3,
        open: 0,
        inProgress: 1,
        onSite: 1,
        coordinated: 2,
        escalated: 1,
        overdue: 1,
        resolvedRate: 0.75,
        onSiteRate: 0.25,
      }),
      // Y3, Y4, Y5, J3
      建筑业: figures({
        total: 4,
        resolved: 1,
        open: 2,
        inProgress: 1,
        onSite: 1,
        coordinated: 2,
        escalated: 1,
        overdue: 2,
        resolvedRate: 0.25,
        onSiteRate: 0.25,
      }),
      // Y6, Y7
      文化旅游: figures({
        total: 2,
        resolved: 1,
        open: 0,
        inProgress: 1,
        onSite: 1,
        coordinated: 0,
        escalated: 1,
        overdue: 0,
        resolvedRate: 0.5,
        onSiteRate: 0.5,
      }),
    });
  });

  it('overdue is judged against asOf: a later day makes more rows overdue', async () => {
    // 2022-07-02: Y4 (deadline 06-01) and Y6 (07-01) join Y3, Y5 and J1.
    const res = await stats<ProblemFigures>(admin, { groupBy: 'county', asOf: '2022-07-02' });

    expect(res.result!.asOf).toBe('2022-07-02');
    expect(asMap(res.result!.rows)[YUCI]!.overdue).toBe(4);
    expect(res.result!.totals).toEqual({ ...allFigures, overdue: 5 });
    // Before any deadline nothing is overdue.
    const early = await stats<ProblemFigures>(admin, { groupBy: 'county', asOf: '2022-03-01' });
    expect(early.result!.totals.overdue).toBe(0);
  });

  it('a filter narrows the rows counted', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'department', asOf: AS_OF, filter: { county: '榆次', status: '待办理' } });

    expect(asMap(res.result!.rows)).toEqual({
      市住建局: figures({ total: 2, resolved: 0, open: 2, inProgress: 0, onSite: 0, coordinated: 1, escalated: 1, overdue: 1, resolvedRate: 0, onSiteRate: 0 }),
    });
  });

  it('no rows: no groups, zero totals and rates 0', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'county', asOf: AS_OF, filter: { county: '左权县' } });

    expect(res.result!.rows).toEqual([]);
    expect(res.result!.totals).toEqual(
      figures({
        total: 0,
        resolved: 0,
        open: 0,
        inProgress: 0,
        onSite: 0,
        coordinated: 0,
        escalated: 0,
        overdue: 0,
        resolvedRate: 0,
        onSiteRate: 0,
      }),
    );
  });

  it('a clerk’s stats are its county’s figures', async () => {
    const res = await stats<ProblemFigures>(clerk, { groupBy: 'county', asOf: AS_OF });

    expect(res.result!.rows).toEqual([{ key: YUCI, ...yuciFigures }]);
    expect(res.result!.totals).toEqual(yuciFigures);
  });

  it('asOf defaults to today in Asia/Shanghai', async () => {
    const res = await stats<ProblemFigures>(admin, { groupBy: 'county' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

    expect(res.result!.asOf).toBe(today);
    expect(res.result!.totals).toMatchObject({ total: 10, overdue: 5 }); // every open deadline has passed
  });

  it.each([
    ['an unknown groupBy', { groupBy: 'description' }],
    ['a groupBy of the other ledger', { groupBy: 'staff' }],
    ['a malformed asOf', { groupBy: 'county', asOf: '2022/06/01' }],
    ['an impossible asOf', { groupBy: 'county', asOf: '2022-02-30' }],
    ['an invalid filter', { groupBy: 'county', filter: { level: '省级' } }],
  ])('%s: invalid-argument', async (_name, req) => {
    expect((await stats(admin, req)).error).toMatchObject({ status: 'INVALID_ARGUMENT' });
  });
});

describe('getStats: visits', () => {
  beforeAll(async () => {
    const absent = { policies: undefined, served: undefined, problemsFound: undefined };
    await create(
      admin,
      [
        visit({ group: 'A', staff: 3, policies: 2, served: 10, problemsFound: 1 }), // V1 强伟纸业
        visit({ group: 'B', staff: 2, ...absent }), // V2 the same enterprise again; counts absent
        visit({ group: 'A', targetType: '进村', township: '东阳镇', targetName: '杜堡村', staff: 5, policies: 4, served: 120, problemsFound: undefined }), // V3
        visit({ group: 'B', targetType: '进村', township: '东阳镇', targetName: '杜堡村', staff: 1, ...absent, problemsFound: 3 }), // V4 the same village again
        visit({ group: 'A', targetType: '进村', township: '庄子乡', targetName: '南庄村', staff: 4, ...absent, served: 30 }), // V5
        visit({ county: JIEXIU, group: 'C', targetName: '联安矿用设备有限公司', staff: 2, policies: 1, served: 5, problemsFound: 2 }), // V6
        visit({
          county: JIEXIU,
          group: 'C',
          targetType: '进村',
          township: '两渡镇',
          targetName: '两渡村',
          staff: 6,
          policies: 3,
          served: 200,
          problemsFound: 0,
        }), // V7
      ],
      'visits',
    );
    const [w] = await create(
      admin,
      [visit({ county: JIEXIU, group: 'C', targetName: '山西金榜乳业有限公司', staff: 9, policies: 9, served: 99, problemsFound: 9 })],
      'visits',
    );
    const wd = await push(admin, [{ key: w!.key, id: w!.id, baseVersion: 1, withdraw: true }], { ledger: 'visits' });
    expect(wd.results[0]!.status).toBe('withdrawn');
  });

  const yuci: VisitFigures = { visits: 5, enterprises: 1, villages: 2, staff: 15, policies: 6, served: 160, problemsFound: 4 };
  const jiexiu: VisitFigures = { visits: 2, enterprises: 1, villages: 1, staff: 8, policies: 4, served: 205, problemsFound: 2 };
  const total: VisitFigures = { visits: 7, enterprises: 2, villages: 3, staff: 23, policies: 10, served: 365, problemsFound: 6 };

  it('groupBy county: visits, distinct enterprises and villages, sums with absent counts as 0', async () => {
    const res = await stats<VisitFigures>(admin, { ledger: 'visits', groupBy: 'county', asOf: AS_OF });

    expect(asMap(res.result!.rows)).toEqual({ [YUCI]: yuci, [JIEXIU]: jiexiu });
    expect(res.result!.totals).toEqual(total);
  });

  it('groupBy group', async () => {
    const res = await stats<VisitFigures>(admin, { ledger: 'visits', groupBy: 'group', asOf: AS_OF });

    expect(asMap(res.result!.rows)).toEqual({
      A: { visits: 3, enterprises: 1, villages: 2, staff: 12, policies: 6, served: 160, problemsFound: 1 },
      B: { visits: 2, enterprises: 1, villages: 1, staff: 3, policies: 0, served: 0, problemsFound: 3 },
      C: { visits: 2, enterprises: 1, villages: 1, staff: 8, policies: 4, served: 205, problemsFound: 2 },
    });
    expect(res.result!.totals).toEqual(total);
  });

  it('a clerk sees its county’s visits only', async () => {
    const res = await stats<VisitFigures>(clerk, { ledger: 'visits', groupBy: 'county', asOf: AS_OF });

    expect(res.result!.rows).toEqual([{ key: YUCI, ...yuci }]);
    expect(res.result!.totals).toEqual(yuci);
  });

  it('absent counts are stored as 0', async () => {
    const res = await push(
      admin,
      [{ key: newKey('zero'), values: visit({ county: '平遥县', policies: undefined, served: undefined, problemsFound: undefined }) }],
      { ledger: 'visits' },
    );
    expect(res.results[0]).toMatchObject({ status: 'created', values: expect.objectContaining({ policies: 0, served: 0, problemsFound: 0 }) });
  });
});
