// The password for `--email`: --password, else TAIZHANG_PASSWORD (scripts), else asked for on
// the terminal without echo. Without a terminal there is nobody to ask: exit 2.

import { CliError } from '../context';

export async function resolvePassword(given: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  if (given !== undefined) return given;
  if (env.TAIZHANG_PASSWORD) return env.TAIZHANG_PASSWORD;
  if (!process.stdin.isTTY) {
    throw new CliError('需要密码：--password 或环境变量 TAIZHANG_PASSWORD', 'a password is needed: --password or TAIZHANG_PASSWORD');
  }
  return promptHidden('密码 / Password: ');
}

function promptHidden(question: string): Promise<string> {
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
