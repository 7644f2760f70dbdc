// Security rules against the Firestore emulator (firestore.rules: deny every client read and
// write). Clients go through the callables only, so no client — signed out, a clerk, an
// admin, whatever its custom claims — may read or write any collection directly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertFails, initializeTestEnvironment, type RulesTestContext, type RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { collection, collectionGroup, deleteDoc, doc, getDoc, getDocs, limit, query, setDoc, setLogLevel, updateDoc, where } from 'firebase/firestore';
import { emulatorHosts } from './helpers';

const PROJECT_ID = 'demo-taizhang';
const CLERK_UID = 'rules-clerk-uid';

/** A document of every collection the functions keep (store/paths.ts), subcollections too. */
const DOCS: readonly string[] = [
  'problems/P-140702-2022-000001',
  'problems/P-140702-2022-000001/revisions/000001',
  'visits/V-140702-2022-000001',
  'visits/V-140702-2022-000001/revisions/000001',
  'problemsKeys/rules-key-1',
  'visitsKeys/rules-key-2',
  'counters/problems-140702-2022',
  `requests/${CLERK_UID}-rules-request-1`,
  `requests/${CLERK_UID}-rules-request-1/units/000`,
  'groups/YC-01',
  'notices/2022-06-01',
  'notices/2022-06-01/counties/榆次区',
  'channels/ch-rules0001',
  'outbox/digest-2022-06-01-ch-rules0001',
  'reminderEvents/P-140702-2022-000001-v2',
];

let env: RulesTestEnvironment;

beforeAll(async () => {
  setLogLevel('error'); // every denied write is otherwise logged as a warning
  const [host, port] = emulatorHosts().firestore.split(':') as [string, string];
  env = await initializeTestEnvironment({
    projectId: PROJECT_ID,
    firestore: {
      rules: readFileSync(path.join(__dirname, '..', '..', 'firestore.rules'), 'utf8'),
      host,
      port: Number(port),
    },
  });
  await env.clearFirestore();
  // Documents as the functions would have written them (admin access bypasses the rules).
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    for (const p of DOCS) {
      await setDoc(doc(db, p), {
        id: p.split('/')[1],
        version: 1,
        withdrawn: false,
        ownerGroup: '榆次区第1组',
        ownerUid: CLERK_UID,
        values: { county: '榆次区', group: '榆次区第1组' },
        keys: ['rules-key-1'],
      });
    }
  });
});

afterAll(async () => {
  await env?.clearFirestore();
  await env?.cleanup();
});

it('the seeded documents exist (so the denials below are the rules, not missing data)', async () => {
  await env.withSecurityRulesDisabled(async (ctx) => {
    for (const p of DOCS) expect((await getDoc(doc(ctx.firestore(), p))).exists()).toBe(true);
  });
});

const contexts: [string, () => RulesTestContext][] = [
  ['an unauthenticated client', () => env.unauthenticatedContext()],
  [
    'a clerk (its own county, group and uid)',
    () =>
      env.authenticatedContext(CLERK_UID, {
        email: 'rules-clerk@taizhang.test',
        email_verified: true,
        role: 'clerk',
        county: '榆次区',
        group: '榆次区第1组',
      }),
  ],
  [
    'a county coordinator',
    () => env.authenticatedContext('rules-county-coordinator-uid', { email: 'rules-coord-yuci@taizhang.test', role: 'coordinator', county: '榆次区' }),
  ],
  ['a city coordinator', () => env.authenticatedContext('rules-coordinator-uid', { email: 'rules-coord@taizhang.test', role: 'coordinator' })],
  ['an admin', () => env.authenticatedContext('rules-admin-uid', { email: 'rules-admin@taizhang.test', role: 'admin' })],
];

describe.each(contexts)('%s', (_name, context) => {
  it.each(DOCS)('can neither read nor write %s', async (p) => {
    const db = context().firestore();
    const ref = doc(db, p);
    const parent = ref.parent;

    await assertFails(getDoc(ref));
    await assertFails(getDocs(query(parent, limit(1))));
    await assertFails(getDocs(query(parent, where('values.county', '==', '榆次区'))));
    await assertFails(setDoc(doc(parent, 'client-made'), { values: { county: '榆次区' } }));
    await assertFails(setDoc(ref, { version: 99 }, { merge: true }));
    await assertFails(updateDoc(ref, { version: 2 }));
    await assertFails(deleteDoc(ref));
  });

  it('can query no collection group either', async () => {
    const db = context().firestore();
    for (const group of ['problems', 'visits', 'revisions', 'units', 'requests', 'counters', 'problemsKeys', 'visitsKeys', 'groups', 'notices', 'counties']) {
      await assertFails(getDocs(query(collectionGroup(db, group), limit(1))));
    }
    await assertFails(getDocs(collection(db, 'somethingElse')));
  });
});
