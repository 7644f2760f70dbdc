// The columns a synced sheet carries for the software's own use, at the right of the clerk's
// columns, and the sync states written into them. Shared by the add-in and the CLI so that a
// workbook synced by one can be synced by the other.

export type SystemKey = '_id' | '_version' | '_sync' | '_key' | '_hash';
/** The pulled list's own columns (LIST_SYSTEM_COLUMNS). */
export type ListSystemKey = '_duplicateOf';

export interface SystemColumn {
  readonly key: SystemKey | ListSystemKey;
  readonly header: string;
  readonly en: string;
  /** Headers it had before, still read in workbooks written then. */
  readonly formerHeaders?: readonly string[];
  readonly width: number;
  /** Excel number format: text ('@') for all but the version, so nothing becomes a formula. */
  readonly numberFormat: string;
}

/**
 * Headers say 〔系统〕 so a clerk sees at a glance that these are not theirs to type in. The
 * fingerprint is that of the canonical values at the last sync: a row whose values hash to
 * something else has been edited since, so only new and changed rows are sent.
 */
export const SYSTEM_COLUMNS: readonly SystemColumn[] = [
  { key: '_id', header: '编号〔系统〕', en: 'Id [system]', width: 22, numberFormat: '@' },
  { key: '_version', header: '版本〔系统〕', en: 'Version [system]', width: 8, numberFormat: '0' },
  { key: '_sync', header: '同步状态〔系统〕', en: 'Sync state [system]', width: 12, numberFormat: '@' },
  { key: '_key', header: '行标识〔系统〕', en: 'Row identity [system]', formerHeaders: ['行键〔系统〕', 'Row key [system]'], width: 38, numberFormat: '@' },
  { key: '_hash', header: '指纹〔系统〕', en: 'Fingerprint [system]', width: 8, numberFormat: '@' },
];

/**
 * Columns only a pulled list carries, right of the system columns: what the server says about
 * a row that is not the clerk's to type. 重复于〔系统〕 names the problem a coordinator linked
 * the row under as a repeat (docs/masterdata.md#likely-duplicates). A push never reads them.
 */
export const LIST_SYSTEM_COLUMNS: readonly SystemColumn[] = [
  { key: '_duplicateOf', header: '重复于〔系统〕', en: 'Duplicate of [system]', width: 22, numberFormat: '@' },
];

export const SYNC_STATES = {
  synced: { zh: '已同步', en: 'Synced' },
  invalid: { zh: '有错误', en: 'Has errors' },
  conflict: { zh: '冲突', en: 'Conflict' },
  forbidden: { zh: '无权限', en: 'Not allowed' },
  notFound: { zh: '已删除', en: 'Not found' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  /** On a pulled list: the row changed and no longer belongs to the list's filter or scope. */
  left: { zh: '已移出', en: 'Left this list' },
} as const;

export type SyncState = keyof typeof SYNC_STATES;

/** 冲突（台账中为第 7 版）: the conflict state with the version the report showed. */
const SHOWN_CONFLICT_BEFORE = `${SYNC_STATES.conflict.zh}（台账中为第 `;
const SHOWN_CONFLICT_AFTER = ' 版）';
/** The same as written by earlier versions, still read. */
const FORMER_CONFLICT_BEFORE = `${SYNC_STATES.conflict.zh}（服务器版本 `;
const FORMER_CONFLICT_AFTER = '）';

/**
 * The conflict state with the server version the report showed (every client writes it),
 * so that settling the conflict later can tell whether the server row is still the one the
 * clerk was shown.
 */
export function conflictState(serverVersion: number): string {
  return `${SHOWN_CONFLICT_BEFORE}${serverVersion}${SHOWN_CONFLICT_AFTER}`;
}

/** The server version a sync cell says a conflict was shown at; undefined when it names none. */
export function shownConflictVersion(cell: string): number | undefined {
  const forms: [string, string][] = [
    [SHOWN_CONFLICT_BEFORE, SHOWN_CONFLICT_AFTER],
    [FORMER_CONFLICT_BEFORE, FORMER_CONFLICT_AFTER],
  ];
  for (const [before, after] of forms) {
    if (!cell.startsWith(before) || !cell.endsWith(after)) continue;
    const digits = cell.slice(before.length, cell.length - after.length);
    return /^\d+$/.test(digits) ? Number(digits) : undefined;
  }
  return undefined;
}
