#!/usr/bin/env node
// `npm start`: the whole local stack on a fresh clone.
//   1. installs dependencies when node_modules is missing or older than package-lock.json;
//   2. builds the functions and starts the Auth, Firestore and Functions emulators, keeping
//      their data in .emulator-data/ across restarts (`npm start -- --fresh` starts empty);
//   3. once the functions answer, creates the demo accounts and, into an empty store, a few
//      hundred demo rows (scripts/demo/seed.ts);
//   4. builds the task pane (scripts/build-addin.mjs) and serves it on https://localhost:3000
//      (shifted by TAIZHANG_PORT_OFFSET like every port)
//      with the emulators proxied through the same origin (scripts/addin-dev-server.mjs);
//   4a. starts the reminders demo: a fake group robot bound to a county's and a department's
//      channel, printing what it receives (scripts/demo/reminders.ts);
//   5. prints what runs where, how to sign in and how to sideload manifest.xml into Excel;
//      Ctrl-C stops everything and saves the data.
// Uses only Node built-ins until the install is done.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PANE_PORT, PORTS } from './ports.mjs';
import { ensureInstalled } from './prerequisites.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = 'demo-taizhang';
const REGION = 'asia-east2';

function say(zh, en) {
  console.log(`[start] ${zh}\n[start] ${en}`);
}

async function startPane() {
  try {
    const { buildAddin } = await import('./build-addin.mjs');
    await buildAddin();
    const { startDevServer } = await import('./addin-dev-server.mjs');
    const dev = await startDevServer({ port: PANE_PORT });
    return dev;
  } catch (e) {
    const why = e.code === 'EADDRINUSE' ? `${PANE_PORT} 端口已被占用 / port ${PANE_PORT} is in use` : e.message;
    say(`任务窗格未能启动：${why}（模拟器仍在运行）`, `The task pane could not start: ${why} (the emulators keep running)`);
    return undefined;
  }
}

function sideloadHelp(paneUrl) {
  const manifest = path.join(ROOT, 'manifest.xml');
  console.log(`
 Excel 加载项 / the Excel add-in   ${paneUrl ? `${paneUrl}/taskpane.html` : '(未启动 / not running)'}
 网页版（WPS、旧版 Office）/ the web page (WPS, older Office)   ${paneUrl ? `${paneUrl}/web.html` : '(未启动 / not running)'}
   清单 / manifest: ${manifest}
   · Excel 网页版 / Excel on the web: 开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项 → 选择 manifest.xml
       (Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in → choose manifest.xml)
   · Windows 桌面版 / Excel on Windows: 将 manifest.xml 放入一个共享文件夹（例如 \\\\电脑名\\addins），
       在 文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录 中添加该共享路径并勾选“显示在菜单中”，
       重启 Excel 后：开始 → 加载项 → 更多加载项 → 共享文件夹 → 台账
       (share a folder holding manifest.xml, add its \\\\host\\share path under File → Options → Trust Center →
        Trust Center Settings → Trusted Add-in Catalogs with "Show in Menu", restart Excel, then
        Home → Add-ins → More Add-ins → SHARED FOLDER → Taizhang)
       窗格连不上 localhost 时，以管理员身份运行一次 / if the pane cannot reach localhost, run once as administrator:
         CheckNetIsolation LoopbackExempt -a -n="microsoft.win32webviewhost_cw5n1h2txyewy"
   · Mac 桌面版 / Excel on the Mac: mkdir -p ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef
       && cp manifest.xml ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ ，重启 Excel →
       开始 → 加载项 → 台账 (restart Excel → Home → Add-ins → Taizhang, under developer add-ins)
   证书 / certificate: office-addin-dev-certs (~/.office-addin-dev-certs/ca.crt)；浏览器提示不受信任时请先信任该 CA
       (trust that CA if the browser or Excel complains about https://localhost:${PANE_PORT})`);
}

function banner() {
  console.log(`
────────────────────────────────────────────────────────────────────────
 台账 Taizhang — 本地环境已就绪 / local stack is up
   Functions  http://127.0.0.1:${PORTS.functions}/${PROJECT}/${REGION}/{pushRows,pullRows,getStats,getProfile}
   Firestore  127.0.0.1:${PORTS.firestore}     Auth  127.0.0.1:${PORTS.auth}     Hub  127.0.0.1:${PORTS.hub}
   数据保存在 / data kept in  .emulator-data/  (npm start -- --fresh 清空 / starts empty)
   演示账户见上 / demo accounts: listed above
 命令行 / command line:  npx taizhang check <file.xlsx>   npx taizhang admin list
 按 Ctrl-C 停止（数据会保存）/ Ctrl-C stops everything (data is saved)
────────────────────────────────────────────────────────────────────────`);
}

async function main() {
  ensureInstalled('start');
  const { start, UserError } = await import('./emulators.mjs');
  const { seedDemo, startReminderDemo, waitForFunctions } = await import('./demo/local.mjs');
  const fresh = process.argv.includes('--fresh');
  let exited = false;
  const running = start({ fresh, watch: true }).then(
    (code) => {
      exited = true;
      return code;
    },
    (e) => {
      exited = true;
      if (e instanceof UserError) {
        console.error(e.message);
        return 2;
      }
      throw e;
    },
  );
  let pane;
  let reminders;
  if (await waitForFunctions({ stopped: () => exited })) {
    const seeded = await seedDemo();
    if (seeded) reminders = startReminderDemo();
    pane = await startPane();
    if (seeded) banner();
    else say('演示数据写入失败（模拟器仍在运行）', 'Seeding the demo data failed (the emulators keep running)');
    sideloadHelp(pane?.url);
  }
  process.exitCode = await running;
  reminders?.kill();
  await pane?.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
