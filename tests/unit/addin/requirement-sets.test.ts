// Every Office.js member the Excel layer uses exists in the manifest's minimum ExcelApi set or
// is guarded by a requirement-set check (the host then falls back). The sets come from the
// `[Api set: ExcelApi 1.x]` annotations of @types/office-js.

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { MINIMUM_EXCEL_API } from '../../../addin/src/excel/host';
import { hostTooOldText, missingSets } from '../../../addin/src/pane/requirements';
import { compareVersions, excelMemberUses, manifestMinimum, unguarded, type MemberUse } from '../../support/requirementSets';

const ROOT = path.resolve(__dirname, '../../..');
const EXCEL_DIR = path.join(ROOT, 'addin/src/excel');
const FIXTURE = path.join(__dirname, 'fixtures/requirement-sets.fixture.ts');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const minimum = manifestMinimum(path.join(ROOT, 'manifest.xml'));
let uses: MemberUse[] = [];

beforeAll(() => {
  uses = excelMemberUses([...tsFiles(EXCEL_DIR), FIXTURE], ROOT);
}, 120_000);

const show = (u: MemberUse) => `${u.file}:${u.line} ${u.member} needs ExcelApi ${u.set}${u.guard ? `, guarded only by ${u.guard}` : ', unguarded'}`;

test('the manifest declares ExcelApi 1.7 on purpose (Office 2019 stops there)', () => {
  expect(minimum).toBe('1.7');
});

test('the analysis tells guarded from unguarded members (fixture)', () => {
  const found = unguarded(
    uses.filter((u) => u.file.includes('fixtures')),
    minimum,
  ).map((u) => `${u.member}@${u.line}`);
  expect(found.sort()).toEqual(['?.use1904DateSystem@23', 'Range.dataValidation@6', 'Table.resize@15'].sort());
  const guarded = uses.filter((u) => u.file.includes('fixtures') && u.guard).map((u) => u.member);
  expect(guarded).toEqual(expect.arrayContaining(['Range.dataValidation', 'Table.resize']));
});

test('the Excel layer sees Office.js members at all (the analysis resolves the types)', () => {
  const inLayer = uses.filter((u) => u.file.startsWith('addin'));
  expect(inLayer.length).toBeGreaterThan(30);
  expect(inLayer.map((u) => u.member)).toEqual(expect.arrayContaining(['Worksheet.getRangeByIndexes', 'Range.values']));
});

test(`every member of addin/src/excel above ExcelApi ${minimum} is guarded`, () => {
  const bad = unguarded(
    uses.filter((u) => u.file.startsWith('addin')),
    minimum,
  ).map(show);
  expect(bad).toEqual([]);
});

test('the manifest and the Excel layer name the same minimum', () => {
  expect(minimum).toBe(MINIMUM_EXCEL_API);
});

describe('start-up check of the host', () => {
  const upTo = (max: string) => (name: string, version: string) => name === 'ExcelApi' && compareVersions(version, max) <= 0;

  it('a host at the minimum or newer runs the pane', () => {
    expect(missingSets(upTo('1.7'))).toEqual([]);
    expect(missingSets(upTo('1.17'))).toEqual([]);
  });

  it('an older host, or one that cannot even answer, is told in both languages what is missing and where else to work', () => {
    for (const isSetSupported of [
      upTo('1.6'),
      undefined,
      () => {
        throw new Error('no requirements API');
      },
    ]) {
      const missing = missingSets(isSetSupported);
      expect(missing).toEqual(['ExcelApi 1.7']);
      const text = hostTooOldText(missing).join('\n');
      expect(text).toContain('缺少 ExcelApi 1.7');
      expect(text).toContain('lacks ExcelApi 1.7');
      expect(text).toMatch(/Office 2019/);
      expect(text).toContain('网页版 Excel');
      expect(text).toContain('Excel on the web');
      expect(text).toContain('taizhang check / push / pull');
    }
  });
});
