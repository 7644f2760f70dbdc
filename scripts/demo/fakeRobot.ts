// A fake WeCom and DingTalk group robot on the loopback interface, for the tests and the
// `npm start` demo. It answers as the platforms do and checks what they check:
//
//   POST /cgi-bin/webhook/send?key=K          WeCom: {"msgtype":"markdown","markdown":{"content"}}
//                                             (content ≤ 4,096 bytes) or text (≤ 2,048 bytes)
//   POST /robot/send?access_token=T[&timestamp&sign]   DingTalk: markdown {title, text} or text;
//                                             with a secret, sign = base64(HMAC-SHA256(secret,
//                                             `${timestamp}\n${secret}`)) and the timestamp
//                                             within an hour of the robot's clock
//
// More than `perMinute` messages to one robot within 60 s of its clock is answered with the
// platform's rate-limit error (WeCom 45009, DingTalk 130101) and counted as a violation.
// `mode` makes a robot answer errors (HTTP 500 or errcode) or never answer (timeout).

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RobotMode = 'ok' | 'http-error' | 'errcode' | 'timeout';

export interface RobotConfig {
  readonly platform: 'wecom' | 'dingtalk';
  /** WeCom key or DingTalk access_token. */
  readonly token: string;
  /** DingTalk's signing secret: when set, every request must be signed. */
  readonly secret?: string;
  mode?: RobotMode;
}

export interface Received {
  readonly platform: 'wecom' | 'dingtalk';
  readonly token: string;
  readonly msgtype: string;
  readonly title?: string;
  readonly text: string;
  readonly bytes: number;
  /** The robot's clock when it accepted the message. */
  readonly at: number;
}

export interface Rejected {
  readonly token: string;
  readonly reason: string;
}

export interface FakeRobots {
  readonly origin: string;
  readonly received: Received[];
  readonly rejected: Rejected[];
  /** Messages refused for exceeding perMinute. */
  readonly violations: number;
  webhook(token: string): string;
  add(config: RobotConfig): void;
  setMode(token: string, mode: RobotMode): void;
  close(): Promise<void>;
}

export interface FakeRobotOptions {
  readonly robots?: readonly RobotConfig[];
  /** The robots' clock (epoch ms); tests pass the sender's clock. */
  readonly now?: () => number;
  readonly perMinute?: number;
  readonly port?: number;
  readonly onMessage?: (m: Received) => void;
}

const LIMITS: Record<string, number> = { 'wecom:text': 2048, 'wecom:markdown': 4096, 'dingtalk:text': 4096, 'dingtalk:markdown': 4096 };

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function validSign(secret: string, timestamp: string, sign: string): boolean {
  const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest();
  const given = Buffer.from(sign, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startFakeRobots(opts: FakeRobotOptions = {}): Promise<FakeRobots> {
  const now = opts.now ?? Date.now;
  const perMinute = opts.perMinute ?? 20;
  const robots = new Map<string, RobotConfig>();
  for (const r of opts.robots ?? []) robots.set(r.token, { ...r });
  const sends = new Map<string, number[]>();
  const received: Received[] = [];
  const rejected: Rejected[] = [];
  const hanging = new Set<ServerResponse>();
  let violations = 0;

  const answer = (res: ServerResponse, status: number, errcode: number, errmsg: string) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errcode, errmsg }));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const raw = await body(req);
    const platform = url.pathname === '/cgi-bin/webhook/send' ? 'wecom' : url.pathname === '/robot/send' ? 'dingtalk' : undefined;
    const token = url.searchParams.get(platform === 'wecom' ? 'key' : 'access_token') ?? '';
    const robot = robots.get(token);
    const reject = (status: number, errcode: number, reason: string) => {
      rejected.push({ token, reason });
      answer(res, status, errcode, reason);
    };
    if (req.method !== 'POST' || !platform || !robot || robot.platform !== platform) return reject(404, 93000, 'invalid webhook url');
    if (robot.mode === 'timeout') {
      hanging.add(res);
      return;
    }
    if (robot.mode === 'http-error') return reject(500, -1, 'system busy');
    if (robot.mode === 'errcode') return reject(200, platform === 'wecom' ? -1 : 400, 'system busy');
    if (platform === 'dingtalk' && robot.secret) {
      const ts = url.searchParams.get('timestamp') ?? '';
      const sign = url.searchParams.get('sign') ?? '';
      if (!/^\d+$/.test(ts) || Math.abs(now() - Number(ts)) > 3_600_000) return reject(200, 310000, 'timestamp invalid');
      if (!validSign(robot.secret, ts, sign)) return reject(200, 310000, 'sign not match');
    }
    let msg: { msgtype?: unknown; text?: { content?: unknown }; markdown?: { content?: unknown; title?: unknown; text?: unknown } };
    try {
      msg = JSON.parse(raw);
    } catch {
      return reject(200, 40001, 'invalid json');
    }
    const msgtype = String(msg.msgtype);
    const text =
      msgtype === 'text' ? msg.text?.content : msgtype === 'markdown' ? (platform === 'wecom' ? msg.markdown?.content : msg.markdown?.text) : undefined;
    const title = platform === 'dingtalk' && msgtype === 'markdown' ? msg.markdown?.title : undefined;
    if (typeof text !== 'string' || text === '' || (platform === 'dingtalk' && msgtype === 'markdown' && (typeof title !== 'string' || title === ''))) {
      return reject(200, 40008, 'invalid message');
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > LIMITS[`${platform}:${msgtype}`]!) return reject(200, 40058, 'content exceed max length');
    const at = now();
    const window = (sends.get(token) ?? []).filter((t) => t > at - 60_000);
    if (window.length >= perMinute) {
      violations++;
      return reject(200, platform === 'wecom' ? 45009 : 130101, 'api freq out of limit');
    }
    sends.set(token, [...window, at]);
    const m: Received = { platform, token, msgtype, ...(typeof title === 'string' && { title }), text, bytes, at };
    received.push(m);
    opts.onMessage?.(m);
    answer(res, 200, 0, 'ok');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, -1, 'fake robot failed'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    rejected,
    get violations() {
      return violations;
    },
    webhook(token) {
      const r = robots.get(token);
      if (!r) throw new Error(`no fake robot ${token}`);
      return r.platform === 'wecom' ? `${origin}/cgi-bin/webhook/send?key=${token}` : `${origin}/robot/send?access_token=${token}`;
    },
    add(config) {
      robots.set(config.token, { ...config });
    },
    setMode(token, mode) {
      robots.get(token)!.mode = mode;
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
