/**
 * The workbook the simulator keeps in memory: sheets of sparse, immutable cell records,
 * tables, charts. Notes, threaded comments, number formats, fills and data validation live
 * on the cell record, so they travel with the cell when rows are inserted, deleted or sorted.
 *
 * A batch that reads (loads) as well as writes is journaled so that it can be rolled back
 * when its metered payload turns out too large: `beginBatch` / `rollback` / `commit`.
 */
import { type Bounds, MAX_COLS, MAX_ROWS, fullAddress, columnLetters } from './address';
import { SimError, invalidArgument, invalidOperation, itemNotFound, notImplemented } from './errors';
import { CellGrid } from './grid';
import { type CellValue, GENERAL, coerceInput, formatText } from './values';

export interface ListValidation {
  readonly type: 'List';
  readonly source: string;
  readonly inCellDropDown: boolean;
  readonly ignoreBlanks: boolean;
  readonly errorAlert?: Readonly<Record<string, unknown>>;
  readonly prompt?: Readonly<Record<string, unknown>>;
}

export interface NoteState {
  readonly id: string;
  readonly content: string;
  readonly author: string;
}
export interface CommentState {
  readonly id: string;
  readonly content: string;
  readonly author: string;
  readonly resolved: boolean;
}

/** One cell. Immutable: every change replaces the record. */
export interface Cell {
  readonly v: CellValue;
  readonly f?: string;
  readonly nf?: string;
  readonly fill?: string;
  readonly font?: string;
  readonly bold?: boolean;
  readonly wrap?: boolean;
  readonly note?: NoteState;
  readonly comment?: CommentState;
  readonly dv?: ListValidation;
}

export interface ChartState {
  id: string;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position?: { start: string; end?: string };
  deleted: boolean;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  tabColor: string;
  frozenRows: number;
  frozenColumns: number;
  colWidths: Map<number, number>;
  cells: CellGrid;
  charts: ChartState[];
  /** Merged areas: only the upper-left cell of each holds a value. */
  merges: Bounds[];
  deleted: boolean;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  style: string;
  showFilterButton: boolean;
  deleted: boolean;
}

export const DEFAULT_COLUMN_WIDTH = 48; // points (8.43 characters of Calibri 11)
export const SIMULATOR_AUTHOR = 'Simulated User';

const FORMAT_KEYS = ['nf', 'fill', 'font', 'bold', 'wrap'] as const;

function isEmptyCell(c: Cell): boolean {
  return (
    c.v === '' &&
    c.f === undefined &&
    c.nf === undefined &&
    c.fill === undefined &&
    c.font === undefined &&
    c.bold === undefined &&
    c.wrap === undefined &&
    c.note === undefined &&
    c.comment === undefined &&
    c.dv === undefined
  );
}

type CellRecord = { -readonly [K in keyof Cell]: Cell[K] };

/**
 * The record kept for a cell: value, formula and number format as given, the rest of `base`;
 * only members that are set, always in the same order, so that every record of the same kind
 * has one shape (a sheet holds hundreds of thousands of them).
 */
function cellRecord(base: Cell | undefined, v: CellValue, f: string | undefined, nf: string | undefined): Cell {
  const out: CellRecord = { v };
  if (f !== undefined) out.f = f;
  if (nf !== undefined) out.nf = nf;
  if (base === undefined) return out;
  if (base.fill !== undefined) out.fill = base.fill;
  if (base.font !== undefined) out.font = base.font;
  if (base.bold !== undefined) out.bold = base.bold;
  if (base.wrap !== undefined) out.wrap = base.wrap;
  if (base.note !== undefined) out.note = base.note;
  if (base.comment !== undefined) out.comment = base.comment;
  if (base.dv !== undefined) out.dv = base.dv;
  return out;
}

function strip(c: Cell): Cell {
  return cellRecord(c, c.v, c.f, c.nf);
}

/** The records cells had before the batch changed them, in the order of the changes. */
interface CellJournal {
  rows: number[];
  cols: number[];
  /** undefined: the cell was empty. */
  olds: (Cell | undefined)[];
}

/** Puts journaled cell records back, last change first, so that each cell ends with its first record. */
function restoreCells(grid: CellGrid, j: CellJournal): void {
  for (let i = j.rows.length - 1; i >= 0; i--) grid.set(j.rows[i]!, j.cols[i]!, j.olds[i]);
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

interface Snapshot {
  sheets: SheetState[];
  sheetMeta: Map<SheetState, SheetState>;
  chartMeta: Map<ChartState, ChartState>;
  tables: TableState[];
  tableMeta: Map<TableState, TableState>;
  activeSheet: SheetState | undefined;
  selection: WorkbookModel['selection'];
  counter: number;
  /** Whole copies of a sheet's cells, taken before the first row shift or sort of the batch. */
  grids: Map<SheetState, CellGrid>;
  /** Each change of a cell in the batch, for sheets without a whole copy. */
  cells: Map<SheetState, CellJournal>;
}

export class WorkbookModel {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  activeSheet: SheetState | undefined;
  selection: { sheet: SheetState; bounds: Bounds } | null = null;
  private counter = 0;
  private snap: Snapshot | null = null;

  constructor(
    readonly date1904: boolean,
    sheetNames: readonly string[],
  ) {
    for (const name of sheetNames) this.addSheet(name);
    this.activeSheet = this.sheets[0];
  }

  nextId(): number {
    return ++this.counter;
  }

  // ---- journal ------------------------------------------------------------------------

  beginBatch(journal: boolean): void {
    if (!journal) {
      this.snap = null;
      return;
    }
    const sheetMeta = new Map<SheetState, SheetState>();
    const chartMeta = new Map<ChartState, ChartState>();
    for (const s of this.sheets) {
      sheetMeta.set(s, { ...s, colWidths: new Map(s.colWidths), charts: [...s.charts], merges: [...s.merges] });
      for (const c of s.charts) chartMeta.set(c, { ...c });
    }
    const tableMeta = new Map<TableState, TableState>();
    for (const t of this.tables) tableMeta.set(t, { ...t });
    this.snap = {
      sheets: [...this.sheets],
      sheetMeta,
      chartMeta,
      tables: [...this.tables],
      tableMeta,
      activeSheet: this.activeSheet,
      selection: this.selection,
      counter: this.counter,
      grids: new Map(),
      cells: new Map(),
    };
  }

  rollback(): void {
    const s = this.snap;
    if (!s) return;
    for (const sheet of this.sheets) if (!s.sheets.includes(sheet)) sheet.deleted = true;
    this.sheets = s.sheets;
    for (const [sheet, meta] of s.sheetMeta) Object.assign(sheet, meta);
    for (const [sheet, grid] of s.grids) sheet.cells = grid;
    for (const [sheet, cells] of s.cells) restoreCells(sheet.cells, cells);
    for (const [chart, meta] of s.chartMeta) Object.assign(chart, meta);
    this.tables = s.tables;
    for (const [t, meta] of s.tableMeta) Object.assign(t, meta);
    this.activeSheet = s.activeSheet;
    this.selection = s.selection;
    this.counter = s.counter;
    this.snap = null;
  }

  commit(): void {
    this.snap = null;
  }

  /** The sheet's cells, for a row shift or a sort: the batch's journal keeps a whole copy of them. */
  private mutCells(sheet: SheetState): CellGrid {
    if (this.snap && !this.snap.grids.has(sheet) && this.snap.sheetMeta.has(sheet)) {
      const copy = sheet.cells.copy();
      const cells = this.snap.cells.get(sheet);
      if (cells) restoreCells(copy, cells);
      this.snap.cells.delete(sheet);
      this.snap.grids.set(sheet, copy);
    }
    return sheet.cells;
  }

  /** Before one cell changes: the batch's journal keeps the cell's record (a write costs what it touches). */
  private journalCell(sheet: SheetState, r: number, c: number, old: Cell | undefined): void {
    const snap = this.snap;
    if (!snap || snap.grids.has(sheet) || !snap.sheetMeta.has(sheet)) return;
    let j = snap.cells.get(sheet);
    if (!j) snap.cells.set(sheet, (j = { rows: [], cols: [], olds: [] }));
    j.rows.push(r);
    j.cols.push(c);
    j.olds.push(old);
  }

  // ---- sheets -------------------------------------------------------------------------

  liveSheets(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  findSheet(nameOrId: string): SheetState | undefined {
    const key = nameOrId.toLowerCase();
    return this.sheets.find((s) => !s.deleted && (s.name.toLowerCase() === key || s.id === nameOrId));
  }

  sheet(nameOrId: string): SheetState {
    const s = this.findSheet(nameOrId);
    if (!s) throw itemNotFound(`worksheet '${nameOrId}'`);
    return s;
  }

  validateSheetName(name: string, except?: SheetState): void {
    if (
      typeof name !== 'string' ||
      name.trim() === '' ||
      name.length > 31 ||
      INVALID_SHEET_CHARS.test(name) ||
      name.startsWith("'") ||
      name.endsWith("'") ||
      name.toLowerCase() === 'history'
    ) {
      throw invalidArgument(`invalid worksheet name '${name}'`, 'Worksheet.name');
    }
    const other = this.findSheet(name);
    if (other && other !== except) {
      throw new SimError('ItemAlreadyExists', `The resource already exists. (worksheet '${name}')`, 'Worksheet.name');
    }
  }

  addSheet(name?: string): SheetState {
    let n = name;
    if (n === undefined || n === null) {
      let i = this.sheets.length + 1;
      while (this.findSheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.validateSheetName(n);
    const id = this.nextId();
    const sheet: SheetState = {
      id: `{${id.toString(16).padStart(8, '0').toUpperCase()}-0000-4000-8000-000000000000}`,
      name: n,
      visibility: 'Visible',
      tabColor: '',
      frozenRows: 0,
      frozenColumns: 0,
      colWidths: new Map(),
      cells: new CellGrid(),
      charts: [],
      merges: [],
      deleted: false,
    };
    this.sheets.push(sheet);
    if (this.snap) this.snap.sheetMeta.set(sheet, { ...sheet }); // so a rollback can see it was new
    this.snap?.grids.set(sheet, new CellGrid());
    return sheet;
  }

  deleteSheet(sheet: SheetState): void {
    const visible = this.liveSheets().filter((s) => s.visibility === 'Visible');
    if (this.liveSheets().length <= 1 || (sheet.visibility === 'Visible' && visible.length <= 1)) {
      throw invalidOperation('a workbook must contain at least one visible worksheet', 'Worksheet.delete');
    }
    sheet.deleted = true;
    this.sheets = this.sheets.filter((s) => s !== sheet);
    for (const t of this.tables) if (t.sheet === sheet) t.deleted = true;
    this.tables = this.tables.filter((t) => !t.deleted);
    if (this.activeSheet === sheet) this.activeSheet = this.liveSheets().find((s) => s.visibility === 'Visible');
    if (this.selection?.sheet === sheet) this.selection = null;
  }

  setVisibility(sheet: SheetState, v: SheetState['visibility']): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw invalidArgument(`visibility '${v}'`, 'Worksheet.visibility');
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.liveSheets().filter((s) => s.visibility === 'Visible').length <= 1) {
      throw invalidOperation('the last visible worksheet cannot be hidden', 'Worksheet.visibility');
    }
    sheet.visibility = v;
    if (v !== 'Visible' && this.activeSheet === sheet) {
      this.activeSheet = this.liveSheets().find((s) => s.visibility === 'Visible');
    }
  }

  moveSheet(sheet: SheetState, position: number): void {
    const live = this.liveSheets();
    if (!Number.isInteger(position) || position < 0 || position >= live.length) {
      throw invalidArgument(`position ${position}`, 'Worksheet.position');
    }
    const rest = this.sheets.filter((s) => s !== sheet);
    rest.splice(position, 0, sheet);
    this.sheets = rest;
  }

  // ---- cells --------------------------------------------------------------------------

  cell(sheet: SheetState, r: number, c: number): Cell | undefined {
    return sheet.cells.get(r, c);
  }

  putCell(sheet: SheetState, r: number, c: number, next: Cell | undefined): void {
    this.storeCell(sheet, r, c, next === undefined ? undefined : strip(next));
  }

  /**
   * Puts a record made by `cellRecord` (nothing to strip). `old` is the cell's record as the
   * caller found it just before, so that a write looks each cell up once.
   */
  private storeCell(sheet: SheetState, r: number, c: number, next: Cell | undefined, old = sheet.cells.get(r, c)): void {
    this.journalCell(sheet, r, c, old);
    sheet.cells.set(r, c, !next || isEmptyCell(next) ? undefined : next);
  }

  patchCell(sheet: SheetState, r: number, c: number, patch: Partial<Record<keyof Cell, unknown>>): void {
    const old = this.cell(sheet, r, c);
    if (!old && Object.values(patch).every((v) => v === undefined)) return; // nothing to remove
    this.putCell(sheet, r, c, { ...(old ?? { v: '' }), ...patch } as Cell);
  }

  /** Sets one cell's number format (undefined: General); a cell that has it already stays as it is. */
  formatCell(sheet: SheetState, r: number, c: number, nf: string | undefined): void {
    const old = sheet.cells.get(r, c);
    if (old?.nf === nf) return;
    this.storeCell(sheet, r, c, cellRecord(old, old?.v ?? '', old?.f, nf), old);
  }

  /** Existing cells inside `b`, without walking empty space (ranges may be whole columns). */
  /** Existing cells inside `b`, column by column, taken before the caller changes any. */
  *cellsIn(sheet: SheetState, b: Bounds): Generator<[number, number, Cell]> {
    const found: [number, number, Cell][] = [];
    sheet.cells.forEachIn(b, (r, c, cell) => found.push([r, c, cell]));
    yield* found;
  }

  /** Each existing cell inside `b`, for a reader that changes nothing meanwhile (no copies, no generator). */
  readCellsIn(sheet: SheetState, b: Bounds, f: (r: number, c: number, cell: Cell) => void): void {
    sheet.cells.forEachIn(b, f);
  }

  /** Writes one value the way typing it (or `Range.values`) does. `null` leaves the cell. */
  writeValue(sheet: SheetState, r: number, c: number, raw: CellValue | null): void {
    if (raw === null) return;
    const old = sheet.cells.get(r, c);
    const res = coerceInput(raw, old?.nf ?? GENERAL, this.date1904);
    const nf = res.autoFormat && (old?.nf ?? GENERAL) === GENERAL ? res.autoFormat : old?.nf;
    this.storeCell(sheet, r, c, cellRecord(old, res.value, res.formula, nf), old);
  }

  text(sheet: SheetState, r: number, c: number): string {
    const cell = this.cell(sheet, r, c);
    return cell ? formatText(cell.v, cell.nf ?? GENERAL, this.date1904) : '';
  }

  usedBounds(sheet: SheetState, valuesOnly: boolean): Bounds | null {
    // Every cell is visited (a check asks this of a 100,000-row sheet): plain numbers, no object per cell.
    let r0 = Infinity,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    const used = (cell: Cell | undefined) => cell !== undefined && (!valuesOnly || cell.v !== '' || cell.f !== undefined);
    for (const [c, col] of sheet.cells.columns()) {
      let first = 0;
      while (first < col.length && !used(col[first])) first++;
      if (first === col.length) continue;
      let last = col.length - 1;
      while (!used(col[last])) last--;
      if (first < r0) r0 = first;
      if (last > r1) r1 = last;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    }
    return r1 < 0 ? null : { r0, r1, c0, c1 };
  }

  clear(sheet: SheetState, b: Bounds, applyTo: string): void {
    const what = applyTo ?? 'All';
    if (!['All', 'Formats', 'Contents'].includes(what)) throw notImplemented(`Range.clear('${what}')`);
    for (const [r, c, cell] of this.cellsIn(sheet, b)) {
      const next: Record<string, unknown> = { ...cell };
      if (what === 'All' || what === 'Contents') {
        next.v = '';
        next.f = undefined;
      }
      if (what === 'All' || what === 'Formats') for (const k of FORMAT_KEYS) next[k] = undefined;
      this.putCell(sheet, r, c, next as unknown as Cell);
    }
  }

  // ---- merged cells -------------------------------------------------------------------

  /**
   * Merges `b` (or each of its rows, `across`). Merged areas it touches are absorbed; like
   * Excel, only the upper-left value of the new area is kept.
   */
  merge(sheet: SheetState, b: Bounds, across: boolean): void {
    const parts = across ? Array.from({ length: b.r1 - b.r0 + 1 }, (_, i) => ({ ...b, r0: b.r0 + i, r1: b.r0 + i })) : [b];
    for (const part of parts) {
      if (part.r0 === part.r1 && part.c0 === part.c1) continue;
      const touched = sheet.merges.filter((m) => overlaps(m, part));
      const area = touched.reduce(
        (a, m) => ({
          r0: Math.min(a.r0, m.r0),
          r1: Math.max(a.r1, m.r1),
          c0: Math.min(a.c0, m.c0),
          c1: Math.max(a.c1, m.c1),
        }),
        part,
      );
      if (this.tablesOn(sheet).some((t) => overlaps(t, area))) throw invalidOperation('a table cannot hold merged cells', 'Range.merge');
      sheet.merges = [...sheet.merges.filter((m) => !touched.includes(m)), area];
      for (const [r, c] of [...this.cellsIn(sheet, area)]) {
        if (r !== area.r0 || c !== area.c0) this.patchCell(sheet, r, c, { v: '', f: undefined });
      }
    }
  }

  /** Splits every merged area that `b` touches. */
  unmerge(sheet: SheetState, b: Bounds): void {
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, b));
  }

  /** The merged areas `b` touches, in row order. */
  mergedAreas(sheet: SheetState, b: Bounds): Bounds[] {
    return sheet.merges.filter((m) => overlaps(m, b)).sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0);
  }

  // ---- shifting -----------------------------------------------------------------------

  private tablesOn(sheet: SheetState, exclude?: TableState): TableState[] {
    return this.tables.filter((t) => t.sheet === sheet && !t.deleted && t !== exclude);
  }

  /** Moves cells in columns c0..c1 at or below row r0 down by n rows. */
  private moveDown(sheet: SheetState, r0: number, n: number, c0: number, c1: number): void {
    const cells = this.mutCells(sheet);
    for (const col of cells.columnsIn(c0, c1)) {
      for (let r = Math.max(r0, MAX_ROWS - n); r < col.length; r++) {
        if (col[r] === undefined) continue;
        throw new SimError(
          'NonBlankCellOffSheet',
          "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.",
        );
      }
    }
    cells.insertRows(r0, n, c0, c1, MAX_ROWS);
  }

  /** Removes rows r0..r0+n-1 in columns c0..c1 and moves the cells below up. */
  private moveUp(sheet: SheetState, r0: number, n: number, c0: number, c1: number): void {
    this.mutCells(sheet).deleteRows(r0, n, c0, c1);
  }

  /** New rows take number format, fill, font and validation from the row above (Excel's "Format Same As Above"). */
  private inheritFormats(sheet: SheetState, from: number, r0: number, n: number, c0: number, c1: number): void {
    if (from < 0) return;
    for (const [, c, cell] of this.cellsIn(sheet, { r0: from, r1: from, c0, c1 })) {
      const patch: Record<string, unknown> = { dv: cell.dv };
      for (const k of FORMAT_KEYS) patch[k] = cell[k];
      for (let r = r0; r < r0 + n; r++) this.patchCell(sheet, r, c, patch);
    }
  }

  private checkWholeTables(sheet: SheetState, r0: number, c0: number, c1: number, exclude?: TableState): TableState[] {
    const hit = this.tablesOn(sheet, exclude).filter((t) => t.r1 >= r0 && t.c1 >= c0 && t.c0 <= c1);
    for (const t of hit) {
      if (t.c0 < c0 || t.c1 > c1) {
        throw invalidOperation(`this operation would move part of table '${t.name}'`, 'Range.insert/delete');
      }
    }
    return hit;
  }

  /** `Range.insert('Down')`: n new rows at r0 in columns c0..c1; tables below move, tables across grow. */
  insertRows(sheet: SheetState, r0: number, n: number, c0: number, c1: number, exclude?: TableState): void {
    const hit = this.checkWholeTables(sheet, r0, c0, c1, exclude);
    this.moveDown(sheet, r0, n, c0, c1);
    for (const t of hit) {
      if (r0 <= t.r0) {
        t.r0 += n;
        t.r1 += n;
      } else t.r1 += n;
    }
    if (!exclude) this.inheritFormats(sheet, r0 - 1, r0, n, c0, c1);
  }

  /** `Range.delete('Up')`: removes rows r0..r0+n-1 in columns c0..c1; tables shrink or move. */
  deleteRows(sheet: SheetState, r0: number, n: number, c0: number, c1: number): void {
    const end = r0 + n - 1;
    const hit = this.checkWholeTables(sheet, r0, c0, c1);
    const plan: Array<() => void> = [];
    for (const t of hit) {
      const overlap = (a: number, b: number) => Math.max(0, Math.min(end, b) - Math.max(r0, a) + 1);
      const above = overlap(0, t.r0 - 1);
      const body = overlap(t.r0 + 1, t.r1);
      const headerDeleted = r0 <= t.r0 && t.r0 <= end;
      if (headerDeleted) {
        if (end < t.r1) throw invalidOperation(`cannot delete the header row of table '${t.name}' alone`, 'Range.delete');
        plan.push(() => {
          t.deleted = true;
        });
        continue;
      }
      if (t.r1 - t.r0 - body < 1) {
        throw notImplemented(`deleting every data row of table '${t.name}' through Range.delete`);
      }
      plan.push(() => {
        t.r0 -= above;
        t.r1 -= above + body;
      });
    }
    this.moveUp(sheet, r0, n, c0, c1);
    for (const p of plan) p();
    this.tables = this.tables.filter((t) => !t.deleted);
  }

  // ---- tables -------------------------------------------------------------------------

  findTable(nameOrId: string): TableState | undefined {
    const key = nameOrId.toLowerCase();
    return this.tables.find((t) => !t.deleted && (t.name.toLowerCase() === key || t.id === nameOrId));
  }

  validateTableName(name: string, except?: TableState): void {
    if (
      typeof name !== 'string' ||
      name.length > 255 ||
      !/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^[RrCc]$/.test(name) ||
      /^[Rr]\d*[Cc]\d*$/.test(name)
    ) {
      throw invalidArgument(`invalid table name '${name}'`, 'Table.name');
    }
    const other = this.findTable(name);
    if (other && other !== except) {
      throw new SimError('ItemAlreadyExists', `The resource already exists. (table '${name}')`, 'Table.name');
    }
  }

  addTable(sheet: SheetState, b: Bounds, hasHeaders: boolean): TableState {
    if (!hasHeaders) throw notImplemented('TableCollection.add with hasHeaders = false');
    if (b.r1 - b.r0 + 1 >= MAX_ROWS || b.c1 - b.c0 + 1 >= MAX_COLS) throw invalidArgument('table range too large', 'TableCollection.add');
    const r1 = b.r1 === b.r0 ? b.r0 + 1 : b.r1; // a header-only range gets one empty data row
    const bounds = { ...b, r1 };
    for (const t of this.tablesOn(sheet)) {
      if (t.r0 <= bounds.r1 && t.r1 >= bounds.r0 && t.c0 <= bounds.c1 && t.c1 >= bounds.c0) {
        throw invalidOperation(`a table can't overlap another table ('${t.name}')`, 'TableCollection.add');
      }
    }
    let i = 1;
    while (this.findTable(`Table${i}`)) i++;
    const table: TableState = {
      id: String(this.nextId()),
      name: `Table${i}`,
      sheet,
      ...bounds,
      style: 'TableStyleMedium2',
      showFilterButton: true,
      deleted: false,
    };
    this.tables.push(table);
    this.normalizeHeaders(table);
    return table;
  }

  /** Header cells are text, never empty, never duplicated (Excel renames them Column1, Name2…). */
  normalizeHeaders(t: TableState): void {
    const seen = new Set<string>();
    for (let c = t.c0; c <= t.c1; c++) {
      let name = this.text(t.sheet, t.r0, c);
      if (name === '') name = `Column${c - t.c0 + 1}`;
      const base = name;
      for (let k = 2; seen.has(name.toLowerCase()); k++) name = `${base}${k}`;
      seen.add(name.toLowerCase());
      const cell = this.cell(t.sheet, t.r0, c);
      if (!cell || cell.v !== name || cell.f !== undefined) this.patchCell(t.sheet, t.r0, c, { v: name, f: undefined });
    }
  }

  headerNames(t: TableState): string[] {
    const out: string[] = [];
    for (let c = t.c0; c <= t.c1; c++) out.push(String(this.cell(t.sheet, t.r0, c)?.v ?? ''));
    return out;
  }

  /** `TableRowCollection.add`: inserts n rows at body index (undefined = append), shifting cells below within the table's columns. */
  addTableRows(t: TableState, index: number | undefined, n: number): number {
    const bodyRows = t.r1 - t.r0;
    const idx = index === undefined ? bodyRows : index;
    if (!Number.isInteger(idx) || idx < 0 || idx > bodyRows) throw invalidArgument(`row index ${idx}`, 'TableRowCollection.add');
    const at = t.r0 + 1 + idx;
    this.insertRows(t.sheet, at, n, t.c0, t.c1, t);
    t.r1 += n;
    // Inserted table rows take the column formats and validation of a neighbouring data row.
    const from = idx > 0 ? at - 1 : at + n;
    if (from <= t.r1 && from > t.r0) {
      for (let c = t.c0; c <= t.c1; c++) {
        const cell = t.sheet.cells.get(from, c);
        if (!cell) continue; // the new rows are empty already
        const patch: Record<string, unknown> = { dv: cell.dv };
        for (const k of FORMAT_KEYS) patch[k] = cell[k];
        if (Object.values(patch).every((v) => v === undefined)) continue;
        for (let r = at; r < at + n; r++) this.patchCell(t.sheet, r, c, patch);
      }
    }
    return at;
  }

  deleteTableRow(t: TableState, index: number): void {
    const bodyRows = t.r1 - t.r0;
    if (!Number.isInteger(index) || index < 0 || index >= bodyRows) throw invalidArgument(`row index ${index}`, 'TableRow.delete');
    const r = t.r0 + 1 + index;
    if (bodyRows === 1) {
      this.clear(t.sheet, { r0: r, r1: r, c0: t.c0, c1: t.c1 }, 'Contents');
      return;
    }
    this.moveUp(t.sheet, r, 1, t.c0, t.c1);
    t.r1 -= 1;
  }

  resizeTable(t: TableState, sheet: SheetState, b: Bounds): void {
    if (sheet !== t.sheet) throw invalidArgument('a table cannot be resized onto another worksheet', 'Table.resize');
    if (b.r0 !== t.r0 || b.r1 <= b.r0) throw invalidArgument('the header row must stay in place and the table keep a data row', 'Table.resize');
    for (const o of this.tablesOn(sheet, t)) {
      if (o.r0 <= b.r1 && o.r1 >= b.r0 && o.c0 <= b.c1 && o.c1 >= b.c0) throw invalidOperation(`overlaps table '${o.name}'`, 'Table.resize');
    }
    Object.assign(t, { c0: b.c0, c1: b.c1, r1: b.r1 });
    this.normalizeHeaders(t);
  }

  /** `TableSort.apply`: reorders the data rows, moving every cell record (values, formats, notes, validation). */
  sortTable(t: TableState, fields: ReadonlyArray<{ key: number; ascending?: boolean }>, matchCase: boolean): void {
    const width = t.c1 - t.c0 + 1;
    for (const f of fields) {
      if (!Number.isInteger(f.key) || f.key < 0 || f.key >= width) throw invalidArgument(`sort key ${f.key}`, 'TableSort.apply');
    }
    const rows: Array<{ r: number; cells: Array<[number, Cell]> }> = [];
    for (let r = t.r0 + 1; r <= t.r1; r++) {
      const cells: Array<[number, Cell]> = [];
      for (let c = t.c0; c <= t.c1; c++) {
        const cell = t.sheet.cells.get(r, c);
        if (cell) cells.push([c, cell]);
      }
      rows.push({ r, cells });
    }
    const valueAt = (x: { cells: Array<[number, Cell]> }, col: number): CellValue => x.cells.find(([c]) => c === col)?.[1].v ?? '';
    const rank = (v: CellValue) => (typeof v === 'number' ? 0 : typeof v === 'string' ? (v.startsWith('#') ? 3 : 1) : 2);
    const order = rows.map((x, i) => ({ x, i }));
    order.sort((a, b) => {
      for (const f of fields) {
        const va = valueAt(a.x, t.c0 + f.key),
          vb = valueAt(b.x, t.c0 + f.key);
        if (va === '' || vb === '') {
          // blanks sort last in both directions
          if (va === vb) continue;
          return va === '' ? 1 : -1;
        }
        let d = rank(va) - rank(vb);
        if (d === 0) {
          if (typeof va === 'number' && typeof vb === 'number') d = va - vb;
          else if (typeof va === 'boolean') d = Number(va) - Number(vb);
          else {
            const sa = matchCase ? String(va) : String(va).toLowerCase();
            const sb = matchCase ? String(vb) : String(vb).toLowerCase();
            d = sa < sb ? -1 : sa > sb ? 1 : 0;
          }
        }
        if (d !== 0) return f.ascending === false ? -d : d;
      }
      return a.i - b.i;
    });
    const grid = this.mutCells(t.sheet);
    for (const { r } of rows) for (let c = t.c0; c <= t.c1; c++) grid.set(r, c, undefined);
    order.forEach(({ x }, k) => {
      for (const [c, cell] of x.cells) grid.set(t.r0 + 1 + k, c, cell);
    });
  }

  // ---- notes and comments -------------------------------------------------------------

  /** Every note or comment in sheet order, then row-major, with its location. */
  annotations(kind: 'note' | 'comment', sheet?: SheetState): Array<{ sheet: SheetState; r: number; c: number; cell: Cell }> {
    const out: Array<{ sheet: SheetState; r: number; c: number; cell: Cell }> = [];
    for (const s of sheet ? [sheet] : this.liveSheets()) {
      const found: Array<{ sheet: SheetState; r: number; c: number; cell: Cell }> = [];
      for (const [c, col] of s.cells.columns()) {
        col.forEach((cell, r) => {
          if (cell?.[kind]) found.push({ sheet: s, r, c, cell });
        });
      }
      out.push(...found.sort((a, b) => a.r - b.r || a.c - b.c));
    }
    return out;
  }

  /** Where each note or comment was last seen: checked first, so a lookup by id is not a scan of the workbook. */
  private readonly annotationSeen = new Map<string, { sheet: SheetState; r: number; c: number }>();

  /** Remembers where an annotation is (cells move with sorting and row shifts; the hint is checked before use). */
  sawAnnotation(id: string, sheet: SheetState, r: number, c: number): void {
    this.annotationSeen.set(id, { sheet, r, c });
  }

  findAnnotation(kind: 'note' | 'comment', id: string) {
    const seen = this.annotationSeen.get(id);
    if (seen && !seen.sheet.deleted) {
      const cell = this.cell(seen.sheet, seen.r, seen.c);
      if (cell?.[kind]?.id === id) return { ...seen, cell };
    }
    const found = this.annotations(kind).find((a) => a.cell[kind]!.id === id);
    if (found) this.sawAnnotation(id, found.sheet, found.r, found.c);
    return found;
  }

  address(sheet: SheetState, b: Bounds): string {
    return fullAddress(sheet.name, b);
  }

  columnName(c: number): string {
    return columnLetters(c);
  }
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.r0 <= b.r1 && a.r1 >= b.r0 && a.c0 <= b.c1 && a.c1 >= b.c0;
}
