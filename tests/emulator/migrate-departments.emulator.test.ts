// `taizhang admin migrate` maps the free-text 责任单位 of rows stored before the registry to
// registry ids (docs/workflow.md#departments): by name or alias through the ledger core's
// index, the canonical name written as a recorded change, departmentId and the to-do labels
// set, so the department finds its problems; what it cannot map is listed with its count in
// Chinese and English. A second run changes nothing; pages smaller than the store read it all.
import { spawnSync } from 'node:child_process';
import { migrateDepartments } from '@taizhang/functions/admin';
import { rebuildStats } from '../../functions/src/stats/rebuild';
import { DEMO_DEPARTMENTS } from '../../scripts/demo/departments';
import { BIN, REPO } from '../unit/cli/fixtures';
import { create, problem, pullAll } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser } from './helpers';

// Several CLI runs, each starting a process, on a machine the emulators share.
jest.setTimeout(180_000);
afterAll(closeAdmin);

function migrate(json: boolean): { stdout: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, 'admin', 'migrate', ...(json ? ['--json'] : [])], { cwd: REPO, encoding: 'utf8', env: process.env });
  expect(r.stderr).toBe('');
  return { stdout: r.stdout, status: r.status };
}

test('maps names and aliases to ids, lists what it could not map, and is idempotent', async () => {
  await clearFirestore();
  const admin = await makeUser({ email: 'migdept-admin@taizhang.test', claims: { role: 'admin' } });
  const zrzy = await makeUser({ email: 'migdept-zrzy@taizhang.test', claims: { role: 'department', department: 'jz-zrzy' } });
  // Stored while the registry was empty: 责任单位 kept as typed, no departmentId.
  const rows = await create(
    admin,
    [
      problem({ department: '晋中市自然资源局', status: '办理中' }),
      problem({ department: '市自然资源局', status: '待办理', deadline: undefined }),
      problem({ department: '市住建局', status: '已解决', resolution: '已办结', resolvedOn: '2022-04-01', deadline: undefined }),
      problem({ department: '县自然资源局', status: '办理中' }),
      problem({ department: '县自然资源局', status: '办理中', county: '介休市', group: '介休市第1组' }),
      problem({ department: '乡镇人民政府', status: '办理中' }),
      problem({ level: '现场解决', department: undefined, deadline: undefined, status: '已解决', resolution: '当场解决', resolvedOn: '2022-03-24' }),
      // Seven enterprises: one problem reported seven times would be answered as likely duplicates.
    ].map((values, i) => ({ ...values, targetName: `迁移测试第${i + 1}企业有限公司` })),
  );
  expect((await adminDb().collection('problems').doc(rows[0]!.id).get()).get('departmentId')).toBeNull();
  expect((await pullAll(zrzy, {})).rows).toEqual([]);
  await Promise.all(DEMO_DEPARTMENTS.map((d) => adminDb().collection('departments').doc(d.id).set(d)));

  const first = migrate(true);
  expect(first.status).toBe(0);
  expect(JSON.parse(first.stdout).departments).toEqual({
    rows: 7,
    mapped: 3,
    renamed: 2,
    unmapped: [
      { value: '县自然资源局', count: 2 },
      { value: '乡镇人民政府', count: 1 },
    ],
  });

  const doc = async (i: number) => (await adminDb().collection('problems').doc(rows[i]!.id).get()).data()!;
  const assigned = await doc(0);
  expect(assigned).toMatchObject({ departmentId: 'jz-zrzy', version: 2, assignedDepartments: ['jz-zrzy'], inbox: ['new@dept:jz-zrzy'] });
  expect(assigned.values.department).toBe('市自然资源局');
  expect(assigned.deadlineHolders).toContain('dept:jz-zrzy');
  const revision = (await adminDb().collection('problems').doc(rows[0]!.id).collection('revisions').doc('000002').get()).data()!;
  expect(revision).toMatchObject({ version: 2, action: 'updated', changes: [{ field: 'department', old: '晋中市自然资源局', new: '市自然资源局' }] });
  // A suggestion (待办理) keeps its id but assigns nothing; the canonical name is left as it is.
  expect(await doc(1)).toMatchObject({ departmentId: 'jz-zrzy', version: 1, inbox: ['to_assign@county:榆次区'] });
  expect((await doc(2)).values.department).toBe('市住房和城乡建设局');
  expect(await doc(3)).toMatchObject({ departmentId: null, version: 1 });
  // The department now pulls the problem assigned to it.
  expect((await pullAll(zrzy, {})).rows.map((r) => r.id)).toEqual([rows[0]!.id]);

  const text = migrate(false);
  expect(text.stdout).toContain('责任单位：查看 7 行，对应到名录 0 行');
  expect(text.stdout).toContain('以下名称未能对应到责任单位名录，请在名录中添加为其他名称后重新运行');
  expect(text.stdout).toContain('县自然资源局（2 行）');
  expect(text.stdout).toContain('"县自然资源局" (2 rows)');
  expect(JSON.parse(migrate(true).stdout).departments).toMatchObject({ mapped: 0, renamed: 0 });
  expect((await doc(0)).version).toBe(2);

  // An alias added to the registry maps the rest on the next run, in pages smaller than the store.
  await adminDb()
    .collection('departments')
    .doc('yc-zrzy')
    .update({ aliases: ['榆次区自然资源分局', '县自然资源局'] });
  expect(await migrateDepartments(adminDb(), 2)).toMatchObject({ rows: 7, mapped: 2, unmapped: [{ value: '乡镇人民政府', count: 1 }] });
  // The kept statistics moved the mapped rows to their departments in the same commits.
  expect((await rebuildStats(adminDb(), 'problems', { dryRun: true })).differences).toEqual([]);
});
