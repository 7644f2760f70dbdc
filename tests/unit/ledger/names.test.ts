// Names and descriptions as people mean them: normalisation (full-width, punctuation, place
// prefixes, legal suffixes, aliases), the target key and the bigram similarity, on pairs as
// two work groups would write them, in both directions; then their laws for any text.
import fc from 'fast-check';
import {
  isLikelyDuplicate,
  normaliseName,
  normaliseText,
  serviceTargetKey,
  targetIndex,
  textSimilarity,
  type EnterpriseRecord,
  type VillageRecord,
} from '@taizhang/ledger';

describe('normaliseName', () => {
  // [as one group writes it, as another does, the county, the same enterprise?]
  const pairs: [string, string, string, boolean][] = [
    ['山西强伟纸业有限公司', '山西强伟纸业公司', '榆次区', true],
    ['山西强伟纸业有限公司', '山西强伟纸业有限公司　', '榆次区', true],
    ['山西强伟纸业有限公司', '山西强伟纸业（有限公司）', '榆次区', true],
    ['晋中市联安矿用设备有限公司', '联安矿用设备有限公司', '榆次区', true],
    ['榆次区联安矿用设备有限责任公司', '联安矿用设备有限公司', '榆次区', true],
    ['榆次联安矿用设备有限公司', '联安矿用设备公司', '榆次区', true],
    ['山西省晋中交通建设集团有限公司', '晋中交通建设有限公司', '介休市', true],
    ['介休市晋中交通建设有限公司', '晋中交通建设公司', '介休市', true],
    ['山西康养源农业开发有限公司（筹）', '山西康养源农业开发有限公司', '榆次区', true],
    ['山西康养源农业开发有限公司(筹)', '山西康养源农业开发公司', '榆次区', true],
    ['山西金榜乳业股份有限公司', '山西金榜乳业有限公司', '榆次区', true],
    ['ＸＹＺ科技有限公司', 'xyz 科技公司', '榆次区', true],
    ['金柏林生物科技有限公司', '金柏林 生物科技 有限公司', '榆次区', true],
    ['山西强伟纸业有限公司', '山西强伟包装有限公司', '榆次区', false],
    ['山西强伟纸业有限公司', '强伟纸业', '榆次区', false], // an alias, known only to the registry
    ['晋中林果丰种养专业合作社', '林果丰种养专业合作社', '榆次区', false], // 晋中 is no 晋中市
    ['介休市晋中交通建设有限公司', '晋中交通建设有限公司', '榆次区', false], // 介休市 is not this row's county
    ['山西新能源汽车工业有限公司', '山西新能源汽车有限公司', '榆次区', false],
  ];
  it.each(pairs)('%s ~ %s (%s): %s', (a, b, county, same) => {
    expect(normaliseName(a, county) === normaliseName(b, county)).toBe(same);
    expect(normaliseName(b, county) === normaliseName(a, county)).toBe(same);
  });

  it.each([
    ['山西强伟纸业有限公司', '榆次区', '山西强伟纸业'],
    ['晋中市榆次区东阳镇芊源农业科技有限公司', '榆次区', '东阳镇芊源农业科技'],
    ['山西省晋中市联安集团股份有限公司', '榆次区', '联安'],
    ['公司', undefined, '公司'],
    ['晋中市公司', undefined, '公司'],
    ['「两渡村」', '灵石县', '两渡村'],
  ])('%s (%s) → %s', (name, county, want) => {
    expect(normaliseName(name, county)).toBe(want);
  });
});

const REGISTRY_E: EnterpriseRecord[] = [
  { creditCode: '91140700MA0K12345X', name: '山西强伟纸业有限公司', aliases: ['强伟纸业'], county: '榆次区', township: '修文镇', active: true },
  { creditCode: '91140702MA0J77777T', name: '联安矿用设备有限公司', aliases: [], county: '榆次区', active: true },
];
const REGISTRY_V: VillageRecord[] = [{ id: '灵石县-两渡镇-两渡村', county: '灵石县', township: '两渡镇', name: '两渡村', active: true }];
const index = targetIndex(REGISTRY_E, REGISTRY_V);

describe('serviceTargetKey', () => {
  it('the credit code when there is one, whatever the name', () => {
    expect(serviceTargetKey({ county: '榆次区', targetName: '随便写的名字', creditCode: '91140700MA0K12345X' })).toBe('c:91140700MA0K12345X');
  });
  it('else the county and the normalised name', () => {
    expect(serviceTargetKey({ county: '榆次区', targetName: '榆次区联安矿用设备有限责任公司' })).toBe('n:榆次区:联安矿用设备');
    expect(serviceTargetKey({ county: '介休市', targetName: '联安矿用设备有限公司' })).toBe('n:介休市:联安矿用设备');
  });
  it('an alias in the registry maps to its entry: three spellings, one key', () => {
    const keys = ['山西强伟纸业有限公司', '强伟纸业', '山西强伟纸业公司'].map((targetName) =>
      serviceTargetKey({ county: '榆次区', targetName }, index.resolve),
    );
    expect(keys).toEqual(['c:91140700MA0K12345X', 'c:91140700MA0K12345X', 'c:91140700MA0K12345X']);
  });
  it('a village by the registry’s own name', () => {
    expect(serviceTargetKey({ county: '灵石县', targetName: '两渡村 ' }, index.resolve)).toBe('n:灵石县:两渡村');
  });
  it('a row that names nothing has no key', () => {
    expect(serviceTargetKey({ county: '榆次区' })).toBeUndefined();
    expect(serviceTargetKey({ county: '榆次区', targetName: '。。' })).toBeUndefined();
  });
});

describe('textSimilarity and the verdict', () => {
  // [one group's description, another's, same category?, likely duplicate?]
  const pairs: [string, string, boolean, boolean][] = [
    ['村内主干道路面破损严重，雨季积水影响村民出行', '村内主干道路面破损严重！雨季积水影响村民出行。', false, true],
    ['扩建厂房的环评和施工许可办理周期长，希望开通绿色通道', '扩建厂房环评、施工许可办理周期太长，希望开通绿色通道', false, true],
    ['村内生活垃圾随处可见，缺少集中存放点和定期清运', '村里生活垃圾随处可见，没有集中存放点，清运不及时', true, true],
    ['村内生活垃圾随处可见，缺少集中存放点和定期清运', '村里生活垃圾随处可见，没有集中存放点，清运不及时', false, false],
    ['矿用变频器项目建设资金缺口较大，需协调银行融资', '矿用变频器项目资金缺口大，希望协调银行贷款', true, true],
    ['矿用变频器项目建设资金缺口较大，需协调银行融资', '电力特种工流动性大，持证电工不足，影响施工', true, false],
    ['企业具备申报专精特新小巨人条件，需要申报指导', '家庭农场不清楚农机购置补贴申请流程和补贴标准', true, false],
    ['合作社鲜果销售渠道单一，需对接商超和电商平台', '古村旅游景区亮点不突出，文旅规划不清晰', false, false],
  ];
  it.each(pairs)('%s ~ %s (same category %s): %s', (a, b, sameCategory, duplicate) => {
    const s = textSimilarity(a, b);
    expect(textSimilarity(b, a)).toBe(s);
    expect(isLikelyDuplicate(s, sameCategory)).toBe(duplicate);
  });

  it('full-width and punctuation make no difference', () => {
    expect(normaliseText('ＡＢＣ，１２３。')).toBe('abc123');
    expect(textSimilarity('路面破损，积水（严重）', '路面破损积水严重')).toBe(1);
  });
  it('the thresholds: 0.5, or 0.3 when the categories are equal', () => {
    expect([isLikelyDuplicate(0.5, false), isLikelyDuplicate(0.49, false), isLikelyDuplicate(0.3, true), isLikelyDuplicate(0.29, true)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});

// Text as clerks type it: CJK, ASCII and full-width letters and digits, Chinese and Western
// punctuation, the place and legal words the normalisation knows.
const PIECES = [
  '山',
  '西',
  '省',
  '晋',
  '中',
  '市',
  '榆',
  '次',
  '区',
  '介',
  '休',
  '县',
  '有',
  '限',
  '责',
  '任',
  '股',
  '份',
  '公',
  '司',
  '集',
  '团',
  '筹',
  '纸',
  '业',
  '村',
  '镇',
  '路',
  '面',
  '垃',
  '圾',
  'a',
  'B',
  '1',
  'Ａ',
  '２',
  '，',
  '。',
  '（',
  '）',
  '(',
  ')',
  ' ',
  '　',
  '-',
  '、',
  '山西省',
  '晋中市',
  '榆次区',
  '有限公司',
  '股份有限公司',
  '（筹）',
  '集团',
  '公司',
];
const clerkText = fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }).map((xs) => xs.join(''));
const county = fc.constantFrom(undefined, '榆次区', '介休市', '灵石县');

describe('laws', () => {
  it('similarity is symmetric, 1 for the same text, within 0…1', () => {
    fc.assert(
      fc.property(clerkText, clerkText, (a, b) => {
        const s = textSimilarity(a, b);
        expect(textSimilarity(b, a)).toBe(s);
        expect(textSimilarity(a, a)).toBe(1);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('similarity is symmetric and 1 for the same text for any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(textSimilarity(a, b)).toBe(textSimilarity(b, a));
        expect(textSimilarity(a, a)).toBe(1);
      }),
    );
  });
  it('normalising a name twice changes nothing', () => {
    fc.assert(
      fc.property(clerkText, county, (name, c) => {
        const once = normaliseName(name, c);
        expect(normaliseName(once, c)).toBe(once);
      }),
    );
  });
  it('the target key is idempotent: a row renamed to its own normalised name keeps its key', () => {
    fc.assert(
      fc.property(clerkText, county, fc.boolean(), (name, c, withRegistry) => {
        const resolve = withRegistry ? index.resolve : undefined;
        const row = { county: c, targetName: name };
        const key = serviceTargetKey(row, resolve);
        expect(serviceTargetKey({ county: c, targetName: normaliseName(name, c) }, resolve)).toBe(key);
      }),
    );
  });
});
