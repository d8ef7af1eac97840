// The edits people make (src/registry/edits.ts stores them), each followed by a reconciliation in the same
// transaction so that the registry's relationships show the edit at once: the one place where editing and
// resolving meet. The server's write routes and the command line edit through here.
import type { DB } from '../registry/db.js';
import * as store from '../registry/edits.js';
import { reconcile } from '../resolve/reconcile.js';
import { createResolver } from '../resolve/index.js';

const rebuild: store.Rebuild = (db: DB) => {
  reconcile(db, createResolver(db));
};

type Rest<F> = F extends (db: DB, rebuild: store.Rebuild, ...rest: infer R) => unknown ? R : never;

export const addRelationship = (db: DB, ...a: Rest<typeof store.addRelationship>) => store.addRelationship(db, rebuild, ...a);
export const patchRelationship = (db: DB, ...a: Rest<typeof store.patchRelationship>) => store.patchRelationship(db, rebuild, ...a);
export const endRelationship = (db: DB, ...a: Rest<typeof store.endRelationship>) => store.endRelationship(db, rebuild, ...a);
export const mergePlaces = (db: DB, ...a: Rest<typeof store.mergePlaces>) => store.mergePlaces(db, rebuild, ...a);
export const splitPlace = (db: DB, ...a: Rest<typeof store.splitPlace>) => store.splitPlace(db, rebuild, ...a);
export const addAlias = (db: DB, ...a: Rest<typeof store.addAlias>) => store.addAlias(db, rebuild, ...a);
export { setWikidata, getRelationship, editLog, relationshipHistory, EditError } from '../registry/edits.js';
export type * from '../registry/edits.js';
