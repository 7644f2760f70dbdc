#!/usr/bin/env node
// Builds the task pane: addin/src/pane/main.tsx → addin/dist/taskpane.js (one minified
// bundle, es2020, iife), addin/dist/guard.js (the ES5 old-webview check, loaded first),
// addin/dist/taskpane.html, addin/dist/support.html (the manifest's SupportUrl) and addin/dist/assets/icon-{16,32,64,80,128}.png
// (copied from addin/assets/, drawn there by scripts/png.mjs when missing); and the web page
// for everyone without the add-in: addin/src/web/main.tsx → addin/dist/web.html +
// addin/dist/web/web.js (ES modules, split: the workbook library is its own chunk, fetched
// only when a file is chosen).
// Needs no network: Office.js is loaded by the html from Microsoft's CDN at run time.
//
//   node scripts/build-addin.mjs                  development: the pane talks to the emulators
//                                                 through its own origin (scripts/addin-dev-server.mjs)
//   node scripts/build-addin.mjs --prod           production: Firebase settings from the environment
//        TZ_FIREBASE_API_KEY, TZ_FIREBASE_PROJECT, TZ_FIREBASE_AUTH_DOMAIN?, TZ_FIREBASE_APP_ID?, TZ_REGION?
//   --office-js <url>                             another Office.js (tests load the simulator's stand-in)
//   --out <dir>                                   default addin/dist
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ICON_SIZES, iconPng } from './png.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'addin', 'dist');
export const ASSETS = path.join(ROOT, 'addin', 'assets');
/** The first script of the pane, in ES5: tells the clerk what to update when the webview is too old. */
export const GUARD = path.join(ROOT, 'addin', 'src', 'pane', 'guard.js');
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function arg(argv, name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export function configFromEnv(prod, env = process.env) {
  if (!prod) return { apiKey: 'demo-api-key', projectId: 'demo-taizhang', region: 'asia-east2', emulator: true };
  const apiKey = env.TZ_FIREBASE_API_KEY;
  const projectId = env.TZ_FIREBASE_PROJECT;
  if (!apiKey || !projectId) {
    throw new Error('--prod needs TZ_FIREBASE_API_KEY and TZ_FIREBASE_PROJECT in the environment');
  }
  return {
    apiKey,
    projectId,
    region: env.TZ_REGION || 'asia-east2',
    emulator: false,
    ...(env.TZ_FIREBASE_AUTH_DOMAIN && { authDomain: env.TZ_FIREBASE_AUTH_DOMAIN }),
    ...(env.TZ_FIREBASE_APP_ID && { appId: env.TZ_FIREBASE_APP_ID }),
  };
}

export function taskpaneHtml(officeJs = OFFICE_JS_CDN) {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>台账 Taizhang</title>
<link rel="icon" type="image/png" href="assets/icon-32.png">
<script src="${officeJs}"></script>
<style>
  html, body { margin: 0; font-family: "Segoe UI", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 14px; }
  .tz-pane { padding: 12px; display: flex; flex-direction: column; gap: 12px; }
  .tz-pane h1 { font-size: 20px; margin: 0; }
  .tz-pane h2, .tz-pane h3 { font-size: 16px; margin: 4px 0; }
  .tz-signin, .tz-pull, .tz-summary { display: flex; flex-direction: column; gap: 8px; }
  .tz-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .tz-profile { display: flex; flex-direction: column; gap: 4px; }
  .tz-claims { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0; }
  .tz-claims dt { color: #605e5c; } .tz-claims dd { margin: 0; }
  .tz-progress { display: flex; flex-direction: column; gap: 6px; }
  .tz-filters { border: 1px solid #e1dfdd; border-radius: 4px; display: grid; gap: 6px; }
  .tz-errors ul { padding-left: 16px; margin: 4px 0; }
  .tz-conflict table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  .tz-conflict th, .tz-conflict td { border: 1px solid #e1dfdd; padding: 2px 4px; text-align: left; vertical-align: top; }
  .tz-conflict caption { text-align: left; font-weight: 600; }
  .tz-conflict .tz-note { margin: 2px 0; color: #a4262c; }
  .tz-inbox { display: flex; flex-direction: column; gap: 6px; }
  .tz-inbox-head { display: flex; align-items: center; justify-content: space-between; }
  .tz-inbox-counts { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
  .tz-inbox-items { padding-left: 18px; margin: 0; display: flex; flex-direction: column; gap: 6px; }
  .tz-inbox-items li > button { padding-left: 0; min-width: 0; }
  .tz-inbox-desc { display: block; color: #605e5c; }
  .tz-review { background: #fff4ce; border-left: 3px solid #c19c00; padding: 4px 6px; margin-top: 2px; }
  .tz-detail { font-size: 12px; color: #605e5c; word-break: break-all; }
  .tz-pane-header { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
  .tz-pane .tz-account { display: flex; align-items: center; gap: 4px; min-width: 0; }
  .tz-who { color: #605e5c; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .tz-nav { margin: 0 -8px; overflow-x: auto; }
  .tz-view { display: flex; flex-direction: column; gap: 12px; }
  .tz-pane .tz-filters { border: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 6px 10px; align-items: end; }
  .tz-pane .tz-filters .fui-Dropdown, .tz-pane .tz-filters .fui-Input { min-width: 0; width: 100%; box-sizing: border-box; }
  .tz-pane .tz-filters .fui-Dropdown__button { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
  .tz-warnings { color: #605e5c; border-left: 3px solid #f3d6a4; padding-left: 8px; }
  .tz-warnings h3 { color: #323130; font-weight: 600; }
  .tz-warnings ul, .tz-duplicates ul, .tz-target-list { padding-left: 16px; margin: 4px 0; }
  .tz-duplicates { border-left: 3px solid #c19c00; padding-left: 8px; }
  .tz-targets form { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
  .tz-target-list li { display: flex; justify-content: space-between; align-items: center; gap: 6px; margin: 4px 0; }
  .tz-target-meta { color: #605e5c; }
  .tz-compare table { border-collapse: collapse; width: 100%; }
  .tz-compare th, .tz-compare td { border: 1px solid #e1dfdd; padding: 2px 4px; text-align: left; vertical-align: top; }
  .tz-compare caption { text-align: left; font-weight: 600; }
  .tz-compare tr.tz-differs td, .tz-compare tr.tz-differs th { background: #fff4ce; }
  .tz-compare tr.tz-differs th { border-left: 3px solid #c19c00; }
  .tz-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
</head>
<body>
<div id="root"></div>
<script src="guard.js"></script>
<script src="taskpane.js"></script>
</body>
</html>
`;
}

export function webHtml() {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>台账网页版</title>
<link rel="icon" type="image/png" href="assets/icon-32.png">
<style>
  html, body { margin: 0; font-family: "Segoe UI", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif; font-size: 14px; background: #faf9f8; }
  .tz-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; padding: 12px 24px; background: #fff; border-bottom: 1px solid #e1dfdd; }
  .tz-header h1 { font-size: 22px; margin: 0; }
  .tz-account { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; }
  .tz-main { max-width: 980px; margin: 0 auto; padding: 16px 24px 48px; display: flex; flex-direction: column; gap: 16px; }
  .tz-section, .tz-signin { background: #fff; border: 1px solid #e1dfdd; border-radius: 6px; padding: 16px; display: flex; flex-direction: column; gap: 10px; }
  .tz-signin { max-width: 420px; }
  .tz-section h2, .tz-signin h2 { font-size: 18px; margin: 0; }
  .tz-section h3 { font-size: 15px; margin: 4px 0; }
  .tz-drop { position: relative; border: 2px dashed #8a8886; border-radius: 6px; padding: 20px; display: flex; flex-direction: column; gap: 8px; align-items: flex-start; }
  .tz-drop p { margin: 0; }
  .tz-file-input { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
  .tz-file-button { display: inline-block; padding: 5px 12px; border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; font-weight: 600; cursor: pointer; }
  .tz-file-button:hover { background: #f5f5f5; border-color: #c7c7c7; }
  .tz-file-input:focus-visible + .tz-file-button { outline: 2px solid #0f6cbd; outline-offset: 2px; }
  .tz-file-input:disabled + .tz-file-button { color: #bdbdbd; cursor: default; }
  .tz-actions { display: flex; flex-wrap: wrap; gap: 8px; }
  .tz-filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px 16px; align-items: end; }
  .tz-errors table, .tz-conflict table { border-collapse: collapse; width: 100%; }
  .tz-errors th, .tz-errors td, .tz-conflict th, .tz-conflict td { border: 1px solid #e1dfdd; padding: 4px 6px; text-align: left; vertical-align: top; }
  .tz-conflict { margin: 8px 0; }
  .tz-conflict caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
  .tz-note { color: #a4262c; }
  .tz-detail { font-size: 12px; color: #605e5c; word-break: break-all; }
  .tz-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
</style>
</head>
<body>
<div id="root"></div>
<script type="module" src="web/web.js"></script>
</body>
</html>
`;
}

/**
 * The JavaScript the web page loads before a file is chosen: its entry and every chunk the
 * entry imports statically (esbuild's metafile), not the chunks it imports dynamically.
 */
export function firstLoadFiles(metafile, entryOut) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entryOut);
  return [...seen];
}

/**
 * The page the manifest's SupportUrl and "learn more" link open (store review follows them):
 * what the add-in does, which Excel it needs, and where to turn without it, in both languages.
 */
export function supportHtml() {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>台账 Taizhang：帮助 Help</title>
<style>body { margin: 24px; max-width: 760px; font-family: "Segoe UI", "Microsoft YaHei", "PingFang SC", sans-serif; line-height: 1.6; }</style>
</head>
<body>
<h1>台账 Taizhang</h1>
<p>台账加载项用于在 Excel 中填报、校验、上报和汇总“入企进村服务”的问题清单与走访台账：校验规则与服务器一致，上报的每一行只保存一次，并保留版本和修改记录。</p>
<p>需要 Excel 网页版、Microsoft 365，或 Office 2019 及以上版本（Windows 上需要 Microsoft Edge WebView2 运行时）。首页选项卡上的“台账”按钮打开任务窗格；使用管理员开通的账户登录。</p>
<p>使用 WPS 或旧版 Excel 时，请在浏览器中打开<a href="web.html">台账网页版</a>：无需安装，选择台账文件即可校验、上报，并下载写好同步状态的工作簿和汇总清单；也可用命令行工具 <code>taizhang check</code>、<code>taizhang push</code>、<code>taizhang pull</code>。账户、权限和数据问题请联系本县（区、市）的台账管理员。</p>
<hr>
<p lang="en">The Taizhang add-in fills in, checks, pushes and consolidates the problem lists and visit logs of the enterprise and village service campaign in Excel: the same rules as the server, every row stored once, with versions and a history of changes.</p>
<p lang="en">It needs Excel on the web, Microsoft 365, or Office 2019 or newer (on Windows with the Microsoft Edge WebView2 Runtime). The 台账 button on the Home tab opens the task pane; sign in with the account your administrator created.</p>
<p lang="en">With WPS or an older Excel, open <a href="web.html?lang=en">Taizhang on the web</a> in a browser: nothing to install; choose a ledger file to check and push it, and download the synced workbook and the consolidated list. The command line does the same: <code>taizhang check</code>, <code>taizhang push</code>, <code>taizhang pull</code>. For accounts, permissions and data, contact your county's ledger administrator.</p>
</body>
</html>
`;
}

export async function buildAddin({ prod = false, officeJs = OFFICE_JS_CDN, out = DIST, config } = {}) {
  await mkdir(path.join(out, 'assets'), { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'addin', 'src', 'pane', 'main.tsx')],
    outfile: path.join(out, 'taskpane.js'),
    bundle: true,
    minify: true,
    sourcemap: prod ? false : 'linked',
    target: 'es2020',
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      __TZ_CONFIG__: JSON.stringify(config ?? configFromEnv(prod)),
      'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development'),
    },
    metafile: true,
  });
  const web = await build({
    absWorkingDir: ROOT,
    entryPoints: { web: path.join(ROOT, 'addin', 'src', 'web', 'main.tsx') },
    outdir: path.join(out, 'web'),
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    minify: true,
    sourcemap: prod ? false : 'linked',
    target: 'es2020',
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    legalComments: 'none',
    logLevel: 'warning',
    define: {
      __TZ_CONFIG__: JSON.stringify(config ?? configFromEnv(prod)),
      'process.env.NODE_ENV': JSON.stringify(prod ? 'production' : 'development'),
    },
    metafile: true,
  });
  await writeFile(path.join(out, 'taskpane.html'), taskpaneHtml(officeJs));
  await writeFile(path.join(out, 'web.html'), webHtml());
  // The old-webview guard goes as written: ES5, loaded before the bundle.
  await copyFile(GUARD, path.join(out, 'guard.js'));
  await writeFile(path.join(out, 'support.html'), supportHtml());
  // The icons live in addin/assets (drawn by scripts/png.mjs the first time) and are copied.
  await mkdir(ASSETS, { recursive: true });
  for (const size of ICON_SIZES) {
    const src = path.join(ASSETS, `icon-${size}.png`);
    if (!existsSync(src)) await writeFile(src, iconPng(size));
    await copyFile(src, path.join(out, 'assets', `icon-${size}.png`));
  }
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  const webEntry = path
    .relative(ROOT, path.join(out, 'web', 'web.js'))
    .split(path.sep)
    .join('/');
  const webFirstLoad = firstLoadFiles(web.metafile, webEntry).map((f) => path.join(ROOT, f));
  return { out, bytes, webFirstLoad, metafiles: { pane: result.metafile, web: web.metafile } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  buildAddin({ prod: argv.includes('--prod'), officeJs: arg(argv, '--office-js') ?? OFFICE_JS_CDN, out: arg(argv, '--out') ?? DIST })
    .then(({ out, bytes }) =>
      console.log(
        `[build-addin] ${path.relative(ROOT, out)}/taskpane.{html,js}, guard.js, support.html (${Math.round(bytes / 1024)} KB), assets/icon-*.png, web.html + web/*.js`,
      ),
    )
    .catch((e) => {
      console.error(`[build-addin] ${e.message}`);
      process.exit(1);
    });
}
