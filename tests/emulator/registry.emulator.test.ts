// The registers of enterprises and villages end to end: imported from .xlsx by
// `taizhang admin registry import` (added, changed, unchanged, refused with reasons), read by
// lookupTargets and listTargets within the caller's scope, warnings in push answers (stored all
// the same), and `taizhang check` / `push` filling empty cells when signed in.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ListTargetsAnswer, LookupTargetsAnswer } from '@taizhang/ledger';
import { runTaizhang, tempDir } from '../unit/cli/fixtures';
import { newKey, problem, push, type PushOk } from './fixtures';
import { adminDb, callFn, callOk, clearFirestore, closeAdmin, makeUser, type TestUser } from './helpers';

jest.setTimeout(180_000);

const YUCI = '榆次区';
const GROUP = '榆次区入企服务第1组';

let dir: string;
let cleanup: () => void;
let clerk: TestUser;
let jiexiuClerk: TestUser;
let cityCoordinator: TestUser;

async function sheet(path: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名录');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

const ENTERPRISE_HEADER = ['序号', '统一社会信用代码', '企业名称', '其他名称', '县(区、市)', '乡镇（街道）', '行业专班'];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  await clearFirestore();
  [clerk, jiexiuClerk, cityCoordinator] = await Promise.all([
    makeUser({ email: 'reg-clerk-yuci@taizhang.test', claims: { role: 'clerk', county: YUCI, group: GROUP } }),
    makeUser({ email: 'reg-clerk-jiexiu@taizhang.test', claims: { role: 'clerk', county: '介休市', group: '介休市入企服务第1组' } }),
    makeUser({ email: 'reg-coord-city@taizhang.test', claims: { role: 'coordinator' } }),
  ]);
});

afterAll(async () => {
  cleanup();
  await closeAdmin();
});

describe('taizhang admin registry import', () => {
  it('imports the good rows, refuses the bad with reasons in Chinese and English, and says what changed', async () => {
    const file = join(dir, '企业名录.xlsx');
    await sheet(file, [
      ['晋中市企业名录（2022年）'],
      ENTERPRISE_HEADER,
      [1, '91140700MA0K12345X', '山西强伟纸业有限公司', '强伟纸业', '榆次', '修文镇', '工业和信息软件服务业'],
      [2, '91140702MA0J77777T', '联安矿用设备有限公司', '', '榆次区', '修文镇', ''],
      [3, '91140781MA0H88888E', '晋中交通建设有限公司', '晋中交建', '介休市', '义安镇', '建筑业'],
      [4, '91140781MA0H88888F', '错码企业有限公司', '', '介休市', '', ''],
      [5, '91140700MA0K12345X', '重复的强伟', '', '榆次区', '', ''],
    ]);
    const first = await runTaizhang(['admin', 'registry', 'import', 'enterprises', file]);
    expect(first.out).toContain('新增 3，更新 0，未变 0，拒绝 2');
    expect(first.out).toContain('第 6 行 / row 6: 统一社会信用代码「91140781MA0H88888F」校验位不对');
    expect(first.out).toContain('fails its check character');
    expect(first.out).toContain('第 7 行 / row 7: 与第 3 行是同一企业');
    expect(first.status).toBe(1);

    await sheet(file, [
      ENTERPRISE_HEADER,
      [1, '91140700MA0K12345X', '山西强伟纸业有限公司', '强伟纸业、强伟公司', '榆次区', '修文镇', '工业和信息软件服务业'],
      [2, '91140702MA0J77777T', '联安矿用设备有限公司', '', '榆次区', '修文镇', ''],
    ]);
    const again = await runTaizhang(['admin', 'registry', 'import', 'enterprises', file, '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ added: [], changed: ['91140700MA0K12345X'], unchanged: ['91140702MA0J77777T'], refused: [] });
    expect(again.status).toBe(0);
  });

  it('villages: by division code or county-township-name; a code of another county is refused', async () => {
    const file = join(dir, '行政村名录.xlsx');
    await sheet(file, [
      ['县（区、市）', '乡镇（街道）', '行政村', '区划代码'],
      ['灵石县', '两渡镇', '两渡村', ''],
      ['介休市', '龙凤镇', '南庄村', ''],
      ['榆次区', '东阳镇', '西阳村', '140702104201'],
      ['榆次区', '庄子乡', '季麻村', '140781104201'],
    ]);
    const r = await runTaizhang(['admin', 'registry', 'import', 'villages', file]);
    expect(r.out).toContain('新增 3');
    expect(r.out).toContain('区划代码「140781104201」不属于榆次区');
    const list = await runTaizhang(['admin', 'registry', 'list', 'villages', '--json']);
    expect((JSON.parse(list.out) as { id: string }[]).map((v) => v.id).sort()).toEqual(['140702104201', '介休市-龙凤镇-南庄村', '灵石县-两渡镇-两渡村']);
  });

  it('set and deactivate, one at a time', async () => {
    await runTaizhang(['admin', 'registry', 'set', 'enterprises', '91140702MA0J77777T', '--aliases', '联安矿用']);
    const off = await runTaizhang(['admin', 'registry', 'deactivate', 'enterprises', '91140781MA0H88888E', '--json']);
    expect(JSON.parse(off.out)).toMatchObject({ active: false });
    const doc = await adminDb().collection('enterprises').doc('91140702MA0J77777T').get();
    expect(doc.get('aliases')).toEqual(['联安矿用']);
  });
});

describe('lookupTargets and listTargets', () => {
  it('finds by name, other name, a part of the name, or the start of the credit code; an exact name first', async () => {
    const names = async (query: string, u = clerk) =>
      (await callOk<LookupTargetsAnswer>('lookupTargets', { targetType: '入企', query }, u.token)).matches.map((m) => m.name);
    expect(await names('山西强伟纸业公司')).toEqual(['山西强伟纸业有限公司']);
    expect(await names('强伟')).toEqual(['山西强伟纸业有限公司']);
    expect(await names('联安矿用')).toEqual(['联安矿用设备有限公司']);
    expect(await names('91140702')).toEqual(['联安矿用设备有限公司']);
    expect(await names('有限公司')).toEqual(['联安矿用设备有限公司', '山西强伟纸业有限公司']);
    // 晋中交通建设 is in 介休市, and deactivated besides.
    expect(await names('晋中交通建设', cityCoordinator)).toEqual([]);
    const village = await callOk<LookupTargetsAnswer>('lookupTargets', { targetType: '进村', query: '两渡', county: '灵石县' }, cityCoordinator.token);
    expect(village.matches).toEqual([{ name: '两渡村', county: '灵石县', township: '两渡镇', id: '灵石县-两渡镇-两渡村' }]);
  });

  it('a clerk reads its own county only; pages follow one another', async () => {
    expect((await callFn('lookupTargets', { targetType: '入企', query: '强伟', county: '介休市' }, clerk.token)).error?.status).toBe('PERMISSION_DENIED');
    expect((await callFn('listTargets', { targetType: '入企', county: YUCI }, jiexiuClerk.token)).error?.status).toBe('PERMISSION_DENIED');
    const page = await callOk<ListTargetsAnswer>('listTargets', { targetType: '入企', county: YUCI }, clerk.token);
    expect(page.entries.map((e) => e.creditCode)).toEqual(['91140700MA0K12345X', '91140702MA0J77777T']);
    expect(page.nextPageToken).toBeUndefined();
    expect((await callFn('listTargets', { targetType: '入企', county: YUCI, pageToken: 'nonsense' }, clerk.token)).error?.status).toBe('INVALID_ARGUMENT');
  });
});

describe('warnings on push', () => {
  it('a credit code of another enterprise, a village under another township: warned, stored all the same', async () => {
    const { results } = await push(cityCoordinator, [
      { key: newKey(), values: problem({ county: YUCI, targetName: '某某食品有限公司', creditCode: '91140700MA0K12345X' }) },
      { key: newKey(), values: problem({ county: '灵石县', targetType: '进村', targetName: '两渡村', township: '翠峰镇', creditCode: undefined }) },
      { key: newKey(), values: problem({ county: YUCI, targetName: '强伟纸业', creditCode: '91140700MA0K12345X' }) },
      { key: newKey(), values: problem({ county: '灵石县', targetType: '进村', targetName: '两渡村', township: '两渡镇', creditCode: undefined }) },
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created', 'created']);
    const warnings = results.map((r) => (r as PushOk).warnings?.map((w) => `${w.field}:${w.code}`) ?? []);
    expect(warnings).toEqual([['creditCode:registry'], ['township:registry'], [], []]);
    expect((results[1] as PushOk).warnings![0]!.message).toBe(
      '行政村名录中灵石县的「两渡村」在两渡镇，不在「翠峰镇」 / In the register of villages "两渡村" of 灵石县 is in 两渡镇, not in "翠峰镇"',
    );
  });
});

describe('taizhang check and push fill from the registry', () => {
  const header = [
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
    '办理状态',
    '解决措施及进展',
    '解决日期',
  ];
  const row = (name: string, code = '') => [
    '',
    '',
    '入企',
    name,
    code,
    GROUP,
    '工业和信息软件服务业',
    '审批手续',
    '扩建厂房环评办理周期长',
    '2022-03-01',
    '现场解决',
    '已解决',
    '当场协调解决',
    '2022-03-01',
  ];

  it('offline, check says it had no registry; signed in, it fills and says how many; push writes them, never over a typed cell', async () => {
    const file = join(dir, '台账.xlsx');
    await sheet(file, [header, row('强伟纸业'), row('联安矿用设备有限公司', '91140702MA0J77777T'), row('不在名录的企业')]);
    const offline = await runTaizhang(['check', file, '--today', '2022-06-30']);
    expect(offline.out).toContain('未登录，未对照企业和行政村名录');

    const env = { TAIZHANG_PASSWORD: clerk.password };
    const checked = await runTaizhang(['check', file, '--today', '2022-06-30', '--email', clerk.email, '--json'], { env });
    // Row 2: code, township and county; row 3: township and county; row 4: nothing known, so
    // its 县（区、市） stays empty and the row invalid (check adds no account's county).
    expect(JSON.parse(checked.out)).toMatchObject({ filled: 5, valid: 2 });

    const pushed = await runTaizhang(['push', file, '--today', '2022-06-30', '--email', clerk.email], { env });
    // The account's county comes first (a new row's own); the registry fills the rest.
    expect(pushed.out).toContain('补全了 3 个空单元格');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '台账.synced.xlsx'));
    const ws = wb.worksheets[0]!;
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('E2').value]).toEqual([YUCI, '修文镇', '91140700MA0K12345X']);
    expect([ws.getCell('B3').value, ws.getCell('E3').value]).toEqual(['修文镇', '91140702MA0J77777T']);
    // An enterprise the registers do not know: nothing filled in.
    expect([ws.getCell('B4').value || null, ws.getCell('E4').value || null]).toEqual([null, null]);
  });
});
