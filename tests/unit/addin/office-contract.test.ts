// The contract with Excel, on the real Office.js runtime: the flows' batches are built by
// office.js's own RequestContext (tests/support/officeRuntime.ts) and answered by the
// simulator; every request and every answer, in UTF-8 bytes as Excel receives them, stays
// within 4 MB (Excel on the web refuses 5 MB, each way). TZ_CONTRACT_ROWS sets the ledger's
// size (default 10,000 rows of realistic Chinese text; `npm run bench` runs 100,000).

import { contractRun } from '../../support/contractFlows';
import { loadOfficeRuntime } from '../../support/officeRuntime';

const BUDGET = 4 * 1024 * 1024;
const ROWS = Number(process.env.TZ_CONTRACT_ROWS ?? 10_000);

test('the runtime in @microsoft/office-js loads and builds requests', () => {
  expect(typeof loadOfficeRuntime().Excel.RequestContext).toBe('function');
});

describe.each([
  ['1.17', ROWS],
  ['1.7', Math.min(ROWS, 1_000)],
])('on a host with ExcelApi %s, %i rows', (apiVersion, rows) => {
  it('every request and answer of new sheet, check, marks, push, pull and notices stays within 4 MB', async () => {
    const flows = await contractRun(rows, { apiVersion });
    expect(flows.map((f) => f.flow)).toEqual(['new sheet', 'check', 'marks', 'marks cleared', 'push', 'pull', 'notices']);
    const over = flows.filter((f) => f.request > BUDGET || f.answer > BUDGET).map((f) => `${f.flow}: request ${f.request} B, answer ${f.answer} B`);
    expect(over).toEqual([]);
    for (const f of flows) expect(f.request).toBeGreaterThan(0);
  }, 600_000);
});
