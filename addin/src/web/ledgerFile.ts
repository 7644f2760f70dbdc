// A ledger workbook the clerk chose in the web page, from its bytes to the file handed back:
// read (the shared xlsx reader), checked and planned (the shared workbook check and sync
// core), pushed, its conflicts settled, every answer written into the same workbook, so the
// download is the clerk's own file with the system columns and states filled in. The file
// library is loaded only here, when a file is chosen, as its own chunk.

import {
  planWorkbookPush,
  pushReport,
  sendRows,
  settleConflicts,
  type ApiClient,
  type Choice,
  type Conflict,
  type PushReport,
  type PushTally,
  type Settled,
  type WorkbookPushPlan,
} from '@taizhang/client';
import type ExcelJS from 'exceljs';

export type Xlsx = typeof import('@taizhang/client/xlsx');

let xlsx: Promise<Xlsx> | undefined;

/** The file library, fetched once, the first time a file is opened or a list is written. */
export function loadXlsx(): Promise<Xlsx> {
  xlsx ??= import('@taizhang/client/xlsx');
  return xlsx;
}

export interface OpenOptions {
  readonly today: string;
  /** The signed-in account's county and group, filled into new rows where empty. */
  readonly profile?: { readonly county?: string; readonly group?: string };
  readonly newKey: () => string;
  /** The file library when the caller already has it (Node's tests); else it is fetched. */
  readonly xlsx?: Xlsx;
}

/** "台账.xlsx" → "台账（已同步）.xlsx". */
export function syncedName(name: string): string {
  const base = name.replace(/\.xlsx$/i, '');
  return `${base}（已同步）.xlsx`;
}

export class LedgerFile {
  private constructor(
    readonly name: string,
    private readonly lib: Xlsx,
    private readonly workbook: ExcelJS.Workbook,
    private readonly o: OpenOptions,
    /** The check and what a push would send, as of the last read of the workbook. */
    public plan: WorkbookPushPlan,
  ) {}

  /** Reads and checks the file. Throws WorkbookError when it is no .xlsx or holds no ledger. */
  static async open(bytes: ArrayBuffer | Uint8Array, name: string, o: OpenOptions): Promise<LedgerFile> {
    const lib = o.xlsx ?? (await loadXlsx());
    const { data, workbook } = await lib.openWorkbook(bytes, name);
    const plan = planWorkbookPush(data, o);
    // New rows' keys (and the county and group filled in) go into the file before anything is
    // sent: a push that breaks off and is run again finds the rows it already stored.
    lib.applyWrites(workbook, plan.sheet, plan.writes);
    return new LedgerFile(name, lib, workbook, o, plan);
  }

  /** The workbook as it now is, checked and planned again (after answers were written). */
  private replan(): WorkbookPushPlan {
    this.plan = planWorkbookPush(this.lib.workbookData(this.workbook), { ...this.o, sheet: this.plan.sheet, ledger: this.plan.cols.ledger.name });
    this.lib.applyWrites(this.workbook, this.plan.sheet, this.plan.writes);
    return this.plan;
  }

  /** Sends the new and changed valid rows; every answer is written into the workbook. */
  async push(api: ApiClient, signal?: AbortSignal): Promise<{ tally: PushTally; report: PushReport }> {
    const plan = this.plan;
    const tally = await sendRows(plan.cols, plan.outgoing, api, {
      ...(signal && { signal }),
      onAnswers: (writes) => void this.lib.applyWrites(this.workbook, plan.sheet, writes),
    });
    this.replan();
    return { tally, report: pushReport(plan, tally) };
  }

  /**
   * Settles the conflicts the last push showed as `choose` says (the shared settleConflicts:
   * only a conflict the file still shows at the version reported is settled).
   */
  async settle(api: ApiClient, conflicts: readonly Conflict[], choose: (c: Conflict) => Choice | undefined, signal?: AbortSignal): Promise<Settled> {
    const settled = await settleConflicts(this.plan, conflicts, choose, api, undefined, signal ? { signal } : {});
    this.lib.applyWrites(this.workbook, this.plan.sheet, settled.tally.writes);
    this.replan();
    return settled;
  }

  /** The workbook with everything written so far, as the .xlsx file to download. */
  bytes(): Promise<Uint8Array> {
    return this.lib.workbookBytes(this.workbook);
  }

  get downloadName(): string {
    return syncedName(this.name);
  }
}
