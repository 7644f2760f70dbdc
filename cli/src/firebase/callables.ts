// The add-in's API client (chunks, retries with the same requestId, paging) for the command
// line: signed in, pointed at the target, and checked with getProfile before any work, so a
// bad password or an account without a role fails first, with exit 2.

import type { Command } from 'commander';
import { ApiError, createApiClient, fetchTransport, type ApiClient, type Profile } from '@taizhang/client';
import { CliError } from '../context';
import { addPasswordOptions, refusePasswordArgument, resolvePassword } from './password';
import { signIn } from './signIn';
import { resolveTarget, type Target } from './target';

export interface SignInOptions {
  readonly email?: string;
  /** Refused: a password is never an argument (password.ts). */
  readonly password?: string;
  readonly passwordStdin?: boolean;
  readonly token?: string;
  readonly project?: string;
  readonly region?: string;
  readonly apiKey?: string;
}

export interface Connection {
  readonly api: ApiClient;
  readonly profile: Profile;
  readonly target: Target;
}

/** How push and pull get a signed-in client; tests pass one over a fake server. */
export type Connect = (o: SignInOptions) => Promise<Connection>;

/** The sign-in and target options shared by push and pull. */
export function addSignInOptions(cmd: Command): Command {
  return addPasswordOptions(
    cmd.option(
      '--email <email>',
      '登录账号；密码在终端输入，或用 --password-stdin、环境变量 TAIZHANG_PASSWORD / account e-mail; the password is asked for, or --password-stdin, or TAIZHANG_PASSWORD',
    ),
    { zh: '密码', en: 'the password' },
  )
    .option('--token <idToken>', '用 Firebase ID 令牌代替账号密码 / a Firebase ID token instead of e-mail and password')
    .option('--project <id>', '项目，demo-… 为本地模拟器（默认 demo-taizhang）/ project; demo-… means the emulators (default demo-taizhang)')
    .option('--region <region>', '函数所在区域（默认 asia-east2）/ functions region (default asia-east2)')
    .option('--api-key <key>', '真实项目的网页 API 密钥，或 TAIZHANG_API_KEY / web API key of a real project, or TAIZHANG_API_KEY');
}

/** An ApiError met before or during the work, as the CLI says it (exit 2). */
export function apiFailure(e: ApiError, target?: Target): CliError {
  if (e.status === 'NETWORK' && target?.emulators) {
    return new CliError(`连不上本地模拟器：请先运行 npm start（${e.zh}）`, `cannot reach the emulators: run npm start first (${e.en})`);
  }
  return new CliError(e.zh, e.en);
}

export const connect: Connect = async (o) => {
  refusePasswordArgument(o);
  const target = resolveTarget(o);
  if (o.token === undefined && o.email === undefined) {
    throw new CliError('需要登录：--email（及密码）或 --token', 'sign-in needed: --email (and a password) or --token');
  }
  const credentials = o.token !== undefined ? { token: o.token } : { email: o.email!, password: await resolvePassword(o) };
  const session = await signIn(target, credentials);
  const api = createApiClient(
    fetchTransport({
      origin: target.functionsBase,
      project: target.project,
      region: target.region,
      baseUrl: target.functionsBase,
      getIdToken: () => session.getIdToken(),
      timeoutMs: 120_000,
    }),
  );
  let profile: Profile;
  try {
    profile = await api.getProfile();
  } catch (e) {
    if (e instanceof ApiError) {
      if (e.status === 'UNAUTHENTICATED') throw new CliError(`登录无效：${e.zh}`, `Not signed in: ${e.en}`);
      throw apiFailure(e, target);
    }
    throw e;
  }
  return { api, profile, target };
};
