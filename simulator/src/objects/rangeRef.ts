// What the Range family shares: resolving an address argument to a range of a sheet, bounds
// checks, reading a range cell by cell into a grid, and patching its cells.
import { type Bounds, MAX_COLS, MAX_ROWS, cellCount, parseA1, splitSheet } from '../address';
import { SimError, invalidArgument, itemNotFound, notImplemented } from '../errors';
import { type Cell, type SheetState, type WorkbookModel } from '../model';
import { type Exec, type SimRequestContext, checkShape } from '../proxy';
import { type CellValue } from '../values';
import { Range } from './range';

export interface RangeRef {
  sheet: SheetState;
  b: Bounds;
}

export type Ctx = SimRequestContext;

/** Resolves a `Range | string` argument (an address, optionally sheet-qualified) to a range. */
export function resolveAddress(model: WorkbookModel, arg: unknown, defaultSheet: SheetState | undefined, what: string): RangeRef {
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

export function singleCell(ref: RangeRef, what: string): RangeRef {
  if (ref.b.r0 !== ref.b.r1 || ref.b.c0 !== ref.b.c1) {
    throw new SimError('InvalidCellAddress', `The cell address is invalid: a single cell is expected. (${what})`, what);
  }
  return ref;
}

export function checkBounds(b: Bounds, what: string): Bounds {
  if (b.r0 < 0 || b.c0 < 0 || b.r1 >= MAX_ROWS || b.c1 >= MAX_COLS || b.r1 < b.r0 || b.c1 < b.c0) {
    throw invalidArgument(`${what}: the resulting range is outside the worksheet`, what);
  }
  return b;
}

export function rows(b: Bounds): number {
  return b.r1 - b.r0 + 1;
}
export function cols(b: Bounds): number {
  return b.c1 - b.c0 + 1;
}

/** A 2-D array over a range, built sparsely; the payload is reserved before it is built. */
export function grid(x: Exec, ref: RangeRef, empty: unknown, f: (cell: Cell) => unknown): unknown[][] {
  const per = JSON.stringify(empty).length + 1;
  x.reserveCells(rows(ref.b) * cols(ref.b));
  x.reserve(rows(ref.b) * (cols(ref.b) * per + 2));
  const { r0, c0 } = ref.b;
  const out: unknown[][] = [];
  for (let i = rows(ref.b); i > 0; i--) out.push(new Array<unknown>(cols(ref.b)).fill(empty));
  x.model.readCellsIn(ref.sheet, ref.b, (r, c, cell) => {
    out[r - r0]![c - c0] = f(cell);
  });
  return out;
}

/** One value for a whole range: the common value of every cell, or null when they differ. */
export function uniform<V>(x: Exec, ref: RangeRef, get: (cell: Cell | undefined) => V): V | null {
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

export const FORMAT_CELL_LIMIT = 200_000;
/** A version above every released ExcelApi set: what preview members need. */
export const PREVIEW = '99';

/** Applies a patch to every cell of a range (or only to existing cells when it removes state). */
export function patchRange(x: Exec, ref: RangeRef, patch: Partial<Record<keyof Cell, unknown>>, what: string): void {
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
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  pink: '#FFC0CB',
  lime: '#00FF00',
  lightgreen: '#90EE90',
  lightyellow: '#FFFFE0',
  lightblue: '#ADD8E6',
  lightgray: '#D3D3D3',
  lightgrey: '#D3D3D3',
  darkred: '#8B0000',
  darkgreen: '#006400',
  navy: '#000080',
  teal: '#008080',
  silver: '#C0C0C0',
};

/** Excel answers colors as '#RRGGBB' whatever form they were set in. */
export function normalizeColor(value: unknown, what: string): string {
  if (typeof value !== 'string') throw invalidArgument(`${what}: color must be a string`, what);
  const v = value.trim().toLowerCase();
  if (NAMED_COLORS[v]) return NAMED_COLORS[v]!;
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (m) return `#${m[1]}${m[1]}${m[2]}${m[2]}${m[3]}${m[3]}`.toUpperCase();
  m = /^#[0-9a-f]{6}$/.exec(v);
  if (m) return v.toUpperCase();
  throw invalidArgument(`${what}: unknown color '${value}'`, what);
}

export function writeGrid(x: Exec, ref: RangeRef, wire: unknown, what: string): void {
  const arr = checkShape(wire, rows(ref.b), cols(ref.b), what);
  for (const row of arr) {
    for (const v of row) {
      if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw invalidArgument(`${what}: cell values must be strings, numbers or booleans`, what);
      }
    }
  }
  for (let i = 0; i < arr.length; i++) {
    const row = arr[i]!;
    for (let j = 0; j < row.length; j++) x.model.writeValue(ref.sheet, ref.b.r0 + i, ref.b.c0 + j, row[j] as CellValue | null);
  }
}
