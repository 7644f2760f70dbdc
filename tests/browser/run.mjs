#!/usr/bin/env node
// The built task pane in headless Chromium, on a host page whose Office.js is the Excel
// simulator (office-sim.ts), against the real emulators through the dev server's proxy:
// sign in, new sheet, check, push, pull, summary; then a department signs in, opens its 待办,
// answers on its list sheet (a locked column refused by 校验 first), the city returns the
// problem and the pane shows its 审核意见; one screenshot per step into
// docs/screenshots/. Needs the emulators running (npm run test:browser starts them).
//
//   node tests/browser/run.mjs        (emulators already up on 5001/9099/8080)
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { buildAddin } from '../../scripts/build-addin.mjs';
import { startDevServer } from '../../scripts/addin-dev-server.mjs';
import { seedDemo, waitForFunctions } from '../../scripts/demo/local.mjs';
import { AUTH_HOST, FIRESTORE_HOST, FUNCTIONS_ORIGIN } from '../../scripts/ports.mjs';
import { runWebPage } from './web-page.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'tests', 'output', 'browser');
const SHOTS = path.join(ROOT, 'docs', 'screenshots');
const PROJECT = 'demo-taizhang';
const EMAIL = 'clerk.yuci@taizhang.demo';
const PASSWORD = 'taizhang-demo';

const DEPT_EMAIL = 'dept.zrzy@taizhang.demo';

/** A signed-in account's callables, through the real functions. */
async function callerAs(email) {
  const auth = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, returnSecureToken: true }),
  }).then((r) => r.json());
  if (!auth.idToken) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(auth)}`);
  return async (name, data) => {
    const r = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT}/asia-east2/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth.idToken}` },
      body: JSON.stringify({ data }),
    }).then((x) => x.json());
    if (r.error) throw new Error(`${name}: ${r.error.message}`);
    return r.result;
  };
}

/** The taizhang command line against the emulators, as an administrator runs it. */
function taizhang(args, input) {
  return execFileSync(process.execPath, [path.join(ROOT, 'cli', 'bin', 'taizhang.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    env: {
      ...process.env,
      FIREBASE_AUTH_EMULATOR_HOST: AUTH_HOST,
      FIRESTORE_EMULATOR_HOST: FIRESTORE_HOST,
      GCLOUD_PROJECT: PROJECT,
      METADATA_SERVER_DETECTION: 'none',
    },
  });
}

/**
 * What the department's story needs, made through the admin command line when missing (run
 * again, it changes nothing): 市自然资源局 in the registry and its account; then a problem a
 * clerk submits to the city (提交市级) and the city office assigns to it (交办).
 */
async function assignedProblem() {
  const registry = JSON.parse(taizhang(['admin', 'departments', 'list', '--json']));
  if (!registry.some((d) => d.id === 'jz-zrzy')) {
    taizhang(['admin', 'departments', 'add', 'jz-zrzy', '--name', '市自然资源局', '--county', '市直', '--aliases', '晋中市自然资源局']);
  }
  taizhang(['admin', 'create', DEPT_EMAIL, '--role', 'department', '--department', 'jz-zrzy', '--password-stdin'], PASSWORD);
  const targetName = `浏览器测试交办企业${Date.now().toString(36)}`;
  const clerk = await callerAs(EMAIL);
  const values = {
    county: '榆次区',
    targetType: '入企',
    targetName,
    group: '榆次区入企服务第1组',
    sector: '工业和信息软件服务业',
    category: '用地规划',
    description: '新建厂房用地手续办理缓慢，需市级协调',
    foundOn: '2022-03-24',
    level: '提交市级',
    status: '待办理',
  };
  const key = crypto.randomUUID();
  const created = (await clerk('pushRows', { ledger: 'problems', requestId: crypto.randomUUID(), rows: [{ key, values }] })).results[0];
  if (created.status !== 'created') throw new Error(`clerk escalation: ${JSON.stringify(created)}`);
  const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const city = await callerAs('coordinator@taizhang.demo');
  const assigned = (
    await city('pushRows', {
      ledger: 'problems',
      requestId: crypto.randomUUID(),
      rows: [{ key, id: created.id, baseVersion: created.version, values: { ...created.values, department: '市自然资源局', deadline, status: '办理中' } }],
    })
  ).results[0];
  if (assigned.status !== 'updated') throw new Error(`city assignment: ${JSON.stringify(assigned)}`);
  return { id: created.id, targetName };
}

/** The city office sends a problem back (退回) with its 审核意见. */
async function cityReturns(id, review) {
  const city = await callerAs('coordinator@taizhang.demo');
  const { rows } = await city('pullRows', { ledger: 'problems', filter: { status: '待审核' }, pageSize: 5000 });
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`row ${id} is not awaiting the city's review`);
  const res = await city('pushRows', {
    ledger: 'problems',
    requestId: crypto.randomUUID(),
    rows: [{ key: row.key, id, baseVersion: row.version, values: { ...row.values, status: '办理中', review } }],
  });
  if (res.results[0].status !== 'updated') throw new Error(`city return: ${JSON.stringify(res.results[0])}`);
}

/** Another account (the coordinator) updates a row through the real callables. */
async function coordinatorEdits(id, key, change) {
  const auth = await fetch(`http://${AUTH_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'coordinator@taizhang.demo', password: PASSWORD, returnSecureToken: true }),
  }).then((r) => r.json());
  const call = async (name, data) => {
    const r = await fetch(`${FUNCTIONS_ORIGIN}/${PROJECT}/asia-east2/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${auth.idToken}` },
      body: JSON.stringify({ data }),
    }).then((x) => x.json());
    if (r.error) throw new Error(`${name}: ${r.error.message}`);
    return r.result;
  };
  const { rows } = await call('pullRows', { ledger: 'problems', filter: { county: '榆次区' }, pageSize: 5000 });
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`row ${id} not found by the coordinator`);
  const res = await call('pushRows', {
    ledger: 'problems',
    requestId: crypto.randomUUID(),
    rows: [{ key, id, baseVersion: row.version, values: { ...row.values, ...change } }],
  });
  if (res.results[0].status !== 'updated') throw new Error(`coordinator edit: ${JSON.stringify(res.results[0])}`);
}

let passed = 0;

/** No serious or critical accessibility violation on the view shown. */
async function axe(page, view) {
  // Fluent's focus manager (tabster) puts aria-hidden sentinels around menus and tab lists that
  // hand focus straight on; they are no control a reader lands on.
  const r = await new AxeBuilder({ page }).include('#root').exclude('[data-tabster-dummy]').analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(
    bad.length === 0,
    `axe: no serious violations in the pane (${view})${bad.length ? `: ${bad.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}` : ''}`,
  );
}

/**
 * The server's likely-duplicate detection is being built beside this pane: until it answers,
 * the next push's created row is answered as repeating `of`, at the network, so the pane's
 * list and comparison are shown end to end on a real push.
 */
async function answerDuplicateOnce(page, of) {
  await page.route('**/pushRows', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const r of body.result?.results ?? []) {
      if (r.status === 'created') r.duplicates = [{ id: of, group: '市工业和信息化专班', county: '榆次区', similarity: 0.62 }];
    }
    await route.fulfill({ response: res, json: body });
    await page.unroute('**/pushRows');
  });
}

/** Sign-out is in the account menu. */
async function signOut(page) {
  await page.getByRole('button', { name: /^(账户|Account)/ }).click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
}

/** For npm test's closing count: the same fields jest's --json gives. */
async function writeCounts(failed) {
  await mkdir(path.join(ROOT, 'tests', 'output'), { recursive: true });
  await writeFile(path.join(ROOT, 'tests', 'output', 'browser.json'), JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
}

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`  ✓ ${what}`);
  passed++;
}

async function main() {
  try {
    if (!execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim())
      console.warn('[browser] no CJK font installed: screenshots show boxes (apt-get install fonts-wqy-microhei)');
  } catch {
    // no fontconfig: nothing to say
  }
  if (!(await waitForFunctions({ seconds: 120 }))) throw new Error(`the Functions emulator does not answer at ${FUNCTIONS_ORIGIN}`);
  if (!(await seedDemo())) throw new Error('seeding the demo accounts failed');
  await mkdir(SHOTS, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'tests', 'browser', 'office-sim.ts')],
    outfile: path.join(OUT, 'office-sim.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    logLevel: 'warning', // the simulator needs native class fields
  });
  const { metafiles } = await buildAddin({ out: OUT, officeJs: 'office-sim.js' });
  // The web page's chunk that carries the workbook library; the pane's bundle has none of it.
  const withExceljs = (m) => Object.entries(m.outputs).filter(([, o]) => Object.keys(o.inputs).some((i) => i.includes('node_modules/exceljs/')));
  const lazyChunk = path.basename(withExceljs(metafiles.web)[0]?.[0] ?? 'none');
  const dev = await startDevServer({ port: 0, dist: OUT });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  let step = 0;
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // Six stacks share two cores: a cold callable can take tens of seconds.
    page.setDefaultTimeout(90_000);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const shot = async (name) => {
      step++;
      await page.waitForTimeout(700); // the sheet view redraws twice a second
      await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) });
    };
    const idle = () => page.waitForFunction(() => !document.querySelector('[role="progressbar"]'), null, { timeout: 60_000 });

    // English first: the language follows Office.context.displayLanguage.
    await page.goto(`${dev.url}/taskpane.html?lang=en`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    check(await page.getByLabel('E-mail').isVisible(), 'English pane when Office is English');
    await axe(page, 'sign-in (English)');
    await shot('signed-out-en');

    await page.goto(`${dev.url}/taskpane.html`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('电子邮箱').fill(EMAIL);
    await page.locator('input[name="password"]').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    check((await page.getByRole('alert').innerText()).includes('电子邮箱或密码不正确'), 'a wrong password is explained');
    await shot('wrong-password');
    // Chromium logs the Auth emulator's 400 for the wrong password itself; that one is expected.
    problems.splice(0, problems.length, ...problems.filter((p) => !/status of 400/.test(p)));

    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('榆次区入企服务第1组').waitFor({ timeout: 30_000 });
    check(await page.getByText('填报员').isVisible(), 'signed in: role and group in one short line');
    const tabs = await page.getByRole('tab').allInnerTexts();
    check(tabs.join(' ') === '待办 填报 汇总 统计', `a clerk's views: ${tabs.join(' · ')} (no 通报)`);
    await page.locator('.tz-inbox-counts').waitFor({ timeout: 120_000 });
    await axe(page, '待办');
    await shot('signed-in');

    // Keyboard: the views are reached with the arrow keys, as tabs are.
    await page.getByRole('tab', { name: '待办' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '新建台账表' }).waitFor();
    check(true, 'the keyboard moves from 待办 to 填报');
    await page.getByText(/已读取本县（区、市）企业和村名录 \d+ 条/).waitFor({ timeout: 120_000 });

    await page.getByRole('button', { name: '新建台账表' }).click();
    await idle();
    await page.getByText('已新建工作表').waitFor();
    const dv = await page.evaluate(() => window.__tz.excel.sheet('问题清单').cell(`${window.__tz.colOf('targetName')}2`).dataValidation);
    check(dv?.type === 'List' && /TZ_Lists/.test(dv.source), `服务对象 offers the county's registry as a dropdown (${dv?.source})`);
    await shot('new-sheet');

    const sheet = await page.evaluate(() => window.__tz.typeProblems(5, [2]));
    await page.getByRole('button', { name: '校验', exact: true }).click();
    await idle();
    await page.getByText('错误（1 行）').waitFor();
    check(true, 'check lists the error by row');
    check(await page.getByText(/已从企业和村名录补填 \d+ 个空白单元格/).isVisible(), '校验 says how many cells the registry filled');
    await page
      .getByRole('button', { name: /^[A-Z]+4$/ })
      .first()
      .click();
    await page.waitForFunction(() => /4$/.test(window.__tz.selected() ?? ''));
    check(true, 'clicking an error selects its cell');
    await axe(page, '填报: errors');
    await shot('check-errors');

    await page.getByRole('button', { name: '上报', exact: true }).click();
    await idle();
    await page.getByText(/已上报 4 行/).waitFor({ timeout: 60_000 });
    check(true, 'push sends the 4 valid rows');
    const sync = await page.evaluate((s) => window.__tz.field(s, '_sync', 2), sheet);
    check(sync === '已同步', `sync state written back (${sync})`);
    await shot('pushed');

    // Conflict: the coordinator changes row 2 on the server, the clerk changes it in the sheet.
    const id = await page.evaluate((s) => window.__tz.field(s, '_id', 2), sheet);
    const key = await page.evaluate((s) => window.__tz.field(s, '_key', 2), sheet);
    await coordinatorEdits(String(id), String(key), { remarks: '协调员已电话回访' });
    await page.evaluate((s) => window.__tz.typeField(s, 'remarks', 2, '我的备注'), sheet);
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await idle();
    await page.getByText('冲突（1 行）').waitFor({ timeout: 60_000 });
    check(await page.getByRole('cell', { name: '协调员已电话回访' }).isVisible(), 'conflict shows both values side by side');
    const bar = page.locator('.fui-MessageBar', { hasText: '已上报 1 行，其中 0 行成功同步' });
    check(
      (await bar.getAttribute('class').then((c) => !/success/i.test(c ?? ''))) && (await bar.count()) === 1,
      'a push with a conflict waiting is not shown as a success',
    );
    await axe(page, '填报: conflict');
    await shot('conflict');
    await page.getByLabel('以台账为准').check();
    await page.getByRole('button', { name: '应用选择' }).click();
    await idle();
    await page.getByText(/已处理冲突/).waitFor({ timeout: 60_000 });
    const remarks = await page.evaluate((s) => window.__tz.field(s, 'remarks', 2), sheet);
    check(remarks === '协调员已电话回访', `take theirs overwrote the sheet row (${remarks})`);
    await shot('conflict-resolved');

    // The registry's search fills the selected row.
    await page.evaluate((s) => window.__tz.typeRow(s, 7, { targetName: '', county: '', description: '污水处理站扩建用地手续办理缓慢，需协调' }), sheet);
    await page.evaluate((s) => window.__tz.select(s, 'description', 7), sheet);
    await page.getByLabel('名称或统一社会信用代码').fill('强伟');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    const fill = page.getByRole('button', { name: '将「山西强伟纸业有限公司」填入选定行' });
    await fill.waitFor({ timeout: 30_000 });
    await axe(page, '填报: search');
    await fill.click();
    await idle();
    await page.getByText(/已将「山西强伟纸业有限公司」填入/).waitFor({ timeout: 30_000 });
    const filled = await page.evaluate(
      (s) => [window.__tz.field(s, 'targetName', 7), window.__tz.field(s, 'creditCode', 7), window.__tz.field(s, 'county', 7)],
      sheet,
    );
    check(
      filled[0] === '山西强伟纸业有限公司' && filled[1] === '91140700MA0K12345X' && filled[2] === '榆次区',
      `the search box fills the selected row (${filled.join(', ')})`,
    );
    await shot('registry-search');

    // A likely duplicate: listed after the push with the other group, opened side by side.
    const of = String(await page.evaluate((s) => window.__tz.field(s, '_id', 3), sheet));
    await answerDuplicateOnce(page, of);
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await idle();
    await page.getByText('疑似重复（1 行）').waitFor({ timeout: 60_000 });
    check(await page.getByText(/市工业和信息化专班 已上报的问题/).isVisible(), 'the push lists the likely duplicate with the other group');
    await axe(page, '填报: likely duplicates');
    await shot('duplicates');
    await page.getByRole('button', { name: /^对照查看问题/ }).click();
    await idle();
    await page.locator('.tz-compare').waitFor({ timeout: 30_000 });
    const differing = await page.locator('.tz-compare tr.tz-differs').count();
    check(differing > 0, `the two rows side by side, ${differing} differing fields marked`);
    await axe(page, 'compare');
    await shot('compare');
    await page.getByRole('button', { name: '返回' }).click();

    await page.getByRole('tab', { name: '汇总' }).click();
    await page.getByRole('combobox', { name: '办理状态' }).click();
    await page.getByRole('option', { name: '办理中' }).click();
    check(await page.getByRole('switch', { name: '只看超期' }).isVisible(), '只看超期 is a switch');
    await axe(page, '汇总');
    await page.getByRole('combobox', { name: '办理状态' }).click();
    await page.getByRole('option', { name: '全部' }).click();
    await page.getByRole('button', { name: '获取汇总清单', exact: true }).click();
    await idle();
    await page.getByText(/已将 \d+ 行拉取到/).waitFor({ timeout: 60_000 });
    check(true, 'pull writes the consolidated list');
    await shot('pulled');

    await page.getByRole('tab', { name: '统计' }).click();
    await axe(page, '统计');
    await page.getByRole('button', { name: '统计', exact: true }).click();
    await idle();
    await page.getByText(/已在「.*」生成统计/).waitFor({ timeout: 60_000 });
    check(true, 'summary written');
    await shot('summary');

    // A coordinator has 通报 as well.
    await signOut(page);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('电子邮箱').fill('coordinator.yuci@taizhang.demo');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('tab', { name: '通报' }).waitFor({ timeout: 30_000 });

    // The demo's sector team reported again what 榆次区's groups reported: the coordinator finds
    // it under 疑似重复 in the to-do, compares the two problems and links them.
    const fromInbox = page.getByRole('button', { name: /^对照查看问题/ }).first();
    await fromInbox.waitFor({ timeout: 120_000 });
    check(/疑似重复\s*[1-9]/.test(await page.locator('.tz-inbox-counts').innerText()), "a coordinator's 待办 counts 疑似重复");
    await fromInbox.click();
    await idle();
    await page.locator('.tz-compare').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '确认重复' }).click();
    await idle();
    await page.getByText(/已确认问题 \S+ 与问题 \S+ 重复/).waitFor({ timeout: 60_000 });
    check(true, 'a coordinator links a likely duplicate found by the push, from the to-do');
    await axe(page, '待办: a duplicate linked');
    await shot('duplicate-linked');

    await page.getByRole('tab', { name: '通报' }).click();
    await page.getByRole('button', { name: '生成通报表' }).waitFor();
    await axe(page, '通报');
    await shot('notice');

    // The department's loop: its 待办, its list, its answer, the city's return, the 审核意见.
    const story = await assignedProblem();
    await signOut(page);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await page.getByLabel('电子邮箱').fill(DEPT_EMAIL);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('市自然资源局').first().waitFor({ timeout: 30_000 });
    const open = page.getByRole('button', { name: story.targetName }).first();
    await open.waitFor({ timeout: 30_000 });
    const counts = await page.locator('.tz-inbox-counts').innerText();
    check(/新交办\s*[1-9]/.test(counts), `a department's 待办 counts its new assignment (${counts.replace(/\s+/g, ' ')})`);
    await shot('department-inbox');

    await open.click();
    await idle();
    await page.getByText(/已拉取「交办问题清单」/).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: '填报' }).click();
    const row = await page.evaluate((id) => window.__tz.rowOf('交办问题清单', id), story.id);
    check(
      row > 1 && new RegExp(`A${row}:`).test(await page.evaluate(() => window.__tz.selected() ?? '')),
      `the item opens its row on the department's list sheet (row ${row})`,
    );
    const descCol = await page.evaluate(() => window.__tz.colOf('description'));
    check(
      (await page.evaluate((c) => window.__tz.fill('交办问题清单', `${c}1`), descCol)) === '#BFBFBF',
      'columns the department may not change are shaded in the header',
    );
    await shot('department-list');

    await page.evaluate((r) => window.__tz.typeField('交办问题清单', 'description', r, '部门改写了问题描述'), row);
    await page.getByRole('button', { name: '校验', exact: true }).click();
    await idle();
    await page.getByText('错误（1 行）').waitFor({ timeout: 60_000 });
    check((await page.locator('.tz-errors').innerText()).includes('责任单位只能填写'), '校验 refuses a column the department may not change, before any push');
    await shot('department-refused');

    await page.evaluate((r) => {
      window.__tz.typeField('交办问题清单', 'description', r, '新建厂房用地手续办理缓慢，需市级协调');
      window.__tz.typeField('交办问题清单', 'resolution', r, '已会同开发区完成用地预审，5月底前完成组卷报批');
      window.__tz.typeField('交办问题清单', 'status', r, '待审核');
    }, row);
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await idle();
    await page.getByText(/已上报 1 行，其中 1 行成功同步/).waitFor({ timeout: 60_000 });
    check((await page.evaluate((r) => window.__tz.field('交办问题清单', '_sync', r), row)) === '已同步', 'the department answers and asks to close (待审核)');
    await shot('department-answered');

    const review = '预审意见未附，请补充用地预审批复文号和组卷报批时间节点';
    await cityReturns(story.id, review);
    await page.getByRole('tab', { name: '待办' }).click();
    await page.getByRole('button', { name: '刷新' }).click();
    await page
      .getByRole('note', { name: `${story.id} 的审核意见` })
      .first()
      .waitFor({ timeout: 30_000 });
    const note = await page
      .getByRole('note', { name: `${story.id} 的审核意见` })
      .first()
      .innerText();
    check(note.includes(review), "the returned problem shows the city's 审核意见 in the pane");
    check(/被退回\s*[1-9]/.test(await page.locator('.tz-inbox-counts').innerText()), 'the 待办 counts it as returned');
    await shot('department-returned');

    check(problems.length === 0, `no console errors${problems.length ? `: ${problems.join(' | ')}` : ''}`);

    check(
      withExceljs(metafiles.pane).length === 0 && lazyChunk !== 'none',
      `the pane's bundle holds no workbook library; the web page loads it as ${lazyChunk}`,
    );
    await runWebPage({ browser, url: dev.url, out: OUT, shots: SHOTS, check, coordinatorEdits, lazyChunk });
  } catch (e) {
    const page = browser.contexts()[0]?.pages()[0];
    if (page) {
      await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {});
      console.error(
        `--- pane text at failure ---\n${await page
          .locator('#root')
          .innerText()
          .catch(() => '?')}`,
      );
    }
    if (problems.length) console.error(`--- console ---\n${problems.join('\n')}`);
    throw e;
  } finally {
    await browser.close();
    await dev.close();
  }
  console.log(`[browser] ${step} screenshots of the pane and 4 of the web page in ${path.relative(ROOT, SHOTS)}/`);
  await writeCounts(0);
}

main().catch(async (e) => {
  console.error(e.message ?? e);
  await writeCounts(1);
  process.exit(1);
});
