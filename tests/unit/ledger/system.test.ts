import fc from 'fast-check';
import { conflictState, shownConflictVersion, SYNC_STATES } from '@taizhang/ledger';

describe('the conflict state a report wrote', () => {
  it('reads back the server version it names', () => {
    fc.assert(fc.property(fc.nat(), (v) => shownConflictVersion(conflictState(v)) === v));
  });

  it('is the conflict state of SYNC_STATES with the version after it', () => {
    expect(conflictState(7)).toBe(`${SYNC_STATES.conflict.zh}（台账中为第 7 版）`);
  });

  it('still reads the state as earlier versions wrote it', () => {
    expect(shownConflictVersion('冲突（服务器版本 7）')).toBe(7);
  });

  it.each([
    SYNC_STATES.conflict.zh,
    SYNC_STATES.synced.zh,
    '',
    '冲突（服务器版本 ）',
    '冲突（服务器版本 x）',
    '冲突（服务器版本 7）…',
    ' 冲突（服务器版本 7）',
    '冲突（服务器版本 -7）',
    '冲突（台账中为第 x 版）',
    '冲突（台账中为第 7 版）…',
  ])('names no version in %j', (cell) => {
    expect(shownConflictVersion(cell)).toBeUndefined();
  });
});
