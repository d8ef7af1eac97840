// The HTTP JSON API: a thin layer over the registry's read queries. Routes read like a table of contents;
// every parameter is validated by its schema, and a wrong one is a 400 that names it and says why.
import { OpenAPIHono, createRoute, z, type Hook } from '@hono/zod-openapi';
import { Hono, type Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { join } from 'node:path';
import { openSecondReader, type DB } from '../registry/db.js';
import {
  apiPartners,
  apiPartnersJson,
  apiPlace,
  apiSearch,
  apiSource,
  apiSources,
  apiStats,
  allRelationshipsJson,
  listRelationshipsJson,
  placeExists,
  provinceCode,
  registryFingerprint,
  commitCounters,
  type Keyset,
  type RelationshipFilter,
  type RelationshipItem,
  type RelSort,
  type SortOrder,
} from '../registry/api-queries.js';
import { qualityReport } from '../registry/quality.js';
import { diffSource, DiffError } from '../registry/diff.js';
import { PACKAGE_ROOT } from '../paths.js';
import * as S from './schemas.js';
import {
  cspAllowingStyles,
  dataResponses,
  inlineStyles,
  requestedFormat,
  finishing,
  STREAMED,
  type LogSink,
} from './middleware.js';
import { bodyLimit } from 'hono/body-limit';
import { staticFiles } from './static.js';
import { apiPage } from './docs.js';
import { HTTPException } from 'hono/http-exception';
import { lastEditId } from '../registry/users.js';
import { isPrivatePath, registerWriteRoutes } from './write-routes.js';
import type { AuthOptions } from './auth.js';
import { exportChunks, checkExport, CONTENT_TYPES, EXCHANGE_FORMATS, EXPORT_KINDS, ExportError, type ExchangeFormat } from '../publish/stream.js';
import { csvCell } from '../publish/csv.js';
import { tieGeometry } from '../publish/arc.js';
import { tieProperties } from '../publish/geojson.js';
import { boundReason, quoted } from '../normalize/quote.js';
import { parseSourceTypes } from '../registry/source-types.js';
import { coverage } from '../registry/coverage.js';
import { graphPlaces } from '../registry/graph-rows.js';
import { buildNetwork, networkSummary, placeName, shortestChain } from '../publish/families.js';
import { quickStatementTies } from '../publish/quickstatements.js';
import { wikidataIds } from '../publish/wikidata-ids.js';

export interface AppOptions {
  /** The built web app (default `<package root>/dist/web`). */
  staticDir?: string;
  /** Where one-line JSON request logs go; none when absent. */
  log?: LogSink | false;
  /** Keep whole API answers in memory until the registry changes (default true). */
  cache?: boolean;
  /** Sign-in for the write routes: failed sign-ins allowed per token id and in all per minute; proxy trust (also for the request log). */
  auth?: AuthOptions;
  /** A read-write connection for edits (default: one opened on the registry's file for each write). */
  writeDb?: DB;
  /** How long a write waits for the registry's write lock before it is answered 503 (default 10 s). */
  writeWaitMs?: number;
  /**
   * Check whether the registry changed once per turn of the event loop rather than on every request: right
   * for a server whose only writes in its own process are its write routes (startServer), wrong where the
   * same process writes to the registry between requests without yielding (tests, embedding).
   */
  stateCheckPerTurn?: boolean;
  /**
   * Streamed downloads (exports, relationships as CSV, JSON Lines or GeoJSON) served at once by this process;
   * past it a download is answered 503 with Retry-After (default DEFAULT_MAX_STREAMS).
   */
  maxStreams?: number;
}

export const DEFAULT_STATIC_DIR = join(PACKAGE_ROOT, 'dist', 'web');
/**
 * Each streamed download holds a connection to the registry and takes turns of the event loop from every
 * other request: without a bound, 300 at once delayed the cached answers by seconds. Per process (a server
 * of N workers streams N times as many).
 */
export const DEFAULT_MAX_STREAMS = 8;
/** What a download refused for being one too many is told to wait, in seconds. */
const STREAM_RETRY_AFTER_S = 2;
/** Exports up to this many characters are kept in memory for the registry's state they were made from. */
const EXPORT_CACHE_CHARS = 8 * 1024 * 1024;

const CSV = 'text/csv; charset=utf-8';

/** Bodies of requests that change the registry: the largest valid one is a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

// ---- errors -----------------------------------------------------------------------------------------------

/** A 400 whose body names the wrong parameter, what it should be, and what was given. */
const validationHook: Hook<unknown, any, any, unknown> = (result, c) => {
  if (result.success) return;
  // The bad value is quoted once, in the error, and bounded (a URL may carry 16 KB of it).
  const issues = result.error.issues.map((i) => ({ parameter: String(i.path[0] ?? result.target), message: i.message }));
  const first = issues[0];
  const value =
    result.target === 'query' ? (c.req.query(first.parameter) ?? null) : result.target === 'param' ? (c.req.param(first.parameter) ?? null) : null;
  return c.json({ error: `${first.parameter}: ${boundReason(first.message)}${value != null ? ` (got ${quoted(value)})` : ''}`, parameter: first.parameter, issues }, 400);
};

function badParam(c: Context, parameter: string, message: string) {
  return c.json({ error: `${parameter}: ${message}`, parameter }, 400);
}

function unknownParam(c: Context, parameter: string, message: string) {
  return c.json({ error: `${parameter}: ${message}`, parameter }, 404);
}

const errorResponses = {
  400: { description: 'a parameter is wrong; the body names it', content: { 'application/json': { schema: S.ErrorBody } } },
};
const notFoundResponse = {
  404: { description: 'no such place or document', content: { 'application/json': { schema: S.ErrorBody } } },
};

/**
 * CSV asked for, and JSON not acceptable: format=csv, a .csv path, or an Accept header with text/csv and
 * nothing that takes JSON. For answers that are not one table.
 */
function onlyCsvAsked(c: Context): boolean {
  if (c.req.query('format') === 'csv') return true;
  const accept = c.req.header('Accept') ?? '';
  return accept.includes('text/csv') && !/application\/json|application\/\*|\*\/\*/.test(accept);
}

function noCsv(c: Context, path: string) {
  return c.json({ error: `${path} has no CSV form: ask for JSON (its parts are tables of different shapes)` }, 406);
}

const notAcceptable = {
  406: { description: 'CSV was asked for: this answer has no CSV form', content: { 'application/json': { schema: S.ErrorBody } } },
};

// ---- cursors ----------------------------------------------------------------------------------------------

function encodeCursor(sort: RelSort, order: SortOrder, k: Keyset): string {
  return Buffer.from(JSON.stringify([sort, order, k.keys, k.id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: RelSort, order: SortOrder): Keyset | string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(v) || v.length !== 4 || !Array.isArray(v[2]) || typeof v[3] !== 'number') return 'is not a cursor from this API';
    if (v[0] !== sort || v[1] !== order) return `belongs to sort=${v[0]}&order=${v[1]}: keep sort and order when paging`;
    if (!v[2].every((x: unknown) => typeof x === 'string' || typeof x === 'number')) return 'is not a cursor from this API';
    return { keys: v[2], id: v[3] };
  } catch {
    return 'is not a cursor from this API';
  }
}

// ---- tables out -------------------------------------------------------------------------------------------

/** JSON written by the registry (SQLite's json_object): sent as it is, not parsed and serialized again. */
const json200 = (c: Context, text: string) => c.body(text, 200, { 'Content-Type': 'application/json' });

/** Every CSV cell through the one rule of src/publish/csv.ts (formulas neutralized with a leading apostrophe, as in /api/export). */
const cell = csvCell;

function csvOf(rows: object[], header?: string[]): string {
  const cols = header ?? (rows[0] ? Object.keys(rows[0]) : []);
  return stringify([cols, ...rows.map((r) => cols.map((k) => cell((r as Record<string, unknown>)[k])))]);
}

const sourcesText = (s: Array<{ source: string; line: number }>) => s.map((x) => `${x.source}:${x.line}`).join('; ');

const REL_CSV_COLUMNS = [
  'id', 'kind', 'start_date', 'start_precision', 'end_date', 'end_reason', 'status', 'unlisted_in', 'version',
  'cn_id', 'cn_name_zh_hans', 'cn_name_en', 'cn_lat', 'cn_lon',
  'foreign_id', 'foreign_name_zh_hans', 'foreign_name_en', 'foreign_country_iso2', 'foreign_lat', 'foreign_lon',
  'sources',
];

function relFlat(r: RelationshipItem): Record<string, unknown> {
  return {
    id: r.id,
    kind: r.kind,
    start_date: r.start_date,
    start_precision: r.start_precision,
    end_date: r.end_date,
    end_reason: r.end_reason,
    status: r.status,
    unlisted_in: r.unlisted_in,
    version: r.version,
    cn_id: r.cn.id,
    cn_name_zh_hans: r.cn.name_zh_hans,
    cn_name_en: r.cn.name_en,
    cn_lat: r.cn.lat,
    cn_lon: r.cn.lon,
    foreign_id: r.foreign.id,
    foreign_name_zh_hans: r.foreign.name_zh_hans,
    foreign_name_en: r.foreign.name_en,
    foreign_country_iso2: r.foreign.country_iso2,
    foreign_lat: r.foreign.lat,
    foreign_lon: r.foreign.lon,
    sources: sourcesText(r.sources),
  };
}

function relFeature(r: RelationshipItem): string | null {
  if (r.cn.lat == null || r.cn.lon == null || r.foreign.lat == null || r.foreign.lon == null) return null;
  return JSON.stringify({
    type: 'Feature',
    id: r.id,
    geometry: tieGeometry([r.cn.lon, r.cn.lat], [r.foreign.lon, r.foreign.lat]),
    properties: tieProperties({
      id: r.id,
      cn_place_id: r.cn.id,
      cn_name_zh_hans: r.cn.name_zh_hans,
      cn_name_en: r.cn.name_en,
      foreign_place_id: r.foreign.id,
      foreign_name_zh_hans: r.foreign.name_zh_hans,
      foreign_name_en: r.foreign.name_en,
      country_iso2: r.foreign.country_iso2,
      kind: r.kind,
      status: r.status,
      start_date: r.start_date,
      start_precision: r.start_precision,
      end_date: r.end_date,
      unlisted_in: r.unlisted_in,
    }),
  });
}

/**
 * Text produced a page at a time as the client reads: an export of any size never sits in memory. Each page
 * after the first waits for a turn of the event loop: a socket takes a small export whole without pushing
 * back, and the pages would otherwise follow one another in one run of promise jobs, holding up every other
 * request (and every other download) until the whole export is written.
 */
function streamText(parts: Iterator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!first) await new Promise((resolve) => setImmediate(resolve));
      first = false;
      try {
        const n = parts.next();
        if (n.done) controller.close();
        else controller.enqueue(enc.encode(n.value));
      } catch (e) {
        controller.error(e);
      }
    },
    cancel() {
      parts.return?.();
    },
  });
}

function* relationshipExport(pages: Generator<string[]>, format: 'csv' | 'jsonl' | 'geojson'): Generator<string> {
  if (format === 'csv') yield stringify([REL_CSV_COLUMNS]);
  if (format === 'geojson') yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for (const page of pages) {
    if (format === 'jsonl') {
      yield page.join('\n') + '\n';
      continue;
    }
    const items = page.map((i) => JSON.parse(i) as RelationshipItem);
    if (format === 'csv') yield stringify(items.map((r) => REL_CSV_COLUMNS.map((k) => cell(relFlat(r)[k]))));
    else {
      let out = '';
      for (const r of items) {
        const f = relFeature(r);
        if (!f) continue;
        out += (first ? '\n' : ',\n') + f;
        first = false;
      }
      if (out) yield out;
    }
  }
  if (format === 'geojson') yield '\n]}\n';
}

// ---- routes -----------------------------------------------------------------------------------------------

const searchRoute = createRoute({
  method: 'get',
  path: '/api/search',
  summary: 'Places by any name, script or pinyin',
  description: 'Exact matches first, then prefixes, then substrings; among equals, the place with more partners. Two-character Chinese names work.',
  request: { query: S.SearchQuery },
  responses: {
    200: {
      description: 'matching places, best first',
      content: { 'application/json': { schema: S.SearchResponse }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

const placeRoute = createRoute({
  method: 'get',
  path: '/api/places/{id}',
  summary: 'One place: its names, parent, facts from the documents, and counts of its ties',
  request: { params: S.PlaceParams },
  responses: {
    200: { description: 'the place', content: { 'application/json': { schema: S.PlaceResponse } } },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const partnersRoute = createRoute({
  method: 'get',
  path: '/api/places/{id}/partners',
  summary: 'The ties of a place (on either side), oldest first, each with the document rows that support it',
  request: { params: S.PlaceParams, query: S.PartnersQuery },
  responses: {
    200: {
      description: 'the partners',
      content: { 'application/json': { schema: S.PartnersResponse }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const relationshipsRoute = createRoute({
  method: 'get',
  path: '/api/relationships',
  summary: 'Relationships, filtered and sorted, a page at a time (or every match as CSV, JSON Lines or GeoJSON)',
  description:
    'Pages: pass next_cursor back as cursor (keep the other parameters). format=csv|jsonl|geojson (or Accept: text/csv, or /api/relationships.csv) streams every match without pagination; GeoJSON has a line per tie whose two places both have coordinates, along the great circle (a MultiLineString cut at the antimeridian where it crosses it).',
  request: { query: S.RelationshipsQuery },
  responses: {
    200: {
      description: 'a page of relationships, or the whole export',
      content: {
        'application/json': { schema: S.RelationshipsResponse },
        'text/csv': { schema: z.string() },
        'application/x-ndjson': { schema: z.string() },
        'application/geo+json': { schema: S.TiesGeoJson },
      },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/api/stats',
  summary: 'Totals, and relationships by year, country, continent, Chinese province, kind and level',
  responses: { 200: { description: 'statistics', content: { 'application/json': { schema: S.StatsResponse } } }, ...notAcceptable },
});

const sourcesRoute = createRoute({
  method: 'get',
  path: '/api/sources',
  summary: 'The documents (every version), with their declared totals against what was counted',
  request: { query: S.SourcesQuery },
  responses: {
    200: {
      description: 'documents',
      content: { 'application/json': { schema: S.SourcesResponse }, 'text/csv': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

const sourceRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}',
  summary: 'One document version: declared totals against counts, doubtful rows, messages with their lines',
  request: { params: S.SourceParams },
  responses: {
    200: { description: 'the document', content: { 'application/json': { schema: S.SourceResponse } } },
    ...notFoundResponse,
  },
});

const sourceDiffRoute = createRoute({
  method: 'get',
  path: '/api/sources/{id}/diff',
  summary: 'What changed between a document version and an earlier one: ties added, removed, re-dated, of another kind',
  request: { params: S.SourceParams, query: S.SourceDiffQuery },
  responses: {
    200: { description: 'the changes', content: { 'application/json': { schema: S.SourceDiffResponse } } },
    ...notFoundResponse,
  },
});

const qualityRoute = createRoute({
  method: 'get',
  path: '/api/quality',
  summary: 'The data-quality report: documents, unresolved names, conflicts, ambiguous names, doubtful ties',
  responses: { 200: { description: 'the report (as `youcheng check --json`)', content: { 'application/json': { schema: S.QualityResponse } } }, ...notAcceptable },
});

// ---- the app ----------------------------------------------------------------------------------------------

export function createApp(db: DB, opts: AppOptions = {}) {
  // Streamed downloads in progress: a slot is taken when one starts and given back when it ends, fails or
  // its client goes away.
  const maxStreams = opts.maxStreams ?? DEFAULT_MAX_STREAMS;
  let streams = 0;
  const tooManyStreams = (c: Context) =>
    c.json(
      { error: `${maxStreams} downloads are being served: try again in ${STREAM_RETRY_AFTER_S} seconds` },
      503,
      { 'Retry-After': String(STREAM_RETRY_AFTER_S), 'Cache-Control': 'no-store' },
    );
  // Whole exports of the registry (what × format), by the state they were made from: one per kind, while
  // small enough (a registry of millions of claims is streamed every time).
  const exportCache = new Map<string, { fp: string; body: Uint8Array }>();
  const slot = (parts: Iterator<string>): Iterator<string> => {
    streams++;
    let held = true;
    const release = () => {
      if (held) {
        held = false;
        streams--;
      }
    };
    return {
      next: () => {
        try {
          const n = parts.next();
          if (n.done) release();
          return n;
        } catch (e) {
          release();
          throw e;
        }
      },
      return: (v?: unknown) => {
        release();
        return parts.return?.(v as string) ?? { done: true, value: v as string };
      },
    };
  };
  // The newest audit-log entry is part of the state: an edit (a new version of a tie) changes every ETag.
  // Worked out again only when a commit happened: by another connection (data_version) or by this one
  // (total_changes), so that a request costs one tiny statement.
  // In a server that check (a statement that takes SQLite's shared WAL lock, ~5 µs) is made once per turn
  // of the event loop: every request handled in one turn arrived before the turn began, so whatever was
  // committed before it was sent is seen; a write through this server makes the next request check again.
  const commits = commitCounters(db);
  let seen: [number, number] = [-1, -1];
  let fp = '';
  let checked = false;
  const recheck = () => {
    checked = false;
  };
  const perTurn = opts.stateCheckPerTurn === true;
  const fingerprint = () => {
    if (checked) return fp;
    const now = commits();
    if (now[0] !== seen[0] || now[1] !== seen[1]) {
      fp = `${registryFingerprint(db)}.${lastEditId(db)}`;
      seen = now;
    }
    if (perTurn) {
      checked = true;
      setImmediate(recheck);
    }
    return fp;
  };
  // Whole answers that are costly and the same for every caller, kept until the registry changes.
  const memo = new Map<string, { fp: string; value: unknown }>();
  const remember = <T>(key: string, compute: () => T): T => {
    const fp = fingerprint();
    const hit = memo.get(key);
    if (hit && hit.fp === fp) return hit.value as T;
    const value = compute();
    memo.set(key, { fp, value });
    return value;
  };

  const api = new OpenAPIHono({ defaultHook: validationHook });

  api.openapi(searchRoute, (c) => {
    const { q, limit, format } = c.req.valid('query');
    const results = apiSearch(db, q, limit ?? 20);
    if ((format ?? requestedFormat(c)) === 'csv') return c.body(csvOf(results), 200, { 'Content-Type': CSV });
    return c.json({ query: q, results }, 200);
  });

  api.openapi(placeRoute, (c) => {
    const { id } = c.req.valid('param');
    const detail = apiPlace(db, id);
    if (!detail) return unknownParam(c, 'id', `no place ${quoted(id)} in the registry`);
    return c.json(detail, 200);
  });

  api.openapi(partnersRoute, (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const partnersJson = apiPartnersJson(db, id);
    if (partnersJson === '[]' && !placeExists(db, id)) return unknownParam(c, 'id', `no place ${quoted(id)} in the registry`);
    if ((format ?? requestedFormat(c)) !== 'csv') return json200(c, `{"place_id":${JSON.stringify(id)},"partners":${partnersJson}}`);
    {
      const partners = JSON.parse(partnersJson) as ReturnType<typeof apiPartners>;
      const rows = partners.map((p) => ({
        relationship_id: p.relationship_id,
        kind: p.kind,
        start_date: p.start_date,
        start_precision: p.start_precision,
        end_date: p.end_date,
        end_reason: p.end_reason,
        status: p.status,
        unlisted_in: p.unlisted_in,
        version: p.version,
        side: p.side,
        partner_id: p.partner.id,
        partner_name_zh_hans: p.partner.name_zh_hans,
        partner_name_zh_hant: p.partner.name_zh_hant,
        partner_name_en: p.partner.name_en,
        partner_country_iso2: p.partner.country_iso2,
        partner_admin_level: p.partner.admin_level,
        partner_lat: p.partner.lat,
        partner_lon: p.partner.lon,
        partner_resolved: p.partner.resolved,
        sources: sourcesText(p.sources),
        conflicts: p.conflicts.length ? p.conflicts : null,
      }));
      return c.body(csvOf(rows), 200, { 'Content-Type': CSV });
    }
  });

  api.openapi(relationshipsRoute, (c) => {
    const p = c.req.valid('query');
    if (p.from != null && p.to != null && p.from > p.to) return badParam(c, 'from', `must not be after to (${p.from} > ${p.to})`);
    const filter: RelationshipFilter = {
      cn: p.cn,
      country: p.country,
      continent: p.continent,
      kind: p.kind,
      status: p.status,
      from: p.from,
      to: p.to,
      q: p.q,
      sourceTypes: p.source_type ? p.source_type.split(',') : undefined,
    };
    if (p.cn && !placeExists(db, p.cn)) return unknownParam(c, 'cn', `no place ${quoted(p.cn)} in the registry`);
    if (p.province) {
      const code = provinceCode(db, p.province);
      if (!code) {
        return placeExists(db, p.province)
          ? badParam(c, 'province', `${quoted(p.province)} is not a Chinese province-level place`)
          : unknownParam(c, 'province', `no place ${quoted(p.province)} in the registry`);
      }
      filter.provinceCode = code;
    }
    const sort = p.sort ?? 'date';
    const order = p.order ?? 'asc';
    const format = p.format ?? requestedFormat(c);
    let after: Keyset | null = null;
    if (p.cursor) {
      const k = decodeCursor(p.cursor, sort, order);
      if (typeof k === 'string') return badParam(c, 'cursor', k);
      after = k;
    }
    if (format === 'csv' || format === 'jsonl' || format === 'geojson') {
      const type = format === 'csv' ? CSV : format === 'jsonl' ? 'application/x-ndjson; charset=utf-8' : 'application/geo+json; charset=utf-8';
      if (p.limit === undefined && !p.cursor) {
        if (streams >= maxStreams) return tooManyStreams(c);
        const body = streamText(slot(relationshipExport(allRelationshipsJson(db, filter, { sort, order }), format)));
        return c.body(body, 200, { 'Content-Type': type, ...STREAMED });
      }
      // A page, as JSON gives it; the next one is linked from the headers (a CSV has nowhere else to say it).
      const page = listRelationshipsJson(db, filter, { sort, order, limit: p.limit ?? 100, after });
      const headers: Record<string, string> = { 'Content-Type': type };
      if (page.next) {
        const next = encodeCursor(sort, order, page.next);
        const url = new URL(c.req.url);
        url.searchParams.set('cursor', next);
        headers['X-Next-Cursor'] = next;
        headers.Link = `<${url.pathname}?${url.searchParams.toString()}>; rel="next"`;
      }
      return c.body([...relationshipExport([page.items][Symbol.iterator]() as Generator<string[]>, format)].join(''), 200, headers);
    }
    const page = listRelationshipsJson(db, filter, { sort, order, limit: p.limit ?? 100, after });
    const next = page.next ? encodeCursor(sort, order, page.next) : null;
    return json200(c, `{"items":[${page.items.join(',')}],"next_cursor":${JSON.stringify(next)}}`);
  });

  api.openapi(statsRoute, (c) => (onlyCsvAsked(c) ? noCsv(c, '/api/stats') : c.json(remember('stats', () => apiStats(db)), 200)));

  api.openapi(sourcesRoute, (c) => {
    const { format } = c.req.valid('query');
    const sources = remember('sources', () => apiSources(db));
    if ((format ?? requestedFormat(c)) === 'csv') {
      const rows = sources.map((s) => ({
        id: s.id,
        source_key: s.source_key,
        version: s.version,
        current: s.current,
        file_name: s.file_name,
        format: s.format,
        owner: s.owner,
        title: s.title,
        publisher: s.publisher,
        published_at: s.published_at,
        url: s.url,
        as_of: s.as_of,
        ingested_at: s.ingested_at,
        rows: s.check.rows,
        listed: s.check.listed,
        doubtful: s.check.doubtful,
        skipped: s.check.skipped,
        errors: s.check.errors,
        warnings: s.check.warnings,
        declared_totals: s.check.totals.length,
        totals_ok: s.check.totals.every((t) => t.ok),
      }));
      return c.body(csvOf(rows), 200, { 'Content-Type': CSV });
    }
    return c.json({ sources }, 200);
  });

  api.openapi(sourceRoute, (c) => {
    const { id } = c.req.valid('param');
    const s = apiSource(db, id);
    if (!s) return unknownParam(c, 'id', `no document ${quoted(String(id))} in the registry`);
    return c.json(s, 200);
  });

  api.openapi(sourceDiffRoute, (c) => {
    const { id } = c.req.valid('param');
    const { from } = c.req.valid('query');
    const s = apiSource(db, id);
    if (!s) return unknownParam(c, 'id', `no document ${quoted(String(id))} in the registry`);
    if (from !== undefined && from >= s.source.version) return unknownParam(c, 'from', `must be a version before ${s.source.version}`);
    if (s.source.version < 2) return unknownParam(c, 'id', `${s.source.file_name} has only one version: there is nothing to compare it with`);
    try {
      return c.json(diffSource(db, s.source.source_key, { to: s.source.version, from }), 200);
    } catch (e) {
      if (e instanceof DiffError) return unknownParam(c, 'from', e.message);
      throw e;
    }
  });

  api.openapi(qualityRoute, (c) =>
    onlyCsvAsked(c) ? noCsv(c, '/api/quality') : c.json(remember('quality', () => qualityReport(db)) as unknown as z.infer<typeof S.QualityResponse>, 200),
  );

  registerWriteRoutes(api, db, { auth: opts.auth, writeDb: opts.writeDb, writeWaitMs: opts.writeWaitMs });

  // The routes served beside the typed ones (streamed downloads, this document, its page) are described too.
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/export/{what}',
    summary: 'The whole registry in an exchange format, streamed as a download (as `youcheng export`)',
    request: {
      params: z.object({ what: z.enum(EXPORT_KINDS as unknown as [string, ...string[]]).openapi({ param: { name: 'what', in: 'path' }, example: 'relationships' }) }),
      query: z.object({
        format: z.enum(EXCHANGE_FORMATS as unknown as [string, ...string[]]).optional().openapi({ param: { name: 'format', in: 'query' }, description: 'default jsonl' }),
        bom: z.enum(['1', 'true']).optional().openapi({ param: { name: 'bom', in: 'query' }, description: 'a byte-order mark before CSV, for spreadsheets' }),
      }),
    },
    responses: {
      200: { description: 'the export, as a download', content: Object.fromEntries(Object.values(CONTENT_TYPES).map((t) => [t.split(';')[0], { schema: z.string() }])) },
      400: { description: 'not something that can be exported in that format', content: { 'application/json': { schema: S.ErrorBody } } },
    },
  });
  const anObject = (description: string) => z.object({}).openapi({ additionalProperties: true, description });
  const jsonOf = (description: string, what: string) => ({ 200: { description, content: { 'application/json': { schema: anObject(what) } } } });
  const placeQuery = (name: string, description: string) => z.string().openapi({ param: { name, in: 'query' }, example: 'cn:210200', description });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/coverage',
    summary: 'The registry against the official totals, and what each source covers',
    responses: jsonOf('coverage', 'counts per source and against the declared totals'),
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/network',
    summary: 'The network of ties: its families (connected parts) and its best-connected places',
    responses: jsonOf('the network', 'families and the places with most ties'),
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/network/path',
    summary: 'The shortest chain of ties from one place to another',
    request: { query: z.object({ from: placeQuery('from', 'a place id'), to: placeQuery('to', 'a place id') }) },
    responses: {
      ...jsonOf('the chain (null when there is none)', 'from, to, their families and the chain of places'),
      400: { description: 'from or to missing', content: { 'application/json': { schema: S.ErrorBody } } },
      404: { description: 'no such place', content: { 'application/json': { schema: S.ErrorBody } } },
    },
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/wikidata/quickstatements',
    summary: 'A QuickStatements batch of the ties Wikidata lacks (all=1: every tie), or its text (format=text)',
    request: {
      query: z.object({
        all: z.enum(['1', 'true']).optional().openapi({ param: { name: 'all', in: 'query' }, description: 'every tie, not only those Wikidata lacks' }),
        format: z.enum(['json', 'text']).optional().openapi({ param: { name: 'format', in: 'query' }, description: 'text: the batch itself' }),
      }),
    },
    responses: {
      200: {
        description: 'the batch',
        content: { 'application/json': { schema: anObject('counts and the ties with their statements') }, 'text/plain': { schema: z.string() } },
      },
    },
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document (OpenAPI 3.0)',
    responses: jsonOf('the OpenAPI document', 'OpenAPI 3.0'),
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api',
    summary: 'The API described as a web page',
    responses: { 200: { description: 'an HTML page', content: { 'text/html': { schema: z.string() } } } },
  });
  const openapi = api.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'youcheng 友城',
      version: '0.1.0',
      description:
        "The registry of China's international friendship cities, as JSON (and CSV where a table is returned: format=csv, Accept: text/csv, or a .csv suffix on the path). Responses carry an ETag that changes only when the registry does.",
    },
  });
  const page = apiPage(openapi as unknown as Parameters<typeof apiPage>[0]);
  // the page's own <style> is allowed by its hash; nothing else inline
  const pageCsp = cspAllowingStyles(...inlineStyles(page));

  const notFound = (c: Context) => c.json({ error: `no such API route: ${c.req.method} ${quoted(c.req.path)}; see /api` }, 404);
  const onError = (e: Error, c: Context) => {
    if (e instanceof HTTPException && e.status < 500) return c.json({ error: e.message }, e.status);
    process.stderr.write(`youcheng server: ${e.stack ?? e.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  };
  api.notFound(notFound);
  api.onError(onError);

  const app = new Hono();
  app.use(finishing({ log: opts.log, trustProxy: opts.auth?.trustProxy }));
  const data = dataResponses(fingerprint, { cache: opts.cache });
  // A request body over the limit is refused (413) before it is read whole, or signed in.
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: `the request body is larger than ${MAX_BODY_BYTES} bytes` }, 413, { 'Cache-Control': 'no-store', Connection: 'close' }),
  });
  // /api/search.csv = /api/search?format=csv (for tables)
  const csvSuffix = async (c: Context, next: () => Promise<void>): Promise<void> => {
    if (!c.req.path.endsWith('.csv')) return next();
    const url = new URL(c.req.url);
    url.pathname = url.pathname.slice(0, -'.csv'.length);
    url.searchParams.set('format', 'csv');
    c.res = await api.fetch(new Request(url, c.req.raw));
  };
  // One middleware for /api/*: reads go through the answer cache (but for the private ones), writes through
  // the body limit (and make the next read check the registry's state again).
  app.use('/api/*', async (c, next) => {
    const m = c.req.method;
    if (m === 'GET' || m === 'HEAD') return isPrivatePath(c.req.path) ? csvSuffix(c, next) : data(c, () => csvSuffix(c, next));
    return limit(c, () => csvSuffix(c, next)).finally(recheck);
  });
  app.route('/', api);
  app.get('/openapi.json', (c) => c.json(openapi));
  app.get('/api', (c) => c.html(page, 200, { 'Content-Security-Policy': pageCsp }));
  // Downloads of the whole registry: claims, relationships or places in any export format, streamed from a
  // connection of their own so a long download never holds up other requests.
  app.get('/api/export/:what', (c) => {
    const what = c.req.param('what');
    const format = c.req.query('format') ?? 'jsonl';
    const bom = c.req.query('bom') === '1' || c.req.query('bom') === 'true';
    try {
      checkExport(what, format, { bom });
    } catch (e) {
      if (e instanceof ExportError) return c.json({ error: e.message, parameter: 'format' }, 400);
      throw e;
    }
    let sourceTypes: string[] | undefined;
    try {
      const st = c.req.query('source_type');
      if (st) sourceTypes = parseSourceTypes(st);
    } catch (e) {
      return c.json({ error: (e as Error).message, parameter: 'source_type' }, 400);
    }
    const ext: Record<string, string> = { jsonl: 'jsonl', csv: 'csv', json: 'json', geojson: 'geojson', graphml: 'graphml', gexf: 'gexf', quickstatements: 'txt' };
    const headers = {
      'Content-Type': CONTENT_TYPES[format as ExchangeFormat],
      'Content-Disposition': `attachment; filename="youcheng-${what}.${ext[format] ?? 'txt'}"`,
      ...STREAMED,
    };
    // An export the registry's state has already given is sent from memory (no connection, no bound).
    const key = `${what}\u0000${format}\u0000${bom}\u0000${sourceTypes?.join(',') ?? ''}`;
    const fp = fingerprint();
    const hit = exportCache.get(key);
    if (hit && hit.fp === fp) return c.body(hit.body as Uint8Array<ArrayBuffer>, 200, headers);
    if (streams >= maxStreams) return tooManyStreams(c);
    const own = openSecondReader(db);
    const chunks = exportChunks(own, what, format, { bom, sourceTypes });
    const close = () => {
      if (own !== db) own.close();
    };
    // Kept while it stays small enough; stored for this state once written whole.
    let kept: string[] | null = [];
    let keptChars = 0;
    const parts: Iterator<string> = {
      next: () => {
        const n = chunks.next();
        if (n.done) {
          close();
          if (kept) exportCache.set(key, { fp, body: new TextEncoder().encode(kept.join('')) });
        } else if (kept) {
          keptChars += n.value.length;
          if (keptChars > EXPORT_CACHE_CHARS) kept = null;
          else kept.push(n.value);
        }
        return n;
      },
      return: (v?: unknown) => {
        chunks.return?.(undefined);
        close();
        return { done: true, value: v as string };
      },
    };
    return c.body(streamText(slot(parts)), 200, headers);
  });
  // Open data: the registry against the official totals and its sources, the network of ties, and the
  // QuickStatements batch an editor can run on Wikidata.
  app.get('/api/coverage', (c) => c.json(remember('coverage', () => coverage(db))));
  app.get('/api/network', (c) => c.json(remember('network', () => networkSummary(db, wikidataIds(db), { families: 30, top: 30 }))));
  app.get('/api/network/path', (c) => {
    const from = c.req.query('from') ?? '';
    const to = c.req.query('to') ?? '';
    for (const [name, id] of [['from', from], ['to', to]] as const) {
      if (!id) return c.json({ error: `give ${name}: a place id`, parameter: name }, 400);
      if (!placeExists(db, id)) return c.json({ error: `no place ${id} in the registry`, parameter: name }, 404);
    }
    const n = remember('network-graph', () => buildNetwork(db));
    const chain = shortestChain(n, from, to);
    const names = chain ? graphPlaces(db, chain) : new Map();
    return c.json({
      from,
      to,
      families: [n.familyOf.get(from) ?? null, n.familyOf.get(to) ?? null],
      chain: chain ? chain.map((id) => ({ id, name: placeName(names.get(id), id), country_iso2: names.get(id)?.country_iso2 ?? null })) : null,
    });
  });
  app.get('/api/wikidata/quickstatements', (c) => {
    const all = c.req.query('all') === '1' || c.req.query('all') === 'true';
    const result = remember(`qs:${all}`, () => {
      const qids = wikidataIds(db);
      const stats = { ties: 0, lines: 0, statements: 0, withReference: 0, held: 0 };
      const items = [...quickStatementTies(db, qids, stats, { missingOnly: !all })].map((t) => ({
        id: t.tie.id,
        cn: { id: t.tie.cn_place_id, name: t.tie.cn_name, qid: t.a },
        foreign: { id: t.tie.foreign_place_id, name: t.tie.foreign_name, qid: t.b },
        start_date: t.tie.start_date,
        end_date: t.tie.status === 'ended' ? t.tie.end_date : null,
        lines: t.lines,
      }));
      return { missing_only: !all, ...stats, items };
    });
    if (c.req.query('format') === 'text') {
      return c.body(result.items.map((i) => i.lines.join('\n') + '\n').join(''), 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    }
    return c.json(result);
  });
  app.all('/api/*', notFound);
  app.use(staticFiles(opts.staticDir ?? DEFAULT_STATIC_DIR));
  app.notFound((c) => c.text('Not found\n', 404));
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
