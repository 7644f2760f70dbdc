// A port offset that would put a stack where browsers and fetch refuse to connect is refused
// with a clear message, instead of a stack that starts and cannot be reached.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const PORTS = path.resolve(__dirname, '../../../scripts/ports.mjs');

function load(offset: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(PORTS)}); console.log(JSON.stringify(m.PORTS))`], {
    env: { ...process.env, TAIZHANG_PORT_OFFSET: offset },
    encoding: 'utf8',
  });
}

describe('TAIZHANG_PORT_OFFSET', () => {
  it.each([
    ['2000', 'firestore 10080'],
    ['3000', 'pane 6000'],
  ])('%s is refused: %s is a port fetch refuses', (offset, what) => {
    const r = load(offset);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(what);
    expect(r.stderr).toMatch(/请换一个偏移量[\s\S]*choose another offset/);
  });
  it('1000 shifts every port', () => {
    const r = load('1000');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ hub: 5400, auth: 10099, firestore: 9080, functions: 6001 });
  });
});
