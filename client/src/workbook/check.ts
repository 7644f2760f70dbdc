// The check of a workbook file, whichever client holds it (the command line, the web page):
// given a workbook's sheets as rows of plain cell values, choose the sheet and its header
// row, run every data row through the shared parser and say what is wrong where. Pure: no
// I/O, no clock (the caller passes "today").

import {
  fillFromRegistry,
  findHeader,
  joined,
  registryWarnings,
  LEDGER_NAMES,
  LEDGERS,
  parseRows,
  type Bilingual,
  type ErrorCode,
  type HeaderMatch,
  type LedgerDef,
  type LedgerName,
  type RawCell,
  type RowResult,
  type TargetIndex,
  type WarningCode as RowWarningCode,
} from '@taizhang/ledger';
import { cellAddress } from './address';
import { WorkbookError } from './errors';
import type { MergedRange } from './types';

export interface SheetRows {
  readonly name: string;
  /** rows[i] is worksheet row i + 1; rows[i][j] is column j + 1 (A = 0). */
  readonly rows: readonly (readonly RawCell[])[];
  /** Merged areas (0-based, bounds included); only their top-left cell holds a value. */
  readonly merges?: readonly MergedRange[];
}

export interface WorkbookRows {
  readonly sheets: readonly SheetRows[];
  readonly date1904: boolean;
}

export interface CheckOptions {
  /** Check against this ledger; default: whichever ledger's headers match best. */
  readonly ledger?: LedgerName;
  /** Check this sheet; default: the first sheet whose header row matches. */
  readonly sheet?: string;
  /** "Today" for the date rules (YYYY-MM-DD). */
  readonly today: string;
  /**
   * Fields whose value alone does not make a row (a sheet pre-filled with county and group,
   * as the add-in makes it): a row holding only these is skipped, as the add-in's push does.
   */
  readonly prefilled?: ReadonlySet<string>;
  /**
   * The registries of enterprises and villages, when signed in: empty 统一社会信用代码,
   * 乡镇（街道）, 县（区、市） are filled from them (in what is checked; the file is not
   * changed) and rows that disagree with them are warned about.
   */
  readonly registry?: TargetIndex;
  /** How the client lets the clerk choose another ledger or sheet (the command line: --ledger, --sheet). */
  readonly hints?: ChoiceHints;
}

/** What to add when the sheet looks like the other ledger, or when another sheet holds a ledger too. */
export interface ChoiceHints {
  readonly otherLedger?: (other: LedgerDef) => Bilingual;
  readonly otherSheet?: Bilingual;
}

/** One field of one row that is wrong. */
export interface CheckError extends Bilingual {
  /** Worksheet row number, 1-based, as Excel shows it. */
  readonly row: number;
  /** A1 address of the offending cell; null when the field has no column. */
  readonly cell: string | null;
  readonly field: string;
  readonly header: string;
  readonly code: ErrorCode;
  /** "中文 / English". */
  readonly message: string;
}

export type WarningCode = 'unknown_column' | 'duplicate_column' | 'missing_column' | 'merged_cells' | 'other_sheet' | 'no_rows';

/** Something worth knowing that does not make a row invalid. */
export interface CheckWarning extends Bilingual {
  readonly code: WarningCode;
  readonly message: string;
  /** Where and what: cell, header, field, ranges, sheet, ledger — depending on the code. */
  readonly details: Readonly<Record<string, string | readonly string[]>>;
}

/** Something about one cell of one row worth a second look (the registry disagrees): no error. */
export interface CheckRowWarning extends Bilingual {
  readonly row: number;
  readonly cell: string | null;
  readonly field: string;
  readonly header: string;
  readonly code: RowWarningCode;
  readonly message: string;
}

export interface CheckReport {
  readonly ledger: LedgerName;
  readonly sheet: string;
  /** Worksheet row number of the header row. */
  readonly headerRow: number;
  /** Non-empty data rows. */
  readonly rows: number;
  /** Data rows without errors. */
  readonly valid: number;
  /** In row order, then in the ledger's field order. */
  readonly errors: readonly CheckError[];
  readonly warnings: readonly CheckWarning[];
  /** Valid rows the registries disagree with, by cell. */
  readonly rowWarnings: readonly CheckRowWarning[];
  /** Empty cells filled from the registries; undefined when there was no registry (offline). */
  readonly filled?: number;
  readonly today: string;
  readonly date1904: boolean;
}

interface Candidate {
  readonly sheet: SheetRows;
  readonly match: HeaderMatch;
}

function warning(code: WarningCode, m: Bilingual, details: CheckWarning['details'] = {}): CheckWarning {
  return { code, zh: m.zh, en: m.en, message: joined(m), details };
}

function isBlank(v: RawCell): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function ledgerName(l: LedgerDef): Bilingual {
  return { zh: l.title, en: l.titleEn };
}

function sheetList(sheets: readonly SheetRows[]): Bilingual {
  if (sheets.length === 0) return { zh: '（无）', en: '(none)' };
  return { zh: sheets.map((s) => `「${s.name}」`).join('、'), en: sheets.map((s) => `"${s.name}"`).join(', ') };
}

/**
 * The rows header detection looks at. A cell covered by a merged area from above (a header
 * spanning two header rows) shows the value of that area's top cell, so a two-row header
 * still matches on its lower row; everything else is as stored.
 */
function headerView(sheet: SheetRows, searchRows: number): (readonly RawCell[])[] {
  const view = sheet.rows.slice(0, searchRows).map((r) => [...r]);
  for (const m of sheet.merges ?? []) {
    const top = sheet.rows[m.firstRow]?.[m.firstCol];
    if (isBlank(top ?? null) || m.firstCol !== m.lastCol) continue;
    for (let r = m.firstRow + 1; r <= Math.min(m.lastRow, view.length - 1); r++) {
      const row = view[r]!;
      while (row.length <= m.firstCol) row.push(null);
      row[m.firstCol] = top ?? null;
    }
  }
  return view;
}

/** Rows a header row may sit in (the ledger core's limit). */
const SEARCH_ROWS = 10;

function matchSheet(sheet: SheetRows, ledger: LedgerDef): HeaderMatch | undefined {
  return findHeader(headerView(sheet, SEARCH_ROWS), ledger);
}

const isComplete = (m: HeaderMatch): boolean => m.missing.length === 0;

/** Complete before partial, then more mapped columns. */
function betterCandidate(a: Candidate, b: Candidate | undefined): boolean {
  if (!b) return true;
  if (isComplete(a.match) !== isComplete(b.match)) return isComplete(a.match);
  return a.match.fields.length > b.match.fields.length;
}

/** The best header match of one sheet among the candidate ledgers. */
function bestInSheet(sheet: SheetRows, ledgers: readonly LedgerDef[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const l of ledgers) {
    const match = matchSheet(sheet, l);
    if (match) {
      const c = { sheet, match };
      if (betterCandidate(c, best)) best = c;
    }
  }
  return best;
}

function findSheetByName(sheets: readonly SheetRows[], name: string): SheetRows | undefined {
  const exact = sheets.find((s) => s.name === name);
  if (exact) return exact;
  const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  const loose = sheets.filter((s) => fold(s.name) === fold(name));
  return loose.length === 1 ? loose[0] : undefined;
}

function missingColumnsError(c: Candidate, ledgers: readonly LedgerDef[], hints: ChoiceHints | undefined): WorkbookError {
  const { match, sheet } = c;
  const l = ledgerName(match.ledger);
  const row = match.headerRow + 1;
  const zhCols = match.missing.map((f) => f.header).join('、');
  const enCols = match.missing.map((f) => `${f.header} (${f.en})`).join(', ');
  let zh = `工作表「${sheet.name}」第 ${row} 行的表头缺少${l.zh}的必填列：${zhCols}`;
  let en = `the header row (row ${row}) of sheet "${sheet.name}" lacks required columns of the ${l.en}: ${enCols}`;
  // Checked against the wrong ledger? Say which one the sheet looks like.
  const other = LEDGER_NAMES.map((n) => LEDGERS[n]).find((x) => x !== match.ledger && !ledgers.includes(x));
  const otherMatch = other ? matchSheet(sheet, other) : undefined;
  if (other && otherMatch && isComplete(otherMatch)) {
    const how = hints?.otherLedger?.(other);
    zh += `（这张表看起来是${other.title}${how ? `：${how.zh}` : ''}）`;
    en += ` (this sheet looks like a ${other.titleEn}${how ? `: ${how.en}` : ''})`;
  }
  return new WorkbookError(zh, en);
}

/** Choose the sheet and header row, or explain why none can be used. */
function chooseSheet(book: WorkbookRows, opts: Pick<CheckOptions, 'ledger' | 'sheet' | 'hints'>): { chosen: Candidate; others: Candidate[] } {
  const ledgers = opts.ledger ? [LEDGERS[opts.ledger]] : LEDGER_NAMES.map((n) => LEDGERS[n]);
  const wanted: Bilingual = opts.ledger ? ledgerName(LEDGERS[opts.ledger]) : { zh: '台账（问题清单或走访台账）', en: 'ledger (Problem list or Visit log)' };
  const list = sheetList(book.sheets);

  if (opts.sheet !== undefined) {
    const sheet = findSheetByName(book.sheets, opts.sheet);
    if (!sheet) {
      throw new WorkbookError(`没有名为「${opts.sheet}」的工作表；现有工作表：${list.zh}`, `no sheet named "${opts.sheet}"; the workbook has: ${list.en}`);
    }
    const c = bestInSheet(sheet, ledgers);
    if (!c) {
      throw new WorkbookError(
        `工作表「${sheet.name}」的前 ${SEARCH_ROWS} 行里没有${wanted.zh}的表头`,
        `sheet "${sheet.name}" has no ${wanted.en} header row within its first ${SEARCH_ROWS} rows`,
      );
    }
    if (!isComplete(c.match)) throw missingColumnsError(c, ledgers, opts.hints);
    return { chosen: c, others: [] };
  }

  const found = book.sheets.map((s) => bestInSheet(s, ledgers)).filter((c): c is Candidate => c !== undefined);
  const complete = found.filter((c) => isComplete(c.match));
  const [first, ...others] = complete;
  if (first) return { chosen: first, others };

  let best: Candidate | undefined;
  for (const c of found) if (betterCandidate(c, best)) best = c;
  if (best) throw missingColumnsError(best, ledgers, opts.hints);
  throw new WorkbookError(
    `没有找到${wanted.zh}：工作表 ${list.zh} 的前 ${SEARCH_ROWS} 行里都没有它的表头`,
    `no ${wanted.en} found: none of the sheets ${list.en} has its header row within the first ${SEARCH_ROWS} rows`,
  );
}

function headerWarnings(c: Candidate): CheckWarning[] {
  const { match } = c;
  const row = match.headerRow + 1;
  const out: CheckWarning[] = [];
  for (const u of match.unknown) {
    const cell = cellAddress(u.index, row);
    out.push(
      warning(
        'unknown_column',
        {
          zh: `未识别的列「${u.header}」（${cell}），已忽略`,
          en: `unknown column "${u.header}" (${cell}) ignored`,
        },
        { cell, header: u.header },
      ),
    );
  }
  const columnOf = new Map(match.fields.map((f) => [f.def.key, f.index]));
  const systemOf = new Map(match.system.map((s) => [s.def.key as string, s.index]));
  for (const d of match.duplicate) {
    const cell = cellAddress(d.index, row);
    const used = columnOf.get(d.field) ?? systemOf.get(d.field);
    const usedCell = used === undefined ? '' : cellAddress(used, row);
    out.push(
      warning(
        'duplicate_column',
        {
          zh: `「${d.header}」列重复（${cell}），以 ${usedCell} 列为准，此列忽略`,
          en: `duplicate column "${d.header}" (${cell}) ignored; ${usedCell} is used`,
        },
        { cell, header: d.header, field: d.field },
      ),
    );
  }
  for (const f of match.ledger.fields) {
    if (typeof f.required === 'boolean' || columnOf.has(f.key)) continue;
    // Needed only beside a column the sheet does not have either (回访日期 beside 回访情况).
    if (f.required.filled && !columnOf.has(f.required.field)) continue;
    out.push(
      warning(
        'missing_column',
        {
          zh: `没有「${f.header}」列：需要填写它的行将报错`,
          en: `no "${f.header}" (${f.en}) column: rows that need it will be reported`,
        },
        { field: f.key, header: f.header },
      ),
    );
  }
  return out;
}

function mergedCellsWarning(c: Candidate): CheckWarning | undefined {
  const headerRow = c.match.headerRow;
  const columns = new Set(c.match.fields.map((f) => f.index));
  const ranges: string[] = [];
  for (const m of c.sheet.merges ?? []) {
    if (m.lastRow <= headerRow) continue;
    let touches = false;
    for (let col = m.firstCol; col <= m.lastCol && !touches; col++) touches = columns.has(col);
    if (!touches) continue;
    const firstRow = Math.max(m.firstRow, headerRow + 1);
    ranges.push(`${cellAddress(m.firstCol, firstRow + 1)}:${cellAddress(m.lastCol, m.lastRow + 1)}`);
  }
  if (ranges.length === 0) return undefined;
  const shown = ranges.slice(0, 5).join(', ') + (ranges.length > 5 ? ` …（+${ranges.length - 5}）` : '');
  return warning(
    'merged_cells',
    {
      zh: `数据区有合并单元格 ${shown}：只有左上角的单元格有值，其余按空白检查；请取消合并并填满`,
      en: `merged cells in the data area ${shown}: only the top-left cell holds a value, the others are checked as empty; unmerge and fill them`,
    },
    { ranges },
  );
}

/** One non-empty data row as read and parsed. */
export interface DataRow {
  /** Worksheet row number, 1-based. */
  readonly row: number;
  /** The row's cells as stored (rows[i] of the sheet). */
  readonly cells: readonly RawCell[];
  /** The ledger's fields as handed to the parser. */
  readonly raw: Readonly<Record<string, RawCell>>;
  readonly result: RowResult;
}

/** A check with what it found on the way: the sheet, its header match and every data row. */
export interface Inspection {
  readonly report: CheckReport;
  readonly sheet: SheetRows;
  readonly match: HeaderMatch;
  readonly rows: readonly DataRow[];
}

/** Check a workbook's rows. Throws WorkbookError when no sheet can be checked. */
export function checkWorkbook(book: WorkbookRows, opts: CheckOptions): CheckReport {
  return inspectWorkbook(book, opts).report;
}

/** The sheet to work on, its header match and what is worth knowing about its header. */
export interface PreparedSheet {
  readonly sheet: SheetRows;
  readonly match: HeaderMatch;
  readonly warnings: readonly CheckWarning[];
}

/** Choose the sheet and header row (or throw WorkbookError) and say what the header lacks. */
export function prepareSheet(book: WorkbookRows, opts: Pick<CheckOptions, 'ledger' | 'sheet' | 'hints'>): PreparedSheet {
  const { chosen, others } = chooseSheet(book, opts);
  const warnings: CheckWarning[] = [];
  for (const o of others) {
    const l = ledgerName(o.match.ledger);
    const how = opts.hints?.otherSheet;
    warnings.push(
      warning(
        'other_sheet',
        {
          zh: `工作表「${o.sheet.name}」也是${l.zh}，未检查${how ? `；${how.zh}` : ''}`,
          en: `sheet "${o.sheet.name}" also holds a ${l.en} and was not checked${how ? `; ${how.en}` : ''}`,
        },
        { sheet: o.sheet.name, ledger: o.match.ledger.name },
      ),
    );
  }
  warnings.push(...headerWarnings(chosen));
  const merged = mergedCellsWarning(chosen);
  if (merged) warnings.push(merged);
  return { sheet: chosen.sheet, match: chosen.match, warnings };
}

export const NO_ROWS_WARNING: CheckWarning = warning('no_rows', { zh: '表头下没有数据行', en: 'no data rows under the header' });

/** checkWorkbook, keeping the sheet, the header match and the parsed rows. */
export function inspectWorkbook(book: WorkbookRows, opts: CheckOptions): Inspection {
  const { sheet, match, warnings: headerNotes } = prepareSheet(book, opts);
  const ledger = match.ledger;
  const warnings = [...headerNotes];

  // Data rows: everything below the header row with a value in some column of the ledger.
  // Columns the ledger does not have are ignored, so a row holding only a 序号 is empty.
  const rowNumbers: number[] = [];
  const raws: Record<string, RawCell>[] = [];
  const rowCells: (readonly RawCell[])[] = [];
  for (let i = match.headerRow + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    const raw: Record<string, RawCell> = {};
    let empty = true;
    for (const { index, def } of match.fields) {
      const v = cells[index] ?? null;
      if (!isBlank(v) && !opts.prefilled?.has(def.key)) empty = false;
      raw[def.key] = v;
    }
    if (empty) continue;
    rowNumbers.push(i + 1);
    raws.push(raw);
    rowCells.push(cells);
  }
  if (raws.length === 0) {
    warnings.push(NO_ROWS_WARNING);
  }

  const columnOf = new Map(match.fields.map((f) => [f.def.key, f.index]));
  let filled = 0;
  if (opts.registry !== undefined) {
    for (const raw of raws) {
      for (const [k, v] of Object.entries(fillFromRegistry(raw, opts.registry))) {
        if (v === undefined || !columnOf.has(k) || !isBlank(raw[k] ?? null)) continue;
        raw[k] = v;
        filled++;
      }
    }
  }
  const results = parseRows(ledger, raws, { today: opts.today, date1904: book.date1904 });
  const rowWarnings: CheckRowWarning[] = [];
  const errors: CheckError[] = [];
  let valid = 0;
  results.forEach((r, i) => {
    const row = rowNumbers[i]!;
    if (r.errors.length === 0) {
      valid++;
      for (const w of opts.registry === undefined ? [] : registryWarnings(ledger, r.values, opts.registry)) {
        const col = columnOf.get(w.field);
        rowWarnings.push({
          row,
          cell: col === undefined ? null : cellAddress(col, row),
          field: w.field,
          header: w.header,
          code: w.code,
          message: w.message,
          zh: w.zh,
          en: w.en,
        });
      }
    }
    for (const e of r.errors) {
      const col = e.code === 'unknown' ? undefined : columnOf.get(e.field);
      errors.push({
        row,
        cell: col === undefined ? null : cellAddress(col, row),
        field: e.field,
        header: e.header,
        code: e.code,
        message: e.message,
        zh: e.zh,
        en: e.en,
      });
    }
  });

  const report: CheckReport = {
    ledger: ledger.name,
    sheet: sheet.name,
    headerRow: match.headerRow + 1,
    rows: raws.length,
    valid,
    errors,
    warnings,
    rowWarnings,
    ...(opts.registry !== undefined && { filled }),
    today: opts.today,
    date1904: book.date1904,
  };
  const rows = results.map((result, i): DataRow => ({ row: rowNumbers[i]!, cells: rowCells[i]!, raw: raws[i]!, result }));
  return { report, sheet, match, rows };
}
