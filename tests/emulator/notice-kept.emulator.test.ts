// The notice from the kept statistics (functions/src/supervision/service.ts): on a few
// datasets pushed through the push's own code — with updates, moves between counties,
// withdrawals, departments named before and after the registry knew them, answered
// assignments and escalations left without progress — the notices of the city and of every
// county equal those of a scan of every live row, on many days and for several thresholds.
import { randomUUID } from 'node:crypto';
import { Timestamp } from 'firebase-admin/firestore';
import { addDays, ASSIGNED_FIELD, type CanonicalRow, type PushResult } from '@taizhang/ledger';
import type { Caller } from '../../functions/src/auth';
import { pushRows } from '../../functions/src/push/service';
import { rebuildStats } from '../../functions/src/stats/rebuild';
import { statsComplete } from '../../functions/src/stats/store';
import { computeNotices, computeNoticesByScan } from '../../functions/src/supervision/service';
import { DEMO_DEPARTMENTS } from '../../scripts/demo/departments';
import { demoProblem, random } from '../../scripts/demo/rows';
import { adminDb, clearFirestore, closeAdmin } from './helpers';

jest.setTimeout(300_000);
afterAll(closeAdmin);

const TODAY = '2022-06-15';
const ADMIN: Caller = { uid: 'notice-admin', email: 'notice.admin@taizhang.test', role: 'admin' };
const DAY = 86_400_000;

async function push(rows: { key: string; id?: string; baseVersion?: number; values?: CanonicalRow; withdraw?: boolean }[]): Promise<PushResult[]> {
  return pushRows(adminDb(), ADMIN, { ledger: 'problems', requestId: randomUUID(), rows: rows as never }, { today: TODAY });
}

async function registry(): Promise<void> {
  await Promise.all(DEMO_DEPARTMENTS.map(({ id, ...d }) => adminDb().collection('departments').doc(id).set(d)));
}

/** A dataset: `size` problems, a third changed, some withdrawn, some answered, some left alone for weeks. */
async function dataset(seed: number, size: number, registryFirst: boolean): Promise<void> {
  await clearFirestore();
  if (registryFirst) await registry();
  const r = random(seed);
  type Created = { key: string; id: string; values: unknown };
  const created = (await push(Array.from({ length: size }, (_, i) => ({ key: `n-${seed}-${i}`, values: demoProblem(r, TODAY) })))).filter(
    (x) => x.status === 'created',
  ) as unknown as Created[];
  expect(created.length).toBeGreaterThan(size / 2);
  if (!registryFirst) await registry();
  const changes = created
    .filter(() => r() < 0.35)
    .map((x) => {
      const roll = r();
      if (roll < 0.15) return { key: x.key, id: x.id, baseVersion: 1, withdraw: true };
      const values = { ...(x.values as CanonicalRow) };
      if (roll < 0.3) values.county = '介休市';
      else if (values.status === '待办理' && values.department !== undefined) values.status = '办理中';
      else if (values.status === '办理中') Object.assign(values, r() < 0.5 ? { status: '待审核', resolution: '已协调，待审核' } : { status: '长期推进' });
      else if (values.deadline !== undefined) values.deadline = addDays(values.foundOn as string, Math.floor(r() * 60));
      return { key: x.key, id: x.id, baseVersion: 1, values };
    });
  const answers = await push(changes);
  // A change the rules refuse (a department the registry does not know) leaves its row as it was.
  expect(answers.filter((a) => a.status === 'updated').length).toBeGreaterThan(changes.length / 3);
  expect(answers.filter((a) => a.status === 'withdrawn').length).toBeGreaterThan(0);
  // Departments answer what was assigned to them, through the push: days to a first answer are counted as they go.
  const rows = (await adminDb().collection('problems').where('values.status', '==', '办理中').get()).docs
    .map((d) => ({
      id: d.id,
      key: d.get('key') as string,
      version: d.get('version') as number,
      values: d.get('values') as CanonicalRow,
      departmentId: d.get('departmentId'),
    }))
    .filter((x) => typeof x.departmentId === 'string' && r() < 0.5);
  for (const x of rows) {
    const department: Caller = { uid: `notice-${x.departmentId}`, email: `${x.departmentId}@taizhang.test`, role: 'department', department: x.departmentId };
    const [answer] = await pushRows(
      adminDb(),
      department,
      {
        ledger: 'problems',
        requestId: randomUUID(),
        rows: [{ key: x.key, id: x.id, baseVersion: x.version, values: { ...x.values, status: '待审核', resolution: '已协调，待审核' } }],
      } as never,
      { today: TODAY },
    );
    expect(answer!.status).toBe('updated');
  }
  expect(rows.length).toBeGreaterThan(0);
  // Last changes and handling spread over weeks, as only a clock gives them: written straight
  // into the rows, so the repair recounts the days to a first answer they change, and nothing else.
  const now = Date.parse(`${TODAY}T12:00:00+08:00`);
  const batch = adminDb().batch();
  for (const x of created) {
    const roll = r();
    const ref = adminDb().collection('problems').doc(x.id);
    if (roll < 0.3) batch.update(ref, { updatedAt: Timestamp.fromMillis(now - Math.floor(r() * 60) * DAY) });
    else if (roll < 0.5) {
      const assignedAt = now - Math.floor(r() * 30) * DAY - Math.floor(r() * DAY);
      batch.update(ref, { assignedAt: Timestamp.fromMillis(assignedAt), firstAnsweredAt: Timestamp.fromMillis(assignedAt + Math.floor(r() * 10 * DAY) - DAY) });
    }
  }
  await batch.commit();
  const repair = await rebuildStats(adminDb());
  expect(repair.differences.every((d) => d.cell.dimension === ASSIGNED_FIELD && d.cell.slot.startsWith('f:'))).toBe(true);
  expect(await rebuildStats(adminDb(), 'problems', { dryRun: true })).toMatchObject({ differences: [] });
  expect(await statsComplete(adminDb(), 'problems')).toBe(true);
}

async function expectKeptEqualsScan(): Promise<void> {
  for (const asOf of [addDays(TODAY, -40), TODAY, addDays(TODAY, 20), addDays(TODAY, 90)]) {
    for (const staleDays of [7, 14, 30]) {
      const kept = await computeNotices(adminDb(), asOf, { staleDays });
      const scan = await computeNoticesByScan(adminDb(), asOf, { staleDays });
      expect(kept).toEqual(scan);
    }
  }
  const small = await computeNotices(adminDb(), TODAY, { limit: 3 });
  expect(small).toEqual(await computeNoticesByScan(adminDb(), TODAY, { limit: 3 }));
}

test.each([
  [1, 160, true],
  [2, 220, false],
  [3, 120, true],
])('dataset %i (%i problems, registry first: %s): the notice from the kept statistics equals the scan', async (seed, size, registryFirst) => {
  await dataset(seed, size, registryFirst);
  const { city } = await computeNotices(adminDb(), TODAY);
  expect(city.totals.problems).toBeGreaterThan(0);
  expect(city.totals.overdue).toBeGreaterThan(0);
  await expectKeptEqualsScan();
});
