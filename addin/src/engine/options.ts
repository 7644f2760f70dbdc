// What every flow takes besides the host and the API: progress, cancellation, "today", who
// is signed in, and (for tests and the benchmark) the batch budget and chunk size.

import type { Profile } from '@taizhang/client';
import type { SheetLang } from './lang';

export type Phase = 'prepare' | 'read' | 'check' | 'mark' | 'push' | 'write' | 'pull' | 'stats';

export interface FlowOptions {
  onProgress?(done: number, total: number, phase: Phase): void;
  signal?: AbortSignal;
  /** YYYY-MM-DD the date rules are judged against; default today in Asia/Shanghai. */
  today?: string;
  /** The signed-in account (getProfile): pre-fills county and group of new rows. */
  profile?: Profile;
  /** Bytes per Excel batch (default 2 MB, far under the 5 MB limit). */
  batchBytes?: number;
  /** Rows per read (default 2000; fewer when rows are long). */
  chunkRows?: number;
  /** The language written into sheets (default Office's display language: ./lang). */
  lang?: SheetLang;
  /** A fresh row key (default a random UUID). */
  newKey?: () => string;
}

export const DEFAULT_CHUNK_ROWS = 2000;
/** A read chunk's answer is kept under this many bytes by shrinking the next chunk. */
export const READ_CHUNK_BYTES = 1_500_000;
/** More marked cells than this help nobody; the pane still lists every error. */
export const MAX_MARKED_CELLS = 5000;
