// Likely duplicates of pushed problems (docs/masterdata.md#likely-duplicates): the live
// problems stored under the same target keys, found within the window of the pushed rows,
// read with one indexed query per 30 keys (never a scan), and the rows before it in the same
// push, judged by the ledger core.
// Never blocks a push: a row is stored whatever it finds.

import type { Firestore } from 'firebase-admin/firestore';
import {
  addDays,
  DUPLICATE_WINDOW_DAYS,
  likelyDuplicates,
  problemTargetKey,
  type AliasResolver,
  type DuplicateMatch,
  type DuplicateView,
} from '@taizhang/ledger';
import { paths } from '../store/paths';
import { queryParts } from '../store/disjunctions';

/** Candidates read per query at most: a target reported this often in two months is read no further. */
const CANDIDATES_PER_QUERY = 1000;

const CANDIDATE_FIELDS = [
  'id',
  'values.foundOn',
  'values.description',
  'values.category',
  'values.group',
  'values.county',
  'duplicateOf',
  'dismissedDuplicates',
  'targetKey',
];

/** A pushed problem about to be stored. */
export interface Subject {
  readonly id?: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly duplicateOf?: string | null;
  readonly dismissedDuplicates?: readonly string[];
}

/** The live problems stored under the target keys of the problems about to be stored. */
export interface Candidates {
  /** Each subject's target key (null: it names no target). */
  readonly keys: (string | null)[];
  readonly byKey: ReadonlyMap<string, readonly DuplicateView[]>;
  /** Documents read. */
  readonly reads: number;
}

export interface Detection {
  /** Each subject's target key (null: it names no target). */
  readonly keys: (string | null)[];
  /** Each subject's likely duplicates (empty when none). */
  readonly matches: DuplicateMatch[][];
  /** Documents read. */
  readonly reads: number;
}

function foundOnRange(subjects: readonly Subject[]): { from: string; to: string } | undefined {
  const days = subjects
    .map((s) => s.values.foundOn)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  if (days.length === 0) return undefined;
  return { from: addDays(days[0]!, -DUPLICATE_WINDOW_DAYS), to: addDays(days.at(-1)!, DUPLICATE_WINDOW_DAYS) };
}

/** Reads the candidates of the subjects by their values alone: a created row's id may still be to come. */
export async function readCandidates(db: Firestore, subjects: readonly Subject[], resolve?: AliasResolver): Promise<Candidates> {
  const keys = subjects.map((s) => problemTargetKey(s.values, resolve) ?? null);
  const byKey = new Map<string, Subject[]>();
  subjects.forEach((s, i) => {
    const k = keys[i];
    if (k === null || k === undefined) return;
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  });
  const candidates = new Map<string, DuplicateView[]>();
  let reads = 0;
  await Promise.all(
    queryParts([...byKey.keys()]).map(async (part) => {
      const range = foundOnRange(part.flatMap((k) => byKey.get(k)!));
      if (range === undefined) return;
      const snap = await paths
        .rows(db, 'problems')
        .where('targetKey', 'in', part)
        .where('withdrawn', '==', false)
        .where('values.foundOn', '>=', range.from)
        .where('values.foundOn', '<=', range.to)
        .select(...CANDIDATE_FIELDS)
        .limit(CANDIDATES_PER_QUERY)
        .get();
      reads += snap.size;
      for (const d of snap.docs) {
        const key = d.get('targetKey') as string;
        const dismissed = d.get('dismissedDuplicates') as unknown;
        const view: DuplicateView = {
          id: d.id,
          values: (d.get('values') ?? {}) as Record<string, unknown>,
          targetKey: key,
          duplicateOf: typeof d.get('duplicateOf') === 'string' ? (d.get('duplicateOf') as string) : null,
          dismissedDuplicates: Array.isArray(dismissed) ? (dismissed as string[]) : [],
        };
        candidates.set(key, [...(candidates.get(key) ?? []), view]);
      }
    }),
  );
  return { keys, byKey: candidates, reads };
}

/**
 * Each subject's likely duplicates among the stored candidates and the subjects before it:
 * two reports of one problem in the same push are judged as if pushed one after the other.
 */
export function matchDuplicates(subjects: readonly Subject[], candidates: Candidates): DuplicateMatch[][] {
  const views = subjects.map(
    (s, i): DuplicateView => ({
      id: s.id ?? '',
      values: s.values,
      targetKey: candidates.keys[i] ?? undefined,
      duplicateOf: s.duplicateOf ?? null,
      dismissedDuplicates: s.dismissedDuplicates ?? [],
    }),
  );
  return views.map((view, i) => {
    const key = view.targetKey;
    if (key === undefined) return [];
    // The pushed values first: a stored row this push also changes is judged as it will be.
    const earlier = views.slice(0, i).filter((v) => v.targetKey === key);
    return likelyDuplicates(view, [...earlier, ...(candidates.byKey.get(key) ?? [])]);
  });
}

export async function detectDuplicates(db: Firestore, subjects: readonly Subject[], resolve?: AliasResolver): Promise<Detection> {
  const candidates = await readCandidates(db, subjects, resolve);
  return { keys: candidates.keys, matches: matchDuplicates(subjects, candidates), reads: candidates.reads };
}
