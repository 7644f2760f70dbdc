// The engine's pure parts: change detection, conflict diff, sheet layout, cell patches, state.
import { problems } from '@taizhang/ledger';
import { CellPatch } from '../../../addin/src/excel/cells';
import { columnLetters } from '@taizhang/ledger';
import { cellAddress } from '../../../addin/src/excel/address';
import { cellOf, diffRows, fingerprint, sameCell, sameValues } from '@taizhang/client';
import { findLayout, rowsOf } from '../../../addin/src/engine/layout';
import { parseState, stateRows, emptyState } from '../../../addin/src/engine/state';
import { nextChunkRows } from '../../../addin/src/engine/scan';
import { DEFAULT_CHUNK_ROWS, READ_CHUNK_BYTES } from '../../../addin/src/engine/options';
import { matrixBytes } from '../../../addin/src/excel/size';
import fc from 'fast-check';

const row = { county: '榆次区', targetType: '入企', targetName: '甲', group: 'g', foundOn: '2022-03-24', staff: 3 };

describe('change detection', () => {
  it('fingerprint ignores key order, sees every value change', () => {
    const shuffled = Object.fromEntries(Object.entries(row).reverse());
    expect(fingerprint(problems, shuffled)).toBe(fingerprint(problems, row));
    expect(fingerprint(problems, { ...row, targetName: '乙' })).not.toBe(fingerprint(problems, row));
    expect(fingerprint(problems, { ...row, remarks: 'x' })).not.toBe(fingerprint(problems, row));
    expect(sameValues(problems, row, shuffled)).toBe(true);
  });
});

describe('conflict diff', () => {
  it('lists only differing fields, in ledger order, with both sides', () => {
    const d = diffRows(problems, { ...row, remarks: '我的' }, { ...row, department: '市发改委', targetName: '乙' });
    expect(d.map((x) => x.field)).toEqual(['targetName', 'department', 'remarks']);
    expect(d[1]).toMatchObject({ header: '责任单位', theirs: '市发改委' });
    expect(d[1]!.mine).toBeUndefined();
    expect(d[2]).toMatchObject({ mine: '我的' });
  });
});

describe('layout', () => {
  it('finds the header below a title, with reordered columns, and appends missing system columns', () => {
    const rows = [
      ['2022年问题清单'],
      ['序号', '服务对象', '县（市、区）', '问题描述', '编号〔系统〕'],
      [1, '甲公司', '榆次', '描述文字很长', 'P-140702-2022-000001'],
      [2, '', '榆次区', '', ''], // pre-filled county only: not a row
    ];
    const l = findLayout(rows, { row: 4, col: 1, rows: 4, cols: 5 }, false, 'problems')!;
    expect(l.headerRow).toBe(6); // worksheet rows as Excel numbers them
    expect(l.fieldCol.get('targetName')).toBe(2);
    expect(l.fieldCol.get('county')).toBe(3);
    expect(l.sysCol._id).toBe(5);
    expect(l.appended).toEqual(['_version', '_sync', '_key', '_hash']);
    expect(l.sysCol._key).toBe(8);
    const data = rowsOf(
      l,
      rows.map((r) => [...r, '', '', '', '']),
      4,
      1,
    );
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ row: 7, id: 'P-140702-2022-000001', raw: { targetName: '甲公司', county: '榆次' } });
  });
});

describe('cells', () => {
  it('a patch becomes one range per run of consecutive rows per column', () => {
    const p = new CellPatch();
    for (const r of [5, 6, 7, 9]) p.set(r, 2, `v${r}`, '@');
    p.set(6, 3, 1, '0');
    expect(p.runs()).toEqual([
      { col: 2, row: 5, values: ['v5', 'v6', 'v7'], formats: ['@', '@', '@'] },
      { col: 2, row: 9, values: ['v9'], formats: ['@'] },
      { col: 3, row: 6, values: [1], formats: ['0'] },
    ]);
  });
  it('cells set out of order, or twice, come out in worksheet order with the last value set', () => {
    const p = new CellPatch();
    p.set(7, 0, 'a7', '@');
    p.set(5, 0, 'a5', '@');
    p.set(6, 0, 'a6', '@');
    p.set(5, 0, 55, '0');
    p.set(9, 0, 'a9', '@');
    p.set(9, 0, 'b9', '@');
    expect(p.runs()).toEqual([
      { col: 0, row: 5, values: [55, 'a6', 'a7'], formats: ['0', '@', '@'] },
      { col: 0, row: 9, values: ['b9'], formats: ['@'] },
    ]);
    p.clear();
    expect(p.runs()).toEqual([]);
  });
  it("dates become serials in the workbook's system; equal cells are not rewritten", () => {
    const foundOn = problems.fields.find((f) => f.key === 'foundOn')!;
    expect(cellOf(foundOn, '2022-03-24', false)).toBe(44644);
    expect(cellOf(foundOn, '2022-03-24', true)).toBe(44644 - 1462);
    expect(sameCell('', '')).toBe(true);
    expect(sameCell(undefined, '')).toBe(true);
    expect(sameCell('2022/3/24', 44644)).toBe(false);
  });
  it('addresses', () => {
    expect(columnLetters(0)).toBe('A');
    expect(columnLetters(26)).toBe('AA');
    expect(cellAddress(1, 27)).toBe('AB2');
  });
});

describe('state', () => {
  it('round-trips meta and marks', () => {
    const st = emptyState();
    st.meta.set('问题清单', { ledger: 'problems', kind: 'pull', cursor: 'c1', table: 'T' });
    st.marks.push({ sheet: '问题清单', key: 'k1', field: 'sector', prevFill: '#FFFF00', digest: 'd' });
    const back = parseState(stateRows(st));
    expect(back.meta.get('问题清单')).toEqual({ ledger: 'problems', kind: 'pull', cursor: 'c1', table: 'T' });
    expect(back.marks).toEqual(st.marks);
  });
  it('a hand-edited row is ignored, not fatal', () => {
    expect(
      parseState([
        ['meta', 'S', '{broken'],
        ['mark', '', 'k', 'f', '', ''],
      ]).meta.size,
    ).toBe(0);
  });
});

describe('read chunk sizing', () => {
  // The rule the scan follows: as many rows as keep the answer under READ_CHUNK_BYTES at this
  // chunk's bytes per row, counted character by character; never more than asked, never under 50.
  const byTheRule = (values: unknown[][], most: number) =>
    Math.max(50, Math.min(most, Math.floor(READ_CHUNK_BYTES / Math.max(1, matrixBytes(values) / Math.max(1, values.length)))));

  it('the next chunk is what counting every character gives, for short, long, ASCII, Chinese and mixed rows', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('榆次区', '企业反映用工紧张，需要协调招聘会', '3f1c9a4e-7b2d-4c1e-9f3a-2b8d6e0c5a71', ''),
      fc.nat({ max: 20_000 }).map((n) => 'x'.repeat(n)),
      fc.nat({ max: 8_000 }).map((n) => '问'.repeat(n)),
    );
    const cell = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 20 }), { maxLength: 300 }),
        fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.constant(DEFAULT_CHUNK_ROWS)),
        (values, most) => nextChunkRows(values, most) === byTheRule(values, most),
      ),
      { numRuns: 300 },
    );
  });

  it('long rows make the next chunk shorter; short ones keep the most', () => {
    const short = Array.from({ length: 2000 }, () => ['榆次区', '入企', '企业反映用工紧张', 44644, '3f1c9a4e-7b2d-4c1e-9f3a-2b8d6e0c5a71']);
    expect(nextChunkRows(short, DEFAULT_CHUNK_ROWS)).toBe(DEFAULT_CHUNK_ROWS);
    const ascii = Array.from({ length: 100 }, () => ['x'.repeat(1500)]);
    expect(nextChunkRows(ascii, DEFAULT_CHUNK_ROWS)).toBe(byTheRule(ascii, DEFAULT_CHUNK_ROWS));
    expect(nextChunkRows(ascii, DEFAULT_CHUNK_ROWS)).toBe(Math.floor(READ_CHUNK_BYTES / (2 + 1503)));
    const chinese = Array.from({ length: 100 }, () => ['问'.repeat(1000)]);
    expect(nextChunkRows(chinese, DEFAULT_CHUNK_ROWS)).toBe(Math.floor(READ_CHUNK_BYTES / (2 + 3003)));
  });
});
