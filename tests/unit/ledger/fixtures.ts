// Valid example rows and small helpers shared by the ledger unit tests.

import { parseRow, type CanonicalRow, type FieldError, type LedgerDef, type ParseContext } from '@taizhang/ledger';

/** Every test passes "today" explicitly: no rule reads the clock. */
export const TODAY = '2026-11-28';
export const CTX: ParseContext = { today: TODAY };

/** A problem solved on the spot: the fewest columns a valid problem row can have. */
export const SOLVED_PROBLEM: Readonly<CanonicalRow> = {
  county: '榆次区',
  targetType: '入企',
  targetName: '晋中某某纸业有限公司',
  group: '榆次区第三工作组',
  sector: '工业和信息软件服务业',
  category: '政策落实',
  description: '企业申报专精特新需要政策指导',
  foundOn: '2022-03-24',
  level: '现场解决',
  status: '已解决',
  resolution: '现场讲解申报流程',
  resolvedOn: '2022-03-24',
};

/** A problem escalated to city level and still open. */
export const OPEN_PROBLEM: Readonly<CanonicalRow> = {
  county: '平遥县',
  township: '古陶镇',
  targetType: '进村',
  targetName: '某某村',
  group: '平遥县第一工作组',
  sector: '文化旅游',
  category: '用地规划',
  description: '景区村旅游规划不明确',
  foundOn: '2022-03-01',
  level: '提交市级',
  department: '市文旅局',
  deadline: '2022-06-30',
  status: '办理中',
  contact: '张三',
  phone: '0354-5601234',
  remarks: '已列入问题清单',
};

export const VISIT: Readonly<CanonicalRow> = {
  visitedOn: '2022-03-24',
  county: '介休市',
  township: '义安镇',
  targetType: '进村',
  targetName: '某某村',
  group: '介休市第二工作组',
  staff: 4,
  policies: 6,
  served: 120,
  problemsFound: 3,
  notes: '走访农户 30 户',
};

/** [field, code] of each error, in the order parseRow reports them. */
export function codes(errors: readonly FieldError[]): [string, string][] {
  return errors.map((e) => [e.field, e.code]);
}

/** A row with some keys changed; `undefined` deletes a key. */
export function withChanges(row: Readonly<Record<string, unknown>>, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/**
 * One cell read alone: a row holding only this key, so that no other field's value can bring a
 * cross-field rule into play. Returns the canonical value and this field's errors.
 */
export function readCell(ledger: LedgerDef, key: string, raw: unknown, ctx: ParseContext = CTX) {
  const r = parseRow(ledger, { [key]: raw }, ctx);
  const errors = r.errors.filter((e) => e.field === key);
  return { value: r.values[key], codes: errors.map((e) => e.code), errors };
}
