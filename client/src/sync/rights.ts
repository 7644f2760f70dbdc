// Before a push: which changed rows the account may not make, judged by the ledger core's
// rights module (the same one the server judges every push with) against the row as the
// server last gave it. A refused row is reported like an invalid one, on the columns it may
// not change, and is not sent; the server stays the judge of everything not known here.

import {
  columnLetters,
  editableFields,
  isCityOffice,
  judgeChange,
  LEDGERS,
  SYNC_STATES,
  type CanonicalRow,
  type Caller,
  type StoredRow,
} from '@taizhang/ledger';
import type { ApiClient } from '../api/client';
import type { Profile } from '../api/types';
import type { SheetColumns } from '../sheet/model';
import type { Outgoing } from './outcome';
import type { CellError, PushPlan, RowErrors } from './plan';

/** Every level a problem can be at, and none yet. */
const LEVELS: readonly unknown[] = [...(LEDGERS.problems.fields.find((f) => f.key === 'level')!.type as { options: readonly string[] }).options, undefined];

/** The account as the rights module knows it, from its profile. */
export function callerOf(p: { readonly role: Caller['role']; readonly county?: string; readonly group?: string; readonly department?: string }): Caller {
  return {
    role: p.role,
    ...(p.county !== undefined && { county: p.county }),
    ...(p.group !== undefined && { group: p.group }),
    ...(p.department !== undefined && { department: p.department }),
  };
}

/** Problem columns the account can change on no problem at all: what a sheet's header marks. */
export function lockedFields(c: Caller): string[] {
  const open = new Set(LEVELS.flatMap((l) => [...editableFields(c, l)]));
  return LEDGERS.problems.fields.map((f) => f.key).filter((k) => !open.has(k));
}

/** Whether any change this account makes could be refused (the city office may change anything). */
export function mayBeRefused(c: Caller): boolean {
  return !isCityOffice(c);
}

/** The server's row of an outgoing row, as last pulled. */
export interface BaseRow {
  readonly version: number;
  readonly values: CanonicalRow;
  readonly departmentId?: string | null;
}

export interface RightsJudgement {
  /** The rows still to send. */
  readonly outgoing: Outgoing[];
  /** Rows refused, with the columns they may not change (or the row's first column). */
  readonly refused: RowErrors[];
}

/**
 * Judges each outgoing row that updates a stored problem whose server row is known at the
 * version the sheet holds (a row changed on the server since is the server's to answer: a
 * conflict, never a refusal of what someone else changed). The
 * row's owner is not known to a client: the rights are judged as for the account's own row,
 * and whose row it is stays the server's to say.
 */
export function judgeOutgoing(cols: SheetColumns, outgoing: readonly Outgoing[], c: Caller, bases: ReadonlyMap<string, BaseRow>): RightsJudgement {
  if (cols.ledger.name !== 'problems' || !mayBeRefused(c)) return { outgoing: [...outgoing], refused: [] };
  const keep: Outgoing[] = [];
  const refused: RowErrors[] = [];
  for (const o of outgoing) {
    const base = o.id ? bases.get(o.id) : undefined;
    if (!base || base.version !== o.version) {
      keep.push(o);
      continue;
    }
    const stored: StoredRow = {
      values: base.values,
      ownerGroup: c.role === 'clerk' ? (c.group ?? null) : null,
      departmentId: c.role === 'department' ? (c.department ?? null) : (base.departmentId ?? null),
    };
    const v = judgeChange(c, stored, o.values);
    if (v.ok) {
      keep.push(o);
      continue;
    }
    const fields = v.kind === 'forbidden' ? v.fields : [v.field];
    const where = fields.length > 0 ? fields : [cols.fields[0]?.def.key ?? 'county'];
    refused.push({ row: o.row, key: o.key, errors: where.map((field) => rightsError(cols, o.row, field, v.reason)) });
  }
  return { outgoing: keep, refused };
}

function rightsError(cols: SheetColumns, row: number, field: string, reason: { zh: string; en: string }): CellError {
  const def = cols.ledger.fields.find((f) => f.key === field);
  const header = def?.header ?? field;
  const col = cols.fieldCol.get(field);
  const zh = `「${header}」：${reason.zh}`;
  const en = `${def?.en ?? field}: ${reason.en}`;
  return { row, address: col === undefined ? null : `${columnLetters(col)}${row}`, field, header, code: 'rule', zh, en, message: `${zh} / ${en}` };
}

/**
 * The server's rows of the account's own list: a department's assigned problems, a clerk's
 * group's, a county coordinator's county (the server scopes every pull to what it may read).
 */
export async function loadBases(api: ApiClient, profile: Profile, signal?: AbortSignal): Promise<Map<string, BaseRow>> {
  const filter = profile.role === 'clerk' && profile.group ? { group: profile.group } : {};
  const { rows } = await api.pullAll({ ledger: 'problems', ...(Object.keys(filter).length > 0 && { filter }), pageSize: 5000 }, signal ? { signal } : {});
  const out = new Map<string, BaseRow>();
  for (const r of rows) if (!r.withdrawn) out.set(r.id, { version: r.version, values: r.values });
  return out;
}

/**
 * A push plan with the changes the account may not make taken out before anything is sent:
 * each becomes a row with errors (有错误, the reason on the columns it may not change), as
 * an invalid row is. The server's rows are read only when a changed stored problem could be
 * refused.
 */
export async function refuseByRights<P extends PushPlan>(
  plan: P,
  api: ApiClient,
  profile: Profile,
  signal?: AbortSignal,
): Promise<{ plan: P; refused: RowErrors[] }> {
  const caller = callerOf(profile);
  if (plan.cols.ledger.name !== 'problems' || !mayBeRefused(caller) || !plan.outgoing.some((o) => o.id)) return { plan, refused: [] };
  const judged = judgeOutgoing(plan.cols, plan.outgoing, caller, await loadBases(api, profile, signal));
  if (judged.refused.length === 0) return { plan, refused: [] };
  const sync = plan.cols.sysCol._sync;
  return {
    plan: {
      ...plan,
      valid: plan.valid - judged.refused.length,
      invalid: [...plan.invalid, ...judged.refused].sort((a, b) => a.row - b.row),
      outgoing: judged.outgoing,
      writes: [...plan.writes, ...judged.refused.map((r) => ({ row: r.row, col: sync, value: SYNC_STATES.invalid.zh, numFmt: '@' }))],
    },
    refused: judged.refused,
  };
}
