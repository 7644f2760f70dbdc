// The pane's last choices (pull filters, only overdue, grouping), kept in the workbook so the
// next opening of the same workbook starts from them, on any machine.

import { loadSheetNames } from '../excel/cells';
import type { ExcelHost } from '../excel/host';
import { withSession } from '../excel/session';
import { loadState, saveState } from './state';

export async function loadChoices(host: ExcelHost): Promise<Readonly<Record<string, unknown>> | undefined> {
  const { result } = await withSession(host, async (s) => {
    const namesP = loadSheetNames(s);
    await s.sync();
    const stateP = loadState(s, namesP.value);
    if (s.queuedBytes > 0) await s.sync();
    return stateP.value.choices;
  });
  return result;
}

export async function saveChoices(host: ExcelHost, choices: Readonly<Record<string, unknown>>): Promise<void> {
  await withSession(host, async (s) => {
    const namesP = loadSheetNames(s);
    await s.sync();
    const stateP = loadState(s, namesP.value);
    if (s.queuedBytes > 0) await s.sync();
    saveState(s, { ...stateP.value, choices });
    await s.sync();
  });
}
