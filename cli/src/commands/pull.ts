// `taizhang pull --ledger problems|visits [--county …] [--status …] [--overdue [--today …]] -o out.xlsx
//                 (--email E [--password-stdin] | --token T) [--project … --region … --api-key …] [--json]`
// The consolidated list of the signed-in account's scope, filtered, into a new workbook laid
// out like the add-in's 汇总 sheet (docs/cli.md#taizhang-pull).

import { Option } from 'commander';
import { FILTER_FIELDS, LEDGER_NAMES, LEDGERS, todayInShanghai, type LedgerName, type PullFilter } from '@taizhang/ledger';
import { ApiError } from '@taizhang/client';
import { CliError, EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { refusePasswordArgument } from '../firebase/password';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';
import { pullList } from '@taizhang/client';
import { saveWorkbook } from '../xlsx/writeBack';
import { listWorkbook } from '@taizhang/client/xlsx';
import { parseTodayOption } from './check';

type FilterField = (typeof FILTER_FIELDS)[number];

/** Option name of each filter field: --county, --target-type. */
const FILTER_OPTIONS: readonly { field: FilterField; flag: string; prop: string; zh: string }[] = [
  { field: 'county', flag: '--county', prop: 'county', zh: '县（区、市）' },
  { field: 'sector', flag: '--sector', prop: 'sector', zh: '行业专班' },
  { field: 'status', flag: '--status', prop: 'status', zh: '办理状态' },
  { field: 'level', flag: '--level', prop: 'level', zh: '解决层级' },
  { field: 'group', flag: '--group', prop: 'group', zh: '工作组' },
  { field: 'category', flag: '--category', prop: 'category', zh: '问题类别' },
  { field: 'targetType', flag: '--target-type', prop: 'targetType', zh: '服务类型' },
  { field: 'department', flag: '--department', prop: 'department', zh: '责任单位（名称、其他名称或单位编号）' },
];

export interface PullCommandOptions extends SignInOptions {
  readonly ledger: LedgerName;
  readonly out: string;
  readonly overdue?: boolean;
  readonly today?: string;
  readonly json?: boolean;
  readonly [filter: string]: unknown;
}

export function filterOf(o: PullCommandOptions): PullFilter {
  const filter: PullFilter = {};
  for (const f of FILTER_OPTIONS) {
    const v = o[f.prop];
    if (typeof v === 'string' && v.trim() !== '') filter[f.field] = v.trim();
  }
  return filter;
}

export async function runPull(opts: PullCommandOptions, ctx: CliContext, connect: Connect = realConnect): Promise<number> {
  refusePasswordArgument(opts);
  const ledger = LEDGERS[opts.ledger];
  if (!/\.xlsx$/i.test(opts.out)) throw new CliError(`输出文件须以 .xlsx 结尾：${opts.out}`, `the output file must end in .xlsx: ${opts.out}`);
  if (opts.overdue && ledger.name !== 'problems') {
    throw new CliError('--overdue 只适用于问题清单（--ledger problems）', '--overdue applies to the problem list only (--ledger problems)');
  }
  const filter = filterOf(opts);
  const { api, target } = await connect(opts);
  let list;
  try {
    list = await pullList(api, { ledger: ledger.name, filter, ...(opts.overdue && { overdueAsOf: opts.today ?? todayInShanghai() }) });
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  await saveWorkbook(listWorkbook(ledger, list.rows), opts.out);
  if (opts.json) {
    ctx.io.out(
      `${JSON.stringify({ ledger: ledger.name, out: opts.out, rows: list.rows.length, fetched: list.fetched, filter, overdue: opts.overdue === true, cursor: list.cursor })}\n`,
    );
  } else {
    const f = Object.entries(filter)
      .map(([k, v]) => `${k}=${v}`)
      .concat(opts.overdue ? ['overdue'] : [])
      .join(', ');
    ctx.io.out(`已写入 / Written: ${opts.out}：${ledger.title} ${list.rows.length} 行 / ${ledger.titleEn}, ${list.rows.length} rows${f ? `（${f}）` : ''}\n`);
  }
  return EXIT_OK;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('pull')
    .description('下载汇总清单到新的工作簿 / pull the consolidated list into a new workbook')
    .addOption(new Option('--ledger <name>', '台账类型 / ledger').choices(LEDGER_NAMES).makeOptionMandatory())
    .requiredOption('-o, --out <file.xlsx>', '要写出的工作簿 / workbook to write');
  for (const f of FILTER_OPTIONS) cmd.option(`${f.flag} <value>`, `只要此${f.zh} / only this ${f.field}`);
  cmd
    .option('--overdue', '只要超期问题（截至 --today）/ only overdue problems (as of --today)')
    .option('--today <YYYY-MM-DD>', '判断超期的日期，默认为北京时间今天 / the day for --overdue; default today in Asia/Shanghai', parseTodayOption)
    .option('--json', '输出一个 JSON 对象 / print one JSON object');
  addSignInOptions(cmd).action(async (opts: PullCommandOptions) => {
    ctx.exitCode = await runPull(opts, ctx);
  });
};
