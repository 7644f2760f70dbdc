// A county's clerks pushing at once (docs/ids.md): twenty accounts of one county each push
// fifty new problems of the same year at the same moment, every request sent twice at once
// (a client's retry racing the original), through the push's own code against the Firestore
// emulator (the Functions emulator would start a process per call). Every row is created,
// the two copies answer the same ids, no two rows share an id, and no number is burnt: every
// number the county's year gave out is a row's, or still waits to be given.
import { randomUUID } from 'node:crypto';
import { countyCode, type PushResult } from '@taizhang/ledger';
import type { Caller } from '../../functions/src/auth';
import { idsHandedOut } from '../../functions/src/push/ids';
import { pushRows } from '../../functions/src/push/service';
import { newKey, problem } from './fixtures';
import { adminDb, clearFirestore, closeAdmin } from './helpers';

const YUCI = '榆次区';
const CLERKS = 20;
const ROWS = 50;

jest.setTimeout(180_000);
afterAll(closeAdmin);
beforeAll(clearFirestore);

test('twenty clerks of one county push fifty new rows each at once: all created, ids unique, none burnt', async () => {
  const db = adminDb();
  const pushes = Array.from({ length: CLERKS }, (_, i) => {
    const group = `榆次区入企服务第${i + 1}组`;
    const clerk: Caller = { uid: `crowd-clerk-${i}`, email: `crowd.clerk${i}@taizhang.test`, role: 'clerk', county: YUCI, group };
    const values = problem({ county: YUCI, group, foundOn: '2021-05-01', deadline: '2021-06-30' });
    const req = { ledger: 'problems' as const, requestId: randomUUID(), rows: Array.from({ length: ROWS }, () => ({ key: newKey(), values })) };
    const send = () => pushRows(db, clerk, req, { today: '2021-07-01' });
    return Promise.all([send(), send()]);
  });
  const answers = await Promise.all(pushes);
  const ids: string[] = [];
  for (const [first, copy] of answers) {
    expect(first.map((r) => r.status)).toEqual(Array(ROWS).fill('created'));
    expect(copy).toEqual(first);
    ids.push(...first.map((r: PushResult) => (r as { id: string }).id));
  }
  expect(new Set(ids).size).toBe(CLERKS * ROWS);
  const stored = await db.collection('problems').where('values.foundOn', '==', '2021-05-01').get();
  expect(stored.docs.map((d) => d.id).sort()).toEqual([...ids].sort());
  expect(await idsHandedOut(db, 'problems', countyCode(YUCI)!, 2021)).toBe(CLERKS * ROWS);
});
