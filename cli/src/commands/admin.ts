// `taizhang admin …`: accounts and their role, county and group (docs/cli.md#taizhang-admin), the work-group
// registry (`admin groups …`, in _adminGroups.ts), the reminder robots (`admin channels …`,
// in _adminChannels.ts), and `admin migrate` (data older rows lack,
// @taizhang/functions/admin) for a project taking a new version. Against the
// emulators for demo-… projects (the default), against a real project with credentials.

import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import type { Command } from 'commander';
import { COUNTY_LABELS, ROLES } from '@taizhang/ledger';
import { AccountError, changeClaims, listAccounts, setDisabled, upsertAccount, type AccountView } from '../admin/accounts';
import { CliError, type CliContext, type RegisterCommand } from '../context';
import { adminApp } from '../firebase/adminApp';
import { addPasswordOptions, resolveNewPassword, type PasswordOptions } from '../firebase/password';
import { DEFAULT_PROJECT } from '../firebase/project';
import { GroupError } from '../admin/groups';
import { departmentMigrationText, migrateDepartments, migrateRows } from '@taizhang/functions/admin';
import { rebuildStats } from '@taizhang/functions/admin';
import { registerGroups } from './_adminGroups';
import { registerChannels } from './_adminChannels';
import { registerDepartments } from './_adminDepartments';
import { registerRegistry } from './_adminRegistry';
import { DepartmentError, requireDepartment } from '../admin/departments';

interface Common {
  project?: string;
  json?: boolean;
}

function show(ctx: CliContext, opts: Common, a: AccountView | AccountView[]): void {
  if (opts.json) {
    ctx.io.out(`${JSON.stringify(a)}\n`);
    return;
  }
  for (const x of Array.isArray(a) ? a : [a]) {
    const scope = [x.role ?? '（无角色 / no role）', x.cityWide ? '全市 / city-wide' : x.county, x.group, x.department].filter(Boolean).join('  ');
    ctx.io.out(`${x.email}  ${scope}${x.disabled ? '  【已停用 / disabled】' : ''}\n`);
  }
}

/** Account errors and unreachable emulators become exit 2 with both languages. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AccountError || e instanceof GroupError || e instanceof DepartmentError) throw new CliError(e.text.zh, e.text.en);
    if (e instanceof CliError) throw e;
    const m = (e as Error).message ?? String(e);
    if (/ECONNREFUSED|fetch failed/.test(m)) {
      throw new CliError('连不上本地模拟器：请先运行 npm start', `Cannot reach the emulators: run npm start first (${m})`);
    }
    throw new CliError(`操作失败：${m}`, `Failed: ${m}`);
  }
}

const auth = (o: Common) => getAuth(adminApp(o.project));

function common(c: Command): Command {
  return c
    .option(
      '--project <id>',
      `项目（默认 ${DEFAULT_PROJECT}）；demo-… 为本地模拟器，真实项目只能用此参数指定 / project (default ${DEFAULT_PROJECT}); demo-… means the emulators, a real project is only ever used when named here`,
    )
    .option('--json', '输出 JSON / print JSON');
}

export const register: RegisterCommand = (program, ctx) => {
  const admin = program.command('admin').description('管理账号与角色 / administer accounts and roles');
  const roleHelp = `${ROLES.join(' | ')}`;
  const countyHelp = `县（区、市）/ county: ${COUNTY_LABELS.join('、')}`;

  const cityWideHelp = '全市范围：不属于任何县（区、市）的协调员必须写明 / the whole city: a coordinator without a county must say so';

  addPasswordOptions(
    common(
      admin
        .command('create')
        .description(
          '创建账号（已存在则更新；改密码或角色会使其已登录的会话失效）/ create an account (or update it; a new password or new claims sign it out everywhere)',
        ),
    ),
    { zh: '新密码', en: 'the new password' },
  )
    .argument('<email>')
    .requiredOption('--role <role>', roleHelp)
    .option('--county <county>', countyHelp)
    .option('--city-wide', cityWideHelp)
    .option('--group <group>', '工作组 / work group')
    .option('--department <id>', '责任单位编号（--role department 时必填，须已登记）/ department id (required with --role department; must be registered)')
    .option('--ask-password', '在终端输入新密码（输入两次）/ type the new password on the terminal (twice)')
    .option('--name <name>', '显示名 / display name')
    .action(
      async (
        email: string,
        o: Common &
          PasswordOptions & { role: string; county?: string; cityWide?: boolean; group?: string; department?: string; askPassword?: boolean; name?: string },
      ) => {
        const password = await resolveNewPassword(o);
        if (password !== undefined && password.length < 6) throw new CliError('密码至少 6 位', 'The password needs at least 6 characters');
        if (o.role === 'department' && o.department !== undefined) await run(() => requireDepartment(getFirestore(adminApp(o.project)), o.department!));
        show(
          ctx,
          o,
          await run(() =>
            upsertAccount(auth(o), {
              email,
              claims: { role: o.role, county: o.county, group: o.group, department: o.department },
              cityWide: o.cityWide === true,
              ...(password !== undefined && { password }),
              ...(o.name !== undefined && { displayName: o.name }),
            }),
          ),
        );
      },
    );

  common(
    admin
      .command('set')
      .description('修改角色、县或工作组（"" 表示清除；会使其已登录的会话失效）/ change role, county or group ("" clears; signs the account out everywhere)'),
  )
    .argument('<email>')
    .option('--role <role>', roleHelp)
    .option('--county <county>', countyHelp)
    .option('--city-wide', cityWideHelp)
    .option('--group <group>', '工作组 / work group')
    .action(async (email: string, o: Common & { role?: string; county?: string; cityWide?: boolean; group?: string }) => {
      show(ctx, o, await run(() => changeClaims(auth(o), email, { role: o.role, county: o.county, group: o.group, cityWide: o.cityWide === true })));
    });

  common(admin.command('disable').description('停用账号 / disable an account'))
    .argument('<email>')
    .action(async (email: string, o: Common) => show(ctx, o, await run(() => setDisabled(auth(o), email, true))));

  common(admin.command('enable').description('重新启用账号 / enable an account again'))
    .argument('<email>')
    .action(async (email: string, o: Common) => show(ctx, o, await run(() => setDisabled(auth(o), email, false))));

  common(admin.command('list').description('列出账号 / list accounts')).action(async (o: Common) => show(ctx, o, await run(() => listAccounts(auth(o)))));

  common(
    admin
      .command('migrate')
      .description(
        '补齐旧数据缺少的字段，并把旧数据中的责任单位对应到名录（部署新版本前后各运行一次，可重复运行）/ fill in what older rows lack and map their departments to the registry (run before and after deploying a new version; safe to repeat)',
      ),
  ).action(async (o: Common) => {
    const db = getFirestore(adminApp(o.project));
    const counties = await run(() => migrateRows(db));
    const departments = await run(() => migrateDepartments(db));
    if (o.json) return void ctx.io.out(`${JSON.stringify({ counties, departments })}\n`);
    for (const r of counties)
      ctx.io.out(
        `${r.ledger}: 查看 ${r.rows} 行，补齐 ${r.migrated} 行，计入统计 ${r.counted} 行 / ${r.rows} rows looked at, ${r.migrated} migrated, ${r.counted} counted in the statistics\n`,
      );
    ctx.io.out(departmentMigrationText(departments));
  });

  const stats = admin.command('stats').description("问题统计汇总 / the problems' kept statistics");
  common(
    stats
      .command('rebuild')
      .description('按全部问题重新计算统计汇总，列出并更正不一致之处 / recompute the statistics from the rows, report and correct any difference'),
  )
    .option('--dry-run', '只列出不一致之处，不更正 / report differences without correcting them')
    .action(async (o: Common & { dryRun?: boolean }) => {
      const r = await run(() => rebuildStats(getFirestore(adminApp(o.project)), 'problems', { dryRun: o.dryRun === true }));
      if (o.json) return void ctx.io.out(`${JSON.stringify(r)}\n`);
      ctx.io.out(
        `${r.ledger}: 查看 ${r.rows} 行，不一致 ${r.differences.length} 处${r.repaired ? '，已更正' : ''} / ${r.rows} rows looked at, ${r.differences.length} differences${r.repaired ? ', corrected' : ''}\n`,
      );
      for (const d of r.differences.slice(0, 50)) {
        ctx.io.out(
          `  ${d.cell.county} ${d.cell.dimension}=${d.cell.group} ${d.cell.slot}: 按问题 ${d.rows}，汇总 ${d.stored} / rows ${d.rows}, kept ${d.stored}\n`,
        );
      }
      if (r.uncounted > 0)
        ctx.io.out(`  ${r.uncounted} 行尚未计入统计，请运行 taizhang admin migrate / ${r.uncounted} rows not counted yet: run taizhang admin migrate\n`);
    });

  registerGroups(admin, ctx, run, common);
  registerChannels(admin, ctx, run, common);
  registerDepartments(admin, ctx, run, common);
  registerRegistry(admin, ctx, run, common);
};
