/**
 * Firestore's answers when a precondition failed or a transaction lost a race: the writer
 * reads again and retries.
 */
export function isContention(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 6 || code === 9 || code === 10 || code === 'already-exists' || code === 'failed-precondition' || code === 'aborted';
}
