// The demo's problems reported twice (scripts/demo/duplicates.ts): each second report is a
// valid row the server would store, and a likely duplicate of the first, so `npm start` has
// some for a coordinator to review.
import { getLedger, likelyDuplicates, parseRow } from '@taizhang/ledger';
import { reportedAgain } from '../../../scripts/demo/duplicates';
import { demoProblem, random } from '../../../scripts/demo/rows';

const TODAY = '2022-06-30';

describe('reportedAgain', () => {
  const r = random(20220214);
  const first = Array.from({ length: 90 }, () => demoProblem(r, TODAY, ['榆次区'], '榆次区入企服务第1组'));
  const again = reportedAgain(first, TODAY);

  it('reports four open enterprise problems again, under a sector team', () => {
    expect(again).toHaveLength(4);
    for (const a of again) expect(String(a.group)).toMatch(/专班$/);
  });

  it('each is valid and a likely duplicate of the one it repeats', () => {
    again.forEach((a, i) => {
      expect(parseRow(getLedger('problems'), a, { today: TODAY }).errors).toEqual([]);
      const found = likelyDuplicates(
        { id: `again-${i}`, values: a },
        first.map((values, k) => ({ id: `first-${k}`, values })),
      );
      expect(found.length).toBeGreaterThan(0);
    });
  });
});
