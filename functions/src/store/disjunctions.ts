// Firestore answers an `in` or `array-contains-any` query for at most 30 values: a longer
// list is asked as several queries of 30.

/** The most values one `in` or `array-contains-any` query may name. */
export const VALUES_PER_QUERY = 30;

/** `values` in lists one query each may ask for. */
export function queryParts<T>(values: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < values.length; i += VALUES_PER_QUERY) parts.push(values.slice(i, i + VALUES_PER_QUERY));
  return parts;
}
