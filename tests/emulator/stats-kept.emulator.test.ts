// The problems' kept statistics through the real push (docs/data-model.md#statistics): after
// creates, updates, moves between counties, workflow transitions and withdrawals sent over a
// network that drops answers and sends requests twice, they equal a scan of the stored rows
// cell by cell, and getStats' answers from them equal the scan's for every group-by, the city
// and a county, on many days. `admin stats rebuild` finds and corrects a difference;
// `admin migrate` counts rows older than the statistics while pushes go on.
import { spawn, spawnSync } from 'node:child_process';
import { FieldValue } from 'firebase-admin/firestore';
import { cellsOfRows, departmentIndex, STAT_DIMENSIONS, type CanonicalRow, type CountedRow, type PushResult, type PushRow } from '@taizhang/ledger';
import { listDepartments } from '../../functions/src/departments/store';
import { scanStats } from '../../functions/src/stats/service';
import { readAllCells, statPaths } from '../../functions/src/stats/store';
import { random } from '../../scripts/demo/rows';
import { newFaultFigures } from '../support/faults';
import { BIN, REPO } from '../unit/cli/fixtures';
import { faultyClient, newKey, problem, stats } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

const COUNTIES = ['榆次区', '介休市', '太谷区'];
const DAYS = ['2022-03-01', '2022-04-15', '2022-04-30', '2022-05-01', '2022-05-20', '2022-07-01'];
const DEPARTMENTS = ['市工信局', '市自然资源局', '市住建局'];

let admin: TestUser;

afterAll(closeAdmin);

async function storedRows(): Promise<CountedRow[]> {
  const snap = await adminDb().collection('problems').get();
  return snap.docs.map((d) => ({ values: d.get('values'), departmentId: d.get('departmentId') ?? null, withdrawn: d.get('withdrawn') === true }));
}

/** The kept cells equal the rows' cells, and every answer from them equals the scan's. */
async function expectKeptEqualsScan(): Promise<void> {
  const rows = await storedRows();
  expect((await readAllCells(adminDb(), 'problems')).cells).toEqual(cellsOfRows(rows));
  const departments = departmentIndex(await listDepartments(adminDb()));
  for (const groupBy of STAT_DIMENSIONS) {
    for (const county of [undefined, '榆次区']) {
      for (const asOf of DAYS) {
        const filter: Record<string, string> = county === undefined ? {} : { county };
        const kept = await stats(admin, { ledger: 'problems', groupBy, filter, asOf });
        expect(kept.result).toEqual(await scanStats(adminDb(), 'problems', groupBy, { filter, assignedOnly: false }, asOf, departments));
      }
    }
  }
}

function rowValues(r: () => number): CanonicalRow {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const county = pick(COUNTIES);
  const resolved = r() < 0.25;
  return problem({
    county,
    group: `${county}入企服务第${1 + Math.floor(r() * 2)}组`,
    sector: pick(['农业', '建筑业', '文化旅游']),
    department: pick(DEPARTMENTS),
    deadline: `2022-0${4 + Math.floor(r() * 3)}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
    level: pick(['协调解决', '提交市级']),
    ...(resolved ? { status: '已解决', resolution: '已办结', resolvedOn: '2022-04-20' } : { status: pick(['待办理', '办理中', '长期推进']) }),
  });
}

test('after a history with lost answers and replays, the kept statistics equal a scan', async () => {
  await clearFirestore();
  await Promise.all(
    [
      ['jz-gxj', '市工信局'],
      ['jz-zrzy', '市自然资源局'],
      ['jz-zjj', '市住建局'],
    ].map(([id, name]) => adminDb().collection('departments').doc(id!).set({ name, aliases: [], county: '市直', active: true })),
  );
  admin = await makeUser({ email: 'kept-admin@taizhang.test', claims: { role: 'admin' } });
  const figures = newFaultFigures();
  const api = faultyClient(admin, { dropAnswers: 0.3, duplicateRequests: 0.2, random: random(22) }, figures);
  const r = random(2022);
  const live = new Map<string, { id: string; version: number; values: CanonicalRow }>();
  const accept = (sent: PushRow[], results: PushResult[]) =>
    results.forEach((x, i) => {
      if (x.status === 'created' || x.status === 'updated') live.set(sent[i]!.key, { id: x.id, version: x.version, values: x.values as CanonicalRow });
      if (x.status === 'withdrawn') live.delete(sent[i]!.key);
    });

  const created = Array.from({ length: 60 }, () => ({ key: newKey(), values: rowValues(r) }));
  accept(created, await api.pushRows('problems', created));
  expect(live.size).toBe(created.length);
  for (let round = 0; round < 4; round++) {
    const changes: PushRow[] = [];
    for (const [key, row] of live) {
      const x = r();
      if (x < 0.1) changes.push({ key, id: row.id, baseVersion: row.version, withdraw: true });
      else if (x < 0.3)
        changes.push({
          key,
          id: row.id,
          baseVersion: row.version,
          values: { ...row.values, county: COUNTIES[round % 3]!, group: `${COUNTIES[round % 3]!}入企服务第1组` },
        });
      else if (x < 0.5) changes.push({ key, id: row.id, baseVersion: row.version, values: rowValues(r) });
      else if (x < 0.7)
        changes.push({
          key,
          id: row.id,
          baseVersion: row.version,
          values: {
            ...row.values,
            status: row.values.status === '办理中' ? '长期推进' : '办理中',
            resolution: undefined,
            resolvedOn: undefined,
          } as unknown as CanonicalRow,
        });
    }
    const sent = changes.map((c) =>
      c.values ? { ...c, values: Object.fromEntries(Object.entries(c.values).filter(([, v]) => v !== undefined)) as CanonicalRow } : c,
    );
    const results = await api.pushRows('problems', sent);
    expect(results.filter((x) => !['updated', 'withdrawn', 'unchanged'].includes(x.status))).toEqual([]);
    accept(sent, results);
  }
  expect(figures.dropped).toBeGreaterThan(0);
  expect(figures.replays + figures.duplicated).toBeGreaterThan(0);
  await expectKeptEqualsScan();
  expect((await adminDb().collection('statsState').doc('problems').get()).get('complete')).toBe(true);
}, 300_000);

function cli(...args: string[]): { status: number | null; out: unknown } {
  const res = spawnSync(process.execPath, [BIN, 'admin', ...args, '--json'], { cwd: REPO, encoding: 'utf8', env: process.env });
  expect(res.stderr).toBe('');
  return { status: res.status, out: JSON.parse(res.stdout) };
}

/** The CLI run beside the test's own calls (spawnSync would stop them). */
function cliAsync(...args: string[]): Promise<{ status: number | null; out: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'admin', ...args, '--json'], { cwd: REPO, env: process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (status) => (err !== '' ? reject(new Error(err)) : resolve({ status, out: JSON.parse(out) })));
  });
}

test('admin stats rebuild reports a difference and corrects it; a second run finds none', async () => {
  const cell = { '（未填写）': { 's:办理中|协调解决': FieldValue.increment(3) } };
  await statPaths
    .shard(adminDb(), 'problems', '榆次区', 'township', 5)
    .set({ ledger: 'problems', county: '榆次区', dimension: 'township', shard: 5, cells: cell }, { merge: true });
  const dry = cli('stats', 'rebuild', '--dry-run').out as {
    differences: { cell: { county: string; dimension: string }; rows: number; stored: number }[];
    repaired: boolean;
  };
  expect(dry.repaired).toBe(false);
  expect(dry.differences).toHaveLength(1);
  expect(dry.differences[0]).toMatchObject({ cell: { county: '榆次区', dimension: 'township', group: '（未填写）', slot: 's:办理中|协调解决' } });
  expect(dry.differences[0]!.stored - dry.differences[0]!.rows).toBe(3);
  expect(cli('stats', 'rebuild').out).toMatchObject({ repaired: true });
  expect(cli('stats', 'rebuild').out).toMatchObject({ differences: [], repaired: false });
  await expectKeptEqualsScan();
}, 300_000);

test('admin migrate counts rows older than the statistics while pushes go on; getStats scans until then', async () => {
  // Rows as an older version stored them: no statistics, no inStats.
  const older = (await adminDb().collection('problems').where('withdrawn', '==', false).get()).docs;
  await Promise.all(older.map((d) => d.ref.update({ inStats: FieldValue.delete() })));
  await adminDb()
    .collection('stats')
    .get()
    .then((s) => Promise.all(s.docs.map((d) => d.ref.delete())));
  await adminDb().collection('statsState').doc('problems').delete();
  // Until migrated, the answer is the scan's, right.
  const before = await stats(admin, { ledger: 'problems', groupBy: 'county', asOf: '2022-05-01' });
  expect(before.result).toEqual(await scanStats(adminDb(), 'problems', 'county', { filter: {}, assignedOnly: false }, '2022-05-01'));
  expect((await adminDb().collection('statsState').doc('problems').get()).exists).toBe(false);

  // Pushes change older rows while the migration runs.
  const pushes = older.slice(0, 10).map((d, i) => {
    const values = { ...(d.get('values') as CanonicalRow), remarks: `迁移期间修改${i}`, status: '待办理' };
    delete (values as Record<string, unknown>).resolution;
    delete (values as Record<string, unknown>).resolvedOn;
    return { key: d.get('key') as string, id: d.id, baseVersion: d.get('version') as number, values };
  });
  const api = faultyClient(admin, { dropAnswers: 0, duplicateRequests: 0, random: random(1) }, newFaultFigures());
  const during = (async () => {
    const out: PushResult[] = [];
    for (const p of pushes) out.push(...(await api.pushRows('problems', [p])));
    return out;
  })();
  const migrated = await cliAsync('migrate');
  const results = await during;
  expect(results.every((x) => x.status === 'updated')).toBe(true);
  const report = (migrated.out as { counties: { ledger: string; counted: number }[] }).counties.find((x) => x.ledger === 'problems')!;
  expect(report.counted).toBeGreaterThan(0);
  expect(report.counted).toBeLessThanOrEqual(older.length);
  cli('migrate');
  expect((await adminDb().collection('statsState').doc('problems').get()).get('complete')).toBe(true);
  await expectKeptEqualsScan();
}, 300_000);
