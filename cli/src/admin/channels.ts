// `taizhang admin channels`: what the commands do, apart from their wiring. A robot's address
// and secret are credentials, so they never come from the command line (the shell history and
// the process list keep it): standard input (--webhook-stdin: the address on the first line,
// DingTalk's secret on the second), else TAIZHANG_ROBOT_WEBHOOK / TAIZHANG_ROBOT_SECRET
// (scripts), else asked for on the terminal without echo. Everything printed shows a channel
// as a ChannelView: masked address, no secret.

import { PLATFORM_NAMES, targetLabel, type ChannelView } from '@taizhang/ledger';
import { CliError } from '../context';
import { promptHidden } from '../firebase/password';
import type { OutboxMessage } from '@taizhang/functions/admin';

export interface RobotCredentials {
  readonly webhook: string;
  readonly secret?: string;
}

export interface CredentialOptions {
  /** Only ever set to be refused. */
  readonly webhook?: string;
  readonly secret?: string;
  readonly webhookStdin?: boolean;
}

export function refuseCredentialArguments(o: CredentialOptions): void {
  if (o.webhook === undefined && o.secret === undefined) return;
  throw new CliError(
    '出于安全考虑，机器人地址和加签密钥不能写在命令行上（会留在命令历史和进程列表中）：请在提示时输入，或用 --webhook-stdin 从标准输入读入（第一行地址，第二行密钥），或设置环境变量 TAIZHANG_ROBOT_WEBHOOK、TAIZHANG_ROBOT_SECRET',
    'For safety a robot address or signing secret is not taken from the command line (the shell history and the process list keep it): type it when asked, pipe it in with --webhook-stdin (address on the first line, secret on the second), or set TAIZHANG_ROBOT_WEBHOOK and TAIZHANG_ROBOT_SECRET',
  );
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export async function resolveCredentials(
  o: CredentialOptions,
  dingtalk: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<RobotCredentials> {
  refuseCredentialArguments(o);
  const nonEmpty = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s.trim() : undefined);
  if (o.webhookStdin) {
    const [webhook, secret] = (await readStdin(stdin)).split(/\r?\n/);
    if (!nonEmpty(webhook)) throw new CliError('标准输入中没有机器人地址', 'No robot address on standard input');
    return { webhook: webhook!.trim(), ...(nonEmpty(secret) && { secret: secret!.trim() }) };
  }
  if (nonEmpty(env.TAIZHANG_ROBOT_WEBHOOK)) {
    return { webhook: env.TAIZHANG_ROBOT_WEBHOOK!.trim(), ...(nonEmpty(env.TAIZHANG_ROBOT_SECRET) && { secret: env.TAIZHANG_ROBOT_SECRET!.trim() }) };
  }
  if (!process.stdin.isTTY) {
    throw new CliError(
      '需要机器人地址：用 --webhook-stdin 从标准输入读入，或设置环境变量 TAIZHANG_ROBOT_WEBHOOK',
      'A robot address is needed: --webhook-stdin or TAIZHANG_ROBOT_WEBHOOK',
    );
  }
  const webhook = await promptHidden('机器人地址 / Robot address (webhook): ');
  const secret = dingtalk ? await promptHidden('加签密钥（没有则直接回车）/ Signing secret (Enter if none): ') : '';
  return { webhook, ...(nonEmpty(secret) && { secret }) };
}

export function channelLine(c: ChannelView): string {
  return [
    c.id,
    PLATFORM_NAMES[c.platform],
    targetLabel(c.target),
    c.label || '—',
    c.webhook,
    c.signed ? '已加签 / signed' : '',
    c.active ? '' : '【已停用 / inactive】',
  ]
    .filter(Boolean)
    .join('  ');
}

const STATUS: Record<OutboxMessage['status'], string> = {
  pending: '待发送 / pending',
  sending: '发送中 / sending',
  sent: '已发送 / sent',
  failed: '发送失败 / failed',
};

const iso = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toISOString());

export function outboxLine(m: OutboxMessage): string {
  return [
    m.id,
    m.channelId,
    m.title,
    STATUS[m.status],
    `尝试 ${m.attempts} 次 / ${m.attempts} attempts`,
    `创建 ${iso(m.createdAt)}`,
    m.sentAt !== undefined ? `发送 ${iso(m.sentAt)}` : '',
    m.lastError ? `最近错误：${m.lastError}` : '',
  ]
    .filter(Boolean)
    .join('  ');
}
