// The registries of service targets (docs/masterdata.md): the enterprises, by their unified
// social credit code, and the villages (行政村), by division code or county-township-name.
// A clerk picks a target and the rest is filled in; what a row says against them is a warning.

import { COUNTY_ALIASES, COUNTY_LABELS, SECTORS, countyCode } from './domain';
import { aliasList, registryText } from './departments';
import { parseActive } from './groups';
import type { Bilingual } from './messages';
import { normaliseName, normaliseText } from './names';
import { parseCreditCode } from './types/creditCode';
import { quote, toHalfWidth } from './types/normalize';

export const TARGET_KINDS = ['enterprises', 'villages'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** `enterprises/{creditCode}` in Firestore. */
export interface EnterpriseRecord {
  readonly creditCode: string;
  readonly name: string;
  /** Former and short names clerks write for it. */
  readonly aliases: readonly string[];
  readonly county: string;
  readonly township?: string;
  readonly address?: string;
  /** The 行业专班 that serves it. */
  readonly sector?: string;
  readonly active: boolean;
}

/** `villages/{id}` in Firestore. */
export interface VillageRecord {
  /** The division code when known, else villageSlug(county, township, name). */
  readonly id: string;
  readonly county: string;
  readonly township: string;
  /** The 行政村's name. */
  readonly name: string;
  /** The 12-digit statistical division code (统计用区划代码). */
  readonly code?: string;
  readonly active: boolean;
}

export type TargetRecord = EnterpriseRecord | VillageRecord;

/** Each registry's import columns: key, the header of the import sheet, other headers, English. */
export interface TargetColumn<K extends string> {
  readonly key: K;
  readonly header: string;
  readonly otherHeaders?: readonly string[];
  readonly en: string;
  readonly required: boolean;
}

export type EnterpriseKey = 'creditCode' | 'name' | 'aliases' | 'county' | 'township' | 'address' | 'sector' | 'active';
export type VillageKey = 'county' | 'township' | 'name' | 'code' | 'active';

export const ENTERPRISE_COLUMNS: readonly TargetColumn<EnterpriseKey>[] = [
  { key: 'creditCode', header: '统一社会信用代码', otherHeaders: ['社会信用代码', '信用代码'], en: 'credit code', required: true },
  { key: 'name', header: '企业名称', otherHeaders: ['名称', '单位名称', '服务对象'], en: 'name', required: true },
  { key: 'aliases', header: '其他名称', otherHeaders: ['曾用名', '简称', '曾用名或简称'], en: 'other names', required: false },
  { key: 'county', header: '县（区、市）', otherHeaders: ['所属县（区、市）', '县（市、区）', '县区', '区县'], en: 'county', required: true },
  { key: 'township', header: '乡镇（街道）', otherHeaders: ['乡镇', '乡（镇）', '乡镇（街道办）'], en: 'township', required: false },
  { key: 'address', header: '地址', otherHeaders: ['住所', '注册地址', '经营地址'], en: 'address', required: false },
  { key: 'sector', header: '行业专班', otherHeaders: ['专班'], en: 'sector team', required: false },
  { key: 'active', header: '是否在用', en: 'in use', required: false },
];

export const VILLAGE_COLUMNS: readonly TargetColumn<VillageKey>[] = [
  { key: 'county', header: '县（区、市）', otherHeaders: ['所属县（区、市）', '县（市、区）', '县区', '区县'], en: 'county', required: true },
  { key: 'township', header: '乡镇（街道）', otherHeaders: ['乡镇', '乡（镇）', '乡镇（街道办）'], en: 'township', required: true },
  { key: 'name', header: '行政村', otherHeaders: ['村名', '村（社区）', '村庄名称', '服务对象'], en: 'village', required: true },
  { key: 'code', header: '区划代码', otherHeaders: ['统计用区划代码', '行政区划代码'], en: 'division code', required: false },
  { key: 'active', header: '是否在用', en: 'in use', required: false },
];

/** A county label from the label or its short name (榆次 → 榆次区); half-width brackets allowed. */
export function countyLabelOf(x: unknown): string | undefined {
  const t = registryText(x)?.replace(/\s+/g, '');
  if (t === undefined) return undefined;
  if (COUNTY_LABELS.includes(t)) return t;
  return COUNTY_ALIASES[t];
}

const VILLAGE_CODE = /^\d{12}$/;

/** The id of a village without a division code: county-township-name, as written, folded. */
export function villageSlug(county: string, township: string, name: string): string {
  return [county, township, name].map((s) => toHalfWidth(s.normalize('NFKC')).replace(/[\s/]/g, '')).join('-');
}

function countyError(raw: unknown, allowCity: boolean): Bilingual {
  const options = allowCity ? COUNTY_LABELS : COUNTY_LABELS.filter((c) => c !== '市直');
  return {
    zh: `县（区、市）「${quote(registryText(raw) ?? '')}」无效，应为：${options.join('、')}`,
    en: `Unknown county "${quote(registryText(raw) ?? '')}"; one of: ${options.join(', ')}`,
  };
}

function longer(errors: Bilingual[], zhName: string, enName: string, value: string | undefined, max: number): void {
  if (value !== undefined && Array.from(value).length > max)
    errors.push({ zh: `${zhName}最多 ${max} 个字`, en: `The ${enName} has at most ${max} characters` });
}

type Checked<T> = { record: T } | { errors: Bilingual[] };

/** An enterprise as given (a sheet row, the command line), checked: the record, or every problem. */
export function checkEnterprise(raw: Partial<Record<EnterpriseKey, unknown>>): Checked<EnterpriseRecord> {
  const errors: Bilingual[] = [];
  const written = registryText(raw.creditCode);
  let creditCode: string | undefined;
  if (written === undefined) errors.push({ zh: '缺少统一社会信用代码', en: 'The credit code is missing' });
  else {
    const parsed = parseCreditCode(toHalfWidth(written));
    if (parsed.ok) creditCode = parsed.value;
    else if (parsed.code === 'checksum')
      errors.push({
        zh: `统一社会信用代码「${quote(written)}」校验位不对，请核对是否抄错`,
        en: `The credit code "${quote(written)}" fails its check character; please check for a typo`,
      });
    else
      errors.push({
        zh: `统一社会信用代码「${quote(written)}」格式不对：应为 18 位数字或大写字母（不含 I、O、Z、S、V）`,
        en: `The credit code "${quote(written)}" is malformed: 18 digits or capital letters (no I, O, Z, S, V)`,
      });
  }
  const name = registryText(raw.name);
  if (name === undefined) errors.push({ zh: '缺少企业名称', en: 'The enterprise name is missing' });
  longer(errors, '企业名称', 'enterprise name', name, 100);
  const aliases = aliasList(raw.aliases).filter((a) => a !== name);
  for (const a of aliases) longer(errors, `其他名称「${quote(a)}」`, `other name "${quote(a)}"`, a, 100);
  const county = countyLabelOf(raw.county);
  if (county === undefined) errors.push(countyError(raw.county, true));
  const township = registryText(raw.township);
  longer(errors, '乡镇（街道）', 'township', township, 50);
  const address = registryText(raw.address);
  longer(errors, '地址', 'address', address, 200);
  const sector = registryText(raw.sector);
  if (sector !== undefined && !(SECTORS as readonly string[]).includes(sector)) {
    errors.push({
      zh: `行业专班「${quote(sector)}」不是可选项，应为：${SECTORS.join('、')}`,
      en: `Unknown sector team "${quote(sector)}"; one of: ${SECTORS.join(', ')}`,
    });
  }
  const active = parseActive(raw.active);
  if (active === undefined) errors.push({ zh: '是否在用应为“是”或“否”', en: 'In use must be yes or no' });
  if (errors.length > 0) return { errors };
  return {
    record: {
      creditCode: creditCode!,
      name: name!,
      aliases,
      county: county!,
      ...(township !== undefined && { township }),
      ...(address !== undefined && { address }),
      ...(sector !== undefined && { sector }),
      active: active!,
    },
  };
}

/** A village as given, checked: the record (its id decided), or every problem. */
export function checkVillage(raw: Partial<Record<VillageKey, unknown>>): Checked<VillageRecord> {
  const errors: Bilingual[] = [];
  const county = countyLabelOf(raw.county);
  if (county === undefined || county === '市直') errors.push(countyError(raw.county, false));
  const township = registryText(raw.township);
  if (township === undefined) errors.push({ zh: '缺少乡镇（街道）', en: 'The township is missing' });
  longer(errors, '乡镇（街道）', 'township', township, 50);
  const name = registryText(raw.name);
  if (name === undefined) errors.push({ zh: '缺少行政村名称', en: 'The village name is missing' });
  longer(errors, '行政村名称', 'village name', name, 50);
  const code = registryText(raw.code)?.replace(/\s+/g, '');
  if (code !== undefined) {
    if (!VILLAGE_CODE.test(code)) errors.push({ zh: `区划代码「${quote(code)}」应为 12 位数字`, en: `The division code "${quote(code)}" must have 12 digits` });
    else if (county !== undefined && county !== '市直' && !code.startsWith(countyCode(county)!)) {
      errors.push({
        zh: `区划代码「${code}」不属于${county}（应以 ${countyCode(county)} 开头）`,
        en: `The division code "${code}" is not in ${county} (it must start with ${countyCode(county)})`,
      });
    }
  }
  const active = parseActive(raw.active);
  if (active === undefined) errors.push({ zh: '是否在用应为“是”或“否”', en: 'In use must be yes or no' });
  if (errors.length > 0) return { errors };
  return {
    record: {
      id: code ?? villageSlug(county!, township!, name!),
      county: county!,
      township: township!,
      name: name!,
      ...(code !== undefined && { code }),
      active: active!,
    },
  };
}

/** The id a registry keeps a record under. */
export function targetId(kind: TargetKind, r: TargetRecord): string {
  return kind === 'enterprises' ? (r as EnterpriseRecord).creditCode : (r as VillageRecord).id;
}

/** Every name a record is known by: its name and, for an enterprise, its other names. */
export function namesOf(r: TargetRecord): string[] {
  return 'creditCode' in r ? [r.name, ...r.aliases] : [r.name];
}

/** Longest piece of a name kept for the search: what a query is cut to. */
export const SEARCH_PIECE = 4;

/**
 * What the store keeps beside a record so that lookups are single indexed reads:
 * `nameKeys`, every name normalised (an exact name or alias), and `search`, every piece of up
 * to SEARCH_PIECE characters of every name (full and normalised) and the credit code's
 * prefixes (a name typed in part, from anywhere; a code from its start).
 */
export function searchFields(r: TargetRecord): { nameKeys: string[]; search: string[] } {
  const nameKeys = new Set<string>();
  const search = new Set<string>();
  for (const n of namesOf(r)) {
    nameKeys.add(normaliseName(n, r.county));
    for (const form of [normaliseText(n), normaliseName(n, r.county)]) {
      const chars = Array.from(form);
      for (let i = 0; i < chars.length; i++) {
        for (let len = 1; len <= SEARCH_PIECE && i + len <= chars.length; len++) search.add(chars.slice(i, i + len).join(''));
      }
    }
  }
  if ('creditCode' in r) for (let len = 1; len <= r.creditCode.length; len++) search.add(r.creditCode.slice(0, len).toLowerCase());
  return { nameKeys: [...nameKeys], search: [...search] };
}

/** A query as the search reads it: normalised text, cut to SEARCH_PIECE characters. */
export function searchPiece(query: string): string {
  return Array.from(normaliseText(query)).slice(0, SEARCH_PIECE).join('');
}

/** One match of lookupTargets, or one entry of listTargets (docs/api.md#lookuptargets). */
export interface TargetMatch {
  readonly name: string;
  readonly county: string;
  readonly township?: string;
  readonly creditCode?: string;
  readonly address?: string;
  readonly aliases?: readonly string[];
  /** A village's registry id. */
  readonly id?: string;
}

export function targetMatch(r: TargetRecord): TargetMatch {
  if ('creditCode' in r) {
    return {
      name: r.name,
      creditCode: r.creditCode,
      county: r.county,
      ...(r.township !== undefined && { township: r.township }),
      ...(r.address !== undefined && { address: r.address }),
      ...(r.aliases.length > 0 && { aliases: [...r.aliases] }),
    };
  }
  return { name: r.name, county: r.county, township: r.township, id: r.id };
}

/** A record as a lookup or list answered it (entries answered are active). */
export function recordOfMatch(m: TargetMatch): TargetRecord {
  if (m.creditCode !== undefined) {
    return {
      creditCode: m.creditCode,
      name: m.name,
      aliases: [...(m.aliases ?? [])],
      county: m.county,
      ...(m.township !== undefined && { township: m.township }),
      ...(m.address !== undefined && { address: m.address }),
      active: true,
    };
  }
  return { id: m.id ?? villageSlug(m.county, m.township ?? '', m.name), county: m.county, township: m.township ?? '', name: m.name, active: true };
}

/**
 * How well a record answers a typed query, for the order of lookupTargets: an exact name or
 * alias first, then names that start with it, then names that hold it, shorter names first.
 * Undefined: no match at all.
 */
export function matchRank(r: TargetRecord, query: string): number | undefined {
  const q = normaliseText(query);
  if (q === '') return undefined;
  if ('creditCode' in r && r.creditCode.toLowerCase().startsWith(q)) return 1;
  const qName = normaliseName(query, r.county);
  let best: number | undefined;
  for (const n of namesOf(r)) {
    const full = normaliseText(n);
    const rank = normaliseName(n, r.county) === qName ? 0 : full.startsWith(q) ? 2 : full.includes(q) || normaliseName(n, r.county).includes(q) ? 3 : undefined;
    if (rank !== undefined && (best === undefined || rank < best)) best = rank;
  }
  return best;
}
