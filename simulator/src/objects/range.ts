// Range and its format, fill and font.
import { type Bounds, MAX_COLS, MAX_ROWS, cellCount, fullAddress } from '../address';
import { invalidArgument, invalidOperation, itemNotFound, notImplemented } from '../errors';
import { type SheetState, type WorkbookModel, DEFAULT_COLUMN_WIDTH } from '../model';
import { type Exec, SimObject, checkShape } from '../proxy';
import { type CellValue, GENERAL, formatText, valueType } from '../values';
import { RangeRef, checkBounds, cols, grid, normalizeColor, patchRange, resolveAddress, rows, uniform, writeGrid } from './rangeRef';
import { DataValidation } from './dataValidation';
import { Worksheet } from './worksheet';
import { RangeAreas } from './rangeAreas';

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

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get text(): string[][] {
    return this._get('text');
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }

  get values(): CellValue[][] {
    return this._get('values');
  }
  set values(v: CellValue[][]) {
    this._set('values', v, (t, x, wire) => writeGrid(x, t, wire, 'Range.values'));
  }

  get formulas(): CellValue[][] {
    return this._get('formulas');
  }
  set formulas(v: CellValue[][]) {
    this._set('formulas', v, (t, x, wire) => writeGrid(x, t, wire, 'Range.formulas'));
  }

  get numberFormat(): string[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this._set('numberFormat', v, (t, x, wire) => {
      const arr = checkShape(wire, rows(t.b), cols(t.b), 'Range.numberFormat');
      for (let i = 0; i < arr.length; i++) {
        const row = arr[i]!;
        for (let j = 0; j < row.length; j++) {
          const nf = row[j];
          if (nf === null) continue;
          if (typeof nf !== 'string') throw invalidArgument('Range.numberFormat: formats must be strings', 'Range.numberFormat');
          x.model.formatCell(t.sheet, t.b.r0 + i, t.b.c0 + j, nf === GENERAL || nf === '' ? undefined : nf);
        }
      }
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
      const r = t.b.r0 + row,
        c = t.b.c0 + column;
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
      sheet: t.sheet,
      b: checkBounds({ ...t.b, r1: t.b.r1 + deltaRows, c1: t.b.c1 + deltaColumns }, 'Range.getResizedRange'),
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
      b: checkBounds(
        {
          r0: t.b.r0 + rowOffset,
          r1: t.b.r1 + rowOffset,
          c0: t.b.c0 + columnOffset,
          c1: t.b.c1 + columnOffset,
        },
        'Range.getOffsetRange',
      ),
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

  /** ExcelApi 1.2. */
  merge(across = false): void {
    this._call('merge', [across], (t, x) => x.model.merge(t.sheet, t.b, across === true));
  }

  /** ExcelApi 1.2. */
  unmerge(): void {
    this._call('unmerge', [], (t, x) => x.model.unmerge(t.sheet, t.b));
  }

  /** ExcelApi 1.13; a null object when the range touches no merged area. */
  getMergedAreasOrNullObject(): RangeAreas {
    return new RangeAreas(this.context, `${this._path}.getMergedAreasOrNullObject()`, () => {
      const t = this._resolve();
      if (!t) return null;
      const areas = this.context._host.model.mergedAreas(t.sheet, t.b);
      return areas.length === 0 ? null : { sheet: t.sheet, areas };
    })._instantiate();
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

  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(v: number) {
    this._set('columnWidth', v, (t, _x, wire) => {
      if (typeof wire !== 'number' || !(wire >= 0) || wire > 1789) throw invalidArgument('columnWidth', 'RangeFormat.columnWidth');
      for (let c = t.b.c0; c <= t.b.c1; c++) t.sheet.colWidths.set(c, wire);
    });
  }

  get wrapText(): boolean {
    return this._get('wrapText');
  }
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
  get color(): string {
    return this._get('color');
  }
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
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._set('color', v, (t, x, wire) => {
      const color = normalizeColor(wire, 'RangeFont.color');
      patchRange(x, t, { font: color === '#000000' ? undefined : color }, 'RangeFont.color');
    });
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._set('bold', v, (t, x, wire) => patchRange(x, t, { bold: wire ? true : undefined }, 'RangeFont.bold'));
  }
}
