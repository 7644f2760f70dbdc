// Tables, their rows, columns and sort.
import { normalize } from '../address';
import { invalidArgument, invalidOperation, itemNotFound, notImplemented } from '../errors';
import { type SheetState, type TableState, type WorkbookModel } from '../model';
import { type Exec, SimClientResult, SimCollection, SimObject, checkShape, toWire } from '../proxy';
import { type CellValue } from '../values';
import { RangeRef, grid, resolveAddress, writeGrid } from './rangeRef';
import { Range } from './range';
import { Worksheet } from './worksheet';

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

  get count(): number {
    return this._get('count');
  }

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

  get id(): string {
    return this._get('id');
  }
  get showHeaders(): boolean {
    return this._get('showHeaders');
  }
  get showTotals(): boolean {
    return this._get('showTotals');
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._set('name', v, (t, x, wire) => {
      x.model.validateTableName(wire as string, t);
      t.name = wire as string;
    });
  }
  get style(): string {
    return this._get('style');
  }
  set style(v: string) {
    this._set('style', v, (t, _x, wire) => {
      t.style = String(wire ?? '');
    });
  }
  get showFilterButton(): boolean {
    return this._get('showFilterButton');
  }
  set showFilterButton(v: boolean) {
    this._set(
      'showFilterButton',
      v,
      (t, _x, wire) => {
        t.showFilterButton = Boolean(wire);
      },
      '1.3',
    );
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
  getRange(): Range {
    return this._part('getRange', 'all');
  }
  getHeaderRowRange(): Range {
    return this._part('getHeaderRowRange', 'header');
  }
  getDataBodyRange(): Range {
    return this._part('getDataBodyRange', 'body');
  }

  resize(newRange: Range | string): void {
    this._call(
      'resize',
      [newRange],
      (t, x) => {
        const ref = resolveAddress(x.model, newRange, t.sheet, 'Table.resize');
        x.model.resizeTable(t, ref.sheet, normalize(ref.b));
      },
      '1.13',
    );
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
  get count(): number {
    return this._get('count');
  }

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
  get index(): number {
    return this._get('index');
  }
  get values(): CellValue[][] {
    return this._get('values');
  }
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
  get count(): number {
    return this._get('count');
  }

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
  get name(): string {
    return this._get('name');
  }
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
  get index(): number {
    return this._get('index');
  }
  get id(): string {
    return this._get('id');
  }
  get values(): CellValue[][] {
    return this._get('values');
  }
  private _part(name: string, part: 'all' | 'header' | 'body'): Range {
    return new Range(this.context, `${this._path}.${name}()`, () => {
      const t = this._resolve();
      return t ? TableColumn.ref(t, part) : null;
    });
  }
  getRange(): Range {
    return this._part('getRange', 'all');
  }
  getHeaderRowRange(): Range {
    return this._part('getHeaderRowRange', 'header');
  }
  getDataBodyRange(): Range {
    return this._part('getDataBodyRange', 'body');
  }
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
