// The work-group registry (issue #6): which groups exist, in which county, of which kind,
// led by which department, and whether they are still in use. Declared once and checked the
// same way by `taizhang admin groups` (add, set, import) and by the functions.

import { COUNTY_ALIASES, COUNTY_LABELS, TARGET_TYPES } from './domain';
import type { Bilingual } from './messages';
import { normalizeHeader } from './headers';

export type TargetType = (typeof TARGET_TYPES)[number];

/** `groups/{id}` in Firestore. */
export interface GroupRecord {
  readonly id: string;
  readonly name: string;
  readonly county: string;
  readonly targetType: TargetType;
  /** 牵头单位; empty string when not given. */
  readonly department: string;
  readonly active: boolean;
}

/** The registry's columns: key, the header of the import sheet, limits. */
export const GROUP_COLUMNS = [
  { key: 'id', header: '工作组编号', en: 'group id' },
  { key: 'name', header: '工作组名称', en: 'group name' },
  { key: 'county', header: '县（区、市）', en: 'county' },
  { key: 'targetType', header: '服务类型', en: 'service type' },
  { key: 'department', header: '牵头单位', en: 'lead department' },
  { key: 'active', header: '是否在用', en: 'in use' },
] as const;

export type GroupKey = (typeof GROUP_COLUMNS)[number]['key'];

/** A Firestore document id: no '/' or white space, not '.' or '..', not __…__, at most 64 characters. */
export function isGroupId(id: string): boolean {
  return /^[^/\s]{1,64}$/.test(id) && id !== '.' && id !== '..' && !/^__.*__$/.test(id);
}

const TRUE_WORDS = new Set(['是', '在用', '启用', 'y', 'yes', 'true', '1']);
const FALSE_WORDS = new Set(['否', '停用', '不在用', 'n', 'no', 'false', '0']);

function text(x: unknown): string | undefined {
  if (typeof x === 'number') return String(x);
  if (typeof x !== 'string') return undefined;
  const t = x.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return t === '' ? undefined : t;
}

/** 是/否, 在用/停用, yes/no, true/false, 1/0; absent → true (a new group is in use). */
export function parseActive(x: unknown): boolean | undefined {
  if (x === undefined || x === null || x === '') return true;
  if (typeof x === 'boolean') return x;
  const t = normalizeHeader(x);
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

/** County label from the label or its alias (榆次 → 榆次区). */
function countyOf(x: unknown): string | undefined {
  const t = text(x);
  if (t === undefined) return undefined;
  const compact = t.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
  if (COUNTY_LABELS.includes(compact)) return compact;
  return COUNTY_ALIASES[compact];
}

/** A group as given (a command line, a sheet row), checked: the record, or every problem. */
export function checkGroup(raw: Partial<Record<GroupKey, unknown>>): { group: GroupRecord } | { errors: Bilingual[] } {
  const errors: Bilingual[] = [];
  const id = text(raw.id);
  if (id === undefined) errors.push({ zh: '缺少工作组编号', en: 'The group id is missing' });
  else if (!isGroupId(id)) {
    errors.push({ zh: `工作组编号「${id}」无效：最多 64 个字符，不含空格和 /`, en: `Invalid group id "${id}": at most 64 characters, no spaces or /` });
  }
  const name = text(raw.name);
  if (name === undefined) errors.push({ zh: '缺少工作组名称', en: 'The group name is missing' });
  else if (name.length > 100) errors.push({ zh: '工作组名称最多 100 个字', en: 'The group name has at most 100 characters' });
  const county = countyOf(raw.county);
  if (county === undefined) {
    errors.push(
      text(raw.county) === undefined
        ? { zh: '缺少县（区、市）', en: 'The county is missing' }
        : { zh: `未知的县（区、市）：${text(raw.county)}`, en: `Unknown county: ${text(raw.county)}` },
    );
  }
  const tt = text(raw.targetType);
  const targetType = (TARGET_TYPES as readonly string[]).includes(tt ?? '') ? (tt as TargetType) : undefined;
  if (targetType === undefined) {
    errors.push({
      zh: `服务类型须为「入企」或「进村」${tt ? `（现为「${tt}」）` : ''}`,
      en: `The service type must be 入企 or 进村${tt ? ` (got "${tt}")` : ''}`,
    });
  }
  const department = text(raw.department) ?? '';
  if (department.length > 100) errors.push({ zh: '牵头单位最多 100 个字', en: 'The lead department has at most 100 characters' });
  const active = parseActive(raw.active);
  if (active === undefined) {
    errors.push({ zh: `「是否在用」须为 是 或 否（现为「${String(raw.active)}」）`, en: `"In use" must be 是 (yes) or 否 (no) (got "${String(raw.active)}")` });
  }
  if (errors.length > 0) return { errors };
  return { group: { id: id!, name: name!, county: county!, targetType: targetType!, department, active: active! } };
}

export interface GroupSheetError extends Bilingual {
  /** Worksheet row number, 1-based as Excel shows it. */
  readonly row: number;
}

export interface GroupSheet {
  readonly groups: GroupRecord[];
  readonly errors: GroupSheetError[];
  /** 1-based worksheet row of the header, or undefined when none was found. */
  readonly headerRow?: number;
}

/**
 * The groups of an import sheet: the header row (among the first 10, headers matched with
 * normalizeHeader, so half-width brackets and spaces do not matter), then one group a row.
 * Empty rows are skipped; a repeated id is an error on its second row.
 */
export function parseGroupSheet(rows: readonly (readonly unknown[])[]): GroupSheet {
  const wanted = new Map(
    GROUP_COLUMNS.flatMap(
      (c) =>
        [
          [normalizeHeader(c.header), c.key],
          [normalizeHeader(c.key), c.key],
        ] as const,
    ),
  );
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const index = new Map<GroupKey, number>();
    (rows[r] ?? []).forEach((cell, i) => {
      const k = wanted.get(normalizeHeader(cell));
      if (k !== undefined && !index.has(k)) index.set(k, i);
    });
    if (!index.has('id') || !index.has('name')) continue;
    const missing = GROUP_COLUMNS.filter((c) => c.key !== 'department' && c.key !== 'active' && !index.has(c.key));
    if (missing.length > 0) {
      return {
        groups: [],
        headerRow: r + 1,
        errors: [{ row: r + 1, zh: `缺少列：${missing.map((c) => c.header).join('、')}`, en: `Missing columns: ${missing.map((c) => c.en).join(', ')}` }],
      };
    }
    const groups: GroupRecord[] = [];
    const errors: GroupSheetError[] = [];
    const seen = new Map<string, number>();
    for (let i = r + 1; i < rows.length; i++) {
      const cells = rows[i] ?? [];
      if (cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
      const raw: Partial<Record<GroupKey, unknown>> = {};
      for (const [k, col] of index) raw[k] = cells[col];
      const checked = checkGroup(raw);
      if ('errors' in checked) {
        for (const e of checked.errors) errors.push({ row: i + 1, ...e });
        continue;
      }
      const first = seen.get(checked.group.id);
      if (first !== undefined) {
        errors.push({ row: i + 1, zh: `工作组编号「${checked.group.id}」与第 ${first} 行重复`, en: `Group id "${checked.group.id}" repeats row ${first}` });
        continue;
      }
      seen.set(checked.group.id, i + 1);
      groups.push(checked.group);
    }
    return { groups, errors, headerRow: r + 1 };
  }
  return {
    groups: [],
    errors: [
      {
        row: 1,
        zh: `前 10 行中找不到表头（需要：${GROUP_COLUMNS.map((c) => c.header).join('、')}）`,
        en: `No header row in the first 10 rows (expected: ${GROUP_COLUMNS.map((c) => c.en).join(', ')})`,
      },
    ],
  };
}

/**
 * Whether a clerk's `group` claim may push (the registry rule). The claim names a group by
 * name or by id. A county with no registered group at all is not yet under the registry:
 * every clerk there may push, so a fresh deployment without a registry keeps working; once
 * one group of a county is registered, the county's clerks need an active registered group.
 */
export function checkClerkGroup(county: string, group: string, registered: readonly GroupRecord[]): Bilingual | undefined {
  const ofCounty = registered.filter((g) => g.county === county);
  if (ofCounty.length === 0) return undefined;
  const match = ofCounty.filter((g) => g.name === group || g.id === group);
  if (match.length === 0) {
    return {
      zh: `工作组「${group}」未在${county}的工作组登记中，请联系管理员`,
      en: `The work group "${group}" is not registered in ${county}; ask an administrator`,
    };
  }
  if (!match.some((g) => g.active)) {
    return {
      zh: `工作组「${group}」已停用，不能上报，请联系管理员`,
      en: `The work group "${group}" is no longer active and cannot push; ask an administrator`,
    };
  }
  return undefined;
}
