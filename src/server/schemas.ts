// Parameter and response schemas of the API. They validate requests (a wrong parameter is a 400 that
// names it) and make the OpenAPI document, from which /api (the readable page) is generated too.
import { z } from '@hono/zod-openapi';
import { KINDS } from '../model.js';

// ---- parameters -----------------------------------------------------------------------------------------

/** An integer query parameter, given as text; the message says what is wanted. */
export const intParam = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^-?\d+$/, `must be ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be ${what}`).max(max, `must be ${what}`))
    .optional();

export const limitParam = (def: number, max: number) =>
  intParam(1, max, `an integer from 1 to ${max}`).openapi({
    param: { name: 'limit', in: 'query' },
    type: 'integer',
    minimum: 1,
    maximum: max,
    default: def,
    description: `how many results (default ${def}, at most ${max})`,
  } as never);

const yearParam = (name: string, description: string) =>
  intParam(1, 9999, 'a year such as 1990').openapi({
    param: { name, in: 'query' },
    type: 'integer',
    example: name === 'from' ? 1990 : 2010,
    description,
  } as never);

const enumParam = <T extends string>(name: string, values: readonly [T, ...T[]], description: string) =>
  z
    .enum(values, { error: `must be one of ${values.join(', ')}` })
    .optional()
    .openapi({ param: { name, in: 'query' }, description });

const tableFormat = enumParam('format', ['json', 'csv'], 'json (default) or csv; also Accept: text/csv, or a .csv suffix on the path');

export const placeIdParam = z
  .string()
  .min(1, 'must be a place id such as cn:210200')
  .openapi({ param: { name: 'id', in: 'path' }, example: 'cn:210200', description: 'a place id (cn:…, gn:…, iso:…, u:CC:name); URL-encode it' });

export const SearchQuery = z.object({
  q: z
    .string({ error: 'is required: a place name in any script or pinyin' })
    .trim()
    .min(1, 'is required: a place name in any script or pinyin')
    .max(200, 'must be at most 200 characters')
    .openapi({ param: { name: 'q', in: 'query' }, example: '大连', description: 'a name in any script, English or pinyin; prefix and substring match' }),
  limit: limitParam(20, 200),
  format: tableFormat,
});

export const PlaceParams = z.object({ id: placeIdParam });
export const PartnersQuery = z.object({ format: tableFormat });

export const RelSortValues = ['date', 'country', 'cn', 'foreign'] as const;
export const Continents = ['Asia', 'Europe', 'Africa', 'North America', 'South America', 'Oceania'] as const;

export const RelationshipsQuery = z.object({
  cn: z
    .string()
    .min(1, 'must be a place id such as cn:210200')
    .optional()
    .openapi({ param: { name: 'cn', in: 'query' }, example: 'cn:210200', description: 'ties of this Chinese place (a place id)' }),
  province: z
    .string()
    .regex(/^cn:\d{2}0000$/, 'must be the id of a Chinese province-level place, such as cn:410000')
    .optional()
    .openapi({ param: { name: 'province', in: 'query' }, example: 'cn:410000', description: 'ties whose Chinese side lies in this province-level place (GB/T 2260 prefix)' }),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 code such as NZ')
    .optional()
    .openapi({ param: { name: 'country', in: 'query' }, example: 'NZ', description: 'ISO 3166-1 alpha-2 of the foreign side' }),
  continent: enumParam('continent', Continents, 'continent of the foreign side'),
  kind: enumParam('kind', KINDS, 'kind of tie'),
  status: enumParam('status', ['listed', 'doubtful', 'ended', 'suspended', 'unlisted'], 'status of the tie (unlisted: gone from the latest version of its list)'),
  source_type: z
    .string()
    .regex(/^(official list|encyclopedia|dataset|edit)(,(official list|encyclopedia|dataset|edit))*$/, 'must be official list, encyclopedia, dataset or edit (several separated by commas)')
    .optional()
    .openapi({ param: { name: 'source_type', in: 'query' }, example: 'official list,encyclopedia', description: 'ties that a source of these types lists (comma-separated)' }),
  from: yearParam('from', 'first year of the start date (inclusive); undated ties are left out'),
  to: yearParam('to', 'last year of the start date (inclusive); undated ties are left out'),
  q: z
    .string()
    .max(200, 'must be at most 200 characters')
    .optional()
    .openapi({ param: { name: 'q', in: 'query' }, description: 'a name (any script or pinyin) of either side, substring match' }),
  sort: enumParam('sort', RelSortValues, 'order of the items (default date)'),
  order: enumParam('order', ['asc', 'desc'], 'asc (default) or desc; undated ties come last either way'),
  limit: limitParam(100, 1000),
  cursor: z
    .string()
    .max(2000, 'is not a cursor from this API')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'next_cursor of the previous page' }),
  format: enumParam(
    'format',
    ['json', 'csv', 'jsonl', 'geojson'],
    'json (default, paginated); csv, jsonl and geojson stream every matching tie without pagination',
  ),
});

export const SourceParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1', description: 'a document version id, or a source key / file name (its current version)' }),
});
export const SourcesQuery = z.object({ format: tableFormat });

// ---- responses ------------------------------------------------------------------------------------------

export const ErrorBody = z
  .object({
    error: z.string().openapi({ example: 'limit: must be an integer from 1 to 1000 (got "-1")' }),
    parameter: z.string().optional().openapi({ example: 'limit' }),
    issues: z.array(z.object({ parameter: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error');

const nstr = z.string().nullable();

/** The values sources disagree on, each with the claim, document and line that gives it. */
export const ConflictValues = z.array(z.object({ value: nstr, claim_id: z.number(), source: z.string(), line: z.number() }));

const nnum = z.number().nullable();

export const SearchResult = z
  .object({
    id: z.string(),
    name_zh_hans: nstr,
    name_zh_hant: nstr,
    name_en: nstr,
    pinyin: nstr,
    country_iso2: nstr,
    admin_level: z.string(),
    is_chinese: z.boolean(),
    resolved: z.boolean(),
    partners: z.number(),
    matched: z.string(),
  })
  .openapi('SearchResult');

export const SearchResponse = z.object({ query: z.string(), results: z.array(SearchResult) }).openapi('SearchResponse');

export const PlaceResponse = z
  .object({
    place: z.object({
      id: z.string(),
      name_zh_hans: nstr,
      name_zh_hant: nstr,
      name_en: nstr,
      pinyin: nstr,
      country_iso2: nstr,
      admin_level: z.string(),
      parent_id: nstr,
      lat: nnum,
      lon: nnum,
      geonames_id: nnum,
      gbt2260: nstr,
      population: nnum,
      is_chinese: z.boolean(),
      resolved: z.boolean(),
      names: z.array(z.string()),
      parent: z.object({ id: z.string(), name_zh_hans: nstr, name_en: nstr }).nullable(),
      facts: z.array(z.object({ key: z.string(), value: z.string(), as_of: nstr, source: z.string(), line: nnum })),
    }),
    counts: z.object({ partners: z.number(), listed: z.number(), doubtful: z.number() }),
  })
  .openapi('Place');

export const Correction = z
  .object({
    field: z.enum(['start_date', 'kind']),
    value: nstr,
    precision: nstr.openapi({ description: 'of a corrected date: year, month or day' }),
    by: z.string().openapi({ description: 'the editor' }),
    at: z.string().openapi({ description: 'when (ISO 8601)' }),
    edit_id: z.number().openapi({ description: 'the audit-log entry' }),
    reference: nstr,
  })
  .openapi('Correction', { description: 'an editor’s correction of a tie’s date or kind: the tie takes its value; the documents’ own values stay in sources' });

/** A document row (or an edit) that supports a tie: in a place's partners and in a tie's detail. */
export const TieSource = z
  .object({
    source: z.string(),
    source_id: z.number(),
    source_type: z.string(),
    line: z.number(),
    status: z.string(),
    date: nstr,
    kind: z.string(),
    note: nstr,
    reference: nstr,
    edit_id: nnum,
    title: nstr.openapi({ description: 'the document’s title (from the manifest or the document itself)' }),
    publisher: nstr,
    as_of: nstr.openapi({ description: 'the date the list describes' }),
    published_at: nstr,
    url: nstr.openapi({ description: 'where the document was published' }),
    version: z.number().openapi({ description: 'the version of the document this row is in' }),
    format: z.string().openapi({ description: 'how it was read; "edit" for a person’s edits' }),
  })
  .openapi('TieSource');

export const PartnersResponse = z
  .object({
    place_id: z.string(),
    partners: z.array(
      z.object({
        relationship_id: z.number(),
        kind: z.string(),
        start_date: nstr,
        start_precision: z.string(),
        end_date: nstr,
        end_reason: nstr,
        status: z.string(),
        unlisted_in: nstr,
        version: z.number(),
        side: z.enum(['cn', 'foreign']),
        partner: z.object({
          id: z.string(),
          name_zh_hans: nstr,
          name_zh_hant: nstr,
          name_en: nstr,
          country_iso2: nstr,
          admin_level: z.string(),
          lat: nnum,
          lon: nnum,
          resolved: z.boolean(),
        }),
        sources: z.array(TieSource),
        conflicts: z.array(z.object({ field: z.string(), values: ConflictValues })),
        corrections: z.array(Correction),
      }),
    ),
  })
  .openapi('Partners');

const RelEnd = z.object({ id: z.string(), name_zh_hans: nstr, name_en: nstr, country_iso2: nstr, lat: nnum, lon: nnum });

export const RelationshipsResponse = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        kind: z.string(),
        start_date: nstr,
        start_precision: z.string(),
        end_date: nstr,
        end_reason: nstr,
        status: z.string(),
        unlisted_in: nstr,
        version: z.number(),
        cn: RelEnd,
        foreign: RelEnd,
        sources: z.array(z.object({ source: z.string(), line: z.number(), type: z.string() })),
      }),
    ),
    next_cursor: nstr,
  })
  .openapi('Relationships');

const KeyCount = z.object({ key: nstr, count: z.number() });
export const StatsResponse = z
  .object({
    totals: z.record(z.string(), z.number()),
    by_year: z.array(z.object({ year: z.number(), sister: z.number(), cooperation: z.number(), other: z.number() })),
    by_country: z.array(KeyCount.extend({ name_zh: nstr, name_en: nstr })),
    by_continent: z.array(KeyCount),
    by_province: z.array(KeyCount.extend({ name_zh_hans: nstr, name_en: nstr })),
    by_kind: z.array(KeyCount),
    by_level: z.array(KeyCount),
  })
  .openapi('Stats');

const TotalCheck = z.object({
  source: z.string(),
  section: nstr,
  line: z.number(),
  text: z.string(),
  declared: z.object({ countries: nnum, places: nnum }),
  rows: z.object({ countries: z.number(), places: z.number() }),
  registry: z.object({ countries: z.number(), places: z.number() }),
  ok: z.boolean(),
});

const CheckSummary = z.object({
  source: z.string(),
  version: z.number(),
  format: z.string(),
  owner: nstr,
  rows: z.number(),
  listed: z.number(),
  doubtful: z.number(),
  skipped: z.number(),
  errors: z.number(),
  warnings: z.number(),
  totals: z.array(TotalCheck),
});

const SourceRow = z.object({
  id: z.number(),
  source_key: z.string(),
  version: z.number(),
  file_name: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  format: z.string(),
  owner: nstr,
  owner_zh_hans: nstr,
  title: nstr,
  publisher: nstr,
  published_at: nstr,
  url: nstr,
  as_of: nstr,
  ingested_at: z.string(),
  rows_read: z.number(),
  rows_doubtful: z.number(),
  rows_skipped: z.number(),
  current: z.boolean(),
});

export const SourcesResponse = z.object({ sources: z.array(SourceRow.extend({ check: CheckSummary })) }).openapi('Sources');

export const SourceResponse = z
  .object({
    source: SourceRow,
    check: CheckSummary.extend({
      doubtfulRows: z.array(z.object({ line: z.number(), section: nstr, place: nstr, note: nstr })),
      messages: z.array(z.object({ line: z.number().nullable().openapi({ description: 'null: about the whole document' }), severity: z.string(), reason: z.string() })),
    }),
  })
  .openapi('Source');

export const SourceDiffQuery = z.object({
  from: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'must be a version number')
    .transform(Number)
    .optional()
    .openapi({ param: { name: 'from', in: 'query' }, example: '1', description: 'the older version (default: the one before this)' }),
});

const DiffRowSchema = z.object({
  line: z.number(),
  section: nstr,
  cn_place: nstr,
  foreign_place: nstr,
  country: nstr,
  date: nstr,
  date_as_written: nstr,
  date_precision: z.string(),
  kind: z.string(),
  status: z.string(),
});
const TieChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'redated', 'rekinded']),
  cn_place_id: nstr,
  foreign_place_id: nstr,
  cn_name: nstr,
  foreign_name: nstr,
  country_iso2: nstr,
  from: DiffRowSchema.nullable().openapi({ description: 'the row in the older version' }),
  to: DiffRowSchema.nullable().openapi({ description: 'the row in this version' }),
});
const VersionInfoSchema = z.object({ id: z.number(), version: z.number(), file_name: z.string(), as_of: nstr, ingested_at: z.string(), rows: z.number() });

export const SourceDiffResponse = z
  .object({
    source_key: z.string(),
    from: VersionInfoSchema,
    to: VersionInfoSchema,
    added: z.array(TieChangeSchema),
    removed: z.array(TieChangeSchema),
    redated: z.array(TieChangeSchema),
    rekinded: z.array(TieChangeSchema),
    unchanged: z.number(),
  })
  .openapi('SourceDiff');

export const QualityResponse = z
  .object({
    documents: z.array(SourceResponse.shape.check.extend({ source: z.string(), version: z.number(), format: z.string(), owner: nstr })),
    reconciliation: z
      .object({
        places: z.number(),
        resolvedPlaces: z.number(),
        foreignSidesResolved: z.number(),
        foreignSides: z.number(),
        cnSidesResolved: z.number(),
        cnSides: z.number(),
        unresolved: z.array(
          z.object({
            source: z.string(),
            line: z.number(),
            side: z.enum(['cn', 'foreign']),
            name: nstr,
            country: nstr,
            reason: z.string().openapi({ description: 'why, in English' }),
            reason_code: nstr.openapi({ description: 'the same as a stable code; null for a reason no code describes' }),
            reason_params: z
              .object({ name: z.string().optional(), country: z.string().optional(), count: z.number().optional(), level: z.string().optional(), parent: z.string().optional(), rest: z.string().optional() })
              .nullable(),
            candidates: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                country: nstr,
                level: z.string(),
                why: z.string(),
                admin1: nstr.optional(),
                admin1_id: nstr.optional(),
                population: z.number().nullable().optional(),
              }),
            ),
          }),
        ),
        conflicts: z.array(z.object({ relationship_id: z.number(), cn: z.string(), foreign: z.string(), field: z.string(), values: ConflictValues })),
        ambiguousNames: z.array(z.object({ name: z.string(), places: z.array(z.object({ id: z.string(), name: z.string(), country: nstr })) })),
        doubtfulOnly: z.array(z.object({ relationship_id: z.number(), cn: z.string(), foreign: z.string(), source: z.string(), line: z.number(), note: nstr })),
        rowsWithoutPlace: z.array(z.object({ source: z.string(), line: z.number(), country: nstr })),
      })
      .openapi({ description: 'counts, then the unresolved names, conflicts, ambiguous names, doubtful-only ties and rows without a place' }),
    wikidata: z
      .object({
        held: z.number().openapi({ description: 'places at an end of a snapshot’s tie' }),
        resolved: z.number(),
        matched: z.number().openapi({ description: 'of the held places, those with a Wikidata id' }),
        matches: z.number(),
        disagreeing: z.number(),
      })
      .nullable()
      .openapi({ description: 'Wikidata ids matched from a snapshot in the registry (null: no snapshot)' }),
  })
  .openapi('Quality');

/** A tie as a GeoJSON Feature: the same properties as `youcheng export relationships --format geojson`. */
export const TiesGeoJson = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number(),
        geometry: z.object({
          type: z.enum(['LineString', 'MultiLineString']),
          coordinates: z.array(z.array(z.union([z.number(), z.array(z.number())]))),
        }),
        properties: z.object({
          id: z.number(),
          cn_place_id: z.string(),
          cn_name_zh_hans: nstr,
          cn_name_en: nstr,
          foreign_place_id: z.string(),
          foreign_name_zh_hans: nstr,
          foreign_name_en: nstr,
          country_iso2: nstr,
          kind: z.string(),
          status: z.string(),
          start_date: nstr,
          start_precision: z.string(),
          end_date: nstr,
          unlisted_in: nstr,
        }),
      }),
    ),
  })
  .openapi('TiesGeoJson');
