import { readFileSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';

/** How a user describes their documents: what each one is, since many documents don't say. */
export interface ManifestEntry {
  /** File name or path, relative to the manifest. */
  file: string;
  /** Stable name of the document across versions; defaults to the file name. */
  key?: string;
  owner?: string;
  asOf?: string;
  publisher?: string;
  publishedAt?: string;
  url?: string;
  title?: string;
  format?: string;
  licence?: string;
  /** The list did shrink: a version with fewer than half the rows of the one before is stored (--accept-shrink). */
  acceptShrink?: boolean;
  /** official list | encyclopedia | dataset (an edit is a person's, never a document's). */
  type?: 'official list' | 'encyclopedia' | 'dataset';
}

export interface Manifest {
  path: string;
  entries: Map<string, ManifestEntry & { absPath: string }>;
}

export const MANIFEST_NAME = 'manifest.json';

const KNOWN = new Set(['file', 'key', 'owner', 'asOf', 'publisher', 'publishedAt', 'url', 'title', 'format', 'licence', 'acceptShrink', 'type']);
const BOOLEAN = new Set(['acceptShrink']);
const TYPES = new Set(['official list', 'encyclopedia', 'dataset']);

export class ManifestError extends Error {}

export function readManifest(path: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ManifestError(`${path}: not a readable JSON manifest (${(e as Error).message})`);
  }
  const docs = (json as { documents?: unknown }).documents;
  if (!Array.isArray(docs)) throw new ManifestError(`${path}: expected {"documents": [ … ]}`);
  const entries = new Map<string, ManifestEntry & { absPath: string }>();
  docs.forEach((d, i) => {
    if (typeof d !== 'object' || d === null || typeof (d as ManifestEntry).file !== 'string') {
      throw new ManifestError(`${path}: documents[${i}] needs a "file"`);
    }
    for (const [k, v] of Object.entries(d)) {
      if (!KNOWN.has(k)) throw new ManifestError(`${path}: documents[${i}] has an unknown field "${k}"`);
      if (BOOLEAN.has(k)) {
        if (typeof v !== 'boolean') throw new ManifestError(`${path}: documents[${i}].${k} must be true or false`);
      } else if (typeof v !== 'string') throw new ManifestError(`${path}: documents[${i}].${k} must be text`);
      if (k === 'type' && (typeof v !== 'string' || !TYPES.has(v))) {
        throw new ManifestError(`${path}: documents[${i}].type must be one of ${[...TYPES].map((t) => `"${t}"`).join(', ')}`);
      }
    }
    const e = d as ManifestEntry;
    const absPath = resolve(dirname(path), e.file);
    entries.set(absPath, { ...e, absPath });
  });
  return { path, entries };
}

export function manifestEntryFor(m: Manifest | null, absPath: string): ManifestEntry | undefined {
  if (!m) return undefined;
  return m.entries.get(absPath) ?? [...m.entries.values()].find((e) => basename(e.absPath) === basename(absPath));
}
