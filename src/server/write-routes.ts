// The API's routes that change the registry, and the public ones about changes (the audit log, one tie with
// its history). Writes need a bearer token (editor, or admin for accounts); each is one of the edit
// operations of src/registry/edits.ts, written on a read-write connection of its own (the server reads
// through a read-only one; WAL lets both go on), so the next GET sees it and every cached answer and ETag
// changes with it (the registry's state key includes the newest audit-log entry).
import { quoted } from '../normalize/quote.js';
import { loadGazetteer } from '../gazetteer/index.js';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { KINDS } from '../model.js';
import type { Context } from 'hono';
import { failFastOnLock, openRegistry, retryWhileBusyAsync, type DB } from '../registry/db.js';
import {
  addAlias,
  addRelationship,
  EditError,
  editLog,
  endRelationship,
  getRelationship,
  mergePlaces,
  patchRelationship,
  relationshipHistory,
  setWikidata,
  splitPlace,
  type EditRecord,
  type RelationshipState,
} from '../service/edits.js';
import { addUser, listUsers, revokeUser, setRole, getUser, UserError, ROLES } from '../registry/users.js';
import { apiPartners, type ApiPartner } from '../registry/api-queries.js';
import { getPlace } from '../registry/queries.js';
import { parseDate } from '../normalize/date.js';
import { createAuth, currentUser, type AuthOptions } from './auth.js';
import { ConflictValues, Correction as CorrectionSchema, TieSource } from './schemas.js';

export interface WriteOptions {
  /** A read-write connection for edits; by default one is opened on the registry's file for each write, and closed after. */
  writeDb?: DB;
  auth?: AuthOptions;
  /** How long a write waits for the registry's write lock before it is answered 503 (default WRITE_WAIT_MS). */
  writeWaitMs?: number;
}

/** Routes whose answers depend on who asks: never kept in the shared answer cache. */
export function isPrivatePath(path: string): boolean {
  return path === '/api/me' || path === '/api/users' || path.startsWith('/api/users/');
}

// ---- the state of one tie -----------------------------------------------------------------------------------

export interface RelationshipDetail extends RelationshipState {
  cn: PlaceBrief;
  foreign: PlaceBrief;
  sources: ApiPartner['sources'];
  conflicts: ApiPartner['conflicts'];
  corrections: ApiPartner['corrections'];
  history: EditRecord[];
}

interface PlaceBrief {
  id: string;
  name_zh_hans: string | null;
  name_en: string | null;
  country_iso2: string | null;
}

function brief(db: DB, id: string): PlaceBrief {
  const p = getPlace(db, id);
  return { id, name_zh_hans: p?.name_zh_hans ?? null, name_en: p?.name_en ?? null, country_iso2: p?.country_iso2 ?? null };
}

/** A tie as it stands, with the rows and edits that support it, its conflicts and its edit history. */
export function relationshipDetail(db: DB, id: number): RelationshipDetail | null {
  const rel = getRelationship(db, id);
  if (!rel) return null;
  const seen = apiPartners(db, rel.foreign_place_id).find((p) => p.relationship_id === id);
  return {
    ...rel,
    cn: brief(db, rel.cn_place_id),
    foreign: brief(db, rel.foreign_place_id),
    sources: seen?.sources ?? [],
    conflicts: seen?.conflicts ?? [],
    corrections: seen?.corrections ?? [],
    history: relationshipHistory(db, id),
  };
}

// ---- schemas ------------------------------------------------------------------------------------------------

const dateText = (what: string) =>
  z
    .string()
    .max(40)
    .refine((s) => parseDate(s).iso != null, `must be a date: YYYY, YYYY-MM or YYYY-MM-DD (${what})`);
const kindField = z.enum(KINDS, { error: `must be one of ${KINDS.join(', ')}` });
const placeId = (example: string) => z.string().trim().min(1, 'must be a place id such as cn:210200').max(200).openapi({ example });
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const versionField = z.number({ error: 'must be the version number you read (an integer)' }).int().positive();

const RelIdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a relationship id (a positive integer)')
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, example: '1', description: 'a relationship id (as /api/places/{id}/partners gives it)' }),
});
const PlaceIdParams = z.object({
  id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 'cn:210200', description: 'a place id; URL-encode it' }),
});
const UserParams = z.object({
  name: z.string().min(1).openapi({ param: { name: 'name', in: 'path' }, example: 'alice' }),
});

const NewRelationshipBody = z
  .object({
    cn_place_id: placeId('cn:210200'),
    foreign_place_id: placeId('gn:1859307'),
    kind: kindField,
    date: dateText('the date of signing').optional(),
    reference: text(2000).optional(),
    note: text(2000).optional(),
  })
  .openapi('NewRelationship');

const PatchBody = z
  .object({
    date: dateText('the date of signing').nullable().optional(),
    kind: kindField.optional(),
    note: text(2000).optional(),
    reference: text(2000).optional(),
    version: versionField.optional().openapi({ description: 'the version you read; or send If-Match: "<version>"' }),
  })
  .openapi('RelationshipPatch');

const EndBody = z
  .object({
    status: z.enum(['ended', 'suspended'], { error: 'must be ended or suspended' }),
    end_date: dateText('the date the tie ended').optional(),
    reason: text(2000),
    reference: text(2000).optional(),
    version: versionField.optional(),
  })
  .openapi('RelationshipEnd');

const MergeBody = z.object({ from: placeId('u:JP:北九州'), into: placeId('gn:1859307'), note: text(2000).optional() }).openapi('PlaceMerge');
const SplitBody = z
  .object({
    place: placeId('u:JP:北九州'),
    name: text(200).optional(),
    country: z.string().regex(/^([A-Z]{2}|\*)$/, 'must be an ISO 3166-1 alpha-2 code such as JP, or *').optional(),
    note: text(2000).optional(),
  })
  .openapi('PlaceSplit');
const AliasBody = z
  .object({
    name: text(200),
    country: z.string().regex(/^([A-Z]{2}|\*)$/, 'must be an ISO 3166-1 alpha-2 code such as JP, or *'),
    target: placeId('gn:1859307'),
    note: text(2000).optional(),
  })
  .openapi('Alias');
const WikidataBody = z.object({ qid: z.string().regex(/^Q[1-9]\d*$/, 'must be a Wikidata item id such as Q1234') }).openapi('Wikidata');
const NewUserBody = z
  .object({
    name: z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u, "must be 1 to 64 letters, digits, '.', '_', '@' or '-'"),
    role: z.enum(ROLES, { error: 'must be one of reader, editor, admin' }),
  })
  .openapi('NewUser');
const RoleBody = z.object({ role: z.enum(ROLES, { error: 'must be one of reader, editor, admin' }) }).openapi('UserRole');

const EditsQuery = z.object({
  user: z.string().min(1).optional().openapi({ param: { name: 'user', in: 'query' }, description: 'only edits by this person' }),
  target: z
    .string()
    .min(1)
    .optional()
    .openapi({ param: { name: 'target', in: 'query' }, description: 'only edits of this target: a relationship id, a place id, user:NAME' }),
  limit: z
    .string()
    .regex(/^\d+$/, 'must be an integer from 1 to 1000')
    .transform(Number)
    .pipe(z.number().min(1, 'must be an integer from 1 to 1000').max(1000, 'must be an integer from 1 to 1000'))
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'how many, newest first (default 100, at most 1000)' } as never),
});

const IfMatch = z.object({
  'if-match': z.string().optional().openapi({ param: { name: 'if-match', in: 'header' }, example: '"1"', description: 'the version you read, as "<version>"' }),
});

const ErrorBody = z.object({ error: z.string(), parameter: z.string().optional() }).openapi('WriteError');
export const EditRecordSchema = z
  .object({
    id: z.number(),
    user_name: z.string(),
    at: z.string(),
    action: z.string(),
    target: z.string(),
    // What the audit log holds: the changed fields of the thing edited, as they were and as they became.
    before: z.record(z.string(), z.unknown()).nullable().openapi({ additionalProperties: true, description: 'the state before the edit (null when it added something)' }),
    after: z.record(z.string(), z.unknown()).nullable().openapi({ additionalProperties: true, description: 'the state after it' }),
    note: z.string().nullable(),
  })
  .openapi('Edit');
const PlaceBriefSchema = z.object({
  id: z.string(),
  name_zh_hans: z.string().nullable(),
  name_en: z.string().nullable(),
  country_iso2: z.string().nullable(),
});
export const RelationshipDetailSchema = z
  .object({
    id: z.number(),
    cn_place_id: z.string(),
    foreign_place_id: z.string(),
    kind: z.string(),
    start_date: z.string().nullable(),
    start_precision: z.string(),
    end_date: z.string().nullable(),
    end_reason: z.string().nullable(),
    status: z.string(),
    unlisted_in: z.string().nullable(),
    version: z.number().openapi({ description: 'changes with every edit of the tie: send it back with a change' }),
    cn: PlaceBriefSchema,
    foreign: PlaceBriefSchema,
    sources: z.array(TieSource),
    conflicts: z.array(z.object({ field: z.string(), values: ConflictValues })),
    corrections: z.array(CorrectionSchema),
    history: z.array(EditRecordSchema),
  })
  .openapi('RelationshipDetail');
const ConflictBody = z
  .object({ error: z.string(), current: RelationshipDetailSchema.optional().openapi({ description: 'the tie as it stands now (absent when it is gone)' }) })
  .openapi('EditConflict');
const UserSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    role: z.enum(ROLES),
    token_id: z.string().openapi({ description: 'the public half of the token' }),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi('User');

// ---- routes -------------------------------------------------------------------------------------------------

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const SECURITY = [{ bearerAuth: [] as string[] }];
const authErrors = {
  400: json(ErrorBody, 'a field is wrong; the body names it'),
  401: json(ErrorBody, 'no token, or one that is not valid (unknown, mistyped, revoked); see WWW-Authenticate'),
  403: json(ErrorBody, 'the token’s role may not do this'),
  429: json(ErrorBody, 'too many failed sign-ins from this address; see Retry-After'),
};
const notFound = { 404: json(ErrorBody, 'no such relationship, place or user') };
const conflict = { 409: json(ConflictBody, 'the tie changed since you read it (your version is stale): the body holds its current state') };

// ---- errors -------------------------------------------------------------------------------------------------

class WriterUnavailable extends Error {}

function fail(c: Context, e: unknown, db: DB) {
  if (e instanceof EditError) {
    if (e.status === 409) {
      const cur = e.current as RelationshipState | undefined;
      const now = cur ? relationshipDetail(db, cur.id) : null;
      return c.json({ error: e.message, ...(now ? { current: now } : {}) }, 409, { 'Cache-Control': 'no-store' });
    }
    return c.json({ error: e.message }, e.status, { 'Cache-Control': 'no-store' });
  }
  if (e instanceof UserError) return c.json({ error: e.message }, e.status, { 'Cache-Control': 'no-store' });
  if (e instanceof WriterUnavailable) return c.json({ error: e.message }, 503, { 'Cache-Control': 'no-store' });
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY') return c.json({ error: 'the registry is busy (an ingest is writing): try again shortly' }, 503, { 'Retry-After': '5' });
  if (code.startsWith('SQLITE_READONLY')) return c.json({ error: 'the registry file is read-only here: edits cannot be saved' }, 503);
  throw e;
}

/** The version the client read: `version` in the body, or `If-Match: "<version>"`. */
function expectedVersion(c: Context, fromBody: number | undefined): number | undefined | { error: string } {
  const header = c.req.header('If-Match');
  let fromHeader: number | undefined;
  if (header) {
    const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
    if (!m) return { error: `If-Match must be "<version>", such as "3" (got ${quoted(header)})` };
    fromHeader = Number(m[1]);
  }
  if (fromBody !== undefined && fromHeader !== undefined && fromBody !== fromHeader) {
    return { error: `version ${fromBody} and If-Match ${quoted(String(header))} disagree` };
  }
  return fromBody ?? fromHeader;
}

const noStore = { 'Cache-Control': 'no-store' };

// ---- registration -------------------------------------------------------------------------------------------

/** How long a write waits for the registry's write lock before it is answered 503 (as SQLite's busy timeout). */
const WRITE_WAIT_MS = 10_000;

/** Adds the write routes (and the audit log, a tie's history, accounts) to the API and its OpenAPI document. */
export function registerWriteRoutes(api: OpenAPIHono, db: DB, opts: WriteOptions = {}): void {
  // A read-write connection for the length of one write, then closed: nothing is left open when the
  // server stops, and the server's own (read-only) connection sees the change at its next statement.
  const write = async <T>(f: (w: DB) => T): Promise<T> => {
    // Edits resolve names against the gazetteer inside their write transaction: it is loaded here, before
    // the lock is taken (once: it stays loaded), not at start, so that a server nobody edits through does
    // not hold it (~140 MB). A gazetteer that cannot be loaded is reported by the edit that needs it.
    try {
      loadGazetteer();
    } catch {
      /* see above */
    }
    if (opts.writeDb) return f(opts.writeDb);
    if (db.memory) return f(db); // nothing else can open it
    let w: DB;
    try {
      w = openRegistry(db.name);
    } catch (e) {
      throw new WriterUnavailable(`the registry cannot be opened for writing here (${(e as Error).message})`);
    }
    try {
      // Waiting for the write lock (an ingest holds it while it stores or reconciles) happens here, between
      // tries, not inside SQLite: its busy wait would stop the server, reads included, for as long.
      failFastOnLock(w);
      return await retryWhileBusyAsync(() => f(w), opts.writeWaitMs ?? WRITE_WAIT_MS);
    } finally {
      w.close();
    }
  };
  const auth = createAuth(() => db, opts.auth);
  const editor = auth.require('editor');
  const admin = auth.require('admin');
  const who = (c: Context) => ({ name: currentUser(c).name });

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'a token `yc_<id>_<secret>` made by `youcheng users add NAME --role editor` (or POST /api/users), shown once',
  });

  // -- ties --

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/relationships',
      summary: 'Add a tie (a new signing, or one the documents miss); editor',
      description: 'The tie is a claim of its own, by the signed-in person, with a reference or a note saying where it comes from.',
      security: SECURITY,
      middleware: [editor] as const,
      request: body(NewRelationshipBody),
      responses: { 201: json(RelationshipDetailSchema, 'the tie as it now stands'), ...authErrors, ...notFound },
    }),
    async (c) => {
      const b = c.req.valid('json');
      try {
        const rel = await write((w) => addRelationship(w, who(c), {
          cnPlaceId: b.cn_place_id,
          foreignPlaceId: b.foreign_place_id,
          kind: b.kind,
          date: b.date ?? null,
          reference: b.reference ?? null,
          note: b.note ?? null,
        }));
        return c.json(relationshipDetail(db, rel.id)!, 201, { ...noStore, Location: `/api/relationships/${rel.id}` });
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/relationships/{id}',
      summary: 'One tie: its state and version, the rows and edits that support it, its conflicts and its edit history',
      request: { params: RelIdParams },
      responses: { 200: json(RelationshipDetailSchema, 'the tie'), 400: json(ErrorBody, 'the id is wrong'), ...notFound },
    }),
    (c) => {
      const { id } = c.req.valid('param');
      const d = relationshipDetail(db, id);
      if (!d) return c.json({ error: `id: no relationship ${quoted(String(id))}`, parameter: 'id' }, 404);
      return c.json(d, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/relationships/{id}',
      summary: 'Correct a tie’s date or kind; editor. Send the version you read (body or If-Match)',
      description: 'Optimistic concurrency: when the tie changed since you read it, the answer is 409 with its current state.',
      security: SECURITY,
      middleware: [editor] as const,
      request: { params: RelIdParams, headers: IfMatch, ...body(PatchBody) },
      responses: {
        200: json(RelationshipDetailSchema, 'the tie as it now stands'),
        ...authErrors,
        ...notFound,
        ...conflict,
        428: json(ErrorBody, 'no version given (in the body or as If-Match)'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const version = expectedVersion(c, b.version);
      if (typeof version === 'object') return c.json({ error: `version: ${version.error}`, parameter: 'version' }, 400);
      if (version === undefined) {
        return c.json({ error: 'version: required: send the version you read, in the body or as If-Match: "<version>"', parameter: 'version' }, 428);
      }
      if (b.date === undefined && b.kind === undefined) {
        return c.json({ error: 'date: nothing to change: give a date or a kind', parameter: 'date' }, 400);
      }
      try {
        await write((w) => patchRelationship(w, who(c), id, { date: b.date, kind: b.kind, note: b.note ?? null, reference: b.reference ?? null, version }));
        return c.json(relationshipDetail(db, id)!, 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/relationships/{id}/end',
      summary: 'End or suspend a tie, with the reason (and the date, when known); editor',
      description: 'The tie stays in the registry with its end date, status and reason. A version (body or If-Match) is checked when given.',
      security: SECURITY,
      middleware: [editor] as const,
      request: { params: RelIdParams, headers: IfMatch, ...body(EndBody) },
      responses: { 200: json(RelationshipDetailSchema, 'the tie as it now stands'), ...authErrors, ...notFound, ...conflict },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const version = expectedVersion(c, b.version);
      if (typeof version === 'object') return c.json({ error: `version: ${version.error}`, parameter: 'version' }, 400);
      try {
        await write((w) => endRelationship(w, who(c), id, {
          status: b.status,
          endDate: b.end_date ?? null,
          reason: b.reason,
          reference: b.reference ?? null,
          version,
        }));
        return c.json(relationshipDetail(db, id)!, 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  // -- places --

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/places/merge',
      summary: 'Two places that are one: every claim of `from` counts for `into`; editor',
      security: SECURITY,
      middleware: [editor] as const,
      request: body(MergeBody),
      responses: { 200: json(z.object({ from: z.string(), into: z.string() }), 'merged'), ...authErrors, ...notFound },
    }),
    async (c) => {
      const b = c.req.valid('json');
      try {
        return c.json(await write((w) => mergePlaces(w, who(c), b.from, b.into, b.note)), 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/places/split',
      summary: 'Undo a wrong merge: a merged place stands on its own again, or a name is split off a place; editor',
      description:
        'Without `name`: undoes a merge an edit made (`place` is the place merged away). With `name` (and `country`): the rows naming `place` so stand for a place of their own.',
      security: SECURITY,
      middleware: [editor] as const,
      request: body(SplitBody),
      responses: { 200: json(z.object({ place: z.string(), split: z.string() }), 'split'), ...authErrors, ...notFound },
    }),
    async (c) => {
      const b = c.req.valid('json');
      try {
        return c.json(await write((w) => splitPlace(w, who(c), b.place, { name: b.name, country: b.country, note: b.note })), 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/aliases',
      summary: 'Say what a name means in a country (as data/aliases.tsv, but logged); editor',
      security: SECURITY,
      middleware: [editor] as const,
      request: body(AliasBody),
      responses: { 200: json(z.object({ name: z.string(), target: z.string() }), 'the alias'), ...authErrors, ...notFound },
    }),
    async (c) => {
      const b = c.req.valid('json');
      try {
        return c.json(await write((w) => addAlias(w, who(c), b)), 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/places/{id}/wikidata',
      summary: 'Link a place to its Wikidata item; editor',
      security: SECURITY,
      middleware: [editor] as const,
      request: { params: PlaceIdParams, ...body(WikidataBody) },
      responses: { 200: json(z.object({ place: z.string(), qid: z.string() }), 'linked'), ...authErrors, ...notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { qid } = c.req.valid('json');
      try {
        return c.json(await write((w) => setWikidata(w, who(c), id, qid)), 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  // -- the audit log --

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/edits',
      summary: 'The audit log, newest first: who changed what, when, with the state before and after',
      request: { query: EditsQuery },
      responses: { 200: json(z.object({ edits: z.array(EditRecordSchema) }), 'log entries'), 400: json(ErrorBody, 'a parameter is wrong') },
    }),
    (c) => {
      const q = c.req.valid('query');
      return c.json({ edits: editLog(db, { user: q.user, target: q.target, limit: q.limit ?? 100 }) }, 200);
    },
  );

  // -- who is signed in --

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The account a token belongs to: how the web app checks a token before it says "signed in"; any role',
      security: SECURITY,
      middleware: [auth.require('reader')] as const,
      responses: { 200: json(z.object({ user: UserSchema }), 'the signed-in account'), ...authErrors },
    }),
    (c) => {
      const u = currentUser(c);
      return c.json({ user: { id: u.id, name: u.name, role: u.role, token_id: u.token_id, created_at: u.created_at, revoked_at: u.revoked_at } }, 200, noStore);
    },
  );

  // -- accounts (admin) --

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/users',
      summary: 'The accounts (never their tokens); admin',
      security: SECURITY,
      middleware: [admin] as const,
      responses: { 200: json(z.object({ users: z.array(UserSchema) }), 'accounts'), ...authErrors },
    }),
    (c) => c.json({ users: listUsers(db) }, 200, noStore),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Make an account; its token is in the answer, once, and never again; admin',
      security: SECURITY,
      middleware: [admin] as const,
      request: body(NewUserBody),
      responses: {
        201: json(z.object({ user: UserSchema, token: z.string(), warning: z.string() }), 'the account and its token'),
        ...authErrors,
        409: json(ErrorBody, 'there is already a user of that name'),
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      try {
        const { user, token } = await write((w) => addUser(w, b.name, b.role, who(c)));
        return c.json({ user, token, warning: 'this token is shown once: store it now (it cannot be shown again)' }, 201, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  const lastAdmin = (name: string) => {
    const users = listUsers(db);
    const admins = users.filter((u) => u.role === 'admin' && !u.revoked_at);
    return admins.length === 1 && admins[0].name === name;
  };

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/api/users/{name}',
      summary: 'Change an account’s role; admin',
      security: SECURITY,
      middleware: [admin] as const,
      request: { params: UserParams, ...body(RoleBody) },
      responses: { 200: json(z.object({ user: UserSchema }), 'the account'), ...authErrors, ...notFound, 409: json(ErrorBody, 'the last admin') },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      const { role } = c.req.valid('json');
      try {
        if (role !== 'admin' && lastAdmin(name)) return c.json({ error: `${name} is the last admin: make another admin first` }, 409);
        return c.json({ user: await write((w) => setRole(w, name, role, who(c))) }, 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/users/{name}',
      summary: 'Revoke an account’s token (at once: its next request is refused); admin',
      security: SECURITY,
      middleware: [admin] as const,
      request: { params: UserParams },
      responses: { 200: json(z.object({ user: UserSchema }), 'the revoked account'), ...authErrors, ...notFound, 409: json(ErrorBody, 'the last admin') },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      try {
        if (!getUser(db, name)) return c.json({ error: `name: no user called ${quoted(name)}`, parameter: 'name' }, 404);
        if (lastAdmin(name)) return c.json({ error: `${name} is the last admin: make another admin first` }, 409);
        return c.json({ user: await write((w) => revokeUser(w, name, who(c))) }, 200, noStore);
      } catch (e) {
        return fail(c, e, db) as never;
      }
    },
  );

}
