// `listDepartments` (docs/api.md#listdepartments): the registry of responsible departments, for
// any signed-in account (the 责任单位 dropdown, the CLI's checks).

import type { DepartmentRecord } from '@taizhang/ledger';
import { callable } from './callable';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { listDepartments as list } from '../departments/store';
import { firestore } from '../store/db';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const listDepartments = callable(
  callableOptions,
  answerUnavailableWhenStoreDown(async (request): Promise<{ departments: DepartmentRecord[] }> => {
    await requireCaller(request);
    const departments = await list(firestore());
    return { departments: departments.map(({ id, name, aliases, county, active }) => ({ id, name, aliases: [...aliases], county, active })) };
  }),
);
