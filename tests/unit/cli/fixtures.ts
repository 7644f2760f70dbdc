// Workbooks as clerks make them, built with exceljs in a temporary folder (no binary
// fixtures in the repository).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';

export const REPO = resolve(__dirname, '../../..');
export const BIN = join(REPO, 'cli/bin/taizhang.js');

export interface CliProcess {
  status: number | null;
  out: string;
  err: string;
}

/**
 * `taizhang …` as a real process, as a clerk or an administrator runs it. `input` goes to its
 * standard input, closed after it (at once when absent: nothing waits on a prompt).
 */
export function runTaizhang(args: string[], o: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliProcess> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...o.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => void (out += d));
    child.stderr.on('data', (d) => void (err += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out, err }));
    child.stdin.end(o.input ?? '');
  });
}

/** "Today" in every test. */
export const TODAY = '2024-06-30';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A date cell's value: midnight UTC of the day, which exceljs writes as a whole serial. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

type Cell = ExcelJS.CellValue;

/** Put a row of values at a 1-based row number; Date values get a date format. */
export function putRow(ws: ExcelJS.Worksheet, rowNumber: number, values: readonly Cell[]): void {
  const row = ws.getRow(rowNumber);
  values.forEach((v, i) => {
    if (v === null || v === undefined) return;
    const cell = row.getCell(i + 1);
    cell.value = v;
    if (v instanceof Date) cell.numFmt = 'yyyy-mm-dd';
  });
  row.commit();
}

export const MESSY_SHEET = '问题清单（6月）';

/**
 * A problems ledger as a county clerk keeps it: an instructions sheet first; two title rows
 * above the header; a 序号 and a 走访人 column the ledger does not have; columns out of
 * order; 县(区、市) with half-width parentheses; dates typed as text, as date cells and as
 * serial numbers; a formula, a hyperlink and rich text; full-width digits; the alias 榆次;
 * blank rows in the middle; and a few invalid rows. "Today" is TODAY.
 *
 * Data rows (worksheet row numbers):
 *   4  valid — text date, date cell, full-width phone, alias 榆次, hyperlink
 *   5  valid — serial-number date, date cell, 进村 with township, rich text
 *   6  blank
 *   7  only 序号 and 走访人 (columns the ledger ignores) — counts as empty
 *   8  invalid — 县 "北京" (C8, enum), 发现日期 "2024-13-45" (J8, type)
 *   9  invalid — 发现日期 after today (J9, range); 现场解决 but 办理中 (N9, rule);
 *               no 办结时限 while not resolved (M9, required)
 *  10  valid — full-width text date 2024年5月6日, alias 介休, formula date for 办结时限
 *  11  blank but for spaces
 *  12  invalid — 进村 without 乡镇 (E12, required) and with a credit code (S12, rule)
 *  13  valid — serial-number 办结时限, landline
 */
export async function writeMessyWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '填表说明：每个问题一行，日期写成 2024-03-24。';
  notes.getCell('A2').value = '县（区、市）、服务类型 等列请用下拉选项。';

  const ws = wb.addWorksheet(MESSY_SHEET);
  ws.getCell('A1').value = '晋中市“三服务”活动问题清单';
  ws.mergeCells('A1:U1');
  ws.getCell('A2').value = '填报单位：榆次区工作专班      填报日期：2024年6月30日';
  putRow(ws, 3, [
    '序号',
    '服务对象',
    '县(区、市)',
    '服务类型',
    '乡镇（街道）',
    '工作组',
    '行业专班',
    '问题类别',
    '问题描述',
    '发现日期',
    '解决层级',
    '责任单位',
    '办结时限',
    '办理状态',
    '解决措施及进展',
    '解决日期',
    '联系人',
    '联系电话',
    '统一社会信用代码',
    '备注',
    '走访人',
  ]);
  //          A   B                                   C       D       E         F            G                       H          I
  putRow(ws, 4, [
    1,
    { text: '晋中市恒达机械有限公司', hyperlink: 'https://example.com/hengda' },
    '榆次',
    '入企',
    null,
    '第一工作组',
    '工业和信息软件服务业',
    '融资资金',
    '企业流动资金紧张，需协调银行贷款',
    //   J             K           L          M                  N         O     P     Q       R                      S                      T     U
    '2024-03-05',
    '协调解决',
    '市金融办',
    day('2024-07-31'),
    '办理中',
    null,
    null,
    '张三',
    '１３９ １２３４ ５６７８',
    '91350100M000100Y43',
    null,
    '李四',
  ]);
  putRow(ws, 5, [
    2,
    '东阳村',
    '太谷区',
    '进村',
    '胡村镇',
    '第二工作组',
    '农业',
    '基础设施',
    { richText: [{ text: '村道' }, { font: { bold: true }, text: '年久失修' }, { text: '，需硬化' }] },
    45383,
    '现场解决',
    null,
    null,
    '已解决',
    '已协调施工队现场硬化',
    day('2024-04-02'),
    null,
    null,
    null,
    '已回访',
    '王五',
  ]);
  // row 6 left blank
  putRow(ws, 7, [3, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, '赵六']);
  putRow(ws, 8, [
    4,
    '晋中市某商贸公司',
    '北京',
    '入企',
    null,
    '第三工作组',
    '批零住餐',
    '市场销售',
    '销售渠道单一，需对接电商平台',
    '2024-13-45',
    '协调解决',
    '市商务局',
    '2024-08-31',
    '待办理',
  ]);
  putRow(ws, 9, [
    5,
    '晋中市某建筑公司',
    '寿阳县',
    '入企',
    null,
    '第四工作组',
    '建筑业',
    '审批手续',
    '施工许可办理进度缓慢',
    day('2024-07-15'),
    '现场解决',
    null,
    null,
    '办理中',
  ]);
  putRow(ws, 10, [
    6,
    '介休市某焦化厂',
    '介休',
    '入企',
    null,
    '第五工作组',
    '工业和信息软件服务业',
    '环境卫生',
    '厂区周边道路扬尘治理',
    '２０２４年５月６日',
    '提交市级',
    '市生态环境局',
    { formula: 'DATE(2024,9,30)', result: day('2024-09-30') },
    '办理中',
  ]);
  putRow(ws, 11, [null, '  ', null, '\u3000']);
  putRow(ws, 12, [
    7,
    '北关村',
    '平遥县',
    '进村',
    null,
    '第六工作组',
    '农业',
    '用工培训',
    '缺乏农业技术培训',
    '2024/6/1',
    '协调解决',
    '县农业农村局',
    '2024.9.1',
    '办理中',
    null,
    null,
    null,
    null,
    '91110000600037341L',
  ]);
  putRow(ws, 13, [
    8,
    '晋中市某旅游公司',
    '平遥县',
    '入企',
    null,
    '第七工作组',
    '文化旅游',
    '政策落实',
    '文旅消费券政策落实不到位',
    45432,
    '协调解决',
    '市文旅局',
    45463 + 60,
    '办理中',
    null,
    null,
    '钱七',
    '0354-3012345',
  ]);
  await wb.xlsx.writeFile(path);
}

/** A visits ledger on its first sheet (header on row 1) and a problems ledger after it. */
export async function writeVisitsWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('走访台账');
  putRow(ws, 1, [
    '走访日期',
    '县（区、市）',
    '乡镇（街道）',
    '服务类型',
    '服务对象',
    '统一社会信用代码',
    '工作组',
    '参与人数',
    '宣讲政策（项）',
    '服务人次',
    '发现问题（个）',
    '备注',
  ]);
  putRow(ws, 2, [day('2024-06-03'), '榆社县', '箕城镇', '进村', '西河村', null, '第八工作组', 3, 5, 40, 2]);
  putRow(ws, 3, ['2024-06-04', '昔阳', null, '入企', '昔阳县某食品公司', '91350100M000100Y43', '第九工作组', '２', null, null, 1, '企业反映物流成本高']);
  putRow(ws, 4, ['2024-06-05', '和顺县', '青城镇', '进村', '青城村', null, '第十工作组', 0, 1.5]);

  const other = wb.addWorksheet('问题清单');
  putRow(other, 1, [
    '县（区、市）',
    '乡镇（街道）',
    '服务类型',
    '服务对象',
    '统一社会信用代码',
    '工作组',
    '行业专班',
    '问题类别',
    '问题描述',
    '发现日期',
    '解决层级',
    '责任单位',
    '办结时限',
    '办理状态',
    '解决措施及进展',
    '解决日期',
    '联系人',
    '联系电话',
    '备注',
  ]);
  await wb.xlsx.writeFile(path);
}

/** A problems sheet whose header lacks 问题描述 and 发现日期. */
export async function writeMissingColumnWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  putRow(ws, 1, ['县（区、市）', '服务类型', '服务对象', '工作组', '行业专班', '问题类别', '解决层级', '责任单位', '办结时限', '办理状态']);
  putRow(ws, 2, ['祁县', '入企', '祁县某玻璃器皿公司', '第十一工作组', '工业和信息软件服务业', '市场销售', '协调解决', '县工信局', '2024-08-01', '办理中']);
  await wb.xlsx.writeFile(path);
}

/**
 * A visits ledger from an old Mac: the 1904 date system. With TODAY-like today 2024-03-24,
 * row 2 (date cell 2024-03-24) and row 3 (1904 serial of 2024-03-20) are valid; row 4
 * (date cell 2024-03-25) and row 5 (1904 serial of 2024-03-25) are after today. Read in
 * the 1900 system, every one of them would fall four years earlier and pass.
 */
export async function write1904Workbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('走访');
  putRow(ws, 1, ['走访日期', '县（区、市）', '服务类型', '服务对象', '工作组', '参与人数']);
  putRow(ws, 2, [day('2024-03-24'), '灵石县', '入企', '灵石县某煤业公司', '第十二工作组', 2]);
  putRow(ws, 3, [43909, '灵石县', '入企', '灵石县某化工公司', '第十二工作组', 2]);
  putRow(ws, 4, [day('2024-03-25'), '灵石县', '入企', '灵石县某物流公司', '第十二工作组', 2]);
  putRow(ws, 5, [43914, '灵石县', '入企', '灵石县某建材公司', '第十二工作组', 2]);
  await wb.xlsx.writeFile(path);
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the real command, as `node cli/bin/taizhang.js …` from the repository root. */
export function runCli(args: readonly string[]): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
