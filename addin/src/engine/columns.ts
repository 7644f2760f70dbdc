// The columns of a synced sheet: the ledger's own, then the system columns shared with the
// CLI (SYSTEM_COLUMNS, fingerprint included). How a canonical value is written into a cell,
// and with which number format, is the ledger core's (shared with the CLI's write-back).

import { SYSTEM_COLUMNS, type SystemColumn } from '@taizhang/ledger';

export { cellOf, numberFormatOf, sameCell } from '@taizhang/ledger';
export type { SystemKey } from '@taizhang/ledger';

export const SYSTEM_DEFS: readonly SystemColumn[] = SYSTEM_COLUMNS;

export const SYSTEM_FILL = '#D9D9D9';
export const SYSTEM_FONT = '#595959';
export const HEADER_FILL = '#DDEBF7';
