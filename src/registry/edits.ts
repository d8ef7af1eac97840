// What people change: every edit is a claim of its own (its source is the person, its line the edit),
// written with an entry in the append-only audit log (who, when, what, before, after), and followed by
// reconciliation in the same transaction, so the registry never shows a half-made edit.
import type { DB } from './db.js';
import { parseDate } from '../normalize/date.js';
import { toSimplified } from '../normalize/script.js';
import { loadGazetteer } from '../gazetteer/index.js';
import { provisionalId } from './place-ids.js';
import { KINDS as KIND_LIST, type Kind } from '../model.js';

export class EditError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
    readonly current?: unknown,
  ) {
    super(message);
  }
}

export interface Editor {
  name: string;
}

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
  unlisted_in: string | null;
  version: number;
}

export interface EditRecord {
  id: number;
  user_name: string;
  at: string;
  action: string;
  target: string;
  /** the changed fields as they were (null: the edit added something) */
  before: Record<string, unknown> | null;
  /** the same fields as they became */
  after: Record<string, unknown> | null;
  note: string | null;
}

const KINDS: ReadonlySet<string> = new Set(KIND_LIST);

export function getRelationship(db: DB, id: number): RelationshipState | undefined {
  return db.prepare('SELECT * FROM relationships WHERE id = ?').get(id) as RelationshipState | undefined;
}

function placeExists(db: DB, id: string): { id: string; name: string; country: string | null } | undefined {
  const row = db
    .prepare('SELECT id, COALESCE(name_zh_hans, name_en, id) AS name, country_iso2 AS country FROM places WHERE id = ?')
    .get(id) as { id: string; name: string; country: string | null } | undefined;
  if (row) return row;
  // A place of the gazetteer that no claim names yet (a tie a person adds to a new partner).
  const p = loadGazetteer().byId(id);
  return p ? { id: p.id, name: p.nameZh ?? p.nameEn ?? p.id, country: p.country } : undefined;
}

/** The person's own source: one per person, holding every claim their edits made. */
function editSource(db: DB, who: Editor): number {
  const key = `edits:${who.name}`;
  const row = db.prepare('SELECT id FROM sources WHERE source_key = ?').pluck().get(key) as number | undefined;
  if (row) return row;
  return Number(
    db
      .prepare(
        `INSERT INTO sources (source_key, version, file_name, path, sha256, bytes, format, owner, title, ingested_at, type)
         VALUES (?, 1, ?, NULL, ?, 0, 'edit', NULL, ?, ?, 'edit')`,
      )
      .run(key, `edits by ${who.name}`, key, `Edits made by ${who.name}`, new Date().toISOString()).lastInsertRowid,
  );
}

/** The id the next log entry will take. Safe only inside the edit's IMMEDIATE transaction (one writer). */
function nextEditId(db: DB): number {
  return ((db.prepare('SELECT MAX(id) FROM edits').pluck().get() as number | null) ?? 0) + 1;
}

/** Appends to the audit log; written last in each edit, when `after` is known. */
function audit(db: DB, id: number, who: Editor, action: string, target: string, before: unknown, after: unknown, note: string | null): number {
  db.prepare('INSERT INTO edits (id, user_name, at, action, target, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    who.name,
    new Date().toISOString(),
    action,
    target,
    before == null ? null : JSON.stringify(before),
    after == null ? null : JSON.stringify(after),
    note,
  );
  return id;
}

interface EditClaim {
  cnPlaceId: string;
  foreignPlaceId: string;
  fields: Array<'listed' | 'date' | 'kind' | 'end'>;
  kind?: Kind;
  date?: string | null;
  endDate?: string | null;
  endStatus?: 'ended' | 'suspended' | null;
  note?: string | null;
  reference?: string | null;
}

function writeClaim(db: DB, who: Editor, editId: number, c: EditClaim): void {
  const cn = placeExists(db, c.cnPlaceId);
  const f = placeExists(db, c.foreignPlaceId);
  const parsed = parseDate(c.date ?? null);
  db.prepare(
    `INSERT INTO claims (source_id, line, section, cn_place, cn_place_zh_hans, foreign_place, foreign_place_zh_hans, country_iso2,
       date_text, date, date_precision, kind, status, note, edit_id, cn_place_pin, foreign_place_pin, end_date, end_status, reference, edit_fields)
     VALUES (?, ?, 'edit', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'listed', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    editSource(db, who),
    editId,
    cn?.name ?? c.cnPlaceId,
    cn ? toSimplified(cn.name) : null,
    f?.name ?? c.foreignPlaceId,
    f ? toSimplified(f.name) : null,
    f?.country ?? null,
    c.date ?? null,
    parsed.iso,
    parsed.precision,
    c.kind ?? 'sister',
    c.note ?? null,
    editId,
    c.cnPlaceId,
    c.foreignPlaceId,
    c.endDate ?? null,
    c.endStatus ?? null,
    c.reference ?? null,
    JSON.stringify(c.fields),
  );
}

function checkDate(s: string | null | undefined, what: string): void {
  if (s == null || s === '') return;
  const d = parseDate(s);
  if (!d.iso) throw new EditError(`${what} "${s}" is not a date (${d.problem ?? 'use YYYY, YYYY-MM or YYYY-MM-DD'})`);
}

function checkVersion(rel: RelationshipState, expected: number | undefined): void {
  if (expected !== undefined && expected !== rel.version) {
    throw new EditError(`relationship ${rel.id} was changed by someone else (version ${rel.version}, you sent ${expected})`, 409, rel);
  }
}

/**
 * How the relationships are rebuilt after an edit, inside its transaction: given by the caller (the edit
 * service, src/service/edits.ts, reconciles), so that the store depends on nothing above it.
 */
export type Rebuild = (db: DB) => void;

function run<T>(db: DB, f: () => T): T {
  // IMMEDIATE: the version check, the claim, the log entry and the rebuild happen as one, or not at all.
  return db.transaction(f).immediate();
}

function relOrThrow(db: DB, id: number): RelationshipState {
  const rel = getRelationship(db, id);
  if (!rel) throw new EditError(`no relationship ${id}`, 404);
  return rel;
}

function relOfPair(db: DB, cn: string, foreign: string): RelationshipState {
  return db.prepare('SELECT * FROM relationships WHERE cn_place_id = ? AND foreign_place_id = ?').get(cn, foreign) as RelationshipState;
}

export interface NewRelationship {
  cnPlaceId: string;
  foreignPlaceId: string;
  kind: Kind;
  date?: string | null;
  reference?: string | null;
  note?: string | null;
}

/** A tie a person adds (a new signing, or one the documents miss). */
export function addRelationship(db: DB, rebuild: Rebuild, who: Editor, r: NewRelationship): RelationshipState {
  if (!KINDS.has(r.kind)) throw new EditError(`kind must be sister, cooperation or other, not "${r.kind}"`);
  checkDate(r.date, 'date');
  if (!r.reference && !r.note) throw new EditError('say where the tie comes from: a reference (URL or document) or a note');
  return run(db, () => {
    if (!placeExists(db, r.cnPlaceId)) throw new EditError(`no place ${r.cnPlaceId}`, 404);
    if (!placeExists(db, r.foreignPlaceId)) throw new EditError(`no place ${r.foreignPlaceId}`, 404);
    const before = relOfPair(db, r.cnPlaceId, r.foreignPlaceId) ?? null;
    const editId = nextEditId(db);
    writeClaim(db, who, editId, { ...r, fields: r.date ? ['listed', 'kind', 'date'] : ['listed', 'kind'] });
    rebuild(db);
    const after = relOfPair(db, r.cnPlaceId, r.foreignPlaceId);
    audit(db, editId, who, 'relationship.add', String(after.id), before, after, r.note ?? null);
    return after;
  });
}

export interface RelationshipPatch {
  date?: string | null;
  kind?: Kind;
  reference?: string | null;
  note?: string | null;
  version?: number;
}

/** Corrects a tie's date or kind. */
export function patchRelationship(db: DB, rebuild: Rebuild, who: Editor, id: number, p: RelationshipPatch): RelationshipState {
  if (p.kind !== undefined && !KINDS.has(p.kind)) throw new EditError(`kind must be sister, cooperation or other, not "${p.kind}"`);
  checkDate(p.date, 'date');
  const fields: EditClaim['fields'] = [];
  if (p.date !== undefined) fields.push('date');
  if (p.kind !== undefined) fields.push('kind');
  if (!fields.length) throw new EditError('nothing to change: give a date or a kind');
  return run(db, () => {
    const before = relOrThrow(db, id);
    checkVersion(before, p.version);
    const editId = nextEditId(db);
    writeClaim(db, who, editId, {
      cnPlaceId: before.cn_place_id,
      foreignPlaceId: before.foreign_place_id,
      fields,
      kind: p.kind ?? (before.kind as Kind),
      date: p.date ?? null,
      reference: p.reference,
      note: p.note,
    });
    rebuild(db);
    const after = relOrThrow(db, id);
    audit(db, editId, who, 'relationship.update', String(id), before, after, p.note ?? null);
    return after;
  });
}

export interface EndRequest {
  endDate?: string | null;
  status: 'ended' | 'suspended';
  reason: string;
  reference?: string | null;
  version?: number;
}

/** Ends or suspends a tie (the 2022 freezes): the tie stays, with its end date and reason. */
export function endRelationship(db: DB, rebuild: Rebuild, who: Editor, id: number, e: EndRequest): RelationshipState {
  if (e.status !== 'ended' && e.status !== 'suspended') throw new EditError(`status must be ended or suspended, not "${e.status}"`);
  if (!e.reason?.trim()) throw new EditError('give a reason for ending the tie');
  checkDate(e.endDate, 'end date');
  return run(db, () => {
    const before = relOrThrow(db, id);
    checkVersion(before, e.version);
    const editId = nextEditId(db);
    const end = e.endDate ? parseDate(e.endDate).iso : null;
    writeClaim(db, who, editId, {
      cnPlaceId: before.cn_place_id,
      foreignPlaceId: before.foreign_place_id,
      fields: ['end'],
      kind: before.kind as Kind,
      endDate: end,
      endStatus: e.status,
      note: e.reason,
      reference: e.reference,
    });
    rebuild(db);
    const after = relOrThrow(db, id);
    audit(db, editId, who, `relationship.${e.status === 'ended' ? 'end' : 'suspend'}`, String(id), before, after, e.reason);
    return after;
  });
}

/** Two places that are one: every claim of `fromId` now counts for `intoId`. */
export function mergePlaces(db: DB, rebuild: Rebuild, who: Editor, fromId: string, intoId: string, note?: string): { from: string; into: string } {
  if (fromId === intoId) throw new EditError('a place cannot be merged into itself');
  return run(db, () => {
    const from = placeExists(db, fromId);
    const into = placeExists(db, intoId);
    if (!from) throw new EditError(`no place ${fromId}`, 404);
    if (!into) throw new EditError(`no place ${intoId}`, 404);
    let cur = intoId;
    for (let i = 0; i < 32; i++) {
      const next = db.prepare('SELECT into_id FROM place_merges WHERE from_id = ?').pluck().get(cur) as string | undefined;
      if (!next) break;
      if (next === fromId) throw new EditError(`${intoId} is already merged into ${fromId}: merging back would make a loop`);
      cur = next;
    }
    const editId = audit(db, nextEditId(db), who, 'place.merge', fromId, { place: from }, { into }, note ?? null);
    db.prepare('INSERT OR REPLACE INTO place_merges (from_id, into_id, edit_id) VALUES (?, ?, ?)').run(fromId, intoId, editId);
    rebuild(db);
    return { from: fromId, into: intoId };
  });
}

/**
 * Undoes a wrong merge: either a merge a person made (`placeId` merged away), or one reconciliation made
 * (a `name` that resolved to `placeId` and is really another place, which then stands on its own).
 */
export function splitPlace(db: DB, rebuild: Rebuild, who: Editor, placeId: string, opts: { name?: string; country?: string; note?: string } = {}): { place: string; split: string } {
  return run(db, () => {
    const merge = db.prepare('SELECT into_id FROM place_merges WHERE from_id = ?').pluck().get(placeId) as string | undefined;
    if (merge && !opts.name) {
      audit(db, nextEditId(db), who, 'place.split', placeId, { merged_into: merge }, { merged_into: null }, opts.note ?? null);
      db.prepare('DELETE FROM place_merges WHERE from_id = ?').run(placeId);
      rebuild(db);
      return { place: merge, split: placeId };
    }
    if (!opts.name) throw new EditError(`${placeId} was not merged by an edit: name the name to split off (name)`);
    const place = placeExists(db, placeId);
    if (!place) throw new EditError(`no place ${placeId}`, 404);
    const country = opts.country ?? place.country ?? '*';
    const used = db
      .prepare(`SELECT COUNT(*) FROM place_names WHERE place_id = ? AND name = ?`)
      .pluck()
      .get(placeId, opts.name) as number;
    if (!used) throw new EditError(`no claim names ${placeId} "${opts.name}"`, 404);
    const target = provisionalId(opts.name, country === '*' ? null : country);
    const editId = audit(db, nextEditId(db), who, 'place.split', placeId, { name: opts.name, place: placeId }, { name: opts.name, place: target }, opts.note ?? null);
    db.prepare('INSERT OR REPLACE INTO place_aliases (name, country, target, edit_id) VALUES (?, ?, ?, ?)').run(opts.name, country, target, editId);
    rebuild(db);
    return { place: placeId, split: target };
  });
}

/** A person's word on what a name means (as the alias file, but through the registry and logged). */
export function addAlias(db: DB, rebuild: Rebuild, who: Editor, a: { name: string; country: string; target: string; note?: string }): { name: string; target: string } {
  if (!a.name?.trim()) throw new EditError('name is required');
  if (!/^([A-Z]{2}|\*)$/.test(a.country)) throw new EditError(`country must be an ISO 3166-1 alpha-2 code or *, not "${a.country}"`);
  return run(db, () => {
    if (!a.target.startsWith('en:') && !a.target.startsWith('u:') && !placeExists(db, a.target)) throw new EditError(`no place ${a.target}`, 404);
    const before = db.prepare('SELECT target FROM place_aliases WHERE name = ? AND country = ?').get(a.name, a.country) ?? null;
    const editId = audit(db, nextEditId(db), who, 'alias.add', `${a.name}|${a.country}`, before, { target: a.target }, a.note ?? null);
    db.prepare('INSERT OR REPLACE INTO place_aliases (name, country, target, edit_id) VALUES (?, ?, ?, ?)').run(a.name, a.country, a.target, editId);
    rebuild(db);
    return { name: a.name, target: a.target };
  });
}

/** Links a place to its Wikidata item (for QuickStatements exports). */
export function setWikidata(db: DB, who: Editor, placeId: string, qid: string): { place: string; qid: string } {
  if (!/^Q[1-9]\d*$/.test(qid)) throw new EditError(`"${qid}" is not a Wikidata item id (Q followed by digits)`);
  return run(db, () => {
    if (!placeExists(db, placeId)) throw new EditError(`no place ${placeId}`, 404);
    const before = db.prepare('SELECT qid FROM place_wikidata WHERE place_id = ?').get(placeId) ?? null;
    audit(db, nextEditId(db), who, 'place.wikidata', placeId, before, { qid }, null);
    db.prepare("INSERT OR REPLACE INTO place_wikidata (place_id, qid, origin) VALUES (?, ?, 'edit')").run(placeId, qid);
    db.prepare('UPDATE places SET wikidata_id = ? WHERE id = ?').run(qid, placeId);
    return { place: placeId, qid };
  });
}

/** The audit log, newest first. */
export function editLog(db: DB, opts: { target?: string; user?: string; limit?: number } = {}): EditRecord[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: opts.limit ?? 100 };
  if (opts.target) {
    where.push('target = @target');
    params.target = opts.target;
  }
  if (opts.user) {
    where.push('user_name = @user');
    params.user = opts.user;
  }
  return (
    db
      .prepare(`SELECT * FROM edits ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`)
      .all(params) as Array<Omit<EditRecord, 'before' | 'after'> & { before: string | null; after: string | null }>
  ).map((e) => ({ ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null }));
}

/** A relationship's history: the log entries about it, oldest first. */
export function relationshipHistory(db: DB, id: number): EditRecord[] {
  const rel = getRelationship(db, id);
  const targets = [String(id)];
  if (rel) targets.push(`${rel.cn_place_id}|${rel.foreign_place_id}`);
  return (
    db
      .prepare(`SELECT * FROM edits WHERE target IN (${targets.map(() => '?').join(',')}) ORDER BY id`)
      .all(...targets) as Array<Omit<EditRecord, 'before' | 'after'> & { before: string | null; after: string | null }>
  ).map((e) => ({ ...e, before: e.before ? JSON.parse(e.before) : null, after: e.after ? JSON.parse(e.after) : null }));
}

/** The aliases people added through edits, in the order they were made (they win over the alias file). */
export function editedAliases(db: DB): Array<{ name: string; country: string; target: string }> {
  return db.prepare('SELECT name, country, target FROM place_aliases ORDER BY edit_id').all() as Array<{ name: string; country: string; target: string }>;
}
