// The engine's flows against the Excel simulator with a fake API (tests/support/fakeApi.ts):
// what the sheet looks like after each step, and how many syncs each step costs. The whole
// suite runs on a host at the manifest's minimum requirement set and on the newest one.
import { problems, visits } from '@taizhang/ledger';
import { createApiClient } from '@taizhang/client';
import { check } from '../../../addin/src/engine/check';
import { excelRunHost } from '../../../addin/src/excel/host';
import { resolveConflicts } from '../../../addin/src/engine/conflicts';
import { createLedgerSheet } from '../../../addin/src/engine/createSheet';
import { pull } from '../../../addin/src/engine/pull';
import { push } from '../../../addin/src/engine/push';
import { summary } from '../../../addin/src/engine/summary';
import { createSimulatedExcel } from '@taizhang/excel-simulator';
import { compareVersions } from '../../support/requirementSets';
import { colOf, problemRow, rowsRange, visitRow } from '../../support/addinRows';
import { fakeServer } from '../../support/fakeApi';

const TODAY = '2024-06-01';
const noSleep = async () => {};

/** The manifest's minimum (Office 2019) and the newest set the simulator offers. */
const API_VERSIONS = ['1.7', '1.17'];

function baseSetup(o: { date1904?: boolean; apiVersion?: string } = {}) {
  const excel = createSimulatedExcel(o);
  const server = fakeServer({ today: TODAY });
  const api = createApiClient(server.transport, { retry: { sleep: noSleep } });
  const opts = { today: TODAY, profile: server.profile };
  return { excel, server, api, opts };
}

const P = (k: string) => colOf(problems, k);

describe.each(API_VERSIONS)('on a host with ExcelApi %s', (apiVersion) => {
  const setup = (o: { date1904?: boolean } = {}) => baseSetup({ apiVersion, ...o });
  /** Whether this host has a requirement set (dropdowns 1.8, comments 1.10). */
  const has = (version: string) => compareVersions(apiVersion, version) >= 0;

  describe('createLedgerSheet', () => {
    it('lays out headers, formats, dropdowns from a hidden sheet, frozen header, grey system columns, pre-filled county/group', async () => {
      const { excel, opts } = setup();
      const made = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(made.sheet);
      expect(sh.values('A1:AA1')[0]).toEqual([
        ...problems.fields.map((f) => f.header),
        '编号〔系统〕',
        '版本〔系统〕',
        '同步状态〔系统〕',
        '行标识〔系统〕',
        '指纹〔系统〕',
      ]);
      expect(sh.frozenRows).toBe(1);
      expect(sh.cell(`${P('_id')}1`).fill).toBe('#D9D9D9');
      expect(sh.cell(`${P('phone')}2`).numberFormat).toBe('@');
      expect(sh.cell(`${P('foundOn')}2`).numberFormat).toBe('yyyy-mm-dd');
      const dv = sh.cell(`${P('sector')}2`).dataValidation;
      if (has('1.8')) expect(dv?.source).toMatch(/^='TZ_Lists'!\$[A-Z]+\$1:\$[A-Z]+\$7$/);
      else expect(dv).toBeNull(); // no dropdowns before ExcelApi 1.8; the check still judges the values
      expect(excel.sheet('TZ_Lists').visibility).toBe('VeryHidden');
      expect(excel.sheet('TZ_State').visibility).toBe('VeryHidden');
      for (const f of problems.fields) if (f.type.kind === 'enum' && has('1.8')) expect(sh.cell(`${P(f.key)}2`).dataValidation).not.toBeNull();
      expect(sh.cell('A2').value).toBe('榆次区');
      expect(sh.cell(`${P('group')}2`).value).toBe('榆次区入企服务第1组');
      expect(excel.tableNames()).toContain(made.table);
      expect(made.stats.syncs).toBeLessThanOrEqual(3);
      // A second one gets its own name.
      expect((await createLedgerSheet(excel, 'visits', opts)).sheet).toBe('走访台账');
      expect((await createLedgerSheet(excel, 'problems', opts)).sheet).toBe('问题清单(2)');
    });
  });

  describe('check', () => {
    it('a pasted sheet with merged cells among its rows: told which cells, nothing written, where the host can see merges (ExcelApi 1.13)', async () => {
      const { excel, opts } = setup();
      // A sheet pasted from a paper-era ledger, not a table: Excel merges no cells inside a table.
      const sheet = 'Sheet1';
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 1, 1), [problems.fields.map((f) => f.header)]);
      sh.type(rowsRange(problems, 2, 4), [problemRow({ township: '东阳镇' }), problemRow({ township: '东阳镇' }), problemRow({ township: '东阳镇' })]);
      // The clerk merged one 乡镇 cell over three rows, as paper ledgers do.
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem(sheet)
          .getRange(`${P('township')}2:${P('township')}4`)
          .merge();
        await ctx.sync();
      });
      const keysBefore = sh.values(`${P('_key')}2:${P('_key')}4`);
      if (has('1.13')) {
        const err = await check(excel, { ...opts, sheet }).catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'merged_cells' });
        expect((err as Error).message).toContain(`${P('township')}2:${P('township')}4`);
        expect((err as { zh: string }).zh).toContain('合并');
        expect((err as { en: string }).en).toContain('merged');
        expect(sh.values(`${P('_key')}2:${P('_key')}4`)).toEqual(keysBefore);
        expect(excel.comments()).toHaveLength(0);
      } else {
        // An older host cannot tell a merged cell from an empty one: the rows below the first read empty.
        const r = await check(excel, { ...opts, sheet });
        expect(r.rows).toBe(3);
      }
    });

    it('a merged title above the header is no obstacle', async () => {
      const { excel, opts } = setup();
      const sheet = 'Sheet1';
      const sh = excel.sheet(sheet);
      sh.type('A1', [['榆次区问题清单']]);
      sh.type(rowsRange(problems, 2, 2), [problems.fields.map((f) => f.header)]);
      sh.type(rowsRange(problems, 3, 3), [problemRow({})]);
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheet).getRange('A1:F1').merge();
        await ctx.sync();
      });
      const r = await check(excel, { ...opts, sheet });
      expect(r.rows).toBe(1);
      expect(r.invalid).toBe(0);
    });

    it("marks invalid cells with a bilingual comment, restores the clerk's own fill when fixed, leaves valid rows alone", async () => {
      const { excel, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 4), [
        problemRow({ county: '榆次', foundOn: '2022/3/24' }),
        problemRow({ sector: '工业', description: '短' }),
        problemRow({ phone: '１３９ １２３４ ５６７８' }),
      ]);
      // The clerk had coloured a cell yellow before.
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(sheet).getRange(`${P('sector')}3`).format.fill.color = '#FFFF00';
        await ctx.sync();
      });
      const r = await check(excel, { ...opts, sheet });
      expect(r.rows).toBe(3);
      expect(r.valid).toBe(2);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.row).toBe(3);
      expect(r.errors[0]!.errors.map((e) => e.address)).toEqual([`${P('sector')}3`, `${P('description')}3`]);
      expect(sh.cell(`${P('sector')}3`).fill).toBe('#FFC7CE');
      if (has('1.10')) {
        expect(sh.cell(`${P('sector')}3`).comment).toContain('不是可选项');
        expect(sh.cell(`${P('sector')}3`).comment).toContain('is not an option');
      } else {
        expect(sh.cell(`${P('sector')}3`).comment).toBeNull(); // no comments before ExcelApi 1.10: the pane's list is the message
        expect(r.errors[0]!.errors[0]!.zh).toContain('不是可选项');
      }
      expect(sh.cell(`${P('_sync')}3`).value).toBe('有错误');
      // Valid rows: no fill, no comment, sync state untouched (empty).
      expect(sh.cell('A2').fill).toBeNull();
      expect(sh.cell(`${P('_sync')}2`).value).toBe('');
      // A check keys the row it marks (its marks are kept by key) and writes nothing into valid new rows.
      expect(sh.cell(`${P('_key')}3`).value).toMatch(/^[0-9a-f-]{36}$/);
      expect(sh.cell(`${P('_key')}2`).value).toBe('');
      expect(sh.cell(`${P('_key')}4`).value).toBe('');
      expect(r.newKeys).toBe(1);
      expect(r.stats.syncs).toBeLessThanOrEqual(3 + 1);

      // Fix the cells and check again: the marks go, the yellow comes back.
      sh.type(`${P('sector')}3`, [['农业']]);
      sh.type(`${P('description')}3`, [['问题描述已经补充完整']]);
      const r2 = await check(excel, { ...opts, sheet });
      expect(r2.errors).toHaveLength(0);
      expect(r2.cleared).toBe(2);
      expect(sh.cell(`${P('sector')}3`).fill).toBe('#FFFF00');
      expect(sh.cell(`${P('description')}3`).fill).toBeNull();
      expect(excel.comments()).toHaveLength(0);
      expect(sh.cell(`${P('_sync')}3`).value).toBe('');
    });

    it("while the clerk is typing in a cell: the pane's host waits (delayForCellEdit) and then checks; a host without the option fails, nothing lost", async () => {
      const { excel, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      excel.sheet(sheet).type(rowsRange(problems, 2, 3), [problemRow(), problemRow({ sector: '工业' })]);
      excel.startCellEdit();
      await expect(check(excel, { ...opts, sheet })).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
      expect(excel.sheet(sheet).cell(`${P('sector')}3`).fill).toBeNull();
      const pane = excelRunHost(excel.run, excel.isSetSupported);
      let done = false;
      const checking = check(pane, { ...opts, sheet }).then((r) => {
        done = true;
        return r;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(done).toBe(false);
      excel.endCellEdit();
      const r = await checking;
      expect(r.invalid).toBe(1);
      expect(excel.sheet(sheet).cell(`${P('sector')}3`).fill).toBe('#FFC7CE');
    });

    it('sync count stays ≤ 3 + ceil(N / chunk) for 5000 rows', async () => {
      const { excel, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const rows = Array.from({ length: 5000 }, (_, i) => problemRow({ targetName: `企业${i}`, sector: i % 100 === 0 ? '工业' : '农业' }));
      excel.sheet(sheet).type(rowsRange(problems, 2, 5001), rows);
      const r = await check(excel, { ...opts, sheet, chunkRows: 1000 });
      expect(r.errors).toHaveLength(50);
      expect(r.stats.syncs).toBeLessThanOrEqual(3 + Math.ceil(5001 / 1000));
      expect(excel.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    });
  });

  describe('push', () => {
    it('sends new rows, writes back ids, versions, canonical values; unchanged rows are not sent again', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 4), [
        problemRow({ county: '榆次', foundOn: '2022/3/24', phone: '139 1234 5678' }),
        problemRow({ targetName: '第二家' }),
        problemRow({ sector: '工业' }),
      ]);
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.counts).toEqual({ created: 2 });
      expect(r.invalid).toHaveLength(1);
      expect(sh.cell('A2').value).toBe('榆次区');
      expect(sh.cell(`${P('phone')}2`).value).toBe('13912345678');
      expect(sh.cell(`${P('phone')}2`).numberFormat).toBe('@');
      expect(sh.cell(`${P('foundOn')}2`).text).toBe('2022-03-24');
      expect(sh.cell(`${P('_id')}2`).value).toMatch(/^P-140702-2022-\d{6}$/);
      expect(sh.cell(`${P('_version')}2`).value).toBe(1);
      expect(sh.cell(`${P('_sync')}2`).value).toBe('已同步');
      expect(sh.cell(`${P('_sync')}4`).value).toBe('有错误');

      // Sort the table, insert rows, edit one: only the edited row is sent.
      excel.sortTable(made(excel), '服务对象', false);
      sh.insertRows(2, 2);
      const row = findRow(sh, P('targetName'), '第二家');
      sh.type(`${P('status')}${row}`, [['已解决']]);
      sh.type(`${P('resolution')}${row}`, [['已协调解决']]);
      sh.type(`${P('resolvedOn')}${row}`, [['2022-04-01']]);
      server.calls.length = 0;
      const r2 = await push(excel, api, { ...opts, sheet });
      expect(r2.toSend).toBe(1);
      expect(r2.counts).toEqual({ updated: 1 });
      expect(server.calls.filter((c) => c.name === 'pushRows').flatMap((c) => c.data.rows)).toHaveLength(1);
      expect(sh.cell(`${P('_version')}${row}`).value).toBe(2);
      expect(server.rows('problems')).toHaveLength(2);
    });

    it('a copied row becomes a new row (new key, id cleared)', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 2), [problemRow()]);
      await push(excel, api, { ...opts, sheet });
      // Copy row 2 (all columns, system ones included) to row 3.
      sh.type(`A3:${P('_hash')}3`, sh.values(`A2:${P('_hash')}2`));
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.counts).toEqual({ created: 1 });
      expect(sh.cell(`${P('_key')}3`).value).not.toBe(sh.cell(`${P('_key')}2`).value);
      expect(sh.cell(`${P('_id')}3`).value).not.toBe(sh.cell(`${P('_id')}2`).value);
      expect(server.rows('problems')).toHaveLength(2);
    });

    it("a check gives a copied row its own key and clears the copied id, version, state and fingerprint; the original's stay", async () => {
      const { excel, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 2), [problemRow()]);
      await push(excel, api, { ...opts, sheet });
      const original = sh.values(`A2:${P('_hash')}2`);
      sh.type(`A3:${P('_hash')}3`, original);
      const r = await check(excel, { ...opts, sheet });
      expect(r).toMatchObject({ copies: 1, newKeys: 1, toPush: 1 });
      expect(sh.values(`A2:${P('_hash')}2`)).toEqual(original);
      expect(sh.cell(`${P('_key')}3`).value).toMatch(/^[0-9a-f-]{36}$/);
      expect(sh.cell(`${P('_key')}3`).value).not.toBe(sh.cell(`${P('_key')}2`).value);
      for (const k of ['_id', '_version', '_sync', '_hash'] as const) expect(sh.cell(`${P(k)}3`).value).toBe('');
    });

    it('cancelled halfway, then pushed again: nothing duplicated, nothing lost', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const N = 1300;
      excel.sheet(sheet).type(
        rowsRange(problems, 2, N + 1),
        Array.from({ length: N }, (_, i) => problemRow({ targetName: `企业${i}` })),
      );
      const ac = new AbortController();
      const r1 = await push(excel, api, {
        ...opts,
        sheet,
        signal: ac.signal,
        onProgress: (done, _t, phase) => {
          if (phase === 'push' && done >= 500) ac.abort();
        },
      });
      expect(r1.cancelled).toBe(true);
      expect(r1.sent).toBe(500);
      // The answer to the next call is lost after the server stored it.
      server.failNext(5, 'UNAVAILABLE', true);
      const r2 = await push(excel, api, { ...opts, sheet });
      expect(r2.error?.status).toBe('UNAVAILABLE');
      const r3 = await push(excel, api, { ...opts, sheet });
      expect(r3.error).toBeUndefined();
      expect(server.rows('problems')).toHaveLength(N);
      const ids = excel
        .sheet(sheet)
        .values(`${P('_id')}2:${P('_id')}${N + 1}`)
        .map((x) => x[0]);
      expect(new Set(ids).size).toBe(N);
      const r4 = await push(excel, api, { ...opts, sheet });
      expect(r4.toSend).toBe(0);
    });

    it('push syncs ≤ 3 + ceil(N / 500) for 3000 rows, every request under 5 MB', async () => {
      const { excel, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const N = 3000;
      excel.sheet(sheet).type(
        rowsRange(problems, 2, N + 1),
        Array.from({ length: N }, (_, i) => problemRow({ targetName: `企业${i}` })),
      );
      excel.resetStats();
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.counts.created).toBe(N);
      expect(r.stats.syncs).toBeLessThanOrEqual(3 + Math.ceil(N / 500));
      expect(excel.stats.largestRequestBytes).toBeLessThan(5 * 1024 * 1024);
    });
  });

  describe('conflicts', () => {
    it('reports per-field differences; takeTheirs, keepMine and later each do what they say', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 4), [problemRow({ targetName: 'A' }), problemRow({ targetName: 'B' }), problemRow({ targetName: 'C' })]);
      await push(excel, api, { ...opts, sheet });
      const ids = [2, 3, 4].map((r) => String(sh.cell(`${P('_id')}${r}`).value));
      for (const id of ids) server.edit('problems', id, { department: '市发改委' });
      for (const r of [2, 3, 4]) sh.type(`${P('remarks')}${r}`, [['我的备注']]);
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.conflicts).toHaveLength(3);
      expect(r.conflicts[0]!.diff.map((d) => d.field)).toEqual(['department', 'remarks']);
      expect(sh.cell(`${P('_sync')}2`).value).toBe('冲突（台账中为第 2 版）');
      const [a, b, c] = r.conflicts;
      const res = await resolveConflicts(excel, api, {
        ...opts,
        sheet,
        decisions: [
          { conflict: a!, choice: 'takeTheirs' },
          { conflict: b!, choice: 'keepMine' },
          { conflict: c!, choice: 'later' },
        ],
      });
      expect(res).toMatchObject({ taken: 1, kept: 1, later: 1 });
      // takeTheirs: server values and version on the sheet.
      expect(sh.cell(`${P('department')}2`).value).toBe('市发改委');
      expect(sh.cell(`${P('remarks')}2`).value).toBe('');
      expect(sh.cell(`${P('_version')}2`).value).toBe(2);
      expect(sh.cell(`${P('_sync')}2`).value).toBe('已同步');
      // keepMine: pushed on the new base version.
      expect(res.push?.counts.updated).toBe(1);
      expect(sh.cell(`${P('_version')}3`).value).toBe(3);
      expect(server.rows('problems').find((x) => x.id === ids[1])!.values.department).toBe('市工信局');
      // later: still a conflict.
      expect(sh.cell(`${P('_sync')}4`).value).toBe('冲突（台账中为第 2 版）');
    });

    it('a row the server withdrew: keep mine waits (it cannot be kept), take theirs marks it 已撤回', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 3), [problemRow({ targetName: 'A' }), problemRow({ targetName: 'B' })]);
      await push(excel, api, { ...opts, sheet });
      const ids = [2, 3].map((r) => String(sh.cell(`${P('_id')}${r}`).value));
      for (const id of ids) {
        server.edit('problems', id, { remarks: '撤回前' });
        server.rows('problems').find((x) => x.id === id)!.withdrawn = true;
      }
      for (const r of [2, 3]) sh.type(`${P('remarks')}${r}`, [['我的备注']]);
      const { conflicts } = await push(excel, api, { ...opts, sheet });
      expect(conflicts.map((c) => c.current.withdrawn)).toEqual([true, true]);
      const calls = server.calls.length;
      const res = await resolveConflicts(excel, api, {
        ...opts,
        sheet,
        decisions: [
          { conflict: conflicts[0]!, choice: 'keepMine' },
          { conflict: conflicts[1]!, choice: 'takeTheirs' },
        ],
      });
      expect(res).toMatchObject({ kept: 0, taken: 1, later: 1 });
      expect(res.push).toBeUndefined();
      expect(server.calls.length).toBe(calls); // nothing sent for a row that cannot be kept
      expect(sh.cell(`${P('_sync')}2`).value).toBe('冲突（台账中为第 2 版）');
      expect([sh.cell(`${P('_sync')}3`).value, sh.cell(`${P('remarks')}3`).value, sh.cell(`${P('_version')}3`).value]).toEqual(['已撤回', '撤回前', 2]);
    });
  });

  describe('pull', () => {
    it('writes text as text (formulas never form), sorted by id; a second pull updates in place', async () => {
      const { excel, server, api, opts } = setup();
      const nasty = ['=HYPERLINK("http://x","y")', '+8613912345678', '@SUM(A1)', '-1+2'];
      const clerkSheet = (await createLedgerSheet(excel, 'problems', opts)).sheet;
      await excel.run(async (ctx) => {
        // Typed as text on purpose ('@' column), as a clerk's remark would be.
        const r = ctx.workbook.worksheets.getItem(clerkSheet).getRange(rowsRange(problems, 2, 5));
        r.values = nasty.map((n, i) => problemRow({ targetName: `T${i}`, remarks: n, description: `${n} 描述` })) as any;
        await ctx.sync();
      });
      await push(excel, api, { ...opts, sheet: clerkSheet });
      expect(server.rows('problems')).toHaveLength(4);

      const p1 = await pull(excel, api, { ...opts, ledger: 'problems' });
      expect(p1.rows).toBe(4);
      const sh = excel.sheet(p1.sheet);
      const remarks = sh.formulas(`${P('remarks')}2:${P('remarks')}5`).map((x) => x[0]);
      expect(remarks.sort()).toEqual([...nasty].sort());
      for (let r = 2; r <= 5; r++) expect(sh.cell(`${P('remarks')}${r}`).formula).toBeNull();
      const ids = sh.values(`${P('_id')}2:${P('_id')}5`).map((x) => x[0]);
      expect(ids).toEqual([...ids].sort());

      server.edit('problems', String(ids[1]), { status: '已解决', resolution: '解决了', resolvedOn: '2022-05-01' });
      const p2 = await pull(excel, api, { ...opts, ledger: 'problems' });
      expect(p2).toMatchObject({ incremental: true, updated: 1, added: 0 });
      expect(sh.cell(`${P('status')}3`).value).toBe('已解决');
      expect(sh.cell(`${P('_version')}3`).value).toBe(2);
    });

    it('a filtered list: rows that leave the filter or the county are marked 已移出 and keep what they showed; rows that enter are added', async () => {
      const { excel, server, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      excel
        .sheet(sheet)
        .type(rowsRange(problems, 2, 6), [
          problemRow({ targetName: '甲' }),
          problemRow({ targetName: '乙' }),
          problemRow({ targetName: '丙' }),
          problemRow({ targetName: '丁', status: '待办理' }),
          problemRow({ targetName: '戊', status: '待办理' }),
        ]);
      await push(excel, api, { ...opts, sheet });
      const id = (name: string) => server.rows('problems').find((r) => r.values.targetName === name)!.id;
      const filter = { county: '榆次区', status: '办理中' };
      const p1 = await pull(excel, api, { ...opts, ledger: 'problems', filter });
      expect(p1.rows).toBe(3);
      const sh = excel.sheet(p1.sheet);
      const rowOf = (name: string) => sh.values(`${P('_id')}1:${P('_id')}10`).findIndex((x) => x[0] === id(name)) + 1;
      const whole = (name: string) => sh.values(`A${rowOf(name)}:${P('_hash')}${rowOf(name)}`)[0]!;
      const before = whole('甲');

      server.edit('problems', id('甲'), { status: '已解决', resolution: '解决了', resolvedOn: '2022-05-01' }); // leaves the filter
      server.edit('problems', id('乙'), { county: '介休市', group: '介休市入企服务第1组' }); // leaves the county
      server.edit('problems', id('丙'), { remarks: '仍在办理' }); // stays
      server.edit('problems', id('丁'), { status: '办理中' }); // enters
      server.edit('problems', id('戊'), { remarks: '从未在此列表中' }); // changes, never on the list
      const p2 = await pull(excel, api, { ...opts, ledger: 'problems', filter });

      expect(p2).toMatchObject({ incremental: true, updated: 1, added: 1, withdrawn: 0, left: 2, rows: 2 });
      expect(sh.cell(`${P('_sync')}${rowOf('甲')}`).value).toBe('已移出');
      expect(sh.cell(`${P('_sync')}${rowOf('乙')}`).value).toBe('已移出');
      // Nothing else of a row that left is touched: no values arrive for it.
      const syncAt = problems.fields.length + 2;
      expect(whole('甲').map((v, i) => (i === syncAt ? before[i] : v))).toEqual(before);
      expect(sh.cell(`${P('county')}${rowOf('乙')}`).value).toBe('榆次区');
      expect(sh.cell(`${P('remarks')}${rowOf('丙')}`).value).toBe('仍在办理');
      expect(sh.cell(`${P('_sync')}${rowOf('丙')}`).value).toBe('已同步');
      expect(rowOf('丁')).toBeGreaterThan(1);
      expect(rowOf('戊')).toBe(0); // named as left, but never on the list: not added

      // Marked once: later edits of rows already gone neither count again nor reach the list.
      server.edit('problems', id('甲'), { remarks: '已解决后补充说明' });
      server.edit('problems', id('乙'), { remarks: '介休市的修改' });
      const p3 = await pull(excel, api, { ...opts, ledger: 'problems', filter });
      expect(p3).toMatchObject({ incremental: true, updated: 0, added: 0, left: 0, rows: 2 });
      expect(sh.cell(`${P('remarks')}${rowOf('乙')}`).value).not.toBe('介休市的修改');

      // A row that comes back is written whole again.
      server.edit('problems', id('甲'), { status: '办理中', resolution: undefined, resolvedOn: undefined });
      const p4 = await pull(excel, api, { ...opts, ledger: 'problems', filter });
      expect(p4).toMatchObject({ updated: 1, left: 0, rows: 3 });
      expect([sh.cell(`${P('_sync')}${rowOf('甲')}`).value, sh.cell(`${P('remarks')}${rowOf('甲')}`).value]).toEqual(['已同步', '已解决后补充说明']);
    });

    it('a 1904 workbook round-trips dates exactly', async () => {
      const { excel, api, opts } = setup({ date1904: true });
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      const sh = excel.sheet(sheet);
      sh.type(rowsRange(problems, 2, 2), [problemRow({ foundOn: '2022-03-24', deadline: '2022-04-30' })]);
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.counts).toEqual({ created: 1 });
      expect(sh.cell(`${P('foundOn')}2`).text).toBe('2022-03-24');
      const p = await pull(excel, api, { ...opts, ledger: 'problems' });
      const ps = excel.sheet(p.sheet);
      expect(ps.cell(`${P('foundOn')}2`).text).toBe('2022-03-24');
      expect(ps.cell(`${P('deadline')}2`).text).toBe('2022-04-30');
      expect(ps.cell(`${P('foundOn')}2`).value).toBe(44644 - 1462);
    });
  });

  describe('summary and visits', () => {
    it('visits: push, then a summary sheet with a table and a chart', async () => {
      const { excel, api, opts } = setup();
      const { sheet } = await createLedgerSheet(excel, 'visits', opts);
      excel.sheet(sheet).type(rowsRange(visits, 2, 3), [visitRow(), visitRow({ targetName: '东阳村', targetType: '进村', township: '东阳镇', staff: '２' })]);
      const r = await push(excel, api, { ...opts, sheet });
      expect(r.counts).toEqual({ created: 2 });
      const s = await summary(excel, api, { ...opts, ledger: 'visits' });
      const sh = excel.sheet(s.sheet);
      expect(sh.charts()).toHaveLength(1);
      expect(excel.table(s.table).rows[0]![0]).toBe('榆次区');
      // A Chinese Office: Chinese headers only.
      expect(sh.values('A3:C3')[0]).toEqual(['县（区、市）', '走访次数', '走访企业']);
      const en = await summary(excel, api, { ...opts, ledger: 'visits', lang: 'en' });
      expect(excel.sheet(en.sheet).values('A3:C3')[0]).toEqual(['County', 'Visits', 'Enterprises']);
    });
    it('coordinators get the overdue list', async () => {
      const { excel, api, opts, server } = setup();
      const { sheet } = await createLedgerSheet(excel, 'problems', opts);
      excel.sheet(sheet).type(rowsRange(problems, 2, 2), [problemRow()]);
      await push(excel, api, { ...opts, sheet });
      const s = await summary(excel, api, { ...opts, profile: { ...server.profile, role: 'coordinator' }, ledger: 'problems' });
      expect(s.overdue).toBe(1);
    });
  });
});

function made(excel: ReturnType<typeof createSimulatedExcel>): string {
  return excel.tableNames().find((t) => t.startsWith('TZ_problems'))!;
}

function findRow(sh: ReturnType<ReturnType<typeof createSimulatedExcel>['sheet']>, col: string, value: string): number {
  const vals = sh.values(`${col}1:${col}200`);
  const i = vals.findIndex((v) => v[0] === value);
  if (i < 0) throw new Error(`no ${value}`);
  return i + 1;
}
