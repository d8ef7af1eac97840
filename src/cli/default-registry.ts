// The default registry (the bundled sample lists and open datasets, reconciled), built once by `npm run build`
// so that `youcheng start` copies it instead of reading and reconciling every document at a user's first start.
//
// The copy is used only while it is what building would give now: beside it the build records the schema
// version and a digest of everything the registry is made from — the documents (by content: they are small),
// the alias and country files, the gazetteer (by size and time of change, as resolve/inputs.ts does: it is
// large) and the compiled code. Anything else (a sample edited after the build, a `tsc` alone, a file from
// an older build) and `start` builds the registry as it always did.
//
// Usage: node dist/src/cli/default-registry.js   (the last step of `npm run build`)
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, DATASETS_DIR, PACKAGE_ROOT, SAMPLES_DIR } from '../paths.js';

/** The documents the default registry holds, in the order `start` ingests them. */
export const DEFAULT_DOCUMENTS = [SAMPLES_DIR, DATASETS_DIR];
export const PREBUILT_DB = join(PACKAGE_ROOT, 'dist', 'default-registry.db');
const PREBUILT_META = join(PACKAGE_ROOT, 'dist', 'default-registry.json');
const CODE_DIR = join(PACKAGE_ROOT, 'dist', 'src');

interface PrebuiltMeta {
  schemaVersion: number;
  inputs: string;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** A digest of what the default registry is made from (see the head of this file). */
export function defaultInputs(schemaVersion: number): string {
  const h = createHash('sha256');
  h.update(`schema ${schemaVersion}\n`);
  const byContent = [...DEFAULT_DOCUMENTS.flatMap((d) => filesUnder(d)), ...readdirSync(DATA_DIR).map((f) => join(DATA_DIR, f)).filter((f) => statSync(f).isFile()).sort()];
  for (const f of byContent) h.update(f.slice(PACKAGE_ROOT.length)).update('\0').update(readFileSync(f)).update('\n');
  for (const f of [...filesUnder(join(DATA_DIR, 'gazetteer')), ...filesUnder(CODE_DIR)]) {
    const s = statSync(f);
    h.update(`${f.slice(PACKAGE_ROOT.length)}:${s.size}:${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

/** The prebuilt registry's file when it is what building would give now; otherwise why it is not. */
export function usablePrebuilt(schemaVersion: number): { file: string } | { file: null; why: string } {
  if (!existsSync(PREBUILT_DB) || !existsSync(PREBUILT_META)) return { file: null, why: 'no prebuilt registry (run `npm run build`)' };
  let meta: PrebuiltMeta;
  try {
    meta = JSON.parse(readFileSync(PREBUILT_META, 'utf8')) as PrebuiltMeta;
  } catch {
    return { file: null, why: `${PREBUILT_META} cannot be read` };
  }
  if (meta.schemaVersion !== schemaVersion) return { file: null, why: `the prebuilt registry has schema version ${meta.schemaVersion}, this program ${schemaVersion}` };
  if (meta.inputs !== defaultInputs(schemaVersion)) return { file: null, why: 'the bundled documents, data or code changed since the prebuilt registry was made' };
  return { file: PREBUILT_DB };
}

/** Builds the default registry into PREBUILT_DB (replacing an older one), as `start` would build it. */
export async function buildDefaultRegistry(): Promise<{ places: number; relationships: number; claims: number; ms: number }> {
  const t0 = performance.now();
  const { openRegistry } = await import('../registry/db.js');
  const { writeSnapshot, CURRENT_SCHEMA } = await import('../registry/prebuilt.js');
  const { counts } = await import('../registry/queries.js');
  const { ingestPaths } = await import('./ingest-paths.js');
  // A stale record must not vouch for a file being replaced: it goes first, and comes back last.
  rmSync(PREBUILT_META, { force: true });
  const work = `${PREBUILT_DB}.building-${process.pid}`;
  const removeWork = () => {
    for (const s of ['', '-wal', '-shm']) rmSync(work + s, { force: true });
  };
  removeWork();
  const db = openRegistry(work);
  try {
    await ingestPaths(db, DEFAULT_DOCUMENTS, { quiet: true, json: true });
    writeSnapshot(db, PREBUILT_DB);
    const c = counts(db);
    const meta: PrebuiltMeta = { schemaVersion: CURRENT_SCHEMA, inputs: defaultInputs(CURRENT_SCHEMA) };
    writeFileSync(PREBUILT_META, JSON.stringify(meta, null, 2) + '\n');
    return { places: c.places, relationships: c.relationships, claims: c.claims, ms: performance.now() - t0 };
  } finally {
    db.close();
    removeWork();
  }
}

if (process.argv[1]?.endsWith('default-registry.js')) {
  const r = await buildDefaultRegistry();
  process.stdout.write(
    `default registry: ${r.claims} claims, ${r.places} places, ${r.relationships} relationships → ${PREBUILT_DB} (${(r.ms / 1000).toFixed(1)} s)\n`,
  );
}
