// `taizhang admin …`: accounts and their role, county and group (docs/cli.md#taizhang-admin), the work-group
// registry (`admin groups …`, in _adminGroups.ts), and `admin migrate` (data older rows lack,
// admin/migrate.ts) for a project taking a new version. Against the
// emulators for demo-… projects (the default), against a real project with credentials.

import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import type { Command } from 'commander';
import { COUNTY_LABELS, ROLES } from '@taizhang/ledger';
import { AccountError, changeClaims, listAccounts, setDisabled, upsertAccount, type AccountView } from '../admin/accounts';
import { CliError, type CliContext, type RegisterCommand } from '../context';
import { adminApp, DEFAULT_PROJECT } from '../firebase/adminApp';
import { GroupError } from '../admin/groups';
import { migrateRows } from '../admin/migrate';
import { registerGroups } from './_adminGroups';

interface Common { project: string; json?: boolean }

function show(ctx: CliContext, opts: Common, a: AccountView | AccountView[]): void {
  if (opts.json) {
    ctx.io.out(`${JSON.stringify(a)}\n`);
    return;
  }
  for (const x of Array.isArray(a) ? a : [a]) {
    const scope = [x.role ?? '（无角色 / no role）', x.county ?? '全市 / city-wide', x.group].filter(Boolean).join('  ');
    ctx.io.out(`${x.email}  ${scope}${x.disabled ? '  【已停用 / disabled】' : ''}\n`);
  }
}

/** Account errors and unreachable emulators become exit 2 with both languages. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AccountError || e instanceof GroupError) throw new CliError(e.text.zh, e.text.en);
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
    .option('--project <id>', `项目，demo-… 为本地模拟器 / project; demo-… means the emulators`, DEFAULT_PROJECT)
    .option('--json', '输出 JSON / print JSON');
}

export const register: RegisterCommand = (program, ctx) => {
  const admin = program.command('admin').description('管理账号与角色 / administer accounts and roles');
  const roleHelp = `${ROLES.join(' | ')}`;
  const countyHelp = `县（区、市）/ county: ${COUNTY_LABELS.join('、')}`;

  common(admin.command('create').description('创建账号（已存在则更新）/ create an account (or update it)'))
    .argument('<email>')
    .requiredOption('--role <role>', roleHelp)
    .option('--county <county>', countyHelp)
    .option('--group <group>', '工作组 / work group')
    .option('--password <password>', '初始密码 / initial password')
    .option('--name <name>', '显示名 / display name')
    .action(async (email: string, o: Common & { role: string; county?: string; group?: string; password?: string; name?: string }) => {
      if (o.password !== undefined && o.password.length < 6) throw new CliError('密码至少 6 位', 'The password needs at least 6 characters');
      show(ctx, o, await run(() => upsertAccount(auth(o), {
        email, claims: { role: o.role, county: o.county, group: o.group },
        ...(o.password !== undefined && { password: o.password }), ...(o.name !== undefined && { displayName: o.name }),
      })));
    });

  common(admin.command('set').description('修改角色、县或工作组（"" 表示清除）/ change role, county or group ("" clears)'))
    .argument('<email>')
    .option('--role <role>', roleHelp)
    .option('--county <county>', countyHelp)
    .option('--group <group>', '工作组 / work group')
    .action(async (email: string, o: Common & { role?: string; county?: string; group?: string }) => {
      show(ctx, o, await run(() => changeClaims(auth(o), email, { role: o.role, county: o.county, group: o.group })));
    });

  common(admin.command('disable').description('停用账号 / disable an account')).argument('<email>')
    .action(async (email: string, o: Common) => show(ctx, o, await run(() => setDisabled(auth(o), email, true))));

  common(admin.command('enable').description('重新启用账号 / enable an account again')).argument('<email>')
    .action(async (email: string, o: Common) => show(ctx, o, await run(() => setDisabled(auth(o), email, false))));

  common(admin.command('list').description('列出账号 / list accounts'))
    .action(async (o: Common) => show(ctx, o, await run(() => listAccounts(auth(o)))));

  common(admin.command('migrate').description('补齐旧数据缺少的字段（部署新版本前后各运行一次，可重复运行）/ fill in what older rows lack (run before and after deploying a new version; safe to repeat)'))
    .action(async (o: Common) => {
      const reports = await run(() => migrateRows(getFirestore(adminApp(o.project))));
      if (o.json) ctx.io.out(`${JSON.stringify(reports)}\n`);
      else for (const r of reports) ctx.io.out(`${r.ledger}: 查看 ${r.rows} 行，补齐 ${r.migrated} 行 / ${r.rows} rows looked at, ${r.migrated} migrated\n`);
    });

  registerGroups(admin, ctx, run, common);
};
