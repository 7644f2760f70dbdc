// Judging one pushed row: pure, given the caller, the row as sent and the row as stored.
// The store turns the decisions into writes; nothing here touches Firestore.

import {
  fieldOf,
  idCounty,
  joined,
  judgeChange,
  judgeCreate,
  judgeDepartment,
  parseRow,
  registryWarnings,
  type CanonicalRow,
  type DepartmentIndex,
  type FieldError,
  type TargetIndex,
  type LedgerDef,
  type ParseContext,
  type RightsVerdict,
} from '@taizhang/ledger';
import type { Caller } from '../auth';
import { text } from '../messages';
import { canCreate, canModify, canRead, canReadRow } from '../scope';
import type { CurrentRow, FieldChange, PushResult, PushRow, StoredRow, WireError, WireWarning } from './types';

export type Decision =
  | { readonly result: PushResult; readonly write?: undefined }
  | { readonly write: 'create'; readonly key: string; readonly values: CanonicalRow; readonly departmentId: string | null; readonly warnings: WireWarning[] }
  | {
      readonly write: 'update';
      readonly row: StoredRow;
      readonly values: CanonicalRow;
      readonly departmentId: string | null;
      readonly changes: FieldChange[];
      readonly warnings: WireWarning[];
    }
  | { readonly write: 'withdraw'; readonly row: StoredRow };

export interface Judge {
  readonly ledger: LedgerDef;
  readonly caller: Caller;
  readonly parse: ParseContext;
  /** A clerk's own group as its rows may name it (the claim; the registered id and name). */
  readonly ownGroup?: ReadonlySet<string>;
  /** The registry of departments; absent while it is empty (a fresh deployment keeps 责任单位 as text). */
  readonly departments?: DepartmentIndex;
  /** The registries' entries the push's rows name, for their warnings. */
  readonly registry?: TargetIndex;
}

export function current(row: StoredRow): CurrentRow {
  return { version: row.version, values: row.values, updatedAt: row.updatedAt, updatedBy: row.updatedBy, withdrawn: row.withdrawn };
}

/** Field-by-field differences in the ledger's column order; empty when the rows are equal. */
export function diffValues(ledger: LedgerDef, before: CanonicalRow, after: CanonicalRow): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of ledger.fields) {
    const o = before[f.key];
    const n = after[f.key];
    if (o === n) continue;
    changes.push({ field: f.key, ...(o !== undefined && { old: o }), ...(n !== undefined && { new: n }) });
  }
  return changes;
}

/** A clerk's rows belong to its own group unless it names another (docs/api.md#scope). */
function withDefaults(j: Judge, values: Record<string, unknown> | undefined): Record<string, unknown> {
  const v = values ?? {};
  const g = v.group;
  if (j.caller.role === 'clerk' && (g === undefined || g === null || (typeof g === 'string' && g.trim() === ''))) {
    return { ...v, group: j.caller.group };
  }
  return v;
}

type Validated = { values: CanonicalRow; departmentId: string | null; warnings: WireWarning[] } | { result: PushResult };

/** 责任单位 through the registry: the canonical name stored, its id kept, an unknown name an error. */
function resolveDepartment(j: Judge, values: CanonicalRow, errors: FieldError[]): string | null {
  if (j.departments === undefined) return null;
  const verdict = judgeDepartment(j.ledger, j.departments, values);
  if (verdict === undefined) return null;
  if ('error' in verdict) {
    if (!errors.some((e) => e.field === verdict.error.field)) errors.push(verdict.error);
    return null;
  }
  values.department = verdict.name;
  return verdict.id;
}

function validate(j: Judge, row: PushRow, allowed: (county: unknown) => boolean, id?: string): Validated {
  const parsed = parseRow(j.ledger, withDefaults(j, row.values), j.parse);
  const values: CanonicalRow = { ...parsed.values };
  const errors = [...parsed.errors];
  if (values.county !== undefined && !allowed(values.county)) {
    return { result: { key: row.key, status: 'forbidden', ...(id && { id }), message: joined(text.forbiddenCounty(String(values.county))) } };
  }
  // A clerk's new row is its own group's: filed under another group, that group would own it.
  if (
    id === undefined &&
    j.caller.role === 'clerk' &&
    values.group !== undefined &&
    values.group !== j.caller.group &&
    !j.ownGroup?.has(String(values.group))
  ) {
    return { result: { key: row.key, status: 'forbidden', fields: ['group'], message: joined(text.forbiddenGroup(j.caller.group!, String(values.group))) } };
  }
  const departmentId = resolveDepartment(j, values, errors);
  if (errors.length > 0) {
    const wire: WireError[] = errors.map((e) => ({ field: e.field, header: e.header, code: e.code, message: e.message, zh: e.zh, en: e.en }));
    return { result: { key: row.key, status: 'invalid', ...(id && { id }), errors: wire } };
  }
  const warnings =
    j.registry === undefined
      ? []
      : registryWarnings(j.ledger, values, j.registry).map((w) => ({ field: w.field, header: w.header, code: w.code, message: w.message, zh: w.zh, en: w.en }));
  return { values, departmentId, warnings };
}

/** A refusal of the rights (ledger/src/rights.ts) as the row's answer. */
function refused(j: Judge, key: string, id: string | undefined, v: Exclude<RightsVerdict, { ok: true }>): PushResult {
  if (v.kind === 'invalid') {
    const f = fieldOf(j.ledger, v.field) ?? { key: v.field, header: v.field };
    const error: WireError = { field: v.field, header: f.header, code: v.code, message: joined(v.reason), zh: v.reason.zh, en: v.reason.en };
    return { key, status: 'invalid', ...(id && { id }), errors: [error] };
  }
  const headers = v.fields.map((k) => fieldOf(j.ledger, k)).filter((f) => f !== undefined);
  const message =
    headers.length === 0
      ? v.reason
      : {
          zh: `不能修改${headers.map((f) => `「${f.header}」`).join('、')}：${v.reason.zh}`,
          en: `You may not change ${headers.map((f) => f.en).join(', ')}: ${v.reason.en}`,
        };
  return { key, status: 'forbidden', ...(id && { id }), ...(v.fields.length > 0 && { fields: [...v.fields] }), message: joined(message) };
}

/** The rights of the problems ledger: who may change what (the visits ledger has no handling). */
const judgedByRights = (j: Judge): boolean => j.ledger.name === 'problems';

/**
 * A row with no id: create it, unless its key already created one (a lost answer). Keys are
 * looked up among the caller's own rows only (store/paths.ts), so `existing` is a row this
 * account created; it may have been moved out of its scope since.
 */
export function judgeNew(j: Judge, row: PushRow, existing: StoredRow | undefined): Decision {
  if (existing) {
    if (!canRead(j.caller, existing.county)) {
      return { result: { key: row.key, status: 'forbidden', message: joined(text.forbiddenKey()) } };
    }
    return { result: { key: row.key, status: 'created', id: existing.id, version: existing.version, values: existing.values } };
  }
  if (j.caller.role === 'department') return { result: refused(j, row.key, undefined, judgeCreate(j.caller, {}) as Exclude<RightsVerdict, { ok: true }>) };
  const v = validate(j, row, (county) => canCreate(j.caller, county));
  if ('result' in v) return { result: v.result };
  if (judgedByRights(j)) {
    const verdict = judgeCreate(j.caller, v.values);
    if (!verdict.ok) return { result: refused(j, row.key, undefined, verdict) };
  }
  return { write: 'create', key: row.key, values: v.values, departmentId: v.departmentId, warnings: v.warnings };
}

/** A row with an id and a base version: update or withdraw it. */
export function judgeExisting(j: Judge, row: PushRow & { id: string; baseVersion: number }, stored: StoredRow | undefined): Decision {
  const { key, id, baseVersion } = row;
  const forbidden: Decision = { result: { key, status: 'forbidden', id, message: joined(text.forbiddenRow()) } };
  // Outside the caller's scope one answer, whether or not the row exists: the id names the
  // county it was numbered in, so `not_found` there would tell what exists in another county.
  if (!stored) return canRead(j.caller, idCounty(id)) ? { result: { key, status: 'not_found', id, message: joined(text.notFound(id)) } } : forbidden;
  if (!canReadRow(j.caller, stored)) return forbidden;
  if (stored.key !== key) return { result: { key, status: 'not_found', id, message: joined(text.keyMismatch(id)) } };
  if (!canModify(j.caller, stored)) return forbidden;

  const stale = baseVersion !== stored.version;
  if (row.withdraw) {
    if (judgedByRights(j)) {
      const verdict = judgeChange(j.caller, stored, 'withdraw');
      if (!verdict.ok) return { result: refused(j, key, id, verdict) };
    }
    if (stale) return { result: { key, status: 'conflict', id, current: current(stored) } };
    if (stored.withdrawn) return { result: { key, status: 'withdrawn', id, version: stored.version } };
    return { write: 'withdraw', row: stored };
  }
  if (stale || stored.withdrawn) return { result: { key, status: 'conflict', id, current: current(stored) } };

  const v = validate(j, row, (county) => canModify(j.caller, stored, county), id);
  if ('result' in v) return { result: v.result };
  const changes = diffValues(j.ledger, stored.values, v.values);
  if (changes.length === 0) return { result: { key, status: 'unchanged', id, version: stored.version } };
  if (judgedByRights(j)) {
    const verdict = judgeChange(j.caller, stored, v.values);
    if (!verdict.ok) return { result: refused(j, key, id, verdict) };
  }
  return { write: 'update', row: stored, values: v.values, departmentId: v.departmentId, changes, warnings: v.warnings };
}
