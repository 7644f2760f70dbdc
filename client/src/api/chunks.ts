// Cutting a push into calls the server accepts: at most 500 rows and well under its 4 MiB
// request limit (docs/api.md#calling, "Limits"), so no call is ever refused for its size.

import { utf8Length } from '@taizhang/ledger';

export const MAX_ROWS_PER_CALL = 500;
/** ~3 MB: a margin below the server's 4 MiB for the envelope and for estimation error. */
export const MAX_BYTES_PER_CALL = 3_000_000;

/** A value's size as JSON on the wire, in UTF-8 bytes. */
export function jsonBytes(x: unknown): number {
  return utf8Length(JSON.stringify(x) ?? '');
}

export interface ChunkLimits {
  readonly maxRows?: number;
  readonly maxBytes?: number;
}

/**
 * Consecutive chunks of `items`, each within both limits (a single item larger than
 * maxBytes travels alone: the server is then the one to say what is wrong with it).
 */
export function planChunks<T>(items: readonly T[], limits: ChunkLimits = {}, size: (x: T) => number = jsonBytes): T[][] {
  const maxRows = limits.maxRows ?? MAX_ROWS_PER_CALL;
  const maxBytes = limits.maxBytes ?? MAX_BYTES_PER_CALL;
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const b = size(item) + 1; // the comma between array elements
    if (current.length > 0 && (current.length >= maxRows || bytes + b > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += b;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
