// Names and descriptions compared as people mean them (docs/masterdata.md): the same
// enterprise typed as 山西强伟纸业有限公司, 山西强伟纸业公司 or ＳＨＡＮＸＩ…, the same problem
// written by two groups in their own words. One normalisation, one similarity, one target key
// for the registries, the checks and the likely duplicates.

import { COUNTY_ALIASES } from './domain';
import { toHalfWidth } from './types/normalize';

/** Spaces, punctuation and symbols: never what tells two names or problems apart. */
const NOISE = /[\s\p{P}\p{S}]/gu;

/** "(筹)", a company still being founded: the same company once founded. */
const IN_FOUNDATION = /[(（]\s*筹\s*[)）]\s*$/u;

/** Where a name says it is in Shanxi, in Jinzhong or in its county: no part of what it names. */
const PLACE_PREFIXES = ['山西省', '晋中市'] as const;

/** The legal form at a name's end, longest first (集团有限公司 loses both, one after the other). */
const LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司'] as const;

const countyNames = new Map<string, string[]>();
for (const [short, label] of Object.entries(COUNTY_ALIASES)) countyNames.set(label, [label, short]);

/**
 * Text as compared: full-width folded to half-width (NFKC), spaces, punctuation and symbols
 * removed, Latin letters in lower case.
 */
export function normaliseText(s: string): string {
  return toHalfWidth(s.normalize('NFKC')).toLowerCase().replace(NOISE, '').normalize('NFKC');
}

/**
 * A name as compared: normaliseText, then the place prefixes (山西省, 晋中市, the county's own
 * name long or short) and the legal suffixes (股份有限公司 … 公司, （筹）) dropped, as often as
 * they appear. A name that would be left empty keeps the last part (公司 stays 公司).
 */
export function normaliseName(name: string, county?: string): string {
  let s = normaliseText(name.normalize('NFKC').replace(IN_FOUNDATION, ''));
  const prefixes = [...PLACE_PREFIXES, ...(county === undefined ? [] : (countyNames.get(county) ?? [county]))];
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of prefixes) {
      if (s.length > p.length && s.startsWith(p)) {
        s = s.slice(p.length);
        changed = true;
      }
    }
    for (const x of LEGAL_SUFFIXES) {
      if (s.length > x.length && s.endsWith(x)) {
        s = s.slice(0, -x.length);
        changed = true;
      }
    }
  }
  return s;
}

/** The set of adjacent character pairs (by code point); a one-character text is its own pair. */
export function bigrams(s: string): Set<string> {
  const chars = Array.from(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}

/** Jaccard of the two texts' bigram sets, as they are: 1 for the same text, 0 for nothing shared. */
export function bigramJaccard(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  const union = x.size + y.size - both;
  return union === 0 ? 0 : both / union;
}

/** How alike two problem descriptions are (0…1): bigram Jaccard after normaliseText. Symmetric. */
export function textSimilarity(a: string, b: string): number {
  return bigramJaccard(normaliseText(a), normaliseText(b));
}

/** A candidate is a likely duplicate at this similarity… */
export const DUPLICATE_SIMILARITY = 0.5;
/** …or at this one when both problems are of the same category. */
export const DUPLICATE_SIMILARITY_SAME_CATEGORY = 0.3;
/** Candidates were found within this many days of each other. */
export const DUPLICATE_WINDOW_DAYS = 60;

/** Whether a similarity makes a likely duplicate, given whether the categories are equal. */
export function isLikelyDuplicate(similarity: number, sameCategory: boolean): boolean {
  return similarity >= (sameCategory ? DUPLICATE_SIMILARITY_SAME_CATEGORY : DUPLICATE_SIMILARITY);
}

/** What a row serves, as far as the target key needs it. */
export interface TargetOfRow {
  readonly county?: unknown;
  readonly targetName?: unknown;
  readonly creditCode?: unknown;
}

/**
 * The registry's answer for a name: the entry an alias (or the name itself) stands for, as its
 * credit code, or its canonical name. Undefined: the registry does not know the name.
 */
export type AliasResolver = (county: string, normalisedName: string) => { creditCode?: string; name?: string } | undefined;

/**
 * What a row serves, as one key: `c:` and the credit code when there is one; else `n:`, the
 * county and the normalised name — or, when the registry knows the name (an alias, say), the
 * key of its entry. Undefined for a row that names nothing.
 */
export function serviceTargetKey(row: TargetOfRow, resolve?: AliasResolver): string | undefined {
  const code = typeof row.creditCode === 'string' ? row.creditCode.trim().toUpperCase() : '';
  if (code !== '') return `c:${code}`;
  if (typeof row.targetName !== 'string') return undefined;
  const county = typeof row.county === 'string' ? row.county : '';
  const name = normaliseName(row.targetName, county || undefined);
  if (name === '') return undefined;
  const entry = resolve?.(county, name);
  if (entry?.creditCode) return `c:${entry.creditCode}`;
  return `n:${county}:${entry?.name ? normaliseName(entry.name, county || undefined) : name}`;
}
