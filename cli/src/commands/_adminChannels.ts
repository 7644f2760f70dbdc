// `taizhang admin channels add|list|test|remove|outbox`: robots bound to the city office, a
// county or a department (@taizhang/functions/admin), and the outbox of their messages. Not a
// command module of its own (underscore): admin.ts calls it. Administrators only: these use the
// Admin SDK's credentials (the emulators for demo-… projects).

import { Option, type Command } from 'commander';
import { getFirestore } from 'firebase-admin/firestore';
import { parseTarget, type ChannelView } from '@taizhang/ledger';
import { channelLine, outboxLine, resolveCredentials, type CredentialOptions } from '../admin/channels';
import { CliError, EXIT_INVALID, type CliContext } from '../context';
import { adminApp } from '../firebase/adminApp';
import { chooseProject, isEmulatorProject } from '../firebase/project';
import {
  addChannel,
  channelPaths,
  enqueueOnce,
  getChannel,
  listChannels,
  listOutbox,
  removeChannel,
  sendDueReminders,
  testMessage,
  ChannelError,
  type MessageStatus,
  type OutboxMessage,
} from '@taizhang/functions/admin';

interface Common {
  project?: string;
  json?: boolean;
}

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

const db = (o: Common) => getFirestore(adminApp(o.project));

function show(ctx: CliContext, o: Common, c: ChannelView | ChannelView[]): void {
  if (o.json) ctx.io.out(`${JSON.stringify(c)}\n`);
  else for (const x of Array.isArray(c) ? c : [c]) ctx.io.out(`${channelLine(x)}\n`);
}

async function guard<T>(run: Run, fn: () => Promise<T>): Promise<T> {
  return run(async () => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ChannelError) throw new CliError(e.text.zh, e.text.en);
      throw e;
    }
  });
}

export function registerChannels(admin: Command, ctx: CliContext, run: Run, common: (c: Command) => Command): void {
  const channels = admin.command('channels').description('提醒渠道：企业微信、钉钉群机器人 / reminder channels: WeCom and DingTalk group robots');

  common(
    channels
      .command('add')
      .description(
        '绑定群机器人（地址和密钥从标准输入、环境变量或终端读入）/ bind a group robot (address and secret from standard input, the environment or the terminal)',
      ),
  )
    .requiredOption('--platform <wecom|dingtalk>', '平台：wecom 企业微信，dingtalk 钉钉 / platform')
    .requiredOption('--target <target>', '对象：全市（city）、县（区、市）名称，或 department:部门编号 / who it speaks to: city, a county, or department:<id>')
    .option('--label <label>', '名称，如群名 / a name, e.g. the group’s')
    .option(
      '--webhook-stdin',
      '从标准输入读入地址（第一行）和钉钉加签密钥（第二行）/ read the address (first line) and DingTalk secret (second line) from standard input',
    )
    .addOption(new Option('--webhook <url>').hideHelp())
    .addOption(new Option('--secret <secret>').hideHelp())
    .action(async (o: Common & CredentialOptions & { platform: string; target: string; label?: string }) => {
      const target = parseTarget(o.target);
      if (!target.ok) throw new CliError(target.error.zh, target.error.en);
      const creds = await resolveCredentials(o, o.platform === 'dingtalk');
      const allowLoopback = isEmulatorProject(chooseProject(o.project));
      show(ctx, o, await guard(run, () => addChannel(db(o), { platform: o.platform, target: target.target, label: o.label, ...creds }, allowLoopback)));
    });

  common(channels.command('list').description('列出提醒渠道（地址已隐藏）/ list channels (addresses masked)')).action(async (o: Common) =>
    show(ctx, o, await guard(run, () => listChannels(db(o)))),
  );

  common(channels.command('remove').description('解除绑定 / unbind a robot').argument('<id>', '渠道编号 / channel id')).action(async (id: string, o: Common) =>
    show(ctx, o, await guard(run, () => removeChannel(db(o), id))),
  );

  common(channels.command('test').description('向该机器人发送一条测试消息 / send the robot a test message').argument('<id>', '渠道编号 / channel id')).action(
    async (id: string, o: Common) => {
      const m = await guard(run, async () => {
        const store = db(o);
        const c = await getChannel(store, id);
        if (!c) throw new ChannelError({ zh: `没有编号为「${id}」的提醒渠道`, en: `No channel has the id "${id}"` });
        const msg = testMessage(c.id, c.label, Date.now());
        await enqueueOnce(store, msg);
        await sendDueReminders(store, { only: [msg.id] });
        return (await channelPaths.message(store, msg.id).get()).data() as OutboxMessage;
      });
      if (o.json) ctx.io.out(`${JSON.stringify(m)}\n`);
      else if (m.status === 'sent') ctx.io.out(`已发送 / sent  ${m.id}\n`);
      else ctx.io.out(`未发送，将按计划重试 / not sent, it will be retried  ${outboxLine(m)}\n`);
      if (m.status !== 'sent') ctx.exitCode = EXIT_INVALID;
    },
  );

  common(channels.command('outbox').description('发件箱：最近的提醒及其发送情况 / the outbox: recent reminders and how their sending went'))
    .option('--status <status>', 'pending | sending | sent | failed')
    .option('--channel <id>', '只看一个渠道 / one channel only')
    .option('--limit <n>', '条数（默认 50）/ how many (default 50)', '50')
    .action(async (o: Common & { status?: string; channel?: string; limit: string }) => {
      if (o.status !== undefined && !['pending', 'sending', 'sent', 'failed'].includes(o.status)) {
        throw new CliError('状态须为 pending、sending、sent 或 failed', 'The status must be pending, sending, sent or failed');
      }
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('条数须为 1–1000 的整数', 'The limit must be a whole number 1–1000');
      const list = await guard(run, () => listOutbox(db(o), { limit, status: o.status as MessageStatus | undefined, channelId: o.channel }));
      if (o.json) ctx.io.out(`${JSON.stringify(list)}\n`);
      else if (list.length === 0) ctx.io.out('发件箱为空 / the outbox is empty\n');
      else for (const m of list) ctx.io.out(`${outboxLine(m)}\n`);
    });
}
