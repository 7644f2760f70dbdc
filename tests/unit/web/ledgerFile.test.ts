// The web page's work on a chosen file, without a browser: the shared reader, check, sync core
// and writer over a workbook's bytes, against the in-memory fake server. The real callables
// and the real browser are exercised by tests/browser/web-page.mjs.
import ExcelJS from 'exceljs';
import { createApiClient, WorkbookError, type ApiClient } from '@taizhang/client';
import * as xlsx from '@taizhang/client/xlsx';
import { LedgerFile, syncedName } from '../../../addin/src/web/ledgerFile';
import { filterOf, listFile } from '../../../addin/src/web/listFile';
import { fakeServer, type FakeServer } from '../../support/fakeApi';

const TODAY = '2024-06-30';
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

function row(n: number, foundOn: string | Date = '2024-03-05', status = '办理中', deadline = '2024-07-31'): ExcelJS.CellValue[] {
  return [
    n,
    '榆次区',
    '入企',
    `测试企业${n}`,
    '榆次区入企服务第1组',
    '工业和信息软件服务业',
    '政策落实',
    '企业具备申报专精特新条件，需要申报指导',
    foundOn,
    '协调解决',
    '市工信局',
    new Date(`${deadline}T00:00:00Z`),
    status,
  ];
}

/** A clerk's workbook: a title row, a yellow header on row 2, rows 3–5; row 5's date is no date. */
async function clerkWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.getCell('A1').value = '榆次区问题清单';
  ws.mergeCells('A1:N1');
  ws.getRow(2).values = HEADER;
  ws.getRow(2).eachCell((c) => void (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: YELLOW } }));
  ws.getRow(3).values = row(1);
  ws.getRow(4).values = row(2, '2024-03-06', '待办理', '2024-09-30');
  ws.getRow(5).values = row(3, '不是日期');
  ws.getCell('L3').numFmt = 'yyyy-mm-dd';
  ws.getCell('D3').font = { bold: true };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function sheetOf(
  bytes: Uint8Array,
): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; at: (r: number, h: string) => unknown; col: (h: string) => number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const cols = new Map<string, number>();
  const headerRow = ws.name === '问题清单' ? 2 : 1;
  ws.getRow(headerRow).eachCell((c, n) => void cols.set(String(c.value), n));
  const col = (h: string) => cols.get(h) ?? 0;
  return { wb, ws, col, at: (r, h) => ws.getCell(r, col(h)).value };
}

let server: FakeServer;
let api: ApiClient;
const open = (bytes: Uint8Array, name = '台账.xlsx') => {
  let n = 0;
  return LedgerFile.open(bytes, name, {
    today: TODAY,
    newKey: () => `web-key-${name.length}-${++n}`,
    profile: { county: '榆次区', group: '榆次区入企服务第1组' },
    xlsx,
  });
};

beforeEach(() => {
  server = fakeServer({ today: TODAY, profile: { uid: 'c1', email: 'clerk@yuci.test', role: 'clerk', county: '榆次区', group: '榆次区入企服务第1组' } });
  api = createApiClient(server.transport, { retry: { baseDelayMs: 1 } });
});

describe('a ledger file in the web page', () => {
  it('is checked as the add-in and the command line check it: errors by row and cell', async () => {
    const f = await open(await clerkWorkbook());
    const r = f.plan.report;
    expect({ sheet: r.sheet, headerRow: r.headerRow, rows: r.rows, valid: r.valid, toSend: f.plan.outgoing.length }).toEqual({
      sheet: '问题清单',
      headerRow: 2,
      rows: 3,
      valid: 2,
      toSend: 2,
    });
    expect(r.errors.map((e) => [e.row, e.cell, e.header])).toEqual([[5, 'I5', '发现日期']]);
  });

  it('is pushed, and the download is the same workbook with the system columns and states, the formatting kept', async () => {
    const f = await open(await clerkWorkbook());
    const { tally, report } = await f.push(api);
    expect(tally.counts).toEqual({ created: 2 });
    expect(report.invalid.map((i) => i.row)).toEqual([5]);
    const back = await sheetOf(await f.bytes());
    expect([3, 4, 5].map((r) => back.at(r, '同步状态〔系统〕'))).toEqual(['已同步', '已同步', '有错误']);
    expect(back.at(3, '编号〔系统〕')).toMatch(/^P-140702-2024-\d{6}$/);
    expect(back.at(3, '版本〔系统〕')).toBe(1);
    expect(back.at(3, '序号')).toBe(1);
    expect(back.ws.getCell('B2').fill).toMatchObject({ fgColor: { argb: YELLOW } });
    expect(back.ws.getCell('D3').font?.bold).toBe(true);
    expect(back.ws.getCell('A1').isMerged).toBe(true);
    expect(f.downloadName).toBe('台账（已同步）.xlsx');
    // Chosen again unchanged: nothing goes.
    const again = await open(await f.bytes(), f.downloadName);
    expect(again.plan.outgoing).toHaveLength(0);
  });

  it('settles a conflict as chosen: taking the other version writes it into the file', async () => {
    const f = await open(await clerkWorkbook());
    await f.push(api);
    const synced = await sheetOf(await f.bytes());
    const id = String(synced.at(3, '编号〔系统〕'));
    server.edit('problems', id, { remarks: '协调员的备注' });
    synced.ws.getCell(3, synced.col('备注')).value = '我的备注';
    const edited = await open(new Uint8Array((await synced.wb.xlsx.writeBuffer()) as ArrayBuffer));
    const { tally } = await edited.push(api);
    expect(tally.conflicts.map((c) => c.row)).toEqual([3]);
    expect((await sheetOf(await edited.bytes())).at(3, '同步状态〔系统〕')).toMatch(/^冲突/);
    const settled = await edited.settle(api, tally.conflicts, () => 'takeTheirs');
    expect(settled.settlement.tookTheirs).toHaveLength(1);
    const back = await sheetOf(await edited.bytes());
    expect([back.at(3, '备注'), back.at(3, '同步状态〔系统〕'), back.at(3, '版本〔系统〕')]).toEqual(['协调员的备注', '已同步', 2]);
  });

  it("keeping the workbook's version sends it again on the version shown", async () => {
    const f = await open(await clerkWorkbook());
    await f.push(api);
    const synced = await sheetOf(await f.bytes());
    server.edit('problems', String(synced.at(3, '编号〔系统〕')), { remarks: '协调员的备注' });
    synced.ws.getCell(3, synced.col('备注')).value = '我的备注';
    const edited = await open(new Uint8Array((await synced.wb.xlsx.writeBuffer()) as ArrayBuffer));
    const { tally } = await edited.push(api);
    const settled = await edited.settle(api, tally.conflicts, () => 'keepMine');
    expect(settled.settlement.keptMine).toHaveLength(1);
    expect(server.rows('problems').find((r) => r.values.targetName === '测试企业1')?.values.remarks).toBe('我的备注');
    expect((await sheetOf(await edited.bytes())).at(3, '版本〔系统〕')).toBe(3);
  });

  it('refuses a file that is no workbook with a reason in both languages', async () => {
    const e = await open(new TextEncoder().encode('序号,县\n1,榆次区\n'), '台账.csv').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookError);
    expect((e as WorkbookError).zh).toContain('另存为 .xlsx');
    expect((e as WorkbookError).en).toContain('save');
  });

  it("says which ledger a sheet looks like, without the command line's options", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getRow(1).values = ['县（区、市）', '服务类型'];
    const e = await open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookError);
    expect(`${(e as WorkbookError).zh} ${(e as WorkbookError).en}`).not.toMatch(/--/);
  });

  it('names the synced copy after the file', () => {
    expect(syncedName('榆次区问题清单.xlsx')).toBe('榆次区问题清单（已同步）.xlsx');
    expect(syncedName('A.XLSX')).toBe('A（已同步）.xlsx');
  });
});

describe('the consolidated list in the web page', () => {
  it("is pulled with the filters chosen and written as the add-in's 汇总 sheet", async () => {
    const f = await open(await clerkWorkbook());
    await f.push(api);
    const all = await listFile(api, { ledger: 'problems', filter: {} }, TODAY, xlsx);
    expect(all.rows).toBe(2);
    const open_ = await listFile(api, { ledger: 'problems', filter: filterOf({ status: '办理中', county: '', group: undefined }) }, TODAY, xlsx);
    expect(open_.rows).toBe(1);
    expect(open_.name).toBe(`问题清单汇总（${TODAY}）.xlsx`);
    const back = await sheetOf(open_.bytes);
    expect(back.ws.name).toBe('问题清单汇总');
    expect(back.at(2, '服务对象')).toBe('测试企业1');
    expect(back.at(2, '办理状态')).toBe('办理中');
    const overdue = await listFile(api, { ledger: 'problems', filter: {}, overdueAsOf: '2024-08-01' }, '2024-08-01', xlsx);
    expect(overdue.rows).toBe(1);
  });

  it('sends only the filters with a value', () => {
    expect(filterOf({ status: ' 办理中 ', county: '', group: undefined, sector: '  ' })).toEqual({ status: '办理中' });
  });
});
