// A1 addresses from 0-based indexes, for comments, messages and range sources.

import { columnLetters } from '@taizhang/ledger';

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** 'Sheet name'!A1 — quoted always, so names with spaces or CJK need no special case. */
export function sheetAddress(sheet: string, a1: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${a1}`;
}

export function rangeAddress(row: number, col: number, rows: number, cols: number): string {
  return `${cellAddress(row, col)}:${cellAddress(row + rows - 1, col + cols - 1)}`;
}
