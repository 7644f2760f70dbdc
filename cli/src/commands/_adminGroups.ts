// `taizhang admin groups add|set|deactivate|list|import`: the work-group registry
// (admin/groups.ts). Not a command module of its own (underscore): admin.ts calls it.

import type { Command } from 'commander';
import { getFirestore } from 'firebase-admin/firestore';
import { COUNTY_LABELS, parseGroupSheet, TARGET_TYPES, type GroupRecord } from '@taizhang/ledger';
import { addGroup, deactivateGroup, importGroups, listGroups, setGroup } from '../admin/groups';
import { CliError, EXIT_INVALID, type CliContext } from '../context';
import { adminApp } from '../firebase/adminApp';
import { readWorkbook } from '../xlsx/readSheet';

interface Common {
  project?: string;
  json?: boolean;
}

type Run = <T>(fn: () => Promise<T>) => Promise<T>;

const db = (o: Common) => getFirestore(adminApp(o.project));

function show(ctx: CliContext, o: Common, g: GroupRecord | GroupRecord[]): void {
  if (o.json) {
    ctx.io.out(`${JSON.stringify(g)}\n`);
    return;
  }
  for (const x of Array.isArray(g) ? g : [g]) {
    ctx.io.out(`${x.id}  ${x.name}  ${x.county}  ${x.targetType}  ${x.department || '—'}${x.active ? '' : '  【已停用 / inactive】'}\n`);
  }
}

/** `common` adds --project and --json, as on every admin command. */
export function registerGroups(admin: Command, ctx: CliContext, run: Run, common: (c: Command) => Command): void {
  const groups = admin.command('groups').description('工作组登记 / the work-group registry');
  const countyHelp = `县（区、市）/ county: ${COUNTY_LABELS.join('、')}`;
  const typeHelp = `服务类型 / service type: ${TARGET_TYPES.join(' | ')}`;

  common(groups.command('add').description('登记工作组 / register a group'))
    .argument('<id>', '工作组编号 / group id')
    .requiredOption('--name <name>', '工作组名称 / group name')
    .requiredOption('--county <county>', countyHelp)
    .requiredOption('--type <type>', typeHelp)
    .option('--department <department>', '牵头单位 / lead department')
    .option('--inactive', '登记为停用 / register as inactive')
    .action(async (id: string, o: Common & { name: string; county: string; type: string; department?: string; inactive?: boolean }) => {
      show(
        ctx,
        o,
        await run(() =>
          addGroup(db(o), {
            id,
            name: o.name,
            county: o.county,
            targetType: o.type,
            department: o.department,
            active: !o.inactive,
          }),
        ),
      );
    });

  common(groups.command('set').description('修改工作组 / change a group'))
    .argument('<id>', '工作组编号 / group id')
    .option('--name <name>', '工作组名称 / group name')
    .option('--county <county>', countyHelp)
    .option('--type <type>', typeHelp)
    .option('--department <department>', '牵头单位 / lead department')
    .option('--active <yes|no>', '是否在用（是/否）/ in use (yes/no)')
    .action(async (id: string, o: Common & { name?: string; county?: string; type?: string; department?: string; active?: string }) => {
      show(
        ctx,
        o,
        await run(() =>
          setGroup(db(o), id, {
            name: o.name,
            county: o.county,
            targetType: o.type,
            department: o.department,
            active: o.active,
          }),
        ),
      );
    });

  common(groups.command('deactivate').description('停用工作组：其填报员不能再上报 / deactivate a group: its clerks can no longer push'))
    .argument('<id>', '工作组编号 / group id')
    .action(async (id: string, o: Common) => show(ctx, o, await run(() => deactivateGroup(db(o), id))));

  common(groups.command('list').description('列出工作组 / list groups'))
    .option('--county <county>', countyHelp)
    .action(async (o: Common & { county?: string }) => show(ctx, o, await run(() => listGroups(db(o), o.county))));

  common(
    groups
      .command('import')
      .description(
        '从 .xlsx 导入工作组（按编号新增或替换；有错误行则不写入）/ import groups from .xlsx (create or replace by id; nothing is written when a row is bad)',
      ),
  )
    .argument('<file>', '.xlsx：工作组编号、工作组名称、县（区、市）、服务类型、牵头单位、是否在用')
    .option('--sheet <name>', '工作表 / sheet (default: the first with the header)')
    .action(async (file: string, o: Common & { sheet?: string }) => {
      const wb = await readWorkbook(file);
      const sheets = o.sheet === undefined ? wb.sheets : wb.sheets.filter((s) => s.name === o.sheet);
      if (sheets.length === 0) throw new CliError(`没有工作表「${o.sheet}」`, `No sheet named "${o.sheet}"`);
      const parsed = sheets.map((s) => ({ sheet: s.name, ...parseGroupSheet(s.rows) }));
      const chosen = parsed.find((p) => p.headerRow !== undefined) ?? parsed[0]!;
      if (chosen.headerRow === undefined) throw new CliError(chosen.errors[0]!.zh, chosen.errors[0]!.en);
      if (chosen.errors.length > 0) {
        if (o.json) ctx.io.out(`${JSON.stringify({ sheet: chosen.sheet, imported: 0, errors: chosen.errors })}\n`);
        else {
          ctx.io.out(
            `「${chosen.sheet}」有 ${chosen.errors.length} 处错误，未导入任何工作组 / ${chosen.errors.length} error(s) in "${chosen.sheet}", nothing imported:\n`,
          );
          for (const e of chosen.errors) ctx.io.out(`  第 ${e.row} 行 / row ${e.row}: ${e.zh} / ${e.en}\n`);
        }
        ctx.exitCode = EXIT_INVALID;
        return;
      }
      const counts = await run(() => importGroups(db(o), chosen.groups));
      if (o.json) ctx.io.out(`${JSON.stringify({ sheet: chosen.sheet, imported: chosen.groups.length, ...counts, errors: [] })}\n`);
      else
        ctx.io.out(
          `已导入 ${chosen.groups.length} 个工作组（新增 ${counts.created}，更新 ${counts.updated}）/ imported ${chosen.groups.length} groups (${counts.created} new, ${counts.updated} replaced)\n`,
        );
    });
}
