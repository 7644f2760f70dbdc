// `taizhang inbox [--as-of YYYY-MM-DD] [--json] (--email E [--password-stdin] | --token T) [--project …]`
// What awaits the signed-in account (docs/cli.md#taizhang-inbox): counts by reason, then the
// problems of each reason.

import { INBOX_REASON_NAMES, type InboxAnswer, type InboxReason } from '@taizhang/ledger';
import { ApiError } from '@taizhang/client';
import { EXIT_OK, type CliContext, type RegisterCommand } from '../context';
import { refusePasswordArgument } from '../firebase/password';
import { addSignInOptions, apiFailure, connect as realConnect, type Connect, type SignInOptions } from '../firebase/callables';
import { parseTodayOption } from './check';

export interface InboxCommandOptions extends SignInOptions {
  readonly asOf?: string;
  readonly json?: boolean;
}

/** The to-do as text: one line of counts, then each reason's problems. */
export function inboxText(a: InboxAnswer): string {
  const reasons = Object.keys(a.counts) as InboxReason[];
  const name = (r: InboxReason) => INBOX_REASON_NAMES[r];
  const lines = [`待办（截至 ${a.asOf}）/ To-do as of ${a.asOf}: ` + reasons.map((r) => `${name(r).zh} ${a.counts[r]}`).join('，')];
  for (const r of reasons) {
    const items = a.items.filter((i) => i.reason === r);
    if (items.length === 0) continue;
    const more = (a.counts[r] ?? 0) > items.length ? `，列出前 ${items.length} 条 / first ${items.length} listed` : '';
    lines.push('', `${name(r).zh} / ${name(r).en}（${a.counts[r]}${more}）`);
    for (const i of items) {
      const due = i.deadline ? `  期限 ${i.deadline}` : '';
      const dept = i.department ? `  ${i.department}` : '';
      lines.push(`  ${i.id}  ${i.county}  ${i.targetName}  ${i.level}/${i.status}${dept}${due}`, `    ${i.description}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function runInbox(opts: InboxCommandOptions, ctx: CliContext, connect: Connect = realConnect): Promise<number> {
  refusePasswordArgument(opts);
  const { api, target } = await connect(opts);
  let answer: InboxAnswer;
  try {
    answer = await api.getInbox(opts.asOf === undefined ? {} : { asOf: opts.asOf });
  } catch (e) {
    if (e instanceof ApiError) throw apiFailure(e, target);
    throw e;
  }
  ctx.io.out(opts.json ? `${JSON.stringify(answer)}\n` : inboxText(answer));
  return EXIT_OK;
}

export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('inbox')
    .description('我的待办：待交办、待审核、已超期等 / what awaits me: to assign, to review, overdue, …')
    .option(
      '--as-of <YYYY-MM-DD>',
      '判断超期和临期的日期，默认为北京时间今天 / the day for overdue and due soon; default today in Asia/Shanghai',
      parseTodayOption,
    )
    .option('--json', '输出一个 JSON 对象 / print one JSON object');
  addSignInOptions(cmd).action(async (opts: InboxCommandOptions) => {
    ctx.exitCode = await runInbox(opts, ctx);
  });
};
