// Realistic demo rows, drawn from the campaign as the source article tells it
// (the vocabularies of docs/ledgers.md): the counties, the seven sector teams, problems like the
// ones it reports, and the enterprises and villages of the demo registers (registry.ts) in
// their own counties and townships, with their credit codes. Dated in the campaign's spring
// of 2022 (never after "today"). Seeded, so every run produces the same rows.

import { CATEGORIES, COUNTY_LABELS, SECTORS, addDays, daysBetween, type CanonicalRow, type EnterpriseRecord, type VillageRecord } from '@taizhang/ledger';
import { DEMO_REGISTRY } from './registry';

/** mulberry32: a tiny seeded PRNG, good enough for demo data and benchmarks. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const enterprisesIn = new Map<string, EnterpriseRecord[]>();
for (const e of DEMO_REGISTRY.enterprises) enterprisesIn.set(e.county, [...(enterprisesIn.get(e.county) ?? []), e]);
const villagesIn = new Map<string, VillageRecord[]>();
for (const v of DEMO_REGISTRY.villages) villagesIn.set(v.county, [...(villagesIn.get(v.county) ?? []), v]);

/** The campaign's first spring: 入企进村 began in mid-February 2022. */
const CAMPAIGN_START = '2022-02-14';
const CAMPAIGN_SPRING_END = '2022-06-30';

/** A day of the campaign's spring, never after `today`. */
function campaignDay(r: Rng, today: string): string {
  const last = today < CAMPAIGN_SPRING_END ? today : CAMPAIGN_SPRING_END;
  if (last < CAMPAIGN_START) return addDays(today, -int(r, 0, 30));
  return addDays(CAMPAIGN_START, int(r, 0, daysBetween(CAMPAIGN_START, last)));
}

/** What a row serves: an enterprise or village of its county from the registers, as a clerk writes it. */
function target(r: Rng, county: string, wantEnterprise: boolean): Pick<CanonicalRow, 'targetType' | 'targetName'> & Partial<CanonicalRow> {
  const villages = villagesIn.get(county) ?? [];
  const enterprises = enterprisesIn.get(county) ?? [];
  if ((wantEnterprise || villages.length === 0) && enterprises.length > 0) {
    const e = pick(r, enterprises);
    // Clerks often write an other name and leave the code out: the registry fills it in.
    const name = e.aliases.length > 0 && r() < 0.2 ? pick(r, e.aliases) : e.name;
    return {
      targetType: '入企',
      targetName: name,
      ...(r() < 0.6 && { creditCode: e.creditCode }),
      ...(e.township !== undefined && r() < 0.5 && { township: e.township }),
    };
  }
  const v = pick(r, villages);
  return { targetType: '进村', targetName: v.name, township: v.township };
}

const DEPARTMENTS = ['市工信局', '市农业农村局', '市住建局', '市商务局', '市文旅局', '市交通局', '市发展改革委', '县自然资源局', '乡镇人民政府', '市人社局'];

const PROBLEMS: readonly { category: string; text: string; sector?: string }[] = [
  { category: '融资资金', text: '矿用变频器项目总投资约1亿元，已投入4000余万元，后续建设资金缺口较大，需协调银行融资', sector: '工业和信息软件服务业' },
  { category: '政策落实', text: '企业具备申报国家级专精特新小巨人条件，需要申报指导和省级专家一线辅导', sector: '工业和信息软件服务业' },
  { category: '用工培训', text: '电力特种工流动性大，培训频次少，持证电工不足，影响高峰期施工', sector: '建筑业' },
  { category: '用地规划', text: '古村旅游景区亮点不突出，文旅规划和发展目标不清晰', sector: '文化旅游' },
  { category: '环境卫生', text: '村内生活垃圾随处可见，缺少集中存放点和定期清运', sector: '农业' },
  { category: '基础设施', text: '村内主干道路面破损严重，雨季积水影响村民出行和农产品运输', sector: '交通运输' },
  { category: '市场销售', text: '合作社鲜果产量增加，销售渠道单一，需对接商超和电商平台', sector: '批零住餐' },
  { category: '审批手续', text: '扩建厂房的环评和施工许可办理周期长，希望开通绿色通道', sector: '工业和信息软件服务业' },
  { category: '政策落实', text: '家庭农场不清楚农机购置补贴申请流程和补贴标准', sector: '农业' },
  { category: '其他', text: '餐饮企业反映周边停车位不足，节假日客流高峰交通拥堵', sector: '批零住餐' },
];

function mobile(r: Rng): string {
  return `1${pick(r, ['3', '5', '7', '8', '9'])}${String(int(r, 0, 999_999_999)).padStart(9, '0')}`;
}

/** A canonical, valid problem row found on or before `today`. */
export function demoProblem(r: Rng, today: string, counties: readonly string[] = COUNTY_LABELS, group?: string): CanonicalRow {
  const county = pick(r, counties);
  const p = pick(r, PROBLEMS);
  const t = target(r, county, p.sector !== '农业' && r() < 0.6);
  const enterprise = t.targetType === '入企';
  const foundOn = campaignDay(r, today);
  const level = pick(r, ['现场解决', '协调解决', '协调解决', '提交市级'] as const);
  const handled = level === '现场解决' ? '已解决' : pick(r, ['待办理', '办理中', '办理中', '已解决'] as const);
  // A work group escalates and the city office assigns (docs/workflow.md): a problem a
  // clerk submits to the city waits 待办理 until then.
  const status = level === '提交市级' ? '待办理' : handled;
  const row: CanonicalRow = {
    county,
    ...t,
    group: group ?? `${county}${enterprise ? '入企' : '进村'}服务第${int(r, 1, 12)}组`,
    sector: p.sector ?? pick(r, SECTORS),
    category: p.category ?? pick(r, CATEGORIES),
    description: p.text,
    foundOn,
    level,
    status,
    contact: pick(r, ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨帆']),
    phone: r() < 0.8 ? mobile(r) : `0354-${int(r, 2_000_000, 8_999_999)}`,
  };
  if (level !== '现场解决') row.department = pick(r, DEPARTMENTS);
  if (status !== '已解决') row.deadline = addDays(foundOn, int(r, 7, 120));
  if (status === '已解决') {
    const resolvedOn = addDays(foundOn, level === '现场解决' ? 0 : int(r, 1, 60));
    row.resolvedOn = resolvedOn > today ? today : resolvedOn;
    row.resolution = level === '现场解决' ? '工作组现场协调，当场解决' : '责任单位牵头协调，已办结并回访';
  }
  return row;
}

/** A canonical, valid visit row. */
export function demoVisit(r: Rng, today: string, counties: readonly string[] = COUNTY_LABELS, group?: string): CanonicalRow {
  const county = pick(r, counties);
  const t = target(r, county, r() < 0.45);
  const enterprise = t.targetType === '入企';
  const row: CanonicalRow = {
    visitedOn: campaignDay(r, today),
    county,
    ...t,
    group: group ?? `${county}${enterprise ? '入企' : '进村'}服务第${int(r, 1, 12)}组`,
    staff: int(r, 2, 8),
    policies: int(r, 0, 6),
    served: enterprise ? int(r, 5, 60) : int(r, 20, 300),
    problemsFound: int(r, 0, 9),
  };
  return row;
}
