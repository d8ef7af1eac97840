// The JSON API the web app reads (src/server). Types follow the API contract; fields the server may
// leave out are optional, and readers below are lenient about the shapes of aggregate rows.
import { useEffect, useState } from 'preact/hooks';
import { getToken, signOut } from './auth';

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
  /** an edit's reference (URL or document) */
  reference?: string | null;
  /** an edit's audit-log entry */
  edit_id?: number | null;
  /** the document as a person would cite it (servers that know it) */
  title?: string | null;
  publisher?: string | null;
  as_of?: string | null;
  published_at?: string | null;
  url?: string | null;
  version?: number;
  /** how it was read; 'edit' for a person's edits */
  format?: string;
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

/** An editor's correction of a tie's date or kind (the tie shows its value). */
export interface Correction {
  field: 'start_date' | 'kind';
  value: string | null;
  precision: string | null;
  by: string;
  at: string;
  edit_id: number;
  reference: string | null;
}

export interface Partner {
  relationship_id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  /** why the tie ended or was suspended (servers that know it) */
  end_reason?: string | null;
  /** for an unlisted tie: the document version it disappeared in ("file vN") */
  unlisted_in?: string | null;
  version?: number;
  status: string;
  side: 'cn' | 'foreign';
  partner: PlaceBrief;
  sources: SourceRef[];
  conflicts: Conflict[];
  /** servers that know them */
  corrections?: Correction[];
}

export interface RelationshipItem {
  id: number;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  end_reason?: string | null;
  unlisted_in?: string | null;
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

/** What an unresolved name's reason names (src/resolve/reasons.ts). */
export interface UnresolvedReasonParams {
  name?: string;
  /** ISO 3166-1 alpha-2 */
  country?: string;
  count?: number;
  level?: string;
  parent?: string;
  rest?: string;
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
      /** why, in English */
      reason: string;
      /** the same as a stable code and its parameters (src/resolve/reasons.ts); null (or absent, from an older server) for a reason without a code */
      reason_code?: string | null;
      reason_params?: UnresolvedReasonParams | null;
      /** admin1 (the first-level division), population: what tells same-named places apart (servers that know them) */
      candidates: Array<{ id: string; name: string; country: string | null; level: string; why: string; admin1?: string | null; population?: number | null }>;
    }>;
    conflicts: Array<{ relationship_id: number; cn: string; foreign: string; field: string; values: ConflictValue[] }>;
    ambiguousNames: Array<{ name: string; places: Array<{ id: string; name: string; country: string | null }> }>;
    doubtfulOnly: Array<{ relationship_id: number; cn: string; foreign: string; source: string; line: number; note: string | null }>;
    rowsWithoutPlace: Array<{ source: string; line: number; country: string | null }>;
  };
}

/** `GET /api/sources`: one document version. */
export interface SourceVersion {
  id: number;
  source_key: string;
  version: number;
  file_name: string;
  format: string;
  owner: string | null;
  owner_zh_hans?: string | null;
  title: string | null;
  publisher: string | null;
  published_at: string | null;
  url: string | null;
  as_of: string | null;
  ingested_at: string;
  rows_read: number;
  rows_doubtful: number;
  rows_skipped: number;
  current: boolean;
  check: Omit<DocumentCheck, 'doubtfulRows' | 'messages'>;
}

export interface DiffRow {
  line: number;
  section: string | null;
  cn_place: string | null;
  foreign_place: string | null;
  country: string | null;
  date: string | null;
  date_as_written: string | null;
  date_precision: string;
  kind: string;
  status: string;
}

export interface TieChange {
  change: 'added' | 'removed' | 'redated' | 'rekinded';
  cn_place_id: string | null;
  foreign_place_id: string | null;
  cn_name: string | null;
  foreign_name: string | null;
  country_iso2: string | null;
  from: DiffRow | null;
  to: DiffRow | null;
}

export interface SourceDiff {
  source_key: string;
  from: { id: number; version: number; file_name: string; as_of: string | null; rows: number };
  to: { id: number; version: number; file_name: string; as_of: string | null; rows: number };
  added: TieChange[];
  removed: TieChange[];
  redated: TieChange[];
  rekinded: TieChange[];
  unchanged: number;
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
  sources: (signal?: AbortSignal) => getJSON<{ sources: SourceVersion[] }>('/api/sources', signal),
  source: (id: number, signal?: AbortSignal) =>
    getJSON<{ source: Omit<SourceVersion, 'check'>; check: DocumentCheck }>(`/api/sources/${id}`, signal),
  sourceDiff: (id: number, signal?: AbortSignal) => getJSON<SourceDiff>(`/api/sources/${id}/diff`, signal),
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

/**
 * Load once per change of `key`; aborts the previous request. Never shows data loaded for another key.
 * A new `revision` (after an edit) loads the same key again, showing the old data until the new arrives.
 */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>, revision = 0): Loadable<T> {
  const [st, setSt] = useState<{ key: string; value: Loadable<T> }>({ key, value: { state: 'loading' } });
  useEffect(() => {
    const ctl = new AbortController();
    setSt((prev) => (prev.key === key && prev.value.state === 'ok' ? prev : { key, value: { state: 'loading' } }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setSt({ key, value: { state: 'ok', data } }),
      (error: Error) => !ctl.signal.aborted && setSt({ key, value: { state: 'error', error } }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, revision]);
  return st.key === key ? st.value : { state: 'loading' };
}

// ---- writes ---------------------------------------------------------------------------------------------

export type TieKind = 'sister' | 'cooperation' | 'other';

/** A relationship as the write routes return it. */
export interface RelationshipState {
  id: number;
  cn_place_id: string;
  foreign_place_id: string;
  kind: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  end_reason: string | null;
  status: string;
  unlisted_in?: string | null;
  version: number;
}

/** One audit-log entry. */
export interface EditRecord {
  id: number;
  user_name: string;
  at: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  note: string | null;
}

/** `GET /api/relationships/:id`: the tie, both places, its sources, conflicts and history. */
export interface RelationshipDetail extends RelationshipState {
  cn: PlaceBrief | null;
  foreign: PlaceBrief | null;
  sources: SourceRef[];
  conflicts: Conflict[];
  corrections: Correction[];
  history: EditRecord[];
}

/** 409: someone else changed the tie since it was read; `current` is how it is now. */
export class VersionConflict extends ApiError {
  constructor(
    message: string,
    public current: RelationshipState | null,
  ) {
    super(409, message);
  }
}

function errorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; message?: unknown };
    const m = b.error ?? b.message;
    if (typeof m === 'string') return m;
    if (m && typeof m === 'object' && 'message' in m) return String((m as { message: unknown }).message);
  }
  return fallback;
}

/**
 * A write, with the signed-in token as the Authorization header (and nowhere else). 401 signs out;
 * 409 throws VersionConflict with the tie as it is now.
 */
export async function send<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  const token = getToken();
  if (!token) {
    signOut('rejected');
    throw new ApiError(401, 'not signed in');
  }
  const res = await fetch(path, {
    method,
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
  });
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return data as T;
  const msg = errorMessage(data, `${res.status} ${res.statusText}`);
  if (res.status === 401) {
    signOut('rejected');
    throw new ApiError(401, msg);
  }
  if (res.status === 409) {
    const cur = data && typeof data === 'object' && 'current' in data ? ((data as { current: unknown }).current as RelationshipState | null) : null;
    throw new VersionConflict(msg, cur && typeof cur === 'object' ? cur : null);
  }
  throw new ApiError(res.status, msg);
}

/** Drop fields left empty, so the server sees only what the person gave. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as Partial<T>;
}

function unwrapRelationship(raw: unknown): RelationshipState {
  const r = raw as { relationship?: RelationshipState } & RelationshipState;
  return r && typeof r === 'object' && r.relationship && typeof r.relationship === 'object' ? r.relationship : r;
}

/** Lenient about the envelope: `{ relationship, cn, foreign, sources, conflicts, history }` or one flat object. */
export function toRelationshipDetail(raw: unknown): RelationshipDetail {
  const o = (raw ?? {}) as Record<string, unknown>;
  const rel = unwrapRelationship(o);
  const place = (v: unknown): PlaceBrief | null => (v && typeof v === 'object' ? (v as PlaceBrief) : null);
  const arr = <X,>(v: unknown): X[] => (Array.isArray(v) ? (v as X[]) : []);
  return {
    ...rel,
    end_reason: rel.end_reason ?? null,
    cn: place(o.cn ?? o.cn_place ?? (rel as unknown as Record<string, unknown>).cn),
    foreign: place(o.foreign ?? o.foreign_place ?? (rel as unknown as Record<string, unknown>).foreign),
    sources: arr<SourceRef>(o.sources ?? (rel as unknown as Record<string, unknown>).sources),
    conflicts: arr<Conflict>(o.conflicts ?? (rel as unknown as Record<string, unknown>).conflicts),
    corrections: arr<Correction>(o.corrections),
    history: arr<EditRecord>(o.history ?? (rel as unknown as Record<string, unknown>).history),
  };
}

export const write = {
  addRelationship: (b: { cn_place_id: string; foreign_place_id: string; kind: TieKind; date?: string; reference?: string; note?: string }) =>
    send<unknown>('POST', '/api/relationships', compact(b)).then(unwrapRelationship),
  patchRelationship: (id: number, b: { date?: string; kind?: TieKind; note?: string; reference?: string; version: number }) =>
    send<unknown>('PATCH', `/api/relationships/${id}`, compact(b)).then(unwrapRelationship),
  endRelationship: (id: number, b: { status: 'ended' | 'suspended'; end_date?: string; reason: string; reference?: string; version?: number }) =>
    send<unknown>('POST', `/api/relationships/${id}/end`, compact(b)).then(unwrapRelationship),
  merge: (b: { from: string; into: string; note?: string }) => send<{ from: string; into: string }>('POST', '/api/places/merge', compact(b)),
  split: (b: { place: string; name?: string; country?: string; note?: string }) =>
    send<{ place: string; split: string }>('POST', '/api/places/split', compact(b)),
  alias: (b: { name: string; country: string; target: string; note?: string }) => send<{ name: string; target: string }>('POST', '/api/aliases', compact(b)),
};

export const reads = {
  relationship: (id: number, signal?: AbortSignal) => getJSON<unknown>(`/api/relationships/${id}`, signal).then(toRelationshipDetail),
  edits: (f: { user?: string; target?: string; limit?: number }, signal?: AbortSignal) =>
    getJSON<unknown>(`/api/edits${qs(f)}`, signal).then((r) => {
      const o = r as { edits?: unknown; items?: unknown };
      const list = Array.isArray(r) ? r : Array.isArray(o?.edits) ? o.edits : Array.isArray(o?.items) ? o.items : [];
      return list as EditRecord[];
    }),
};
