// Which keys the plan writes: a push keys every row it reads without one; a check only the
// rows it marks and the copies, whose copied system cells go (docs/sheet-layout.md#a-check).
import { planPush, sheetColumns, type SheetRow } from '@taizhang/client';
import { findHeader, problems, SYSTEM_COLUMNS } from '@taizhang/ledger';
import { problemValues } from '../../support/addinRows';

const header = [...problems.fields.map((f) => f.header), ...SYSTEM_COLUMNS.map((c) => c.header)];
const cols = sheetColumns(findHeader([header], problems)!, { firstRow: 1, firstCol: 0, endCol: header.length, date1904: false });
const STORED = 'aaaaaaaa-0000-4000-8000-000000000001';

function row(n: number, o: Partial<SheetRow> & { values?: Record<string, unknown> } = {}): SheetRow {
  const raw = Object.fromEntries(Object.entries(o.values ?? problemValues()).filter(([, v]) => v !== undefined && v !== ''));
  return { row: n, raw, key: o.key ?? '', id: o.id ?? '', version: o.version, sync: o.sync ?? '', hash: o.hash ?? '' };
}

const rows = [
  row(2), // new, valid
  row(3, { values: problemValues({ sector: '工业' }) }), // new, invalid
  row(4, { key: STORED, id: 'P-140702-2022-000001', version: 2, sync: '已同步', hash: 'h' }), // stored
  row(5, { key: STORED, id: 'P-140702-2022-000001', version: 2, sync: '有错误', hash: 'h' }), // its copy, pasted with its state
  row(6, { key: 'not a key!' }), // a key the server would refuse, valid
];

let n = 0;
const newKey = () => `bbbbbbbb-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const written = (plan: ReturnType<typeof planPush>, at: number) =>
  Object.fromEntries(
    plan.writes
      .filter((w) => w.row === at && w.col >= cols.sysCol._id)
      .map((w) => [SYSTEM_COLUMNS.find((c) => cols.sysCol[c.key as '_id'] === w.col)!.key, w.value]),
  );

describe('row keys in the plan', () => {
  it('a push keys every row without a usable key, and a copy, clearing what it copied', () => {
    const plan = planPush(cols, rows, { today: '2022-05-10', newKey });
    expect(plan.newKeys).toBe(4);
    expect(plan.copies).toBe(1);
    for (const at of [2, 3, 6]) expect(written(plan, at)._key).toMatch(/^bbbbbbbb-/);
    expect(written(plan, 4)).toEqual({});
    expect(written(plan, 5)).toMatchObject({ _key: expect.stringMatching(/^bbbbbbbb-/), _id: '', _version: '', _hash: '' });
  });

  it('a check keys the row it marks and the copy, never a valid new row', () => {
    const plan = planPush(cols, rows, { today: '2022-05-10', newKey, keyEveryRow: false });
    expect(plan.newKeys).toBe(2);
    expect(written(plan, 2)).toEqual({});
    expect(written(plan, 6)).toEqual({});
    expect(written(plan, 3)).toEqual({ _key: expect.stringMatching(/^bbbbbbbb-/), _sync: '有错误' });
    // The copy's copied state goes with its id: it is a new, valid row.
    expect(written(plan, 5)).toEqual({ _key: expect.stringMatching(/^bbbbbbbb-/), _id: '', _version: '', _sync: '', _hash: '' });
    // Every row still has a key in the plan: the marks and the pane name rows by it.
    expect(plan.outgoing.map((o) => [o.row, o.key !== ''])).toEqual([
      [2, true],
      [4, true],
      [5, true],
      [6, true],
    ]);
  });
});
