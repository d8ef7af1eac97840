import type { Resolver } from './types.js';

/** Until a gazetteer is wired in, every name stays unresolved (kept, never guessed). */
export function createResolver(): Resolver {
  return {
    resolve: () => ({ place: null, reason: 'no gazetteer loaded', candidates: [] }),
    lookup: () => undefined,
  };
}
