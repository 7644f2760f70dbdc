// Spreadsheet safety (issue #7): every add-in flow that writes server data into a sheet —
// pull, summary, notice — keeps text that looks like a formula (=, +, -, @, a leading tab, CR
// or LF, an apostrophe) exactly as text. The server data here holds such strings in every
// text field, in county, department and group names (so also in the statistics' keys and the
// notice's rankings), and the Excel simulator converts values as Excel does.
import { problems, type CanonicalRow, type SupervisedRow } from '@taizhang/ledger';
import { createApiClient } from '@taizhang/client';
import type { Profile } from '@taizhang/client';
import { noticeSheets } from '../../../addin/src/engine/notice';
import { pull } from '../../../addin/src/engine/pull';
import { summary } from '../../../addin/src/engine/summary';
import { cellAddress } from '../../../addin/src/excel/address';
import { createSimulatedExcel, type SimulatedExcel } from '@taizhang/excel-simulator';
import { problemValues } from '../../support/addinRows';
import { fakeServer, type NoticeSource } from '../../support/fakeApi';
import { FORMULA_LIKE } from '../../support/formulaLike';
import { recordFigures } from '../../support/stress';
import { ACTIVITY, AS_OF, GROUPS, ROWS } from '../supervision/dataset';

const noSleep = async () => {};
const coordinator: Profile = { uid: 'c1', email: 'coord@city.test', role: 'coordinator' };
const evil = (i: number): string => FORMULA_LIKE[i % FORMULA_LIKE.length]!;
/** Fields of the problem list holding free or enumerated text (dates and counts aside). */
const TEXT_FIELDS = problems.fields.filter((f) => f.type.kind !== 'date' && f.type.kind !== 'int');

/** Every non-empty cell of every sheet: how many, which hold a formula, and their values. */
function scan(excel: SimulatedExcel): { cells: number; formulas: string[]; values: Set<unknown> } {
  let cells = 0;
  const formulas: string[] = [];
  const values = new Set<unknown>();
  for (const name of excel.sheetNames()) {
    const sh = excel.sheet(name);
    const used = sh.usedAddress();
    if (!used) continue;
    const [from, to = from] = used.replace(/^.*!/, '').replace(/\$/g, '').split(':') as [string, string?];
    const pos = (a: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return { row: Number(m[2]) - 1, col };
    };
    const a = pos(from);
    const b = pos(to!);
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.col; c <= b.col; c++) {
        const cell = sh.cell(cellAddress(r, c));
        if (cell.value === '' && cell.formula === null) continue;
        cells++;
        values.add(cell.value);
        if (cell.formula !== null) formulas.push(`${name}!${cellAddress(r, c)} ${cell.formula}`);
      }
    }
  }
  return { cells, formulas, values };
}

describe('server text that looks like a formula stays exact text', () => {
  const excel = createSimulatedExcel();
  const noticeSource: NoticeSource = {
    rows: [
      ...ROWS,
      ...FORMULA_LIKE.map(
        (s, i): SupervisedRow => ({
          id: `P-X-${i}`,
          updatedOn: '2022-05-01',
          values: {
            county: s,
            group: evil(i + 1),
            level: '提交市级',
            department: evil(i + 2),
            status: '办理中',
            deadline: '2022-05-01',
            sector: evil(i + 3),
            category: evil(i + 4),
            targetName: evil(i + 5),
            foundOn: '2022-03-01',
          },
        }),
      ),
    ],
    groups: [
      ...GROUPS,
      ...FORMULA_LIKE.map((s, i) => ({ id: `X-${i}`, name: s, county: evil(i + 1), targetType: '入企' as const, department: evil(i + 2), active: true })),
    ],
    activity: ACTIVITY,
  };
  const server = fakeServer({ today: '2024-06-01', profile: coordinator, noticeSource });
  const api = createApiClient(server.transport, { retry: { sleep: noSleep } });
  const stored: { id: string; values: CanonicalRow }[] = [];

  beforeAll(async () => {
    // Valid rows stored through the API, then "changed by another client" into anything at all.
    const results = await api.pushRows(
      'problems',
      FORMULA_LIKE.map((_, i) => ({ key: `k-${i}`, values: problemValues({ targetName: `对象${i}` }) })),
    );
    results.forEach((r, i) => {
      if (r.status !== 'created') throw new Error(`not created: ${JSON.stringify(r)}`);
      const values: Record<string, string> = {};
      TEXT_FIELDS.forEach((f, j) => {
        values[f.key] = evil(i + j);
      });
      // Open and overdue, so that the coordinator's summary lists them too.
      values.status = '办理中';
      // A date column holding text (no date at all): written as text, not as a date or formula.
      if (i === 0) values.resolvedOn = '=TODAY()';
      server.edit('problems', r.id, values);
      stored.push({ id: r.id, values: { ...server.rows('problems').find((x) => x.id === r.id)!.values } });
    });
  });

  it('pull: every field of every row exactly as stored, no formula anywhere', async () => {
    const p = await pull(excel, api, { ledger: 'problems', profile: coordinator, today: '2024-06-01' });
    expect(p.rows).toBe(FORMULA_LIKE.length);
    const sh = excel.sheet(p.sheet);
    const idCol = problems.fields.length;
    for (let r = 1; r <= stored.length; r++) {
      const id = sh.cell(cellAddress(r, idCol)).value;
      const s = stored.find((x) => x.id === id)!;
      for (const f of TEXT_FIELDS) {
        const cell = sh.cell(cellAddress(r, problems.fields.indexOf(f)));
        expect({ id, field: f.key, value: cell.value, formula: cell.formula }).toEqual({ id, field: f.key, value: s.values[f.key], formula: null });
      }
    }
    const resolvedOn = sh.cell(
      cellAddress(
        1 + stored.findIndex((s) => s.values.resolvedOn === '=TODAY()'),
        problems.fields.findIndex((f) => f.key === 'resolvedOn'),
      ),
    );
    expect([resolvedOn.value, resolvedOn.formula]).toEqual(['=TODAY()', null]);
  });

  it('summary: county and department names as statistics keys, and the overdue list', async () => {
    const byCounty = await summary(excel, api, { ledger: 'problems', groupBy: 'county', profile: coordinator, asOf: '2024-06-01' });
    const byDept = await summary(excel, api, { ledger: 'problems', groupBy: 'department', profile: coordinator, asOf: '2024-06-01' });
    expect(byCounty.overdue).toBe(FORMULA_LIKE.length);
    for (const s of [byCounty.sheet, byDept.sheet]) {
      const keys = excel
        .sheet(s)
        .values(`A4:A${3 + FORMULA_LIKE.length}`)
        .map((r) => r[0]);
      expect(new Set(keys)).toEqual(new Set(FORMULA_LIKE));
    }
  });

  it('notice: county, department, group and target names in every ranking and list', async () => {
    const r = await noticeSheets(excel, api, { date: AS_OF, profile: coordinator });
    const { values } = scan(excel);
    for (const s of FORMULA_LIKE) expect(values.has(s)).toBe(true);
    expect(r.overdue).toBeGreaterThan(FORMULA_LIKE.length);
  });

  it('no cell of any sheet became a formula', () => {
    const { cells, formulas, values } = scan(excel);
    expect(formulas).toEqual([]);
    recordFigures('spreadsheet-safety', {
      'formula-like strings': FORMULA_LIKE.length,
      'sheets written': excel.sheetNames().length,
      'cells written': cells,
      'formula-like strings found exact': FORMULA_LIKE.filter((s) => values.has(s)).length,
      'formulas created': formulas.length,
    });
  });
});
