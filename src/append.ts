/** Appends in place without spreading: `a.push(...b)` overflows the call stack once b has ~100k items. */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const x of items) target.push(x);
  return target;
}
