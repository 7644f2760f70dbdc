/**
 * Excel simulator: an in-memory stand-in for the Excel JavaScript API (a faithful subset of
 * ExcelApi 1.7+), used as the Office host in unit tests, benchmarks and browser tests.
 * See README.md in this folder for what is faithful and what is not.
 *
 *   const excel = createSimulatedExcel();
 *   await excel.run(async (context) => { ... await context.sync(); });   // context: Excel.RequestContext
 *   excel.sheet('Sheet1').cell('A1')  // → { value, text, numberFormat, formula, fill, fontColor, note, … }
 */
import { type Bounds, fullAddress, parseA1, splitSheet } from './address';
import { SimError, invalidArgument } from './errors';
import { type Cell, type ChartState, type ListValidation, type SheetState, type TableState, DEFAULT_COLUMN_WIDTH, WorkbookModel } from './model';
import { type SimHost, type SimStats, SimRequestContext, compareVersions } from './proxy';
import { Workbook } from './objects';
import { type CellValue, GENERAL, formatText } from './values';

export { SimError } from './errors';
export type { SimStats } from './proxy';
export type { CellValue } from './values';
export { dateToSerial, serialToDate } from './values';

export interface SimulatedExcelOptions {
  /** The workbook uses the 1904 date system (Excel for Mac workbooks of old). Default false. */
  date1904?: boolean;
  /** Metered request limit per sync (UTF-8 bytes as office.js sends them). Default 5 MB like Excel on the web. */
  maxRequestBytes?: number;
  /** Metered answer limit per sync, checked on its own. Default 5 MB like Excel on the web. */
  maxResponseBytes?: number;
  /** Highest supported ExcelApi requirement set. Default '1.17'. */
  apiVersion?: string;
  /** Sheets the workbook starts with. Default ['Sheet1']. */
  sheets?: string[];
}

export interface CellSnapshot {
  value: CellValue;
  text: string;
  numberFormat: string;
  /** The formula, or null when the cell holds a constant. */
  formula: string | null;
  /** '#RRGGBB', or null without fill. */
  fill: string | null;
  fontColor: string;
  bold: boolean;
  wrapText: boolean;
  note: string | null;
  comment: string | null;
  dataValidation: { type: 'List'; source: string; inCellDropDown: boolean } | null;
}

export interface TableSnapshot {
  name: string;
  sheet: string;
  address: string;
  headers: string[];
  /** Data body values. */
  rows: CellValue[][];
  style: string;
  showFilterButton: boolean;
}

export type ChartSnapshot = Omit<ChartState, 'id' | 'deleted'>;

/** Direct access to one sheet, outside any sync: for arranging and asserting in tests. */
export interface SheetInspector {
  readonly name: string;
  readonly visibility: string;
  readonly tabColor: string;
  readonly frozenRows: number;
  readonly position: number;
  cell(address: string): CellSnapshot;
  values(address: string): CellValue[][];
  texts(address: string): string[][];
  numberFormats(address: string): string[][];
  formulas(address: string): CellValue[][];
  /** Used range address (valuesOnly like getUsedRange(true)), or null for an empty sheet. */
  usedAddress(valuesOnly?: boolean): string | null;
  /** Column width in points ('C' or 0-based index). */
  columnWidth(column: string | number): number;
  charts(): ChartSnapshot[];
  /** Writes values the way a clerk typing or pasting them would (same conversion as Range.values). */
  type(address: string, values: Array<Array<CellValue | null>>): void;
  /** Sets number formats directly (e.g. '@' to arrange a text-formatted column). */
  setNumberFormat(address: string, format: string): void;
  /** A clerk inserting whole rows above `rowNumber` (1-based). */
  insertRows(rowNumber: number, count?: number): void;
  /** A clerk deleting whole rows starting at `rowNumber` (1-based). */
  deleteRows(rowNumber: number, count?: number): void;
}

export interface SimulatedExcel {
  /** Like `Excel.run`: runs a batch with a fresh request context (options: delayForCellEdit). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** The clerk starts typing in a cell: until endCellEdit, a sync fails with InvalidOperationInCellEditMode, or waits when its run asked for delayForCellEdit. */
  startCellEdit(): void;
  endCellEdit(): void;
  readonly stats: SimStats;
  resetStats(): void;
  /** Like `Office.context.requirements.isSetSupported`: 'ExcelApi' up to `apiVersion`. */
  isSetSupported(name: string, version?: string): boolean;
  readonly apiVersion: string;
  readonly date1904: boolean;
  sheet(name: string): SheetInspector;
  sheetNames(): string[];
  activeSheetName(): string | null;
  /** Address of the selection made through Range.select(), or null. */
  selectedAddress(): string | null;
  table(name: string): TableSnapshot;
  tableNames(): string[];
  /** A clerk sorting a table by one of its columns from the filter button. */
  sortTable(name: string, column: string, ascending?: boolean): void;
  /** All notes / comments as { address, content }. */
  notes(): Array<{ address: string; content: string }>;
  comments(): Array<{ address: string; content: string; resolved: boolean }>;
  /** Adds a sheet directly (arranging a workbook). */
  addSheet(name: string): void;
  /** Installs `Excel.run`, `Excel.ErrorCodes`, `OfficeExtension.Error`, `Office.context.requirements.isSetSupported` and `Office.onReady` on globalThis; returns an uninstaller. */
  installGlobals(): () => void;
}

function snapshot(model: WorkbookModel, cell: Cell | undefined): CellSnapshot {
  const c = cell ?? { v: '' };
  const dv: ListValidation | undefined = c.dv;
  return {
    value: c.v,
    text: formatText(c.v, c.nf ?? GENERAL, model.date1904),
    numberFormat: c.nf ?? GENERAL,
    formula: c.f ?? null,
    fill: c.fill ?? null,
    fontColor: c.font ?? '#000000',
    bold: c.bold ?? false,
    wrapText: c.wrap ?? false,
    note: c.note?.content ?? null,
    comment: c.comment?.content ?? null,
    dataValidation: dv ? { type: 'List', source: dv.source, inCellDropDown: dv.inCellDropDown } : null,
  };
}

export function createSimulatedExcel(options: SimulatedExcelOptions = {}): SimulatedExcel {
  const apiVersion = options.apiVersion ?? '1.17';
  const model = new WorkbookModel(options.date1904 ?? false, options.sheets ?? ['Sheet1']);
  const stats: SimStats = { syncs: 0, largestRequestBytes: 0, largestAnswerBytes: 0, requests: [], answers: [], rejected: 0 };

  const isSetSupported = (name: string, version?: string): boolean => {
    if (name.toLowerCase() !== 'excelapi') return false;
    return version === undefined || compareVersions(version, apiVersion) <= 0;
  };

  let edit: { ended: Promise<void>; end: () => void } | undefined;
  const host: SimHost = {
    cellEdit: () => edit?.ended,
    model,
    maxRequestBytes: options.maxRequestBytes ?? 5 * 1024 * 1024,
    maxResponseBytes: options.maxResponseBytes ?? 5 * 1024 * 1024,
    stats,
    isSetSupported: (name, version) => isSetSupported(name, version),
  };

  const grid = <V>(sheetName: string, address: string, f: (cell: Cell | undefined) => V): V[][] => {
    const s = model.sheet(sheetName);
    const b = parseA1(address);
    const out: V[][] = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const row: V[] = [];
      for (let c = b.c0; c <= b.c1; c++) row.push(f(model.cell(s, r, c)));
      out.push(row);
    }
    return out;
  };

  const inspector = (sheetName: string): SheetInspector => {
    const s: SheetState = model.sheet(sheetName);
    return {
      get name() {
        return s.name;
      },
      get visibility() {
        return s.visibility;
      },
      get tabColor() {
        return s.tabColor;
      },
      get frozenRows() {
        return s.frozenRows;
      },
      get position() {
        return model.liveSheets().indexOf(s);
      },
      cell(address) {
        const b = parseA1(address);
        return snapshot(model, model.cell(s, b.r0, b.c0));
      },
      values: (address) => grid(s.name, address, (c) => c?.v ?? ''),
      texts: (address) => grid(s.name, address, (c) => (c ? formatText(c.v, c.nf ?? GENERAL, model.date1904) : '')),
      numberFormats: (address) => grid(s.name, address, (c) => c?.nf ?? GENERAL),
      formulas: (address) => grid(s.name, address, (c) => c?.f ?? c?.v ?? ''),
      usedAddress(valuesOnly = false) {
        const b = model.usedBounds(s, valuesOnly);
        return b ? fullAddress(s.name, b) : null;
      },
      columnWidth(column) {
        const c = typeof column === 'number' ? column : parseA1(`${column}1`).c0;
        return s.colWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
      },
      charts: () =>
        s.charts
          .filter((c) => !c.deleted)
          .map((c) => ({
            name: c.name,
            type: c.type,
            source: c.source,
            seriesBy: c.seriesBy,
            title: c.title,
            ...(c.position ? { position: c.position } : {}),
          })),
      type(address, values) {
        const b = parseA1(address);
        values.forEach((row, i) => row.forEach((v, j) => model.writeValue(s, b.r0 + i, b.c0 + j, v)));
      },
      setNumberFormat(address, format) {
        const b: Bounds = parseA1(address);
        for (let r = b.r0; r <= b.r1; r++) {
          for (let c = b.c0; c <= b.c1; c++) model.patchCell(s, r, c, { nf: format === GENERAL ? undefined : format });
        }
      },
      insertRows(rowNumber, count = 1) {
        model.insertRows(s, rowNumber - 1, count, 0, 16383);
      },
      deleteRows(rowNumber, count = 1) {
        model.deleteRows(s, rowNumber - 1, count, 0, 16383);
      },
    };
  };

  const tableState = (name: string): TableState => {
    const t = model.findTable(name);
    if (!t) throw new SimError('ItemNotFound', `No table '${name}'`);
    return t;
  };

  const run = async <T>(
    first: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    second?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second!;
    const ctx = new SimRequestContext(host, (c) => new Workbook(c));
    if (typeof first !== 'function') ctx._delayForCellEdit = first.delayForCellEdit === true;
    try {
      const pending = batch(ctx as unknown as Excel.RequestContext);
      if (!pending || typeof (pending as Promise<T>).then !== 'function') {
        throw new SimError('RunMustReturnPromise', 'The batch function passed to the ".run" method didn\'t return a promise.');
      }
      const result = await pending;
      // Excel.run flushes commands still queued when the batch resolves.
      if (ctx._queue.some((op) => op.run)) await ctx.sync();
      return result;
    } finally {
      ctx._closed = true;
    }
  };

  const sim: SimulatedExcel = {
    run: run as SimulatedExcel['run'],
    startCellEdit() {
      if (edit) return;
      let end = () => {};
      const ended = new Promise<void>((resolve) => {
        end = resolve;
      });
      edit = { ended, end };
    },
    endCellEdit() {
      const e = edit;
      edit = undefined;
      e?.end();
    },
    stats,
    resetStats() {
      stats.syncs = 0;
      stats.largestRequestBytes = 0;
      stats.largestAnswerBytes = 0;
      stats.requests.length = 0;
      stats.answers.length = 0;
      stats.rejected = 0;
    },
    isSetSupported,
    apiVersion,
    date1904: model.date1904,
    sheet: inspector,
    sheetNames: () => model.liveSheets().map((s) => s.name),
    activeSheetName: () => model.activeSheet?.name ?? null,
    selectedAddress: () => (model.selection ? fullAddress(model.selection.sheet.name, model.selection.bounds) : null),
    table(name) {
      const t = tableState(name);
      const rows: CellValue[][] = [];
      for (let r = t.r0 + 1; r <= t.r1; r++) {
        const row: CellValue[] = [];
        for (let c = t.c0; c <= t.c1; c++) row.push(model.cell(t.sheet, r, c)?.v ?? '');
        rows.push(row);
      }
      return {
        name: t.name,
        sheet: t.sheet.name,
        address: fullAddress(t.sheet.name, t),
        headers: model.headerNames(t),
        rows,
        style: t.style,
        showFilterButton: t.showFilterButton,
      };
    },
    tableNames: () => model.tables.filter((t) => !t.deleted).map((t) => t.name),
    sortTable(name, column, ascending = true) {
      const t = tableState(name);
      const key = model.headerNames(t).indexOf(column);
      if (key < 0) throw invalidArgument(`no column '${column}' in table '${name}'`);
      model.sortTable(t, [{ key, ascending }], false);
    },
    notes: () =>
      model.annotations('note').map((a) => ({
        address: fullAddress(a.sheet.name, { r0: a.r, r1: a.r, c0: a.c, c1: a.c }),
        content: a.cell.note!.content,
      })),
    comments: () =>
      model.annotations('comment').map((a) => ({
        address: fullAddress(a.sheet.name, { r0: a.r, r1: a.r, c0: a.c, c1: a.c }),
        content: a.cell.comment!.content,
        resolved: a.cell.comment!.resolved,
      })),
    addSheet(name) {
      model.addSheet(name);
    },
    installGlobals() {
      const g = globalThis as Record<string, unknown>;
      const saved = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
      g.Excel = {
        run,
        ErrorCodes: {
          apiNotFound: 'ApiNotFound',
          generalException: 'GeneralException',
          invalidArgument: 'InvalidArgument',
          invalidOperation: 'InvalidOperation',
          itemAlreadyExists: 'ItemAlreadyExists',
          itemNotFound: 'ItemNotFound',
          notImplemented: 'NotImplemented',
          invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
          requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
          responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
        },
      };
      g.OfficeExtension = { Error: SimError };
      g.Office = {
        context: { requirements: { isSetSupported } },
        onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
        HostType: { Excel: 'Excel' },
      };
      return () => {
        g.Excel = saved.Excel;
        g.Office = saved.Office;
        g.OfficeExtension = saved.OfficeExtension;
      };
    },
  };
  return sim;
}

/** Parses `Sheet!A1` into sheet name and local address (handy in tests). */
export function splitAddress(address: string): { sheet?: string; local: string } {
  return splitSheet(address);
}
