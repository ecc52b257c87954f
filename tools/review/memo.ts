/**
 * Results the review computes once per object and reads many times (the exemptions of the output's
 * policy documents, read by every rendering of the report and by review.json): at 10,000 accounts
 * computing them on every read was a fifth of the review's time. Keyed by the object itself (a WeakMap), so two
 * outputs never share a result and nothing outlives the output it was computed from. The switch
 * exists for the test that compares the report with and without memoization byte for byte.
 */
let enabled = true;

/** Turns memoization off (`false`) or back on; the report must not change either way. */
export function setReviewMemo(on: boolean): void {
  enabled = on;
}

/** The cached value for `key`, computed and kept on first use. */
export function memoized<K extends object, V>(cache: WeakMap<K, V>, key: K, compute: () => V): V {
  if (!enabled) return compute();
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}
