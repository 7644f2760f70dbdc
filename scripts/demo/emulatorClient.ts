// A callable client for dev scripts against the local emulators: an ID token from the Auth
// emulator's REST sign-in, and the add-in's own fetch transport for the calls.

import { fetchTransport, type Transport } from '@taizhang/client';

export const PROJECT = process.env.GCLOUD_PROJECT ?? 'demo-taizhang';
const REGION = process.env.TAIZHANG_REGION ?? 'asia-east2';
const FUNCTIONS = process.env.TAIZHANG_FUNCTIONS_ORIGIN ?? 'http://127.0.0.1:5001';

/** Signs in with e-mail and password at the Auth emulator; the ID token, or throws. */
export async function emulatorIdToken(email: string, password: string): Promise<string> {
  const host = process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099';
  const res = await fetch(`http://${host}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=local`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await res.json()) as { idToken?: string };
  if (!body.idToken) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(body)}`);
  return body.idToken;
}

/** Calls the local functions as the holder of `idToken`. */
export function emulatorTransport(idToken: string): Transport {
  return fetchTransport({ origin: FUNCTIONS, project: PROJECT, region: REGION, getIdToken: () => idToken, timeoutMs: 300_000 });
}
