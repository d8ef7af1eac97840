// The web app's files, with the single-page-app fallback: a GET that is not an API call, not an existing
// file and not the name of a file gets index.html, so the app's own routes (/place/cn:210200, /map) load
// from a bookmark, while a missing file is a 404.
import type { MiddlewareHandler } from 'hono';
import { createReadStream, realpathSync, statSync, type Stats } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { cspAllowingStyles, inlineStyles } from './middleware.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>youcheng</title>
<style>body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5 }</style></head>
<body>
<h1>youcheng 友城</h1>
<p>The web app is not built yet (no <code>index.html</code> in its folder). The API is running:
see <a href="/api">/api</a> for its routes, or try <a href="/api/search?q=%E5%A4%A7%E8%BF%9E">/api/search?q=大连</a>.</p>
</body></html>
`;

const NOT_BUILT_CSP = cspAllowingStyles(...inlineStyles(NOT_BUILT));

/** The folder's real path (symbolic links resolved), or null while it does not exist. */
function realRoot(root: string): string | null {
  try {
    return realpathSync.native(root);
  } catch {
    return null;
  }
}

function fileAt(root: string, urlPath: string): { path: string; stat: Stats } | null | 'forbidden' {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return 'forbidden';
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return 'forbidden';
  // Any ".." segment is refused outright, whatever it would resolve to.
  if (decoded.split('/').some((s) => s === '..')) return 'forbidden';
  const path = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (path !== root && !path.startsWith(root + sep)) return 'forbidden';
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    // A symbolic link inside the folder that leads out of it (to the package, to /etc) is not served.
    const real = realpathSync.native(path);
    const top = realRoot(root);
    if (!top || (real !== top && !real.startsWith(top + sep))) return 'forbidden';
    return { path: real, stat };
  } catch {
    return null;
  }
}

/** Extensions of files, beyond those served (TYPES): what scanners ask for. */
const FILE_EXTENSIONS = new Set([...Object.keys(TYPES), '.php', '.asp', '.aspx', '.jsp', '.cgi', '.env', '.bak', '.old', '.sql', '.zip', '.gz', '.tar', '.yml', '.yaml', '.ini', '.conf', '.log', '.htm']);

function looksLikeFile(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const segments = decoded.split('/').filter(Boolean);
  if (segments.some((s) => s.startsWith('.'))) return true;
  const last = segments.at(-1) ?? '';
  return FILE_EXTENSIONS.has(extname(last).toLowerCase());
}

export function staticFiles(dir: string): MiddlewareHandler {
  const root = resolve(dir);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const raw = c.req.url;
    const afterHost = raw.indexOf('/', raw.indexOf('//') + 2);
    const q = raw.indexOf('?', afterHost);
    const pathname = raw.slice(afterHost, q < 0 ? undefined : q);
    let found = fileAt(root, pathname);
    if (found === 'forbidden') return c.text('Not found\n', 404);
    let fallback = false;
    // A missing file is a 404, not the app: a dot-file or dot-folder (/.git/config, /.env), or a name with
    // the extension of a file the server serves (/nonexistent.png, an old /assets/….js). The app's own
    // routes have none (/place/u:US:St. Louis ends in ". Louis", no extension of a file).
    if (!found && pathname !== '/' && looksLikeFile(pathname)) return c.text('Not found\n', 404, { 'Cache-Control': 'no-cache' });
    if (!found || pathname === '/') {
      found = fileAt(root, '/index.html');
      fallback = true;
      if (!found || found === 'forbidden') return c.html(NOT_BUILT, 200, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': NOT_BUILT_CSP });
    }
    const { path, stat } = found;
    const etag = `W/"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      ETag: etag,
      // Vite's hashed assets never change under their name; everything else is revalidated.
      'Cache-Control': !fallback && /\/assets\//.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304, headers);
    headers['Content-Length'] = String(stat.size);
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    const body = Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>;
    return c.body(body, 200, headers);
  };
}
