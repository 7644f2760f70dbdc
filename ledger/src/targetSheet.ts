// A registry's import sheet (`taizhang admin registry import enterprises|villages`): the
// header row found among the first ten rows as clerks' sheets have it (titles above, extra
// columns, any order, half-width brackets), then one record a row, each checked. A bad row is
// refused with its row number and reasons; the others still count.

import { normalizeHeader } from './headers';
import type { Bilingual } from './messages';
import { checkEnterprise, checkVillage, ENTERPRISE_COLUMNS, targetId, VILLAGE_COLUMNS, type TargetColumn, type TargetKind, type TargetRecord } from './targets';

export interface TargetSheetRow {
  /** Worksheet row number, 1-based as Excel shows it. */
  readonly row: number;
  readonly record: TargetRecord;
}

export interface TargetSheetError extends Bilingual {
  readonly row: number;
}

export interface TargetSheet {
  readonly records: TargetSheetRow[];
  readonly errors: TargetSheetError[];
  /** 1-based worksheet row of the header, or undefined when none was found. */
  readonly headerRow?: number;
}

const SEARCH_ROWS = 10;

export function targetColumns(kind: TargetKind): readonly TargetColumn<string>[] {
  return kind === 'enterprises' ? ENTERPRISE_COLUMNS : VILLAGE_COLUMNS;
}

function check(kind: TargetKind, raw: Record<string, unknown>) {
  return kind === 'enterprises' ? checkEnterprise(raw) : checkVillage(raw);
}

const kindName = { enterprises: { zh: '企业', en: 'enterprise' }, villages: { zh: '行政村', en: 'village' } } as const;

function blank(cells: readonly unknown[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

export function parseTargetSheet(kind: TargetKind, rows: readonly (readonly unknown[])[]): TargetSheet {
  const columns = targetColumns(kind);
  const wanted = new Map<string, string>();
  for (const c of columns)
    for (const h of [c.header, ...(c.otherHeaders ?? []), c.key]) if (!wanted.has(normalizeHeader(h))) wanted.set(normalizeHeader(h), c.key);
  const required = columns.filter((c) => c.required);
  for (let r = 0; r < Math.min(rows.length, SEARCH_ROWS); r++) {
    const index = new Map<string, number>();
    (rows[r] ?? []).forEach((cell, i) => {
      const k = wanted.get(normalizeHeader(cell));
      if (k !== undefined && !index.has(k)) index.set(k, i);
    });
    // A header row holds at least two of the required columns; then all of them must be there.
    if (required.filter((c) => index.has(c.key)).length < 2) continue;
    const missing = required.filter((c) => !index.has(c.key));
    if (missing.length > 0) {
      return {
        records: [],
        headerRow: r + 1,
        errors: [{ row: r + 1, zh: `缺少列：${missing.map((c) => c.header).join('、')}`, en: `Missing columns: ${missing.map((c) => c.en).join(', ')}` }],
      };
    }
    const records: TargetSheetRow[] = [];
    const errors: TargetSheetError[] = [];
    const seen = new Map<string, number>();
    for (let i = r + 1; i < rows.length; i++) {
      const cells = rows[i] ?? [];
      if (blank(cells)) continue;
      const raw: Record<string, unknown> = {};
      for (const [k, col] of index) raw[k] = cells[col];
      const checked = check(kind, raw);
      if ('errors' in checked) {
        errors.push({ row: i + 1, zh: checked.errors.map((e) => e.zh).join('；'), en: checked.errors.map((e) => e.en).join('; ') });
        continue;
      }
      const id = targetId(kind, checked.record);
      const first = seen.get(id);
      if (first !== undefined) {
        errors.push({ row: i + 1, zh: `与第 ${first} 行是同一${kindName[kind].zh}（${id}）`, en: `The same ${kindName[kind].en} as row ${first} (${id})` });
        continue;
      }
      seen.set(id, i + 1);
      records.push({ row: i + 1, record: checked.record });
    }
    return { records, errors, headerRow: r + 1 };
  }
  return {
    records: [],
    errors: [
      {
        row: 1,
        zh: `前 ${SEARCH_ROWS} 行中找不到表头（需要：${required.map((c) => c.header).join('、')}）`,
        en: `No header row in the first ${SEARCH_ROWS} rows (expected: ${required.map((c) => c.en).join(', ')})`,
      },
    ],
  };
}
