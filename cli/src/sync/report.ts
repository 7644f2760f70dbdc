// What `taizhang push` says: the check report (invalid rows exactly as `taizhang check` shows
// them: they were not sent), then what was sent and what the server answered. Text for a
// clerk, or one JSON object with --json.

import { LEDGERS, withField, type CanonicalValue, type LedgerDef } from '@taizhang/ledger';
import type { Conflict, PushTally } from '@taizhang/client';
import { formatReport, toJson, type CheckJson } from '../check/report';
import type { PushPlan } from './plan';
import type { Settlement } from './resolve';

export interface PushJson extends CheckJson {
  readonly out: string;
  readonly sent: number;
  readonly notSent: { readonly unchanged: number; readonly invalid: number };
  /** Each sent row's last answer (a settled conflict's: its second answer, or none when taken). */
  readonly counts: PushTally['counts'];
  readonly conflicts: readonly ConflictJson[];
  readonly forbidden: PushTally['forbidden'];
  readonly serverInvalid: readonly { row: number; key: string; errors: readonly { field: string; code: string; message: string }[] }[];
  readonly notFound: PushTally['notFound'];
  /** Stored rows the server warned about (the registry disagrees). */
  readonly serverWarnings: readonly { row: number; key: string; warnings: readonly { field: string; code: string; message: string }[] }[];
  /** Stored rows that likely repeat a problem another group reported: the row, its id, the others. */
  readonly duplicates: readonly {
    row: number;
    key: string;
    id: string;
    matches: readonly { id: string; group: string; county: string; similarity: number }[];
  }[];
  /** With --keep-mine / --take-theirs: what was settled (with what it overwrote), and what was not. */
  readonly settled?: {
    readonly keptMine: readonly ConflictJson[];
    readonly tookTheirs: readonly ConflictJson[];
    readonly unseen: readonly number[];
    readonly withdrawn: readonly number[];
    readonly notInConflict: readonly number[];
  };
  readonly error?: string;
}

interface ConflictJson {
  row: number;
  key: string;
  id: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
  diff: readonly { field: string; header: string; mine: CanonicalValue | null; theirs: CanonicalValue | null }[];
}

function conflictJson(c: Conflict): ConflictJson {
  return {
    row: c.row,
    key: c.key,
    id: c.id,
    version: c.current.version,
    updatedBy: c.current.updatedBy,
    updatedAt: c.current.updatedAt,
    diff: c.diff.map((d) => ({ field: d.field, header: d.header, mine: d.mine ?? null, theirs: d.theirs ?? null })),
  };
}

/** The command's JSON: the core's report (PushPlan, PushTally) as CLI docs specify it. */
export function pushJson(plan: PushPlan, o: PushTally, out: string, settled?: Settlement): PushJson {
  return {
    ...toJson(plan.report),
    out,
    sent: o.sent,
    notSent: { unchanged: plan.unchanged, invalid: plan.invalid.length },
    counts: o.counts,
    conflicts: o.conflicts.map(conflictJson),
    forbidden: o.forbidden,
    serverInvalid: o.serverInvalid.map((s) => ({
      row: s.row,
      key: s.key,
      errors: s.errors.map((e) => ({ field: e.field, code: e.code, message: e.message })),
    })),
    notFound: o.notFound,
    serverWarnings: o.serverWarnings.map((s) => ({
      row: s.row,
      key: s.key,
      warnings: s.warnings.map((w) => ({ field: w.field, code: w.code, message: w.message })),
    })),
    duplicates: o.duplicates,
    ...(settled && { settled: { ...settled, keptMine: settled.keptMine.map(conflictJson), tookTheirs: settled.tookTheirs.map(conflictJson) } }),
    ...(o.error && { error: o.error.message }),
  };
}

const STATUS_NAMES: Record<string, string> = {
  created: '新增 created',
  updated: '更新 updated',
  unchanged: '无变化 unchanged',
  withdrawn: '撤回 withdrawn',
  conflict: '冲突 conflict',
  invalid: '有错误 invalid',
  forbidden: '无权限 forbidden',
  not_found: '已删除 not found',
};

function shown(v: CanonicalValue | undefined): string {
  return v === undefined ? '（空）/ (empty)' : JSON.stringify(v);
}

const rowList = (rows: readonly number[]) => rows.join(', ');

/** A conflict: the row, who changed it on the server, and each field on both sides. */
function conflictLines(ledger: LedgerDef, c: Conflict): string[] {
  const lines = [
    `  第 ${c.row} 行 / Row ${c.row}  ${c.id}：台账中为第 ${c.current.version} 版 / version ${c.current.version} in the ledger，${c.current.updatedBy} ${c.current.updatedAt}`,
  ];
  for (const d of c.diff) {
    const en = ledger.fields.find((f) => f.key === d.field)?.en ?? d.field;
    lines.push(`    ${d.header} / ${en}：本表 / mine ${shown(d.mine)}；台账 / ledger ${shown(d.theirs)}`);
  }
  return lines;
}

/** What --keep-mine / --take-theirs did, with every value that one side replaced on the other. */
function settlementLines(ledger: LedgerDef, s: Settlement): string[] {
  const lines: string[] = [];
  const rows = (title: string, list: readonly number[]) => {
    if (list.length > 0) lines.push(`  ${title}: 第 ${rowList(list)} 行 / rows ${rowList(list)}`);
  };
  if (s.keptMine.length > 0) {
    lines.push(
      '',
      `冲突以本表为准，已再次上报，台账中的以下内容被覆盖 / Conflicts settled with the workbook's values, pushed again; in the ledger they replaced:`,
    );
    for (const c of s.keptMine) lines.push(...conflictLines(ledger, c));
  }
  if (s.tookTheirs.length > 0) {
    lines.push('', `冲突以台账为准，本表的以下内容被替换 / Conflicts settled with the ledger's values; in the workbook they replaced:`);
    for (const c of s.tookTheirs) lines.push(...conflictLines(ledger, c));
  }
  rows(
    '这些行的冲突本次才出现，未作处理（含报告显示后台账中又被修改的行），请看过下面的差异后再次上报 / in conflict for the first time, or changed in the ledger since the report showed them; left open: see the differences below, then push again',
    s.unseen,
  );
  rows("这些行在台账中已撤回，无法以本表为准 / withdrawn from the ledger, so the workbook's values cannot be kept", s.withdrawn);
  rows('这些行没有冲突，未作处理 / not in conflict, nothing done', s.notInConflict);
  return lines;
}

export function formatPush(plan: PushPlan, o: PushTally, file: string, out: string, settled?: Settlement): string {
  const lines = [formatReport(plan.report, file).trimEnd(), ''];
  const counts = Object.entries(o.counts)
    .map(([k, n]) => `${STATUS_NAMES[k] ?? k} ${n}`)
    .join('，');
  lines.push(
    `上报 / Push: 发送 ${o.sent} 行 / ${o.sent} rows sent${counts ? `（${counts}）` : ''}`,
    `  未发送 / not sent: 已同步且未改动 ${plan.unchanged} 行 / ${plan.unchanged} unchanged since the last sync；有错误 ${plan.invalid.length} 行 / ${plan.invalid.length} invalid`,
  );
  if (settled) lines.push(...settlementLines(plan.cols.ledger, settled));
  if (o.conflicts.length > 0) {
    lines.push('', `冲突 / Conflicts (${o.conflicts.length})：他人已修改，未覆盖任何一方 / changed by someone else; nothing was overwritten`);
    for (const c of o.conflicts) lines.push(...conflictLines(plan.cols.ledger, c));
    const rows = o.conflicts.map((c) => c.row).join(','); // as the options take them
    lines.push(
      `  解决 / To resolve：再次上报并选择保留哪一方：--keep-mine ${rows}（以本表为准）或 --take-theirs ${rows}（以台账为准），也可在加载项中选择`,
      `    push again choosing a side: --keep-mine ${rows} (the workbook's values) or --take-theirs ${rows} (the ledger's), or choose in the add-in`,
    );
  }
  if (o.forbidden.length > 0) {
    lines.push('', `无权限 / Not allowed (${o.forbidden.length})`);
    for (const f of o.forbidden) lines.push(`  第 ${f.row} 行 / Row ${f.row}：${f.message}`);
  }
  if (o.serverInvalid.length > 0) {
    lines.push('', `未通过台账系统校验，未保存 / Did not pass the ledger's checks, not stored (${o.serverInvalid.length})`);
    for (const s of o.serverInvalid)
      for (const e of s.errors) lines.push(`  第 ${s.row} 行 / Row ${s.row}  ${withField(e.header, e.zh)}`, `        ${withField(e.header, e.en)}`);
  }
  if (o.serverWarnings.length > 0) {
    lines.push('', `台账系统提示（已保存，不影响上报）/ Notes from the ledger (stored all the same) (${o.serverWarnings.length})`);
    for (const s of o.serverWarnings)
      for (const w of s.warnings) lines.push(`  ~ 第 ${s.row} 行 / Row ${s.row}  ${withField(w.header, w.zh)}`, `        ${withField(w.header, w.en)}`);
  }
  if (o.duplicates.length > 0) lines.push(...duplicateLines(o.duplicates));
  if (o.notFound.length > 0) {
    lines.push('', `台账中已没有 / No longer in the ledger (${o.notFound.length})`);
    for (const n of o.notFound) lines.push(`  第 ${n.row} 行 / Row ${n.row}：${n.id}`);
  }
  lines.push('', `已写入 / Written: ${out}（${LEDGERS[plan.cols.ledger.name].title}，工作表 / sheet ${plan.sheet}）`);
  return lines.join('\n') + '\n';
}

/** Rows that likely repeat another report: stored all the same, for a coordinator to link or dismiss. */
export function duplicateLines(rows: PushTally['duplicates']): string[] {
  const lines = ['', `疑似重复（已保存，由协调员判定）/ Likely duplicates (stored all the same; a coordinator decides) (${rows.length})`];
  for (const r of rows) {
    for (const d of r.matches) {
      const percent = Math.round(d.similarity * 100);
      lines.push(
        `  ≈ 第 ${r.row} 行 / Row ${r.row}  ${r.id} 与 ${d.county}「${d.group}」上报的 ${d.id} 相似 ${percent}% / resembles ${d.id} reported by ${d.group}, ${d.county} (${percent}%)`,
      );
    }
  }
  lines.push(
    '  协调员可用 taizhang duplicate mark --id <编号> --of <编号> 标记重复，或 taizhang duplicate dismiss 标记不是重复',
    '    a coordinator links them with taizhang duplicate mark --id <id> --of <id>, or records they differ with taizhang duplicate dismiss',
  );
  return lines;
}
