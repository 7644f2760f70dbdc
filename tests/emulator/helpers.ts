// Helpers for tests against the real emulators (Auth, Firestore, Functions).
// Run them through `npm test` or `node scripts/emulators.mjs exec "<command>"`: firebase-tools
// sets FIREBASE_AUTH_EMULATOR_HOST and FIRESTORE_EMULATOR_HOST, which also switch
// firebase-admin to the emulators. Without those variables every helper refuses to run, so a
// test can never reach a real project.
//
//   const clerk = await makeUser({ email: 'clerk@yuci.test', claims: { role: 'clerk', … } });
//   const res = await callFn<Profile>('getProfile', {}, clerk.token);   // { result } | { error }
//   const profile = await callOk<Profile>('getProfile', {}, clerk.token); // result, or throws
//   afterAll(closeAdmin);
//
// Beware: the Functions emulator does not verify ID tokens, it only decodes them. A forged
// or garbage Bearer token reaches the handler as `request.auth` with whatever claims it
// carries (uid undefined for garbage), so "invalid token → unauthenticated" cannot be tested
// here; production verifies the signature.
import { deleteApp, getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth, type UserRecord } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-taizhang';
export const REGION = process.env.TAIZHANG_REGION ?? 'asia-east2';
/** Origin of the Functions emulator (firebase.json: 127.0.0.1:5001). */
export const FUNCTIONS_ORIGIN = process.env.TAIZHANG_FUNCTIONS_ORIGIN ?? 'http://127.0.0.1:5001';
export const DEFAULT_PASSWORD = 'taizhang-test-password';
/** A callable that has not answered after this long fails the test instead of hanging it. */
export const CALL_TIMEOUT_MS = 20_000;

// The emulators are slower than Jest's 5 s default (a function's first call loads it);
// every file that imports these helpers gets 30 s per test unless it sets its own.
jest.setTimeout(30_000);

const APP_NAME = 'taizhang-emulator-tests';

/** The emulator hosts, or throws when the tests were not started inside the emulators. */
export function emulatorHosts(): { auth: string; firestore: string } {
  const auth = process.env.FIREBASE_AUTH_EMULATOR_HOST;
  const firestore = process.env.FIRESTORE_EMULATOR_HOST;
  if (!auth || !firestore) {
    throw new Error(
      '未检测到模拟器（FIREBASE_AUTH_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST 未设置）。' +
        '请用 `npm test` 或 `node scripts/emulators.mjs exec "<command>"` 运行。\n' +
        'Emulators not detected (FIREBASE_AUTH_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST unset). ' +
        'Run through `npm test` or `node scripts/emulators.mjs exec "<command>"`.',
    );
  }
  return { auth, firestore };
}

// ---------------------------------------------------------------------------------------
// firebase-admin, pointed at the emulators

/** One firebase-admin app for the whole test file (created on first use). */
export function adminApp(): App {
  emulatorHosts();
  return getApps().find((a) => a.name === APP_NAME) ?? initializeApp({ projectId: PROJECT_ID }, APP_NAME);
}

export function adminAuth(): Auth {
  return getAuth(adminApp());
}

export function adminDb(): Firestore {
  return getFirestore(adminApp());
}

/** Releases firebase-admin's connections so Jest can exit: `afterAll(closeAdmin)`. */
export async function closeAdmin(): Promise<void> {
  const app = getApps().find((a) => a.name === APP_NAME);
  if (app) await deleteApp(app);
}

// ---------------------------------------------------------------------------------------
// Emulator state

async function emulatorDelete(host: string, path: string): Promise<void> {
  const res = await fetch(`http://${host}${path}`, {
    method: 'DELETE',
    headers: { Authorization: 'Bearer owner' },
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`DELETE ${path} → ${res.status} ${await res.text()}`);
}

/** Deletes every Firestore document of the project (emulator only). */
export async function clearFirestore(): Promise<void> {
  await emulatorDelete(emulatorHosts().firestore, `/emulator/v1/projects/${PROJECT_ID}/databases/(default)/documents`);
}

/** Deletes every Auth account of the project (emulator only). */
export async function clearAuth(): Promise<void> {
  await emulatorDelete(emulatorHosts().auth, `/emulator/v1/projects/${PROJECT_ID}/accounts`);
}

// ---------------------------------------------------------------------------------------
// Accounts

/** Custom claims of docs/api.md#calling, "Identity". Extra keys are allowed for negative tests. */
export interface Claims {
  role?: 'clerk' | 'coordinator' | 'admin' | (string & {});
  county?: string;
  group?: string;
  [key: string]: unknown;
}

export interface TestUser {
  uid: string;
  email: string;
  password: string;
  claims: Claims;
  /** A real ID token from the Auth emulator, carrying `claims`. */
  token: string;
}

export interface MakeUserOptions {
  email: string;
  password?: string;
  /** Replaces all custom claims; omit (or {}) for an account without any. */
  claims?: Claims;
  displayName?: string;
}

function isAuthError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * Creates the account, or brings an existing one (same email; a previous run, another test)
 * to exactly this password and these claims; then signs in. Idempotent, so it works on a
 * fresh emulator and on one started with imported data.
 */
export async function makeUser(options: MakeUserOptions): Promise<TestUser> {
  const { email, password = DEFAULT_PASSWORD, claims = {}, displayName } = options;
  const auth = adminAuth();
  let user: UserRecord;
  try {
    user = await auth.getUserByEmail(email);
    user = await auth.updateUser(user.uid, { password, displayName, disabled: false });
  } catch (err) {
    if (!isAuthError(err, 'auth/user-not-found')) throw err;
    try {
      user = await auth.createUser({ email, password, displayName, emailVerified: true });
    } catch (createErr) {
      // Created meanwhile by a concurrent test: fall back to updating it.
      if (!isAuthError(createErr, 'auth/email-already-exists')) throw createErr;
      user = await auth.getUserByEmail(email);
      user = await auth.updateUser(user.uid, { password, displayName, disabled: false });
    }
  }
  await auth.setCustomUserClaims(user.uid, Object.keys(claims).length > 0 ? claims : null);
  const token = await signIn(email, password);
  return { uid: user.uid, email, password, claims, token };
}

/** Signs in with email and password at the Auth emulator's REST API; returns the ID token. */
export async function signIn(email: string, password: string = DEFAULT_PASSWORD): Promise<string> {
  const url = `http://${emulatorHosts().auth}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=any`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const body = (await res.json()) as { idToken?: string; error?: { message?: string } };
  if (!res.ok || !body.idToken) {
    throw new Error(`signInWithPassword(${email}) failed: ${res.status} ${body.error?.message ?? JSON.stringify(body)}`);
  }
  return body.idToken;
}

// ---------------------------------------------------------------------------------------
// Callables

/** The callable protocol's error (docs/api.md#calling, "Errors"); status is e.g. `PERMISSION_DENIED`. */
export interface CallableError {
  status: string;
  message: string;
  details?: unknown;
}

export type CallableResult<T> = { result: T; error?: undefined } | { error: CallableError; result?: undefined };

/** The URL of a callable in the Functions emulator. */
export function functionUrl(name: string): string {
  return `${FUNCTIONS_ORIGIN}/${PROJECT_ID}/${REGION}/${name}`;
}

/**
 * Calls a callable exactly as a client does (POST {"data": …}, Bearer token when given) and
 * returns the decoded answer, `{ result }` or `{ error }`. Anything that is not the callable
 * protocol (no such function, a crash before the SDK answers) throws.
 */
export async function callFn<T = unknown>(name: string, data: unknown = {}, token?: string): Promise<CallableResult<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(functionUrl(name), {
    method: 'POST',
    headers,
    body: JSON.stringify({ data }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${name}: HTTP ${res.status}, not a callable answer: ${text.slice(0, 500)}`);
  }
  if (typeof body === 'object' && body !== null) {
    if ('error' in body) return { error: (body as { error: CallableError }).error };
    if ('result' in body) return { result: (body as { result: T }).result };
  }
  throw new Error(`${name}: HTTP ${res.status}, neither result nor error: ${text.slice(0, 500)}`);
}

/** Like callFn, but returns the result and throws on a callable error. */
export async function callOk<T = unknown>(name: string, data: unknown = {}, token?: string): Promise<T> {
  const res = await callFn<T>(name, data, token);
  if (res.error) {
    throw new Error(`${name} failed: ${res.error.status} ${res.error.message}`);
  }
  return res.result;
}
