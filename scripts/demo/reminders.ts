// The reminders on `npm start`'s stack: a fake WeCom and DingTalk robot on the loopback
// interface (fakeRobot.ts) that prints what it receives; 榆次区's channel bound to its WeCom
// robot and the department jz-zrzy's to its DingTalk robot (signed); the 交办 and 退回 the
// demo history's pushes decided for jz-zrzy (history.ts), fanned out to it once bound;
// today's notice and digests; and the sender every few seconds (the Functions emulator runs
// no scheduled functions). Runs until `npm start` stops.
//
//   FIREBASE_AUTH_EMULATOR_HOST=… FIRESTORE_EMULATOR_HOST=… TAIZHANG_FAKE_ROBOT_PORT=4700 npx tsx scripts/demo/reminders.ts

import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { PLATFORM_NAMES, todayInShanghai } from '@taizhang/ledger';
import { startFakeRobots } from './fakeRobot';
import { PROJECT } from './emulatorClient';
import { addChannel, enqueueDailyDigests, generateNotices, sendDueReminders, toChannel } from '@taizhang/functions/admin';

const DEPARTMENT = 'jz-zrzy';
const ROBOTS = [
  { platform: 'wecom' as const, token: 'demo-yuci-wecom-key', label: '演示：榆次区入企进村工作群', target: { kind: 'county' as const, county: '榆次区' } },
  {
    platform: 'dingtalk' as const,
    token: 'demo-zrzy-dingtalk-token',
    secret: 'SECdemo0123456789abcdef',
    label: '晋中市自然资源局',
    target: { kind: 'department' as const, departmentId: DEPARTMENT },
  },
];

/** The demo channels, bound once: a restart finds them and sends nothing twice. */
async function bindChannels(db: Firestore, webhook: (token: string) => string): Promise<void> {
  const existing = (await db.collection('channels').get()).docs.map((d) => toChannel(d.data()));
  for (const r of ROBOTS) {
    const url = webhook(r.token);
    if (existing.some((c) => c.webhook === url)) continue;
    const stale = existing.filter((c) => c.label === r.label);
    for (const c of stale) await db.collection('channels').doc(c.id).delete();
    const v = await addChannel(db, { platform: r.platform, target: r.target, label: r.label, webhook: url, ...(r.secret && { secret: r.secret }) }, true);
    console.log(`[提醒] 已绑定 ${v.id}：${PLATFORM_NAMES[v.platform]} → ${r.label}  ${v.webhook}`);
  }
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('reminders.ts only runs against the emulators / 只能在本地模拟器上运行');
  const app = getApps()[0] ?? initializeApp({ projectId: PROJECT });
  const db = getFirestore(app);
  db.settings({ ignoreUndefinedProperties: true });
  const robots = await startFakeRobots({
    port: Number(process.env.TAIZHANG_FAKE_ROBOT_PORT ?? 4700),
    robots: ROBOTS.map((r) => ({ platform: r.platform, token: r.token, ...(r.secret && { secret: r.secret }) })),
    onMessage: (m) => {
      const who = ROBOTS.find((r) => r.token === m.token)?.label ?? m.token;
      console.log(`\n[演示机器人 / fake robot] ${PLATFORM_NAMES[m.platform]}「${who}」收到 / received (${m.bytes} bytes):\n${m.text}\n`);
    },
  });
  await bindChannels(db, (t) => robots.webhook(t));
  const today = todayInShanghai();
  const set = await generateNotices(db, today);
  const digests = await enqueueDailyDigests(db, today, set);
  console.log(
    `[提醒] ${today} 每日提醒：新建 ${digests.created.length} 条，已有 ${digests.existing.length} 条，无事可报 ${digests.quiet.length} 个渠道 / digests: ${digests.created.length} new, ${digests.existing.length} already there, ${digests.quiet.length} channels with nothing to say`,
  );
  console.log(`[提醒] 演示机器人 / fake robot: ${robots.origin}  (npx taizhang admin channels list | outbox)`);
  const tick = async () => {
    try {
      await sendDueReminders(db, { log: (event, f) => console.log(`[提醒] ${event} ${f.message} (${f.channel ?? ''})`) });
    } catch (e) {
      console.error(`[提醒] 发送失败 / sending failed: ${(e as Error).message}`);
    }
    setTimeout(tick, 5000);
  };
  await tick();
  const stop = () => void robots.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`[提醒] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
