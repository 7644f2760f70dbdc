// The look of the system columns on a sheet the add-in lays out. How a canonical value is
// written into a cell, and with which number format, is the shared client's.

import { LIST_SYSTEM_COLUMNS, SYSTEM_COLUMNS, type SystemColumn } from '@taizhang/ledger';

export { cellOf, numberFormatOf, sameCell } from '@taizhang/client';
export type { SystemKey } from '@taizhang/ledger';

export const SYSTEM_DEFS: readonly SystemColumn[] = SYSTEM_COLUMNS;
/** A pulled list's system columns: the sheet's, then the list's own (重复于). */
export const LIST_DEFS: readonly SystemColumn[] = [...SYSTEM_COLUMNS, ...LIST_SYSTEM_COLUMNS];

export const SYSTEM_FILL = '#D9D9D9';
export const SYSTEM_FONT = '#595959';
export const HEADER_FILL = '#DDEBF7';
