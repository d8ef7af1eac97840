// A bounded memo for pure string functions: the same names, countries, dates and headings come back on
// many rows (and OpenCC, pinyin-pro and the NFKC/regex folds cost microseconds each). When a memo is full
// it starts over, which keeps memory bounded and costs nothing per call.

export function memoize<R>(fn: (s: string) => R, max = 20_000): ((s: string) => R) & { clear(): void } {
  const cache = new Map<string, R>();
  const f = ((s: string): R => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as R;
    const v = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, v);
    return v;
  }) as ((s: string) => R) & { clear(): void };
  f.clear = () => cache.clear();
  return f;
}
