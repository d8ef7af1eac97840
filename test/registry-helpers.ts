import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { DATASETS_DIR, SAMPLES_DIR } from '../src/paths.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'youcheng-test-'));
}

/** A registry built from the four bundled samples, as `npm start` builds it. */
export async function sampleRegistry(): Promise<{ db: DB; path: string }> {
  const path = join(tempDir(), 'registry.db');
  const db = openRegistry(path);
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  return { db, path };
}

/** The registry `npm start` builds: the four sample lists and the bundled open datasets. */
export async function defaultRegistry(): Promise<{ db: DB; path: string }> {
  const path = join(tempDir(), 'registry.db');
  const db = openRegistry(path);
  await ingestPaths(db, [SAMPLES_DIR, DATASETS_DIR], { quiet: true, json: true });
  return { db, path };
}
