// Worksheets, their collection and freeze panes.
import { type Bounds, MAX_COLS, MAX_ROWS, parseA1, splitSheet } from '../address';
import { invalidArgument, invalidOperation, itemNotFound } from '../errors';
import { type SheetState, type WorkbookModel, DEFAULT_COLUMN_WIDTH } from '../model';
import { SimClientResult, SimCollection, SimObject } from '../proxy';
import { checkBounds, normalizeColor } from './rangeRef';
import { Range } from './range';
import { TableCollection } from './tables';
import { CommentCollection, NoteCollection } from './annotations';
import { ChartCollection } from './charts';

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

  get id(): string {
    return this._get('id');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (t, x, wire) => {
      x.model.validateSheetName(wire as string, t);
      t.name = wire as string;
    });
  }
  get position(): number {
    return this._get('position');
  }
  set position(v: number) {
    this._set('position', v, (t, x, wire) => x.model.moveSheet(t, wire as number));
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this._set('visibility', v, (t, x, wire) => x.model.setVisibility(t, wire as SheetState['visibility']));
  }
  get tabColor(): string {
    return this._get('tabColor');
  }
  set tabColor(v: string) {
    this._set(
      'tabColor',
      v,
      (t, _x, wire) => {
        t.tabColor = wire === '' || wire === null ? '' : normalizeColor(wire, 'Worksheet.tabColor');
      },
      '1.7',
    );
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
    this._call('freezeRows', [count], (t) => {
      t.frozenRows = count;
    });
  }
  freezeColumns(count = 1): void {
    this._call('freezeColumns', [count], (t) => {
      t.frozenColumns = count;
    });
  }
  unfreeze(): void {
    this._call('unfreeze', [], (t) => {
      t.frozenRows = 0;
      t.frozenColumns = 0;
    });
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
    this._call('add', [name ?? null], (m) => {
      created = m.addSheet(name ?? undefined);
    });
    return new Worksheet(this.context, `${this._path}.add(${JSON.stringify(name ?? '')})`, () => {
      if (!created) throw invalidOperation('the added worksheet is not available');
      return created;
    });
  }

  getItem(key: string): Worksheet {
    return new Worksheet(this.context, `${this._path}.getItem(${JSON.stringify(key)})`, () => this.context._host.model.sheet(key));
  }

  getItemOrNullObject(key: string): Worksheet {
    return new Worksheet(
      this.context,
      `${this._path}.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.context._host.model.findSheet(key) ?? null,
    )._instantiate();
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
      const s = this.context._host.model
        .liveSheets()
        .filter((x) => !visibleOnly || x.visibility === 'Visible')
        .at(-1);
      if (!s) throw itemNotFound('last worksheet');
      return s;
    });
  }

  getCount(visibleOnly = false): SimClientResult<number> {
    return this._result('getCount', (m) => m.liveSheets().filter((x) => !visibleOnly || x.visibility === 'Visible').length);
  }
}
