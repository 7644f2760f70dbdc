// The Office.js proxy semantics the simulator must reproduce: queued commands, load + sync
// before reading, sync counting, the payload limit, null objects, requirement sets.

import { createSimulatedExcel } from '@taizhang/excel-simulator';

describe('load and sync', () => {
  it('throws PropertyNotLoaded for a property that was not loaded', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => range.values).toThrow(/The property 'values' is not available\. Before reading the property's value, call the load method/);
      range.load('address');
      expect(() => range.address).toThrow(/'address' is not available/); // loaded but not synced
      await context.sync();
      expect(range.address).toBe('Sheet1!A1:B2');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('accepts the string, array and object forms of load', async () => {
    const excel = createSimulatedExcel();
    excel.sheet('Sheet1').type('A1', [
      [1, 'x'],
      [true, ''],
    ]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const a = ws.getRange('A1:B2').load('values, rowCount');
      const b = ws.getRange('A1:B2').load(['columnCount', 'rowIndex']);
      const c = ws.getRange('B2').load({ columnIndex: true, format: { fill: { color: true } } } as Excel.Interfaces.RangeLoadOptions);
      const d = ws.getRange('C3').load({ select: 'address,text' });
      await context.sync();
      expect(a.values).toEqual([
        [1, 'x'],
        [true, ''],
      ]);
      expect(a.rowCount).toBe(2);
      expect([b.columnCount, b.rowIndex]).toEqual([2, 0]);
      expect(c.columnIndex).toBe(1);
      expect(c.format.fill.color).toBe('#FFFFFF');
      expect(d.address).toBe('Sheet1!C3');
      expect(d.text).toEqual([['']]);
    });
  });

  it('executes queued commands in order and reads after writes of the same batch', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      cell.values = [[1]];
      const before = cell.getOffsetRange(0, 0).load('values');
      cell.values = [[2]];
      const after = cell.getOffsetRange(0, 0).load('values');
      expect(excel.sheet('Sheet1').cell('A1').value).toBe(''); // nothing runs before sync
      await context.sync();
      expect(before.values).toEqual([[1]]);
      expect(after.values).toEqual([[2]]);
    });
  });

  it('keeps a written value readable locally, like Office.js, without a sync', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const cell = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      cell.values = [['123']];
      expect(cell.values).toEqual([['123']]);
      await context.sync();
    });
    expect(excel.sheet('Sheet1').cell('A1').value).toBe(123);
  });

  it('counts one sync per context.sync() and flushes queued commands at the end of run', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1').values = [['a']];
      await context.sync();
      ws.getRange('A2').values = [['b']];
      await context.sync();
      ws.getRange('A3').values = [['c']]; // no sync: run flushes it
    });
    expect(excel.stats.syncs).toBe(3);
    expect(excel.stats.requests).toHaveLength(3);
    expect(excel.sheet('Sheet1').values('A1:A3')).toEqual([['a'], ['b'], ['c']]);
    excel.resetStats();
    expect(excel.stats).toEqual({ syncs: 0, largestRequestBytes: 0, largestAnswerBytes: 0, requests: [], answers: [], rejected: 0 });
    await excel.run(async () => undefined);
    expect(excel.stats.syncs).toBe(0);
  });

  it('rejects using a context after its run finished', async () => {
    const excel = createSimulatedExcel();
    let saved: Excel.RequestContext | undefined;
    await excel.run(async (context) => {
      saved = context;
    });
    expect(() => saved!.workbook.worksheets.getItem('Sheet1').getRange('A1')).toThrow(/after its Excel.run batch finished/);
  });

  it('throws "not implemented in the simulator" for members it does not have', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => range.getSpillingToRange()).toThrow(/Range\.getSpillingToRange is not implemented in the simulator/);
      expect(() => {
        range.style = 'Good';
      }).toThrow(/setting Range\.style is not implemented in the simulator/);
      expect(() => range.load('hidden')).toThrow(/Range\.load\('hidden'\) is not implemented/);
      expect(() => {
        range.dataValidation.rule = { wholeNumber: { formula1: 1, operator: 'GreaterThan' } };
      }).toThrow(/DataValidation\.rule\.wholeNumber is not implemented/);
    });
  });
});

describe('payload limit', () => {
  it('meters each sync and rejects one over the limit with RequestPayloadSizeLimitExceeded, applying nothing', async () => {
    const excel = createSimulatedExcel({ maxRequestBytes: 5 * 1024 * 1024 });
    const big = Array.from({ length: 60000 }, (_v, i) => [`row ${i} ${'x'.repeat(80)}`]);
    await expect(
      excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.getRange('B1').values = [['small write first']];
        ws.getRange('A1:A60000').values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(excel.sheet('Sheet1').cell('B1').value).toBe('');
    expect(excel.sheet('Sheet1').usedAddress()).toBeNull();
    expect(excel.stats.syncs).toBe(1);
    expect(excel.stats.rejected).toBe(1);
    expect(excel.stats.largestRequestBytes).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('accepts the same data in chunks under the limit', async () => {
    const excel = createSimulatedExcel();
    const big = Array.from({ length: 60000 }, (_v, i) => [`row ${i} ${'x'.repeat(80)}`]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      for (let start = 0; start < big.length; start += 20000) {
        ws.getRangeByIndexes(start, 0, 20000, 1).values = big.slice(start, start + 20000);
        await context.sync();
      }
    });
    expect(excel.stats.syncs).toBe(3);
    expect(Math.max(...excel.stats.requests)).toBeLessThan(5 * 1024 * 1024);
    expect(excel.stats.largestRequestBytes).toBeGreaterThan(1.8e6);
    expect(excel.sheet('Sheet1').cell('A60000').value).toBe(`row 59999 ${'x'.repeat(80)}`);
  });

  it('counts values read back, and rolls back the writes of a batch whose reads overflow', async () => {
    const excel = createSimulatedExcel({ maxResponseBytes: 100_000 });
    const sheet = excel.sheet('Sheet1');
    for (let start = 1; start <= 2000; start += 500) {
      sheet.type(
        `A${start}`,
        Array.from({ length: 500 }, () => ['y'.repeat(60)]),
      );
    }
    await expect(
      excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.getRange('C1').values = [['written before the read']];
        ws.getRange('A1:A2000').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(sheet.cell('C1').value).toBe('');

    await excel.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A100').load('values');
      await context.sync();
      expect(r.values).toHaveLength(100);
    });
    expect(excel.stats.answers.at(-1)).toBeGreaterThan(100 * 60);
    expect(excel.stats.requests.at(-1)).toBeLessThan(2000);
  });

  it('rolls back every kind of change of an overflowing batch: cells written, cleared, formatted, rows shifted, other sheets', async () => {
    const excel = createSimulatedExcel({ maxResponseBytes: 100_000, sheets: ['Sheet1', 'Sheet2'] });
    const sheet = excel.sheet('Sheet1');
    sheet.type(
      'E1',
      Array.from({ length: 2000 }, () => ['y'.repeat(60)]),
    );
    sheet.type('A1', [
      ['a', ''],
      ['b', 'keep'],
      ['c', ''],
    ]);
    sheet.setNumberFormat('B3', '@');
    excel.sheet('Sheet2').type('A1', [['other']]);
    const look = () => ({
      values: sheet.values('A1:D6'),
      formats: sheet.numberFormats('A1:D6'),
      fill: sheet.cell('D1').fill,
      used: sheet.usedAddress(),
      other: excel.sheet('Sheet2').values('A1:B2'),
    });
    const before = look();
    const overflow = (changes: (ws: Excel.Worksheet, other: Excel.Worksheet) => void) =>
      expect(
        excel.run(async (context) => {
          const ws = context.workbook.worksheets.getItem('Sheet1');
          changes(ws, context.workbook.worksheets.getItem('Sheet2'));
          ws.getRange('E1:E2000').load('values');
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });

    // Cell changes only.
    await overflow((ws, other) => {
      ws.getRange('A1').values = [['changed']];
      ws.getRange('B2').clear();
      ws.getRange('B3').numberFormat = [['0']];
      ws.getRange('C5').values = [['new row']];
      ws.getRange('D1').format.fill.color = '#FF0000';
      other.getRange('B2').values = [['new']];
      ws.getRange('A1').values = [['changed twice']];
    });
    expect(look()).toEqual(before);

    // Cell changes around a row shift.
    await overflow((ws, other) => {
      ws.getRange('A1').values = [['changed']];
      ws.getRange('C5').values = [['new row']];
      ws.getRange('2:2').insert('Down');
      ws.getRange('A1').values = [['changed again']];
      ws.getRange('B3').clear();
      ws.getRange('D1').format.fill.color = '#FF0000';
      other.getRange('A1').clear();
    });
    expect(look()).toEqual(before);
  });

  it('rejects reading a whole column rather than building a million rows', async () => {
    const excel = createSimulatedExcel();
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A:B').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('refuses a read of more than 5 million cells, whatever the answer would weigh', async () => {
    const excel = createSimulatedExcel({ maxResponseBytes: Number.MAX_SAFE_INTEGER });
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A:E').load('values'); // 5,242,880 cells
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  it('meters UTF-8 bytes: Chinese text weighs three bytes a character', async () => {
    const run = async (text: string) => {
      const excel = createSimulatedExcel();
      await excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A1000').values = Array.from({ length: 1000 }, () => [text]);
        await context.sync();
      });
      return excel.stats.requests[0]!;
    };
    const ascii = await run('x'.repeat(20));
    const chinese = await run('企'.repeat(20));
    expect(chinese - ascii).toBe(1000 * 20 * 2);
  });

  it('limits requests and answers each on its own', async () => {
    const excel = createSimulatedExcel({ maxRequestBytes: 50_000, maxResponseBytes: 50_000 });
    const sheet = excel.sheet('Sheet1');
    sheet.type(
      'A1',
      Array.from({ length: 1000 }, () => ['问题描述'.repeat(5)]),
    );
    // An answer of 60 kB after a request of a few hundred bytes: refused as an answer.
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1:A1000').load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    // 40 kB out and 40 kB back: each under its limit, though together over either.
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B1:B600').values = Array.from({ length: 600 }, () => ['问题描述'.repeat(5)]);
      ws.getRange('A1:A600').load('values');
      await context.sync();
    });
    expect(excel.stats.requests.at(-1)!).toBeGreaterThan(35_000);
    expect(excel.stats.answers.at(-1)!).toBeGreaterThan(35_000);
  });
});

describe('errors during a sync', () => {
  it('fails getItem of a missing sheet at sync with ItemNotFound, keeping earlier commands', async () => {
    const excel = createSimulatedExcel();
    await expect(
      excel.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.getItem('Sheet1').getRange('A1').values = [['kept']];
        const missing = sheets.getItem('Nope'); // no error yet
        missing.getRange('A1').values = [['x']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(excel.sheet('Sheet1').cell('A1').value).toBe('kept');
  });

  it('getItemOrNullObject tells whether the sheet exists; commands on a null object do nothing', async () => {
    const excel = createSimulatedExcel();
    await excel.run(async (context) => {
      const there = context.workbook.worksheets.getItemOrNullObject('sheet1');
      const absent = context.workbook.worksheets.getItemOrNullObject('Nope');
      expect(() => absent.isNullObject).toThrow(/isNullObject/);
      absent.delete();
      absent.load('name');
      await context.sync();
      expect(there.isNullObject).toBe(false);
      expect(absent.isNullObject).toBe(true);
      expect(absent.name).toBeUndefined();
    });
    expect(excel.sheetNames()).toEqual(['Sheet1']);
  });

  it('reports a shape mismatch as InvalidArgument', async () => {
    const excel = createSimulatedExcel();
    const attempts: Array<(ws: Excel.Worksheet) => void> = [
      (ws) => {
        ws.getRange('A1:B2').values = [[1, 2]];
      },
      (ws) => {
        ws.getRange('A1:B2').values = [[1, 2], [3]];
      },
      (ws) => {
        ws.getRange('A1:B1').formulas = [['=1'], ['=2']];
      },
      (ws) => {
        ws.getRange('A1:B1').numberFormat = '@' as unknown as string[][];
      },
      (ws) => {
        ws.getRange('A1').values = 5 as unknown as number[][];
      },
    ];
    for (const attempt of attempts) {
      await expect(
        excel.run(async (context) => {
          attempt(context.workbook.worksheets.getItem('Sheet1'));
          await context.sync();
        }),
      ).rejects.toMatchObject({ code: 'InvalidArgument' });
    }
    expect(excel.sheet('Sheet1').usedAddress()).toBeNull();
  });
});

describe('requirement sets', () => {
  it('answers isSetSupported up to apiVersion', () => {
    const excel = createSimulatedExcel({ apiVersion: '1.10' });
    expect(excel.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.10')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.11')).toBe(false);
    expect(excel.isSetSupported('ExcelApi', '1.9')).toBe(true); // numeric, not string, comparison
    expect(excel.isSetSupported('WordApi', '1.1')).toBe(false);
    expect(createSimulatedExcel().isSetSupported('ExcelApi', '1.17')).toBe(true);
    expect(createSimulatedExcel().isSetSupported('ExcelApi', '1.18')).toBe(false);
  });

  it('fails APIs newer than apiVersion with ApiNotFound at sync', async () => {
    const old = createSimulatedExcel({ apiVersion: '1.7' });
    await expect(
      old.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(
      old.run(async (context) => {
        context.workbook.comments.add('Sheet1!A1', 'hi');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });

    const current = createSimulatedExcel(); // 1.17: comments yes, notes no
    await current.run(async (context) => {
      context.workbook.comments.add('Sheet1!A1', 'hi');
      await context.sync();
    });
    await expect(
      current.run(async (context) => {
        context.workbook.notes.add('Sheet1!A2', 'note');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(current.sheet('Sheet1').cell('A2').note).toBeNull();
  });
});

describe('globals', () => {
  it('installs Excel.run and Office.context.requirements for code that uses the globals', async () => {
    const excel = createSimulatedExcel();
    const uninstall = excel.installGlobals();
    try {
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['via global']];
        await context.sync();
      });
      const error = await Excel.run(async (context) => {
        context.workbook.worksheets.getItem('Nope').load('name');
        await context.sync();
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfficeExtension.Error);
      expect((error as OfficeExtension.Error).code).toBe(Excel.ErrorCodes.itemNotFound);
    } finally {
      uninstall();
    }
    expect(excel.sheet('Sheet1').cell('A1').value).toBe('via global');
  });
});
