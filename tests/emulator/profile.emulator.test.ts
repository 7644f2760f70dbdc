// getProfile against the real emulators: a real Auth emulator ID token, the real callable.
import type { GetProfileResponse } from '../../functions/src/api/getProfile';
import { callFn, closeAdmin, makeUser } from './helpers';

afterAll(closeAdmin);

describe('getProfile', () => {
  it('answers uid, email, role, county and group from the caller’s claims', async () => {
    const clerk = await makeUser({
      email: 'profile-clerk@taizhang.test',
      claims: { role: 'clerk', county: '榆次区', group: '榆次区第1组' },
    });

    const res = await callFn<GetProfileResponse>('getProfile', {}, clerk.token);

    expect(res).toEqual({
      result: {
        uid: clerk.uid,
        email: 'profile-clerk@taizhang.test',
        role: 'clerk',
        county: '榆次区',
        group: '榆次区第1组',
      },
    });
  });

  it('omits county and group for a city-wide coordinator', async () => {
    const coordinator = await makeUser({ email: 'profile-coordinator@taizhang.test', claims: { role: 'coordinator' } });

    const res = await callFn<GetProfileResponse>('getProfile', {}, coordinator.token);

    expect(res).toEqual({
      result: { uid: coordinator.uid, email: 'profile-coordinator@taizhang.test', role: 'coordinator' },
    });
  });

  it('fails unauthenticated without a token', async () => {
    const res = await callFn('getProfile', {});

    expect(res.error).toMatchObject({ status: 'UNAUTHENTICATED' });
    expect(res.error?.message).toMatch(/登录/);
    expect(res.error?.message).toMatch(/Sign-in required/);
  });

  it('fails permission-denied for an account without a role', async () => {
    const nobody = await makeUser({ email: 'profile-norole@taizhang.test' });

    const res = await callFn('getProfile', {}, nobody.token);

    expect(res.error).toMatchObject({ status: 'PERMISSION_DENIED' });
  });

  it('fails permission-denied for a clerk without a group', async () => {
    const clerk = await makeUser({ email: 'profile-nogroup@taizhang.test', claims: { role: 'clerk', county: '榆次区' } });

    const res = await callFn('getProfile', {}, clerk.token);

    expect(res.error).toMatchObject({ status: 'PERMISSION_DENIED' });
  });

  it('makeUser is idempotent: new claims replace the old ones on the same account', async () => {
    const first = await makeUser({ email: 'profile-again@taizhang.test', claims: { role: 'clerk', county: '榆次区', group: 'A' } });
    const second = await makeUser({ email: 'profile-again@taizhang.test', claims: { role: 'admin' } });

    expect(second.uid).toBe(first.uid);
    const res = await callFn<GetProfileResponse>('getProfile', {}, second.token);
    expect(res).toEqual({ result: { uid: first.uid, email: 'profile-again@taizhang.test', role: 'admin' } });
  });
});
