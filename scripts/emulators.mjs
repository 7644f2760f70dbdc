#!/usr/bin/env node
// The local Firebase emulator stack (Auth + Firestore + Functions), project demo-taizhang.
//
//   node scripts/emulators.mjs exec "<command>"   build functions, start the emulators, run
//                                                 <command> (a shell command) against them,
//                                                 stop them; exits with <command>'s code
//   node scripts/emulators.mjs start [--fresh] [--no-watch]
//                                                 build functions, start the emulators until
//                                                 Ctrl-C; data is imported from and exported
//                                                 to .emulator-data/ (--fresh: neither);
//                                                 functions/src is rebuilt on change
//                                                 (--no-watch: not)
//   node scripts/emulators.mjs env                print the environment for running
//                                                 `npx firebase emulators:*` by hand
//
// Firestore: when the Debian package google-cloud-cli-firestore-emulator is installed, its
// jar is used (no download). firebase-tools runs `java -jar <FIRESTORE_EMULATOR_BINARY_PATH>`
// and the Debian jar has no Main-Class, so a tiny launcher jar (manifest only: Main-Class +
// Class-Path to the Debian jar) is generated into .taizhang/ and passed that way. Without
// the Debian jar nothing is set and firebase-tools downloads (and caches) its own jar.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, realpathSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { buildFunctions, watchFunctions } from './build-functions.mjs';
import { FUNCTIONS_ORIGIN, PORT_OFFSET, PORTS } from './ports.mjs';
import procfs from './procfs.cjs';

export { FUNCTIONS_ORIGIN, PORT_OFFSET, PORTS };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_ID = 'demo-taizhang';
export const EMULATORS = 'auth,firestore,functions';
export const DATA_DIR = '.emulator-data';
const STATE_DIR = path.join(ROOT, '.taizhang', 'firestore-emulator');
const LAUNCHER_JAR = path.join(STATE_DIR, 'launcher.jar');
const FIRESTORE_MAIN_CLASS = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore';
const DEBIAN_PACKAGE = 'google-cloud-cli-firestore-emulator';
const KNOWN_JARS = [
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar',
  '/usr/share/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar',
  '/opt/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar',
];

const log = (msg) => console.error(`[emulators] ${msg}`);

// ---------------------------------------------------------------------------------------
// Java

/** Java's major version, or null when `java` is not on PATH. */
export function javaMajorVersion() {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error) return null;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m) return 0;
  // "1.8.0_x" → 8, "17.0.15" → 17
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

/** Throws a bilingual error unless Java 11+ is available (the Firestore emulator needs it). */
export function requireJava() {
  const major = javaMajorVersion();
  if (major === null) {
    throw new UserError(
      [
        '未找到 Java：Firestore 模拟器需要 Java 11 或更高版本（建议 17）。',
        '  Debian/Ubuntu：sudo apt-get install -y openjdk-17-jre-headless',
        'Java not found: the Firestore emulator needs Java 11 or newer (17 recommended).',
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless',
      ].join('\n'),
    );
  }
  if (major !== 0 && major < 11) {
    throw new UserError(
      `Java ${major} 太旧：Firestore 模拟器需要 Java 11 或更高版本。\n` + `Java ${major} is too old: the Firestore emulator needs Java 11 or newer.`,
    );
  }
  return major;
}

export class UserError extends Error {}

// ---------------------------------------------------------------------------------------
// Firestore emulator jar

/** The Debian package's cloud-firestore-emulator.jar, or null. TAIZHANG_FIRESTORE_JAR overrides. */
export function findDebianFirestoreJar() {
  const override = process.env.TAIZHANG_FIRESTORE_JAR;
  if (override) return existsSync(override) ? override : null;
  const r = spawnSync('dpkg', ['-L', DEBIAN_PACKAGE], { encoding: 'utf8' });
  if (!r.error && r.status === 0) {
    const found = r.stdout
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.endsWith('/cloud-firestore-emulator.jar') && existsSync(l));
    if (found) return found;
  }
  return KNOWN_JARS.find((p) => existsSync(p)) ?? null;
}

/** MANIFEST.MF text: CRLF lines, each at most 72 bytes, continuations start with a space. */
export function manifestText(attributes) {
  const lines = [];
  for (const [key, value] of Object.entries(attributes)) {
    let rest = Buffer.from(`${key}: ${value}`, 'utf8');
    let limit = 72;
    while (rest.length > limit) {
      let cut = limit;
      while (cut > 0 && (rest[cut] & 0xc0) === 0x80) cut--; // never split a UTF-8 character
      lines.push((limit === 72 ? '' : ' ') + rest.subarray(0, cut).toString('utf8'));
      rest = rest.subarray(cut);
      limit = 71; // a continuation line is " " + 71 bytes
    }
    lines.push((limit === 72 ? '' : ' ') + rest.toString('utf8'));
  }
  return lines.join('\r\n') + '\r\n\r\n';
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(buf) >>> 0;
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip (stored, no compression) holding the given files: [{ name, data: Buffer }]. */
export function zipStored(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  // 1980-01-01 00:00, the DOS epoch: byte-for-byte reproducible output.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const { name, data } of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(10, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(10, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    // extra, comment, disk, internal attrs, external attrs: 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function findJarTool() {
  const candidates = [];
  if (process.env.JAVA_HOME) candidates.push(path.join(process.env.JAVA_HOME, 'bin', 'jar'));
  candidates.push('jar');
  for (const c of candidates) {
    const r = spawnSync(c, ['--version'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return c;
  }
  return null;
}

/**
 * Writes .taizhang/firestore-emulator/launcher.jar for the given Debian jar (unless an
 * identical one is already there) and returns its path.
 */
export async function ensureLauncherJar(targetJar) {
  const manifest = manifestText({
    'Manifest-Version': '1.0',
    'Main-Class': FIRESTORE_MAIN_CLASS,
    'Class-Path': pathToFileURL(targetJar).href,
  });
  const stamp = path.join(STATE_DIR, 'launcher.manifest');
  if (existsSync(LAUNCHER_JAR) && existsSync(stamp) && (await readFile(stamp, 'utf8')) === manifest) {
    return LAUNCHER_JAR;
  }
  await mkdir(STATE_DIR, { recursive: true });
  const tmpJar = `${LAUNCHER_JAR}.${process.pid}.tmp`;
  const jarTool = findJarTool();
  let built = false;
  if (jarTool) {
    const tmpManifest = `${stamp}.${process.pid}.tmp`;
    await writeFile(tmpManifest, manifest);
    const r = spawnSync(jarTool, ['--create', '--file', tmpJar, '--manifest', tmpManifest], { encoding: 'utf8' });
    await rm(tmpManifest, { force: true });
    built = !r.error && r.status === 0;
    if (!built) log(`jar tool failed (${r.error?.message ?? r.stderr.trim()}); writing the zip directly`);
  }
  if (!built) {
    await writeFile(
      tmpJar,
      zipStored([
        { name: 'META-INF/', data: Buffer.alloc(0) },
        { name: 'META-INF/MANIFEST.MF', data: Buffer.from(manifest, 'utf8') },
      ]),
    );
  }
  await rename(tmpJar, LAUNCHER_JAR); // atomic: a concurrent run never sees half a jar
  await writeFile(stamp, manifest);
  return LAUNCHER_JAR;
}

/**
 * The environment for firebase-tools: process.env plus FIRESTORE_EMULATOR_BINARY_PATH
 * when the Debian jar is available (an existing FIRESTORE_EMULATOR_BINARY_PATH wins).
 */
export async function emulatorEnv({ quiet = false } = {}) {
  const env = { ...process.env };
  env.NO_UPDATE_NOTIFIER ??= '1'; // firebase-tools' "update available" check
  // Google client libraries (firebase-admin in tests and functions) otherwise probe the GCE
  // metadata server for credentials; off GCE that is a delay and a MetadataLookupWarning.
  env.METADATA_SERVER_DETECTION ??= 'none';
  env.TAIZHANG_FUNCTIONS_ORIGIN ??= FUNCTIONS_ORIGIN;
  // The Functions emulator starts one worker process per concurrent call and gives it 30 s
  // to load; twenty clerks pushing at once on two busy cores can take longer than that.
  env.FUNCTIONS_DISCOVERY_TIMEOUT ??= '120';
  if (env.FIRESTORE_EMULATOR_BINARY_PATH) {
    if (!quiet) log(`FIRESTORE_EMULATOR_BINARY_PATH already set: ${env.FIRESTORE_EMULATOR_BINARY_PATH}`);
    return env;
  }
  const debianJar = findDebianFirestoreJar();
  if (debianJar) {
    env.FIRESTORE_EMULATOR_BINARY_PATH = await ensureLauncherJar(debianJar);
    if (!quiet) log(`Firestore emulator: ${debianJar} (via ${path.relative(ROOT, LAUNCHER_JAR)})`);
  } else if (!quiet) {
    log(
      `未安装 ${DEBIAN_PACKAGE}，firebase-tools 将自行下载 Firestore 模拟器（需要联网，之后会缓存）。\n` +
        `[emulators] ${DEBIAN_PACKAGE} not installed: firebase-tools downloads its own Firestore emulator (needs internet once, then cached).`,
    );
  }
  return env;
}

// ---------------------------------------------------------------------------------------
// Ports

/** `--config` arguments for firebase-tools: none for the standard ports. */
async function configArgs() {
  if (PORT_OFFSET === 0) return [];
  const config = JSON.parse(await readFile(path.join(ROOT, 'firebase.json'), 'utf8'));
  for (const [name, port] of Object.entries(PORTS)) config.emulators[name].port = port;
  // firebase-tools also starts logging, eventarc and tasks emulators and a Firestore websocket
  // on default ports, taking the next free one when busy. Two stacks starting together race
  // for the same "next free" port and one dies with EADDRINUSE ("An unexpected error has
  // occurred"), so a shifted stack pins those too.
  const host = '127.0.0.1';
  config.emulators.logging = { host, port: 4500 + PORT_OFFSET };
  config.emulators.eventarc = { host, port: 9299 + PORT_OFFSET };
  config.emulators.tasks = { host, port: 9499 + PORT_OFFSET };
  config.emulators.firestore.websocketPort = 9150 + PORT_OFFSET;
  const file = `firebase.ports-${PORT_OFFSET}.json`;
  await writeFile(path.join(ROOT, file), `${JSON.stringify(config, null, 2)}\n`);
  return ['--config', file];
}

function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * firebase-tools leaves the Firestore emulator's JVM running when its start fails (another
 * emulator's port taken, a broken functions build), and the next start would find the port
 * taken: such a JVM, which no stack runs any more, is stopped, and said so.
 */
async function stopLeftBehindFirestore() {
  const pid = procfs.leftBehindFirestore(PORTS.firestore);
  if (pid === undefined) return;
  console.log(
    `[emulators] 端口 ${PORTS.firestore} 被上次未正常退出的 Firestore 模拟器（进程 ${pid}）占用，现将其停止。\n` +
      `[emulators] Port ${PORTS.firestore} is held by a Firestore emulator an earlier run left behind (pid ${pid}): stopping it.`,
  );
  await procfs.stopProcess(pid);
}

/** Throws a bilingual error naming the ports that are taken (another emulator run, usually). */
export async function requireFreePorts({ waitMs = 20_000 } = {}) {
  await stopLeftBehindFirestore();
  // A stack that just stopped may still be letting go (the JVM takes a second or two, and a
  // Firestore emulator restarted by the adversarial suite is stopped by its keeper), so give
  // the ports a little while before calling them taken.
  let taken = [];
  for (const deadline = Date.now() + waitMs; ; ) {
    taken = [];
    for (const [name, port] of Object.entries(PORTS)) {
      if (!(await portFree(port))) taken.push([name, port]);
    }
    if (taken.length === 0 || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (taken.length > 0) {
    // Who holds each port is looked up once, for the message (a walk through /proc).
    const busy = taken.map(([name, port]) => {
      const holder = procfs.describeListener(port);
      return `${port} (${name}${holder ? `; ${holder}` : ''})`;
    });
    throw new UserError(
      `端口已被占用：${busy.join(', ')}。可能另一组模拟器正在运行（npm start / npm test），请先停止它。\n` +
        `Ports in use: ${busy.join(', ')}. Another emulator run (npm start / npm test) is probably active; stop it first.`,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Running firebase-tools

/** The local firebase-tools entry point (node_modules/.bin/firebase), never a global one. */
export function firebaseBin() {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'firebase');
  if (!existsSync(bin)) {
    throw new UserError('未找到本地 firebase-tools，请先运行 npm install。\nLocal firebase-tools not found: run `npm install` first.');
  }
  return realpathSync(bin); // a JS file: run it with this very node
}

/**
 * Spawns `firebase <args>` (with inherited stdio unless given) and resolves with its exit code.
 * SIGINT/SIGTERM/SIGHUP sent to this process are forwarded to it, and we wait for it to
 * finish its clean shutdown (and export). A Ctrl-C in a terminal reaches both processes;
 * firebase-tools ignores a repeat of a signal within 100 ms, so it still counts as one.
 */
export function runFirebase(args, env, stdio = 'inherit') {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [firebaseBin(), ...args], { cwd: ROOT, env, stdio });
    const forwarders = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => {
      const handler = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      };
      process.on(signal, handler);
      return [signal, handler];
    });
    const cleanup = () => forwarders.forEach(([s, h]) => process.off(s, h));
    child.on('error', (err) => {
      cleanup();
      reject(err);
    });
    child.on('exit', (code, signal) => {
      cleanup();
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 1));
    });
  });
}

function baseArgs() {
  return ['--only', EMULATORS, '--project', PROJECT_ID];
}

/**
 * Builds the functions, then runs `firebase emulators:exec <command>`. Resolves with its code.
 * With `log` (a file path), everything firebase-tools and the emulators print goes to that
 * file instead of the console, and so does whatever <command> prints unless it redirects its
 * own output (scripts/test.mjs does, to show it); what goes wrong before they start is still
 * thrown.
 */
export async function exec(command, { log: logFile } = {}) {
  if (!command || !command.trim()) throw new UserError('usage: node scripts/emulators.mjs exec "<command>"');
  requireJava();
  await requireFreePorts();
  const quiet = logFile !== undefined;
  const env = await emulatorEnv({ quiet });
  await buildFunctions({ quiet });
  const args = [...(await configArgs()), 'emulators:exec', ...baseArgs(), command];
  if (!quiet) return runFirebase(args, env);
  await mkdir(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  try {
    return await runFirebase(args, env, ['ignore', fd, fd]);
  } finally {
    closeSync(fd);
  }
}

/** Builds (and by default watches) the functions, then runs `firebase emulators:start`. */
export async function start({ fresh = false, watch = true, extraArgs = [] } = {}) {
  requireJava();
  await requireFreePorts();
  const env = await emulatorEnv();
  const dataArgs = [];
  if (!fresh) {
    const dataDir = path.join(ROOT, DATA_DIR);
    if (existsSync(path.join(dataDir, 'firebase-export-metadata.json'))) dataArgs.push('--import', DATA_DIR);
    dataArgs.push('--export-on-exit', DATA_DIR);
  }
  let stopWatching = async () => {};
  if (watch) stopWatching = await watchFunctions();
  else await buildFunctions();
  try {
    return await runFirebase([...(await configArgs()), 'emulators:start', ...baseArgs(), ...dataArgs, ...extraArgs], env);
  } finally {
    await stopWatching();
  }
}

/** Shell-quotes a value for the `env` command's output. */
function shQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function main(argv) {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'exec':
      return exec(rest.join(' '));
    case 'start': {
      const known = new Set(['--fresh', '--no-watch']);
      return start({
        fresh: rest.includes('--fresh'),
        watch: !rest.includes('--no-watch'),
        extraArgs: rest.filter((a) => !known.has(a)),
      });
    }
    case 'env': {
      const env = await emulatorEnv({ quiet: true });
      if (env.FIRESTORE_EMULATOR_BINARY_PATH) {
        console.log(`export FIRESTORE_EMULATOR_BINARY_PATH=${shQuote(env.FIRESTORE_EMULATOR_BINARY_PATH)}`);
      } else {
        console.log('# no Debian Firestore emulator jar: firebase-tools will download its own');
      }
      return 0;
    }
    default:
      console.error(
        [
          'usage:',
          '  node scripts/emulators.mjs exec "<command>"           run <command> against fresh emulators',
          '  node scripts/emulators.mjs start [--fresh] [--no-watch]  run the emulators until Ctrl-C',
          '  node scripts/emulators.mjs env                         print FIRESTORE_EMULATOR_BINARY_PATH',
        ].join('\n'),
      );
      return cmd === undefined || cmd === '--help' || cmd === '-h' ? 0 : 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      if (err instanceof UserError) console.error(err.message);
      else console.error(err);
      process.exit(1);
    },
  );
}
