// New rows' keys: random UUIDs (version 4) the server accepts, never the same twice, across
// the batches they are made in.
import { ROW_KEY, rowKeyMaker } from '@taizhang/client';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('row keys', () => {
  it('are random UUIDs the server accepts, all different, beyond one batch', () => {
    const next = rowKeyMaker();
    const keys = Array.from({ length: 5000 }, next);
    for (const k of keys) {
      expect(k).toMatch(UUID_V4);
      expect(ROW_KEY.test(k)).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('differ between two makers', () => {
    const a = Array.from({ length: 100 }, rowKeyMaker());
    const b = new Set(Array.from({ length: 100 }, rowKeyMaker()));
    expect(a.some((k) => b.has(k))).toBe(false);
  });
});
