// `taizhang push <file.xlsx> [--ledger …] [--sheet …] [--today …] [-o out.xlsx | --in-place] [--json]
//                 [--keep-mine ROWS] [--take-theirs ROWS]
//                 (--email E [--password-stdin] | --token T) [--project … --region … --api-key …]`
// The add-in's push for a workbook file (docs/cli.md#taizhang-push): new and changed valid rows go to pushRows;
// ids, versions, sync states, row keys and canonical values are written back, into a copy
// (<name>.synced.xlsx unless -o) or, with --in-place, into the file itself. Conflicts in the
// rows named by --keep-mine / --take-theirs are settled as the add-in's pane settles them.

import { basename, dirname, extname, join, resolve } from 'node:path';
import { Option } from 'commander';
import { LEDGER_NAMES, todayInShanghai, type LedgerName } from '@taizhang/ledger';
import { ApiError, pushReport, refuseWorkbookRights, rowKeyMaker, troubleRows } from '@taizhang/client';
import { countiesFor, registryFor } from '../sync/registry';
import { CliError, EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, type CliContext, type RegisterCommand } from '../context';
import { refusePasswordArgument } from '../firebase/password';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';
import { planPush } from '../sync/plan';
import { sendPlan } from '../sync/push';
import { checkChoices, hasChoices, parseRowSelection, settleConflicts, type ConflictChoices } from '../sync/resolve';
import { formatPush, pushJson } from '../sync/report';
import { loadWorkbook } from '../xlsx/readSheet';
import { applyWrites, saveWorkbook } from '../xlsx/writeBack';
import { parseTodayOption } from './check';

export interface PushCommandOptions extends SignInOptions {
  readonly ledger?: LedgerName;
  readonly sheet?: string;
  readonly today?: string;
  readonly out?: string;
  readonly inPlace?: boolean;
  readonly json?: boolean;
  /** Rows (or "all") whose conflicts are settled with the workbook's values / the server's. */
  readonly keepMine?: string;
  readonly takeTheirs?: string;
}

/** Where the answers go: the file itself, -o, or <name>.synced.xlsx beside it. */
export function outputPath(file: string, o: { out?: string; inPlace?: boolean }): string {
  if (o.inPlace && o.out !== undefined) throw new CliError('--in-place 与 -o 只能选一个', 'use either --in-place or -o, not both');
  if (o.inPlace) return file;
  if (o.out !== undefined) {
    if (!/\.xlsx$/i.test(o.out)) throw new CliError(`输出文件须以 .xlsx 结尾：${o.out}`, `the output file must end in .xlsx: ${o.out}`);
    if (resolve(o.out) === resolve(file)) throw new CliError('要写回原文件请用 --in-place', 'to write into the file itself, use --in-place');
    return o.out;
  }
  return join(dirname(file), `${basename(file, extname(file))}.synced.xlsx`);
}

export async function runPush(
  file: string,
  opts: PushCommandOptions,
  ctx: CliContext,
  connect: Connect = realConnect,
  newKey: () => string = rowKeyMaker(),
): Promise<number> {
  refusePasswordArgument(opts);
  const out = outputPath(file, opts);
  const choices: ConflictChoices = {
    ...(opts.keepMine !== undefined && { keepMine: parseRowSelection('--keep-mine', opts.keepMine) }),
    ...(opts.takeTheirs !== undefined && { takeTheirs: parseRowSelection('--take-theirs', opts.takeTheirs) }),
  };
  checkChoices(choices);
  const { data, workbook } = await loadWorkbook(file);
  const { api, profile, target } = await connect(opts);
  let registry;
  try {
    registry = await registryFor(api, countiesFor(data, opts, profile));
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  const planned = planPush(data, {
    ...(registry !== undefined && { registry }),
    ledger: opts.ledger,
    sheet: opts.sheet,
    today: opts.today ?? todayInShanghai(),
    profile: { county: profile.county, group: profile.group },
    newKey,
  });
  let plan;
  try {
    // What the account may not change is refused here, before anything is sent (docs/workflow.md).
    plan = await refuseWorkbookRights(planned, api, profile);
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  const sent = await sendPlan(plan, api);
  const { outcome, settlement } = hasChoices(choices) ? await settleConflicts(plan, sent, choices, api) : { outcome: sent, settlement: undefined };
  // Written even when the push broke off: the keys are in the file, so running it again
  // finds the rows the server already stored instead of creating them twice.
  applyWrites(workbook, plan.sheet, outcome.writes);
  await saveWorkbook(workbook, out);
  if (opts.json) ctx.io.out(`${JSON.stringify(pushJson(plan, outcome, out, settlement))}\n`);
  else ctx.io.out(formatPush(plan, outcome, file, out, settlement));
  if (outcome.error) {
    const e = apiFailure(outcome.error, target);
    ctx.io.err(`错误：${e.zh}（已收到的回答已写入 ${out}，可再次运行）\nError: ${e.en} (the answers received are in ${out}; run it again)\n`);
    return EXIT_UNUSABLE;
  }
  return troubleRows(pushReport(plan, outcome, settlement)) === 0 ? EXIT_OK : EXIT_INVALID;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('push')
    .description(
      '上报工作簿：新增和改动的有效行发送到服务器，编号、版本、同步状态写回 / push new and changed valid rows; ids, versions and sync states are written back',
    )
    .argument('<file>', '.xlsx 工作簿 / the .xlsx workbook')
    .addOption(new Option('--ledger <name>', '台账类型，默认按表头判断 / ledger; default: the one whose headers match best').choices(LEDGER_NAMES))
    .option('--sheet <name>', '工作表名，默认为第一个表头匹配的工作表 / sheet; default: the first whose header row matches')
    .option('--today <YYYY-MM-DD>', '日期规则所用的“今天”，默认为北京时间今天 / "today" for the date rules; default: today in Asia/Shanghai', parseTodayOption)
    .option('-o, --out <file.xlsx>', '写回到此副本，默认为 <文件名>.synced.xlsx / write the answers into this copy; default <name>.synced.xlsx')
    .option('--in-place', '直接写回原文件 / write the answers into the file itself')
    .option('--json', '输出一个 JSON 对象 / print one JSON object')
    .option(
      '--keep-mine <rows>',
      "这些行若有冲突，以本表为准再次上报（行号如 7,9,12-15，或 all）/ settle conflicts in these rows with the workbook's values, pushed again (rows such as 7,9,12-15, or all)",
    )
    .option(
      '--take-theirs <rows>',
      "这些行若有冲突，以台账中的内容为准写回本表（行号如 7,9,12-15，或 all）/ settle conflicts in these rows with the ledger's values, written into the workbook (rows such as 7,9,12-15, or all)",
    );
  addSignInOptions(cmd).action(async (file: string, opts: PushCommandOptions) => {
    ctx.exitCode = await runPush(file, opts, ctx);
  });
};
