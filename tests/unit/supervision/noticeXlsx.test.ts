// The notice workbook: its sheets and figures, and every string from data written as text —
// never a formula, whatever it starts with. Read back with exceljs.
import ExcelJS from 'exceljs';
import { buildNotice, noticeMarkdown, type SupervisedRow } from '@taizhang/ledger';
import { writeNoticeXlsx } from '../../../cli/src/xlsx/writeNotice';
import { tempDir } from '../cli/fixtures';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from './dataset';

const NASTY = ['=1+1', '=HYPERLINK("http://x","y")', '+86 351', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '=cmd|\' /C calc\'!A0'];

async function readBack(n: ReturnType<typeof buildNotice>) {
  const { dir, cleanup } = tempDir();
  try {
    const path = `${dir}/notice.xlsx`;
    await writeNoticeXlsx(path, n, noticeMarkdown(n));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    return wb;
  } finally {
    cleanup();
  }
}

function allCells(wb: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(c))));
  return cells;
}

describe('the notice workbook', () => {
  it('has the six sheets with the figures', async () => {
    const wb = await readBack(buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '县区排名', '部门排名', '未报送工作组', '部门超期问题', '超期问题']);
    const overdue = wb.getWorksheet('超期问题')!;
    expect(overdue.getRow(3).values).toEqual([undefined, '问题编号', '县（区、市）', '工作组', '行业专班', '问题类别', '服务对象', '解决层级', '责任单位', '办理状态', '办结时限', '超期天数']);
    expect(overdue.getCell('A4').value).toBe('P-140781-2022-000001');
    expect(overdue.getCell('K4').value).toBe(62);
    const counties = wb.getWorksheet('县区排名')!;
    expect([counties.getCell('B4').value, counties.getCell('G4').value]).toEqual(['榆次区', 2]);
    expect(counties.getCell('F4').value).toBe(0.25);
    expect(counties.getCell('F4').numFmt).toBe('0.0%');
    const departments = wb.getWorksheet('部门排名')!;
    expect(departments.getRow(3).values).toEqual([undefined, '名次', '责任单位', '单位编号', '交办', '已解决', '解决率', '超期', '超期率', '待审核', '首次答复（中位天数）']);
    expect([departments.getCell('B4').value, departments.getCell('D4').value, departments.getCell('G4').value]).toEqual(['市工信局', 2, 1]);
    expect(wb.getWorksheet('部门超期问题')!.getCell('A4').value).toBe('市工信局');
    const silent = wb.getWorksheet('未报送工作组')!;
    expect([4, 5, 6].map((r) => silent.getCell(r, 2).value)).toEqual(['YC-03', 'TG-01', 'JX-02']);
    const summary = wb.getWorksheet('通报')!;
    const texts = allCells(wb).filter((c) => c.worksheet === summary).map((c) => c.value);
    expect(texts).toContain('# 全市入企进村服务问题办理情况通报（截至 2022-06-01）');
  });

  it('writes strings that look like formulas as text, never as formulas', async () => {
    const rows: SupervisedRow[] = NASTY.map((s, i) => ({
      id: `P-140702-2022-00010${i}`, updatedOn: '2022-03-01',
      values: { county: '榆次区', group: s, sector: s, category: s, targetName: s, level: '协调解决', department: s, status: '办理中', deadline: '2022-05-01' },
    }));
    const groups = NASTY.map((s, i) => ({ id: `G${i}`, name: s, county: '榆次区', targetType: '入企' as const, department: s, active: true }));
    const wb = await readBack(buildNotice(AS_OF, rows, groups, []));
    const cells = allCells(wb);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toEqual([]);
    const strings = cells.filter((c) => typeof c.value === 'string');
    for (const c of strings) expect(c.numFmt).toBe('@');
    const values = new Set(strings.map((c) => c.value));
    // Each nasty string came back as itself, as text (in the overdue list and the silent
    // groups). XML turns a stored CR into LF on reading (end-of-line normalisation): "\r=1"
    // comes back as "\n=1" — still text, never a formula.
    for (const s of NASTY) expect(values.has(s.replace(/\r/g, '\n'))).toBe(true);
    const overdue = wb.getWorksheet('超期问题')!;
    expect(overdue.getCell('F4').type).toBe(ExcelJS.ValueType.String);
  });
});
