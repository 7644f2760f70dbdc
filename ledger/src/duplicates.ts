// Likely duplicates (docs/masterdata.md#likely-duplicates): the same problem reported by the
// county's group and the city's sector team. A pushed problem is compared with the live
// problems serving the same target (one target key) found within 60 days of it; a coordinator
// then links it to the one it repeats, or records that they are not the same. Pure: the store
// reads the candidates by their key and calls these.

import { daysBetween } from './types/date';
import { DUPLICATE_WINDOW_DAYS, isLikelyDuplicate, serviceTargetKey, textSimilarity, type AliasResolver } from './names';
import type { Bilingual } from './messages';
import type { DuplicateMatch } from './wire';

/** The answer lists at most this many likely duplicates. */
export const MAX_DUPLICATES = 3;

/** A problem as detection sees it. */
export interface DuplicateView {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
  /** The root it is linked under, if any. */
  readonly duplicateOf?: string | null;
  /** Rows a coordinator said are not the same problem. */
  readonly dismissedDuplicates?: readonly string[];
  readonly withdrawn?: boolean;
  /** Its stored target key, when read from the store (the registry may have learnt names since). */
  readonly targetKey?: string;
}

/** The target key of a problem row (the credit code, else county and name; an alias maps to its entry). */
export function problemTargetKey(values: Readonly<Record<string, unknown>>, resolve?: AliasResolver): string | undefined {
  return serviceTargetKey(values, resolve);
}

/** Whether two found-on days are within the window of each other (either order). */
export function foundWithinWindow(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const d = daysBetween(a, b);
  return Number.isFinite(d) && Math.abs(d) <= DUPLICATE_WINDOW_DAYS;
}

/** The root a row counts under: the row it is linked to, else itself. */
export const rootOf = (r: Pick<DuplicateView, 'id' | 'duplicateOf'>): string => r.duplicateOf || r.id;

/**
 * The likely duplicates of `row` among candidates read by its target key: live, another row,
 * found within the window, alike enough, not linked under another (its root stands for it),
 * not the root the row is linked under and not dismissed against it (either way). At most MAX_DUPLICATES, the most alike first (then by id,
 * so that the same rows always answer alike).
 */
export function likelyDuplicates(row: DuplicateView, candidates: readonly DuplicateView[], resolve?: AliasResolver): DuplicateMatch[] {
  const key = row.targetKey ?? problemTargetKey(row.values, resolve);
  if (key === undefined) return [];
  const dismissed = new Set(row.dismissedDuplicates ?? []);
  const root = rootOf(row);
  const out: DuplicateMatch[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c.id === row.id || seen.has(c.id) || c.withdrawn) continue;
    seen.add(c.id);
    if (dismissed.has(c.id) || c.dismissedDuplicates?.includes(row.id)) continue;
    // A report already linked under a root is not offered: its root stands for it.
    if (c.duplicateOf || rootOf(c) === root) continue;
    if ((c.targetKey ?? problemTargetKey(c.values, resolve)) !== key) continue;
    if (!foundWithinWindow(row.values.foundOn, c.values.foundOn)) continue;
    const similarity = textSimilarity(String(row.values.description ?? ''), String(c.values.description ?? ''));
    const sameCategory = row.values.category !== undefined && row.values.category === c.values.category;
    if (!isLikelyDuplicate(similarity, sameCategory)) continue;
    out.push({ id: c.id, group: String(c.values.group ?? ''), county: String(c.values.county ?? ''), similarity: Math.round(similarity * 1000) / 1000 });
  }
  return out.sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, MAX_DUPLICATES);
}

/** Why a link is refused. */
export type LinkRefusal = 'self' | 'cycle' | 'withdrawn';

export const LINK_REFUSALS: Readonly<Record<LinkRefusal, Bilingual>> = {
  self: { zh: '一个问题不能标记为自身的重复', en: 'A problem cannot repeat itself' },
  cycle: { zh: '不能这样标记：两个问题会互相成为对方的重复', en: 'This link would make the two problems repeat each other' },
  withdrawn: { zh: '已撤回的问题不能标记重复', en: 'A withdrawn problem cannot be linked as a duplicate' },
};

/**
 * Linking `row` as a repeat of `of`: the root it is stored under (chains resolve to their
 * root), or why not — itself, a cycle (the other's root is this row), a withdrawn problem.
 */
export function linkTarget(row: DuplicateView, of: DuplicateView): { root: string } | { refused: LinkRefusal } {
  if (row.id === of.id) return { refused: 'self' };
  if (of.withdrawn) return { refused: 'withdrawn' };
  const root = rootOf(of);
  if (root === row.id) return { refused: 'cycle' };
  return { root };
}
