// What every resolution depends on besides the claim itself, as one digest: the gazetteer, the alias file,
// the aliases, merges and Wikidata ids people gave, and the code that resolves. Reconciliation records it; an
// ingest may reconcile only its new documents while it is unchanged, since then every claim already placed
// would be placed the same way again. Files are known by size and time of change (reading the 64 MB gazetteer
// to hash it would cost what the incremental path saves); a rebuild of the code or data changes them, which
// errs on the side of a full reconciliation.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DB } from '../registry/db.js';
import { editedAliases } from '../registry/edits.js';
import { reconcileStatements } from '../registry/reconcile-store.js';
import { DATA_DIR } from '../paths.js';
import { ALIAS_FILE } from './aliases.js';

const CODE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
// The code a resolution runs: the resolver and reconciliation, the gazetteer's lookups, the normalizers.
const CODE_DIRS = ['resolve', 'gazetteer', 'normalize'].map((d) => join(CODE_ROOT, d));

function stamp(file: string): string {
  const s = statSync(file);
  return `${file}:${s.size}:${s.mtimeMs}`;
}

function stampsOf(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(js|ts|json|db|tsv)$/.test(f))
    .sort()
    .map((f) => stamp(join(dir, f)));
}

export function resolverInputs(db: DB): string {
  const q = reconcileStatements(db);
  const h = createHash('sha256');
  const part = (x: unknown) => h.update(JSON.stringify(x)).update('\n');
  part(existsSync(ALIAS_FILE) ? readFileSync(ALIAS_FILE, 'utf8') : null);
  part(editedAliases(db));
  part(q.placeMerges.all());
  part(q.editedWikidata.all());
  part(stampsOf(join(DATA_DIR, 'gazetteer')));
  for (const d of CODE_DIRS) part(stampsOf(d));
  return h.digest('hex');
}
