// People who may change the registry through the HTTP API: accounts, roles and bearer tokens.
//
// A token is `yc_<tokenId>_<secret>`: the tokenId (12 hex characters) is public and finds the row; the
// secret (32 random bytes, base64url) is never stored. The row keeps only an scrypt hash of the secret
// (node:crypto; N=2^14, r=8, p=1), salted with the tokenId and a random salt of its own, in a string that
// names its parameters: `scrypt$16384$8$1$<salt>$<hash>`. A token is shown once, when it is made.
//
// Verification compares hashes in constant time, and hashes a dummy secret when the tokenId is unknown,
// so that the time an answer takes does not tell which token ids exist. Nothing is cached: a revoked
// token or a changed role counts from the very next request.
import { randomBytes, scrypt as scryptCb, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { DB } from './db.js';

export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  name: string;
  role: Role;
  token_id: string;
  created_at: string;
  revoked_at: string | null;
}

export class UserError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(message);
  }
}

const SCRYPT = { N: 1 << 14, r: 8, p: 1, keylen: 32 } as const;
const SCRYPT_OPTS: ScryptOptions = { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 };
const TOKEN = /^yc_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/** Who did it, for the audit log, when an account is made, changed or revoked. */
export interface Actor {
  name: string;
}

const roleRank = (r: Role) => ROLES.indexOf(r);

/** Whether `role` may do what `needed` may (reader < editor < admin). */
export function hasRole(role: Role, needed: Role): boolean {
  return roleRank(role) >= roleRank(needed);
}

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new UserError(`"${name}" is not a user name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit`);
  }
}

function checkRole(role: string): asserts role is Role {
  if (!isRole(role)) throw new UserError(`role must be reader, editor or admin, not "${role}"`);
}

const saltFor = (tokenId: string, rowSalt: string) => `${tokenId}:${rowSalt}`;

function hashString(tokenId: string, secret: string): string {
  const rowSalt = randomBytes(16).toString('base64url');
  const hash = scryptSync(secret, saltFor(tokenId, rowSalt), SCRYPT.keylen, SCRYPT_OPTS);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${rowSalt}$${hash.toString('base64url')}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  rowSalt: string;
  hash: Buffer;
}

function parseHash(s: string): ParsedHash | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(s);
  if (!m) return null;
  return { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), rowSalt: m[4], hash: Buffer.from(m[5], 'base64url') };
}

function scryptAsync(secret: string, salt: string, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(secret, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));
}

// Hashed when the token id is unknown or the stored hash unreadable: the same work as a real check.
const DUMMY: ParsedHash = { ...SCRYPT, rowSalt: 'AAAAAAAAAAAAAAAAAAAAAA', hash: Buffer.alloc(SCRYPT.keylen) };

function newTokenId(db: DB): string {
  for (;;) {
    const id = randomBytes(6).toString('hex');
    if (!db.prepare('SELECT 1 FROM users WHERE token_id = ?').get(id)) return id;
  }
}

function logUserEdit(db: DB, by: Actor | undefined, action: string, name: string, before: unknown, after: unknown): void {
  db.prepare('INSERT INTO edits (user_name, at, action, target, before, after, note) VALUES (?, ?, ?, ?, ?, ?, NULL)').run(
    by?.name ?? 'system',
    new Date().toISOString(),
    action,
    `user:${name}`,
    before == null ? null : JSON.stringify(before),
    after == null ? null : JSON.stringify(after),
  );
}

const PUBLIC_COLUMNS = 'id, name, role, token_id, created_at, revoked_at';

export function getUser(db: DB, name: string): User | undefined {
  return db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM users WHERE name = ?`).get(name) as User | undefined;
}

/**
 * Makes an account and its token. The token is returned once and never stored: whoever runs this must
 * hand it to the person (it cannot be shown again; revoke and make a new account if it is lost).
 */
export function addUser(db: DB, name: string, role: string, by?: Actor): { user: User; token: string } {
  checkName(name);
  checkRole(role);
  const secret = randomBytes(32).toString('base64url');
  return db
    .transaction(() => {
      if (getUser(db, name)) throw new UserError(`there is already a user called ${name}`, 409);
      const tokenId = newTokenId(db);
      db.prepare('INSERT INTO users (name, role, token_id, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        name,
        role,
        tokenId,
        hashString(tokenId, secret),
        new Date().toISOString(),
      );
      const user = getUser(db, name)!;
      logUserEdit(db, by, 'user.add', name, null, { name, role });
      return { user, token: `yc_${tokenId}_${secret}` };
    })
    .immediate();
}

export function listUsers(db: DB): User[] {
  return db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM users ORDER BY name`).all() as User[];
}

/** Revokes an account's token: it stops working from the next request. */
export function revokeUser(db: DB, name: string, by?: Actor): User {
  return db
    .transaction(() => {
      const before = getUser(db, name);
      if (!before) throw new UserError(`no user called ${name}`, 404);
      if (before.revoked_at) return before;
      db.prepare('UPDATE users SET revoked_at = ? WHERE name = ?').run(new Date().toISOString(), name);
      const after = getUser(db, name)!;
      logUserEdit(db, by, 'user.revoke', name, { role: before.role, revoked_at: null }, { role: after.role, revoked_at: after.revoked_at });
      return after;
    })
    .immediate();
}

/** Changes an account's role (an admin's doing). */
export function setRole(db: DB, name: string, role: string, by?: Actor): User {
  checkRole(role);
  return db
    .transaction(() => {
      const before = getUser(db, name);
      if (!before) throw new UserError(`no user called ${name}`, 404);
      if (before.role === role) return before;
      db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name);
      logUserEdit(db, by, 'user.role', name, { role: before.role }, { role });
      return getUser(db, name)!;
    })
    .immediate();
}

/** The public half of a token (its id), or null when it is not shaped as one. */
export function tokenIdOf(token: string): string | null {
  return TOKEN.exec(token.trim())?.[1] ?? null;
}

/**
 * The account a token belongs to, or null (malformed, unknown, wrong secret, or revoked). The stored hash
 * is compared in constant time; an unknown token id costs the same scrypt as a known one. Hashing runs on
 * libuv's thread pool, so the server goes on answering meanwhile.
 */
export async function verifyToken(db: DB, token: string): Promise<User | null> {
  const m = TOKEN.exec(token.trim());
  const tokenId = m?.[1] ?? '000000000000';
  const secret = m?.[2] ?? 'x';
  let row: { id: number; token_hash: string } | undefined;
  try {
    row = m ? (db.prepare('SELECT id, token_hash FROM users WHERE token_id = ?').get(tokenId) as typeof row) : undefined;
  } catch (e) {
    if (!/no such table/.test((e as Error).message)) throw e;
    row = undefined; // a registry from before accounts existed, opened read-only: nobody can sign in
  }
  const stored = (row && parseHash(row.token_hash)) || DUMMY;
  const computed = await scryptAsync(secret, saltFor(tokenId, stored.rowSalt), stored.hash.length || SCRYPT.keylen, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: SCRYPT_OPTS.maxmem,
  });
  const same = computed.length === stored.hash.length && timingSafeEqual(computed, stored.hash);
  if (!same || !row || stored === DUMMY) return null;
  // Read again after hashing: a revocation or role change made meanwhile counts.
  const user = db.prepare(`SELECT ${PUBLIC_COLUMNS} FROM users WHERE id = ?`).get(row.id) as User | undefined;
  if (!user || user.revoked_at) return null;
  return user;
}

const lastEditStmts = new WeakMap<DB, { get(): unknown }>();

/** The id of the newest audit-log entry (0 when none, or in a registry from before accounts existed). */
export function lastEditId(db: DB): number {
  let s = lastEditStmts.get(db);
  if (!s) {
    try {
      s = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) FROM edits').pluck() as { get(): unknown };
    } catch {
      return 0; // no edits table: an old registry opened read-only
    }
    lastEditStmts.set(db, s);
  }
  return s.get() as number;
}
