// Channels: a WeCom (企业微信) or DingTalk (钉钉) group robot bound to the city office, a county
// or a department, so reminders reach the group where that office works.
//
// A robot's webhook address carries its credential (WeCom `key`, DingTalk `access_token`), and
// a DingTalk robot may have a signing secret: both are kept server-side only, never answered,
// never logged; people see a channel by its id and a masked address.
//
// Which addresses are accepted: https on the platform's own host and path in every project.
// A loopback address (http://127.0.0.1:PORT/…) is accepted only when the caller says loopback
// is allowed — the emulators' demo projects (`demo-…`), where the tests and `npm start` run
// their fake robots — never for a real project.

import { DEPARTMENT_ID } from './departments';
import { COUNTY_LABELS } from './domain';
import type { Bilingual } from './messages';

export const PLATFORMS = ['wecom', 'dingtalk'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_NAMES: Readonly<Record<Platform, string>> = { wecom: '企业微信', dingtalk: '钉钉' };

/** Who a channel speaks to. */
export type ChannelTarget =
  | { readonly kind: 'city' }
  | { readonly kind: 'county'; readonly county: string }
  | { readonly kind: 'department'; readonly departmentId: string };

/** A channel as stored (`channels/{id}`); `webhook` and `secret` never leave the server. */
export interface ChannelRecord {
  readonly id: string;
  readonly platform: Platform;
  readonly target: ChannelTarget;
  /** What the administrator calls it, e.g. 榆次区入企进村工作群. */
  readonly label: string;
  readonly webhook: string;
  /** DingTalk's signing secret (加签), when the robot has one. */
  readonly secret?: string;
  readonly active: boolean;
}

/** A channel as people may see it: no credential, a masked address and a fingerprint. */
export interface ChannelView {
  readonly id: string;
  readonly platform: Platform;
  readonly target: ChannelTarget;
  readonly label: string;
  readonly webhook: string;
  readonly signed: boolean;
  readonly active: boolean;
}

const HOSTS: Readonly<Record<Platform, { host: string; path: string; param: string }>> = {
  wecom: { host: 'qyapi.weixin.qq.com', path: '/cgi-bin/webhook/send', param: 'key' },
  dingtalk: { host: 'oapi.dingtalk.com', path: '/robot/send', param: 'access_token' },
};

export const CHANNEL_ID = /^ch-[a-z0-9]{6,20}$/;
const CREDENTIAL = /^[A-Za-z0-9_-]{8,200}$/;

export const isPlatform = (x: unknown): x is Platform => (PLATFORMS as readonly unknown[]).includes(x);

function isLoopback(u: URL): boolean {
  return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === '[::1]') && u.port !== '';
}

export type WebhookCheck = { ok: true; webhook: string } | { ok: false; error: Bilingual };

/**
 * Is `raw` a robot address of `platform`? The platform's https host and path with its
 * credential parameter; or, with `allowLoopback`, a loopback http address (fake robots).
 */
export function checkWebhook(platform: Platform, raw: string, allowLoopback: boolean): WebhookCheck {
  const spec = HOSTS[platform];
  const name = PLATFORM_NAMES[platform];
  const example = `https://${spec.host}${spec.path}?${spec.param}=…`;
  const bad = (zh: string, en: string): WebhookCheck => ({ ok: false, error: { zh, en } });
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return bad(
      `机器人地址不是有效的网址，${name}机器人的地址形如 ${example}`,
      `The robot address is not a valid URL; a ${platform} robot's address looks like ${example}`,
    );
  }
  if (isLoopback(u)) {
    if (allowLoopback) return { ok: true, webhook: u.toString() };
    return bad('本机地址只能用于本地模拟环境（demo- 项目）', 'A loopback address is only accepted on the local emulators (demo- projects)');
  }
  if (u.protocol !== 'https:' || u.hostname !== spec.host || u.port !== '' || u.pathname !== spec.path || u.username !== '' || u.password !== '') {
    return bad(`${name}机器人的地址须形如 ${example}`, `A ${platform} robot's address must look like ${example}`);
  }
  const credential = u.searchParams.get(spec.param) ?? '';
  if (!CREDENTIAL.test(credential)) {
    return bad(`机器人地址缺少有效的 ${spec.param} 参数`, `The robot address lacks a valid ${spec.param} parameter`);
  }
  return { ok: true, webhook: `https://${spec.host}${spec.path}?${spec.param}=${credential}` };
}

/** DingTalk's signing secret: `SEC` and letters and digits, as the robot's settings show it. */
export function checkSecret(platform: Platform, secret: string): Bilingual | undefined {
  if (platform !== 'dingtalk') return { zh: '只有钉钉机器人使用加签密钥', en: 'Only DingTalk robots use a signing secret' };
  if (!/^SEC[A-Za-z0-9]{16,200}$/.test(secret.trim())) {
    return {
      zh: '加签密钥须以 SEC 开头，如钉钉机器人安全设置中所示',
      en: 'The signing secret must start with SEC, as the DingTalk robot’s security settings show it',
    };
  }
  return undefined;
}

/** The target named on the command line: `city`, a county label, or `department:<id>`. */
export function parseTarget(raw: string): { ok: true; target: ChannelTarget } | { ok: false; error: Bilingual } {
  const s = raw.trim();
  if (s === 'city' || s === '全市' || s === '市') return { ok: true, target: { kind: 'city' } };
  if (COUNTY_LABELS.includes(s)) return { ok: true, target: { kind: 'county', county: s } };
  const m = /^(?:department|dept|部门):(.+)$/.exec(s);
  if (m && DEPARTMENT_ID.test(m[1]!)) return { ok: true, target: { kind: 'department', departmentId: m[1]! } };
  return {
    ok: false,
    error: {
      zh: `对象须为 全市、一个县（区、市）（${COUNTY_LABELS.join('、')}）或 department:部门编号（小写字母、数字、连字符）`,
      en: `The target must be city, a county (${COUNTY_LABELS.join(', ')}) or department:<id> (lower-case letters, digits, hyphens)`,
    },
  };
}

export function targetLabel(t: ChannelTarget): string {
  if (t.kind === 'city') return '全市';
  if (t.kind === 'county') return t.county;
  return `部门 ${t.departmentId}`;
}

/** One key per target, for finding a target's channels. */
export function targetKey(t: ChannelTarget): string {
  if (t.kind === 'city') return 'city';
  if (t.kind === 'county') return `county:${t.county}`;
  return `department:${t.departmentId}`;
}

/** The address without its credential: host and path, the credential replaced by 已隐藏. */
export function maskWebhook(webhook: string): string {
  try {
    const u = new URL(webhook);
    const params = [...u.searchParams.keys()].map((k) => `${k}=已隐藏`).join('&');
    return `${u.protocol}//${u.host}${u.pathname}${params ? `?${params}` : ''}`;
  } catch {
    return '已隐藏';
  }
}

export function channelView(c: ChannelRecord): ChannelView {
  return {
    id: c.id,
    platform: c.platform,
    target: c.target,
    label: c.label,
    webhook: maskWebhook(c.webhook),
    signed: c.secret !== undefined && c.secret !== '',
    active: c.active,
  };
}

/** `text` with every credential of the channel (address, its parameters, secret) replaced. */
export function redactCredentials(text: string, c: Pick<ChannelRecord, 'webhook' | 'secret'>): string {
  const secrets = [c.webhook, c.secret ?? ''];
  try {
    for (const v of new URL(c.webhook).searchParams.values()) secrets.push(v);
  } catch {
    // not a URL: the whole address is already listed
  }
  let out = text;
  for (const s of secrets.filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(s).join('［已隐藏］');
  return out;
}
