// A row against the registries (ledger/src/registry.ts) and a registry's import sheet
// (ledger/src/targetSheet.ts): what is filled in for the clerk (never over a typed cell), where
// a row disagrees with the registry (a warning), and which sheet rows are taken or refused.
import { fillFromRegistry, getLedger, parseTargetSheet, registryWarnings, targetIndex, type EnterpriseRecord, type VillageRecord } from '@taizhang/ledger';

const QIANGWEI: EnterpriseRecord = {
  creditCode: '91140700MA0K12345X',
  name: '山西强伟纸业有限公司',
  aliases: ['强伟纸业'],
  county: '榆次区',
  township: '修文镇',
  active: true,
};
const LIANAN: EnterpriseRecord = {
  creditCode: '91140702MA0J77777T',
  name: '联安矿用设备有限公司',
  aliases: [],
  county: '榆次区',
  township: '修文镇',
  active: true,
};
const CLOSED: EnterpriseRecord = { creditCode: '91140781MA0H88888E', name: '晋中交通建设有限公司', aliases: [], county: '介休市', active: false };
const LIANGDU: VillageRecord = { id: '140729100201', county: '灵石县', township: '两渡镇', name: '两渡村', code: '140729100201', active: true };
const NANZHUANG: VillageRecord = { id: '140781104201', county: '介休市', township: '龙凤镇', name: '南庄村', code: '140781104201', active: true };
const index = targetIndex([QIANGWEI, LIANAN, CLOSED], [LIANGDU, NANZHUANG]);
const problems = getLedger('problems');

describe('fillFromRegistry', () => {
  it('by name or other name: the credit code, township and county of the one entry', () => {
    expect(fillFromRegistry({ targetType: '入企', targetName: '强伟纸业' }, index)).toEqual({
      creditCode: QIANGWEI.creditCode,
      township: '修文镇',
      county: '榆次区',
    });
    expect(fillFromRegistry({ targetName: '山西强伟纸业有限公司', county: '榆次' }, index)).toEqual({ creditCode: QIANGWEI.creditCode, township: '修文镇' });
  });
  it('by credit code, whatever the name; a village by its name', () => {
    expect(fillFromRegistry({ targetType: '入企', targetName: '联安', creditCode: LIANAN.creditCode }, index)).toEqual({
      township: '修文镇',
      county: '榆次区',
    });
    expect(fillFromRegistry({ targetType: '进村', targetName: '两渡村' }, index)).toEqual({ township: '两渡镇', county: '灵石县' });
  });
  it('never over a typed cell, nothing for an unknown, inactive or other-county entry or an unreadable county', () => {
    expect(fillFromRegistry({ targetType: '入企', targetName: '强伟纸业', township: '东阳镇', county: '榆次区' }, index)).toEqual({
      creditCode: QIANGWEI.creditCode,
    });
    expect(fillFromRegistry({ targetType: '入企', targetName: '不在名录的企业' }, index)).toEqual({});
    expect(fillFromRegistry({ targetType: '入企', targetName: 'x', creditCode: CLOSED.creditCode }, index)).toEqual({});
    expect(fillFromRegistry({ targetType: '入企', targetName: '强伟纸业', county: '介休市' }, index)).toEqual({});
    expect(fillFromRegistry({ targetType: '入企', targetName: '强伟纸业', county: '火星区' }, index)).toEqual({});
    expect(fillFromRegistry({ targetType: '入企', targetName: '两渡村' }, index)).toEqual({});
  });
});

describe('registryWarnings', () => {
  it('a credit code the registry gives to another enterprise', () => {
    const w = registryWarnings(problems, { county: '榆次区', targetType: '入企', targetName: '某某食品有限公司', creditCode: QIANGWEI.creditCode }, index);
    expect(w.map((x) => [x.field, x.code, x.header])).toEqual([['creditCode', 'registry', '统一社会信用代码']]);
    expect(w[0]!.zh).toContain('山西强伟纸业有限公司');
    expect(w[0]!.en).toContain('please check the code or the name');
  });
  it('a village under a township the registry does not have it in', () => {
    const w = registryWarnings(problems, { county: '灵石县', targetType: '进村', targetName: '两渡村', township: '翠峰镇' }, index);
    expect(w.map((x) => x.field)).toEqual(['township']);
    expect(w[0]!.message).toContain('两渡镇');
  });
  it('none when the row agrees, by name or other name, or names what the registry does not know', () => {
    expect(registryWarnings(problems, { county: '榆次区', targetType: '入企', targetName: '强伟纸业', creditCode: QIANGWEI.creditCode }, index)).toEqual([]);
    expect(registryWarnings(problems, { county: '灵石县', targetType: '进村', targetName: '两渡村', township: '两渡镇' }, index)).toEqual([]);
    expect(registryWarnings(problems, { county: '榆次区', targetType: '入企', targetName: '新办企业', creditCode: '91140702MA0J00000X' }, index)).toEqual([]);
  });
});

describe('parseTargetSheet', () => {
  it('finds the header under a title, takes good rows, refuses bad ones with their row numbers', () => {
    const sheet = parseTargetSheet('enterprises', [
      ['晋中市企业名录'],
      ['序号', '统一社会信用代码', '企业名称', '县(区、市)', '乡镇（街道）'],
      [1, QIANGWEI.creditCode, QIANGWEI.name, '榆次', '修文镇'],
      [],
      [2, '91140781MA0H88888F', '错码企业有限公司', '介休市', ''],
      [3, QIANGWEI.creditCode, '重复的强伟', '榆次区', ''],
    ]);
    expect(sheet.headerRow).toBe(2);
    expect(sheet.records.map((r) => [r.row, r.record.county])).toEqual([[3, '榆次区']]);
    expect(sheet.errors.map((e) => e.row)).toEqual([5, 6]);
    expect(sheet.errors[0]!.zh).toContain('校验位不对');
  });
  it('a header without a required column: one error naming it; no header: no records', () => {
    const missing = parseTargetSheet('villages', [['县（区、市）', '乡镇（街道）', '备注']]);
    expect(missing.records).toEqual([]);
    expect(missing.errors[0]!.zh).toContain('行政村');
    expect(
      parseTargetSheet('villages', [
        ['a', 'b'],
        [1, 2],
      ]).records,
    ).toEqual([]);
  });
  it('villages by division code or county-township-name', () => {
    const sheet = parseTargetSheet('villages', [
      ['县（区、市）', '乡镇（街道）', '行政村', '区划代码'],
      ['灵石县', '两渡镇', '两渡村', ''],
      ['介休市', '龙凤镇', '南庄村', '140781104201'],
    ]);
    expect(sheet.records.map((r) => (r.record as VillageRecord).id)).toEqual(['灵石县-两渡镇-两渡村', '140781104201']);
  });
});
