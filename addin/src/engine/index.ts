// The engine: what the task pane calls. Plain async functions over an Excel host and an
// API client; each returns a plain result (counts, errors by row, conflicts, sync stats).
export { createLedgerSheet, type CreatedSheet } from './createSheet';
export { check, selectError, type CheckResult } from './check';
export { push, type PushSummary } from './push';
export { resolveConflicts, type Choice, type Decision, type ResolveResult } from './conflicts';
export { diffRows, type Conflict, type FieldDiff } from '@taizhang/client';
export { pull, pullSheetName, type PullSummary } from './pull';
export { summary, type SummaryResult } from './summary';
export { noticeSheets, type NoticeSheetsResult } from './notice';
export { activeSheetName } from './activeSheet';
export { openRow, type OpenedRow } from './openRow';
export { DEPARTMENT_LIST_SHEET, listSheetName, LOCKED_FILL } from './rights';
export { FlowError } from './messages';
export type { FlowOptions, Phase } from './options';
export type { CellError, RowErrors } from './inspect';
export { findLayout, rowsOf } from './layout';
export { DEFAULT_CHUNK_ROWS } from './options';
export { fillTargetIntoSelectedRow, type FilledRow } from './fillTarget';
export { loadChoices, saveChoices } from './choices';
