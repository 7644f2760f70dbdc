// A month of the department loop for `npm start` (docs/workflow.md): problems reported by the
// work groups of 榆次区 and 介休市, escalated to the city, assigned (交办) to departments,
// answered, asked to close, returned (退回), answered again, accepted and followed up (回访) —
// so that every account of the demo finds each reason of its to-do, and the notice ranks
// departments with figures that mean something.
//
// Every step is a real push by the demo account that would make it (pushRows through the
// callable, as a sheet or the CLI sends it), so the rights, the canonical names, the stamps,
// the to-do labels, the revisions and the 交办 / 退回 reminders are the push path's own. Only
// the clock is the story's: the pushes run within a minute, so afterwards each one's times
// (the row's stamps, createdAt and updatedAt, its revisions' `at`) are moved to the morning
// of the day it tells, keeping their order. The to-do labels depend on that order only.

import { randomUUID } from 'node:crypto';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { addDays, type CanonicalRow } from '@taizhang/ledger';
import type { Transport } from '@taizhang/client';
import { rebuildStats } from '@taizhang/functions/admin';

const CLERK_YUCI = 'clerk.yuci@taizhang.demo';
const CLERK_JIEXIU = 'clerk.jiexiu@taizhang.demo';
const CITY = 'coordinator@taizhang.demo';
const YUCI = 'coordinator.yuci@taizhang.demo';
const JIEXIU = 'coordinator.jiexiu@taizhang.demo';
const ZRZY = 'dept.zrzy@taizhang.demo';
const ZJJ = 'dept.zjj@taizhang.demo';
const YC_ZRZY = 'dept.yczrzy@taizhang.demo';
const JX_ZJJ = 'dept.jxzjj@taizhang.demo';

/** One push of one problem: days before today, who, and the values it sets (undefined: cleared). */
interface Step {
  readonly day: number;
  readonly by: string;
  readonly set: Readonly<Record<string, unknown>>;
}

/** A problem's story: the first step reports it. */
interface Story {
  readonly title: string;
  readonly steps: readonly Step[];
}

const yuciEnterprise = {
  county: '榆次区',
  targetType: '入企',
  sector: '工业和信息软件服务业',
  level: '协调解决',
  status: '待办理',
  contact: '王建国',
  phone: '13835401234',
};
const jiexiuVillage = {
  county: '介休市',
  targetType: '进村',
  sector: '农业',
  level: '协调解决',
  status: '待办理',
  contact: '李秀英',
  phone: '13935412345',
};

/** The stories, as of `today`: day n is n days before it. */
function stories(today: string): Story[] {
  const d = (n: number) => addDays(today, -n);
  const step = (n: number, by: string, set: Record<string, unknown>): Step => ({ day: n, by, set });
  return [
    {
      title: '用地预审：上报、提交市级、交办、退回、再答复、办结、回访',
      steps: [
        step(30, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '山西强伟纸业有限公司',
          category: '用地规划',
          foundOn: d(30),
          description: '厂区扩建项目用地预审办理缓慢，影响开工',
          department: '晋中市自然资源局',
        }),
        step(29, CLERK_YUCI, { level: '提交市级' }),
        step(27, CITY, { status: '办理中', deadline: d(5) }),
        step(24, ZRZY, { resolution: '已现场踏勘，正在办理用地预审' }),
        step(18, ZRZY, { status: '待审核', resolution: '用地预审已通过', resolvedOn: d(18) }),
        step(16, CITY, { status: '办理中', review: '请附用地预审批复文件，并说明是否已告知企业' }),
        step(12, ZRZY, { status: '待审核', resolution: '用地预审已通过，批复文件已送达企业并当面说明', resolvedOn: d(12) }),
        step(10, CITY, { status: '已解决' }),
        step(7, CLERK_YUCI, { followUp: '满意', followUpOn: d(7) }),
      ],
    },
    {
      title: '施工许可：县级交办、办结，待回访',
      steps: [
        step(25, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '晋中交通建设有限公司',
          sector: '建筑业',
          category: '审批手续',
          foundOn: d(25),
          description: '扩建厂房施工许可办理周期长，希望开通绿色通道',
          department: '市住建局',
        }),
        step(24, YUCI, { status: '办理中', deadline: addDays(today, 10) }),
        step(20, ZJJ, { status: '待审核', resolution: '已开通并联审批，施工许可证已核发', resolvedOn: d(20) }),
        step(18, YUCI, { status: '已解决' }),
      ],
    },
    {
      title: '不动产登记：新交办，7 日内到期',
      steps: [
        step(9, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '山西金榜乳业有限公司',
          category: '用地规划',
          foundOn: d(9),
          description: '新建冷库已竣工，不动产权证无法办理',
          department: '市自然资源局',
        }),
        step(8, CLERK_YUCI, { level: '提交市级' }),
        step(2, CITY, { status: '办理中', deadline: addDays(today, 4) }),
      ],
    },
    {
      title: '宅基地盘活：交办、申请办结、被退回',
      steps: [
        step(22, CLERK_JIEXIU, {
          ...jiexiuVillage,
          township: '龙凤镇',
          targetName: '张壁村',
          category: '用地规划',
          foundOn: d(22),
          description: '村内闲置宅基地盘活发展民宿，用地手续不清楚如何办理',
          department: '市自然资源局',
        }),
        step(21, CLERK_JIEXIU, { level: '提交市级' }),
        step(19, CITY, { status: '办理中', deadline: addDays(today, 15) }),
        step(14, ZRZY, { status: '待审核', resolution: '已向村委会说明政策', resolvedOn: d(14) }),
        step(3, CITY, { status: '办理中', review: '村民反映手续仍未办理，请到村现场指导后重新报送' }),
      ],
    },
    {
      title: '矿区复垦：已超期',
      steps: [
        step(28, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '联安矿用设备有限公司',
          category: '用地规划',
          foundOn: d(28),
          description: '原矿区土地复垦验收迟迟未组织，影响新项目落地',
          department: '市自然资源局',
        }),
        step(27, CLERK_YUCI, { level: '提交市级' }),
        step(26, CITY, { status: '办理中', deadline: d(6) }),
        step(20, ZRZY, { resolution: '已约谈复垦责任单位，正在组织验收' }),
      ],
    },
    {
      title: '地块规划调整：申请办结，待市级审核',
      steps: [
        step(15, CLERK_JIEXIU, {
          ...jiexiuVillage,
          township: '洪山镇',
          targetName: '洪山村',
          category: '用地规划',
          foundOn: d(15),
          description: '村集体经营性建设用地规划调整申请无人受理',
          department: '晋中市自然资源局',
        }),
        step(14, CLERK_JIEXIU, { level: '提交市级' }),
        step(12, CITY, { status: '办理中', deadline: addDays(today, 20) }),
        step(1, ZRZY, { status: '待审核', resolution: '规划调整方案已批复，已通知村委会', resolvedOn: d(1) }),
      ],
    },
    {
      title: '融资担保：刚提交市级，待交办',
      steps: [
        step(4, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '山西新能源汽车工业有限公司',
          category: '融资资金',
          foundOn: d(4),
          description: '新能源配套项目建设资金缺口较大，需协调国资平台担保',
          department: '市国资公司',
        }),
        step(3, CLERK_YUCI, { level: '提交市级' }),
      ],
    },
    {
      title: '电力增容：县级待交办',
      steps: [
        step(2, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '金柏林生物科技有限公司',
          category: '基础设施',
          foundOn: d(2),
          description: '新上生产线需要电力增容，供电方案迟迟未定',
          department: '供电公司',
        }),
      ],
    },
    {
      title: '土地证补办：县级交办，申请办结，待县级审核',
      steps: [
        step(20, CLERK_YUCI, {
          ...yuciEnterprise,
          targetName: '山西海玉园食品有限公司',
          category: '用地规划',
          foundOn: d(20),
          description: '老厂区土地证遗失，补办手续不清楚',
          department: '榆次区自然资源分局',
        }),
        step(19, YUCI, { status: '办理中', deadline: addDays(today, 10) }),
        step(6, YC_ZRZY, { status: '待审核', resolution: '已指导企业登报声明并受理补办申请', resolvedOn: d(6) }),
      ],
    },
    {
      title: '危房改造：县级交办，已超期',
      steps: [
        step(18, CLERK_JIEXIU, {
          ...jiexiuVillage,
          township: '宋古乡',
          targetName: '宋古村',
          sector: '建筑业',
          category: '基础设施',
          foundOn: d(18),
          description: '村内三户危房改造补助资金未到位，改造停工',
          department: '介休市住建局',
        }),
        step(17, JIEXIU, { status: '办理中', deadline: d(2) }),
        step(10, JX_ZJJ, { resolution: '补助资金已申请，待财政拨付' }),
      ],
    },
    {
      title: '村道修缮：县级交办、办结、回访',
      steps: [
        step(29, CLERK_JIEXIU, {
          ...jiexiuVillage,
          township: '义安镇',
          targetName: '义安村',
          sector: '交通运输',
          category: '基础设施',
          foundOn: d(29),
          description: '村内主干道路面破损，雨季积水影响出行',
          department: '介休市住建局',
        }),
        step(28, JIEXIU, { status: '办理中', deadline: d(14) }),
        step(21, JX_ZJJ, { status: '待审核', resolution: '已完成路面修补和排水沟疏通', resolvedOn: d(21) }),
        step(19, JIEXIU, { status: '已解决' }),
        step(15, CLERK_JIEXIU, { followUp: '基本满意', followUpOn: d(15) }),
      ],
    },
  ];
}

/** Where a story's problem stands between its pushes. */
interface Problem {
  id?: string;
  key: string;
  version: number;
  values: Record<string, unknown>;
}

interface PushResult {
  readonly status: string;
  readonly id?: string;
  readonly version?: number;
  readonly values?: Record<string, unknown>;
  readonly message?: string;
}

/** One day's pushes: the wall clock before the first, and the day they tell. */
interface Window {
  readonly from: number;
  readonly day: string;
}

export interface HistoryReport {
  /** Each story's problem, in the order told. */
  readonly problems: readonly { readonly title: string; readonly id: string }[];
  readonly pushes: number;
}

/**
 * Writes the stories through pushRows as their accounts (`session(email)` gives one's
 * transport), day by day, then moves their times to the days they tell.
 */
export async function writeHistory(db: Firestore, today: string, session: (email: string) => Promise<Transport>): Promise<HistoryReport> {
  const all = stories(today);
  const problems: Problem[] = all.map(() => ({ key: randomUUID(), version: 0, values: {} }));
  const days = [...new Set(all.flatMap((s) => s.steps.map((x) => x.day)))].sort((a, b) => b - a);
  const windows: Window[] = [];
  let pushes = 0;
  for (const n of days) {
    windows.push({ from: Date.now(), day: addDays(today, -n) });
    const byAccount = new Map<string, number[]>();
    all.forEach((s, i) =>
      s.steps
        .filter((x) => x.day === n)
        .forEach((x) => {
          if (!byAccount.has(x.by)) byAccount.set(x.by, []);
          byAccount.get(x.by)!.push(i);
        }),
    );
    for (const [email, stories_] of byAccount) {
      const call = await session(email);
      const rows = stories_.map((i) => {
        const p = problems[i]!;
        const values: Record<string, unknown> = { ...p.values, ...all[i]!.steps.find((x) => x.day === n)!.set };
        for (const k of Object.keys(values)) if (values[k] === undefined) delete values[k];
        return p.id === undefined ? { key: p.key, values } : { key: p.key, id: p.id, baseVersion: p.version, values };
      });
      const { results } = (await call('pushRows', { ledger: 'problems', requestId: randomUUID(), rows })) as { results: PushResult[] };
      pushes++;
      results.forEach((r, k) => {
        const i = stories_[k]!;
        if (r.status !== 'created' && r.status !== 'updated') {
          throw new Error(`demo history「${all[i]!.title}」day -${n} (${email}): ${r.status} ${r.message ?? JSON.stringify(r)}`);
        }
        Object.assign(problems[i]!, { id: r.id, version: r.version, values: r.values as CanonicalRow });
      });
    }
  }
  await toStoryDays(
    db,
    problems.map((p) => p.id!),
    windows,
  );
  // The days to a first answer are kept in the statistics: counted again on the story's days.
  await rebuildStats(db);
  return { problems: problems.map((p, i) => ({ title: all[i]!.title, id: p.id! })), pushes };
}

const ROW_TIMES = ['createdAt', 'updatedAt', 'movedAt', 'assignedAt', 'answeredAt', 'firstAnsweredAt', 'reviewRequestedAt', 'returnedAt'];

/** 09:30 in Asia/Shanghai on `day`, in milliseconds. */
const morning = (day: string): number => Date.parse(`${day}T09:30:00+08:00`);

/** The story's time of a moment of the run: the morning of the day its push told, as far into it as it was into the run of that day. */
function storyTime(windows: readonly Window[], ms: number): number {
  let w: Window | undefined;
  for (const x of windows) if (x.from <= ms) w = x;
  return w === undefined ? ms : morning(w.day) + (ms - w.from);
}

async function toStoryDays(db: Firestore, ids: readonly string[], windows: readonly Window[]): Promise<void> {
  const move = (t: unknown) => (t instanceof Timestamp ? Timestamp.fromMillis(storyTime(windows, t.toMillis())) : undefined);
  for (const id of ids) {
    const ref = db.collection('problems').doc(id);
    const batch = db.batch();
    const doc = await ref.get();
    const times: Record<string, Timestamp> = {};
    for (const f of ROW_TIMES) {
      const t = move(doc.get(f));
      if (t) times[f] = t;
    }
    batch.update(ref, times);
    for (const r of (await ref.collection('revisions').get()).docs) {
      const at = move(r.get('at'));
      if (at) batch.update(r.ref, { at });
    }
    await batch.commit();
  }
}
