// `listDepartments` (docs/api.md#listdepartments): the registry of responsible departments, to
// any signed-in account (dropdowns of 责任单位, names in the to-do).

import { callable } from './callable';
import type { DepartmentsAnswer } from '@taizhang/ledger';
import { requireCaller } from '../auth';
import { callableOptions } from '../config';
import { listDepartments as registry } from '../departments/store';
import { firestore } from '../store/db';
import { listDepartmentsRequestSchema, parseRequest } from './schemas';
import { answerUnavailableWhenStoreDown } from '../store/outage';

export const listDepartments = callable(callableOptions, answerUnavailableWhenStoreDown(async (request): Promise<DepartmentsAnswer> => {
  await requireCaller(request);
  parseRequest(listDepartmentsRequestSchema, request.data ?? {});
  const departments = await registry(firestore());
  return { departments: departments.sort((a, b) => a.id.localeCompare(b.id)) };
}));
