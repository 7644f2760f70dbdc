// The thin Firebase glue: the app is created on first use; Auth keeps the session in
// IndexedDB (in memory when storage is unavailable, e.g. blocked in a sandboxed webview);
// callables go through httpsCallable and are the API client's transport. In development
// both Auth and Functions are reached through the dev server's own https origin, which
// proxies to the emulators (Excel on the Mac blocks an https pane calling http://localhost).

import { initializeApp, type FirebaseApp } from 'firebase/app';
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  inMemoryPersistence,
  initializeAuth,
  onAuthStateChanged,
  signInWithEmailAndPassword,
  signOut,
  type Auth,
} from 'firebase/auth';
import { getFunctions, httpsCallable, type Functions } from 'firebase/functions';
import { createApiClient, type ApiClient } from '@taizhang/client';
import { ApiError, splitBilingual } from '@taizhang/client';
import type { Transport } from '@taizhang/client';
import type { Backend } from './backend';
import type { PaneConfig } from './config';

interface Firebase {
  readonly app: FirebaseApp;
  readonly auth: Auth;
  readonly functions: Functions;
}

/** Firebase's `functions/permission-denied` → the wire status PERMISSION_DENIED; a failed fetch → NETWORK. */
export function toApiError(err: unknown, name: string): ApiError {
  const e = err as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof e.code === 'string' ? e.code.replace(/^functions\//, '') : 'internal';
  const message = typeof e.message === 'string' ? e.message : String(err);
  let status = code.toUpperCase().replace(/-/g, '_');
  // The SDK reports a request that never got an answer as internal with the bare code as message.
  if (status === 'INTERNAL' && (message === 'internal' || message === 'Failed to fetch')) status = 'NETWORK';
  if (status === 'DEADLINE_EXCEEDED' && message === 'deadline-exceeded') status = 'DEADLINE_EXCEEDED';
  return new ApiError(status, splitBilingual(message), e.details, name);
}

export function callableTransport(functions: Functions): Transport {
  return async (name, data) => {
    try {
      const res = await httpsCallable(functions, name, { timeout: 120_000 })(data);
      return res.data;
    } catch (err) {
      throw toApiError(err, name);
    }
  };
}

export function firebaseBackend(config: PaneConfig, origin: string = globalThis.location?.origin ?? 'https://localhost:3000'): Backend {
  let fb: Firebase | undefined;
  let api: ApiClient | undefined;
  const get = (): Firebase => {
    if (fb) return fb;
    const app = initializeApp({
      apiKey: config.apiKey,
      projectId: config.projectId,
      ...(config.authDomain && { authDomain: config.authDomain }),
      ...(config.appId && { appId: config.appId }),
    });
    // The first persistence that works is used: IndexedDB, then localStorage, then memory.
    const auth = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence, inMemoryPersistence] });
    const functions = config.emulator ? getFunctions(app, `${origin}/__/functions/${config.projectId}/${config.region}`) : getFunctions(app, config.region);
    if (config.emulator) connectAuthEmulator(auth, origin, { disableWarnings: true });
    fb = { app, auth, functions };
    return fb;
  };
  return {
    emulator: config.emulator,
    onAuthChange(cb) {
      return onAuthStateChanged(get().auth, (user) => cb(user ? { email: user.email ?? '' } : null));
    },
    async signIn(email, password) {
      const { user } = await signInWithEmailAndPassword(get().auth, email, password);
      // Claims set by an administrator since the last token only apply after a refresh.
      await user.getIdToken(true);
    },
    async signOut() {
      await signOut(get().auth);
    },
    api() {
      api ??= createApiClient(callableTransport(get().functions));
      return api;
    },
  };
}
