// `taizhang duplicate mark|unmark|dismiss --id <id> [--of <id>] [--json] (--email E [--password-stdin] | --token T) [--project …]`
// A coordinator's decision on a likely duplicate (docs/cli.md#taizhang-duplicate): link a
// problem to the one it repeats (it then counts once, under that one), undo the link, or record
// that two problems are not the same.

import { ROW_ID, type DuplicateDecisionAnswer } from '@taizhang/ledger';
import { ApiError, type ApiClient } from '@taizhang/client';
import type { Command } from 'commander';
import { CliError, EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { refusePasswordArgument } from '../firebase/password';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';

export type DuplicateDecision = 'mark' | 'unmark' | 'dismiss';

export interface DuplicateCommandOptions extends SignInOptions {
  readonly id: string;
  readonly of?: string;
  readonly json?: boolean;
}

function checkId(option: string, id: string | undefined): string {
  if (id === undefined) throw new CliError(`缺少 ${option} <编号>`, `${option} <id> is required`);
  if (!ROW_ID.test(id)) throw new CliError(`编号格式不对：${id}（应如 P-140702-2022-000017）`, `not a row id: ${id} (e.g. P-140702-2022-000017)`);
  return id;
}

/** What a decision did, in words. */
export function decisionText(decision: DuplicateDecision, of: string | undefined, a: DuplicateDecisionAnswer): string {
  if (decision === 'mark') {
    return `${a.id} 已标记为 ${a.duplicateOf} 的重复，统计时只计一次（版本 ${a.version}）/ ${a.id} is linked as a repeat of ${a.duplicateOf}; statistics count it once (version ${a.version})\n`;
  }
  if (decision === 'unmark')
    return `${a.id} 已取消重复标记，重新单独统计（版本 ${a.version}）/ ${a.id} is no longer linked; it counts on its own again (version ${a.version})\n`;
  return `已记录 ${a.id} 与 ${of} 不是同一问题，不再提示 / Recorded that ${a.id} and ${of} are not the same problem; they are not offered again\n`;
}

export async function runDuplicate(
  decision: DuplicateDecision,
  opts: DuplicateCommandOptions,
  ctx: CliContext,
  connect: Connect = realConnect,
): Promise<number> {
  refusePasswordArgument(opts);
  const id = checkId('--id', opts.id);
  const of = decision === 'unmark' ? undefined : checkId('--of', opts.of);
  const { api, target } = await connect(opts);
  const call = (a: ApiClient): Promise<DuplicateDecisionAnswer> => {
    if (decision === 'mark') return a.markDuplicate({ ledger: 'problems', id, of: of! });
    if (decision === 'unmark') return a.unmarkDuplicate({ ledger: 'problems', id });
    return a.dismissDuplicate({ ledger: 'problems', id, of: of! });
  };
  let answer: DuplicateDecisionAnswer;
  try {
    answer = await call(api);
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  ctx.io.out(opts.json ? `${JSON.stringify(answer)}\n` : decisionText(decision, of, answer));
  return EXIT_OK;
}

export const register: RegisterCommand = (program, ctx) => {
  const group = program.command('duplicate').description('判定疑似重复的问题（协调员、管理员）/ decide on likely duplicate problems (coordinators, admins)');
  const sub = (name: DuplicateDecision, description: string, withOf: boolean): Command => {
    const cmd = group.command(name).description(description).requiredOption('--id <id>', '问题编号 / the problem’s id');
    if (withOf) cmd.requiredOption('--of <id>', '另一问题的编号 / the other problem’s id');
    cmd.option('--json', '输出一个 JSON 对象 / print one JSON object');
    return addSignInOptions(cmd).action(async (opts: DuplicateCommandOptions) => {
      ctx.exitCode = await runDuplicate(name, opts, ctx);
    });
  };
  sub('mark', '标记为另一问题的重复 / link a problem to the one it repeats', true);
  sub('unmark', '取消重复标记 / undo a problem’s link', false);
  sub('dismiss', '记录两个问题不是同一问题 / record that two problems are not the same', true);
};
