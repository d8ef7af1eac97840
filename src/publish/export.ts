// Exports: claims, relationships and places as JSON Lines, CSV or JSON (the other formats, and the one entry
// point for every export, are in stream.ts), written as a stream so a large
// registry never has to sit in memory. Field names are part of the product's contract: change none.
// CSV cells go through csv.ts (text a spreadsheet would run as a formula gets a leading apostrophe); JSON Lines
// and JSON keep the exact text.
import type { Writable } from 'node:stream';
import type { DB } from '../registry/db.js';
import { currentClaimRows, placeNamesOf } from '../registry/export-rows.js';
import { placeRows, tieRows } from '../registry/map-rows.js';
import { conflictsOf, sourcesOfRelationship } from '../registry/queries.js';
import { csvHeader, csvRow } from './csv.js';
import { sourceTypeById, tieSourceTypes } from '../registry/source-types.js';

export type ExportFormat = 'jsonl' | 'csv' | 'json';
export type ExportKind = 'claims' | 'relationships' | 'places';

type Rec = Record<string, unknown>;

export function* claimRecords(db: DB, keepTypes?: readonly string[]): IterableIterator<Rec> {
  const types = sourceTypeById(db);
  const rows = currentClaimRows(db);
  for (const c of rows) {
    const type = types.get(c.source_id as number);
    if (keepTypes && !keepTypes.includes(type as string)) continue;
    yield {
      source: c.file_name,
      line: c.line,
      section: c.section,
      cn_place: c.cn_place,
      cn_place_zh_hans: c.cn_place_zh_hans,
      cn_place_id: c.cn_place_id,
      foreign_place: c.foreign_place,
      foreign_place_zh_hans: c.foreign_place_zh_hans,
      foreign_place_en: c.foreign_place_en,
      foreign_place_id: c.foreign_place_id,
      country: c.country,
      country_iso2: c.country_iso2,
      date: c.date,
      date_as_written: c.date_text,
      date_precision: c.date_precision,
      kind: c.kind,
      marker: c.marker,
      status: c.status,
      note: c.note,
      facts: c.facts ? JSON.parse(c.facts as string) : null,
      source_type: type,
    };
  }
}

export function* relationshipRecords(db: DB, keepTypes?: readonly string[]): IterableIterator<Rec> {
  const types = tieSourceTypes(db);
  // (the names beside the ids, so that a spreadsheet of ties reads without the places file)
  for (const r of tieRows(db)) {
    const t = types.get(r.id) ?? [];
    if (keepTypes && !t.some((x) => keepTypes.includes(x))) continue;
    yield {
      id: r.id,
      cn_place_id: r.cn_place_id,
      cn_name_zh_hans: r.cn_name_zh_hans,
      cn_name_en: r.cn_name_en,
      foreign_place_id: r.foreign_place_id,
      foreign_name_zh_hans: r.foreign_name_zh_hans,
      foreign_name_en: r.foreign_name_en,
      country_iso2: r.country_iso2,
      kind: r.kind,
      start_date: r.start_date,
      start_precision: r.start_precision,
      end_date: r.end_date,
      status: r.status,
      sources: sourcesOfRelationship(db, r.id).map((s) => ({ source: s.source, line: s.line })),
      conflicts: conflictsOf(db, r.id).map((k) => ({ field: k.field, values: k.detail })),
      source_types: t,
    };
  }
}

export function* placeRecords(db: DB): IterableIterator<Rec> {
  const names = placeNamesOf(db);
  for (const p of placeRows(db)) {
    yield {
      id: p.id,
      name_zh_hans: p.name_zh_hans,
      name_zh_hant: p.name_zh_hant,
      name_en: p.name_en,
      pinyin: p.pinyin,
      country_iso2: p.country_iso2,
      admin_level: p.admin_level,
      parent_id: p.parent_id,
      lat: p.lat,
      lon: p.lon,
      geonames_id: p.geonames_id,
      gbt2260: p.gbt2260,
      resolved: p.resolved === 1,
      names: names(p.id as string),
    };
  }
}

/** The records of one export; `keepTypes` keeps the claims, and the ties, of sources of those types. */
export function records(db: DB, kind: ExportKind, keepTypes?: readonly string[]): IterableIterator<Rec> {
  if (kind === 'claims') return claimRecords(db, keepTypes);
  if (kind === 'relationships') return relationshipRecords(db, keepTypes);
  return placeRecords(db);
}

/** Writes records in the chosen format, honouring back-pressure. Returns the number written. */
export async function writeRecords(
  out: Writable,
  recs: Iterable<Rec>,
  format: ExportFormat,
  opts: { bom?: boolean } = {},
): Promise<number> {
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((res) => out.once('drain', () => res()));
  const counter = { records: 0 };
  for (const s of recordChunks(recs, format, opts, counter)) await write(s);
  return counter.records;
}

/** The text of records in the chosen format, a record at a time; `counter.records` counts them. */
export function* recordChunks(
  recs: Iterable<Rec>,
  format: ExportFormat,
  opts: { bom?: boolean } = {},
  counter: { records: number } = { records: 0 },
): Generator<string> {
  let n = 0;
  let header: string[] | null = null;
  if (opts.bom) yield '\uFEFF';
  if (format === 'json') yield '[';
  for (const r of recs) {
    if (format === 'jsonl') yield JSON.stringify(r) + '\n';
    else if (format === 'json') yield (n ? ',\n' : '\n') + JSON.stringify(r);
    else {
      if (!header) {
        header = Object.keys(r);
        yield csvHeader(header);
      }
      yield csvRow(header.map((k) => r[k]));
    }
    n++;
    counter.records = n;
  }
  if (format === 'json') yield n ? '\n]\n' : ']\n';
}
