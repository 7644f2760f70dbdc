// `taizhang history <id> [--ledger problems] [--json] (--email E [--password-stdin] | --token T) [--project …]`
// A row's story (docs/cli.md#taizhang-history): each revision, who and when, fields old → new.

import { Option } from 'commander';
import { LEDGER_NAMES, LEDGERS, ROW_ID, type HistoryAnswer, type LedgerName } from '@taizhang/ledger';
import { ApiError } from '@taizhang/client';
import { CliError, EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { refusePasswordArgument } from '../firebase/password';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';

export interface HistoryCommandOptions extends SignInOptions {
  readonly ledger: LedgerName;
  readonly json?: boolean;
}

const ACTIONS = { created: '新增 / created', updated: '修改 / updated', withdrawn: '撤回 / withdrawn' } as const;

function shown(x: unknown): string {
  return x === undefined ? '（空）' : typeof x === 'string' ? x : JSON.stringify(x);
}

/** The revisions as text, with each field under its column header. */
export function historyText(ledger: LedgerName, id: string, h: HistoryAnswer): string {
  const header = (key: string) => LEDGERS[ledger].fields.find((f) => f.key === key)?.header ?? key;
  const lines = [`${id} 修改记录 / history: ${h.revisions.length}`];
  for (const r of h.revisions) {
    lines.push(`v${r.version}  ${r.at}  ${r.by}  ${ACTIONS[r.action] ?? r.action}`);
    for (const c of r.changes) lines.push(`    ${header(c.field)}: ${shown(c.old)} → ${shown(c.new)}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runHistory(id: string, opts: HistoryCommandOptions, ctx: CliContext, connect: Connect = realConnect): Promise<number> {
  refusePasswordArgument(opts);
  if (!ROW_ID.test(id)) throw new CliError(`编号格式不对：${id}（应如 P-140702-2022-000017）`, `not a row id: ${id} (e.g. P-140702-2022-000017)`);
  const { api, target } = await connect(opts);
  let answer: HistoryAnswer;
  try {
    answer = await api.getHistory({ ledger: opts.ledger, id });
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  ctx.io.out(opts.json ? `${JSON.stringify({ ledger: opts.ledger, id, ...answer })}\n` : historyText(opts.ledger, id, answer));
  return EXIT_OK;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('history <id>')
    .description('一行的修改记录 / the history of one row')
    .addOption(new Option('--ledger <name>', '台账类型 / ledger').choices(LEDGER_NAMES).default('problems'))
    .option('--json', '输出一个 JSON 对象 / print one JSON object');
  addSignInOptions(cmd).action(async (id: string, opts: HistoryCommandOptions) => {
    ctx.exitCode = await runHistory(id, opts, ctx);
  });
};
