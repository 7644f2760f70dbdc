// `taizhang check <file.xlsx> [--ledger problems|visits] [--sheet NAME] [--today YYYY-MM-DD] [--json]`
// Validates a workbook offline (docs/cli.md#taizhang-check).

import { InvalidArgumentError, Option } from 'commander';
import { CANONICAL_DATE, LEDGER_NAMES, parseDateText, todayInShanghai, type LedgerName } from '@taizhang/ledger';
import { EXIT_INVALID, EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { checkWorkbook } from '../check/checkWorkbook';
import { formatReport, toJson } from '../check/report';
import { readWorkbook } from '../xlsx/readSheet';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';
import { countiesFor, registryFor } from '../sync/registry';
import { ApiError } from '@taizhang/client';

export interface CheckCommandOptions extends SignInOptions {
  readonly ledger?: LedgerName;
  readonly sheet?: string;
  readonly today?: string;
  readonly json?: boolean;
}

/** A real calendar day written YYYY-MM-DD. */
export function parseTodayOption(value: string): string {
  const parsed = CANONICAL_DATE.test(value) ? parseDateText(value) : { ok: false as const };
  if (!parsed.ok || parsed.value !== value) {
    throw new InvalidArgumentError(`须为 YYYY-MM-DD 格式的日期 / must be a date written YYYY-MM-DD`);
  }
  return value;
}

/** Check one file and write the report; returns the exit status. Throws CliError (exit 2). */
export async function runCheck(file: string, opts: CheckCommandOptions, ctx: CliContext, connect: Connect = realConnect): Promise<number> {
  const book = await readWorkbook(file);
  // Signed in, the registries fill and warn; offline, the check says it had none.
  let registry;
  if (opts.email !== undefined || opts.token !== undefined) {
    const { api, profile, target } = await connect(opts);
    try {
      registry = await registryFor(api, countiesFor(book, opts, profile));
    } catch (e) {
      if (e instanceof ApiError) throw apiFailure(e, target);
      throw e;
    }
  }
  const report = checkWorkbook(book, {
    ...(registry !== undefined && { registry }),
    ledger: opts.ledger,
    sheet: opts.sheet,
    today: opts.today ?? todayInShanghai(),
  });
  if (opts.json) ctx.io.out(`${JSON.stringify(toJson(report))}\n`);
  else ctx.io.out(formatReport(report, file));
  return report.errors.length === 0 ? EXIT_OK : EXIT_INVALID;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('check')
    .description(
      '检查工作簿；登录后按企业和行政村名录补全空单元格并提示不符之处 / check a workbook; signed in, empty cells are filled from the registers of enterprises and villages and disagreements noted',
    )
    .argument('<file>', '.xlsx 工作簿 / the .xlsx workbook')
    .addOption(new Option('--ledger <name>', '台账类型，默认按表头判断 / ledger; default: the one whose headers match best').choices(LEDGER_NAMES))
    .option('--sheet <name>', '工作表名，默认为第一个表头匹配的工作表 / sheet; default: the first whose header row matches')
    .option('--today <YYYY-MM-DD>', '日期规则所用的“今天”，默认为北京时间今天 / "today" for the date rules; default: today in Asia/Shanghai', parseTodayOption)
    .option('--json', '输出一个 JSON 对象 / print one JSON object');
  addSignInOptions(cmd).action(async (file: string, opts: CheckCommandOptions) => {
    ctx.exitCode = await runCheck(file, opts, ctx);
  });
};
