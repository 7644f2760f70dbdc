// Where `taizhang push` and `pull` sign in and call: the local emulators by default (projects
// named demo-…, firebase-tools' convention, as for `admin` and `notice`), or a real project
// with --project, --region and the web API key of its Firebase app.

import { CliError } from '../context';
import { chooseProject, isEmulatorProject } from './project';

export interface Target {
  readonly project: string;
  readonly region: string;
  readonly emulators: boolean;
  /** The callables: POST {base}/{name}. */
  readonly functionsBase: string;
  /** Identity Toolkit (sign-in) and Secure Token (refresh) endpoints' prefix. */
  readonly identityToolkit: string;
  readonly secureToken: string;
  readonly apiKey: string;
}

export interface TargetOptions {
  readonly project?: string;
  readonly region?: string;
  readonly apiKey?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** TAIZHANG_PORT_OFFSET shifts every emulator port (scripts/ports.mjs: a second stack beside the first). */
function portOffset(env: Env): number {
  const raw = env.TAIZHANG_PORT_OFFSET;
  if (raw === undefined || raw === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 50_000) {
    throw new CliError(
      `TAIZHANG_PORT_OFFSET 须为 0 到 50000 之间的整数，而不是「${raw}」`,
      `TAIZHANG_PORT_OFFSET must be an integer from 0 to 50000, not "${raw}"`,
    );
  }
  return n;
}

export function resolveTarget(o: TargetOptions, env: Env = process.env): Target {
  const project = chooseProject(o.project, env);
  const region = o.region ?? env.TAIZHANG_REGION ?? 'asia-east2';
  if (isEmulatorProject(project)) {
    const offset = portOffset(env);
    const auth = env.FIREBASE_AUTH_EMULATOR_HOST ?? `127.0.0.1:${9099 + offset}`;
    const functions = (env.TAIZHANG_FUNCTIONS_ORIGIN ?? `http://127.0.0.1:${5001 + offset}`).replace(/\/$/, '');
    return {
      project,
      region,
      emulators: true,
      functionsBase: `${functions}/${project}/${region}`,
      identityToolkit: `http://${auth}/identitytoolkit.googleapis.com`,
      secureToken: `http://${auth}/securetoken.googleapis.com`,
      // The Auth emulator accepts any key.
      apiKey: o.apiKey ?? 'emulator',
    };
  }
  const apiKey = o.apiKey ?? env.TAIZHANG_API_KEY ?? env.TZ_FIREBASE_API_KEY;
  if (!apiKey) {
    throw new CliError(
      `项目 ${project} 需要 Firebase 网页应用的 API 密钥：--api-key 或环境变量 TAIZHANG_API_KEY`,
      `project ${project} needs its Firebase web app's API key: --api-key or TAIZHANG_API_KEY`,
    );
  }
  return {
    project,
    region,
    emulators: false,
    functionsBase: `https://${region}-${project}.cloudfunctions.net`,
    identityToolkit: 'https://identitytoolkit.googleapis.com',
    secureToken: 'https://securetoken.googleapis.com',
    apiKey,
  };
}
