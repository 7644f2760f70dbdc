// To-do benchmark (issue 19), inside the emulators (npm run bench starts them): 10,000 stored
// problems with the labels the push keeps (seeded through firebase-admin in batches), then
// getInbox for a city-wide coordinator and for a department: documents read (items answered
// plus one count per reason, which Firestore bills as one read per 1,000 index entries) and
// time, end to end through the callable and in the service alone. A to-do must read what it
// answers, never the store: the reads stay put when the store grows.

import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { Timestamp, getFirestore, type Firestore } from 'firebase-admin/firestore';
import { INBOX_REASONS, deadlineHolders, inboxLabels, todayInShanghai, type Caller, type InboxAnswer } from '@taizhang/ledger';
import { readInbox } from '@taizhang/functions/services';
import { demoProblem, random } from '../scripts/demo/rows';
import { emulatorIdToken, emulatorTransport, PROJECT } from '../scripts/demo/emulatorClient';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_INBOX_ROUNDS ?? 5);
const DEPARTMENTS = Array.from({ length: 40 }, (_, i) => `jz-d${String(i).padStart(2, '0')}`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function clear(): Promise<void> {
  await fetch(`http://${process.env.FIRESTORE_EMULATOR_HOST}/emulator/v1/projects/${PROJECT}/databases/(default)/documents`, { method: 'DELETE' });
}

/** `rows` problem documents as the push stores them, labels included, in batches of 500. */
async function seed(db: Firestore, rows: number, today: string): Promise<void> {
  const r = random(19);
  for (let i = 0; i < rows; i += 500) {
    const batch = db.batch();
    for (let j = i; j < Math.min(rows, i + 500); j++) {
      const values = demoProblem(r, today);
      const departmentId = values.department !== undefined ? DEPARTMENTS[Math.floor(r() * DEPARTMENTS.length)]! : null;
      const answered = r() < 0.5;
      const row = {
        values,
        ownerGroup: String(values.group),
        departmentId,
        withdrawn: false,
        stamps: { assignedAt: 1, ...(answered && { answeredAt: 2 }), ...(answered && r() < 0.2 && { returnedAt: 3 }) },
      };
      const id = `P-140702-2024-${String(j + 1).padStart(6, '0')}`;
      batch.set(db.collection('problems').doc(id), {
        id,
        key: `bench-${j}`,
        version: 1,
        values,
        counties: [values.county],
        ownerGroup: row.ownerGroup,
        ownerUid: 'bench',
        departmentId,
        withdrawn: false,
        inbox: inboxLabels(row),
        deadlineHolders: deadlineHolders(row),
        dueKey: typeof values.deadline === 'string' ? values.deadline : '9999-12-31',
        createdAt: Timestamp.now(),
        createdBy: 'bench',
        updatedAt: Timestamp.now(),
        updatedBy: 'bench',
        lastRequestId: 'bench',
      });
    }
    await batch.commit();
  }
}

/** Documents a to-do reads: the items, and a count's index entries at one read per 1,000. */
function reads(a: InboxAnswer): number {
  return a.items.length + Object.values(a.counts).reduce((s, n) => s + Math.max(1, Math.ceil((n ?? 0) / 1000)), 0);
}

async function account(email: string, claims: Record<string, unknown>): Promise<string> {
  const auth = getAuth();
  const password = 'bench-password';
  const user = await auth.getUserByEmail(email).catch(() => auth.createUser({ email, password }));
  await auth.setCustomUserClaims(user.uid, claims);
  return emulatorIdToken(email, password);
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

async function main(): Promise<void> {
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  const today = todayInShanghai();
  await clear();
  const seeded = await timed(() => seed(db, ROWS, today));
  // The department with the most problems assigned, so its to-do is not trivially small.
  const load = new Map<string, number>();
  for (const d of (await db.collection('problems').where('departmentId', '!=', null).select('departmentId').get()).docs) {
    const id = d.get('departmentId') as string;
    load.set(id, (load.get(id) ?? 0) + 1);
  }
  const busiest = [...load.entries()].sort((a, b) => b[1] - a[1])[0]![0];

  const who: { label: string; caller: Caller; claims: Record<string, unknown>; email: string }[] = [
    { label: 'city-wide coordinator', caller: { role: 'coordinator' }, claims: { role: 'coordinator' }, email: 'bench.city@taizhang.test' },
    {
      label: `department ${busiest}`,
      caller: { role: 'department', department: busiest },
      claims: { role: 'department', department: busiest },
      email: 'bench.dept@taizhang.test',
    },
  ];
  console.log(`\nTo-do benchmark (Firestore emulator, one machine): ${ROWS} problems seeded in ${(seeded.ms / 1000).toFixed(1)} s; as of ${today}`);
  for (const w of who) {
    const holder = w.caller.role === 'department' ? { department: w.caller.department! } : { city: true as const };
    const service: number[] = [];
    let answer: InboxAnswer | undefined;
    for (let i = 0; i < ROUNDS; i++) {
      const t = await timed(() => readInbox(db, INBOX_REASONS[w.caller.role], holder, today));
      service.push(t.ms);
      answer = t.value;
    }
    const counts = Object.entries(answer!.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(`${w.label}: ${answer!.items.length} items (${counts}); documents read ${reads(answer!)} of ${ROWS} stored`);
    console.log(`  service (readInbox), median of ${ROUNDS}: ${median(service).toFixed(0)} ms`);
    try {
      const transport = emulatorTransport(await account(w.email, w.claims));
      const calls: number[] = [];
      await transport('getInbox', { asOf: today });
      for (let i = 0; i < ROUNDS; i++) calls.push((await timed(() => transport('getInbox', { asOf: today }))).ms);
      console.log(`  getInbox callable, median of ${ROUNDS} (after one warm-up): ${median(calls).toFixed(0)} ms`);
    } catch (e) {
      console.log(`  getInbox callable: refused (${(e as Error).message})`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
