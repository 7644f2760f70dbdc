// A 乡镇（街道） is free text, and statistics keep a cell per value: a value that is a name
// JavaScript objects or Firestore reserve (__proto__, __name__, constructor) must count like
// any other, and must not change how the functions treat every later push.
import { newKey, problem, push, stats } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';
import { scanStats } from '../../functions/src/stats/service';

const AS_OF = '2022-06-01';
const NAMES = ['__proto__', '__name__', 'constructor', 'toString', '~镇', '龙凤镇'];
let coordinator: TestUser;

beforeAll(async () => {
  await clearFirestore();
  coordinator = await makeUser({ email: 'names-coord@taizhang.test', claims: { role: 'coordinator', county: '榆次区' } });
});

afterAll(closeAdmin);

it('townships named like the objects that hold them are counted as themselves, and later pushes are served as before', async () => {
  const rows = NAMES.map((township) => ({ key: newKey('names'), values: problem({ township }) }));
  const first = await push(coordinator, rows);
  expect(first.results.map((r) => r.status)).toEqual(NAMES.map(() => 'created'));

  const again = await push(coordinator, [{ key: newKey('names'), values: problem({ township: '龙凤镇' }) }]);
  expect(again.results[0]!.status).toBe('created');

  const kept = (await stats(coordinator, { ledger: 'problems', groupBy: 'township', asOf: AS_OF })).result!;
  const byTownship = new Map(kept.rows.map((r) => [r.key, r.total]));
  expect(byTownship).toEqual(new Map(NAMES.map((n) => [n, n === '龙凤镇' ? 2 : 1])));
  const scanned = await scanStats(adminDb(), 'problems', 'township', { filter: {}, assignedOnly: false }, AS_OF);
  expect(kept.rows).toEqual(scanned.rows);
});
