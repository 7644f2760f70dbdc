// Data a deployed project's older rows lack, filled in once when it takes a version that
// expects them: the counties a row has been in, and the registry id of its 责任单位. Idempotent and safe beside live traffic: run it before deploying the functions
// and once more after (rows the old instances wrote meanwhile).
//
// counties (every county a row has been in, for since-pulls that name rows which left a
// county): a row stored before the field existed gets its current county. arrayUnion, so a
// push that changes the row meanwhile loses nothing; updatedAt is left alone, so no pull sees
// the row as changed.
//
// The problems' kept statistics (docs/data-model.md#statistics): a row stored before them is
// counted, row by row beside live pushes (stats/rebuild.ts); once every row is,
// getStats answers from them instead of reading the rows.

import { FieldPath, FieldValue, type Firestore } from 'firebase-admin/firestore';
import {
  ASSIGNED_STATUSES,
  deadlineHolders,
  departmentIndex,
  inboxLabels,
  LEDGER_NAMES,
  statDelta,
  type CellCounts,
  type DepartmentIndex,
  type LedgerName,
} from '@taizhang/ledger';
import { listDepartments } from '../departments/store';
import { stampsOf } from '../store/rowDoc';
import { countOlderRows } from '../stats/rebuild';
import { shardOf, stageStatDelta } from '../stats/store';

export interface MigrationReport {
  readonly ledger: LedgerName;
  /** Row documents looked at. */
  readonly rows: number;
  /** Of them, the ones given `counties`. */
  readonly migrated: number;
  /** Of them, the ones counted now in the kept statistics (the problems only). */
  readonly counted: number;
}

/** Rows read per query; each page's updates go in one batch (Firestore's limit is 500 writes). */
const PAGE = 500;

export async function migrateRows(db: Firestore, page = PAGE): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  for (const ledger of LEDGER_NAMES) {
    let rows = 0;
    let migrated = 0;
    let after: string | undefined;
    for (;;) {
      let q = db.collection(ledger).orderBy(FieldPath.documentId()).select('values.county', 'counties').limit(page);
      if (after !== undefined) q = q.startAfter(after);
      const snap = await q.get();
      const batch = db.batch();
      let writes = 0;
      for (const doc of snap.docs) {
        const county = doc.get('values.county');
        if (doc.get('counties') !== undefined || typeof county !== 'string') continue;
        batch.update(doc.ref, { counties: FieldValue.arrayUnion(county) });
        writes++;
      }
      if (writes > 0) await batch.commit();
      rows += snap.size;
      migrated += writes;
      if (snap.size < page) break;
      after = snap.docs[snap.size - 1]!.id;
    }
    const counted = ledger === 'problems' ? (await countOlderRows(db, ledger)).counted : 0;
    reports.push({ ledger, rows, migrated, counted });
  }
  return reports;
}

// ---------------------------------------------------------------------------------------
// 责任单位 written as free text before the registry existed (docs/workflow.md#departments):
// each is looked up by name or alias through the ledger core's index. A row it finds gets
// the department's id and, as a push would, its to-do labels; a name other than the
// canonical one is rewritten to it as a recorded change (a new version, a revision, updatedAt),
// so pulls bring the name and a department's push of its row does not read as changing the
// column. Names it cannot find are counted for an administrator to add as other names.

export interface UnmappedDepartment {
  /** The name as stored. */
  readonly value: string;
  /** Rows that name it. */
  readonly count: number;
}

export interface DepartmentMigrationReport {
  /** Problem rows looked at. */
  readonly rows: number;
  /** Rows given a departmentId. */
  readonly mapped: number;
  /** Of them, the ones whose 责任单位 was rewritten to the canonical name. */
  readonly renamed: number;
  /** Names the registry does not know, most rows first. */
  readonly unmapped: UnmappedDepartment[];
  /** The registry has no department: nothing can be mapped yet. */
  readonly registryEmpty?: true;
}

/** Who a revision written by the migration names. */
export const MIGRATION_AUTHOR = '责任单位名录对应（系统）';

interface PageResult {
  readonly size: number;
  readonly lastId?: string;
  readonly mapped: number;
  readonly renamed: number;
  readonly unmapped: readonly string[];
}

/** One page of problems mapped in one batch; every row written only if no push changed it since it was read. */
async function mapPage(db: Firestore, index: DepartmentIndex, page: number, after: string | undefined): Promise<PageResult> {
  let q = db.collection('problems').orderBy(FieldPath.documentId()).limit(page);
  if (after !== undefined) q = q.startAfter(after);
  const snap = await q.get();
  const batch = db.batch();
  // A counted row moves to its department in the kept statistics in the same commit.
  const stats: CellCounts = new Map();
  const unmapped: string[] = [];
  let mapped = 0;
  let renamed = 0;
  for (const doc of snap.docs) {
    const d = doc.data();
    const values = (d.values ?? {}) as Record<string, unknown>;
    const written = values.department;
    if (typeof written !== 'string' || typeof d.departmentId === 'string') continue;
    const found = index.find(written);
    if (found === undefined) {
      unmapped.push(written);
      continue;
    }
    const next: Record<string, unknown> = { ...values, department: found.name };
    const duplicateOf = typeof d.duplicateOf === 'string' ? d.duplicateOf : null;
    const possibleDuplicates = Array.isArray(d.possibleDuplicates) ? (d.possibleDuplicates as string[]) : [];
    const row = {
      values: next,
      ownerGroup: (d.ownerGroup ?? null) as string | null,
      departmentId: found.id,
      withdrawn: d.withdrawn === true,
      stamps: stampsOf(d),
      duplicateOf,
      possibleDuplicates,
    };
    const update: Record<string, unknown> = { departmentId: found.id, inbox: inboxLabels(row), deadlineHolders: deadlineHolders(row) };
    if (ASSIGNED_STATUSES.includes(next.status)) update.assignedDepartments = FieldValue.arrayUnion(found.id);
    if (found.name !== written) {
      const version = (d.version as number) + 1;
      const now = FieldValue.serverTimestamp();
      Object.assign(update, { values: next, version, updatedAt: now, updatedBy: MIGRATION_AUTHOR });
      batch.create(doc.ref.collection('revisions').doc(String(version).padStart(6, '0')), {
        version,
        action: 'updated',
        at: now,
        by: MIGRATION_AUTHOR,
        key: d.key,
        changes: [{ field: 'department', old: written, new: found.name }],
      });
      renamed++;
    }
    batch.update(doc.ref, update, { lastUpdateTime: doc.updateTime });
    if (d.inStats === true) {
      const withdrawn = d.withdrawn === true;
      statDelta(
        { values, departmentId: null, withdrawn, duplicateOf, stamps: row.stamps },
        { values: next, departmentId: found.id, withdrawn, duplicateOf, stamps: row.stamps },
        stats,
      );
    }
    mapped++;
  }
  if (mapped > 0) {
    stageStatDelta(batch, db, 'problems', stats, shardOf(`migrate-${snap.docs[0]!.id}`));
    await batch.commit();
  }
  return { size: snap.size, ...(snap.size > 0 && { lastId: snap.docs[snap.size - 1]!.id }), mapped, renamed, unmapped };
}

/** Firestore's answers when a row changed between the read and the write. */
function changedMeanwhile(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 9 || code === 10 || code === 'failed-precondition' || code === 'aborted';
}

const PAGE_TRIES = 5;

export async function migrateDepartments(db: Firestore, page = PAGE): Promise<DepartmentMigrationReport> {
  const registry = await listDepartments(db);
  if (registry.length === 0) return { rows: 0, mapped: 0, renamed: 0, unmapped: [], registryEmpty: true };
  const index = departmentIndex(registry);
  const unmapped = new Map<string, number>();
  let rows = 0;
  let mapped = 0;
  let renamed = 0;
  let after: string | undefined;
  for (;;) {
    let r: PageResult | undefined;
    // A push that changed a row of the page meanwhile wins; the page is read and mapped again.
    for (let i = 0; r === undefined; i++) {
      try {
        r = await mapPage(db, index, page, after);
      } catch (e) {
        if (!changedMeanwhile(e) || i + 1 >= PAGE_TRIES) throw e;
      }
    }
    rows += r.size;
    mapped += r.mapped;
    renamed += r.renamed;
    for (const v of r.unmapped) unmapped.set(v, (unmapped.get(v) ?? 0) + 1);
    if (r.size < page) break;
    after = r.lastId;
  }
  const list = [...unmapped.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'zh-Hans-CN'));
  return { rows, mapped, renamed, unmapped: list };
}

/** What `admin migrate` says of the departments, in Chinese and English. */
export function departmentMigrationText(r: DepartmentMigrationReport): string {
  if (r.registryEmpty)
    return '责任单位名录为空，责任单位未对应；请先导入名录（taizhang admin departments import）后重新运行 / The register of departments is empty, so no department was mapped; import it (taizhang admin departments import) and run again\n';
  const lines = [
    `责任单位：查看 ${r.rows} 行，对应到名录 ${r.mapped} 行（其中 ${r.renamed} 行改为名录中的名称） / departments: ${r.rows} rows looked at, ${r.mapped} mapped to the register (${r.renamed} renamed to its name)`,
  ];
  if (r.unmapped.length > 0) {
    lines.push(
      '以下名称未能对应到责任单位名录，请在名录中添加为其他名称后重新运行 / These names match no department of the register; add them as other names and run again:',
    );
    for (const u of r.unmapped) lines.push(`  ${u.value}（${u.count} 行） / "${u.value}" (${u.count} ${u.count === 1 ? 'row' : 'rows'})`);
  }
  return `${lines.join('\n')}\n`;
}
