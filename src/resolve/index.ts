import { loadGazetteer } from '../gazetteer/index.js';
import { loadAliases } from './aliases.js';
import { createGazetteerResolver } from './resolver.js';
import type { Resolver } from './types.js';

/** The resolver reconciliation uses: the bundled gazetteer and the alias file (data/aliases.tsv). */
export function createResolver(): Resolver {
  return createGazetteerResolver(loadGazetteer(), loadAliases());
}
