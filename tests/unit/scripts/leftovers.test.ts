// What `npm start` and `npm test` do about a port that is taken before the emulators start
// (scripts/emulators.mjs → scripts/procfs.cjs): a Firestore emulator that nothing runs any
// more (firebase-tools leaves its JVM behind when a start fails) is found and stopped;
// anything else is left alone and named in the message. Stand-ins here listen on free ports
// and carry the arguments that tell the processes apart.
import { spawn, type ChildProcess } from 'node:child_process';
import { describeListener, hasProcfs, leftBehindFirestore, listenerPid, stopProcess } from '../../../scripts/procfs.cjs';

const LISTEN = "require('net').createServer().listen(0, '127.0.0.1', function () { console.log(this.address().port); })";
const started: ChildProcess[] = [];

/** Spawns `node -e code -- ...args` and resolves with it and the first line it prints. */
function launch(code: string, args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, ['-e', code, '--', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => resolve({ child, line: d.toString().trim().split('\n')[0]! }));
  });
}

afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
});

(hasProcfs() ? describe : describe.skip)('processes holding an emulator port', () => {
  it('a Firestore emulator that nothing runs is found by its port and stopped', async () => {
    const { child, line } = await launch(LISTEN, ['-jar', '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar']);
    const port = Number(line);
    expect(leftBehindFirestore(port)).toBe(child.pid);
    await stopProcess(child.pid!);
    expect(listenerPid(port)).toBeUndefined();
    expect(leftBehindFirestore(port)).toBeUndefined();
  });

  it('so is one started through the launcher jar, or by its main class', async () => {
    for (const args of [
      ['-jar', '/repo/.taizhang/firestore-emulator/launcher.jar'],
      ['-cp', 'x.jar', 'com.google.cloud.datastore.emulator.firestore.CloudFirestore'],
    ]) {
      const { child, line } = await launch(LISTEN, args);
      expect(leftBehindFirestore(Number(line))).toBe(child.pid);
    }
  });

  it('a Firestore emulator that firebase-tools or the restart keeper still runs is left alone', async () => {
    // The stand-in's parent carries the runner's arguments and prints its child's port.
    const parent = `const c = require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(LISTEN)}, 'cloud-firestore-emulator.jar'], { stdio: ['ignore', 'inherit', 'inherit'] }); process.on('SIGTERM', () => { c.kill('SIGKILL'); process.exit(); }); setInterval(() => {}, 1000);`;
    for (const runner of ['/repo/node_modules/firebase-tools/lib/bin/firebase.js', '/repo/tests/support/firestore-keeper.mjs']) {
      const { child, line } = await launch(parent, [runner]);
      const port = Number(line);
      const emulator = listenerPid(port);
      expect(emulator).toBeDefined();
      expect(emulator).not.toBe(child.pid);
      expect(leftBehindFirestore(port)).toBeUndefined();
      // The parent takes its stand-in down with it; wait, so that none outlives the test.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('anything else is left alone, and named in the message', async () => {
    const { child, line } = await launch(LISTEN, ['some-other-server']);
    const port = Number(line);
    expect(leftBehindFirestore(port)).toBeUndefined();
    // The command, cut at 100 characters.
    const command = `${process.execPath} -e ${LISTEN} -- some-other-server`;
    expect(describeListener(port)).toBe(`pid ${child.pid}: ${command.slice(0, 100)}…`);
  });

  it('a free port has neither', async () => {
    const { child, line } = await launch(LISTEN, ['cloud-firestore-emulator.jar']);
    await stopProcess(child.pid!);
    expect(leftBehindFirestore(Number(line))).toBeUndefined();
    expect(describeListener(Number(line))).toBeUndefined();
  });
});
