// Signing in for `push` and `pull`: e-mail and password through the Identity Toolkit REST API
// (the Auth emulator serves the same API), or an ID token given as is. A session refreshes its
// ID token before it expires (an hour), so a long push never fails halfway for that.

import { CliError } from '../context';
import type { Target } from './target';

export type Credentials = { readonly email: string; readonly password: string } | { readonly token: string };

export interface Session {
  readonly email?: string;
  /** A valid ID token, refreshed when about to expire. */
  getIdToken(): Promise<string>;
}

/** Refresh this long before the token expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const SIGN_IN_ERRORS: Record<string, [string, string]> = {
  EMAIL_NOT_FOUND: ['账号或密码不对', 'wrong e-mail or password'],
  INVALID_PASSWORD: ['账号或密码不对', 'wrong e-mail or password'],
  INVALID_LOGIN_CREDENTIALS: ['账号或密码不对', 'wrong e-mail or password'],
  USER_DISABLED: ['账号已停用，请联系管理员', 'the account is disabled; ask an administrator'],
  INVALID_EMAIL: ['电子邮箱格式不对', 'not a valid e-mail address'],
  TOO_MANY_ATTEMPTS_TRY_LATER: ['尝试次数过多，请稍后再试', 'too many attempts; try again later'],
};

function unreachable(target: Target, why: string): CliError {
  return target.emulators
    ? new CliError(`连不上本地模拟器：请先运行 npm start（${why}）`, `cannot reach the emulators: run npm start first (${why})`)
    : new CliError(`连不上登录服务（${why}）`, `cannot reach the sign-in service (${why})`);
}

async function postJson(target: Target, url: string, body: unknown, form = false): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
      body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw unreachable(target, e instanceof Error ? e.message : String(e));
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const code = String((json.error as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`).split(' ')[0]!;
    const [zh, en] = SIGN_IN_ERRORS[code] ?? [`登录失败：${code}`, `sign-in failed: ${code}`];
    throw new CliError(`登录失败：${zh}`, `Sign-in failed: ${en}`);
  }
  return json;
}

export async function signIn(target: Target, c: Credentials, now: () => number = Date.now): Promise<Session> {
  if ('token' in c) return { getIdToken: async () => c.token };
  const first = await postJson(target, `${target.identityToolkit}/v1/accounts:signInWithPassword?key=${encodeURIComponent(target.apiKey)}`, {
    email: c.email,
    password: c.password,
    returnSecureToken: true,
  });
  let idToken = String(first.idToken);
  let refreshToken = String(first.refreshToken);
  let expiresAt = now() + Number(first.expiresIn ?? 3600) * 1000;
  return {
    email: c.email,
    async getIdToken() {
      if (now() < expiresAt - REFRESH_MARGIN_MS) return idToken;
      const r = await postJson(
        target,
        `${target.secureToken}/v1/token?key=${encodeURIComponent(target.apiKey)}`,
        {
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
        },
        true,
      );
      idToken = String(r.id_token);
      refreshToken = String(r.refresh_token);
      expiresAt = now() + Number(r.expires_in ?? 3600) * 1000;
      return idToken;
    },
  };
}
