// The two robots' wire: the request a message becomes, and what their answer means.
//
//   WeCom    POST {webhook}  {"msgtype":"markdown","markdown":{"content":"…"}}
//   DingTalk POST {webhook}[&timestamp=ms&sign=…]  {"msgtype":"markdown","markdown":{"title":"…","text":"…"}}
//            sign = urlencode(base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`)))
//   Both answer {"errcode":0,"errmsg":"ok"} when the message is in the group; any other
//   errcode or HTTP status means it is not (the platform's rate limit answers WeCom 45009,
//   DingTalk 130101).

import { createHmac } from 'node:crypto';
import type { ChannelRecord } from '@taizhang/ledger';

export interface RobotRequest {
  readonly url: string;
  readonly body: string;
}

export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function robotRequest(c: Pick<ChannelRecord, 'platform' | 'webhook' | 'secret'>, title: string, text: string, now: number): RobotRequest {
  if (c.platform === 'wecom') {
    return { url: c.webhook, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }) };
  }
  let url = c.webhook;
  if (c.secret) {
    const u = new URL(c.webhook);
    u.searchParams.set('timestamp', String(now));
    u.searchParams.set('sign', dingtalkSign(now, c.secret));
    url = u.toString();
  }
  return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: `【台账】${title}`, text } }) };
}

/** What a robot answered: HTTP status and body text; or that no answer came. */
export type RobotAnswer = { status: number; body: string } | { failed: 'timeout' | 'network' };

/** Posts one request; never throws. */
export type RobotPost = (req: RobotRequest) => Promise<RobotAnswer>;

export const ROBOT_TIMEOUT_MS = 10_000;

/** Posts over https (http on loopback); no answer within `timeoutMs` counts as a timeout. */
export function httpRobot(timeoutMs = ROBOT_TIMEOUT_MS): RobotPost {
  return async (req) => {
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: req.body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      return { status: res.status, body: await res.text() };
    } catch (e) {
      const name = (e as Error).name;
      return { failed: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' };
    }
  };
}

export const fetchRobot: RobotPost = httpRobot();

/** Undefined when the message is delivered; else what went wrong, for the outbox (no credential in it). */
export function answerError(a: RobotAnswer): string | undefined {
  if ('failed' in a)
    return a.failed === 'timeout' ? '机器人未在时限内答复 / the robot did not answer in time' : '连不上机器人 / the robot could not be reached';
  let parsed: { errcode?: unknown; errmsg?: unknown } = {};
  try {
    parsed = JSON.parse(a.body) as typeof parsed;
  } catch {
    // not JSON: judged by the status alone
  }
  if (a.status === 200 && parsed.errcode === 0) return undefined;
  const msg = typeof parsed.errmsg === 'string' ? `：${parsed.errmsg.slice(0, 200)}` : '';
  if (a.status !== 200) return `机器人答复 HTTP ${a.status} / the robot answered HTTP ${a.status}${msg}`;
  return `机器人答复错误 ${String(parsed.errcode)} / the robot answered error ${String(parsed.errcode)}${msg}`;
}
