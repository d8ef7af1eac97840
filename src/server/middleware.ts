// Cross-cutting middleware: security headers, one-line JSON request logs, compression, ETag/Cache-Control on
// data.
import type { Context, MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import { Duplex } from 'node:stream';
import { brotliCompressSync, constants as zc, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { clientAddress } from './auth.js';

// ---- security headers -------------------------------------------------------------------------------------

/**
 * The Content-Security-Policy of every response: the web app's scripts, styles and data come from this
 * server only, nothing inline (Preact sets styles through the CSSOM, which CSP allows), no plugins, no
 * <base>, no framing, forms post here only. A name in the registry that is HTML can therefore never run,
 * even if a view were to insert it as markup by mistake.
 */
const CSP_DIRECTIVES: Array<[string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'self'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([k, v]) => `${k} ${v}`).join('; ');

/**
 * The policy for a server-made page with inline `<style>` elements (the /api page): those exact style
 * texts are allowed by their SHA-256, nothing else inline.
 */
export function cspAllowingStyles(...styles: string[]): string {
  const hashes = styles.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  return CSP_DIRECTIVES.map(([k, v]) => `${k} ${k === 'style-src' ? [v, ...hashes].join(' ') : v}`).join('; ');
}

/** The text of each `<style>` element of a page (for cspAllowingStyles). */
export function inlineStyles(html: string): string[] {
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
};
const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

/**
 * Security headers on every response (data, files, errors, 304s). A header the handler set itself (the
 * /api page's own CSP) is kept.
 */
function addSecurityHeaders(c: Context): void {
  if (isFinal(c.res)) return;
  try {
    const h = c.res.headers;
    for (const [k, v] of SECURITY_ENTRIES) if (!h.has(k)) h.set(k, v);
  } catch {
    // a response whose headers are immutable (Response.redirect, fetch): copy it, then add them
    const res = new Response(c.res.body, c.res);
    for (const [k, v] of SECURITY_ENTRIES) if (!res.headers.has(k)) res.headers.set(k, v);
    c.res = res;
  }
}

// ---- logging ----------------------------------------------------------------------------------------------

export type LogSink = (line: string) => void;

/**
 * Lines written in batches: every `intervalMs` (default 50 ms), or at once when 64 KB are pending. Under
 * load one write() carries hundreds of lines, so logging costs a string per request and little I/O (a
 * write per turn of the event loop took a seventh of a cached answer's time). `flush()` writes what is
 * pending (on close); a line waits at most `intervalMs`.
 */
export function batchedSink(out: { write(s: string): unknown }, opts: { intervalMs?: number } = {}): LogSink & { flush(): void } {
  const intervalMs = opts.intervalMs ?? 50;
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    out.write(text);
  };
  const sink = (line: string) => {
    pending.push(line);
    size += line.length;
    if (size >= 65536) flush();
    else if (!timer) {
      timer = setTimeout(flush, intervalMs);
      timer.unref();
    }
  };
  return Object.assign(sink, { flush });
}

/** Query parameters whose names say they carry a secret. */
const SECRET_NAME = /token|secret|passw|pwd|api[-_]?key|^key$|auth|session|sig|credential/i;
/** A youcheng token, wherever it stands. */
const TOKEN_VALUE = /yc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/;

/**
 * The path and query as logged: the values of token-like parameters (by name, or holding a youcheng token)
 * as `[redacted]`. Tokens belong in the Authorization header, but a client may put one in a URL, and a log
 * is read by more people than the accounts table.
 */
export function redactQuery(pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return pathAndQuery;
  const parts = pathAndQuery
    .slice(q + 1)
    .split('&')
    .map((p) => {
      const eq = p.indexOf('=');
      if (eq < 0) return p;
      const name = p.slice(0, eq);
      let value = p.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // left as sent
      }
      let plainName = name;
      try {
        plainName = decodeURIComponent(name);
      } catch {
        // left as sent
      }
      return SECRET_NAME.test(plainName) || TOKEN_VALUE.test(value) ? `${name}=[redacted]` : p;
    });
  return `${pathAndQuery.slice(0, q)}?${parts.join('&')}`;
}

// The time's text, made once per millisecond (a busy server answers several requests in one).
let stampMs = 0;
let stamp = '';
/** `{"time":…,"method":"GET","path":"/api/search?q=…","status":200,"ms":0.42,"client":"127.0.0.1"}` per request. */
function logLine(sink: LogSink, c: Context, t0: number, trustProxy: boolean): void {
  const t1 = performance.now();
  const ms = Math.round((t1 - t0) * 100) / 100;
  const now = Date.now();
  if (now !== stampMs) {
    stampMs = now;
    stamp = new Date(now).toISOString();
  }
  const url = c.req.url;
  const path = redactQuery(url.slice(url.indexOf('/', url.indexOf('//') + 2)));
  const client = JSON.stringify(clientAddress(c, trustProxy));
  sink(`{"time":"${stamp}","method":"${c.req.method}","path":${JSON.stringify(path)},"status":${c.res.status},"ms":${ms},"client":${client}}\n`);
}

/**
 * Request log, security headers and compression as one middleware, in that order from the outside (as the
 * three apart): one layer of the chain instead of three for every request.
 */
export function finishing(opts: { log?: LogSink | false; threshold?: number; trustProxy?: boolean } = {}): MiddlewareHandler {
  const log = opts.log || null;
  const trustProxy = opts.trustProxy ?? false;
  const threshold = opts.threshold ?? COMPRESS_THRESHOLD;
  return async (c, next) => {
    const t0 = log ? performance.now() : 0;
    await next();
    compress(c, threshold);
    addSecurityHeaders(c);
    if (log) logLine(log, c, t0, trustProxy);
  };
}

// ---- compression ------------------------------------------------------------------------------------------

/** Bodies smaller than this go out as they are: compressing them saves less than it costs. */
const COMPRESS_THRESHOLD = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|x-ndjson|javascript|xml|manifest\+json)|image\/svg\+xml)/i;

/** The encoding to use for an Accept-Encoding header: br, then gzip; none when neither is acceptable. */
export function chooseEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  // Clients send the same few headers again and again: each is worked out once.
  const known = encodings.get(accept);
  if (known !== undefined) return known;
  const enc = encodingOf(accept);
  if (encodings.size >= 256) encodings.clear();
  encodings.set(accept, enc);
  return enc;
}

const encodings = new Map<string, 'br' | 'gzip' | null>();

function encodingOf(accept: string): 'br' | 'gzip' | null {
  const q = new Map<string, number>();
  for (const part of accept.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/**
 * gzip or Brotli (node:zlib, streaming, so exports of any size go out compressed as they are produced).
 * Small bodies with a known length, and types that are compressed already, are left alone.
 */
function compress(c: Context, threshold: number): void {
  if (isFinal(c.res)) return;
  // Without an acceptable encoding the response is left untouched (reading its headers would make the
  // adapter build a full Response); data and static files carry their own Vary.
  const enc = chooseEncoding(c.req.header('Accept-Encoding'));
  if (!enc || c.req.method === 'HEAD') return;
  const type = c.res.headers.get('Content-Type') ?? '';
  if (!COMPRESSIBLE.test(type)) return;
  if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? '')) c.res.headers.append('Vary', 'Accept-Encoding');
  if (!c.res.body || c.res.headers.has('Content-Encoding') || c.res.status === 204 || c.res.status === 304) return;
  const len = c.res.headers.get('Content-Length');
  if (len != null && Number(len) < threshold) return;
  const z = enc === 'br' ? createBrotliCompress({ params: { [zc.BROTLI_PARAM_QUALITY]: 5 } }) : createGzip({ level: 6 });
  const body = c.res.body.pipeThrough(Duplex.toWeb(z) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  const headers = new Headers(c.res.headers);
  headers.delete('Content-Length');
  headers.set('Content-Encoding', enc);
  c.res = new Response(body, { status: c.res.status, statusText: c.res.statusText, headers });
  // Hono copies the replaced response's headers onto the new one: the old length must go again
  c.res.headers.delete('Content-Length');
}

// ---- ETag and Cache-Control for data ----------------------------------------------------------------------

/** The representation asked for: the `format` parameter, a `.csv` suffix, or the Accept header. */
export function requestedFormat(c: Context): string {
  const f = c.req.query('format');
  if (f) return f;
  if (c.req.path.endsWith('.csv')) return 'csv';
  const accept = c.req.header('Accept') ?? '';
  if (accept.includes('text/csv')) return 'csv';
  return 'json';
}

export const DATA_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

/** Streamed responses (exports of any size) say so, to proxies and to the cache below. */
export const STREAMED = { 'X-Accel-Buffering': 'no' } as const;

interface CachedResponse {
  /** Every header of the answer, security headers included, lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
  /** Whether a compressed variant may be given (type and size). */
  compressible: boolean;
  /** Compressed variants, made on the first request that accepts each, with their headers. */
  br?: { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> };
  gzip?: { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> };
}

/**
 * Responses that are complete as they are: their headers, security headers included, and their encoding are
 * final, so the middlewares around leave them alone (touching a response's headers makes the Node adapter
 * build a full Response and Headers, which cost more than the rest of a cached answer).
 */
const FINAL = new WeakSet<Response>();
const isFinal = (res: Response) => FINAL.has(res);

const SECURITY_LOWER = Object.fromEntries(SECURITY_ENTRIES.map(([k, v]) => [k.toLowerCase(), v]));

function finalResponse(body: Uint8Array<ArrayBuffer>, headers: Record<string, string>): Response {
  const res = new Response(body, { status: 200, headers });
  FINAL.add(res);
  return res;
}

/** The answer in the encoding asked for; a compressed variant is made once and kept on the entry. */
function answerOf(e: CachedResponse, accept: string | undefined, head: boolean): { res: Response; grew: number } {
  const enc = e.compressible && !head ? chooseEncoding(accept) : null;
  if (!enc) return { res: finalResponse(e.body, e.headers), grew: 0 };
  let v = e[enc];
  let grew = 0;
  if (!v) {
    const z =
      enc === 'br'
        ? brotliCompressSync(e.body, { params: { [zc.BROTLI_PARAM_QUALITY]: 5, [zc.BROTLI_PARAM_SIZE_HINT]: e.body.byteLength } })
        : gzipSync(e.body, { level: 6 });
    const body = new Uint8Array(z.buffer, z.byteOffset, z.byteLength) as Uint8Array<ArrayBuffer>;
    v = { body, headers: { ...e.headers, 'content-encoding': enc, 'content-length': String(body.byteLength) } };
    e[enc] = v;
    grew = body.byteLength;
  }
  return { res: finalResponse(v.body, v.headers), grew };
}

/**
 * ETag, Cache-Control and an in-memory cache for the API's answers.
 *
 * Data changes only when the registry does, so a response's validator is the registry's fingerprint and
 * the representation: a conditional request is answered 304 before any query runs. Whole answers are kept
 * in memory until the fingerprint changes, least recently used out first, since the same questions come
 * again and again (a city's partners, the stats page). An answer is kept with all its headers (security
 * headers included) and, once asked for, its Brotli and gzip bytes: a hit is bytes and a plain header
 * object, which the Node adapter writes out without building a Response, and compression costs nothing
 * after the first time. Streamed exports are never kept, and go through the other middlewares as usual.
 */
export function dataResponses(
  fingerprint: () => string,
  opts: { cache?: boolean; maxEntries?: number; maxBytes?: number; maxEntryBytes?: number } = {},
): MiddlewareHandler {
  const caching = opts.cache !== false;
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = opts.maxEntryBytes ?? 1024 * 1024;
  const entries = new Map<string, CachedResponse>();
  let bytes = 0;
  let cachedFor = '';
  const evict = () => {
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.byteLength + (e.br?.body.byteLength ?? 0) + (e.gzip?.body.byteLength ?? 0);
    }
  };
  return async (c, next) => {
    const head = c.req.method === 'HEAD';
    if ((c.req.method !== 'GET' && !head) || c.req.path === '/api') return next();
    const fp = fingerprint();
    const format = requestedFormat(c);
    const tag = `W/"${fp}-${format.replace(/[^a-z0-9]/gi, '')}"`;
    const inm = c.req.header('If-None-Match');
    if (inm && inm.split(',').some((t) => t.trim() === tag || t.trim() === '*' || t.trim() === tag.slice(2))) {
      return c.body(null, 304, { ETag: tag, 'Cache-Control': DATA_CACHE_CONTROL, Vary: 'Accept, Accept-Encoding' });
    }
    if (fp !== cachedFor) {
      entries.clear();
      bytes = 0;
      cachedFor = fp;
    }
    const key = `${format} ${c.req.url}`;
    const accept = c.req.header('Accept-Encoding');
    const hit = caching ? entries.get(key) : undefined;
    if (hit) {
      entries.delete(key); // re-insert: most recently used last
      entries.set(key, hit);
      const { res, grew } = answerOf(hit, accept, head);
      if (grew) {
        bytes += grew;
        evict();
      }
      return res;
    }
    await next();
    const res = c.res;
    if (res.status !== 200) {
      if (!res.headers.has('Cache-Control')) res.headers.set('Cache-Control', 'no-store');
      return;
    }
    res.headers.set('ETag', tag);
    res.headers.set('Cache-Control', DATA_CACHE_CONTROL);
    res.headers.set('Vary', 'Accept, Accept-Encoding');
    if (!res.body || res.headers.has('X-Accel-Buffering') || res.headers.has('Content-Encoding')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers: Record<string, string> = { ...SECURITY_LOWER, ...Object.fromEntries(res.headers.entries()) };
    headers['content-length'] = String(body.byteLength);
    const entry: CachedResponse = { headers, body, compressible: body.byteLength >= COMPRESS_THRESHOLD && COMPRESSIBLE.test(headers['content-type'] ?? '') };
    const answer = answerOf(entry, accept, head);
    c.res = answer.res;
    if (!caching || body.byteLength > maxEntryBytes || fingerprint() !== cachedFor) return;
    entries.set(key, entry);
    bytes += body.byteLength + answer.grew;
    evict();
  };
}
