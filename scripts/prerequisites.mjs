// What `npm start` and `npm test` make sure of before they run: the npm dependencies and, for
// the browser test, Debian's Chromium. Node built-ins only, so it works on a fresh clone.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';

function say(tag, zh, en) {
  console.log(`[${tag}] ${zh}\n[${tag}] ${en}`);
}

/** npm install when node_modules is missing or older than package-lock.json; exits on failure. */
export function ensureInstalled(tag) {
  const modules = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(modules) && (!existsSync(lock) || statSync(modules).mtimeMs >= statSync(lock).mtimeMs)) return;
  say(tag, '正在安装依赖（npm install）…', 'Installing dependencies (npm install)…');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    say(tag, '依赖安装失败，请检查网络后重试', 'npm install failed; check the network and try again');
    process.exit(r.status ?? 1);
  }
}

/**
 * Debian's Chromium for the browser test (never a browser download): installed with apt-get
 * when missing and we may (root); otherwise false, after saying how to install it.
 */
export function ensureChromium(tag) {
  if (existsSync(CHROMIUM)) return true;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim();
  if (apt && process.getuid?.() === 0) {
    say(tag, '正在安装 Chromium（apt-get）…', 'Installing Chromium (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    if (existsSync(CHROMIUM)) return true;
  }
  say(
    tag,
    `未找到 ${CHROMIUM}：请安装 Debian 的 chromium 软件包（apt-get install chromium）`,
    `${CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)`,
  );
  return false;
}
