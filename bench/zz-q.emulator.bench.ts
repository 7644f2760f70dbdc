import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { demoProblem, random } from '../scripts/demo/rows';
import { PROJECT } from '../scripts/demo/emulatorClient';
import { clearStore } from './emulatorStore';
async function main() {
  const db = getFirestore(getApps()[0] ?? initializeApp({ projectId: PROJECT }));
  db.settings({ ignoreUndefinedProperties: true });
  await clearStore();
  const r = random(3);
  let n = 0;
  for (const size of [10000, 40000]) {
    const t0 = performance.now();
    while (n < size) {
      const b = db.batch();
      for (let i = 0; i < 500; i++, n++) b.set(db.collection('problems').doc(`P${String(n).padStart(7, '0')}`), { id: `P${n}`, withdrawn: false, values: demoProblem(r, '2026-12-08'), departmentId: null });
      await b.commit();
    }
    console.log(`seeded ${n} in ${(performance.now() - t0).toFixed(0)} ms`);
    const live = db.collection('problems').where('withdrawn', '==', false);
    const time = async (label: string, q: FirebaseFirestore.Query) => {
      const t = performance.now();
      const s = await q.get();
      console.log(`  ${label}: ${s.size} docs in ${(performance.now() - t).toFixed(0)} ms`);
    };
    await time('targeted limit 20 (county, dept, open, overdue, by deadline)', live.where('values.county', '==', '榆次区').where('values.department', '==', '市住建局').where('values.status', 'in', ['办理中', '待审核']).where('values.deadline', '<', '2026-12-08').orderBy('values.deadline').limit(20));
    await time('targeted limit 200 county', live.where('values.county', '==', '榆次区').where('values.status', 'in', ['待办理', '办理中', '待审核']).where('values.deadline', '<', '2026-12-08').orderBy('values.deadline').limit(200));
    await time('global limit 500 by deadline', live.where('values.status', 'in', ['待办理', '办理中', '待审核']).where('values.deadline', '<', '2026-12-08').orderBy('values.deadline').limit(500));
    await time('equality limit 20', live.where('values.county', '==', '榆次区').limit(20));
    await time('by id limit 5000', db.collection('problems').orderBy('__name__').limit(5000));
    const t = performance.now();
    const c = await live.count().get();
    console.log(`  count ${c.data().count} in ${(performance.now() - t).toFixed(0)} ms`);
    const t2 = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => live.where('values.county', '==', '榆次区').where('values.status', 'in', ['办理中', '待审核']).where('values.deadline', '<', '2026-12-08').orderBy('values.deadline').limit(20).get()));
    console.log(`  20 targeted in parallel: ${(performance.now() - t2).toFixed(0)} ms`);
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
