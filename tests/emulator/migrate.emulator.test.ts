// `taizhang admin migrate` against the emulators: rows stored before `counties` existed get
// their county, nothing else of them changes (no pull sees them as changed), and a second
// run finds nothing to do.
import { spawnSync } from 'node:child_process';
import { FieldValue } from 'firebase-admin/firestore';
import { migrateRows } from '@taizhang/functions/admin';
import { BIN, REPO } from '../unit/cli/fixtures';
import { create, problem } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser } from './helpers';

afterAll(closeAdmin);

function migrate(): unknown {
  const r = spawnSync(process.execPath, [BIN, 'admin', 'migrate', '--json'], { cwd: REPO, encoding: 'utf8', env: process.env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const answer = JSON.parse(r.stdout) as { counties: unknown; departments: unknown };
  // No registry yet: no department is mapped, and it says so (tests/emulator/migrate-departments.emulator.test.ts).
  expect(answer.departments).toEqual({ rows: 0, mapped: 0, renamed: 0, unmapped: [], registryEmpty: true });
  return answer.counties;
}

test('fills in counties where they are missing, touching nothing else; a second run does nothing', async () => {
  await clearFirestore();
  const admin = await makeUser({ email: 'migrate-admin@taizhang.test', claims: { role: 'admin' } });
  const rows = await create(admin, [
    problem({ county: '榆次区' }),
    problem({ county: '介休市', group: '介休市第1组' }),
    problem({ county: '平遥县', group: '平遥县第1组' }),
  ]);
  const docs = rows.map((r) => adminDb().collection('problems').doc(r.id));
  await Promise.all(docs.slice(0, 2).map((d) => d.update({ counties: FieldValue.delete() })));
  const before = await Promise.all(docs.map(async (d) => (await d.get()).data()!));
  expect(before.map((d) => d.counties)).toEqual([undefined, undefined, ['平遥县']]);

  expect(migrate()).toEqual([
    { ledger: 'problems', rows: 3, migrated: 2, counted: 0 },
    { ledger: 'visits', rows: 0, migrated: 0, counted: 0 },
  ]);

  const after = await Promise.all(docs.map(async (d) => (await d.get()).data()!));
  expect(after.map((d) => d.counties)).toEqual([['榆次区'], ['介休市'], ['平遥县']]);
  after.forEach((d, i) => {
    const { counties: _a, ...rest } = d;
    const { counties: _b, ...was } = before[i]!;
    expect(rest).toEqual(was); // updatedAt and version included
  });
  expect(migrate()).toEqual([
    { ledger: 'problems', rows: 3, migrated: 0, counted: 0 },
    { ledger: 'visits', rows: 0, migrated: 0, counted: 0 },
  ]);

  // In pages smaller than the rows: every page is read once, and each missing field filled.
  await Promise.all(docs.map((d) => d.update({ counties: FieldValue.delete() })));
  expect(await migrateRows(adminDb(), 2)).toEqual([
    { ledger: 'problems', rows: 3, migrated: 3, counted: 0 },
    { ledger: 'visits', rows: 0, migrated: 0, counted: 0 },
  ]);
  expect((await Promise.all(docs.map(async (d) => (await d.get()).get('counties')))).flat()).toEqual(['榆次区', '介休市', '平遥县']);
});
