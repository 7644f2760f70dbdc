// Passwords never come from the command line, where the shell history and the process list
// keep them. The password for `--email` comes from standard input (--password-stdin), else
// TAIZHANG_PASSWORD (scripts), else is asked for on the terminal without echo. Without a
// terminal there is nobody to ask: exit 2.

import { Option, type Command } from 'commander';
import { CliError } from '../context';

export interface PasswordOptions {
  /** Only ever set to be refused: see refusePasswordArgument. */
  readonly password?: string;
  readonly passwordStdin?: boolean;
}

/** `--password-stdin`, and a hidden `--password` that answers where a password goes instead. */
export function addPasswordOptions(cmd: Command, what: { zh: string; en: string }): Command {
  return cmd
    .option('--password-stdin', `从标准输入读取${what.zh} / read ${what.en} from standard input`)
    .addOption(new Option('--password <password>').hideHelp());
}

/** A password given as an argument is refused, whatever the command, before anything is done. */
export function refusePasswordArgument(o: PasswordOptions): void {
  if (o.password === undefined) return;
  throw new CliError(
    '出于安全考虑，密码不能写在命令行上（会留在命令历史和进程列表中）：请在提示时输入，或用 --password-stdin 从标准输入读入，或设置环境变量 TAIZHANG_PASSWORD',
    'For safety a password is not taken from the command line (the shell history and the process list keep it): type it when asked, pipe it in with --password-stdin, or set TAIZHANG_PASSWORD',
  );
}

/** All of standard input, less one line ending at its end; an empty password is refused. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new CliError('标准输入中没有密码', 'No password on standard input');
  return password;
}

/** The password to sign in with (push, pull). */
export async function resolvePassword(o: PasswordOptions, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  refusePasswordArgument(o);
  if (o.passwordStdin) return readPasswordFromStdin();
  if (env.TAIZHANG_PASSWORD) return env.TAIZHANG_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new CliError(
      '需要密码：用 --password-stdin 从标准输入读入，或设置环境变量 TAIZHANG_PASSWORD',
      'a password is needed: --password-stdin or TAIZHANG_PASSWORD',
    );
  }
  return promptHidden('密码 / Password: ');
}

/**
 * A new password an administrator sets (`admin create`): from standard input, or typed twice
 * on the terminal. Never from TAIZHANG_PASSWORD, which holds the administrator's own password
 * for push and pull and must not become every new account's.
 */
export async function resolveNewPassword(o: PasswordOptions & { askPassword?: boolean }): Promise<string | undefined> {
  refusePasswordArgument(o);
  if (o.passwordStdin) return readPasswordFromStdin();
  if (!o.askPassword) return undefined;
  if (!process.stdin.isTTY) {
    throw new CliError('没有终端可以输入密码：请用 --password-stdin 从标准输入读入', 'There is no terminal to type the password on: use --password-stdin');
  }
  const first = await promptHidden('新密码 / New password: ');
  const again = await promptHidden('再输入一次 / Again: ');
  if (first !== again) throw new CliError('两次输入的密码不一致', 'The two passwords differ');
  return first;
}

export function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let answer = '';
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(answer);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new CliError('已取消', 'cancelled'));
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    stdin.on('data', onData);
  });
}
