import { loadGazetteer } from '../gazetteer/index.js';
import { aliasTable, loadAliases } from './aliases.js';
import { createGazetteerResolver } from './resolver.js';
import type { Resolver } from './types.js';
import type { DB } from '../registry/db.js';
import { editedAliases } from '../registry/edits.js';

/**
 * The resolver reconciliation uses: the bundled gazetteer, the alias file (data/aliases.tsv) and, when a
 * registry is given, the aliases people added through edits (which win over the file).
 */
export function createResolver(db?: DB): Resolver {
  const file = loadAliases();
  const edited = db
    ? editedAliases(db).map(
        (a, i) => ({ name: a.name, country: a.country, placeId: a.target, note: 'added by an edit', line: i + 1 }),
      )
    : [];
  return createGazetteerResolver(loadGazetteer(), aliasTable([...file.entries, ...edited]));
}
