// Reminders through group robots, against the Firestore emulator and fake WeCom and DingTalk
// robots on the loopback interface (scripts/demo/fakeRobot.ts: they check the JSON, the size
// limits, DingTalk's signature and the rate limit). The sender runs in-process with a clock of
// the test's own, so "a minute later" costs no waiting.
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { deleteApp, getApps } from 'firebase-admin/app';
import { problemEvent, type ProblemEvent } from '@taizhang/ledger';
import { main } from '../../cli/src/main';
import { startFakeRobots, type FakeRobots } from '../../scripts/demo/fakeRobot';
import { addChannel } from '../../functions/src/channels/store';
import { enqueueOnce, enqueueProblemEventInBatch, expandEvents, listOutbox, testMessage, type OutboxMessage } from '../../functions/src/channels/outbox';
import { enqueueDailyDigests } from '../../functions/src/channels/digests';
import { LEASE_MS, MAX_ATTEMPTS, ROBOT_SENDS_PER_MINUTE, sendDueReminders, type SenderOptions } from '../../functions/src/channels/sender';
import { httpRobot, type RobotPost } from '../../functions/src/channels/robots';
import { generateNotices } from '../../functions/src/supervision/service';
import { adminDb, clearFirestore, closeAdmin } from './helpers';

const DATE = '2022-03-24';
const T0 = Date.parse(`${DATE}T07:05:00+08:00`);
const WECOM_KEY = 'wecom-key-5f1c9a7e3b';
const WECOM_CITY_KEY = 'wecom-city-key-77aa91';
const WECOM_QUIET_KEY = 'wecom-quiet-key-31bb02';
const DING_TOKEN = 'dingtalk-token-2c8e4d6f';
const DING_SECRET = 'SEC9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const CREDENTIALS = [WECOM_KEY, WECOM_CITY_KEY, WECOM_QUIET_KEY, DING_TOKEN, DING_SECRET];

let clock = T0;
const now = () => clock;
let robots: FakeRobots;
let db: Firestore;

// Everything this file's code writes to the console or the process's streams, to check that
// no credential is ever in a log line.
const logged: string[] = [];
const originalWrite = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
/** The sender's log lines, as the scheduled function hands them to the functions' logger. */
const log: SenderOptions['log'] = (event, fields) => void logged.push(JSON.stringify({ severity: 'INFO', message: event, ...fields }));

beforeAll(async () => {
  for (const [stream, name] of [
    [process.stdout, 'out'],
    [process.stderr, 'err'],
  ] as const) {
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (originalWrite[name] as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
  for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const orig = console[k].bind(console);
    jest.spyOn(console, k).mockImplementation((...a: unknown[]) => {
      logged.push(a.map(String).join(' '));
      orig(...a);
    });
  }
  db = adminDb();
  robots = await startFakeRobots({
    now,
    robots: [
      { platform: 'wecom', token: WECOM_KEY },
      { platform: 'wecom', token: WECOM_CITY_KEY },
      { platform: 'wecom', token: WECOM_QUIET_KEY },
      { platform: 'dingtalk', token: DING_TOKEN, secret: DING_SECRET },
    ],
  });
});

beforeEach(async () => {
  await clearFirestore();
  clock = T0;
  robots.received.length = 0;
  robots.rejected.length = 0;
  for (const t of [WECOM_KEY, WECOM_CITY_KEY, WECOM_QUIET_KEY, DING_TOKEN]) robots.setMode(t, 'ok');
});

afterAll(async () => {
  process.stdout.write = originalWrite.out as typeof process.stdout.write;
  process.stderr.write = originalWrite.err as typeof process.stderr.write;
  jest.restoreAllMocks();
  await robots.close();
  await closeAdmin();
  await Promise.all(getApps().map((a) => deleteApp(a)));
});

const send = (o: SenderOptions = {}) => sendDueReminders(db, { now, log, ...o });
const outbox = async () => (await db.collection('outbox').get()).docs.map((d) => d.data() as OutboxMessage);
const bindDepartment = () =>
  addChannel(
    db,
    {
      platform: 'dingtalk',
      target: { kind: 'department', departmentId: 'jz-zrzy' },
      label: '市自然资源局工作群',
      webhook: robots.webhook(DING_TOKEN),
      secret: DING_SECRET,
    },
    true,
    T0,
  );
const bindCounty = (county = '榆次区', key = WECOM_KEY) =>
  addChannel(db, { platform: 'wecom', target: { kind: 'county', county }, label: `${county}工作群`, webhook: robots.webhook(key) }, true, T0);

const VALUES = {
  county: '榆次区',
  targetName: '晋中某某机械有限公司',
  description: '用地手续办理缓慢',
  level: '协调解决',
  status: '办理中',
  deadline: '2022-04-10',
  department: '市自然资源局',
};

/**
 * The commit of one push unit as the push path makes it: the unit's answer document created
 * with a precondition, the row's new version, and the events that change causes.
 */
async function commitUnit(requestId: string, e: ProblemEvent): Promise<'committed' | 'replayed'> {
  const batch = db.batch();
  batch.create(db.collection('requests').doc(`uid-${requestId}`).collection('units').doc('000'), {
    results: [{ status: 'updated', id: e.problemId, version: e.version }],
  });
  batch.set(db.collection('problems').doc(e.problemId), {
    id: e.problemId,
    version: e.version,
    values: VALUES,
    departmentId: e.departmentId,
    withdrawn: false,
    updatedAt: Timestamp.fromMillis(clock),
  });
  enqueueProblemEventInBatch(batch, db, e, VALUES);
  try {
    await batch.commit();
    return 'committed';
  } catch (err) {
    if ((err as { code?: number }).code === 6) return 'replayed';
    throw err;
  }
}

describe('交办 at once', () => {
  it('an assignment committed once, replayed and raced, sends exactly one message to the department', async () => {
    await bindDepartment();
    const e = problemEvent('P-140702-2022-000017', 2, { values: { ...VALUES, status: '待办理' } }, { values: VALUES, departmentId: 'jz-zrzy' })!;
    expect(e.kind).toBe('assigned');
    // Two copies of one request racing, then the client's replay after a lost answer.
    const raced = await Promise.all([commitUnit('req-1', e), commitUnit('req-1', e)]);
    expect(raced.sort()).toEqual(['committed', 'replayed']);
    expect(await commitUnit('req-1', e)).toBe('replayed');
    // Two senders at once, each slow to post (longer than a contended transaction's retry, so
    // the second claims while the first is posting), then a restarted one.
    const slow: RobotPost = async (req) => {
      await new Promise((r) => setTimeout(r, 3000));
      return httpRobot()(req);
    };
    await expandEvents(db, clock);
    await Promise.all([send({ post: slow }), send({ post: slow })]);
    await send();
    clock += 10 * 60_000;
    await send();
    expect(robots.received).toHaveLength(1);
    expect(robots.rejected).toEqual([]);
    const m = robots.received[0]!;
    expect(m).toMatchObject({ platform: 'dingtalk', msgtype: 'markdown', title: '【台账】问题交办提醒' });
    expect(m.text).toContain('榆次区「晋中某某机械有限公司」反映的问题（P-140702-2022-000017）已交办你单位办理，办结时限 2022-04-10');
    const [stored] = await outbox();
    expect(stored).toMatchObject({ id: `event-P-140702-2022-000017-v2-${stored!.channelId}`, status: 'sent', attempts: 1, kind: 'assigned' });
    expect(stored!.dueAt).toBeUndefined();
  });

  it('a department without a channel: the event is settled and nothing is sent', async () => {
    await bindCounty();
    const e = problemEvent(
      'P-140702-2022-000018',
      3,
      { values: { ...VALUES, status: '待审核' }, departmentId: 'jz-zrzy' },
      { values: VALUES, departmentId: 'jz-zrzy' },
    )!;
    expect(e.kind).toBe('returned');
    expect(await commitUnit('req-2', e)).toBe('committed');
    await send();
    expect(robots.received).toHaveLength(0);
    expect((await db.collection('reminderEvents').doc('P-140702-2022-000018-v3').get()).get('open')).toBe(false);
  });
});

describe('the morning digest', () => {
  async function seedStore(): Promise<void> {
    const rows: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      [
        'P-140702-2022-000001',
        {
          county: '榆次区',
          group: '榆次区入企服务第1组',
          targetName: '甲公司',
          level: '协调解决',
          status: '办理中',
          deadline: '2022-03-20',
          department: '市工信局',
          foundOn: '2022-03-01',
        },
      ],
      [
        'P-140702-2022-000002',
        { county: '榆次区', group: '榆次区入企服务第1组', targetName: '乙公司', level: '提交市级', status: '待办理', foundOn: '2022-03-02' },
      ],
      [
        'P-140702-2022-000003',
        {
          county: '榆次区',
          group: '榆次区入企服务第1组',
          targetName: '丙公司',
          level: '协调解决',
          status: '办理中',
          deadline: '2022-03-28',
          department: '市自然资源局',
          foundOn: '2022-03-03',
        },
        { departmentId: 'jz-zrzy', assignedAt: Timestamp.fromMillis(T0 - 86_400_000) },
      ],
      [
        'P-140727-2022-000001',
        { county: '太谷区', group: '太谷区进村服务第1组', targetName: '丁村', level: '现场解决', status: '已解决', foundOn: '2022-03-02' },
      ],
    ];
    const batch = db.batch();
    for (const [id, values, extra] of rows) {
      batch.set(db.collection('problems').doc(id), { id, version: 1, values, withdrawn: false, updatedAt: Timestamp.fromMillis(T0 - 86_400_000), ...extra });
    }
    batch.set(db.collection('groups').doc('YC-01'), {
      id: 'YC-01',
      name: '榆次区入企服务第1组',
      county: '榆次区',
      targetType: '入企',
      department: '',
      active: true,
    });
    batch.set(db.collection('departments').doc('jz-zrzy'), { id: 'jz-zrzy', name: '晋中市自然资源局', active: true });
    await batch.commit();
  }

  async function dailyJob(): Promise<ReturnType<typeof enqueueDailyDigests>> {
    const set = await generateNotices(db, DATE, new Date(clock));
    return enqueueDailyDigests(db, DATE, set, clock);
  }

  it('one message per channel per day, also when the job runs twice; none for a channel with nothing to say', async () => {
    await seedStore();
    const county = await bindCounty();
    const quiet = await bindCounty('太谷区', WECOM_QUIET_KEY);
    const dept = await bindDepartment();
    const city = await addChannel(db, { platform: 'wecom', target: { kind: 'city' }, label: '市工作专班', webhook: robots.webhook(WECOM_CITY_KEY) }, true, T0);

    const first = await dailyJob();
    expect(first.created.sort()).toEqual([county.id, dept.id, city.id].sort());
    expect(first.quiet).toEqual([quiet.id]);
    await send();
    clock += 60_000;
    const second = await dailyJob();
    expect(second.created).toEqual([]);
    expect(second.existing.sort()).toEqual([county.id, dept.id, city.id].sort());
    await send();
    clock += 60 * 60_000;
    await send();

    expect(robots.rejected).toEqual([]);
    const byToken = (t: string) => robots.received.filter((m) => m.token === t);
    expect(byToken(WECOM_QUIET_KEY)).toHaveLength(0);
    expect(byToken(WECOM_KEY)).toHaveLength(1);
    expect(byToken(DING_TOKEN)).toHaveLength(1);
    expect(byToken(WECOM_CITY_KEY)).toHaveLength(1);

    const countyText = byToken(WECOM_KEY)[0]!.text;
    expect(countyText).toContain(`### 【台账】榆次区每日提醒（${DATE}）`);
    expect(countyText).toContain('**未报送工作组（2022-03-17 至 2022-03-23）：1 项**\n1. 榆次区入企服务第1组');
    expect(countyText).toContain('P-140702-2022-000001 甲公司，超期 4 天（市工信局）');
    expect(countyText).toContain('**待交办问题：1 项**\n1. P-140702-2022-000002 乙公司（提交市级）');
    const deptText = byToken(DING_TOKEN)[0]!.text;
    expect(deptText).toContain('晋中市自然资源局每日提醒');
    expect(deptText).toContain('**新交办问题：1 项**\n1. P-140702-2022-000003 丙公司，办结时限 2022-03-28');
    expect(deptText).toContain('**7 日内到期问题：1 项**');
    expect(byToken(WECOM_CITY_KEY)[0]!.text).toContain('全市共梳理问题 4 个，已解决 1 个，解决率 25.0%；超过办结时限 1 个');

    // The next day is a new digest.
    clock += 24 * 60 * 60_000;
    const set = await generateNotices(db, '2022-03-25', new Date(clock));
    expect((await enqueueDailyDigests(db, '2022-03-25', set, clock)).created).toHaveLength(3);
  });
});

describe('robot errors', () => {
  it('are retried with backoff, then recorded as failed after the last attempt', async () => {
    const c = await bindCounty();
    robots.setMode(WECOM_KEY, 'http-error');
    await enqueueOnce(db, testMessage(c.id, c.label, clock));
    const dueTimes: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await send();
      const [m] = await outbox();
      expect(m!.attempts).toBe(i);
      if (i < MAX_ATTEMPTS) {
        expect(r.retried).toBe(1);
        expect(m!.status).toBe('pending');
        dueTimes.push(m!.dueAt! - clock);
        // Not again before it is due.
        expect((await send()).retried).toBe(0);
        clock = m!.dueAt!;
      } else {
        expect(r.failed).toBe(1);
        expect(m!.status).toBe('failed');
        expect(m!.dueAt).toBeUndefined();
        expect(m!.lastError).toContain('HTTP 500');
      }
    }
    expect(dueTimes).toEqual([60_000, 120_000, 240_000, 480_000]);
    clock += 24 * 60 * 60_000;
    await send();
    expect(robots.received).toHaveLength(0);
    expect(robots.rejected).toHaveLength(MAX_ATTEMPTS);
  });

  it('an error answer or no answer, then recovery: delivered exactly once', async () => {
    const c = await bindCounty();
    await enqueueOnce(db, testMessage(c.id, c.label, clock));
    robots.setMode(WECOM_KEY, 'errcode');
    await send();
    robots.setMode(WECOM_KEY, 'timeout');
    clock += 60_000;
    await send({ post: httpRobot(300) });
    expect((await outbox())[0]).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await outbox())[0]!.lastError).toContain('时限');
    robots.setMode(WECOM_KEY, 'ok');
    clock += 120_000;
    await send();
    clock += 10 * 60_000;
    await send();
    expect(robots.received).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });
});

describe('a sender that dies', () => {
  it('after taking a message: another takes it once the lease is over, and it is delivered once', async () => {
    const c = await bindCounty();
    const m = testMessage(c.id, c.label, clock);
    // As a sender leaves it that claimed it and died before posting.
    await enqueueOnce(db, { ...m, status: 'sending', attempts: 1, dueAt: clock + LEASE_MS });
    expect((await send()).sent).toBe(0);
    clock += LEASE_MS;
    expect((await send()).sent).toBe(1);
    await send();
    expect(robots.received).toHaveLength(1);
    expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('the rate limit', () => {
  it('30 messages for one robot within a minute are spread under its limit', async () => {
    const c = await bindCounty();
    for (let i = 0; i < 30; i++) await enqueueOnce(db, testMessage(c.id, `${c.label} ${i}`, clock + i));
    clock += 30;
    const first = await send();
    expect(first.sent).toBe(ROBOT_SENDS_PER_MINUTE);
    expect(first.deferred).toBe(30 - ROBOT_SENDS_PER_MINUTE);
    // The scheduled sender, once a minute (the clock moves in steps of 10 s).
    for (let i = 0; i < 20 && robots.received.length < 30; i++) {
      clock += 10_000;
      await send();
    }
    expect(robots.received).toHaveLength(30);
    expect(robots.violations).toBe(0);
    const at = robots.received.map((m) => m.at).sort((a, b) => a - b);
    for (let i = 0; i + ROBOT_SENDS_PER_MINUTE < at.length; i++) expect(at[i + ROBOT_SENDS_PER_MINUTE]! - at[i]!).toBeGreaterThanOrEqual(60_000);
    expect(new Set(robots.received.map((m) => m.text)).size).toBe(30);
  });
});

describe('credentials', () => {
  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const status = await main(['node', 'taizhang', ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
    return { status, out, err };
  };

  it('never appear in the CLI’s output, the outbox or any log line; the address is never an argument', async () => {
    clock = Date.now(); // the CLI signs with the real clock
    process.env.TAIZHANG_ROBOT_WEBHOOK = robots.webhook(DING_TOKEN);
    process.env.TAIZHANG_ROBOT_SECRET = DING_SECRET;
    let added;
    try {
      added = await cli('admin', 'channels', 'add', '--platform', 'dingtalk', '--target', 'department:jz-zrzy', '--label', '市自然资源局', '--json');
    } finally {
      delete process.env.TAIZHANG_ROBOT_WEBHOOK;
      delete process.env.TAIZHANG_ROBOT_SECRET;
    }
    expect(added.status).toBe(0);
    const { id } = JSON.parse(added.out) as { id: string };
    expect(JSON.parse(added.out)).toMatchObject({ platform: 'dingtalk', signed: true, webhook: `${robots.origin}/robot/send?access_token=已隐藏` });

    const asArgument = await cli('admin', 'channels', 'add', '--platform', 'wecom', '--target', '榆次区', '--webhook', robots.webhook(WECOM_KEY));
    expect(asArgument.status).toBe(2);
    expect(asArgument.err).toContain('不能写在命令行上');
    const badTarget = await cli('admin', 'channels', 'add', '--platform', 'wecom', '--target', '火星');
    expect(badTarget.status).toBe(2);
    expect(badTarget.err).toContain('对象须为');

    const tested = await cli('admin', 'channels', 'test', id);
    expect(tested.status).toBe(0);
    expect(tested.out).toContain('已发送 / sent');
    expect(robots.received.at(-1)!.text).toContain('本群已绑定台账提醒（市自然资源局）');
    robots.setMode(DING_TOKEN, 'http-error');
    const failing = await cli('admin', 'channels', 'test', id);
    expect(failing.status).toBe(1);
    expect(failing.out).toContain('HTTP 500');
    // The scheduled sender retries it, logging by ids.
    robots.setMode(DING_TOKEN, 'ok');
    clock = Date.now() + 61_000;
    expect((await send()).sent).toBe(1);

    const outputs = [
      added,
      asArgument,
      tested,
      failing,
      await cli('admin', 'channels', 'list'),
      await cli('admin', 'channels', 'list', '--json'),
      await cli('admin', 'channels', 'outbox'),
      await cli('admin', 'channels', 'outbox', '--json', '--status', 'pending'),
    ];
    expect(outputs[4]!.out).toContain(`${id}  钉钉  部门 jz-zrzy  市自然资源局  ${robots.origin}/robot/send?access_token=已隐藏  已加签 / signed`);
    expect(outputs[6]!.out).toContain('已发送 / sent');
    expect((await cli('admin', 'channels', 'remove', id)).out).toContain(id);
    expect((await cli('admin', 'channels', 'list')).out).toBe('');

    const everything = [
      ...outputs.flatMap((o) => [o.out, o.err]),
      ...logged,
      JSON.stringify(await listOutbox(db, { limit: 1000 })),
      JSON.stringify((await db.collection('reminderEvents').get()).docs.map((d) => d.data())),
    ].join('\n');
    expect(logged.some((l) => l.includes('"channel"'))).toBe(true);
    for (const secret of CREDENTIALS) expect(everything).not.toContain(secret);
  });
});
