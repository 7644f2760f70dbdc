// What every flow takes besides the host and the API: progress, cancellation, "today", who
// is signed in, and (for tests and the benchmark) the batch budget and chunk size.

import type { Profile } from '@taizhang/client';
import type { SheetLang } from './lang';
import type { TargetIndex } from '@taizhang/ledger';

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
  /**
   * The registries of the account's county: empty 统一社会信用代码, 乡镇（街道）, 县（区、市）
   * are filled from them, and rows that disagree are warned about (never an error).
   */
  registry?: TargetIndex;
  /** The registry's enterprise and village names of the account's county: the 服务对象 dropdown of new sheets. */
  targets?: readonly string[];
  /** A fresh row key (default a random UUID). */
  newKey?: () => string;
}

export const DEFAULT_CHUNK_ROWS = 2000;
/** A read chunk's answer is kept under this many bytes by shrinking the next chunk. */
export const READ_CHUNK_BYTES = 1_500_000;
/** More marked cells than this help nobody; the pane still lists every error. */
export const MAX_MARKED_CELLS = 5000;
