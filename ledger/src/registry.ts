// A row against the registries of enterprises and villages (docs/masterdata.md): what can be
// filled in for the clerk, and where the row disagrees with them. Filling never overwrites a
// cell; a disagreement is a warning, never an error: the registry may be the one out of date.

import type { LedgerDef } from './fields';
import { joined, type Bilingual } from './messages';
import { normaliseName, normaliseText, type AliasResolver } from './names';
import { countyLabelOf, namesOf, type EnterpriseRecord, type VillageRecord } from './targets';
import { parseCreditCode } from './types/creditCode';
import { quote, toHalfWidth } from './types/normalize';

/** What a warning is about; the registry's disagreement is the first kind. */
export type WarningCode = 'registry';
export const WARNING_CODES: readonly WarningCode[] = ['registry'];

/**
 * Something about one field of a row worth a second look, that does not make the row invalid:
 * reported beside the errors, marked lighter, never stopping a push.
 */
export interface FieldWarning extends Bilingual {
  readonly field: string;
  readonly header: string;
  readonly code: WarningCode;
  /** Chinese, then English. */
  readonly message: string;
}

/** Looks registry entries up as a row names them. */
export interface TargetIndex {
  enterprise(creditCode: string): EnterpriseRecord | undefined;
  /** Active enterprises a name or other name means, in a county when one is given. */
  enterprisesNamed(name: string, county?: string): EnterpriseRecord[];
  /** Active villages of that name, in a county when one is given. */
  villagesNamed(name: string, county?: string): VillageRecord[];
  /** The target key's view of the registry: the entry a name stands for. */
  readonly resolve: AliasResolver;
  readonly size: number;
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else if (!list.includes(v)) list.push(v);
}

export function targetIndex(enterprises: readonly EnterpriseRecord[], villages: readonly VillageRecord[]): TargetIndex {
  const byCode = new Map(enterprises.map((e) => [e.creditCode, e]));
  // Keyed with the entry's county taken off the name (榆次区某公司 = 某公司 in 榆次区), and without.
  const eNames = new Map<string, EnterpriseRecord[]>();
  for (const e of enterprises) {
    if (!e.active) continue;
    for (const n of namesOf(e)) {
      push(eNames, `${e.county}|${normaliseName(n, e.county)}`, e);
      push(eNames, `|${normaliseName(n)}`, e);
    }
  }
  const vNames = new Map<string, VillageRecord[]>();
  for (const v of villages) {
    if (!v.active) continue;
    push(vNames, `${v.county}|${normaliseName(v.name, v.county)}`, v);
    push(vNames, `|${normaliseName(v.name)}`, v);
  }
  const enterprisesNamed = (name: string, county?: string) =>
    county === undefined ? (eNames.get(`|${normaliseName(name)}`) ?? []) : (eNames.get(`${county}|${normaliseName(name, county)}`) ?? []);
  const villagesNamed = (name: string, county?: string) =>
    vNames.get(county === undefined ? `|${normaliseName(name)}` : `${county}|${normaliseName(name, county)}`) ?? [];
  return {
    enterprise: (code) => byCode.get(code),
    enterprisesNamed,
    villagesNamed,
    size: enterprises.length + villages.length,
    resolve(county, normalisedName) {
      const e = eNames.get(`${county}|${normalisedName}`);
      if (e?.length === 1) return { creditCode: e[0]!.creditCode };
      const v = vNames.get(`${county}|${normalisedName}`);
      if (v?.length === 1) return { name: v[0]!.name };
      return undefined;
    },
  };
}

/** A cell's text as a clerk meant it, or undefined for an empty cell. */
function cellText(x: unknown): string | undefined {
  if (typeof x === 'number') return String(x);
  if (typeof x !== 'string') return undefined;
  const t = toHalfWidth(x.normalize('NFKC')).trim();
  return t === '' ? undefined : t;
}

/** The fields the registries fill: 统一社会信用代码, 乡镇（街道）, 县（区、市）. */
export const FILLED_FIELDS = ['creditCode', 'township', 'county'] as const;
export type FilledField = (typeof FILLED_FIELDS)[number];

/**
 * What the registry fills into a row's empty cells: when its 服务对象 or 统一社会信用代码
 * names exactly one entry (of the service type's registry, if the type is given) in the row's
 * county (if given), that entry's credit code, township and county, where the row has none.
 * Nothing is ever overwritten; a row naming no entry, or several, gets nothing.
 */
export function fillFromRegistry(raw: Readonly<Record<string, unknown>>, index: TargetIndex): Partial<Record<FilledField, string>> {
  const type = cellText(raw.targetType);
  const name = cellText(raw.targetName);
  const writtenCounty = cellText(raw.county);
  const county = writtenCounty === undefined ? undefined : countyLabelOf(writtenCounty);
  // A county the registry cannot read is the clerk's to fix; nothing is filled beside it.
  if (writtenCounty !== undefined && county === undefined) return {};
  const code = cellText(raw.creditCode);
  const parsedCode = code === undefined ? undefined : parseCreditCode(code);

  let entry: { creditCode?: string; county: string; township?: string } | undefined;
  if (type !== '进村') {
    if (parsedCode?.ok) {
      const e = index.enterprise(parsedCode.value);
      if (e?.active) entry = e;
    } else if (code === undefined && name !== undefined) {
      const found = index.enterprisesNamed(name, county);
      if (found.length === 1) entry = found[0];
    }
  }
  if (entry === undefined && type !== '入企' && name !== undefined && code === undefined) {
    const villages = index.villagesNamed(name, county);
    const enterprises = type === undefined ? index.enterprisesNamed(name, county) : [];
    if (villages.length === 1 && enterprises.length === 0) entry = villages[0];
  }
  if (entry === undefined || (county !== undefined && entry.county !== county)) return {};
  const fill: Partial<Record<FilledField, string>> = {};
  if (entry.creditCode !== undefined && code === undefined && type !== '进村') fill.creditCode = entry.creditCode;
  if (entry.township !== undefined && cellText(raw.township) === undefined) fill.township = entry.township;
  if (writtenCounty === undefined) fill.county = entry.county;
  return fill;
}

function warning(ledger: LedgerDef, field: string, m: Bilingual): FieldWarning {
  const f = ledger.fields.find((x) => x.key === field);
  return { field, header: f?.header ?? field, code: 'registry', zh: m.zh, en: m.en, message: joined(m) };
}

/**
 * Where a valid row's canonical values disagree with the registries: a credit code the
 * registry gives to another enterprise; a village under a township the registry does not have
 * it in. Rows the registries do not know get none: a new enterprise is no mistake.
 */
export function registryWarnings(ledger: LedgerDef, values: Readonly<Record<string, unknown>>, index: TargetIndex): FieldWarning[] {
  const has = (k: string) => ledger.fields.some((f) => f.key === k);
  const out: FieldWarning[] = [];
  const county = typeof values.county === 'string' ? values.county : undefined;
  const name = typeof values.targetName === 'string' ? values.targetName : undefined;
  if (has('creditCode') && typeof values.creditCode === 'string' && name !== undefined) {
    const e = index.enterprise(values.creditCode);
    if (e !== undefined) {
      const mine = [normaliseName(name, e.county), normaliseName(name)];
      const known = namesOf(e).flatMap((n) => [normaliseName(n, e.county), normaliseName(n)]);
      if (!mine.some((m) => known.includes(m))) {
        out.push(
          warning(ledger, 'creditCode', {
            zh: `企业名录中统一社会信用代码 ${e.creditCode} 是「${e.name}」，不是「${quote(name)}」，请核对代码或名称`,
            en: `In the register of enterprises the credit code ${e.creditCode} is "${e.name}", not "${quote(name)}"; please check the code or the name`,
          }),
        );
      }
    }
  }
  if (has('township') && values.targetType === '进村' && name !== undefined && county !== undefined && typeof values.township === 'string') {
    const known = index.villagesNamed(name, county);
    const township = normaliseText(values.township);
    if (known.length > 0 && !known.some((v) => normaliseText(v.township) === township)) {
      const where = [...new Set(known.map((v) => v.township))];
      out.push(
        warning(ledger, 'township', {
          zh: `行政村名录中${county}的「${quote(name)}」在${where.join('、')}，不在「${quote(values.township)}」`,
          en: `In the register of villages "${quote(name)}" of ${county} is in ${where.join(', ')}, not in "${quote(values.township)}"`,
        }),
      );
    }
  }
  return out;
}
