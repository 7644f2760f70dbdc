// What the pane needs from the outside world besides Excel: the session (sign-in) and an
// API client for the signed-in account. firebase.ts provides the real one; tests a fake.

import type { ApiClient } from '@taizhang/client';

export interface SignedInUser {
  readonly email: string;
}

export interface Backend {
  /** Calls back at once with the restored session (or null) and on every change. */
  onAuthChange(cb: (user: SignedInUser | null) => void): () => void;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  api(): ApiClient;
  /** Talking to the local emulators (shown in the pane). */
  readonly emulator: boolean;
}
