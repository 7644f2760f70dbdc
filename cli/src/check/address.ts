// A1 addresses, as Excel shows them.

/** 0-based column index → letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index and 1-based worksheet row → "F7". */
export function cellAddress(columnIndex: number, rowNumber: number): string {
  return `${columnLetters(columnIndex)}${rowNumber}`;
}
