// The JSON API the web app reads (src/server). Types follow the API contract; fields the server may
// leave out are optional, and readers below are lenient about the shapes of aggregate rows.
import { useEffect, useState } from 'preact/hooks';

export interface PlaceBrief {
  id: string;
  name_zh_hans: string | null;
  name_zh_hant?: string | null;
  name_en: string | null;
  pinyin?: string | null;
  country_iso2: string | null;
  admin_level?: string | null;
  lat?: number | null;
  lon?: number | null;
  resolved?: boolean | number;
}

export interface SearchResult extends PlaceBrief {
  is_chinese: boolean | number;
  partners: number;
  matched: string;
}

export interface Fact {
  key: string;
  value: string;
  as_of: string | null;
  source: string | null;
  line: number | null;
}

export interface Place extends PlaceBrief {
  parent_id: string | null;
  geonames_id: number | null;
  gbt2260: string | null;
  names: string[];
  parent: { id: string; name_zh_hans: string | null; name_en: string | null } | null;
  facts?: Fact[];
}

export interface PlaceResponse {
  place: Place;
  counts: { partners: number; listed: number; doubtful: number };
}

export interface SourceRef {
  source: string;
  source_id?: number;
  line: number | null;
  status?: string;
  date?: string | null;
  kind?: string;
  note?: string | null;
}

export interface ConflictValue {
  value: unknown;
  source?: string;
  line?: number;
}

export interface Conflict {
  field: string;
  values?: ConflictValue[];
  /** the registry's own name for `values` */
  detail?: ConflictValue[];
}

export interface Partner {
  relationship_id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  status: string;
  side: 'cn' | 'foreign';
  partner: PlaceBrief;
  sources: SourceRef[];
  conflicts: Conflict[];
}

export interface RelationshipItem {
  id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  status: string;
  cn: PlaceBrief;
  foreign: PlaceBrief;
  sources: SourceRef[];
}

export interface StatRow {
  key: string | null;
  count?: number;
  relationships?: number;
  name_zh_hans?: string | null;
  name_en?: string | null;
  name?: string | null;
  [k: string]: unknown;
}

export interface YearRow {
  year: string | number | null;
  sister?: number;
  cooperation?: number;
  other?: number;
  [k: string]: unknown;
}

export interface Stats {
  totals: Record<string, number>;
  by_year: YearRow[];
  by_country: StatRow[];
  by_continent: StatRow[];
  by_province: StatRow[];
  by_kind: StatRow[];
  by_level: StatRow[];
  [k: string]: unknown;
}

export interface TotalCheck {
  section: string | null;
  line: number | null;
  text: string;
  declared: { countries: number | null; places: number | null };
  rows: { countries: number | null; places: number | null };
  registry: { countries: number | null; places: number | null };
  ok: boolean;
}

export interface DocumentCheck {
  source: string;
  version: number;
  format: string;
  owner: string | null;
  rows: number;
  listed: number;
  doubtful: number;
  skipped: number;
  errors: number;
  warnings: number;
  totals: TotalCheck[];
  doubtfulRows: Array<{ line: number; section: string | null; place: string | null; note: string | null }>;
  messages: Array<{ line: number | null; severity: string; reason: string }>;
}

export interface Quality {
  documents: DocumentCheck[];
  reconciliation: {
    places: number;
    resolvedPlaces: number;
    foreignSidesResolved: number;
    foreignSides: number;
    cnSidesResolved: number;
    cnSides: number;
    unresolved: Array<{
      source: string;
      line: number;
      side: string;
      name: string;
      country: string | null;
      reason: string;
      candidates: Array<{ id: string; name: string; country: string | null; level: string; why: string }>;
    }>;
    conflicts: Array<{ relationship_id: number; cn: string; foreign: string; field: string; values: ConflictValue[] }>;
    ambiguousNames: Array<{ name: string; places: Array<{ id: string; name: string; country: string | null }> }>;
    doubtfulOnly: Array<{ relationship_id: number; cn: string; foreign: string; source: string; line: number; note: string | null }>;
    rowsWithoutPlace: Array<{ source: string; line: number; country: string | null }>;
  };
}

export class ApiError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJSON<T>(path: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!res.ok) {
    let msg = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: unknown; message?: unknown };
      const m = body.error ?? body.message;
      if (typeof m === 'string') msg = m;
      else if (m && typeof m === 'object' && 'message' in m) msg = String((m as { message: unknown }).message);
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, msg);
  }
  return (await res.json()) as T;
}

export const enc = encodeURIComponent;

export function qs(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export const api = {
  search: (q: string, limit: number, signal?: AbortSignal) =>
    getJSON<{ query: string; results: SearchResult[] }>(`/api/search${qs({ q, limit })}`, signal),
  place: (id: string, signal?: AbortSignal) => getJSON<PlaceResponse>(`/api/places/${enc(id)}`, signal),
  partners: (id: string, signal?: AbortSignal) =>
    getJSON<{ place_id: string; partners: Partner[] }>(`/api/places/${enc(id)}/partners`, signal),
  stats: (signal?: AbortSignal) => getJSON<Stats>('/api/stats', signal),
  quality: (signal?: AbortSignal) => getJSON<Quality>('/api/quality', signal),
};

export type RelFilter = Record<string, string | number | null | undefined>;

const PAGE = 1000;

/** Every relationship that matches the filter, following the cursor page by page. */
export async function allRelationships(filter: RelFilter, signal?: AbortSignal): Promise<RelationshipItem[]> {
  const out: RelationshipItem[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const page: { items: RelationshipItem[]; next_cursor: string | null } = await getJSON(
      `/api/relationships${qs({ ...filter, limit: PAGE, cursor })}`,
      signal,
    );
    out.push(...page.items);
    if (!page.next_cursor || page.items.length === 0) break;
    cursor = page.next_cursor;
  }
  return out;
}

export function relationshipsDownload(filter: RelFilter, format: 'csv' | 'jsonl' | 'geojson'): string {
  return `/api/relationships${qs({ ...filter, format })}`;
}

/** A stat row's count, whichever name the server gives it. */
export function countOf(r: StatRow): number {
  return Number(r.count ?? r.relationships ?? 0);
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ok'; data: T };

/** Load once per change of `key`; aborts the previous request. Never shows data loaded for another key. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [st, setSt] = useState<{ key: string; value: Loadable<T> }>({ key, value: { state: 'loading' } });
  useEffect(() => {
    const ctl = new AbortController();
    setSt({ key, value: { state: 'loading' } });
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setSt({ key, value: { state: 'ok', data } }),
      (error: Error) => !ctl.signal.aborted && setSt({ key, value: { state: 'error', error } }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return st.key === key ? st.value : { state: 'loading' };
}
