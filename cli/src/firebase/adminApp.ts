// firebase-admin for the command line. Projects named demo-… exist only in the emulators
// (firebase-tools' own convention), so they are reached there, at the default ports unless
// the environment says otherwise; any other project, named with --project (project.ts), is
// the real one, through Application
// Default Credentials (GOOGLE_APPLICATION_CREDENTIALS or `gcloud auth application-default login`).

import { getApps, initializeApp, applicationDefault, type App } from 'firebase-admin/app';
import { CliError } from '../context';
import { chooseProject, isEmulatorProject } from './project';

/** `given` is --project as typed, undefined when absent (project.ts decides then). */
export function adminApp(given?: string): App {
  const project = chooseProject(given);
  const existing = getApps().find((a) => a.name === `taizhang-${project}`);
  if (existing) return existing;
  if (isEmulatorProject(project)) {
    process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
    process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
    return initializeApp({ projectId: project }, `taizhang-${project}`);
  }
  try {
    return initializeApp({ projectId: project, credential: applicationDefault() }, `taizhang-${project}`);
  } catch (e) {
    throw new CliError(
      `无法取得项目 ${project} 的凭据：请设置 GOOGLE_APPLICATION_CREDENTIALS`,
      `No credentials for project ${project}: set GOOGLE_APPLICATION_CREDENTIALS (${(e as Error).message})`,
    );
  }
}
