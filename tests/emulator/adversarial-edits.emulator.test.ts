// Issue #7, concurrent edits: several clients that may all update the same rows (two clerks
// of the owning group, the county coordinator, a city coordinator, an admin) send updates of
// the same rows from the same base version at the same moment, round after round, while some
// answers are lost and retried. Exactly one update per row and version wins; every other
// client gets `conflict` showing the winner; no update vanishes without an answer; versions
// and revisions record exactly the winners, in order.
import { randomUUID } from 'node:crypto';
import type { CanonicalRow, PushResult } from '@taizhang/ledger';
import type { ApiClient } from '@taizhang/client';
import { random } from '../../scripts/demo/rows';
import { addFigures, newFaultFigures, type FaultFigures } from '../support/faults';
import { recordFigures, sized } from '../support/stress';
import { create, faultyClient, problem, revisionsOf } from './fixtures';
import { adminDb, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

const ROWS = sized(12, 100);
const ROUNDS = sized(3, 6);
const DROP_ANSWERS = 0.1;
const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';

jest.setTimeout(sized(300_000, 1_800_000));

interface Editor {
  readonly name: string;
  readonly api: ApiClient;
  readonly figures: FaultFigures;
}

let editors: Editor[];
let rows: { id: string; key: string }[];
/** Per round, per row: every editor's answer. */
const answers: { round: number; row: number; editor: string; sent: string; result: PushResult }[] = [];

function editor(name: string, user: TestUser, seed: number): Editor {
  const figures = newFaultFigures();
  return { name, figures, api: faultyClient(user, { dropAnswers: DROP_ANSWERS, duplicateRequests: 0.05, random: random(seed) }, figures, 120_000) };
}

beforeAll(async () => {
  await clearFirestore();
  const users = await Promise.all([
    makeUser({ email: 'edits-clerk-1@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'edits-clerk-2@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'edits-coord-yuci@taizhang.test', claims: { role: 'coordinator', county: YUCI } }),
    makeUser({ email: 'edits-coord-city@taizhang.test', claims: { role: 'coordinator' } }),
    makeUser({ email: 'edits-admin@taizhang.test', claims: { role: 'admin' } }),
  ]);
  editors = users.map((u, i) => editor(u.email.split('@')[0]!, u, 7 + i));
  rows = (
    await create(
      users[0]!,
      Array.from({ length: ROWS }, (_, i) => problem({ targetName: `并发测试企业${i}` })),
    )
  ).map((r) => ({ id: r.id, key: r.key }));

  for (let round = 1; round <= ROUNDS; round++) {
    const base = round; // every row is at version `round` when the round starts
    const current = await Promise.all(rows.map(async (r) => (await adminDb().collection('problems').doc(r.id).get()).data()!.values as CanonicalRow));
    // All editors send all rows at once, each its own text, from the same base version.
    await Promise.all(
      editors.map(async (e) => {
        const sent = rows.map((r, i) => ({
          key: r.key,
          id: r.id,
          baseVersion: base,
          values: { ...current[i]!, description: `第${round}轮 ${e.name} 的修改 ${randomUUID()}` },
        }));
        const results = await e.api.pushRows('problems', sent);
        results.forEach((result, i) => answers.push({ round, row: i, editor: e.name, sent: String(sent[i]!.values.description), result }));
      }),
    );
  }
});

afterAll(async () => {
  const total = newFaultFigures();
  for (const e of editors ?? []) addFigures(total, e.figures);
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.result.status] = (byStatus[a.result.status] ?? 0) + 1;
  recordFigures('concurrent-edits', {
    editors: editors?.length ?? 0,
    rows: ROWS,
    rounds: ROUNDS,
    requests: total.requests,
    'dropped answers': total.dropped,
    'doubled requests': total.duplicated,
    replays: total.replays,
    updates: byStatus.updated ?? 0,
    conflicts: byStatus.conflict ?? 0,
    'row results': byStatus,
    'errors by code': total.errors,
  });
  await closeAdmin();
});

const winners = (round: number, row: number) => answers.filter((a) => a.round === round && a.row === row && a.result.status === 'updated');

it('every editor got an answer for every row of every round: updated or conflict, nothing else', () => {
  expect(answers).toHaveLength(editors.length * ROWS * ROUNDS);
  expect(answers.filter((a) => a.result.status !== 'updated' && a.result.status !== 'conflict')).toEqual([]);
});

it('exactly one update per row and version wins; the others see that winner as current', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    for (let row = 0; row < ROWS; row++) {
      const won = winners(round, row);
      expect({ round, row, winners: won.length }).toEqual({ round, row, winners: 1 });
      expect(won[0]!.result).toMatchObject({ status: 'updated', version: round + 1 });
      for (const lost of answers.filter((a) => a.round === round && a.row === row && a.result.status === 'conflict')) {
        const current = (lost.result as Extract<PushResult, { status: 'conflict' }>).current;
        expect(current.version).toBeGreaterThanOrEqual(round + 1);
        if (current.version === round + 1) expect(current.values.description).toBe(won[0]!.sent);
      }
    }
  }
});

it('the stored rows and their revisions are exactly the winners, in order', async () => {
  for (const [i, r] of rows.entries()) {
    const doc = (await adminDb().collection('problems').doc(r.id).get()).data()!;
    expect(doc.version).toBe(ROUNDS + 1);
    expect(doc.values.description).toBe(winners(ROUNDS, i)[0]!.sent);
    const revs = await revisionsOf('problems', r.id);
    expect(revs.map((x) => x.data.version)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, v) => v + 1));
    for (let round = 1; round <= ROUNDS; round++) {
      expect(revs[round]!.data.action).toBe('updated');
      expect(JSON.stringify(revs[round]!.data.changes)).toContain(JSON.stringify(winners(round, i)[0]!.sent));
    }
  }
});
