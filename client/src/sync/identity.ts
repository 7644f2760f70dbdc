// Which row a sheet row is: the key cell keeps its identity through sorting, inserting and
// moving rows; a row pasted with its system cells is a copy, a new row of its own.

import { ROW_KEY } from '../sheet/cells';

/**
 * What a row's key cell says about it, given the keys already seen above it: `keep` it,
 * give it a `new` key (none yet, or not one the server accepts), or it is a `copy` of a row
 * above (pasted with its system cells) — a new row, which must not update the original.
 */
export function rowIdentity(key: string, seen: ReadonlySet<string>): 'keep' | 'new' | 'copy' {
  if (seen.has(key)) return 'copy';
  return ROW_KEY.test(key) ? 'keep' : 'new';
}
