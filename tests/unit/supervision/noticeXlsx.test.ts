// The notice workbook: its sheets and figures, and every string from data written as text —
// never a formula, whatever it starts with. Read back with exceljs.
import ExcelJS from 'exceljs';
import { buildNotice, type SupervisedRow } from '@taizhang/ledger';
import { writeNoticeXlsx } from '../../../cli/src/xlsx/writeNotice';
import { tempDir } from '../cli/fixtures';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from './dataset';

const NASTY = ['=1+1', '=HYPERLINK("http://x","y")', '+86 351', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\n=1', "=cmd|' /C calc'!A0"];

async function readBack(n: ReturnType<typeof buildNotice>) {
  const { dir, cleanup } = tempDir();
  try {
    const path = `${dir}/notice.xlsx`;
    await writeNoticeXlsx(path, n);
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
  it('has the layout on two sheets: 通报 with the figures, rankings and lists, 超期问题 with the overdue list', async () => {
    const wb = await readBack(buildNotice(AS_OF, ROWS, GROUPS, ACTIVITY));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['通报', '超期问题']);
    const overdue = wb.getWorksheet('超期问题')!;
    expect(overdue.getCell('A1').value).toBe('全市入企进村服务问题办理情况通报');
    expect(overdue.getCell('A4').value).toBe('九、超期问题清单');
    expect(overdue.getRow(5).values).toEqual([
      undefined,
      '问题编号',
      '县（区、市）',
      '工作组',
      '行业专班',
      '问题类别',
      '服务对象',
      '解决层级',
      '责任单位',
      '办理状态',
      '办结时限',
      '超期天数',
    ]);
    expect(overdue.getCell('A6').value).toBe('P-140781-2022-000001');
    expect(overdue.getCell('K6').value).toBe(62);
    const main = wb.getWorksheet('通报')!;
    const rowOf = (title: string): number => {
      let found = 0;
      main.eachRow((row, i) => {
        if (found === 0 && row.getCell(1).value === title) found = i;
      });
      expect(found).toBeGreaterThan(0);
      return found;
    };
    expect(main.getCell('A1').value).toBe('全市入企进村服务问题办理情况通报');
    expect(main.getCell('A2').value).toBe('截至 2022-06-01（报送情况统计期间：2022-05-25 至 2022-05-31）');
    const total = rowOf('问题总数');
    expect(main.getCell(total, 2).value).toBe(9);
    expect(main.getCell(rowOf('解决率'), 2).numFmt).toBe('0.0%');
    const counties = rowOf('二、县（区、市）超期问题排名') + 2;
    expect([main.getCell(counties, 2).value, main.getCell(counties, 3).value]).toEqual(['榆次区', 2]);
    expect(main.getCell(counties, 7).value).toBe(0.25);
    expect(main.getCell(counties, 7).numFmt).toBe('0.0%');
    const departments = rowOf('四、责任单位超期问题排名') + 1;
    expect(main.getRow(departments).values).toEqual([
      undefined,
      '名次',
      '责任单位',
      '超期',
      '交办',
      '已解决',
      '解决率',
      '超期率',
      '待审核',
      '首次答复（中位天数）',
    ]);
    expect([2, 3, 4].map((c) => main.getCell(departments + 1, c).value)).toEqual(['市工信局', 1, 2]);
    expect(main.getCell(rowOf('六、责任单位超期问题清单') + 2, 1).value).toBe('市工信局');
    const silent = rowOf('七、未报送工作组（2022-05-25 至 2022-05-31）') + 2;
    expect([0, 1, 2].map((i) => main.getCell(silent + i, 2).value)).toEqual(['YC-03', 'TG-01', 'JX-02']);
  });

  it('writes strings that look like formulas as text, never as formulas', async () => {
    const rows: SupervisedRow[] = NASTY.map((s, i) => ({
      id: `P-140702-2022-00010${i}`,
      updatedOn: '2022-03-01',
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
    expect(overdue.getCell('F6').type).toBe(ExcelJS.ValueType.String);
  });
});
