// `taizhang admin registry import|add|set|deactivate|list enterprises|villages`: the registries
// of service targets (@taizhang/functions/admin). Not a command module of its own
// (underscore): admin.ts calls it.

import type { Command } from 'commander';
import { getFirestore } from 'firebase-admin/firestore';
import {
  checkEnterprise,
  checkVillage,
  COUNTY_LABELS,
  countyLabelOf,
  parseTargetSheet,
  targetColumns,
  targetId,
  TARGET_KINDS,
  type TargetKind,
  type TargetRecord,
} from '@taizhang/ledger';
import { importTargets, listAllTargets, readTarget, writeTargets, type TargetImportReport } from '@taizhang/functions/admin';
import { CliError, EXIT_INVALID, type CliContext } from '../context';
import { adminApp } from '../firebase/adminApp';
import { readWorkbook } from '../xlsx/readSheet';

interface Common {
  project?: string;
  json?: boolean;
}
type Run = <T>(fn: () => Promise<T>) => Promise<T>;

const db = (o: Common) => getFirestore(adminApp(o.project));
const KIND_NAMES: Record<TargetKind, string> = { enterprises: '企业名录 / enterprises', villages: '行政村名录 / villages' };

function kindOf(x: string): TargetKind {
  if ((TARGET_KINDS as readonly string[]).includes(x)) return x as TargetKind;
  throw new CliError(`名录应为 enterprises（企业）或 villages（行政村），不是「${x}」`, `The registry is enterprises or villages, not "${x}"`);
}

function line(r: TargetRecord): string {
  if ('creditCode' in r) {
    const aliases = r.aliases.length > 0 ? `（${r.aliases.join('、')}）` : '';
    return `${r.creditCode}  ${r.name}${aliases}  ${r.county}${r.township ? ` ${r.township}` : ''}${r.active ? '' : '  【已停用 / inactive】'}`;
  }
  return `${r.id}  ${r.county} ${r.township} ${r.name}${r.active ? '' : '  【已停用 / inactive】'}`;
}

function show(ctx: CliContext, o: Common, r: TargetRecord | TargetRecord[]): void {
  if (o.json) return void ctx.io.out(`${JSON.stringify(r)}\n`);
  for (const x of Array.isArray(r) ? r : [r]) ctx.io.out(`${line(x)}\n`);
}

function checked(kind: TargetKind, raw: Record<string, unknown>): TargetRecord {
  const r = kind === 'enterprises' ? checkEnterprise(raw) : checkVillage(raw);
  if ('errors' in r) throw new CliError(r.errors.map((e) => e.zh).join('；'), r.errors.map((e) => e.en).join('; '));
  return r.record;
}

async function existing(o: Common, kind: TargetKind, id: string): Promise<TargetRecord> {
  const r = await readTarget(db(o), kind, id);
  if (r === undefined) throw new CliError(`${KIND_NAMES[kind].split(' / ')[0]}中没有「${id}」`, `No entry "${id}" in the ${kind} registry`);
  return r;
}

function reportText(kind: TargetKind, sheet: string, r: TargetImportReport, refused: readonly { row: number; zh: string; en: string }[]): string {
  const lines = [
    `${KIND_NAMES[kind]}「${sheet}」：新增 ${r.added.length}，更新 ${r.changed.length}，未变 ${r.unchanged.length}，拒绝 ${refused.length} / ` +
      `"${sheet}": ${r.added.length} added, ${r.changed.length} changed, ${r.unchanged.length} unchanged, ${refused.length} refused`,
  ];
  for (const e of refused) lines.push(`  第 ${e.row} 行 / row ${e.row}: ${e.zh} / ${e.en}`);
  return `${lines.join('\n')}\n`;
}

interface Fields {
  name?: string;
  aliases?: string;
  county?: string;
  township?: string;
  address?: string;
  sector?: string;
  code?: string;
}

function given(o: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'aliases', 'county', 'township', 'address', 'sector', 'code'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

export function registerRegistry(admin: Command, ctx: CliContext, run: Run, common: (c: Command) => Command): void {
  const registry = admin.command('registry').description('企业和行政村名录 / the registers of enterprises and villages');
  const kindArg = '<registry>';
  const kindHelp = 'enterprises（企业）或 villages（行政村）/ enterprises or villages';
  const fields = (c: Command) =>
    c
      .option('--name <name>', '名称 / name')
      .option('--aliases <names>', '其他名称（企业），以顿号或逗号分隔 / other names (enterprises), separated by 、 or commas')
      .option('--county <county>', `县（区、市）/ county: ${COUNTY_LABELS.join('、')}`)
      .option('--township <township>', '乡镇（街道）/ township')
      .option('--address <address>', '地址（企业）/ address (enterprises)')
      .option('--sector <sector>', '行业专班（企业）/ sector team (enterprises)')
      .option('--code <code>', '12 位区划代码（行政村）/ 12-digit division code (villages)');

  const columns = (['enterprises', 'villages'] as const)
    .map(
      (k) =>
        `${k}: ${targetColumns(k)
          .map((c) => c.header)
          .join('、')}`,
    )
    .join('；');
  common(
    registry
      .command('import')
      .description(
        '从 .xlsx 导入名录（按代码新增或替换；有错误的行被拒绝并说明原因，其余照常导入）/ import a registry from .xlsx (create or replace by id; bad rows are refused with their reasons, the rest go in)',
      ),
  )
    .argument(kindArg, kindHelp)
    .argument('<file>', `.xlsx：${columns}`)
    .option('--sheet <name>', '工作表 / sheet (default: the first with the header)')
    .action(async (k: string, file: string, o: Common & { sheet?: string }) => {
      const kind = kindOf(k);
      const wb = await readWorkbook(file);
      const sheets = o.sheet === undefined ? wb.sheets : wb.sheets.filter((s) => s.name === o.sheet);
      if (sheets.length === 0) throw new CliError(`没有工作表「${o.sheet}」`, `No sheet named "${o.sheet}"`);
      const parsed = sheets.map((s) => ({ sheet: s.name, ...parseTargetSheet(kind, s.rows) }));
      const chosen = parsed.find((p) => p.headerRow !== undefined) ?? parsed[0]!;
      if (chosen.headerRow === undefined) throw new CliError(chosen.errors[0]!.zh, chosen.errors[0]!.en);
      const report = await run(() => importTargets(db(o), kind, chosen.records));
      if (o.json) ctx.io.out(`${JSON.stringify({ registry: kind, sheet: chosen.sheet, ...report, refused: chosen.errors })}\n`);
      else ctx.io.out(reportText(kind, chosen.sheet, report, chosen.errors));
      if (chosen.errors.length > 0) ctx.exitCode = EXIT_INVALID;
    });

  fields(common(registry.command('add').description('登记一家企业（按统一社会信用代码）或一个行政村 / register one enterprise (by credit code) or village')))
    .argument(kindArg, kindHelp)
    .argument('[creditCode]', '统一社会信用代码（企业）/ credit code (enterprises)')
    .option('--inactive', '登记为停用 / register as inactive')
    .action(async (k: string, creditCode: string | undefined, o: Common & Fields & { inactive?: boolean }) => {
      const kind = kindOf(k);
      const r = checked(kind, { ...given(o), ...(creditCode !== undefined && { creditCode }), active: !o.inactive });
      if ((await run(() => readTarget(db(o), kind, targetId(kind, r)))) !== undefined) {
        throw new CliError(`「${targetId(kind, r)}」已在名录中，请用 set 修改`, `"${targetId(kind, r)}" is registered already; change it with set`);
      }
      await run(() => writeTargets(db(o), kind, [r]));
      show(ctx, o, r);
    });

  fields(common(registry.command('set').description('修改一条名录 / change one entry')))
    .argument(kindArg, kindHelp)
    .argument('<id>', '统一社会信用代码（企业）或行政村编号（list 中第一列）/ credit code, or the village id (the first column of list)')
    .option('--active <yes|no>', '是否在用（是/否）/ in use (yes/no)')
    .action(async (k: string, id: string, o: Common & Fields & { active?: string }) => {
      const kind = kindOf(k);
      const old = await run(() => existing(o, kind, id));
      const r = checked(kind, { ...old, ...given(o), ...(o.active !== undefined && { active: o.active }) });
      if (targetId(kind, r) !== id)
        throw new CliError(
          '编号由代码或县、乡镇、村名决定，不能通过 set 改变；请新增后停用旧的',
          'The id follows from the code or the county, township and name and cannot change with set; add the new one and deactivate the old',
        );
      await run(() => writeTargets(db(o), kind, [r]));
      show(ctx, o, r);
    });

  common(registry.command('deactivate').description('停用一条名录：不再补全，也不再出现在下拉列表中 / deactivate an entry: no longer filled in or listed'))
    .argument(kindArg, kindHelp)
    .argument('<id>', '统一社会信用代码或行政村编号 / credit code or village id')
    .action(async (k: string, id: string, o: Common) => {
      const kind = kindOf(k);
      const r = { ...(await run(() => existing(o, kind, id))), active: false } as TargetRecord;
      await run(() => writeTargets(db(o), kind, [r]));
      show(ctx, o, r);
    });

  common(registry.command('list').description('列出名录 / list a registry'))
    .argument(kindArg, kindHelp)
    .option('--county <county>', '只列此县（区、市）/ only this county')
    .action(async (k: string, o: Common & { county?: string }) => {
      const kind = kindOf(k);
      const county = o.county === undefined ? undefined : countyLabelOf(o.county);
      if (o.county !== undefined && county === undefined) throw new CliError(`县（区、市）「${o.county}」无效`, `Unknown county "${o.county}"`);
      const all = await run(() => listAllTargets(db(o), kind, county));
      show(
        ctx,
        o,
        all.sort((a, b) => a.county.localeCompare(b.county, 'zh') || a.name.localeCompare(b.name, 'zh')),
      );
    });
}
