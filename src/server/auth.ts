// Signing in to the API: `Authorization: Bearer yc_<id>_<secret>`, checked on every request that needs
// it (nothing about a successful sign-in is remembered beyond the request, so a revoked token or a changed
// role counts at once). Reading needs no token.
//
// Failed sign-ins are counted per token id (guesses at one account) and in all (guesses at many), never per
// client address: an office or a proxy puts many people behind one address, and ten bad tokens from one of
// them locked every editor out. Past the limit a bad token is answered 429 with Retry-After instead of 401;
// a valid token is always checked and always let in, whatever others failed. (Guessing a secret is out of
// reach anyway — 43 random base64url characters, scrypt-hashed —; the limit tells a client that keeps
// failing to stop, and says so in the request log.)
import type { Context, MiddlewareHandler } from 'hono';
import type { DB } from '../registry/db.js';
import { hasRole, tokenIdOf, verifyToken, type Role, type User } from '../registry/users.js';

export interface AuthOptions {
  /** Failed sign-ins allowed per token id within `windowMs` (default 10). */
  maxFailures?: number;
  /** Failed sign-ins allowed in all within `windowMs`, whatever the token id (default 100). */
  maxGlobalFailures?: number;
  /** The window failed sign-ins are counted in, in milliseconds (default one minute). */
  windowMs?: number;
  /**
   * Behind a reverse proxy: take the client's address (for the request log) from the last X-Forwarded-For
   * entry (the one the proxy added) instead of the socket. Off by default, since a client could otherwise
   * choose its address.
   */
  trustProxy?: boolean;
}

export interface Auth {
  /** Middleware: the request must carry a valid token whose role is at least `role`. */
  require(role: Role): MiddlewareHandler;
}

const users = new WeakMap<Request, User>();

/** The account that signed the request (after `require`). */
export function currentUser(c: Context): User {
  const u = users.get(c.req.raw);
  if (!u) throw new Error('currentUser() outside a route that requires a sign-in');
  return u;
}

/** The address a request came from: the socket's (Node adapter), or the proxy's word when trusted. */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const xff = c.req.header('X-Forwarded-For');
    const last = xff?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Failed attempts per key (a token id, or one key for all), in a sliding window; bounded in memory. */
class FailureCounter {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxAddresses = 50_000,
  ) {}

  private recent(addr: string, now: number): number[] {
    const list = (this.attempts.get(addr) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.attempts.set(addr, list);
    else this.attempts.delete(addr);
    return list;
  }

  /** Seconds to wait before `addr` may try again, or 0. */
  blockedFor(addr: string, now = Date.now()): number {
    const list = this.recent(addr, now);
    if (list.length < this.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.max] + this.windowMs - now) / 1000));
  }

  /**
   * Counts an attempt before it is checked (so that many made at once are all counted); returns a function
   * that forgets it again, for when the attempt succeeds.
   */
  attempt(addr: string, now = Date.now()): () => void {
    const list = this.recent(addr, now);
    list.push(now);
    this.attempts.set(addr, list);
    if (this.attempts.size > this.maxAddresses) this.prune(now);
    return () => {
      const l = this.attempts.get(addr);
      const i = l?.lastIndexOf(now) ?? -1;
      if (l && i >= 0) l.splice(i, 1);
      if (l && !l.length) this.attempts.delete(addr);
    };
  }

  private prune(now: number): void {
    for (const addr of [...this.attempts.keys()]) this.recent(addr, now);
    // still too many: forget the addresses seen longest ago
    for (const addr of this.attempts.keys()) {
      if (this.attempts.size <= this.maxAddresses) break;
      this.attempts.delete(addr);
    }
  }
}

const CHALLENGE = 'Bearer realm="youcheng"';

/**
 * Sign-in for the routes that change the registry. `db` is read for every check (the accounts table), so
 * a revocation made on any connection counts from the next request.
 */
export function createAuth(db: () => DB, opts: AuthOptions = {}): Auth {
  const windowMs = opts.windowMs ?? 60_000;
  const perId = new FailureCounter(opts.maxFailures ?? 10, windowMs);
  const global = new FailureCounter(opts.maxGlobalFailures ?? 100, windowMs);
  const ALL = '*';
  return {
    require(role: Role): MiddlewareHandler {
      return async (c, next) => {
        const header = c.req.header('Authorization');
        if (!header) {
          return c.json({ error: 'sign in first: send Authorization: Bearer <token> (tokens come from `youcheng users add`)' }, 401, {
            'WWW-Authenticate': CHALLENGE,
            'Cache-Control': 'no-store',
          });
        }
        const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
        const id = (m && tokenIdOf(m[1])) ?? '(not a token)';
        // Decided and counted before the check (which waits for scrypt), so that failures sent at once are all
        // counted; the attempt is forgotten again when the token is valid.
        const idWait = perId.blockedFor(id);
        const allWait = global.blockedFor(ALL);
        const forgetId = perId.attempt(id);
        const forgetAll = global.attempt(ALL);
        const user = m ? await verifyToken(db(), m[1]) : null;
        if (!user) {
          if (idWait || allWait) {
            const wait = Math.max(idWait, allWait);
            return c.json({ error: `too many failed sign-ins ${idWait ? 'with this token id' : 'at this server'}: try again in ${wait} s` }, 429, {
              'Retry-After': String(wait),
              'Cache-Control': 'no-store',
            });
          }
          return c.json({ error: m ? 'the token is not valid (unknown, mistyped or revoked)' : 'Authorization must be "Bearer <token>"' }, 401, {
            'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"`,
            'Cache-Control': 'no-store',
          });
        }
        forgetId();
        forgetAll();
        if (!hasRole(user.role, role)) {
          return c.json({ error: `this needs the ${role} role; ${user.name} is ${user.role === 'admin' ? 'an' : 'a'} ${user.role}` }, 403, {
            'Cache-Control': 'no-store',
          });
        }
        users.set(c.req.raw, user);
        await next();
      };
    },
  };
}
