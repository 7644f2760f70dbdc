// Finding 11 of the security review (issue 16): a deploy installs exactly the versions the
// tests ran with. functions/dist is what `firebase deploy` uploads; Cloud Build installs its
// dependencies with `npm ci` when a package-lock.json is there, and resolves caret ranges
// afresh when none is.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '../../..');
const DIST = join(REPO, 'functions/dist');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

type LockEntry = { version?: string; resolved?: string; integrity?: string; dev?: boolean; link?: boolean };

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(REPO, 'scripts/build-functions.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}, 120_000);

test('finding 11: functions/dist/package.json names exact versions, the ones installed and tested', () => {
  const pkg = json(join(DIST, 'package.json')) as { dependencies: Record<string, string> };
  expect(Object.keys(pkg.dependencies).sort()).toEqual(['firebase-admin', 'firebase-functions']);
  for (const [dep, version] of Object.entries(pkg.dependencies)) {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    // The copy the functions load in the emulator, as Node finds it from functions/.
    const installed = [join(REPO, 'functions/node_modules', dep, 'package.json'), join(REPO, 'node_modules', dep, 'package.json')].find(existsSync)!;
    expect(version).toBe(json(installed).version);
  }
});

test("finding 11: functions/dist ships a lockfile that is the root lockfile's, and npm finds it whole", () => {
  const lockPath = join(DIST, 'package-lock.json');
  expect(existsSync(lockPath)).toBe(true);
  const lock = json(lockPath) as { lockfileVersion: number; packages: Record<string, LockEntry & { dependencies?: Record<string, string> }> };
  const root = json(join(REPO, 'package-lock.json')) as { packages: Record<string, LockEntry> };
  const pkg = json(join(DIST, 'package.json')) as { dependencies: Record<string, string> };
  expect(lock.lockfileVersion).toBe(3);
  expect(lock.packages['']!.dependencies).toEqual(pkg.dependencies);
  const entries = Object.entries(lock.packages).filter(([path]) => path !== '');
  expect(entries.length).toBeGreaterThan(50);
  for (const [path, entry] of entries) {
    // The workspace's own node_modules shadow the root's, as Node resolves from functions/.
    const tested = root.packages[`functions/${path}`] ?? root.packages[path];
    expect({ path, version: entry.version, resolved: entry.resolved, integrity: entry.integrity }).toEqual({
      path,
      version: tested?.version,
      resolved: tested?.resolved,
      integrity: tested?.integrity,
    });
    expect(entry.dev).toBeUndefined();
    expect(entry.link).toBeUndefined();
  }
  // npm reads the lockfile alone (no node_modules, no network): nothing missing or invalid.
  const ls = spawnSync('npm', ['ls', '--all', '--package-lock-only', '--json'], { cwd: DIST, encoding: 'utf8' });
  expect(ls.stderr).not.toMatch(/missing|invalid|ELSPROBLEMS/);
  expect(ls.status).toBe(0);
}, 60_000);
