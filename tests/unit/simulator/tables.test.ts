// Worksheets, tables, row insertion and deletion, sorting, notes and comments: the structure
// the engine relies on to keep a row's identity with the row.

import { createSimulatedExcel } from '@taizhang/excel-simulator';

const HEADERS = [['编号', '名称', '日期', 'rowKey']];

async function withTable(rows: Array<Array<string | number>>) {
  const excel = createSimulatedExcel();
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem('Sheet1');
    ws.getRange('A1:D1').values = HEADERS;
    ws.getRangeByIndexes(1, 0, rows.length, 4).values = rows;
    const t = ws.tables.add(`A1:D${rows.length + 1}`, true);
    t.name = 'Ledger';
    await context.sync();
  });
  return excel;
}

describe('worksheets', () => {
  it('adds, renames, hides, activates, orders and deletes sheets', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const a = sheets.add('问题清单');
      const b = sheets.add();
      b.name = 'Lists';
      b.visibility = 'VeryHidden';
      a.activate();
      a.freezePanes.freezeRows(1);
      a.tabColor = '#00FF00';
      a.position = 0;
      sheets.load('items/name,items/visibility,items/position');
      const active = sheets.getActiveWorksheet().load('name');
      const count = sheets.getCount();
      await context.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility, s.position])).toEqual([
        ['问题清单', 'Visible', 0],
        ['Sheet1', 'Visible', 1],
        ['Lists', 'VeryHidden', 2],
      ]);
      expect(active.name).toBe('问题清单');
      expect(count.value).toBe(3);
      sheets.getItem('Sheet1').delete();
      await context.sync();
    });
    expect(excel.sheetNames()).toEqual(['问题清单', 'Lists']);
    expect(excel.sheet('问题清单')).toMatchObject({ frozenRows: 1, tabColor: '#00FF00' });
    expect(excel.activeSheetName()).toBe('问题清单');
  });

  it('refuses duplicate or invalid names and deleting the last visible sheet', async () => {
    const excel = createSimulatedExcel();
    for (const attempt of [
      (c: Excel.RequestContext) => c.workbook.worksheets.add('sheet1'),
      (c: Excel.RequestContext) => c.workbook.worksheets.add('a/b'),
      (c: Excel.RequestContext) => c.workbook.worksheets.add('x'.repeat(32)),
      (c: Excel.RequestContext) => c.workbook.worksheets.getItem('Sheet1').delete(),
    ]) {
      await expect(
        excel.run(async (context) => {
          attempt(context);
          await context.sync();
        }),
      ).rejects.toHaveProperty('code');
    }
    expect(excel.sheetNames()).toEqual(['Sheet1']);
  });

  it('returns A1 as the used range of an empty sheet, and a null object for the OrNullObject variant', async () => {
    const excel = createSimulatedExcel();
    excel.addSheet('Full');
    excel.sheet('Full').type('B2', [
      [1, 2],
      [3, ''],
    ]);
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const empty = sheets.getItem('Sheet1').getUsedRange().load('address');
      const none = sheets.getItem('Sheet1').getUsedRangeOrNullObject();
      const full = sheets.getItem('Full').getUsedRange(true).load('address,rowCount,columnCount');
      await context.sync();
      expect(empty.address).toBe('Sheet1!A1');
      expect(none.isNullObject).toBe(true);
      expect([full.address, full.rowCount, full.columnCount]).toEqual(['Full!B2:C3', 2, 2]);
    });
  });

  it('navigates ranges: columns, rows, offsets, resizing, selection', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const base = ws.getRange('B2:C3');
      const list = [
        ws.getRange('A:A'),
        ws.getRange('2:3'),
        base.getCell(1, 1),
        base.getResizedRange(1, 0),
        base.getOffsetRange(1, 1),
        base.getEntireColumn(),
        base.getEntireRow(),
        base.getRow(1),
        base.getColumn(0),
        base.getLastRow(),
        ws.getCell(0, 27),
      ].map((r) => r.load('address'));
      base.getCell(0, 0).select();
      await context.sync();
      expect(list.map((r) => r.address)).toEqual([
        'Sheet1!A:A',
        'Sheet1!2:3',
        'Sheet1!C3',
        'Sheet1!B2:C4',
        'Sheet1!C3:D4',
        'Sheet1!B:C',
        'Sheet1!2:3',
        'Sheet1!B3:C3',
        'Sheet1!B2:B3',
        'Sheet1!B3:C3',
        'Sheet1!AB1',
      ]);
    });
    expect(excel.selectedAddress()).toBe('Sheet1!B2');
  });
});

describe('tables', () => {
  it('creates a table, names it and reads its parts', async () => {
    const excel = await withTable([
      [1, '甲', '2022-03-24', 'k1'],
      [2, '乙', '2022-03-25', 'k2'],
    ]);
    await excel.run(async (context) => {
      const t = context.workbook.tables.getItem('ledger');
      const header = t.getHeaderRowRange().load('values,address');
      const body = t.getDataBodyRange().load('address,rowCount');
      const all = t.getRange().load('address');
      const cols = t.columns.load('items/name');
      const col = t.columns.getItem('名称').getDataBodyRange().load('values');
      t.load('name,showFilterButton,style');
      await context.sync();
      expect(header.values).toEqual(HEADERS);
      expect([body.address, body.rowCount, all.address]).toEqual(['Sheet1!A2:D3', 2, 'Sheet1!A1:D3']);
      expect(cols.items.map((c) => c.name)).toEqual(HEADERS[0]);
      expect(col.values).toEqual([['甲'], ['乙']]);
      expect([t.name, t.showFilterButton, t.style]).toEqual(['Ledger', true, 'TableStyleMedium2']);
    });
  });

  it('gives a header-only table one empty data row that rows.add appends after', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B1').values = [['a', 'b']];
      const t = ws.tables.add('A1:B1', true);
      t.rows.add(undefined, [
        [1, 2],
        [3, 4],
      ]);
      const count = t.rows.getCount();
      await context.sync();
      expect(count.value).toBe(3);
    });
    expect(excel.table('Table1')).toMatchObject({
      address: 'Sheet1!A1:B4',
      rows: [
        ['', ''],
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('rows.add inserts inside the table, shifts the cells below within its columns and grows it', async () => {
    const excel = await withTable([
      [1, 'a', '', 'k1'],
      [2, 'b', '', 'k2'],
    ]);
    const sheet = excel.sheet('Sheet1');
    sheet.type('A5', [['below the table']]);
    sheet.type('F2', [['beside the table']]);
    await excel.run(async (context) => {
      const t = context.workbook.tables.getItem('Ledger');
      t.rows.add(1, [[9, 'inserted', '', 'k9']]);
      t.rows.add(null as unknown as undefined, [[3, 'appended', '', 'k3']]);
      await context.sync();
    });
    expect(excel.table('Ledger').rows.map((r) => r[3])).toEqual(['k1', 'k9', 'k2', 'k3']);
    expect(excel.table('Ledger').address).toBe('Sheet1!A1:D5');
    expect(sheet.cell('A7').value).toBe('below the table');
    expect(sheet.cell('F2').value).toBe('beside the table');
  });

  it('new table rows inherit number format and validation, so text stays text', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await excel.run(async (context) => {
      const t = context.workbook.tables.getItem('Ledger');
      const body = t.getDataBodyRange();
      body.numberFormat = [['@', '@', 'yyyy-mm-dd', '@']];
      body.dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
      t.rows.add(undefined, [['007', '=HYPERLINK("x")', '2022-03-24', '+86 1']]);
      await context.sync();
    });
    const sheet = excel.sheet('Sheet1');
    expect(sheet.cell('A3')).toMatchObject({ value: '007', numberFormat: '@', formula: null });
    expect(sheet.cell('B3')).toMatchObject({ value: '=HYPERLINK("x")', formula: null });
    expect(sheet.cell('C3')).toMatchObject({ value: 44644, text: '2022-03-24' });
    expect(sheet.cell('D3')).toMatchObject({ value: '+86 1', formula: null });
    expect(sheet.cell('B3').dataValidation).toMatchObject({ source: 'a,b' });
  });

  it('rejects rows of the wrong width', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await expect(
      excel.run(async (context) => {
        context.workbook.tables.getItem('Ledger').rows.add(undefined, [[1, 2]]);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('sort.apply moves every piece of cell state with its row', async () => {
    const excel = await withTable([
      [3, 'c', '', 'k3'],
      [1, 'a', '', 'k1'],
      ['', 'blank', '', 'k0'],
      [2, 'b', '', 'k2'],
    ]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B2').format.fill.color = '#FF0000'; // row k3
      ws.getRange('B2').numberFormat = [['@']];
      ws.getRange('B2').dataValidation.rule = { list: { inCellDropDown: true, source: 'c,x' } };
      context.workbook.comments.add('Sheet1!D2', 'comment on k3');
      await context.sync();
      context.workbook.tables.getItem('Ledger').sort.apply([{ key: 0, ascending: true }]);
      await context.sync();
    });
    const sheet = excel.sheet('Sheet1');
    expect(excel.table('Ledger').rows.map((r) => r[3])).toEqual(['k1', 'k2', 'k3', 'k0']); // blanks last
    expect(sheet.cell('B4')).toMatchObject({ value: 'c', fill: '#FF0000', numberFormat: '@', dataValidation: { source: 'c,x' } });
    expect(sheet.cell('D4').comment).toBe('comment on k3');
    expect(sheet.cell('B2').fill).toBeNull();
    expect(sheet.cell('D2').comment).toBeNull();

    await excel.run(async (context) => {
      context.workbook.tables.getItem('Ledger').sort.apply([{ key: 1, ascending: false }]);
      await context.sync();
    });
    expect(excel.table('Ledger').rows.map((r) => r[1])).toEqual(['c', 'blank', 'b', 'a']);
  });

  it('resize (ExcelApi 1.13) changes the table range and is refused on older hosts', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await excel.run(async (context) => {
      context.workbook.tables.getItem('Ledger').resize('A1:E4');
      await context.sync();
    });
    expect(excel.table('Ledger')).toMatchObject({ address: 'Sheet1!A1:E4', headers: [...HEADERS[0]!, 'Column5'] });

    const old = createSimulatedExcel({ apiVersion: '1.12' });
    await expect(
      old.run(async (context) => {
        const t = context.workbook.worksheets.getItem('Sheet1').tables.add('A1:B2', true);
        t.resize('A1:B3');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  it('finds tables with getItemOrNullObject and refuses overlapping tables', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await excel.run(async (context) => {
      const there = context.workbook.tables.getItemOrNullObject('Ledger');
      const absent = context.workbook.tables.getItemOrNullObject('Other');
      await context.sync();
      expect([there.isNullObject, absent.isNullObject]).toEqual([false, true]);
    });
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').tables.add('C2:E4', true);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('inserting and deleting rows', () => {
  it('moves notes, formats and values with their rows and grows or shrinks tables', async () => {
    const excel = createSimulatedExcel({ apiVersion: '1.18' });
    excel.sheet('Sheet1').type('A1', [
      ['h1', 'h2'],
      ['r1', 1],
      ['r2', 2],
      ['r3', 3],
    ]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.tables.add('A1:B4', true).name = 'T';
      context.workbook.notes.add('Sheet1!B3', 'r2 is wrong');
      ws.notes.add('A4', 'r3 note');
      await context.sync();

      ws.getRange('3:4').insert('Down'); // two rows above r2
      await context.sync();
      const note = context.workbook.notes.getItem('Sheet1!B5').load('content');
      const location = note.getLocation().load('address');
      await context.sync();
      expect(note.content).toBe('r2 is wrong');
      expect(location.address).toBe('Sheet1!B5');
    });
    expect(excel.sheet('Sheet1').values('A1:A6')).toEqual([['h1'], ['r1'], [''], [''], ['r2'], ['r3']]);
    expect(excel.notes()).toEqual([
      { address: 'Sheet1!B5', content: 'r2 is wrong' },
      { address: 'Sheet1!A6', content: 'r3 note' },
    ]);
    expect(excel.table('T').address).toBe('Sheet1!A1:B6');

    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A2:A3').getEntireRow().delete('Up');
      await context.sync();
    });
    expect(excel.sheet('Sheet1').values('A1:A4')).toEqual([['h1'], [''], ['r2'], ['r3']]);
    expect(excel.sheet('Sheet1').cell('B3').note).toBe('r2 is wrong');
    expect(excel.table('T').address).toBe('Sheet1!A1:B4');
  });

  it('moves a table down when rows are inserted above it, and lets a clerk do the same', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('1:1').insert('Down');
      await context.sync();
    });
    expect(excel.table('Ledger').address).toBe('Sheet1!A2:D3');
    excel.sheet('Sheet1').insertRows(3, 2);
    expect(excel.table('Ledger')).toMatchObject({
      address: 'Sheet1!A2:D5',
      rows: [
        ['', '', '', ''],
        ['', '', '', ''],
        [1, 'a', '', 'k1'],
      ],
    });
    excel.sheet('Sheet1').deleteRows(3, 2);
    expect(excel.table('Ledger').rows).toEqual([[1, 'a', '', 'k1']]);
  });

  it('refuses to shift part of a table', async () => {
    const excel = await withTable([[1, 'a', '', 'k1']]);
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('B2:E2').insert('Down');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });
});

describe('comments and notes', () => {
  it('adds, finds by cell, edits and deletes comments (ExcelApi 1.10)', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const c = context.workbook.comments.add('Sheet1!C3', '日期格式不对');
      c.load('id,content');
      await context.sync();
      const byCell = context.workbook.comments.getItemByCell('Sheet1!C3').load('content,authorName');
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const viaSheet = ws.comments.getCount();
      await context.sync();
      expect(byCell.content).toBe('日期格式不对');
      expect(viaSheet.value).toBe(1);
      byCell.content = '已修改';
      await context.sync();
      expect(excel.comments()).toEqual([{ address: 'Sheet1!C3', content: '已修改', resolved: false }]);
      context.workbook.comments.getItem(c.id).delete();
      const missing = context.workbook.comments.getItemByCell('Sheet1!C3');
      missing.load('content');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    expect(excel.comments()).toEqual([]);
  });

  it('keeps a cell to one note or comment', async () => {
    const excel = createSimulatedExcel({ apiVersion: '1.18' });
    await expect(
      excel.run(async (context) => {
        context.workbook.comments.add('Sheet1!A1', 'c');
        context.workbook.notes.add('Sheet1!A1', 'n');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(excel.sheet('Sheet1').cell('A1')).toMatchObject({ comment: 'c', note: null });
  });

  it('reads notes as a collection and by cell, null object when absent', async () => {
    const excel = createSimulatedExcel({ apiVersion: '1.18' });
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.notes.add('B2', 'one');
      ws.notes.add(ws.getRange('A5'), 'two');
      await context.sync();
      const notes = context.workbook.notes.load('items/content');
      const absent = ws.notes.getItemOrNullObject('C9');
      await context.sync();
      expect(notes.items.map((n) => n.content)).toEqual(['one', 'two']);
      expect(absent.isNullObject).toBe(true);
    });
  });
});

describe('charts', () => {
  it('records a chart for inspection', async () => {
    const excel = createSimulatedExcel();
    excel.sheet('Sheet1').type('A1', [
      ['区县', '数量'],
      ['榆次区', 3],
    ]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
      chart.title.text = '按区县统计';
      chart.name = 'ByCounty';
      chart.setPosition('D2', 'J15');
      await context.sync();
    });
    expect(excel.sheet('Sheet1').charts()).toEqual([
      {
        name: 'ByCounty',
        type: 'ColumnClustered',
        source: 'Sheet1!A1:B2',
        seriesBy: 'Columns',
        title: '按区县统计',
        position: { start: 'Sheet1!D2', end: 'Sheet1!J15' },
      },
    ]);
  });
});
