// The web page for everyone without the add-in (web.html), end to end in headless Chromium
// against the emulators through the dev server: sign in; a real .xlsx chosen through the file
// input, checked (errors by row and cell), pushed; the synced workbook downloaded and read
// back (cells, states, the clerk's formatting); a conflict settled; a list pulled and
// downloaded; an axe check of each view; screenshots into docs/screenshots/web-*.png.
// Run from run.mjs, which starts the browser and the dev server.

import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';

const HEADER = [
  '序号',
  '县（区、市）',
  '服务类型',
  '服务对象',
  '工作组',
  '行业专班',
  '问题类别',
  '问题描述',
  '发现日期',
  '解决层级',
  '责任单位',
  '办结时限',
  '办理状态',
  '备注',
];
const YELLOW = 'FFFFFF00';
const RED = 'FFC00000';

function problem(n, o = {}) {
  return {
    county: '榆次区',
    targetType: '入企',
    targetName: `网页测试企业${n}`,
    group: '榆次区入企服务第1组',
    sector: '工业和信息软件服务业',
    category: '政策落实',
    description: '企业具备申报专精特新条件，需要申报指导',
    foundOn: '2022-03-24',
    level: '协调解决',
    department: '市工信局',
    deadline: new Date('2022-04-30T00:00:00Z'),
    status: '办理中',
    remarks: '',
    ...o,
  };
}

/**
 * A ledger as a clerk keeps it: a title row merged above the header, a 序号 column, a yellow
 * bold header, one red name; row 6's 发现日期 is no date. Rows 3–6 are data rows.
 */
export async function writeClerkWorkbook(file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.getCell('A1').value = '榆次区入企服务问题清单';
  ws.mergeCells('A1:N1');
  HEADER.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } };
  });
  const rows = [problem(1), problem(2), problem(3), problem(4, { foundOn: '不是日期' })];
  rows.forEach((p, i) => {
    const r = ws.getRow(i + 3);
    [
      i + 1,
      p.county,
      p.targetType,
      p.targetName,
      p.group,
      p.sector,
      p.category,
      p.description,
      p.foundOn,
      p.level,
      p.department,
      p.deadline,
      p.status,
      p.remarks,
    ].forEach((v, j) => {
      if (v === '') return;
      r.getCell(j + 1).value = v;
      if (v instanceof Date) r.getCell(j + 1).numFmt = 'yyyy-mm-dd';
    });
    r.commit();
  });
  ws.getCell('D3').font = { color: { argb: RED }, bold: true };
  ws.getColumn(4).width = 30;
  await wb.xlsx.writeFile(file);
}

/** The sheet of a downloaded workbook, with a header lookup. */
async function readBack(file, sheetName) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  const headerRow = sheetName === '问题清单' ? 2 : 1;
  const cols = new Map();
  ws.getRow(headerRow).eachCell((c, n) => cols.set(String(c.value), n));
  const at = (row, header) => ws.getCell(row, cols.get(header)).value;
  return { wb, ws, cols, at };
}

async function axe(page, view, check) {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(
    bad.length === 0,
    `axe: no serious violations on the web page (${view})${bad.length ? `: ${bad.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}` : ''}`,
  );
}

/**
 * @param o.browser     playwright Browser
 * @param o.url         the dev server's origin
 * @param o.out         a folder for the files
 * @param o.shots       docs/screenshots
 * @param o.check       (cond, what) → counts a passed check or throws
 * @param o.coordinatorEdits (id, key, change) → another account changes a stored problem
 * @param o.lazyChunk   file name of the chunk that carries the workbook library
 */
export async function runWebPage(o) {
  const { check } = o;
  const context = await o.browser.newContext({ ignoreHTTPSErrors: true, acceptDownloads: true, viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const shot = async (name) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(o.shots, `web-${name}.png`), fullPage: true });
  };
  const downloadOf = async (click, file) => {
    const [d] = await Promise.all([page.waitForEvent('download'), click()]);
    const to = path.join(o.out, file);
    await d.saveAs(to);
    return { to, suggested: d.suggestedFilename() };
  };
  try {
    await page.goto(`${o.url}/web.html`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await axe(page, 'sign-in', check);
    await page.getByLabel('电子邮箱').fill('clerk.yuci@taizhang.demo');
    await page.locator('input[name="password"]').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    check((await page.getByRole('alert').innerText()).includes('电子邮箱或密码不正确'), 'web page: a wrong password is explained');
    await page.locator('input[name="password"]').fill('taizhang-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(/填报员 · 榆次区 · 榆次区入企服务第1组/).waitFor({ timeout: 30_000 });
    check(true, 'web page: signed in, role, county and group shown');
    check(!requested.some((p) => p.endsWith(o.lazyChunk)), 'web page: the workbook library is not loaded before a file is chosen');
    await shot('signed-in');

    // A real file through the file input: checked, errors by row and cell.
    const file = path.join(o.out, '榆次区问题清单.xlsx');
    await writeClerkWorkbook(file);
    await page.getByLabel('选择台账文件（.xlsx）').setInputFiles(file);
    await page.getByText('已校验 4 行：3 行通过，1 行有错误，3 行待上报。').waitFor({ timeout: 60_000 });
    check(
      requested.some((p) => p.endsWith(o.lazyChunk)),
      'web page: the workbook library loads when a file is chosen',
    );
    const errorRow = page.getByRole('row').filter({ hasText: '发现日期' }).filter({ hasText: 'I6' });
    check((await errorRow.count()) === 1, 'web page: the error is listed by row (6) and cell (I6)');
    await axe(page, 'check', check);
    await shot('check');

    await page.getByRole('button', { name: '上报', exact: true }).click();
    await page.getByText(/已上报 3 行（新增 3）/).waitFor({ timeout: 60_000 });
    check(true, 'web page: the 3 valid rows are pushed');
    const first = await downloadOf(() => page.getByRole('button', { name: '下载已同步的工作簿' }).click(), 'first.xlsx');
    check(first.suggested === '榆次区问题清单（已同步）.xlsx', `web page: the synced workbook keeps the file's name (${first.suggested})`);
    const back = await readBack(first.to, '问题清单');
    const states = [3, 4, 5, 6].map((r) => back.at(r, '同步状态〔系统〕'));
    check(states.slice(0, 3).every((s) => s === '已同步') && states[3] === '有错误', `web page: sync states written back (${states.join(', ')})`);
    const id3 = String(back.at(3, '编号〔系统〕'));
    check(/^P-140702-2022-\d{6}$/.test(id3) && back.at(3, '版本〔系统〕') === 1, `web page: id and version written back (${id3})`);
    check(back.at(3, '服务对象') === '网页测试企业1' && back.at(3, '序号') === 1, "web page: the clerk's cells are as they were");
    check(back.ws.getCell('B2').fill?.fgColor?.argb === YELLOW && back.ws.getCell('B2').font?.bold === true, "web page: the header's fill and bold kept");
    check(back.ws.getCell('D3').font?.color?.argb === RED && back.ws.getColumn(4).width === 30, 'web page: the red name and the column width kept');
    check(back.ws.getCell('A1').isMerged && back.ws.getCell('A1').value === '榆次区入企服务问题清单', 'web page: the merged title kept');
    await shot('pushed');

    // A conflict: the coordinator changes row 3 in the system, the clerk changes it in the file.
    await o.coordinatorEdits(id3, String(back.at(3, '行标识〔系统〕')), { remarks: '协调员已电话回访' });
    back.ws.getCell(3, back.cols.get('备注')).value = '我的备注';
    const edited = path.join(o.out, '榆次区问题清单（已同步）.xlsx');
    await back.wb.xlsx.writeFile(edited);
    await page.getByLabel('选择台账文件（.xlsx）').setInputFiles(edited);
    await page.getByText(/1 行待上报/).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '上报', exact: true }).click();
    await page.getByText('冲突（1 行）').waitFor({ timeout: 60_000 });
    check(await page.getByRole('cell', { name: '协调员已电话回访' }).isVisible(), 'web page: the conflict shows both values side by side');
    await axe(page, 'conflict', check);
    await shot('conflict');
    await page.getByLabel('采用他人修改后的内容').check();
    await page.getByRole('button', { name: '确定选择' }).click();
    await page.getByText(/已处理冲突：以本表为准 0 行，采用他人修改后的内容 1 行/).waitFor({ timeout: 60_000 });
    const settled = await downloadOf(() => page.getByRole('button', { name: '下载已同步的工作簿' }).click(), 'settled.xlsx');
    const after = await readBack(settled.to, '问题清单');
    check(
      after.at(3, '备注') === '协调员已电话回访' && after.at(3, '同步状态〔系统〕') === '已同步' && after.at(3, '版本〔系统〕') === 2,
      `web page: taking the other version wrote it into the file (${after.at(3, '备注')}, ${after.at(3, '同步状态〔系统〕')}, v${after.at(3, '版本〔系统〕')})`,
    );

    // The consolidated list, filtered, downloaded.
    await page.getByLabel('办理状态').selectOption('办理中');
    const list = await downloadOf(() => page.getByRole('button', { name: '下载汇总清单' }).click(), 'list.xlsx');
    await page.getByText(/已下载问题清单汇总，共 \d+ 行/).waitFor();
    const pulled = await readBack(list.to);
    const n = pulled.ws.rowCount - 1;
    const statuses = new Set();
    for (let r = 2; r <= pulled.ws.rowCount; r++) statuses.add(pulled.at(r, '办理状态'));
    const ids = new Set();
    for (let r = 2; r <= pulled.ws.rowCount; r++) ids.add(pulled.at(r, '编号〔系统〕'));
    check(
      pulled.ws.name === '问题清单汇总' && n >= 3 && statuses.size === 1 && statuses.has('办理中') && ids.has(id3),
      `web page: the list downloaded, filtered by 办理状态 (${n} rows, ${[...statuses].join('/')})`,
    );
    await axe(page, 'list', check);
    await shot('list');

    // English for an English browser.
    await page.goto(`${o.url}/web.html?lang=en`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
    check(await page.getByRole('heading', { name: 'Push a ledger file' }).isVisible(), 'web page: English for an English browser');
    check(problems.length === 0, `web page: no console errors${problems.length ? `: ${problems.join(' | ')}` : ''}`);
  } catch (e) {
    await page.screenshot({ path: path.join(o.out, 'web-failure.png'), fullPage: true }).catch(() => {});
    console.error(
      `--- web page text at failure ---\n${await page
        .locator('#root')
        .innerText()
        .catch(() => '?')}`,
    );
    if (problems.length) console.error(`--- console ---\n${problems.join('\n')}`);
    throw e;
  } finally {
    await context.close();
  }
}
