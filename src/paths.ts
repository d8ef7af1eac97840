import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is), whether running from src/ or dist/. */
export const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('youcheng: cannot find the package root');
    dir = up;
  }
  return dir;
})();

/** The published lists bundled as sample data, with their manifest. */
export const SAMPLES_DIR = join(PACKAGE_ROOT, 'data', 'samples');
export const DATA_DIR = join(PACKAGE_ROOT, 'data');

/** The registry file a command uses when it is given none: $YOUCHENG_DB, or var/youcheng.db. */
export function defaultDbPath(): string {
  return resolve(process.env.YOUCHENG_DB ?? 'var/youcheng.db');
}
/** Open datasets bundled beside the samples (a Wikidata snapshot, Hekman's pairs from English Wikipedia), with their licences. */
export const DATASETS_DIR = join(PACKAGE_ROOT, 'data', 'peer');
