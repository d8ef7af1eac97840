// The JSON API the web app reads (src/server).
import { useEffect, useState } from 'preact/hooks';
import { getToken, signOut } from './auth';
import type { components, paths } from './api-types';

// The response types are the API's own: web/src/api-types.ts is generated from /openapi.json (the zod schemas
// of src/server/schemas.ts) by `npm run build`; the names below only point into it.
type Schemas = components['schemas'];

export type SearchResult = Schemas['SearchResult'];
export type PlaceResponse = Schemas['Place'];
export type Place = PlaceResponse['place'];
export type Fact = Place['facts'][number];
export type Partner = Schemas['Partners']['partners'][number];
export type SourceRef = Partner['sources'][number];
export type Conflict = Partner['conflicts'][number];
export type ConflictValue = Conflict['values'][number];
export type Correction = Schemas['Correction'];
export type RelationshipItem = Schemas['Relationships']['items'][number];
export type Stats = Schemas['Stats'];
export type YearRow = Stats['by_year'][number];
export type StatRow = Stats['by_country' | 'by_continent' | 'by_province' | 'by_kind' | 'by_level'][number];
export type Quality = Schemas['Quality'];
export type DocumentCheck = Quality['documents'][number];
export type TotalCheck = DocumentCheck['totals'][number];
export type UnresolvedReasonParams = NonNullable<Quality['reconciliation']['unresolved'][number]['reason_params']>;
export type SourceVersion = Schemas['Sources']['sources'][number];
export type SourceDiff = Schemas['SourceDiff'];
export type TieChange = SourceDiff['added'][number];
export type DiffRow = NonNullable<TieChange['from']>;

/** `GET /api/relationships/:id` (and what a write returns): the tie, both places, its sources, conflicts and history. */
export type RelationshipDetail = Schemas['RelationshipDetail'];
/** One audit-log entry. */
export type EditRecord = Schemas['Edit'];

/** The JSON a POST route answers with when it succeeds. */
type WriteAnswer<P extends keyof paths> = paths[P] extends { post: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;
type EditsAnswer = paths['/api/edits'] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;

/** What every answer says of a place it names (a partner, a search result, a tie's side). */
export type PlaceBrief = Pick<Partner['partner'], 'id' | 'name_zh_hans' | 'name_en' | 'country_iso2'> &
  Partial<Omit<Partner['partner'], 'id' | 'name_zh_hans' | 'name_en' | 'country_iso2'>> & { pinyin?: string | null };

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

export type TieKind = Schemas['NewRelationship']['kind'];

/** 409: someone else changed the tie since it was read; `current` is how it is now. */
export class VersionConflict extends ApiError {
  constructor(
    message: string,
    public current: RelationshipDetail | null,
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
    const cur = (data as Schemas['EditConflict'] | null)?.current;
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

export const write = {
  addRelationship: (b: Schemas['NewRelationship']) => send<RelationshipDetail>('POST', '/api/relationships', compact(b)),
  patchRelationship: (id: number, b: Schemas['RelationshipPatch'] & { version: number }) =>
    send<RelationshipDetail>('PATCH', `/api/relationships/${id}`, compact(b)),
  endRelationship: (id: number, b: Schemas['RelationshipEnd']) => send<RelationshipDetail>('POST', `/api/relationships/${id}/end`, compact(b)),
  merge: (b: Schemas['PlaceMerge']) => send<WriteAnswer<'/api/places/merge'>>('POST', '/api/places/merge', compact(b)),
  split: (b: Schemas['PlaceSplit']) => send<WriteAnswer<'/api/places/split'>>('POST', '/api/places/split', compact(b)),
  alias: (b: Schemas['Alias']) => send<WriteAnswer<'/api/aliases'>>('POST', '/api/aliases', compact(b)),
};

export const reads = {
  relationship: (id: number, signal?: AbortSignal) => getJSON<RelationshipDetail>(`/api/relationships/${id}`, signal),
  edits: (f: { user?: string; target?: string; limit?: number }, signal?: AbortSignal) =>
    getJSON<EditsAnswer>(`/api/edits${qs(f)}`, signal).then((r) => r.edits),
};
