// The department registry's import sheet (`taizhang admin departments import`): the header
// row found as for the group registry, then one department a row, each checked by
// checkDepartment. A bad row is refused with its row number; the others still count.

import { DEPARTMENT_COLUMNS, checkDepartment, type DepartmentKey, type DepartmentRecord } from './departments';
import { normalizeHeader } from './headers';
import type { Bilingual } from './messages';

export interface DepartmentSheetRow {
  /** Worksheet row number, 1-based as Excel shows it. */
  readonly row: number;
  readonly department: DepartmentRecord;
}

export interface DepartmentSheetError extends Bilingual {
  readonly row: number;
}

export interface DepartmentSheet {
  readonly departments: DepartmentSheetRow[];
  readonly errors: DepartmentSheetError[];
  /** 1-based worksheet row of the header, or undefined when none was found. */
  readonly headerRow?: number;
}

const OPTIONAL: readonly DepartmentKey[] = ['aliases', 'active'];

export function parseDepartmentSheet(rows: readonly (readonly unknown[])[]): DepartmentSheet {
  const wanted = new Map(
    DEPARTMENT_COLUMNS.flatMap(
      (c) =>
        [
          [normalizeHeader(c.header), c.key],
          [normalizeHeader(c.key), c.key],
        ] as const,
    ),
  );
  for (let r = 0; r < Math.min(rows.length, 10); r++) {
    const index = new Map<DepartmentKey, number>();
    (rows[r] ?? []).forEach((cell, i) => {
      const k = wanted.get(normalizeHeader(cell));
      if (k !== undefined && !index.has(k)) index.set(k, i);
    });
    if (!index.has('id') || !index.has('name')) continue;
    const missing = DEPARTMENT_COLUMNS.filter((c) => !OPTIONAL.includes(c.key) && !index.has(c.key));
    if (missing.length > 0) {
      return {
        departments: [],
        headerRow: r + 1,
        errors: [{ row: r + 1, zh: `缺少列：${missing.map((c) => c.header).join('、')}`, en: `Missing columns: ${missing.map((c) => c.en).join(', ')}` }],
      };
    }
    const departments: DepartmentSheetRow[] = [];
    const errors: DepartmentSheetError[] = [];
    const seen = new Map<string, number>();
    for (let i = r + 1; i < rows.length; i++) {
      const cells = rows[i] ?? [];
      if (cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
      const raw: Partial<Record<DepartmentKey, unknown>> = {};
      for (const [k, col] of index) raw[k] = cells[col];
      const checked = checkDepartment(raw);
      if ('errors' in checked) {
        errors.push({ row: i + 1, zh: checked.errors.map((e) => e.zh).join('；'), en: checked.errors.map((e) => e.en).join('; ') });
        continue;
      }
      const first = seen.get(checked.department.id);
      if (first !== undefined) {
        errors.push({
          row: i + 1,
          zh: `单位编号「${checked.department.id}」与第 ${first} 行重复`,
          en: `Department id "${checked.department.id}" repeats row ${first}`,
        });
        continue;
      }
      seen.set(checked.department.id, i + 1);
      departments.push({ row: i + 1, department: checked.department });
    }
    return { departments, errors, headerRow: r + 1 };
  }
  return {
    departments: [],
    errors: [
      {
        row: 1,
        zh: `前 10 行中找不到表头（需要：${DEPARTMENT_COLUMNS.map((c) => c.header).join('、')}）`,
        en: `No header row in the first 10 rows (expected: ${DEPARTMENT_COLUMNS.map((c) => c.en).join(', ')})`,
      },
    ],
  };
}
