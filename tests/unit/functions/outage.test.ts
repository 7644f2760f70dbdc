// What a callable answers while Firestore is unreachable (functions/src/store/outage.ts), and
// how the restart helper rebuilds the emulator's command line (tests/support/firestoreRestart.ts).
import { apiError } from '../../../functions/src/messages';
import { answerUnavailableWhenStoreDown, isStoreOutage } from '../../../functions/src/store/outage';
import { relaunchArgs } from '../../support/firestoreRestart';

type Request = Parameters<ReturnType<typeof answerUnavailableWhenStoreDown>>[0];
type Answer = { code?: string; message?: string };
const request = {} as Request;
const grpcError = (code: number) => Object.assign(new Error(`${code} grpc`), { code });

describe('answerUnavailableWhenStoreDown', () => {
  it('passes answers and our own errors through', async () => {
    await expect(answerUnavailableWhenStoreDown(async () => 42)(request)).resolves.toBe(42);
    const denied = apiError('permission-denied', { zh: '无权', en: 'denied' });
    await expect(answerUnavailableWhenStoreDown(async () => Promise.reject(denied))(request)).rejects.toBe(denied);
  });

  it.each([14, 4])('turns Firestore gRPC code %i into unavailable, in both languages', async (code) => {
    const err = await answerUnavailableWhenStoreDown(async () => Promise.reject(grpcError(code)))(request).catch((e: unknown) => e);
    expect((err as Answer).code).toBe('unavailable');
    expect((err as Answer).message).toMatch(/数据库.* \/ The database/);
  });

  it('leaves other failures alone (a bug stays internal)', async () => {
    const bug = new TypeError('x is undefined');
    await expect(answerUnavailableWhenStoreDown(async () => Promise.reject(bug))(request)).rejects.toBe(bug);
    expect(isStoreOutage(grpcError(6))).toBe(false); // ALREADY_EXISTS: contention, handled by push
  });

  it('answers unavailable when the store keeps it waiting past the deadline', async () => {
    const never = new Promise<never>(() => {});
    const started = Date.now();
    const err = await answerUnavailableWhenStoreDown(() => never, 50)(request).catch((e: unknown) => e);
    expect((err as Answer).code).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('relaunchArgs', () => {
  const base = ['-jar', '/x/launcher.jar', '--host', '127.0.0.1', '--port', '8380'];

  it('adds the seed', () => {
    expect(relaunchArgs(base, '/tmp/e/m.overall_export_metadata')).toEqual([...base, '--seed_from_export', '/tmp/e/m.overall_export_metadata']);
  });

  it('replaces a seed given either way, or drops it', () => {
    expect(relaunchArgs([...base, '--seed_from_export', '/old'], '/new')).toEqual([...base, '--seed_from_export', '/new']);
    expect(relaunchArgs(['--seed_from_export=/old', ...base], '/new')).toEqual([...base, '--seed_from_export', '/new']);
    expect(relaunchArgs([...base, '--seed_from_export', '/old'], undefined)).toEqual(base);
  });
});
