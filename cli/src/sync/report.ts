// What `taizhang push` says: the check report (invalid rows exactly as `taizhang check` shows
// them: they were not sent), then what was sent and what the server answered. Text for a
// clerk, or one JSON object with --json.

import { LEDGERS, type CanonicalValue } from '@taizhang/ledger';
import { formatReport, toJson, type CheckJson } from '../check/report';
import type { PushPlan } from './plan';
import type { PushOutcome } from './push';
import type { Settlement } from './resolve';

export interface PushJson extends CheckJson {
  readonly out: string;
  readonly sent: number;
  readonly notSent: { readonly unchanged: number; readonly invalid: number };
  readonly counts: PushOutcome['counts'];
  readonly conflicts: readonly {
    row: number; key: string; id: string; version: number; updatedBy: string; updatedAt: string;
    diff: readonly { field: string; header: string; mine: CanonicalValue | null; theirs: CanonicalValue | null }[];
  }[];
  readonly forbidden: PushOutcome['forbidden'];
  readonly serverInvalid: readonly { row: number; key: string; errors: readonly { field: string; code: string; message: string }[] }[];
  readonly notFound: PushOutcome['notFound'];
  /** With --keep-mine / --take-theirs: the conflicts settled, and rows named but not in conflict. */
  readonly settled?: Settlement;
  readonly error?: string;
}

function invalidRows(plan: PushPlan): number {
  return new Set(plan.inspection.report.errors.map((e) => e.row)).size;
}

export function pushJson(plan: PushPlan, o: PushOutcome, out: string, settled?: Settlement): PushJson {
  return {
    ...toJson(plan.inspection.report),
    out,
    sent: o.sent,
    notSent: { unchanged: plan.unchanged, invalid: invalidRows(plan) },
    counts: o.counts,
    conflicts: o.conflicts.map((c) => ({
      row: c.row, key: c.key, id: c.id, version: c.current.version, updatedBy: c.current.updatedBy, updatedAt: c.current.updatedAt,
      diff: c.diff.map((d) => ({ field: d.field, header: d.header, mine: d.mine ?? null, theirs: d.theirs ?? null })),
    })),
    forbidden: o.forbidden,
    serverInvalid: o.serverInvalid.map((s) => ({ row: s.row, key: s.key, errors: s.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })) })),
    notFound: o.notFound,
    ...(settled && { settled }),
    ...(o.error && { error: o.error.message }),
  };
}

const STATUS_NAMES: Record<string, string> = {
  created: '新增 created', updated: '更新 updated', unchanged: '无变化 unchanged', withdrawn: '撤回 withdrawn',
  conflict: '冲突 conflict', invalid: '有错误 invalid', forbidden: '无权限 forbidden', not_found: '已删除 not found',
};

function shown(v: CanonicalValue | undefined): string {
  return v === undefined ? '（空）/ (empty)' : JSON.stringify(v);
}

const rowList = (rows: readonly number[]) => rows.join(', ');

export function formatPush(plan: PushPlan, o: PushOutcome, file: string, out: string, settled?: Settlement): string {
  const lines = [formatReport(plan.inspection.report, file).trimEnd(), ''];
  const counts = Object.entries(o.counts).map(([k, n]) => `${STATUS_NAMES[k] ?? k} ${n}`).join('，');
  lines.push(
    `上报 / Push: 发送 ${o.sent} 行 / ${o.sent} rows sent${counts ? `（${counts}）` : ''}`,
    `  未发送 / not sent: 已同步且未改动 ${plan.unchanged} 行 / ${plan.unchanged} unchanged since the last sync；有错误 ${invalidRows(plan)} 行 / ${invalidRows(plan)} invalid`,
  );
  if (settled) {
    if (settled.keptMine.length > 0) lines.push(`  冲突以本表为准，已再次上报 / conflicts settled with the workbook's values, pushed again: 第 ${rowList(settled.keptMine)} 行 / rows ${rowList(settled.keptMine)}`);
    if (settled.tookTheirs.length > 0) lines.push(`  冲突采用服务器的内容，已写回 / conflicts settled with the server's values, written back: 第 ${rowList(settled.tookTheirs)} 行 / rows ${rowList(settled.tookTheirs)}`);
    if (settled.notInConflict.length > 0) lines.push(`  这些行没有冲突，未作处理 / not in conflict, nothing done: 第 ${rowList(settled.notInConflict)} 行 / rows ${rowList(settled.notInConflict)}`);
  }
  if (o.conflicts.length > 0) {
    lines.push('', `冲突 / Conflicts (${o.conflicts.length})：他人已修改，未覆盖任何一方 / changed by someone else; nothing was overwritten`);
    const ledger = plan.ledger;
    for (const c of o.conflicts) {
      lines.push(`  第 ${c.row} 行 / Row ${c.row}  ${c.id}：服务器版本 / server version ${c.current.version}，${c.current.updatedBy} ${c.current.updatedAt}`);
      for (const d of c.diff) {
        const en = ledger.fields.find((f) => f.key === d.field)?.en ?? d.field;
        lines.push(`    ${d.header} / ${en}：本表 / mine ${shown(d.mine)}；服务器 / server ${shown(d.theirs)}`);
      }
    }
    const rows = rowList(o.conflicts.map((c) => c.row));
    lines.push(
      `  解决 / To resolve：再次上报并选择保留哪一方：--keep-mine ${rows}（以本表为准）或 --take-theirs ${rows}（采用服务器的内容），也可在加载项中选择`,
      `    push again choosing a side: --keep-mine ${rows} (the workbook's values) or --take-theirs ${rows} (the server's), or choose in the add-in`,
    );
  }
  if (o.forbidden.length > 0) {
    lines.push('', `无权限 / Not allowed (${o.forbidden.length})`);
    for (const f of o.forbidden) lines.push(`  第 ${f.row} 行 / Row ${f.row}：${f.message}`);
  }
  if (o.serverInvalid.length > 0) {
    lines.push('', `服务器判为有错误 / Rejected by the server (${o.serverInvalid.length})`);
    for (const s of o.serverInvalid) for (const e of s.errors) lines.push(`  第 ${s.row} 行 / Row ${s.row}  ${e.header}：${e.zh}`, `        ${e.en}`);
  }
  if (o.notFound.length > 0) {
    lines.push('', `服务器上已没有 / No longer on the server (${o.notFound.length})`);
    for (const n of o.notFound) lines.push(`  第 ${n.row} 行 / Row ${n.row}：${n.id}`);
  }
  lines.push('', `已写入 / Written: ${out}（${LEDGERS[plan.ledger.name].title}，工作表 / sheet ${plan.sheet}）`);
  return lines.join('\n') + '\n';
}
