// The notice (通报) as an .xlsx workbook, through exceljs. Every string that comes from data
// is written as text: a plain string value (exceljs writes it as a shared string, never a
// formula) in a cell formatted '@' (Text), so a name typed as "=HYPERLINK(…)", "+86…",
// "-1", "@x" or one starting with a tab or line break stays what it is when the file is
// opened and edited (and a carriage return stays one: ./cells.ts). Numbers are written as numbers.

import ExcelJS from 'exceljs';
import { putCell } from './cells';
import type { DepartmentFigures, Notice, ProgressFigures } from '@taizhang/ledger';

type Value = string | number;

/** One cell: strings as text ('@'), numbers as numbers, percentages with a % format. */
function put(cell: ExcelJS.Cell, v: Value, percent = false): void {
  if (typeof v === 'number') {
    cell.value = v;
    if (percent) cell.numFmt = '0.0%';
    return;
  }
  putCell(cell, v, '@');
}

interface Column {
  readonly header: string;
  readonly width: number;
  readonly percent?: boolean;
}

function sheet(wb: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly Value[][], title?: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  let r = 1;
  if (title !== undefined) {
    put(ws.getCell(r, 1), title);
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    r += 2;
  }
  columns.forEach((c, i) => {
    put(ws.getCell(r, i + 1), c.header);
    ws.getCell(r, i + 1).font = { bold: true };
    ws.getColumn(i + 1).width = c.width;
  });
  ws.views = [{ state: 'frozen', ySplit: r }];
  for (const row of rows) {
    r++;
    row.forEach((v, i) => put(ws.getCell(r, i + 1), v, columns[i]?.percent === true));
  }
  return ws;
}

const RANK_COLUMNS: Column[] = [
  { header: '名次', width: 6 }, { header: '名称', width: 24 }, { header: '问题数', width: 8 }, { header: '已解决', width: 8 },
  { header: '未解决', width: 8 }, { header: '解决率', width: 9, percent: true }, { header: '超期', width: 8 },
  { header: '超期率', width: 9, percent: true }, { header: '提交市级', width: 9 }, { header: '久无进展', width: 9 },
];

function rankRows(xs: readonly ProgressFigures[]): Value[][] {
  return xs.map((x, i) => [i + 1, x.key, x.total, x.resolved, x.unresolved, x.resolvedRate, x.overdue, x.overdueRate, x.escalated, x.staleEscalations]);
}

const DEPARTMENT_COLUMNS: Column[] = [
  { header: '名次', width: 6 }, { header: '责任单位', width: 24 }, { header: '单位编号', width: 12 }, { header: '交办', width: 8 },
  { header: '已解决', width: 8 }, { header: '解决率', width: 9, percent: true }, { header: '超期', width: 8 },
  { header: '超期率', width: 9, percent: true }, { header: '待审核', width: 8 }, { header: '首次答复（中位天数）', width: 12 },
];

/** A notice stored before departments had these figures shows its ProgressFigures and leaves the rest empty. */
function departmentRows(xs: readonly Partial<DepartmentFigures>[]): Value[][] {
  return xs.map((x, i) => [i + 1, x.name ?? x.key ?? '', x.id ?? '', x.assigned ?? x.total ?? 0, x.resolved ?? 0, x.resolvedRate ?? 0,
    x.overdue ?? 0, x.overdueRate ?? 0, x.awaitingReview ?? '', x.medianDaysToFirstAnswer ?? '']);
}

/** Blank line, then a ranking with its own header, below the rows already in `ws`. */
function appendRanking(ws: ExcelJS.Worksheet, title: string, xs: readonly ProgressFigures[], columns = RANK_COLUMNS, rows = rankRows): void {
  let r = ws.rowCount + 2;
  put(ws.getCell(r, 1), title);
  ws.getCell(r, 1).font = { bold: true };
  r++;
  columns.forEach((c, i) => {
    put(ws.getCell(r, i + 1), c.header);
    ws.getCell(r, i + 1).font = { bold: true };
  });
  for (const row of rows(xs)) {
    r++;
    row.forEach((v, i) => put(ws.getCell(r, i + 1), v, columns[i]?.percent === true));
  }
}

/** The workbook: 通报, 县区排名, 部门排名, 未报送工作组, 部门超期问题, 超期问题. */
export function noticeWorkbook(n: Notice, markdown: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'taizhang';
  const t = n.totals;
  const scope = n.county ?? '全市';
  const figures: [string, Value, boolean?][] = [
    ['范围', scope],
    ['截至日期', n.date],
    ['报送统计期间', `${n.period.from} 至 ${n.period.to}`],
    ['问题总数', t.problems],
    ['已解决', t.resolved],
    ['未解决', t.unresolved],
    ['解决率', t.resolvedRate, true],
    ['超期问题', t.overdue],
    ['提交市级', t.escalated],
    [`提交市级 ${n.staleDays} 天以上无进展`, t.staleEscalations],
    ['在用工作组', t.activeGroups],
    ['已报送工作组', t.reportedGroups],
    ['未报送工作组', t.silentGroups],
  ];
  const summary = sheet(wb, '通报', [{ header: '项目', width: 28 }, { header: '数值', width: 24 }], [],
    `${scope}入企进村服务问题办理情况通报（截至 ${n.date}）`);
  for (const [label, value, percent] of figures) {
    const row = summary.rowCount + 1;
    put(summary.getCell(row, 1), label);
    put(summary.getCell(row, 2), value, percent === true);
  }
  let r = summary.rowCount + 2;
  put(summary.getCell(r, 1), '通报正文（Markdown）');
  summary.getCell(r, 1).font = { bold: true };
  for (const line of markdown.split('\n')) put(summary.getCell(++r, 1), line);

  const counties = sheet(wb, '县区排名', RANK_COLUMNS, rankRows(n.countiesByOverdue), '按超期问题数排名');
  appendRanking(counties, '按解决率排名（由低到高）', n.countiesByResolvedRate);
  const departments = sheet(wb, '部门排名', DEPARTMENT_COLUMNS, departmentRows(n.departmentsByOverdue), '责任单位按超期问题数排名');
  appendRanking(departments, '责任单位按解决率排名（由低到高）', n.departmentsByResolvedRate, DEPARTMENT_COLUMNS, departmentRows);

  sheet(wb, '未报送工作组', [
    { header: '县（区、市）', width: 12 }, { header: '工作组编号', width: 14 }, { header: '工作组名称', width: 28 },
    { header: '服务类型', width: 9 }, { header: '牵头单位', width: 20 },
  ], n.silentGroups.map((g) => [g.county, g.id, g.name, g.targetType, g.department]),
  `${n.period.from} 至 ${n.period.to} 未报送的工作组（共 ${t.silentGroups} 个${t.silentGroups > n.silentGroups.length ? `，列出前 ${n.silentGroups.length} 个` : ''}）`);

  sheet(wb, '部门超期问题', [
    { header: '责任单位', width: 24 }, { header: '问题编号', width: 22 }, { header: '县（区、市）', width: 12 }, { header: '服务对象', width: 28 },
    { header: '办理状态', width: 9 }, { header: '办结时限', width: 12 }, { header: '超期天数', width: 9 },
  ], (n.overdueByDepartment ?? []).flatMap((d) => d.items.map((o) => [d.name, o.id, o.county, o.targetName, o.status, o.deadline, o.daysOverdue])),
  `截至 ${n.date} 各责任单位超期问题`);

  sheet(wb, '超期问题', [
    { header: '问题编号', width: 22 }, { header: '县（区、市）', width: 12 }, { header: '工作组', width: 20 },
    { header: '行业专班', width: 14 }, { header: '问题类别', width: 10 }, { header: '服务对象', width: 28 },
    { header: '解决层级', width: 10 }, { header: '责任单位', width: 18 }, { header: '办理状态', width: 9 },
    { header: '办结时限', width: 12 }, { header: '超期天数', width: 9 },
  ], n.overdueProblems.map((o) => [o.id, o.county, o.group, o.sector, o.category, o.targetName, o.level, o.department, o.status, o.deadline, o.daysOverdue]),
  `截至 ${n.date} 超期问题（共 ${t.overdue} 个${t.overdue > n.overdueProblems.length ? `，列出前 ${n.overdueProblems.length} 个` : ''}）`);
  return wb;
}
