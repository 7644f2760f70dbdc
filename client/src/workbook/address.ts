// A1 addresses, as Excel shows them.

import { columnLetters } from '@taizhang/ledger';

/** 0-based column index and 1-based worksheet row → "F7". */
export function cellAddress(columnIndex: number, rowNumber: number): string {
  return `${columnLetters(columnIndex)}${rowNumber}`;
}
