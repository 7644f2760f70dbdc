// `taizhang push <file.xlsx> [--ledger …] [--sheet …] [--today …] [-o out.xlsx | --in-place] [--json]
//                 (--email E [--password P] | --token T) [--project … --region … --api-key …]`
// The add-in's push for a workbook file (CLI.md): new and changed valid rows go to pushRows;
// ids, versions, sync states, row keys and canonical values are written back, into a copy
// (<name>.synced.xlsx unless -o) or, with --in-place, into the file itself.

import { basename, dirname, extname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Option } from 'commander';
import { LEDGER_NAMES, todayInShanghai, type LedgerName } from '@taizhang/ledger';
import { CliError, EXIT_INVALID, EXIT_OK, EXIT_UNUSABLE, type CliContext, type RegisterCommand } from '../context';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';
import { planPush } from '../sync/plan';
import { sendPlan } from '../sync/push';
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

export async function runPush(file: string, opts: PushCommandOptions, ctx: CliContext, connect: Connect = realConnect): Promise<number> {
  const out = outputPath(file, opts);
  const { data, workbook } = await loadWorkbook(file);
  const { api, profile, target } = await connect(opts);
  const plan = planPush(data, {
    ledger: opts.ledger, sheet: opts.sheet, today: opts.today ?? todayInShanghai(),
    profile: { county: profile.county, group: profile.group }, newKey: randomUUID,
  });
  const outcome = await sendPlan(plan, api);
  // Written even when the push broke off: the keys are in the file, so running it again
  // finds the rows the server already stored instead of creating them twice.
  applyWrites(workbook, plan.sheet, outcome.writes);
  await saveWorkbook(workbook, out);
  if (opts.json) ctx.io.out(`${JSON.stringify(pushJson(plan, outcome, out))}\n`);
  else ctx.io.out(formatPush(plan, outcome, file, out));
  if (outcome.error) {
    const e = apiFailure(outcome.error, target);
    ctx.io.err(`错误：${e.zh}（已收到的回答已写入 ${out}，可再次运行）\nError: ${e.en} (the answers received are in ${out}; run it again)\n`);
    return EXIT_UNUSABLE;
  }
  const trouble = plan.inspection.report.errors.length + outcome.conflicts.length + outcome.forbidden.length
    + outcome.serverInvalid.length + outcome.notFound.length;
  return trouble === 0 ? EXIT_OK : EXIT_INVALID;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('push')
    .description('上报工作簿：新增和改动的有效行发送到服务器，编号、版本、同步状态写回 / push new and changed valid rows; ids, versions and sync states are written back')
    .argument('<file>', '.xlsx 工作簿 / the .xlsx workbook')
    .addOption(new Option('--ledger <name>', '台账类型，默认按表头判断 / ledger; default: the one whose headers match best').choices(LEDGER_NAMES))
    .option('--sheet <name>', '工作表名，默认为第一个表头匹配的工作表 / sheet; default: the first whose header row matches')
    .option('--today <YYYY-MM-DD>', '日期规则所用的“今天”，默认为北京时间今天 / "today" for the date rules; default: today in Asia/Shanghai', parseTodayOption)
    .option('-o, --out <file.xlsx>', '写回到此副本，默认为 <文件名>.synced.xlsx / write the answers into this copy; default <name>.synced.xlsx')
    .option('--in-place', '直接写回原文件 / write the answers into the file itself')
    .option('--json', '输出一个 JSON 对象 / print one JSON object');
  addSignInOptions(cmd).action(async (file: string, opts: PushCommandOptions) => {
    ctx.exitCode = await runPush(file, opts, ctx);
  });
};
