// Estimating how many bytes a batch of cell values adds to a request: generous (every
// non-ASCII character counted as 3 bytes, JSON quoting included) so estimates stay on the safe side.

export type CellValue = string | number | boolean;

export function cellBytes(v: unknown): number {
  if (typeof v === 'string') {
    let n = 3;
    for (let i = 0; i < v.length; i++) n += v.charCodeAt(i) < 0x80 ? 1 : 3;
    return n;
  }
  return 12;
}

export function matrixBytes(rows: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const r of rows) {
    n += 2;
    for (const v of r) n += cellBytes(v);
  }
  return n;
}

/**
 * A bound `matrixBytes` never exceeds (every character counted as 3 bytes), from the strings'
 * lengths alone: no pass over their characters.
 */
export function matrixBytesAtMost(rows: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const r of rows) {
    n += 2;
    for (const v of r) n += typeof v === 'string' ? 3 + 3 * v.length : 12;
  }
  return n;
}
