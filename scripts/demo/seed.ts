// Demo accounts, the department registry and a few hundred demo rows in both ledgers, for
// `npm start`. Idempotent: accounts are brought to their demo claims (a new one gets the demo
// password), registry entries missing are added, rows are pushed only into an empty store.
// Rows go through pushRows as the demo accounts, the way a clerk's push would.
//
// Into an empty store, in the order a deployment lived it: the work groups' rows with
// 责任单位 as free text (no registry yet), then the registry, then `admin migrate` mapping the
// names to it (and listing the two it cannot), then a month of the department loop
// (history.ts).
//
//   FIREBASE_AUTH_EMULATOR_HOST=… FIRESTORE_EMULATOR_HOST=… npx tsx scripts/demo/seed.ts

import { randomUUID } from 'node:crypto';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { todayInShanghai, type CanonicalRow, type LedgerName } from '@taizhang/ledger';
import { upsertAccount } from '@taizhang/cli/accounts';
import { departmentMigrationText, migrateDepartments } from '@taizhang/functions/admin';
import { DEMO_ACCOUNTS, demoAccount, type DemoAccount } from './accounts';
import { DEMO_DEPARTMENTS } from './departments';
import { writeHistory } from './history';
import { demoProblem, demoVisit, random } from './rows';
import { reportedAgain } from './duplicates';
import { seedRegistry } from './registry';
import type { Transport } from '@taizhang/client';
import { emulatorIdToken, emulatorTransport, PROJECT } from './emulatorClient';

async function push(call: Transport, ledger: LedgerName, rows: CanonicalRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((values) => ({ key: randomUUID(), values }));
    const { results } = (await call('pushRows', { ledger, requestId: randomUUID(), rows: chunk })) as { results: { status: string }[] };
    const bad = results.filter((r) => r.status !== 'created');
    if (bad.length > 0) throw new Error(`demo push failed: ${JSON.stringify(bad.slice(0, 3))}`);
  }
}

/** A clerk may not report a problem at 提交市级 as anything but 待办理: the city decides the rest. */
function asReportedBy(account: DemoAccount, row: CanonicalRow): CanonicalRow {
  if (account.claims.role !== 'clerk' || row.level !== '提交市级' || row.status === '待办理') return row;
  const { resolution: _r, resolvedOn: _o, ...reported } = row;
  return { ...reported, status: '待办理' };
}

/** The registry's departments not there yet (an administrator's later changes stay). */
async function addDepartments(db: Firestore): Promise<number> {
  const refs = DEMO_DEPARTMENTS.map((d) => db.collection('departments').doc(d.id));
  const snaps = await db.getAll(...refs);
  const batch = db.batch();
  let added = 0;
  snaps.forEach((s, i) => {
    if (s.exists) return;
    batch.create(refs[i]!, DEMO_DEPARTMENTS[i]!);
    added++;
  });
  if (added > 0) await batch.commit();
  return added;
}

function printAccounts(): void {
  console.log('\n 演示账户 / demo accounts (密码 / password: %s)', DEMO_ACCOUNTS[0]!.password);
  for (const a of DEMO_ACCOUNTS) {
    const { role, county, group, department } = a.claims;
    const scope = department !== undefined ? `${a.displayName} (${department})` : `${county ?? '全市 / city-wide'}  ${group ?? ''}`;
    console.log(`   ${a.email.padEnd(34)} ${role.padEnd(12)} ${scope}`);
  }
}

/** Signs a demo account in once and keeps its transport. */
function sessions(): (email: string) => Promise<Transport> {
  const open = new Map<string, Promise<Transport>>();
  return (email) => {
    if (!open.has(email)) open.set(email, emulatorIdToken(email, demoAccount(email).password).then(emulatorTransport));
    return open.get(email)!;
  };
}

async function main(): Promise<void> {
  if (!process.env.FIREBASE_AUTH_EMULATOR_HOST || !process.env.FIRESTORE_EMULATOR_HOST) {
    throw new Error('seed.ts only runs against the emulators / 演示数据只能写入本地模拟器');
  }
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const auth = getAuth(app);
  for (const a of DEMO_ACCOUNTS) {
    // A new password signs an account out everywhere, so an existing demo account keeps its
    // own: restarting npm start leaves the pane signed in.
    const exists = await auth.getUserByEmail(a.email).then(
      () => true,
      () => false,
    );
    await upsertAccount(auth, {
      email: a.email,
      displayName: a.displayName,
      claims: a.claims,
      cityWide: a.cityWide === true,
      ...(!exists && { password: a.password }),
    });
  }

  const db = getFirestore(app);
  const registered = await seedRegistry(db);
  if (registered > 0) console.log(`演示名录：企业和行政村 ${registered} 条 / Demo registers: ${registered} enterprises and villages`);
  const empty = (await db.collection('problems').limit(1).get()).empty && (await db.collection('visits').limit(1).get()).empty;
  if (!empty) {
    await addDepartments(db);
    console.log('已有数据，未再写入演示行 / The store already has rows; no demo rows added');
    printAccounts();
    return;
  }
  const today = todayInShanghai();
  const r = random(20220214);
  const [yuci, jiexiu, coordinator] = [DEMO_ACCOUNTS[0]!, DEMO_ACCOUNTS[1]!, DEMO_ACCOUNTS[2]!];
  const others = ['太谷区', '榆社县', '左权县', '和顺县', '昔阳县', '寿阳县', '祁县', '平遥县', '灵石县', '市直'];
  const plan: [DemoAccount, readonly string[], number, number][] = [
    [yuci, ['榆次区'], 90, 60],
    [jiexiu, ['介休市'], 70, 50],
    [coordinator, others, 160, 100],
  ];
  let problems = 0;
  let visits = 0;
  const session = sessions();
  const reported = new Map<DemoAccount, CanonicalRow[]>();
  for (const [account, counties, np, nv] of plan) {
    const call = await session(account.email);
    const group = account.claims.group;
    const rows = Array.from({ length: np }, () => asReportedBy(account, demoProblem(r, today, counties, group)));
    reported.set(account, rows);
    await push(call, 'problems', rows);
    await push(
      call,
      'visits',
      Array.from({ length: nv }, () => demoVisit(r, today, counties, group)),
    );
    problems += np;
    visits += nv;
  }
  // The city's sector teams report again some problems the county groups reported: likely duplicates to review.
  const again = [...reportedAgain(reported.get(yuci) ?? [], today), ...reportedAgain(reported.get(jiexiu) ?? [], today, 2)];
  await push(await session(coordinator.email), 'problems', again);
  problems += again.length;
  console.log(
    `演示数据：问题清单 ${problems} 行（其中 ${again.length} 行由专班重复上报），走访台账 ${visits} 行 / Demo data: ${problems} problems (${again.length} reported again by sector teams), ${visits} visits`,
  );
  const added = await addDepartments(db);
  console.log(`责任单位名录：${added} 个单位 / Register of departments: ${added} departments`);
  console.log(`taizhang admin migrate：\n${departmentMigrationText(await migrateDepartments(db))}`);
  const h = await writeHistory(db, today, session);
  console.log(
    `一个月的交办、答复、审核、回访：${h.problems.length} 个问题，${h.pushes} 次推送 / A month of the department loop: ${h.problems.length} problems, ${h.pushes} pushes`,
  );
  printAccounts();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
