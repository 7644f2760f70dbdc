#!/usr/bin/env node
// The task pane's dev server: https://localhost:3000 serving addin/dist, and the Firebase
// emulators through the SAME origin, because Excel on the Mac (and any https page) blocks
// an https pane calling http://localhost. Only what the pane itself calls goes through:
//   POST /__/functions/<project>/<region>/<name>   → the callable on the Functions emulator
//   /identitytoolkit.googleapis.com/v1/accounts:signInWithPassword, …:lookup, /v2/recaptchaConfig,
//   /v2/passwordPolicy, /securetoken.googleapis.com/v1/token
//                                                 → the Auth emulator (connectAuthEmulator(auth,
//                                                   origin) calls these paths)
//   /manifest.xml                                 → the development manifest at the repository root
// Everything else is a file of addin/dist: the pane (/taskpane.html) and the web page for
// everyone without the add-in (/web.html, or /web).
// The emulators' own endpoints (/emulator/…, the Functions emulator's /backends, …) and any
// request carrying the emulators' administrator token (`Bearer owner`) are refused: an https
// page on localhost is trusted by the browser and by Excel, and must not hand out the power to
// read, change or delete every account.
//
//   node scripts/addin-dev-server.mjs [--port 3000] [--build]
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { httpsOptions } from './dev-certs.mjs';
import { PORTS } from './ports.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'addin', 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.xml': 'text/xml; charset=utf-8',
};

const PANE_AUTH_PATHS = [
  '/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword',
  '/identitytoolkit.googleapis.com/v1/accounts:lookup',
  '/identitytoolkit.googleapis.com/v2/recaptchaConfig',
  '/identitytoolkit.googleapis.com/v2/passwordPolicy',
  '/securetoken.googleapis.com/v1/token',
];
const CALLABLE = /^\/__\/functions\/demo-[a-z0-9-]+\/[a-z0-9-]+\/[A-Za-z][A-Za-z0-9]*$/;

/** The emulators' administrator token: never from a browser. */
export const isOwnerToken = (authorization) => /^\s*bearer\s+owner\s*$/i.test(authorization ?? '');

/**
 * Which upstream (and path there) a request goes to; `{ refused: true }` for an emulator path
 * the pane does not use; undefined to serve a file.
 */
export function route(url, o = {}) {
  const functions = o.functions ?? { host: '127.0.0.1', port: PORTS.functions };
  const auth = o.auth ?? { host: '127.0.0.1', port: PORTS.auth };
  const pathname = url.split('?')[0];
  if (CALLABLE.test(url)) return { ...functions, path: url.slice('/__/functions'.length), methods: ['POST', 'OPTIONS'] };
  if (PANE_AUTH_PATHS.includes(pathname)) return { ...auth, path: url, methods: ['GET', 'POST', 'OPTIONS'] };
  if (/^\/(__|emulator|identitytoolkit\.googleapis\.com|securetoken\.googleapis\.com)(\/|$)/.test(pathname)) return { refused: true };
  return undefined;
}

function refuse(res) {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('开发服务器不转发此请求 / The dev server does not forward this request');
}

function proxy(req, res, target) {
  const headers = { ...req.headers, host: `${target.host}:${target.port}` };
  const up = http.request({ host: target.host, port: target.port, path: target.path, method: req.method, headers }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', (e) => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'Content-Type': 'application/json' });
    // The callable protocol's error shape, so the pane explains it like any unavailable server.
    res.end(
      JSON.stringify({
        error: { status: 'UNAVAILABLE', message: `模拟器未运行（${target.port}）/ The emulator is not running (${target.port}): ${e.code ?? e.message}` },
      }),
    );
  });
  req.pipe(up);
}

function serveFile(req, res, dist, manifest) {
  let p = decodeURIComponent(new URL(req.url, 'https://localhost').pathname);
  if (p === '/') p = '/taskpane.html';
  if (p === '/web') p = '/web.html';
  const file = p === '/manifest.xml' && manifest ? manifest : path.join(dist, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
  if (!file.startsWith(dist) && file !== manifest) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${p}`);
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  createReadStream(file).pipe(res);
}

/** Starts the server; resolves with { server, url, certKind, close() }. */
export async function startDevServer({ port = 3000, dist = DIST, host = 'localhost', manifest = path.join(ROOT, 'manifest.xml'), upstreams, tls } = {}) {
  const creds = tls ?? (await httpsOptions({ fallbackDir: path.join(ROOT, '.taizhang', 'certs') }));
  const server = https.createServer({ key: creds.key, cert: creds.cert }, (req, res) => {
    const target = route(req.url ?? '/', upstreams);
    if (target?.refused || (target && (!target.methods.includes(req.method) || isOwnerToken(req.headers.authorization)))) refuse(res);
    else if (target) proxy(req, res, target);
    else if (req.method === 'GET' || req.method === 'HEAD') serveFile(req, res, dist, manifest);
    else res.writeHead(405).end();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = server.address().port;
  return {
    server,
    url: `https://localhost:${actual}`,
    certKind: creds.kind,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--port');
  const port = i >= 0 ? Number(argv[i + 1]) : 3000;
  (async () => {
    if (argv.includes('--build') || !existsSync(path.join(DIST, 'taskpane.html'))) {
      const { buildAddin } = await import('./build-addin.mjs');
      await buildAddin();
    }
    const { url, certKind } = await startDevServer({ port });
    console.log(
      `[addin] ${url}/taskpane.html (certificate: ${certKind}); the pane's sign-in and callables proxied at ${url}/identitytoolkit.googleapis.com and ${url}/__/functions`,
    );
  })().catch((e) => {
    console.error(`[addin] ${e.code === 'EADDRINUSE' ? `port ${port} is in use; stop what runs there or pass --port` : e.message}`);
    process.exit(1);
  });
}
