// The campaign's fixed vocabularies (docs/ledgers.md#the-vocabularies): declared once, used by
// the ledgers' enum columns, the id format and the statistics.

export interface County {
  readonly label: string;
  /** GB/T 2260 administrative division code, used in row ids. */
  readonly code: string;
}

export const COUNTIES: readonly County[] = [
  { label: '榆次区', code: '140702' },
  { label: '太谷区', code: '140703' },
  { label: '榆社县', code: '140721' },
  { label: '左权县', code: '140722' },
  { label: '和顺县', code: '140723' },
  { label: '昔阳县', code: '140724' },
  { label: '寿阳县', code: '140725' },
  { label: '祁县', code: '140727' },
  { label: '平遥县', code: '140728' },
  { label: '灵石县', code: '140729' },
  { label: '介休市', code: '140781' },
  { label: '市直', code: '140700' },
];

export const COUNTY_LABELS: readonly string[] = COUNTIES.map((c) => c.label);

const codeByLabel = new Map(COUNTIES.map((c) => [c.label, c.code]));

export function countyCode(label: string): string | undefined {
  return codeByLabel.get(label);
}

/** The label without its last character (榆次 for 榆次区), as clerks often write it. */
export const COUNTY_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  COUNTIES.filter((c) => c.label.length > 2).map((c) => [c.label.slice(0, -1), c.label]),
);

export const TARGET_TYPES = ['入企', '进村'] as const;

export const SECTORS = ['农业', '工业和信息软件服务业', '建筑业', '批零住餐', '文化旅游', '交通运输', '其他服务业'] as const;

export const CATEGORIES = ['政策落实', '融资资金', '市场销售', '用工培训', '审批手续', '用地规划', '基础设施', '环境卫生', '其他'] as const;

export const LEVELS = ['现场解决', '协调解决', '提交市级'] as const;

export const STATUSES = ['待办理', '办理中', '待审核', '已解决', '长期推进'] as const;

/** Statuses a problem leaves the overdue count in: done, or followed over a longer term. */
export const SETTLED_STATUSES: readonly string[] = ['已解决', '长期推进'];

/** How the enterprise or village received the answer (回访). */
export const FOLLOW_UPS = ['满意', '基本满意', '不满意'] as const;

/** The earliest day the ledgers hold (their first dates' lower bound), and so the earliest notice. */
export const EARLIEST_DATE = '2000-01-01';
