// `taizhang admin departments add|set|deactivate|list|import`: the registry of responsible
// departments (admin/departments.ts). Not a command module of its own (underscore): admin.ts calls it.

import type { Command } from 'commander';
import { getFirestore } from 'firebase-admin/firestore';
import { COUNTY_LABELS, DEPARTMENT_COLUMNS, parseDepartmentSheet, type DepartmentRecord } from '@taizhang/ledger';
import { addDepartment, deactivateDepartment, importDepartments, listDepartments, setDepartment, type ImportReport } from '../admin/departments';
import { CliError, EXIT_INVALID, type CliContext } from '../context';
import { adminApp } from '../firebase/adminApp';
import { readWorkbook } from '../xlsx/readSheet';

interface Common {
  project?: string;
  json?: boolean;
}

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

const db = (o: Common) => getFirestore(adminApp(o.project));

function show(ctx: CliContext, o: Common, d: DepartmentRecord | DepartmentRecord[]): void {
  if (o.json) {
    ctx.io.out(`${JSON.stringify(d)}\n`);
    return;
  }
  for (const x of Array.isArray(d) ? d : [d]) {
    const aliases = x.aliases.length > 0 ? `  （${x.aliases.join('、')}）` : '';
    ctx.io.out(`${x.id}  ${x.name}${aliases}  ${x.county}${x.active ? '' : '  【已停用 / inactive】'}\n`);
  }
}

function reportText(sheet: string, r: ImportReport, rowErrors: readonly { row: number; zh: string; en: string }[]): string {
  const refused = r.refused.length + rowErrors.length;
  const lines = [
    `「${sheet}」：新增 ${r.added.length}，更新 ${r.changed.length}，未变 ${r.unchanged.length}，拒绝 ${refused} / ` +
      `"${sheet}": ${r.added.length} added, ${r.changed.length} changed, ${r.unchanged.length} unchanged, ${refused} refused`,
  ];
  const all = [...rowErrors, ...r.refused].sort((a, b) => a.row - b.row);
  for (const e of all) lines.push(`  第 ${e.row} 行 / row ${e.row}: ${e.zh} / ${e.en}`);
  return `${lines.join('\n')}\n`;
}

/** `common` adds --project and --json, as on every admin command. */
export function registerDepartments(admin: Command, ctx: CliContext, run: Run, common: (c: Command) => Command): void {
  const departments = admin.command('departments').description('责任单位名录 / the registry of responsible departments');
  const countyHelp = `所属县（区、市），市直单位写“市直”/ county; 市直 for the city's own: 市直、${COUNTY_LABELS.join('、')}`;
  const aliasHelp = '其他名称，以顿号或逗号分隔 / other names, separated by 、 or commas';

  common(departments.command('add').description('登记责任单位 / register a department'))
    .argument('<id>', '单位编号（如 jz-zrzy）/ department id (e.g. jz-zrzy)')
    .requiredOption('--name <name>', '单位名称 / name')
    .requiredOption('--county <county>', countyHelp)
    .option('--aliases <names>', aliasHelp)
    .option('--inactive', '登记为停用 / register as inactive')
    .action(async (id: string, o: Common & { name: string; county: string; aliases?: string; inactive?: boolean }) => {
      show(ctx, o, await run(() => addDepartment(db(o), { id, name: o.name, county: o.county, aliases: o.aliases, active: !o.inactive })));
    });

  common(departments.command('set').description('修改责任单位 / change a department'))
    .argument('<id>', '单位编号 / department id')
    .option('--name <name>', '单位名称 / name')
    .option('--county <county>', countyHelp)
    .option('--aliases <names>', `${aliasHelp}；"" 表示清除 / "" clears`)
    .option('--active <yes|no>', '是否在用（是/否）/ in use (yes/no)')
    .action(async (id: string, o: Common & { name?: string; county?: string; aliases?: string; active?: string }) => {
      show(ctx, o, await run(() => setDepartment(db(o), id, { name: o.name, county: o.county, aliases: o.aliases, active: o.active })));
    });

  common(departments.command('deactivate').description('停用责任单位：此后不能再被交办 / deactivate a department: it can no longer be named'))
    .argument('<id>', '单位编号 / department id')
    .action(async (id: string, o: Common) => show(ctx, o, await run(() => deactivateDepartment(db(o), id))));

  common(departments.command('list').description('列出责任单位 / list departments')).action(async (o: Common) =>
    show(ctx, o, await run(() => listDepartments(db(o)))),
  );

  const columns = DEPARTMENT_COLUMNS.map((c) => c.header).join('、');
  common(
    departments
      .command('import')
      .description(
        '从 .xlsx 导入责任单位（按编号新增或替换；有错误或名称冲突的行被拒绝，其余照常导入）/ import departments from .xlsx (create or replace by id; bad or clashing rows are refused, the rest go in)',
      ),
  )
    .argument('<file>', `.xlsx：${columns}`)
    .option('--sheet <name>', '工作表 / sheet (default: the first with the header)')
    .action(async (file: string, o: Common & { sheet?: string }) => {
      const wb = await readWorkbook(file);
      const sheets = o.sheet === undefined ? wb.sheets : wb.sheets.filter((s) => s.name === o.sheet);
      if (sheets.length === 0) throw new CliError(`没有工作表「${o.sheet}」`, `No sheet named "${o.sheet}"`);
      const parsed = sheets.map((s) => ({ sheet: s.name, ...parseDepartmentSheet(s.rows) }));
      const chosen = parsed.find((p) => p.headerRow !== undefined) ?? parsed[0]!;
      if (chosen.headerRow === undefined) throw new CliError(chosen.errors[0]!.zh, chosen.errors[0]!.en);
      const report = await run(() => importDepartments(db(o), chosen.departments));
      if (o.json)
        ctx.io.out(`${JSON.stringify({ sheet: chosen.sheet, ...report, refused: [...chosen.errors.map((e) => ({ ...e, id: null })), ...report.refused] })}\n`);
      else ctx.io.out(reportText(chosen.sheet, report, chosen.errors));
      if (chosen.errors.length > 0 || report.refused.length > 0) ctx.exitCode = EXIT_INVALID;
    });
}
