// What went wrong, as a clerk is told it: one reading, for the task pane and the web page, of
// the sign-in service's error codes and the ledger system's answer statuses. The codes and
// statuses themselves are developer words and never shown.

/** The kinds of failure each front end has words for (its strings' `err`). */
export type Failure =
  | 'invalidCredential'
  | 'invalidEmail'
  | 'missingFields'
  | 'tooMany'
  | 'userDisabled'
  | 'network'
  | 'signedOut'
  | 'permission'
  | 'unavailable'
  | 'timeout'
  | 'refused'
  | 'unknown';

const SIGN_IN_CODES: Readonly<Record<string, Failure>> = {
  'auth/invalid-credential': 'invalidCredential',
  'auth/wrong-password': 'invalidCredential',
  'auth/user-not-found': 'invalidCredential',
  'auth/invalid-login-credentials': 'invalidCredential',
  'auth/invalid-email': 'invalidEmail',
  'auth/missing-password': 'missingFields',
  'auth/missing-email': 'missingFields',
  'auth/too-many-requests': 'tooMany',
  'auth/user-disabled': 'userDisabled',
  'auth/network-request-failed': 'network',
  'auth/user-token-expired': 'signedOut',
  'auth/id-token-expired': 'signedOut',
};

const ANSWER_STATUSES: Readonly<Record<string, Failure>> = {
  NETWORK: 'network',
  UNAUTHENTICATED: 'signedOut',
  PERMISSION_DENIED: 'permission',
  UNAVAILABLE: 'unavailable',
  RESOURCE_EXHAUSTED: 'unavailable',
  DEADLINE_EXCEEDED: 'timeout',
  INVALID_ARGUMENT: 'refused',
  FAILED_PRECONDITION: 'refused',
};

/** The sign-in service's error code (`auth/…`), if `err` carries one. */
export function signInCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('auth/') ? code : undefined;
}

export function signInFailure(code: string): Failure {
  return SIGN_IN_CODES[code] ?? 'unknown';
}

/** A failed call's answer status (ApiError.status). */
export function answerFailure(status: string): Failure {
  return ANSWER_STATUSES[status] ?? 'unknown';
}

/**
 * Whether the clerk reads the answer's own words beside the explanation: only the ledger
 * system's reasons for refusing (a rule, a right); a lost connection or a busy system comes
 * with the network library's or the store's words, which say nothing to a clerk.
 */
export function answerWordsTold(f: Failure): boolean {
  return f === 'refused' || f === 'permission';
}
