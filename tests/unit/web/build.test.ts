// The web page's build: its html loads one module script, the first load counts only what the
// entry imports statically (never the workbook library's chunk), and the help page points
// WPS users to it.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function node<T>(code: string): T {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
}

test('the first load is the entry and its static imports, not the chunk it imports when a file is chosen', () => {
  const files = node<string[]>(`
    import { firstLoadFiles } from './scripts/build-addin.mjs';
    const metafile = { outputs: {
      'dist/web/web.js': { imports: [{ path: 'dist/web/chunk-shared.js', kind: 'import-statement' }, { path: 'dist/web/chunk-xlsx.js', kind: 'dynamic-import' }] },
      'dist/web/chunk-shared.js': { imports: [] },
      'dist/web/chunk-xlsx.js': { imports: [{ path: 'dist/web/chunk-shared.js', kind: 'import-statement' }] },
    } };
    process.stdout.write(JSON.stringify(firstLoadFiles(metafile, 'dist/web/web.js')));`);
  expect(files.sort()).toEqual(['dist/web/chunk-shared.js', 'dist/web/web.js']);
});

test('web.html is Chinese by default and loads the page as a module', () => {
  const html = node<string>(`
    import { webHtml } from './scripts/build-addin.mjs';
    process.stdout.write(JSON.stringify(webHtml()));`);
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain('<script type="module" src="web/web.js"></script>');
  expect(html).not.toMatch(/office\.js/i);
});

test('the help page sends WPS and older Office to the web page, in both languages', () => {
  const html = node<string>(`
    import { supportHtml } from './scripts/build-addin.mjs';
    process.stdout.write(JSON.stringify(supportHtml()));`);
  expect(html).toContain('<a href="web.html">台账网页版</a>');
  expect(html).toContain('<a href="web.html?lang=en">Taizhang on the web</a>');
});
