// Supervision against the real emulators (docs/api.md#supervision): the group
// registry's rule in pushRows, the scheduled dailyNotice run through its handler, and
// listNotices / getNotice / generateNotice with their auth and scope. Fixed dates: the
// notice dataset (tests/unit/supervision/dataset.ts) is written straight into Firestore with
// fixed commit-time stamps, and every notice is as of a fixed day.
import { deleteApp, getApps } from 'firebase-admin/app';
import { Timestamp } from 'firebase-admin/firestore';
import { todayInShanghai, type Notice } from '@taizhang/ledger';
import { dailyNotice } from '../../functions/src/api/dailyNotice';
import { cadence } from '../../functions/src/supervision/service';
import type { NoticeSummary, StoredNotice } from '../../functions/src/supervision/service';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../unit/supervision/dataset';
import { adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { countDocs, newKey, problem } from './fixtures';

const stamp = (day: string): Timestamp => Timestamp.fromMillis(Date.parse(`${day}T10:00:00+08:00`));

let admin: TestUser;
let cityCoordinator: TestUser;
let yuciCoordinator: TestUser;
let clerk: TestUser;

beforeAll(async () => {
  await clearFirestore();
  [admin, cityCoordinator, yuciCoordinator, clerk] = await Promise.all([
    makeUser({ email: 'sup-admin@taizhang.test', claims: { role: 'admin' } }),
    makeUser({ email: 'sup-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'sup-yuci@taizhang.test', claims: { role: 'coordinator', county: '榆次区' } }),
    makeUser({ email: 'sup-clerk@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次1组' } }),
  ]);
});

afterAll(async () => {
  await closeAdmin();
  // The default app the functions' store opened when dailyNotice ran in this process.
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

async function registerGroups(groups: typeof GROUPS): Promise<void> {
  const batch = adminDb().batch();
  for (const g of groups) batch.set(adminDb().collection('groups').doc(g.id), g);
  await batch.commit();
}

function pushOne(user: TestUser, county = '榆次区') {
  return callFn<{ results: { status: string }[] }>(
    'pushRows',
    {
      // A clerk's row names its own group (the claim); a coordinator's the fixture's.
      ledger: 'problems',
      requestId: newKey('req'),
      rows: [{ key: newKey(), values: problem({ county, ...(user.claims.group && { group: user.claims.group }) }) }],
    },
    user.token,
  );
}

describe('the group registry in pushRows', () => {
  beforeAll(async () => {
    await clearFirestore();
  });

  it('without a registry for the county, any clerk pushes (a fresh deployment keeps working)', async () => {
    const r = await pushOne(clerk);
    expect(r.result?.results[0]?.status).toBe('created');
  });

  it('once the county has a registry: an active group (by name or id) pushes, and the push records its group', async () => {
    await registerGroups(GROUPS);
    const r = await pushOne(clerk);
    expect(r.result?.results[0]?.status).toBe('created');
    const byId = await makeUser({ email: 'sup-clerk-id@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: 'YC-02' } });
    expect((await pushOne(byId)).result?.results[0]?.status).toBe('created');
    const reqs = await adminDb().collection('requests').where('uid', '==', clerk.uid).get();
    expect(reqs.docs.map((d) => d.get('group'))).toEqual(['榆次1组', '榆次1组']);
    expect(reqs.docs[0]!.get('county')).toBe('榆次区');
    // The cadence of today sees both groups as reporting; 榆次3组 is silent.
    const c = await cadence(adminDb(), { from: todayInShanghai(), to: todayInShanghai() }, '榆次区');
    expect(c.silentGroups.map((g) => g.id)).toEqual(['YC-03']);
    expect(c.byCounty).toEqual([{ county: '榆次区', activeGroups: 3, reported: 2, silent: 1 }]);
  });

  it('an unknown group is denied with a bilingual message and nothing is written', async () => {
    const stranger = await makeUser({ email: 'sup-stranger@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次9组' } });
    const before = await countDocs('problems');
    const r = await pushOne(stranger);
    expect(r.error?.status).toBe('PERMISSION_DENIED');
    expect(r.error?.message).toBe(
      '工作组「榆次9组」未在榆次区的工作组登记中，请联系管理员 / The work group "榆次9组" is not registered in 榆次区; ask an administrator',
    );
    expect(await countDocs('problems')).toBe(before);
  });

  it('an inactive group is denied', async () => {
    const retired = await makeUser({ email: 'sup-retired@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '榆次4组' } });
    const r = await pushOne(retired);
    expect(r.error?.status).toBe('PERMISSION_DENIED');
    expect(r.error?.message).toMatch(/已停用.*no longer active/);
  });

  it('a group registered only in another county is unknown here; coordinators are not affected', async () => {
    const wrong = await makeUser({ email: 'sup-wrong@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: '介休1组' } });
    expect((await pushOne(wrong)).error?.status).toBe('PERMISSION_DENIED');
    expect((await pushOne(yuciCoordinator)).result?.results[0]?.status).toBe('created');
  });
});

describe('notices', () => {
  beforeAll(async () => {
    await clearFirestore();
    const db = adminDb();
    const batch = db.batch();
    ROWS.forEach((r, i) => {
      batch.set(db.collection('problems').doc(r.id), {
        id: r.id,
        key: `k-${i}`,
        version: 1,
        values: r.values,
        withdrawn: false,
        ownerGroup: null,
        ownerUid: admin.uid,
        createdAt: stamp('2022-03-01'),
        createdBy: admin.email,
        updatedAt: stamp(r.updatedOn),
        updatedBy: admin.email,
        lastRequestId: 'seed',
      });
    });
    // Withdrawn: an overdue, stale escalation of 榆次区 that must count nowhere.
    batch.set(db.collection('problems').doc('P-140702-2022-000099'), {
      id: 'P-140702-2022-000099',
      key: 'k-w',
      version: 2,
      withdrawn: true,
      ownerGroup: null,
      ownerUid: admin.uid,
      values: { ...ROWS[2]!.values },
      createdAt: stamp('2022-03-01'),
      updatedAt: stamp('2022-03-01'),
      lastRequestId: 'seed',
    });
    for (const g of GROUPS) batch.set(db.collection('groups').doc(g.id), g);
    // Pushes on 2022-05-28 (inside the period 05-25 … 05-31), one per push, and one on
    // 2022-06-01 (outside it) by 榆次3组, which therefore stays silent.
    let n = 0;
    for (const a of ACTIVITY) {
      for (let k = 0; k < a.pushes; k++) {
        batch.set(db.collection('requests').doc(`seed-${n++}`), {
          uid: 'seed',
          ledger: 'problems',
          role: 'clerk',
          county: a.county,
          group: a.group,
          at: stamp('2022-05-28'),
        });
      }
    }
    batch.set(db.collection('requests').doc('seed-late'), {
      uid: 'seed',
      ledger: 'problems',
      role: 'clerk',
      county: '榆次区',
      group: '榆次3组',
      at: stamp('2022-06-01'),
    });
    await batch.commit();
  });

  it('clerks are denied every notice callable', async () => {
    for (const [name, data] of [
      ['listNotices', {}],
      ['getNotice', { date: AS_OF }],
      ['generateNotice', { date: AS_OF }],
    ] as const) {
      const r = await callFn(name, data, clerk.token);
      expect(r.error?.status).toBe('PERMISSION_DENIED');
      expect(r.error?.message).toBe('通报仅供协调员和管理员查看 / Notices are for coordinators and administrators only');
    }
    expect((await callFn('listNotices', {})).error?.status).toBe('UNAUTHENTICATED');
  });

  it('getNotice of a day without a notice is NOT_FOUND; bad dates are INVALID_ARGUMENT', async () => {
    const r = await callFn('getNotice', { date: AS_OF }, admin.token);
    expect(r.error?.status).toBe('NOT_FOUND');
    expect(r.error?.message).toBe('没有 2022-06-01 的通报 / There is no notice for 2022-06-01');
    expect((await callFn('getNotice', { date: '2022-02-30' }, admin.token)).error?.status).toBe('INVALID_ARGUMENT');
    expect((await callFn('getNotice', {}, admin.token)).error?.status).toBe('INVALID_ARGUMENT');
    expect((await callFn('generateNotice', { date: '2999-01-01' }, admin.token)).error?.message).toMatch(/晚于今天.*is after today/);
    const early = await callFn('generateNotice', { date: '1900-01-01' }, admin.token);
    expect(early.error?.status).toBe('INVALID_ARGUMENT');
    expect(early.error?.message).toMatch(/早于 2000-01-01.*is before 2000-01-01/);
    expect((await callFn('listNotices', { limit: 0 }, admin.token)).error?.status).toBe('INVALID_ARGUMENT');
  });

  it('dailyNotice, run through its handler at 07:00 Shanghai, stores the notice of that day', async () => {
    await dailyNotice.run({ scheduleTime: '2022-05-31T23:00:00.000Z', jobName: 'test' } as Parameters<typeof dailyNotice.run>[0]);
    const snap = await adminDb().collection('notices').doc(AS_OF).get();
    expect(snap.exists).toBe(true);
    const n = snap.data() as StoredNotice;
    expect(n.date).toBe(AS_OF);
    expect(n.period).toEqual({ from: '2022-05-25', to: '2022-05-31' });
    expect(n.totals).toEqual({
      problems: 9,
      resolved: 3,
      unresolved: 6,
      resolvedRate: 0.3333,
      overdue: 3,
      escalated: 4,
      staleEscalations: 2,
      activeGroups: 6,
      reportedGroups: 3,
      silentGroups: 3,
    });
    expect(n.silentGroups.map((g) => g.id)).toEqual(['YC-03', 'TG-01', 'JX-02']);
    expect(n.overdueProblems.map((o) => [o.id, o.daysOverdue])).toEqual([
      ['P-140781-2022-000001', 62],
      ['P-140702-2022-000002', 31],
      ['P-140702-2022-000003', 1],
    ]);
    expect(n.oldestEscalations.map((e) => [e.id, e.daysWithoutProgress])).toEqual([
      ['P-140703-2022-000001', 61],
      ['P-140702-2022-000003', 22],
    ]);
    const counties = await adminDb().collection('notices').doc(AS_OF).collection('counties').get();
    expect(counties.docs.map((d) => d.id).sort()).toEqual(['介休市', '太谷区', '榆次区'].sort());
  });

  it('getNotice: the city for city-wide coordinators and admins, one county for its coordinator', async () => {
    const city = await callOk<StoredNotice>('getNotice', { date: AS_OF }, cityCoordinator.token);
    expect(city.county).toBeUndefined();
    expect(city.countiesByOverdue.map((c) => [c.key, c.overdue])).toEqual([
      ['榆次区', 2],
      ['介休市', 1],
      ['太谷区', 0],
    ]);
    expect(await callOk('getNotice', { date: AS_OF }, admin.token)).toEqual(city);

    const yuci = await callOk<StoredNotice>('getNotice', { date: AS_OF }, yuciCoordinator.token);
    expect(yuci.county).toBe('榆次区');
    expect(yuci.countiesByOverdue.map((c) => c.key)).toEqual(['榆次区']);
    expect(yuci.departmentsByOverdue.map((d) => [d.key, d.total])).toEqual([['市工信局', 2]]); // 市住建局's are suggestions (待办理)
    expect(yuci.silentGroups.map((g) => g.id)).toEqual(['YC-03']);
    expect(yuci.overdueProblems.every((o) => o.county === '榆次区')).toBe(true);
    expect(yuci.totals).toMatchObject({ problems: 4, overdue: 2, silentGroups: 1 });
    expect(JSON.stringify(yuci)).not.toContain('介休');
  });

  it('a county with no rows and no groups gets an empty notice of its own', async () => {
    const qi = await makeUser({ email: 'sup-qi@taizhang.test', claims: { role: 'coordinator', county: '祁县' } });
    const n = await callOk<Notice>('getNotice', { date: AS_OF }, qi.token);
    expect(n.county).toBe('祁县');
    expect(n.totals.problems).toBe(0);
    expect(n.countiesByOverdue).toEqual([]);
  });

  it("the next day's run stores its notice; listNotices lists newest first, in scope", async () => {
    await dailyNotice.run({ scheduleTime: '2022-06-01T23:00:00.000Z', jobName: 'test' } as Parameters<typeof dailyNotice.run>[0]);
    const yuci = await callOk<StoredNotice>('getNotice', { date: '2022-06-02' }, yuciCoordinator.token);
    expect(yuci.county).toBe('榆次区');
    expect(yuci.date).toBe('2022-06-02');
    expect(yuci.period).toEqual({ from: '2022-05-26', to: '2022-06-01' });
    // 榆次3组 pushed on 06-01: reporting now; 榆次区's overdue days grow by one.
    expect(yuci.silentGroups).toEqual([]);
    expect(yuci.overdueProblems.map((o) => o.daysOverdue)).toEqual([32, 2]);
    const city = await callOk<StoredNotice>('getNotice', { date: '2022-06-02' }, admin.token);
    expect(city.totals.overdue).toBe(4); // 太谷区's deadline of 06-01 is now past

    const list = await callOk<{ notices: NoticeSummary[] }>('listNotices', {}, cityCoordinator.token);
    expect(list.notices.map((n) => n.date)).toEqual(['2022-06-02', '2022-06-01']);
    expect(list.notices[1]!.totals.problems).toBe(9);
    expect(list.notices[0]!.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    const one = await callOk<{ notices: NoticeSummary[] }>('listNotices', { limit: 1 }, admin.token);
    expect(one.notices.map((n) => n.date)).toEqual(['2022-06-02']);
    const mine = await callOk<{ notices: NoticeSummary[] }>('listNotices', {}, yuciCoordinator.token);
    expect(mine.notices.map((n) => [n.date, n.totals.problems, n.totals.overdue])).toEqual([
      ['2022-06-02', 4, 2],
      ['2022-06-01', 4, 2],
    ]);
  });

  it('generateNotice answers a stored day as stored and never recomputes it; a retried run changes nothing', async () => {
    const before = await adminDb().collection('notices').doc(AS_OF).get();
    const again = await callOk<StoredNotice>('generateNotice', { date: AS_OF }, admin.token);
    expect(again).toEqual(before.data());
    await dailyNotice.run({ scheduleTime: '2022-05-31T23:00:00.000Z', jobName: 'retry' } as Parameters<typeof dailyNotice.run>[0]);
    const after = await adminDb().collection('notices').doc(AS_OF).get();
    expect(after.updateTime!.isEqual(before.updateTime!)).toBe(true);
  });
});
