// Which Firebase project a command works on. Projects named demo-… exist only in the local
// emulators (firebase-tools' convention). A real project holds the campaign's accounts and
// rows, so it is only ever used when the command line names it with --project: a
// GCLOUD_PROJECT or GOOGLE_CLOUD_PROJECT left in the environment (Cloud Shell sets one, a
// deploy script may export one) may name the emulators' demo project, never a real one.

import { CliError } from '../context';

export const DEFAULT_PROJECT = 'demo-taizhang';

type Env = Readonly<Record<string, string | undefined>>;

export const isEmulatorProject = (project: string): boolean => project.startsWith('demo-');

export function chooseProject(given: string | undefined, env: Env = process.env): string {
  if (given !== undefined) {
    if (given.trim() === '') throw new CliError('--project 不能为空', '--project cannot be empty');
    return given;
  }
  for (const name of ['GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT'] as const) {
    const fromEnv = env[name];
    if (!fromEnv) continue;
    if (isEmulatorProject(fromEnv)) return fromEnv;
    throw new CliError(
      `环境变量 ${name} 指向项目 ${fromEnv}，但真实项目只在命令中用 --project 明确指定时才会使用：请加上 --project ${fromEnv}（或用 --project ${DEFAULT_PROJECT} 操作本地模拟器）`,
      `${name} names the project ${fromEnv}, but a real project is only used when the command names it with --project: add --project ${fromEnv} (or --project ${DEFAULT_PROJECT} for the local emulators)`,
    );
  }
  return DEFAULT_PROJECT;
}
