// Likely duplicates in the ledger core (docs/masterdata.md#likely-duplicates): which stored
// problems a pushed one likely repeats (same target, within 60 days, alike enough, not linked or
// dismissed), in which order, and where a coordinator's link goes (the root; no cycle).
import fc from 'fast-check';
import {
  foundWithinWindow,
  likelyDuplicates,
  linkTarget,
  MAX_DUPLICATES,
  problemTargetKey,
  targetIndex,
  textSimilarity,
  type DuplicateView,
} from '@taizhang/ledger';

const base = {
  county: '榆次区',
  targetType: '入企',
  targetName: '山西强伟纸业有限公司',
  category: '政策落实',
  group: '榆次区入企服务第1组',
  foundOn: '2022-03-24',
};
const row = (id: string, over: Record<string, unknown> = {}, extra: Partial<DuplicateView> = {}): DuplicateView => ({
  id,
  values: { ...base, description: '企业具备申报专精特新条件，需要申报指导', ...over },
  ...extra,
});

describe('likelyDuplicates', () => {
  // [pushed description, stored description, same category?, expected a duplicate?] — real-looking pairs.
  const pairs: [string, string, boolean, boolean][] = [
    ['企业具备申报专精特新条件，需要申报指导', '企业符合申报专精特新条件，急需申报方面的指导', true, true],
    ['扩建厂房的环评和施工许可办理周期长，希望开通绿色通道', '扩建厂房环评、施工许可办理周期太长，希望开通绿色通道', false, true],
    ['村内生活垃圾随处可见，缺少集中存放点和定期清运', '村里生活垃圾随处可见，没有集中存放点，清运不及时', true, true],
    ['村内生活垃圾随处可见，缺少集中存放点和定期清运', '村里生活垃圾随处可见，没有集中存放点，清运不及时', false, false],
    ['矿用变频器项目建设资金缺口较大，需协调银行融资', '电力特种工流动性大，持证电工不足，影响施工', true, false],
    ['厂区道路破损，雨季积水严重影响运输', '企业具备申报专精特新条件，需要申报指导', true, false],
  ];
  it.each(pairs)('%s ~ %s (same category %s): %s, both directions', (a, b, same, expected) => {
    const category = (x: string) => ({ category: same ? '政策落实' : x });
    const p = row('P-140702-2022-000002', { description: a, ...category('融资') });
    const q = row('P-140702-2022-000001', { description: b, ...category('审批手续') });
    expect(likelyDuplicates(p, [q]).length > 0).toBe(expected);
    expect(likelyDuplicates(q, [p]).length > 0).toBe(expected);
  });

  it('answers id, group, county and similarity; the same target under another spelling, within 60 days, either side', () => {
    const stored = row('P-140702-2022-000001', { group: '工业和信息软件服务业专班', foundOn: '2022-05-20' });
    const pushed = row('P-140702-2022-000009', { targetName: '山西强伟纸业公司', foundOn: '2022-03-21' });
    expect(likelyDuplicates(pushed, [stored])).toEqual([{ id: stored.id, group: '工业和信息软件服务业专班', county: '榆次区', similarity: 1 }]);
    expect(likelyDuplicates(pushed, [row('P-140702-2022-000003', { foundOn: '2022-05-21' })])).toEqual([]);
    expect(likelyDuplicates(pushed, [row('P-140702-2022-000003', { targetName: '联安矿用设备有限公司' })])).toEqual([]);
    expect(likelyDuplicates(pushed, [row('P-140702-2022-000003', { county: '介休市' })])).toEqual([]);
  });

  it('never itself, a withdrawn row, a row linked under another, its own root, or a dismissed one (either way)', () => {
    const me = row('P-140702-2022-000005', {}, { duplicateOf: 'P-140702-2022-000001', dismissedDuplicates: ['P-140702-2022-000002'] });
    const others = [
      row('P-140702-2022-000005'),
      row('P-140702-2022-000001'),
      row('P-140702-2022-000002'),
      row('P-140702-2022-000003', {}, { withdrawn: true }),
      row('P-140702-2022-000004', {}, { duplicateOf: 'P-140702-2022-000009' }),
      row('P-140702-2022-000006', {}, { dismissedDuplicates: ['P-140702-2022-000005'] }),
      row('P-140702-2022-000007'),
    ];
    expect(likelyDuplicates(me, others).map((d) => d.id)).toEqual(['P-140702-2022-000007']);
  });

  it('at most three, the most alike first, then by id', () => {
    const others = [
      row('P-140702-2022-000004', { description: '企业申报专精特新需要指导' }),
      row('P-140702-2022-000003'),
      row('P-140702-2022-000001'),
      row('P-140702-2022-000002'),
    ];
    const found = likelyDuplicates(row('P-140702-2022-000009'), others);
    expect(found).toHaveLength(MAX_DUPLICATES);
    expect(found.map((d) => d.id)).toEqual(['P-140702-2022-000001', 'P-140702-2022-000002', 'P-140702-2022-000003']);
  });

  it('a row that names no target has none', () => {
    expect(likelyDuplicates(row('P-140702-2022-000002', { targetName: undefined }), [row('P-140702-2022-000001', { targetName: undefined })])).toEqual([]);
  });

  it('an alias in the registry: the short name and the credit code are one target', () => {
    const index = targetIndex([{ creditCode: '91140700MA0K12345X', name: '山西强伟纸业有限公司', aliases: ['强伟纸业'], county: '榆次区', active: true }], []);
    const byCode = row('P-140702-2022-000001', { creditCode: '91140700MA0K12345X' });
    const byAlias = row('P-140702-2022-000002', { targetName: '强伟纸业' });
    expect(problemTargetKey(byAlias.values, index.resolve)).toBe('c:91140700MA0K12345X');
    expect(likelyDuplicates(byAlias, [byCode], index.resolve).map((d) => d.id)).toEqual([byCode.id]);
    expect(likelyDuplicates(byAlias, [byCode])).toEqual([]);
  });
});

describe('the window', () => {
  it('60 days either way, a day more is out', () => {
    expect([
      foundWithinWindow('2022-03-01', '2022-04-30'),
      foundWithinWindow('2022-04-30', '2022-03-01'),
      foundWithinWindow('2022-03-01', '2022-05-01'),
    ]).toEqual([true, true, false]);
    expect(foundWithinWindow(undefined, '2022-03-01')).toBe(false);
  });
});

describe('linkTarget', () => {
  const a = row('P-140702-2022-000001');
  const b = row('P-140702-2022-000002', {}, { duplicateOf: a.id });
  it('to the other’s root; never itself, a cycle or a withdrawn row', () => {
    expect(linkTarget(row('P-140702-2022-000003'), b)).toEqual({ root: a.id });
    expect(linkTarget(a, b)).toEqual({ refused: 'cycle' });
    expect(linkTarget(a, a)).toEqual({ refused: 'self' });
    expect(linkTarget(row('P-140702-2022-000003'), { ...a, withdrawn: true })).toEqual({ refused: 'withdrawn' });
  });
  it('no link ever makes a cycle: following links from any row reaches a root', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 40 }), (ops) => {
        const links = new Map<string, string>();
        const view = (i: number): DuplicateView => ({ id: String(i), values: {}, duplicateOf: links.get(String(i)) ?? null });
        for (const [x, y] of ops) {
          const t = linkTarget(view(x), view(y));
          if ('root' in t) {
            links.set(String(x), t.root);
            for (const [k, v] of links) if (v === String(x)) links.set(k, t.root);
          }
        }
        for (const [, root] of links) expect(links.has(root)).toBe(false);
      }),
    );
  });
});

describe('laws', () => {
  it('similarity is symmetric and 1 for the same description', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        expect(textSimilarity(x, y)).toBe(textSimilarity(y, x));
        expect(textSimilarity(x, x)).toBe(1);
      }),
    );
  });
});
