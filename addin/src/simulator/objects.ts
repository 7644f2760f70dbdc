/**
 * The simulated Excel client objects: Workbook, Worksheet(s), Range and its format,
 * DataValidation, Table(s) with rows, columns and sort, comments, notes, charts, freeze panes.
 * Each mirrors the member names of `Excel.*` in @types/office-js; members not listed here
 * throw "not implemented in the simulator".
 */
import {
  type Bounds, MAX_COLS, MAX_ROWS, cellCount, fullAddress, normalize, parseA1, splitSheet,
} from './address';
import { SimError, invalidArgument, invalidOperation, itemNotFound, notImplemented } from './errors';
import {
  type Cell, type ChartState, type ListValidation, type SheetState, type TableState, type WorkbookModel,
  DEFAULT_COLUMN_WIDTH, SIMULATOR_AUTHOR,
} from './model';
import {
  type Exec, type LoadArg, SimClientResult, SimCollection, SimObject, type SimRequestContext, checkShape, needApi, toWire, type AnySimObject,
} from './proxy';
import { type CellValue, GENERAL, dateToSerial, formatText, valueType } from './values';

export interface RangeRef {
  sheet: SheetState;
  b: Bounds;
}

type Ctx = SimRequestContext;

/** Resolves a `Range | string` argument (an address, optionally sheet-qualified) to a range. */
function resolveAddress(model: WorkbookModel, arg: unknown, defaultSheet: SheetState | undefined, what: string): RangeRef {
  if (arg instanceof Range) {
    const r = arg._resolve();
    if (!r) throw itemNotFound(`${what}: null range`);
    return r;
  }
  if (typeof arg !== 'string') throw invalidArgument(`${what}: expected a Range or an address`, what);
  const { sheet, local } = splitSheet(arg);
  const s = sheet !== undefined ? model.sheet(sheet) : defaultSheet;
  if (!s) throw invalidArgument(`${what}: address '${arg}' needs a worksheet name`, what);
  return { sheet: s, b: parseA1(local) };
}

function singleCell(ref: RangeRef, what: string): RangeRef {
  if (ref.b.r0 !== ref.b.r1 || ref.b.c0 !== ref.b.c1) {
    throw new SimError('InvalidCellAddress', `The cell address is invalid: a single cell is expected. (${what})`, what);
  }
  return ref;
}

function checkBounds(b: Bounds, what: string): Bounds {
  if (b.r0 < 0 || b.c0 < 0 || b.r1 >= MAX_ROWS || b.c1 >= MAX_COLS || b.r1 < b.r0 || b.c1 < b.c0) {
    throw invalidArgument(`${what}: the resulting range is outside the worksheet`, what);
  }
  return b;
}

function rows(b: Bounds): number {
  return b.r1 - b.r0 + 1;
}
function cols(b: Bounds): number {
  return b.c1 - b.c0 + 1;
}

/** A 2-D array over a range, built sparsely; the payload is reserved before it is built. */
function grid(x: Exec, ref: RangeRef, empty: unknown, f: (cell: Cell) => unknown): unknown[][] {
  const per = JSON.stringify(empty).length + 1;
  x.reserveCells(rows(ref.b) * cols(ref.b));
  x.reserve(rows(ref.b) * (cols(ref.b) * per + 2));
  const { r0, c0 } = ref.b;
  const out: unknown[][] = [];
  for (let i = rows(ref.b); i > 0; i--) out.push(new Array<unknown>(cols(ref.b)).fill(empty));
  x.model.readCellsIn(ref.sheet, ref.b, (r, c, cell) => { out[r - r0]![c - c0] = f(cell); });
  return out;
}

/** One value for a whole range: the common value of every cell, or null when they differ. */
function uniform<V>(x: Exec, ref: RangeRef, get: (cell: Cell | undefined) => V): V | null {
  const n = cellCount(ref.b);
  let seen = 0;
  let first: { v: V } | undefined;
  for (const [, , cell] of x.model.cellsIn(ref.sheet, ref.b)) {
    seen++;
    const v = get(cell);
    if (!first) first = { v };
    else if (JSON.stringify(first.v) !== JSON.stringify(v)) return null;
  }
  if (seen < n) {
    const v = get(undefined);
    if (first && JSON.stringify(first.v) !== JSON.stringify(v)) return null;
    return v;
  }
  return first ? first.v : get(undefined);
}

const FORMAT_CELL_LIMIT = 200_000;
/** A version above every released ExcelApi set: what preview members need. */
const PREVIEW = '99';

/** Applies a patch to every cell of a range (or only to existing cells when it removes state). */
function patchRange(x: Exec, ref: RangeRef, patch: Partial<Record<keyof Cell, unknown>>, what: string): void {
  const removing = Object.values(patch).every((v) => v === undefined);
  if (removing) {
    for (const [r, c] of x.model.cellsIn(ref.sheet, ref.b)) x.model.patchCell(ref.sheet, r, c, patch);
    return;
  }
  if (cellCount(ref.b) > FORMAT_CELL_LIMIT) {
    throw notImplemented(`${what} on more than ${FORMAT_CELL_LIMIT} cells (the simulator keeps no whole-column formats; format the table's data body instead)`);
  }
  for (let r = ref.b.r0; r <= ref.b.r1; r++) {
    for (let c = ref.b.c0; c <= ref.b.c1; c++) x.model.patchCell(ref.sheet, r, c, patch);
  }
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', blue: '#0000FF', yellow: '#FFFF00',
  orange: '#FFA500', purple: '#800080', gray: '#808080', grey: '#808080', pink: '#FFC0CB', lime: '#00FF00',
  lightgreen: '#90EE90', lightyellow: '#FFFFE0', lightblue: '#ADD8E6', lightgray: '#D3D3D3', lightgrey: '#D3D3D3',
  darkred: '#8B0000', darkgreen: '#006400', navy: '#000080', teal: '#008080', silver: '#C0C0C0',
};

/** Excel answers colors as '#RRGGBB' whatever form they were set in. */
function normalizeColor(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalidArgument(`${what}: color must be a string`, what);
  const v = value.trim().toLowerCase();
  if (NAMED_COLORS[v]) return NAMED_COLORS[v]!;
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  m = /^#[0-9a-f]{6}$/.exec(v);
  if (m) return v.toUpperCase();
  throw invalidArgument(`${what}: unknown color '${value}'`, what);
}

function writeGrid(x: Exec, ref: RangeRef, wire: unknown, what: string): void {
  const arr = checkShape(wire, rows(ref.b), cols(ref.b), what);
  for (const row of arr) {
    for (const v of row) {
      if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) {
        throw invalidArgument(`${what}: cell values must be strings, numbers or booleans`, what);
      }
    }
  }
  arr.forEach((row, i) => row.forEach((v, j) => {
    x.model.writeValue(ref.sheet, ref.b.r0 + i, ref.b.c0 + j, v as CellValue | null);
  }));
}

// ---------------------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------------------

export class Range extends SimObject<RangeRef> {
  readonly _typeName = 'Range';
  private _format: RangeFormat | undefined;
  private _dataValidation: DataValidation | undefined;

  override _validate(t: RangeRef): void {
    if (t.sheet.deleted) throw itemNotFound(`worksheet '${t.sheet.name}' of ${this._path}`);
  }

  _readers() {
    return {
      address: (t: RangeRef) => fullAddress(t.sheet.name, t.b),
      addressLocal: (t: RangeRef) => fullAddress(t.sheet.name, t.b),
      rowIndex: (t: RangeRef) => t.b.r0,
      columnIndex: (t: RangeRef) => t.b.c0,
      rowCount: (t: RangeRef) => rows(t.b),
      columnCount: (t: RangeRef) => cols(t.b),
      cellCount: (t: RangeRef) => cellCount(t.b),
      isEntireColumn: (t: RangeRef) => t.b.r0 === 0 && t.b.r1 === MAX_ROWS - 1,
      isEntireRow: (t: RangeRef) => t.b.c0 === 0 && t.b.c1 === MAX_COLS - 1,
      values: (t: RangeRef, x: Exec) => grid(x, t, '', (c) => c.v),
      formulas: (t: RangeRef, x: Exec) => grid(x, t, '', (c) => c.f ?? c.v),
      text: (t: RangeRef, x: Exec) => grid(x, t, '', (c) => formatText(c.v, c.nf ?? GENERAL, x.model.date1904)),
      numberFormat: (t: RangeRef, x: Exec) => grid(x, t, GENERAL, (c) => c.nf ?? GENERAL),
      valueTypes: (t: RangeRef, x: Exec) => grid(x, t, 'Empty', (c) => valueType(c.v)),
    };
  }

  override _navigation() {
    return { format: () => this.format, dataValidation: () => this.dataValidation, worksheet: () => this.worksheet };
  }

  private _sub(name: string, f: (t: RangeRef) => RangeRef | null): Range {
    return new Range(this.context, `${this._path}.${name}`, () => {
      const t = this._resolve();
      return t ? f(t) : null;
    });
  }

  get address(): string { return this._get('address'); }
  get addressLocal(): string { return this._get('addressLocal'); }
  get rowIndex(): number { return this._get('rowIndex'); }
  get columnIndex(): number { return this._get('columnIndex'); }
  get rowCount(): number { return this._get('rowCount'); }
  get columnCount(): number { return this._get('columnCount'); }
  get cellCount(): number { return this._get('cellCount'); }
  get isEntireColumn(): boolean { return this._get('isEntireColumn'); }
  get isEntireRow(): boolean { return this._get('isEntireRow'); }
  get text(): string[][] { return this._get('text'); }
  get valueTypes(): string[][] { return this._get('valueTypes'); }

  get values(): CellValue[][] { return this._get('values'); }
  set values(v: CellValue[][]) {
    this._set('values', v, (t, x, wire) => writeGrid(x, t, wire, 'Range.values'));
  }

  get formulas(): CellValue[][] { return this._get('formulas'); }
  set formulas(v: CellValue[][]) {
    this._set('formulas', v, (t, x, wire) => writeGrid(x, t, wire, 'Range.formulas'));
  }

  get numberFormat(): string[][] { return this._get('numberFormat'); }
  set numberFormat(v: string[][]) {
    this._set('numberFormat', v, (t, x, wire) => {
      const arr = checkShape(wire, rows(t.b), cols(t.b), 'Range.numberFormat');
      arr.forEach((row, i) => row.forEach((nf, j) => {
        if (nf === null) return;
        if (typeof nf !== 'string') throw invalidArgument('Range.numberFormat: formats must be strings', 'Range.numberFormat');
        x.model.patchCell(t.sheet, t.b.r0 + i, t.b.c0 + j, { nf: nf === GENERAL || nf === '' ? undefined : nf });
      }));
    });
  }

  get format(): RangeFormat {
    return (this._format ??= new RangeFormat(this.context, `${this._path}.format`, () => this._resolve()));
  }

  get dataValidation(): DataValidation {
    return (this._dataValidation ??= new DataValidation(this.context, `${this._path}.dataValidation`, () => this._resolve()));
  }

  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this._path}.worksheet`, () => this._resolve()?.sheet ?? null);
  }

  getCell(row: number, column: number): Range {
    return this._sub(`getCell(${row},${column})`, (t) => {
      const r = t.b.r0 + row, c = t.b.c0 + column;
      return { sheet: t.sheet, b: checkBounds({ r0: r, r1: r, c0: c, c1: c }, 'Range.getCell') };
    });
  }

  getRow(row: number): Range {
    return this._sub(`getRow(${row})`, (t) => {
      if (row < 0 || row >= rows(t.b)) throw invalidArgument(`row ${row}`, 'Range.getRow');
      return { sheet: t.sheet, b: { ...t.b, r0: t.b.r0 + row, r1: t.b.r0 + row } };
    });
  }

  getColumn(column: number): Range {
    return this._sub(`getColumn(${column})`, (t) => {
      if (column < 0 || column >= cols(t.b)) throw invalidArgument(`column ${column}`, 'Range.getColumn');
      return { sheet: t.sheet, b: { ...t.b, c0: t.b.c0 + column, c1: t.b.c0 + column } };
    });
  }

  getLastRow(): Range {
    return this._sub('getLastRow()', (t) => ({ sheet: t.sheet, b: { ...t.b, r0: t.b.r1 } }));
  }

  getLastColumn(): Range {
    return this._sub('getLastColumn()', (t) => ({ sheet: t.sheet, b: { ...t.b, c0: t.b.c1 } }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this._sub(`getResizedRange(${deltaRows},${deltaColumns})`, (t) => ({
      sheet: t.sheet, b: checkBounds({ ...t.b, r1: t.b.r1 + deltaRows, c1: t.b.c1 + deltaColumns }, 'Range.getResizedRange'),
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this._sub(`getAbsoluteResizedRange(${numRows},${numColumns})`, (t) => ({
      sheet: t.sheet,
      b: checkBounds({ ...t.b, r1: t.b.r0 + numRows - 1, c1: t.b.c0 + numColumns - 1 }, 'Range.getAbsoluteResizedRange'),
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this._sub(`getOffsetRange(${rowOffset},${columnOffset})`, (t) => ({
      sheet: t.sheet,
      b: checkBounds({
        r0: t.b.r0 + rowOffset, r1: t.b.r1 + rowOffset, c0: t.b.c0 + columnOffset, c1: t.b.c1 + columnOffset,
      }, 'Range.getOffsetRange'),
    }));
  }

  /** The smallest range holding this one and `anotherRange` (Office.js cuts large writes with it). */
  getBoundingRect(anotherRange: Range | string): Range {
    return this._sub('getBoundingRect()', (t) => {
      const o = resolveAddress(this.context._host.model, anotherRange, t.sheet, 'Range.getBoundingRect');
      if (o.sheet !== t.sheet) throw invalidArgument('the ranges are on different worksheets', 'Range.getBoundingRect');
      return {
        sheet: t.sheet,
        b: { r0: Math.min(t.b.r0, o.b.r0), r1: Math.max(t.b.r1, o.b.r1), c0: Math.min(t.b.c0, o.b.c0), c1: Math.max(t.b.c1, o.b.c1) },
      };
    });
  }

  getEntireColumn(): Range {
    return this._sub('getEntireColumn()', (t) => ({ sheet: t.sheet, b: { ...t.b, r0: 0, r1: MAX_ROWS - 1 } }));
  }

  getEntireRow(): Range {
    return this._sub('getEntireRow()', (t) => ({ sheet: t.sheet, b: { ...t.b, c0: 0, c1: MAX_COLS - 1 } }));
  }

  private _used(t: RangeRef, valuesOnly: boolean): RangeRef | null {
    const u = usedIn(this.context._host.model, t.sheet, valuesOnly);
    if (!u) return null;
    const b = { r0: Math.max(u.r0, t.b.r0), r1: Math.min(u.r1, t.b.r1), c0: Math.max(u.c0, t.b.c0), c1: Math.min(u.c1, t.b.c1) };
    return b.r0 > b.r1 || b.c0 > b.c1 ? null : { sheet: t.sheet, b };
  }

  getUsedRange(valuesOnly = false): Range {
    return this._sub(`getUsedRange(${valuesOnly})`, (t) => {
      const u = this._used(t, valuesOnly);
      if (!u) throw itemNotFound('no used cells in the range');
      return u;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._sub(`getUsedRangeOrNullObject(${valuesOnly})`, (t) => this._used(t, valuesOnly))._instantiate();
  }

  select(): void {
    this._call('select', [], (t, x) => {
      if (t.sheet.visibility !== 'Visible') throw invalidOperation('cannot select a range on a hidden worksheet', 'Range.select');
      x.model.activeSheet = t.sheet;
      x.model.selection = { sheet: t.sheet, bounds: t.b };
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' | string = 'All'): void {
    this._call('clear', [applyTo], (t, x) => x.model.clear(t.sheet, t.b, applyTo));
  }

  insert(shift: 'Down' | 'Right' | string): Range {
    this._call('insert', [shift], (t, x) => {
      if (shift !== 'Down') throw notImplemented(`Range.insert('${shift}')`);
      x.model.insertRows(t.sheet, t.b.r0, rows(t.b), t.b.c0, t.b.c1);
    });
    return this._sub('inserted', (t) => t);
  }

  delete(shift: 'Up' | 'Left' | string): void {
    this._call('delete', [shift], (t, x) => {
      if (shift !== 'Up') throw notImplemented(`Range.delete('${shift}')`);
      x.model.deleteRows(t.sheet, t.b.r0, rows(t.b), t.b.c0, t.b.c1);
    });
  }
}

function usedIn(model: WorkbookModel, sheet: SheetState, valuesOnly: boolean): Bounds | null {
  return model.usedBounds(sheet, valuesOnly);
}

export class RangeFormat extends SimObject<RangeRef> {
  readonly _typeName = 'RangeFormat';
  private _fill: RangeFill | undefined;
  private _font: RangeFont | undefined;

  _readers() {
    return {
      columnWidth: (t: RangeRef) => {
        const widths = new Set<number>();
        const last = Math.min(t.b.c1, t.b.c0 + 16383);
        for (let c = t.b.c0; c <= last; c++) widths.add(t.sheet.colWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
        return widths.size === 1 ? [...widths][0]! : null;
      },
      wrapText: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.wrap ?? false),
    };
  }

  override _navigation() {
    return { fill: () => this.fill, font: () => this.font };
  }

  get fill(): RangeFill {
    return (this._fill ??= new RangeFill(this.context, `${this._path}.fill`, () => this._resolve()));
  }
  get font(): RangeFont {
    return (this._font ??= new RangeFont(this.context, `${this._path}.font`, () => this._resolve()));
  }

  get columnWidth(): number { return this._get('columnWidth'); }
  set columnWidth(v: number) {
    this._set('columnWidth', v, (t, _x, wire) => {
      if (typeof wire !== 'number' || !(wire >= 0) || wire > 1789) throw invalidArgument('columnWidth', 'RangeFormat.columnWidth');
      for (let c = t.b.c0; c <= t.b.c1; c++) t.sheet.colWidths.set(c, wire);
    });
  }

  get wrapText(): boolean { return this._get('wrapText'); }
  set wrapText(v: boolean) {
    this._set('wrapText', v, (t, x, wire) => patchRange(x, t, { wrap: wire ? true : undefined }, 'RangeFormat.wrapText'));
  }

  /** Widths follow the longest text in each column (CJK characters count double). */
  autofitColumns(): void {
    this._call('autofitColumns', [], (t, x) => {
      const units = new Map<number, number>();
      for (const [, c, cell] of x.model.cellsIn(t.sheet, t.b)) {
        const text = formatText(cell.v, cell.nf ?? GENERAL, x.model.date1904);
        let u = 0;
        for (const ch of text) u += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
        units.set(c, Math.max(units.get(c) ?? 0, u));
      }
      for (const [c, u] of units) t.sheet.colWidths.set(c, Math.min(1789, Math.max(12, Math.ceil(u * 5.6 + 6))));
    });
  }

  autofitRows(): void {
    this._call('autofitRows', [], () => {});
  }
}

export class RangeFill extends SimObject<RangeRef> {
  readonly _typeName = 'RangeFill';
  _readers() {
    return { color: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.fill ?? '#FFFFFF') };
  }
  get color(): string { return this._get('color'); }
  set color(v: string) {
    this._set('color', v, (t, x, wire) => patchRange(x, t, { fill: normalizeColor(wire, 'RangeFill.color') }, 'RangeFill.color'));
  }
  clear(): void {
    this._call('clear', [], (t, x) => patchRange(x, t, { fill: undefined }, 'RangeFill.clear'));
  }
}

export class RangeFont extends SimObject<RangeRef> {
  readonly _typeName = 'RangeFont';
  _readers() {
    return {
      color: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.font ?? '#000000'),
      bold: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.bold ?? false),
    };
  }
  get color(): string { return this._get('color'); }
  set color(v: string) {
    this._set('color', v, (t, x, wire) => {
      const color = normalizeColor(wire, 'RangeFont.color');
      patchRange(x, t, { font: color === '#000000' ? undefined : color }, 'RangeFont.color');
    });
  }
  get bold(): boolean { return this._get('bold'); }
  set bold(v: boolean) {
    this._set('bold', v, (t, x, wire) => patchRange(x, t, { bold: wire ? true : undefined }, 'RangeFont.bold'));
  }
}

// ---------------------------------------------------------------------------------------
// Data validation (ExcelApi 1.8)
// ---------------------------------------------------------------------------------------

const LIST_SOURCE_LIMIT = 255;

function listItems(x: Exec, dv: ListValidation, home: SheetState): string[] {
  if (!dv.source.startsWith('=')) return dv.source.split(',').map((s) => s.trim());
  const ref = resolveAddress(x.model, dv.source.slice(1), home, 'DataValidation.rule');
  const out: string[] = [];
  for (let r = ref.b.r0; r <= ref.b.r1; r++) for (let c = ref.b.c0; c <= ref.b.c1; c++) out.push(x.model.text(ref.sheet, r, c));
  return out;
}

export class DataValidation extends SimObject<RangeRef> {
  readonly _typeName = 'DataValidation';
  override readonly _api = '1.8';

  _readers() {
    return {
      type: (t: RangeRef, x: Exec) => {
        const u = uniform(x, t, (c) => c?.dv ?? null);
        return u === null ? (cellsWithDv(x, t) === 0 ? 'None' : 'Inconsistent') : 'List';
      },
      rule: (t: RangeRef, x: Exec) => {
        const u = uniform(x, t, (c) => c?.dv ?? null);
        if (!u) return cellsWithDv(x, t) === 0 ? {} : null;
        return { list: { inCellDropDown: u.inCellDropDown, source: u.source } };
      },
      ignoreBlanks: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.ignoreBlanks ?? true),
      errorAlert: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' }),
      prompt: (t: RangeRef, x: Exec) => uniform(x, t, (c) => c?.dv?.prompt ?? { showPrompt: false, title: '', message: '' }),
      valid: (t: RangeRef, x: Exec) => {
        for (const [, , cell] of x.model.cellsIn(t.sheet, t.b)) {
          if (!cell.dv) continue;
          const text = formatText(cell.v, cell.nf ?? GENERAL, x.model.date1904);
          if (text === '' && cell.dv.ignoreBlanks) continue;
          if (!listItems(x, cell.dv, t.sheet).includes(text)) return false;
        }
        return true;
      },
    };
  }

  get type(): string { return this._get('type'); }
  get valid(): boolean { return this._get('valid'); }

  get rule(): Record<string, unknown> { return this._get('rule'); }
  set rule(v: Record<string, unknown>) {
    const keys = Object.keys(v ?? {});
    const unsupported = keys.filter((k) => k !== 'list');
    if (unsupported.length > 0) throw notImplemented(`DataValidation.rule.${unsupported[0]}`);
    const list = (v as { list?: { inCellDropDown?: boolean; source?: unknown } }).list;
    this._set('rule', v, (t, x) => {
      if (!list) throw invalidArgument('DataValidation.rule needs a list', 'DataValidation.rule');
      let source: string;
      if (list.source instanceof Range) {
        const ref = list.source._resolve();
        if (!ref) throw itemNotFound('DataValidation.rule list source range');
        source = `=${fullAddress(ref.sheet.name, ref.b, true)}`;
      } else if (typeof list.source === 'string') {
        source = list.source;
      } else {
        throw invalidArgument('list source must be a string or a Range', 'DataValidation.rule');
      }
      if (source.trim() === '') throw invalidArgument('the list source is empty', 'DataValidation.rule');
      if (source.startsWith('=')) {
        const { sheet, local } = splitSheet(source);
        if (sheet !== undefined && !x.model.findSheet(sheet)) throw invalidArgument(`no worksheet '${sheet}' for the list source`, 'DataValidation.rule');
        try { parseA1(local); } catch { throw notImplemented(`a data-validation list source that is not a range reference ('${source}')`); }
      } else if (source.length > LIST_SOURCE_LIMIT) {
        throw invalidArgument(
          `a comma-separated list source is limited to ${LIST_SOURCE_LIMIT} characters, this one has ${source.length}; put the list in cells and use a range reference`,
          'DataValidation.rule',
        );
      }
      patchValidation(x, t, (old) => ({
        type: 'List', source, inCellDropDown: list.inCellDropDown !== false,
        ignoreBlanks: old?.ignoreBlanks ?? true, errorAlert: old?.errorAlert, prompt: old?.prompt,
      }));
    });
  }

  get ignoreBlanks(): boolean { return this._get('ignoreBlanks'); }
  set ignoreBlanks(v: boolean) {
    this._set('ignoreBlanks', v, (t, x, wire) => patchValidation(x, t, (old) => (old ? { ...old, ignoreBlanks: Boolean(wire) } : undefined), true));
  }

  get errorAlert(): Record<string, unknown> { return this._get('errorAlert'); }
  set errorAlert(v: Record<string, unknown>) {
    this._set('errorAlert', v, (t, x, wire) => patchValidation(x, t, (old) => (old ? { ...old, errorAlert: { showAlert: true, style: 'Stop', title: '', message: '', ...(wire as object) } } : undefined), true));
  }

  get prompt(): Record<string, unknown> { return this._get('prompt'); }
  set prompt(v: Record<string, unknown>) {
    this._set('prompt', v, (t, x, wire) => patchValidation(x, t, (old) => (old ? { ...old, prompt: { showPrompt: false, title: '', message: '', ...(wire as object) } } : undefined), true));
  }

  clear(): void {
    this._call('clear', [], (t, x) => patchRange(x, t, { dv: undefined }, 'DataValidation.clear'));
  }
}

function cellsWithDv(x: Exec, t: RangeRef): number {
  let n = 0;
  for (const [, , cell] of x.model.cellsIn(t.sheet, t.b)) if (cell.dv) n++;
  return n;
}

/** Sets validation per cell; `existingOnly` updates cells that already have a rule. */
function patchValidation(x: Exec, t: RangeRef, f: (old: ListValidation | undefined) => ListValidation | undefined, existingOnly = false): void {
  if (existingOnly) {
    for (const [r, c, cell] of x.model.cellsIn(t.sheet, t.b)) if (cell.dv) x.model.patchCell(t.sheet, r, c, { dv: f(cell.dv) });
    return;
  }
  if (cellCount(t.b) > FORMAT_CELL_LIMIT) {
    throw notImplemented(`DataValidation.rule on more than ${FORMAT_CELL_LIMIT} cells (no whole-column validation; set it on the table's data body, new table rows inherit it)`);
  }
  for (let r = t.b.r0; r <= t.b.r1; r++) {
    for (let c = t.b.c0; c <= t.b.c1; c++) x.model.patchCell(t.sheet, r, c, { dv: f(x.model.cell(t.sheet, r, c)?.dv) });
  }
}

// ---------------------------------------------------------------------------------------
// Worksheets
// ---------------------------------------------------------------------------------------

export class Worksheet extends SimObject<SheetState> {
  readonly _typeName = 'Worksheet';
  private _tables: TableCollection | undefined;
  private _charts: ChartCollection | undefined;
  private _comments: CommentCollection | undefined;
  private _notes: NoteCollection | undefined;
  private _freezePanes: WorksheetFreezePanes | undefined;

  override _validate(t: SheetState): void {
    if (t.deleted) throw itemNotFound(`worksheet '${t.name}' was deleted`);
  }

  _readers() {
    const model = this.context._host.model;
    return {
      name: (t: SheetState) => t.name,
      id: (t: SheetState) => t.id,
      position: (t: SheetState) => model.liveSheets().indexOf(t),
      visibility: (t: SheetState) => t.visibility,
      tabColor: (t: SheetState) => t.tabColor,
      standardWidth: () => DEFAULT_COLUMN_WIDTH,
    };
  }

  override _navigation() {
    return { tables: () => this.tables, charts: () => this.charts, freezePanes: () => this.freezePanes };
  }

  get id(): string { return this._get('id'); }
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (t, x, wire) => {
      x.model.validateSheetName(wire as string, t);
      t.name = wire as string;
    });
  }
  get position(): number { return this._get('position'); }
  set position(v: number) {
    this._set('position', v, (t, x, wire) => x.model.moveSheet(t, wire as number));
  }
  get visibility(): string { return this._get('visibility'); }
  set visibility(v: string) {
    this._set('visibility', v, (t, x, wire) => x.model.setVisibility(t, wire as SheetState['visibility']));
  }
  get tabColor(): string { return this._get('tabColor'); }
  set tabColor(v: string) {
    this._set('tabColor', v, (t, _x, wire) => {
      t.tabColor = wire === '' || wire === null ? '' : normalizeColor(wire, 'Worksheet.tabColor');
    }, '1.7');
  }

  get tables(): TableCollection {
    return (this._tables ??= new TableCollection(this.context, `${this._path}.tables`, () => this._resolve()));
  }
  get charts(): ChartCollection {
    return (this._charts ??= new ChartCollection(this.context, `${this._path}.charts`, () => this._resolve()));
  }
  get comments(): CommentCollection {
    return (this._comments ??= new CommentCollection(this.context, `${this._path}.comments`, () => {
      const s = this._resolve();
      return s ? { sheet: s } : null;
    }));
  }
  get notes(): NoteCollection {
    return (this._notes ??= new NoteCollection(this.context, `${this._path}.notes`, () => {
      const s = this._resolve();
      return s ? { sheet: s } : null;
    }));
  }
  get freezePanes(): WorksheetFreezePanes {
    return (this._freezePanes ??= new WorksheetFreezePanes(this.context, `${this._path}.freezePanes`, () => this._resolve()));
  }

  private _range(name: string, f: (s: SheetState, model: WorkbookModel) => Bounds | null): Range {
    return new Range(this.context, `${this._path}.${name}`, () => {
      const s = this._resolve();
      if (!s) return null;
      const b = f(s, this.context._host.model);
      return b ? { sheet: s, b } : null;
    });
  }

  getRange(address?: string): Range {
    return this._range(`getRange(${JSON.stringify(address ?? '')})`, (s) => {
      if (address === undefined || address === '') return { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
      const { sheet, local } = splitSheet(address);
      if (sheet !== undefined && sheet.toLowerCase() !== s.name.toLowerCase()) {
        throw invalidArgument(`Worksheet.getRange('${address}') names another worksheet`, 'Worksheet.getRange');
      }
      return parseA1(local);
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this._range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (![startRow, startColumn, rowCount, columnCount].every(Number.isInteger) || rowCount < 1 || columnCount < 1) {
        throw invalidArgument('getRangeByIndexes needs whole numbers and a size of at least 1x1', 'Worksheet.getRangeByIndexes');
      }
      return checkBounds({ r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 }, 'Worksheet.getRangeByIndexes');
    });
  }

  getCell(row: number, column: number): Range {
    return this._range(`getCell(${row},${column})`, () => checkBounds({ r0: row, r1: row, c0: column, c1: column }, 'Worksheet.getCell'));
  }

  /** Like Excel: an empty worksheet's used range is A1. */
  getUsedRange(valuesOnly = false): Range {
    return this._range(`getUsedRange(${valuesOnly})`, (s, m) => m.usedBounds(s, valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._range(`getUsedRangeOrNullObject(${valuesOnly})`, (s, m) => m.usedBounds(s, valuesOnly))._instantiate();
  }

  activate(): void {
    this._call('activate', [], (t, x) => {
      if (t.visibility !== 'Visible') throw invalidOperation('a hidden worksheet cannot be activated', 'Worksheet.activate');
      x.model.activeSheet = t;
    });
  }

  delete(): void {
    this._call('delete', [], (t, x) => x.model.deleteSheet(t));
  }
}

export class WorksheetFreezePanes extends SimObject<SheetState> {
  readonly _typeName = 'WorksheetFreezePanes';
  override readonly _api = '1.7';
  _readers() {
    return {};
  }
  freezeRows(count = 1): void {
    this._call('freezeRows', [count], (t) => { t.frozenRows = count; });
  }
  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], (t) => { t.frozenColumns = count; });
  }
  unfreeze(): void {
    this._call('unfreeze', [], (t) => { t.frozenRows = 0; t.frozenColumns = 0; });
  }
}

export class WorksheetCollection extends SimCollection<WorkbookModel, Worksheet> {
  readonly _typeName = 'WorksheetCollection';
  _readers() {
    return {};
  }
  _items(model: WorkbookModel): Worksheet[] {
    return model.liveSheets().map((s) => new Worksheet(this.context, `${this._path}[${JSON.stringify(s.name)}]`, () => s));
  }

  add(name?: string): Worksheet {
    let created: SheetState | undefined;
    this._call('add', [name ?? null], (m) => { created = m.addSheet(name ?? undefined); });
    return new Worksheet(this.context, `${this._path}.add(${JSON.stringify(name ?? '')})`, () => {
      if (!created) throw invalidOperation('the added worksheet is not available');
      return created;
    });
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => this.context._host.model.sheet(key));
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.context._host.model.findSheet(key) ?? null)._instantiate();
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, `${this._path}.getActiveWorksheet()`, () => {
      const s = this.context._host.model.activeSheet;
      if (!s) throw itemNotFound('active worksheet');
      return s;
    });
  }

  getFirst(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, `${this._path}.getFirst(${visibleOnly})`, () => {
      const s = this.context._host.model.liveSheets().filter((x) => !visibleOnly || x.visibility === 'Visible')[0];
      if (!s) throw itemNotFound('first worksheet');
      return s;
    });
  }

  getLast(visibleOnly = false): Worksheet {
    return new Worksheet(this.context, `${this._path}.getLast(${visibleOnly})`, () => {
      const s = this.context._host.model.liveSheets().filter((x) => !visibleOnly || x.visibility === 'Visible').at(-1);
      if (!s) throw itemNotFound('last worksheet');
      return s;
    });
  }

  getCount(visibleOnly = false): SimClientResult<number> {
    return this._result('getCount', (m) => m.liveSheets().filter((x) => !visibleOnly || x.visibility === 'Visible').length);
  }
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

function tableRange(t: TableState, part: 'all' | 'header' | 'body'): RangeRef {
  const b = { r0: t.r0, r1: t.r1, c0: t.c0, c1: t.c1 };
  if (part === 'header') b.r1 = t.r0;
  if (part === 'body') b.r0 = t.r0 + 1;
  return { sheet: t.sheet, b };
}

export class TableCollection extends SimCollection<SheetState | WorkbookModel, Table> {
  readonly _typeName = 'TableCollection';
  _readers() {
    return {};
  }
  private _scope(t: SheetState | WorkbookModel): TableState[] {
    const model = this.context._host.model;
    return model.tables.filter((x) => !x.deleted && (t === model || x.sheet === t));
  }
  _items(t: SheetState | WorkbookModel): Table[] {
    return this._scope(t).map((tb) => new Table(this.context, `${this._path}[${JSON.stringify(tb.name)}]`, () => tb));
  }

  get count(): number { return this._get('count'); }

  add(address: Range | string, hasHeaders: boolean): Table {
    let created: TableState | undefined;
    this._call('add', [address, hasHeaders], (scope, x) => {
      const model = x.model;
      const home = scope === model ? model.activeSheet : (scope as SheetState);
      const ref = resolveAddress(model, address, home, 'TableCollection.add');
      if (scope !== model && ref.sheet !== scope) throw invalidArgument('the address is on another worksheet', 'TableCollection.add');
      created = model.addTable(ref.sheet, normalize(ref.b), hasHeaders);
    });
    return new Table(this.context, `${this._path}.add(${JSON.stringify(typeof address === 'string' ? address : '')})`, () => {
      if (!created) throw invalidOperation('the added table is not available');
      return created;
    });
  }

  private _find(key: string): TableState | null {
    const scope = this._resolve();
    if (!scope) return null;
    return this._scope(scope).find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key) ?? null;
  }

  getItem(key: string): Table {
    return new Table(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => {
      const t = this._find(key);
      if (!t) throw itemNotFound(`table '${key}'`);
      return t;
    });
  }

  getItemOrNullObject(key: string): Table {
    return new Table(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this._find(key))._instantiate();
  }

  getItemAt(index: number): Table {
    return new Table(this.context, `${this._path}.getItemAt(${index})`, () => {
      const scope = this._resolve();
      const t = scope ? this._scope(scope)[index] : undefined;
      if (!t) throw itemNotFound(`table #${index}`);
      return t;
    });
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (scope) => this._scope(scope).length);
  }
}

export class Table extends SimObject<TableState> {
  readonly _typeName = 'Table';
  private _rows: TableRowCollection | undefined;
  private _columns: TableColumnCollection | undefined;
  private _sort: TableSort | undefined;

  override _validate(t: TableState): void {
    if (t.deleted || t.sheet.deleted) throw itemNotFound(`table '${t.name}' was deleted`);
  }

  _readers() {
    return {
      name: (t: TableState) => t.name,
      id: (t: TableState) => t.id,
      style: (t: TableState) => t.style,
      showFilterButton: (t: TableState) => t.showFilterButton,
      showHeaders: () => true,
      showTotals: () => false,
    };
  }

  override _navigation() {
    return { rows: () => this.rows, columns: () => this.columns, worksheet: () => this.worksheet };
  }

  get id(): string { return this._get('id'); }
  get showHeaders(): boolean { return this._get('showHeaders'); }
  get showTotals(): boolean { return this._get('showTotals'); }
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (t, x, wire) => {
      x.model.validateTableName(wire as string, t);
      t.name = wire as string;
    });
  }
  get style(): string { return this._get('style'); }
  set style(v: string) {
    this._set('style', v, (t, _x, wire) => { t.style = String(wire ?? ''); });
  }
  get showFilterButton(): boolean { return this._get('showFilterButton'); }
  set showFilterButton(v: boolean) {
    this._set('showFilterButton', v, (t, _x, wire) => { t.showFilterButton = Boolean(wire); }, '1.3');
  }

  get rows(): TableRowCollection {
    return (this._rows ??= new TableRowCollection(this.context, `${this._path}.rows`, () => this._resolve()));
  }
  get columns(): TableColumnCollection {
    return (this._columns ??= new TableColumnCollection(this.context, `${this._path}.columns`, () => this._resolve()));
  }
  get sort(): TableSort {
    return (this._sort ??= new TableSort(this.context, `${this._path}.sort`, () => this._resolve()));
  }
  get worksheet(): Worksheet {
    return new Worksheet(this.context, `${this._path}.worksheet`, () => this._resolve()?.sheet ?? null);
  }

  private _part(name: string, part: 'all' | 'header' | 'body'): Range {
    return new Range(this.context, `${this._path}.${name}()`, () => {
      const t = this._resolve();
      return t ? tableRange(t, part) : null;
    });
  }
  getRange(): Range { return this._part('getRange', 'all'); }
  getHeaderRowRange(): Range { return this._part('getHeaderRowRange', 'header'); }
  getDataBodyRange(): Range { return this._part('getDataBodyRange', 'body'); }

  resize(newRange: Range | string): void {
    this._call('resize', [newRange], (t, x) => {
      const ref = resolveAddress(x.model, newRange, t.sheet, 'Table.resize');
      x.model.resizeTable(t, ref.sheet, normalize(ref.b));
    }, '1.13');
  }

  delete(): void {
    this._call('delete', [], (t, x) => {
      x.model.clear(t.sheet, tableRange(t, 'all').b, 'All');
      t.deleted = true;
      x.model.tables = x.model.tables.filter((o) => o !== t);
    });
  }

  convertToRange(): Range {
    let ref: RangeRef | undefined;
    this._call('convertToRange', [], (t, x) => {
      ref = tableRange(t, 'all');
      t.deleted = true;
      x.model.tables = x.model.tables.filter((o) => o !== t);
    });
    return new Range(this.context, `${this._path}.convertToRange()`, () => {
      if (!ref) throw invalidOperation('the converted range is not available');
      return ref;
    });
  }
}

function bodyRowCount(t: TableState): number {
  return t.r1 - t.r0;
}

export class TableRowCollection extends SimCollection<TableState, TableRow> {
  readonly _typeName = 'TableRowCollection';
  _readers() {
    return { count: (t: TableState) => bodyRowCount(t) };
  }
  _items(t: TableState): TableRow[] {
    return Array.from({ length: bodyRowCount(t) }, (_v, i) => new TableRow(this.context, `${this._path}[${i}]`, () => ({ table: t, index: i })));
  }
  get count(): number { return this._get('count'); }

  add(index?: number | null, values?: unknown, _alwaysInsert?: boolean): TableRow {
    let added: { table: TableState; index: number } | undefined;
    const wire = toWire([index ?? null, values ?? null]);
    this._call('add', [index ?? null, values ?? null], (t, x) => {
      const [idx, vals] = wire as [number | null, unknown];
      const width = t.c1 - t.c0 + 1;
      let grid: unknown[][] | null = null;
      if (vals !== null) {
        grid = Array.isArray(vals) ? (vals as unknown[][]) : [new Array(width).fill(vals)];
        if (grid.length === 0) throw invalidArgument('TableRowCollection.add: no rows', 'TableRowCollection.add');
        checkShape(grid, grid.length, width, 'TableRowCollection.add');
      }
      const n = grid ? grid.length : 1;
      const at = x.model.addTableRows(t, idx ?? undefined, n);
      if (grid) writeGrid(x, { sheet: t.sheet, b: { r0: at, r1: at + n - 1, c0: t.c0, c1: t.c1 } }, grid, 'TableRowCollection.add');
      added = { table: t, index: at - t.r0 - 1 };
    });
    return new TableRow(this.context, `${this._path}.add()`, () => {
      if (!added) throw invalidOperation('the added row is not available');
      return added;
    });
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (t) => bodyRowCount(t), '1.4');
  }

  getItemAt(index: number): TableRow {
    return new TableRow(this.context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._resolve();
      if (!t) return null;
      if (!Number.isInteger(index) || index < 0 || index >= bodyRowCount(t)) throw itemNotFound(`table row #${index}`);
      return { table: t, index };
    });
  }
}

interface RowRef {
  table: TableState;
  index: number;
}

export class TableRow extends SimObject<RowRef> {
  readonly _typeName = 'TableRow';
  override _validate(t: RowRef): void {
    if (t.table.deleted) throw itemNotFound(`table '${t.table.name}' was deleted`);
  }
  private static ref(t: RowRef): RangeRef {
    const r = t.table.r0 + 1 + t.index;
    return { sheet: t.table.sheet, b: { r0: r, r1: r, c0: t.table.c0, c1: t.table.c1 } };
  }
  _readers() {
    return {
      index: (t: RowRef) => t.index,
      values: (t: RowRef, x: Exec) => grid(x, TableRow.ref(t), '', (c) => c.v),
    };
  }
  get index(): number { return this._get('index'); }
  get values(): CellValue[][] { return this._get('values'); }
  set values(v: CellValue[][]) {
    this._set('values', v, (t, x, wire) => writeGrid(x, TableRow.ref(t), wire, 'TableRow.values'));
  }
  getRange(): Range {
    return new Range(this.context, `${this._path}.getRange()`, () => {
      const t = this._resolve();
      return t ? TableRow.ref(t) : null;
    });
  }
  delete(): void {
    this._call('delete', [], (t, x) => x.model.deleteTableRow(t.table, t.index));
  }
}

interface ColumnRef {
  table: TableState;
  offset: number;
}

export class TableColumnCollection extends SimCollection<TableState, TableColumn> {
  readonly _typeName = 'TableColumnCollection';
  _readers() {
    return { count: (t: TableState) => t.c1 - t.c0 + 1 };
  }
  _items(t: TableState): TableColumn[] {
    return Array.from({ length: t.c1 - t.c0 + 1 }, (_v, i) => new TableColumn(this.context, `${this._path}[${i}]`, () => ({ table: t, offset: i })));
  }
  get count(): number { return this._get('count'); }

  private _find(key: string | number): ColumnRef | null {
    const t = this._resolve();
    if (!t) return null;
    const names = this.context._host.model.headerNames(t);
    let i = typeof key === 'number' ? key - 1 : names.findIndex((n) => n.toLowerCase() === String(key).toLowerCase());
    if (i < 0 && typeof key === 'string' && /^\d+$/.test(key)) i = Number(key) - 1;
    return i >= 0 && i < names.length ? { table: t, offset: i } : null;
  }

  getItem(key: string | number): TableColumn {
    return new TableColumn(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => {
      const c = this._find(key);
      if (!c) throw itemNotFound(`table column '${key}'`);
      return c;
    });
  }

  getItemOrNullObject(key: string | number): TableColumn {
    return new TableColumn(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this._find(key))._instantiate();
  }

  getItemAt(index: number): TableColumn {
    return new TableColumn(this.context, `${this._path}.getItemAt(${index})`, () => {
      const t = this._resolve();
      if (!t) return null;
      if (!Number.isInteger(index) || index < 0 || index > t.c1 - t.c0) throw itemNotFound(`table column #${index}`);
      return { table: t, offset: index };
    });
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (t) => t.c1 - t.c0 + 1, '1.4');
  }
}

export class TableColumn extends SimObject<ColumnRef> {
  readonly _typeName = 'TableColumn';
  override _validate(t: ColumnRef): void {
    if (t.table.deleted) throw itemNotFound(`table '${t.table.name}' was deleted`);
  }
  private static ref(t: ColumnRef, part: 'all' | 'header' | 'body'): RangeRef {
    const r = tableRange(t.table, part);
    return { sheet: r.sheet, b: { ...r.b, c0: t.table.c0 + t.offset, c1: t.table.c0 + t.offset } };
  }
  _readers() {
    return {
      name: (t: ColumnRef, x: Exec) => String(x.model.cell(t.table.sheet, t.table.r0, t.table.c0 + t.offset)?.v ?? ''),
      index: (t: ColumnRef) => t.offset,
      id: (t: ColumnRef) => String(t.offset + 1),
      values: (t: ColumnRef, x: Exec) => grid(x, TableColumn.ref(t, 'all'), '', (c) => c.v),
    };
  }
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (t, x, wire) => {
      const names = x.model.headerNames(t.table);
      if (names.some((n, i) => i !== t.offset && n.toLowerCase() === String(wire).toLowerCase())) {
        throw invalidArgument(`duplicate column name '${String(wire)}'`, 'TableColumn.name');
      }
      x.model.patchCell(t.table.sheet, t.table.r0, t.table.c0 + t.offset, { v: String(wire), f: undefined });
      x.model.normalizeHeaders(t.table);
    });
  }
  get index(): number { return this._get('index'); }
  get id(): string { return this._get('id'); }
  get values(): CellValue[][] { return this._get('values'); }
  private _part(name: string, part: 'all' | 'header' | 'body'): Range {
    return new Range(this.context, `${this._path}.${name}()`, () => {
      const t = this._resolve();
      return t ? TableColumn.ref(t, part) : null;
    });
  }
  getRange(): Range { return this._part('getRange', 'all'); }
  getHeaderRowRange(): Range { return this._part('getHeaderRowRange', 'header'); }
  getDataBodyRange(): Range { return this._part('getDataBodyRange', 'body'); }
}

export class TableSort extends SimObject<TableState> {
  readonly _typeName = 'TableSort';
  override readonly _api = '1.2';
  _readers() {
    return {};
  }
  apply(fields: Array<{ key: number; ascending?: boolean }>, matchCase = false, method?: string): void {
    if (method !== undefined && method !== 'PinYin') throw notImplemented(`TableSort.apply with method '${method}'`);
    for (const f of fields) {
      const extra = Object.keys(f).filter((k) => !['key', 'ascending'].includes(k));
      if (extra.length > 0) throw notImplemented(`SortField.${extra[0]}`);
    }
    this._call('apply', [fields, matchCase], (t, x) => x.model.sortTable(t, fields, matchCase));
  }
}

// ---------------------------------------------------------------------------------------
// Comments (ExcelApi 1.10) and notes (ExcelApi 1.18)
// ---------------------------------------------------------------------------------------

interface Scope {
  sheet?: SheetState;
}

type Kind = 'comment' | 'note';

function locate(model: WorkbookModel, kind: Kind, id: string) {
  const a = model.findAnnotation(kind, id);
  if (!a) throw itemNotFound(`${kind} '${id}'`);
  return a;
}

function addAnnotation(x: Exec, kind: Kind, scope: Scope, cellAddress: unknown, content: unknown, what: string): string {
  if (typeof content !== 'string') throw notImplemented(`${what} with rich content`);
  const home = scope.sheet ?? x.model.activeSheet;
  const ref = singleCell(resolveAddress(x.model, cellAddress, home, what), what);
  if (scope.sheet && ref.sheet !== scope.sheet) throw invalidArgument('the cell is on another worksheet', what);
  const cell = x.model.cell(ref.sheet, ref.b.r0, ref.b.c0);
  if (cell?.comment || cell?.note) {
    throw invalidOperation(`cell ${fullAddress(ref.sheet.name, ref.b)} already has a ${cell.comment ? 'comment' : 'note'}`, what);
  }
  const id = `${kind}-${x.model.nextId()}`;
  const state = kind === 'comment'
    ? { id, content, author: SIMULATOR_AUTHOR, resolved: false }
    : { id, content, author: SIMULATOR_AUTHOR };
  x.model.patchCell(ref.sheet, ref.b.r0, ref.b.c0, { [kind]: state });
  x.model.sawAnnotation(id, ref.sheet, ref.b.r0, ref.b.c0);
  return id;
}

abstract class AnnotationCollection<I extends AnySimObject> extends SimCollection<Scope, I> {
  abstract readonly _kind: Kind;
  abstract _make(path: string, resolve: () => string | null): I;

  _readers() {
    return {};
  }
  private _all(scope: Scope) {
    return this.context._host.model.annotations(this._kind, scope.sheet);
  }
  _items(scope: Scope): I[] {
    return this._all(scope).map((a) => {
      const id = a.cell[this._kind]!.id;
      return this._make(`${this._path}[${JSON.stringify(id)}]`, () => id);
    });
  }

  protected _add(cellAddress: unknown, content: unknown): I {
    let id: string | undefined;
    this._call('add', [cellAddress, content], (scope, x) => {
      id = addAnnotation(x, this._kind, scope, cellAddress, content, `${this._typeName}.add`);
    });
    return this._make(`${this._path}.add()`, () => {
      if (!id) throw invalidOperation('the added item is not available');
      return id;
    });
  }

  protected _byCell(cellAddress: unknown, orNull: boolean, name: string): I {
    const item = this._make(`${this._path}.${name}(${JSON.stringify(typeof cellAddress === 'string' ? cellAddress : '')})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const model = this.context._host.model;
      const ref = singleCell(resolveAddress(model, cellAddress, scope.sheet ?? model.activeSheet, name), name);
      const found = model.cell(ref.sheet, ref.b.r0, ref.b.c0)?.[this._kind];
      if (!found) {
        if (orNull) return null;
        throw itemNotFound(`${this._kind} at ${fullAddress(ref.sheet.name, ref.b)}`);
      }
      model.sawAnnotation(found.id, ref.sheet, ref.b.r0, ref.b.c0);
      return found.id;
    });
    return orNull ? item._instantiate() : item;
  }

  protected _byId(id: string, orNull: boolean): I {
    const item = this._make(`${this._path}.getItem(${JSON.stringify(id)})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const a = this._all(scope).find((x) => x.cell[this._kind]!.id === id);
      if (!a) {
        if (orNull) return null;
        throw itemNotFound(`${this._kind} '${id}'`);
      }
      return id;
    });
    return orNull ? item._instantiate() : item;
  }

  getItemAt(index: number): I {
    return this._make(`${this._path}.getItemAt(${index})`, () => {
      const scope = this._resolve();
      if (!scope) return null;
      const a = this._all(scope)[index];
      if (!a) throw itemNotFound(`${this._kind} #${index}`);
      return a.cell[this._kind]!.id;
    });
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (scope) => this._all(scope).length);
  }
}

export class CommentCollection extends AnnotationCollection<Comment> {
  readonly _typeName = 'CommentCollection';
  override readonly _api = '1.10';
  readonly _kind = 'comment' as const;
  _make(path: string, resolve: () => string | null): Comment {
    return new Comment(this.context, path, resolve);
  }
  add(cellAddress: Range | string, content: string, _contentType?: string): Comment {
    return this._add(cellAddress, content);
  }
  getItem(commentId: string): Comment { return this._byId(commentId, false); }
  getItemOrNullObject(commentId: string): Comment { return this._byId(commentId, true); }
  getItemByCell(cellAddress: Range | string): Comment { return this._byCell(cellAddress, false, 'getItemByCell'); }
}

abstract class Annotation extends SimObject<string> {
  abstract readonly _kind: Kind;
  override _validate(id: string): void {
    locate(this.context._host.model, this._kind, id);
  }
  protected _state(id: string) {
    return locate(this.context._host.model, this._kind, id);
  }
  get content(): string { return this._get('content'); }
  set content(v: string) {
    this._set('content', v, (id, x, wire) => {
      if (typeof wire !== 'string') throw notImplemented(`${this._typeName}.content with rich content`);
      const a = this._state(id);
      x.model.patchCell(a.sheet, a.r, a.c, { [this._kind]: { ...a.cell[this._kind]!, content: wire } });
    });
  }
  get authorName(): string { return this._get('authorName'); }
  delete(): void {
    this._call('delete', [], (id, x) => {
      const a = this._state(id);
      x.model.patchCell(a.sheet, a.r, a.c, { [this._kind]: undefined });
    });
  }
  getLocation(): Range {
    return new Range(this.context, `${this._path}.getLocation()`, () => {
      const id = this._resolve();
      if (!id) return null;
      const a = this._state(id);
      return { sheet: a.sheet, b: { r0: a.r, r1: a.r, c0: a.c, c1: a.c } };
    });
  }
}

export class Comment extends Annotation {
  readonly _typeName = 'Comment';
  override readonly _api = '1.10';
  readonly _kind = 'comment' as const;
  _readers() {
    return {
      id: (id: string) => id,
      content: (id: string) => this._state(id).cell.comment!.content,
      authorName: (id: string) => this._state(id).cell.comment!.author,
      authorEmail: () => '',
      resolved: (id: string) => this._state(id).cell.comment!.resolved,
    };
  }
  get id(): string { return this._get('id'); }
  get resolved(): boolean { return this._get('resolved'); }
  set resolved(v: boolean) {
    this._set('resolved', v, (id, x, wire) => {
      const a = this._state(id);
      x.model.patchCell(a.sheet, a.r, a.c, { comment: { ...a.cell.comment!, resolved: Boolean(wire) } });
    }, '1.11');
  }
}

export class NoteCollection extends AnnotationCollection<Note> {
  readonly _typeName = 'NoteCollection';
  override readonly _api = '1.18';
  readonly _kind = 'note' as const;
  _make(path: string, resolve: () => string | null): Note {
    return new Note(this.context, path, resolve);
  }
  add(cellAddress: Range | string, content: string): Note {
    return this._add(cellAddress, content);
  }
  getItem(key: string): Note { return this._byCell(key, false, 'getItem'); }
  getItemOrNullObject(key: string): Note { return this._byCell(key, true, 'getItemOrNullObject'); }
}

export class Note extends Annotation {
  readonly _typeName = 'Note';
  override readonly _api = '1.18';
  readonly _kind = 'note' as const;
  _readers() {
    return {
      content: (id: string) => this._state(id).cell.note!.content,
      authorName: (id: string) => this._state(id).cell.note!.author,
    };
  }
}

// ---------------------------------------------------------------------------------------
// Charts (recorded for inspection only)
// ---------------------------------------------------------------------------------------

export class ChartCollection extends SimCollection<SheetState, Chart> {
  readonly _typeName = 'ChartCollection';
  _readers() {
    return { count: (s: SheetState) => s.charts.filter((c) => !c.deleted).length };
  }
  _items(s: SheetState): Chart[] {
    return s.charts.filter((c) => !c.deleted).map((c) => new Chart(this.context, `${this._path}[${JSON.stringify(c.name)}]`, () => c));
  }
  get count(): number { return this._get('count'); }

  add(type: string, sourceData: Range, seriesBy: string = 'Auto'): Chart {
    let created: ChartState | undefined;
    this._call('add', [type, sourceData, seriesBy], (s, x) => {
      const ref = resolveAddress(x.model, sourceData, s, 'ChartCollection.add');
      let n = s.charts.length + 1;
      while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
      created = {
        id: `chart-${x.model.nextId()}`, name: `Chart ${n}`, type, seriesBy,
        source: fullAddress(ref.sheet.name, ref.b), title: '', deleted: false,
      };
      s.charts = [...s.charts, created];
    });
    return new Chart(this.context, `${this._path}.add()`, () => {
      if (!created) throw invalidOperation('the added chart is not available');
      return created;
    });
  }

  private _find(name: string): ChartState | null {
    const s = this._resolve();
    return s?.charts.find((c) => !c.deleted && c.name === name) ?? null;
  }

  getItem(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => {
      const c = this._find(name);
      if (!c) throw itemNotFound(`chart '${name}'`);
      return c;
    });
  }

  getItemOrNullObject(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItemOrNullObject(${JSON.stringify(name)})`, () => this._find(name))._instantiate();
  }

  getCount(): SimClientResult<number> {
    return this._result('getCount', (s) => s.charts.filter((c) => !c.deleted).length);
  }
}

export class Chart extends SimObject<ChartState> {
  readonly _typeName = 'Chart';
  private _title: ChartTitle | undefined;
  override _validate(c: ChartState): void {
    if (c.deleted) throw itemNotFound(`chart '${c.name}' was deleted`);
  }
  _readers() {
    return { name: (c: ChartState) => c.name, id: (c: ChartState) => c.id, chartType: (c: ChartState) => c.type };
  }
  override _navigation() {
    return { title: () => this.title };
  }
  get id(): string { return this._get('id'); }
  get chartType(): string { return this._get('chartType'); }
  get name(): string { return this._get('name'); }
  set name(v: string) {
    this._set('name', v, (c, _x, wire) => { c.name = String(wire); });
  }
  get title(): ChartTitle {
    return (this._title ??= new ChartTitle(this.context, `${this._path}.title`, () => this._resolve()));
  }
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._call('setPosition', [startCell, endCell ?? null], (c, x) => {
      const sheet = x.model.liveSheets().find((s) => s.charts.includes(c));
      const a = (v: Range | string) => {
        const ref = resolveAddress(x.model, v, sheet, 'Chart.setPosition');
        return fullAddress(ref.sheet.name, ref.b);
      };
      c.position = { start: a(startCell), ...(endCell !== undefined ? { end: a(endCell) } : {}) };
    });
  }
  delete(): void {
    this._call('delete', [], (c) => { c.deleted = true; });
  }
}

export class ChartTitle extends SimObject<ChartState> {
  readonly _typeName = 'ChartTitle';
  _readers() {
    return { text: (c: ChartState) => c.title };
  }
  get text(): string { return this._get('text'); }
  set text(v: string) {
    this._set('text', v, (c, _x, wire) => { c.title = String(wire ?? ''); });
  }
}

// ---------------------------------------------------------------------------------------
// Worksheet functions (ExcelApi 1.2): only DATE, which tells the workbook's date system
// ---------------------------------------------------------------------------------------

interface FunctionValue {
  value: number | null;
  error: string | null;
}

export class FunctionResult extends SimObject<FunctionValue> {
  readonly _typeName = 'FunctionResult';
  override readonly _api = '1.2';
  _readers() {
    return { value: (t: FunctionValue) => t.value, error: (t: FunctionValue) => t.error };
  }
  get value(): number { return this._get('value'); }
  get error(): string { return this._get('error'); }
}

export class Functions extends SimObject<WorkbookModel> {
  readonly _typeName = 'Functions';
  override readonly _api = '1.2';
  _readers() {
    return {};
  }
  /** DATE(year, month, day) as the workbook's date system counts it; before its epoch, #NUM!. */
  date(year: number, month: number, day: number): FunctionResult {
    return new FunctionResult(this.context, `${this._path}.date(${year},${month},${day})`, () => {
      const m = this._resolve();
      if (!m) return null;
      if (![year, month, day].every((n) => typeof n === 'number' && Number.isFinite(n))) {
        throw notImplemented('Functions.date with arguments other than numbers');
      }
      const serial = dateToSerial(year, month, day, 0, 0, 0, m.date1904);
      return serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}

// ---------------------------------------------------------------------------------------
// Workbook
// ---------------------------------------------------------------------------------------

export class Workbook extends SimObject<WorkbookModel> {
  readonly _typeName = 'Workbook';
  readonly worksheets: WorksheetCollection;
  readonly tables: TableCollection;
  private _comments: CommentCollection | undefined;
  private _notes: NoteCollection | undefined;
  private _functions: Functions | undefined;

  constructor(context: Ctx) {
    super(context, 'workbook', () => context._host.model);
    this.worksheets = new WorksheetCollection(context, 'workbook.worksheets', () => context._host.model);
    this.tables = new TableCollection(context, 'workbook.tables', () => context._host.model);
  }

  _readers() {
    return {
      name: () => 'Book1.xlsx',
      readOnly: () => false,
      use1904DateSystem: (_m: WorkbookModel, x: Exec) => {
        // Preview only: in no released requirement set, so refused by every simulated host.
        needApi(x, PREVIEW, 'Workbook.use1904DateSystem');
        return false;
      },
    };
  }
  override _explicitOnly(): string[] {
    return ['use1904DateSystem'];
  }
  override _navigation() {
    return { worksheets: () => this.worksheets, tables: () => this.tables };
  }

  get name(): string { return this._get('name'); }
  get readOnly(): boolean { return this._get('readOnly'); }
  get functions(): Functions {
    return (this._functions ??= new Functions(this.context, 'workbook.functions', () => this.context._host.model));
  }
  /** Not declared by @types/office-js 1.0.612; see README. */
  get use1904DateSystem(): boolean { return this._get('use1904DateSystem'); }

  get comments(): CommentCollection {
    return (this._comments ??= new CommentCollection(this.context, 'workbook.comments', () => ({})));
  }
  get notes(): NoteCollection {
    return (this._notes ??= new NoteCollection(this.context, 'workbook.notes', () => ({})));
  }

  getSelectedRange(): Range {
    return new Range(this.context, 'workbook.getSelectedRange()', () => {
      const m = this.context._host.model;
      if (m.selection && !m.selection.sheet.deleted) return { sheet: m.selection.sheet, b: m.selection.bounds };
      const s = m.activeSheet;
      if (!s) throw itemNotFound('active worksheet');
      return { sheet: s, b: { r0: 0, r1: 0, c0: 0, c1: 0 } };
    });
  }

  getActiveCell(): Range {
    return new Range(this.context, 'workbook.getActiveCell()', () => {
      const m = this.context._host.model;
      if (m.selection && !m.selection.sheet.deleted) {
        const { r0, c0 } = m.selection.bounds;
        return { sheet: m.selection.sheet, b: { r0, c0, r1: r0, c1: c0 } };
      }
      const s = m.activeSheet;
      if (!s) throw itemNotFound('active worksheet');
      return { sheet: s, b: { r0: 0, r1: 0, c0: 0, c1: 0 } };
    });
  }
}

export type { LoadArg };
