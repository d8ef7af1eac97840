// Every export by name: what (claims | relationships | places) × format, as text chunks an HTTP layer or the
// CLI streams out. Nothing here holds more than one row and one chunk (about 64 KiB) at a time.
//
//   import { exportChunks, exportStream, CONTENT_TYPES } from '../publish/stream.js';
//   c.header('content-type', CONTENT_TYPES.geojson);
//   return c.body(readableFrom(exportChunks(db, 'places', 'geojson')));
//
// Use a connection of its own for a long export served over HTTP: an iterator keeps its statement open, and
// better-sqlite3 refuses writes on a connection while one is open.
import type { Writable } from 'node:stream';
import type { DB } from '../registry/db.js';
import { records, recordChunks, type ExportKind } from './export.js';
import { placesGeoJson, relationshipsGeoJson } from './geojson.js';
import { gexf, graphml } from './graph.js';
import { quickStatements } from './quickstatements.js';
import { wikidataIds, type WikidataOptions } from './wikidata-ids.js';
import { placesOfTies, tiesOfSourceTypes } from '../registry/source-types.js';
import { buildNetwork } from './families.js';

import { EXCHANGE_FORMATS, EXPORT_KINDS, FORMATS_OF, type ExchangeFormat } from './formats.js';
export { CONTENT_TYPES, EXCHANGE_FORMATS, EXPORT_KINDS, FILE_EXTENSIONS, FORMATS_OF, type ExchangeFormat } from './formats.js';

export class ExportError extends Error {}

export interface ExchangeOptions {
  /** Start a CSV with a UTF-8 byte-order mark (for spreadsheet programs). */
  bom?: boolean;
  /** Where Wikidata ids come from besides edits (see wikidata-ids.ts). */
  wikidata?: WikidataOptions;
  /** QuickStatements: every tie, also those the Wikidata snapshot already holds (default: only the missing). */
  allTies?: boolean;
  /** Only the claims and ties of sources of these types (official list, encyclopedia, dataset, edit). */
  sourceTypes?: readonly string[];
  /** Filled while the export runs: records (jsonl, csv, json), features, nodes and edges, ties and lines (QuickStatements). */
  stats?: Record<string, number>;
}

/** Throws ExportError unless `what` can be exported as `format`. */
export function checkExport(what: string, format: string, opts: { bom?: boolean } = {}): asserts what is ExportKind {
  if (!EXPORT_KINDS.includes(what as ExportKind)) {
    throw new ExportError(`cannot export "${what}": choose ${EXPORT_KINDS.join(', ')}`);
  }
  if (!EXCHANGE_FORMATS.includes(format as ExchangeFormat)) {
    throw new ExportError(`unknown format "${format}": choose ${EXCHANGE_FORMATS.join(', ')}`);
  }
  if (!FORMATS_OF[what as ExportKind].includes(format as ExchangeFormat)) {
    throw new ExportError(`${what} cannot be exported as ${format}: choose ${FORMATS_OF[what as ExportKind].join(', ')}`);
  }
  if (opts.bom && format !== 'csv') throw new ExportError('a byte-order mark (--bom) is for CSV only');
}

const CHUNK = 64 * 1024;

/** Joins small pieces into chunks of about `size` characters. */
function* batched(pieces: Iterable<string>, size = CHUNK): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= size) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** Passes pieces through, counting in `stats` those `classify` names (a feature, a node, an edge). */
function* counted(pieces: Iterable<string>, stats: Record<string, number>, classify: (s: string) => string | null): Generator<string> {
  for (const p of pieces) {
    const k = classify(p);
    if (k) stats[k] = (stats[k] ?? 0) + 1;
    yield p;
  }
}

const feature = (s: string) => (s.startsWith(',\n{') || s.startsWith('\n{') ? 'features' : null);
const graphElement = (indent: number) => {
  const re = new RegExp(`^ {${indent}}<(node|edge)[ >]`);
  return (s: string) => {
    const m = re.exec(s);
    return m ? `${m[1]}s` : null;
  };
};

/** The export as text chunks, in order. Throws ExportError (before producing anything) for a bad request. */
export function exportChunks(db: DB, what: string, format: string, opts: ExchangeOptions = {}): Generator<string> {
  checkExport(what, format, opts);
  const stats = opts.stats ?? {};
  const f = format as ExchangeFormat;
  const types = opts.sourceTypes?.length ? opts.sourceTypes : undefined;
  const ties = types ? tiesOfSourceTypes(db, types) : null;
  const places = ties ? placesOfTies(db, ties) : null;
  const gen = (): Iterable<string> => {
    switch (f) {
      case 'jsonl':
      case 'csv':
      case 'json': {
        const counter = { records: 0 };
        return (function* () {
          yield* recordChunks(records(db, what, types), f, { bom: opts.bom }, counter);
          stats.records = counter.records;
        })();
      }
      case 'geojson':
        stats.features = 0;
        return counted(what === 'places' ? placesGeoJson(db, wikidataIds(db, opts.wikidata)) : relationshipsGeoJson(db, ties), stats, feature);
      case 'graphml':
        Object.assign(stats, { nodes: 0, edges: 0 });
        return counted(graphml(db, wikidataIds(db, opts.wikidata), { ties, places, families: buildNetwork(db) }), stats, graphElement(4));
      case 'gexf':
        Object.assign(stats, { nodes: 0, edges: 0 });
        return counted(gexf(db, wikidataIds(db, opts.wikidata), { ties, places, families: buildNetwork(db) }), stats, graphElement(6));
      case 'quickstatements': {
        const qs = { ties: 0, lines: 0, statements: 0, withReference: 0, held: 0 };
        return (function* () {
          yield* quickStatements(db, wikidataIds(db, opts.wikidata), qs, { ties, missingOnly: !opts.allTies });
          Object.assign(stats, qs);
        })();
      }
    }
  };
  return batched(gen());
}

/** The same as an async iterable, giving the event loop a turn between chunks (for an HTTP response). */
export async function* exportStream(db: DB, what: string, format: string, opts: ExchangeOptions = {}): AsyncGenerator<string> {
  const chunks = exportChunks(db, what, format, opts);
  for (const c of chunks) {
    yield c;
    await new Promise<void>((res) => setImmediate(res));
  }
}

/**
 * Writes an export to a stream, honouring back-pressure. Returns the characters written. Rejects with the
 * stream's error (EPIPE when the reader went away, as `| head` does) and stops reading the registry.
 */
export async function writeExport(out: Writable, db: DB, what: string, format: string, opts: ExchangeOptions = {}): Promise<number> {
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  const onError = (e: Error) => {
    failed = e;
    wake?.();
  };
  out.on('error', onError);
  try {
    let n = 0;
    for (const c of exportChunks(db, what, format, opts)) {
      if (failed) throw failed;
      n += c.length;
      if (!out.write(c)) {
        await new Promise<void>((res) => {
          wake = res;
          out.once('drain', res);
        });
        wake = null;
      }
    }
    if (failed) throw failed;
    return n;
  } finally {
    out.off('error', onError);
  }
}
