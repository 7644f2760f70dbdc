/**
 * A sheet's cells, column by column: each column an array of cell records indexed by row
 * (undefined: an empty cell). What the add-in reads and writes are blocks of whole columns
 * (a key written into 100,000 rows, a chunk of 2,000 rows read), and each is one walk along
 * a few arrays, where a map per row cost a lookup per cell.
 */
import type { Bounds } from './address';
import type { Cell } from './model';

type Column = (Cell | undefined)[];

export class CellGrid {
  private readonly cols = new Map<number, Column>();

  get(r: number, c: number): Cell | undefined {
    return this.cols.get(c)?.[r];
  }

  /** Puts a record (undefined: the cell becomes empty). */
  set(r: number, c: number, cell: Cell | undefined): void {
    let col = this.cols.get(c);
    if (cell === undefined) {
      if (col !== undefined && r < col.length) col[r] = undefined;
      return;
    }
    if (col === undefined) this.cols.set(c, (col = []));
    col[r] = cell;
  }

  /** Each existing cell inside `b`, column by column, for a reader that changes nothing meanwhile. */
  forEachIn(b: Bounds, f: (r: number, c: number, cell: Cell) => void): void {
    for (const [c, col] of this.cols) {
      if (c < b.c0 || c > b.c1) continue;
      const end = Math.min(b.r1, col.length - 1);
      for (let r = b.r0; r <= end; r++) {
        const cell = col[r];
        if (cell !== undefined) f(r, c, cell);
      }
    }
  }

  /** The columns that hold arrays, between c0 and c1 (a row shift moves them). */
  columnsIn(c0: number, c1: number): Column[] {
    const out: Column[] = [];
    for (const [c, col] of this.cols) if (c >= c0 && c <= c1) out.push(col);
    return out;
  }

  /** Every column that holds an array, with its index. */
  columns(): IterableIterator<[number, readonly (Cell | undefined)[]]> {
    return this.cols.entries();
  }

  /** Moves the cells of columns c0..c1 at or below row r0 down by n rows; what passes `rows` is dropped. */
  insertRows(r0: number, n: number, c0: number, c1: number, rows: number): void {
    for (const [c, col] of this.cols) {
      if (c < c0 || c > c1 || col.length <= r0) continue;
      // A new array filled in order: writing the moved cells from the bottom up would leave a gap of n rows.
      const moved: Column = col.slice(0, r0);
      for (let i = 0; i < n; i++) moved.push(undefined);
      for (let r = r0; r < col.length && r + n < rows; r++) moved.push(col[r]);
      this.cols.set(c, moved);
    }
  }

  /** Removes rows r0..r0+n-1 of columns c0..c1; the cells below move up. */
  deleteRows(r0: number, n: number, c0: number, c1: number): void {
    for (const [c, col] of this.cols) {
      if (c < c0 || c > c1 || col.length <= r0) continue;
      this.cols.set(c, col.slice(0, r0).concat(col.slice(r0 + n)));
    }
  }

  copy(): CellGrid {
    const out = new CellGrid();
    for (const [c, col] of this.cols) out.cols.set(c, col.slice());
    return out;
  }
}
