// One Excel.run with a request budget. Commands queued on the context travel with the next
// sync; the session tallies their estimated size so a flow can sync when a batch gets big,
// and counts syncs so tests and the benchmark can hold the flows to their budgets.

import type { ExcelHost } from './host';

/**
 * Excel on the web refuses requests and answers over 5 MB each; a batch is synced when its
 * estimate reaches this, so that no request or answer passes 4 MB as office.js sends it.
 */
export const DEFAULT_BATCH_BYTES = 2_000_000;
/**
 * Bytes a queued command costs beyond its data, as office.js writes it: every command
 * re-sends the object paths it goes through (worksheet by name, cell, format, fill), each with
 * an instantiate action. Measured with office.js's own request builder
 * (tests/support/officeRuntime.ts): about 750 bytes for a fill on one cell, 730 for a load of
 * one cell's fill, 460 for a load of values, 410 per cell of a scattered write.
 */
export const OP_OVERHEAD_BYTES = 800;

export interface SessionStats {
  syncs: number;
  largestBatchBytes: number;
}

/** A value that exists after the next sync. Reading it earlier is a bug and throws. */
export interface Pending<T> {
  readonly value: T;
}

export function pending<T>(read: () => T): Pending<T> {
  return {
    get value() {
      return read();
    },
  };
}

export function resolved<T>(value: T): Pending<T> {
  return { value };
}

export class Session {
  private pendingBytes = 0;
  readonly stats: SessionStats = { syncs: 0, largestBatchBytes: 0 };

  constructor(
    readonly ctx: Excel.RequestContext,
    private readonly host: ExcelHost,
    readonly batchBytes: number = DEFAULT_BATCH_BYTES,
  ) {}

  supports(version: string, set = 'ExcelApi'): boolean {
    return this.host.isSetSupported?.(set, version) ?? false;
  }

  /** Tally a queued command of roughly `dataBytes` of payload. */
  queued(dataBytes: number): void {
    this.pendingBytes += dataBytes + OP_OVERHEAD_BYTES;
  }

  get batchIsFull(): boolean {
    return this.pendingBytes >= this.batchBytes;
  }

  get queuedBytes(): number {
    return this.pendingBytes;
  }

  async sync(): Promise<void> {
    this.stats.largestBatchBytes = Math.max(this.stats.largestBatchBytes, this.pendingBytes);
    this.pendingBytes = 0;
    this.stats.syncs++;
    await this.ctx.sync();
  }

  /** Sync only when the queued commands have reached the budget. */
  async syncIfFull(): Promise<void> {
    if (this.batchIsFull) await this.sync();
  }
}

/** Runs `flow` in one Excel.run with a session; the session's stats are returned with the result. */
export async function withSession<T>(host: ExcelHost, flow: (s: Session) => Promise<T>, batchBytes?: number): Promise<{ result: T; stats: SessionStats }> {
  let stats: SessionStats = { syncs: 0, largestBatchBytes: 0 };
  const result = await host.run(async (ctx) => {
    const s = new Session(ctx, host, batchBytes);
    stats = s.stats;
    return flow(s);
  });
  return { result, stats };
}
