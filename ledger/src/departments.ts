// The registry of responsible departments (责任单位, docs/workflow.md#departments): which departments
// exist, the names clerks write for them, whose government they belong to. A 责任单位 cell
// names one of them; the canonical name is what sheets show and statistics rank by id.

import { COUNTY_ALIASES, COUNTY_LABELS } from './domain';
import { fieldError, type Bilingual, type FieldError } from './messages';
import { parseActive } from './groups';
import type { LedgerDef } from './fields';
import { quote, toHalfWidth } from './types/normalize';
import { bigramJaccard } from './names';

/** `departments/{id}` in Firestore. */
export interface DepartmentRecord {
  readonly id: string;
  /** The canonical name, unique: what sheets show. */
  readonly name: string;
  /** Other names clerks write, unique across the registry. */
  readonly aliases: readonly string[];
  /** The county whose government it belongs to; 市直 for the city's own departments and units. */
  readonly county: string;
  readonly active: boolean;
}

/** The registry's columns: key, the header of the import sheet. */
export const DEPARTMENT_COLUMNS = [
  { key: 'id', header: '单位编号', en: 'department id' },
  { key: 'name', header: '单位名称', en: 'name' },
  { key: 'aliases', header: '其他名称', en: 'other names' },
  { key: 'county', header: '所属县（区、市）', en: 'county' },
  { key: 'active', header: '是否在用', en: 'in use' },
] as const;

export type DepartmentKey = (typeof DEPARTMENT_COLUMNS)[number]['key'];

export const DEPARTMENT_ID = /^[a-z0-9-]{2,40}$/;

/** A registry cell as text: NFKC, trimmed, runs of spaces as one; a number as its digits; empty as undefined. */
export function registryText(x: unknown): string | undefined {
  if (typeof x === 'number') return String(x);
  if (typeof x !== 'string') return undefined;
  const t = x.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return t === '' ? undefined : t;
}

/** Aliases as given: a list, or one cell separated by 、，,；; or line breaks. */
export function aliasList(x: unknown): string[] {
  const parts = Array.isArray(x) ? x : typeof x === 'string' ? x.split(/[、，,；;\n]/) : [];
  return [...new Set(parts.map(registryText).filter((a): a is string => a !== undefined))];
}

function countyOf(x: unknown): string | undefined {
  const t = registryText(x)?.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  if (t === undefined) return undefined;
  if (COUNTY_LABELS.includes(t)) return t;
  return COUNTY_ALIASES[t];
}

/** A department as given (a command line, a sheet row), checked: the record, or every problem. */
export function checkDepartment(raw: Partial<Record<DepartmentKey, unknown>>): { department: DepartmentRecord } | { errors: Bilingual[] } {
  const errors: Bilingual[] = [];
  const id = registryText(raw.id);
  if (id === undefined) errors.push({ zh: '缺少单位编号', en: 'The department id is missing' });
  else if (!DEPARTMENT_ID.test(id)) {
    errors.push({
      zh: `单位编号「${id}」无效：2–40 位小写字母、数字或连字符（如 jz-zrzy）`,
      en: `Invalid department id "${id}": 2–40 lower-case letters, digits or hyphens (e.g. jz-zrzy)`,
    });
  }
  const name = registryText(raw.name);
  if (name === undefined) errors.push({ zh: '缺少单位名称', en: 'The department name is missing' });
  else if (name.length > 100) errors.push({ zh: '单位名称最多 100 个字', en: 'The department name has at most 100 characters' });
  const aliases = aliasList(raw.aliases).filter((a) => a !== name);
  const long = aliases.find((a) => a.length > 100);
  if (long !== undefined) errors.push({ zh: `其他名称「${long}」超过 100 个字`, en: `The other name "${long}" has more than 100 characters` });
  const county = countyOf(raw.county);
  if (county === undefined) {
    errors.push({
      zh: `所属县（区、市）「${registryText(raw.county) ?? ''}」无效，应为：${COUNTY_LABELS.join('、')}`,
      en: `Unknown county "${registryText(raw.county) ?? ''}"`,
    });
  }
  const active = parseActive(raw.active);
  if (active === undefined) errors.push({ zh: '是否在用应为“是”或“否”', en: 'In use must be yes or no' });
  if (errors.length > 0) return { errors };
  return { department: { id: id!, name: name!, aliases, county: county!, active: active! } };
}

/** Names compared as clerks mean them: full-width folded, spaces and brackets' width ignored. */
export function departmentNameKey(name: string): string {
  return toHalfWidth(name.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/[()（）]/g, '');
}

/** Names or aliases that two departments of one registry share (each one a problem). */
export function registryClashes(records: readonly DepartmentRecord[]): Bilingual[] {
  const owner = new Map<string, string>();
  const clashes: Bilingual[] = [];
  for (const d of records) {
    for (const n of [d.name, ...d.aliases]) {
      const k = departmentNameKey(n);
      const other = owner.get(k);
      if (other !== undefined && other !== d.id) {
        clashes.push({ zh: `名称「${n}」同时属于 ${other} 和 ${d.id}`, en: `The name "${n}" belongs to both ${other} and ${d.id}` });
      } else owner.set(k, d.id);
    }
  }
  return clashes;
}

/** Looks departments up by name or alias, as a 责任单位 cell names them. */
export interface DepartmentIndex {
  /** The active department a name or alias means, if any. */
  find(name: string): DepartmentRecord | undefined;
  /** Up to `n` canonical names of active departments close to what was written. */
  suggest(name: string, n?: number): string[];
  byId(id: string): DepartmentRecord | undefined;
  readonly active: readonly DepartmentRecord[];
}

export function departmentIndex(records: readonly DepartmentRecord[]): DepartmentIndex {
  const active = records.filter((d) => d.active);
  const byName = new Map<string, DepartmentRecord>();
  for (const d of active) for (const n of [d.name, ...d.aliases]) if (!byName.has(departmentNameKey(n))) byName.set(departmentNameKey(n), d);
  const ids = new Map(records.map((d) => [d.id, d]));
  return {
    active,
    find: (name) => byName.get(departmentNameKey(name)),
    byId: (id) => ids.get(id),
    suggest(name, n = 3) {
      const k = departmentNameKey(name);
      return active
        .map((d) => ({ name: d.name, score: Math.max(...[d.name, ...d.aliases].map((x) => bigramJaccard(k, departmentNameKey(x)))) }))
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh'))
        .slice(0, n)
        .map((s) => s.name);
    },
  };
}

/**
 * The 责任单位 of a parsed row against the registry: its canonical name and id, or an `enum`
 * error that suggests close names. A row without a 责任单位 has nothing to judge.
 */
export function judgeDepartment(
  ledger: LedgerDef,
  index: DepartmentIndex,
  values: Readonly<Record<string, unknown>>,
): { name: string; id: string } | { error: FieldError } | undefined {
  const written = values.department;
  if (typeof written !== 'string' || !ledger.fields.some((f) => f.key === 'department')) return undefined;
  const found = index.find(written);
  if (found) return { name: found.name, id: found.id };
  const field = ledger.fields.find((f) => f.key === 'department')!;
  const close = index.suggest(written);
  const zh = close.length > 0 ? `，是否为：${close.join('、')}` : '，请从下拉列表中选择';
  const en = close.length > 0 ? `; did you mean: ${close.join(', ')}` : '; choose one from the list';
  return {
    error: fieldError(field, 'enum', {
      zh: `「${field.header}」“${quote(written)}”不在责任单位名录中${zh}`,
      en: `${field.en}: "${quote(written)}" is not in the register of departments${en}`,
    }),
  };
}
