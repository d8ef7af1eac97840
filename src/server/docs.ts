// A readable page of the API at /api, generated from the OpenAPI document (no scripts, no CDN).

interface Param {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: Record<string, unknown>;
}

interface Operation {
  summary?: string;
  description?: string;
  parameters?: Param[];
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

interface Doc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

const esc = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (m) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[m]!);

function typeOf(s: Record<string, unknown> | undefined): string {
  if (!s) return '';
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => `<code>${esc(v)}</code>`).join(' | ');
  let t = esc(s.type ?? 'string');
  if (s.minimum != null || s.maximum != null) t += ` ${esc(s.minimum ?? '…')}–${esc(s.maximum ?? '…')}`;
  if (s.pattern) t += ` <span class="muted">/${esc(s.pattern)}/</span>`;
  return t;
}

/** An example URL for an operation: its path with example parameters filled in. */
function exampleUrl(path: string, op: Operation): string | null {
  let url = path;
  const query: string[] = [];
  for (const p of op.parameters ?? []) {
    const ex = p.example ?? (p.schema as { example?: unknown } | undefined)?.example;
    if (p.in === 'path') {
      if (ex == null) return null;
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(ex)));
    } else if (p.in === 'query' && ex != null && (p.required || p.name === 'q' || p.name === 'country')) {
      query.push(`${p.name}=${encodeURIComponent(String(ex))}`);
    }
  }
  return query.length ? `${url}?${query.join('&')}` : url;
}

export function apiPage(doc: Doc): string {
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const anchor = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      toc.push(`<li><a href="#${anchor}"><code>${esc(method.toUpperCase())} ${esc(path)}</code></a> ${esc(op.summary ?? '')}</li>`);
      const params = (op.parameters ?? [])
        .map(
          (p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <b>required</b>' : ''}</td><td>${esc(p.in)}</td>
<td>${typeOf(p.schema)}${p.schema?.default != null ? ` <span class="muted">default ${esc(p.schema.default)}</span>` : ''}</td>
<td>${esc(p.description ?? '')}${p.example != null ? ` <span class="muted">e.g. <code>${esc(p.example)}</code></span>` : ''}</td></tr>`,
        )
        .join('\n');
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<li><code>${esc(code)}</code> ${esc(r.description ?? '')}${r.content ? ` <span class="muted">(${Object.keys(r.content).map(esc).join(', ')})</span>` : ''}</li>`)
        .join('');
      const ex = method === 'get' ? exampleUrl(path, op) : null;
      ops.push(`<section id="${anchor}">
<h2><code>${esc(method.toUpperCase())} ${esc(path)}</code></h2>
<p>${esc(op.summary ?? '')}</p>${op.description ? `<p class="muted">${esc(op.description)}</p>` : ''}
${ex ? `<p>Try: <a href="${esc(ex)}"><code>${esc(decodeURIComponent(ex))}</code></a></p>` : ''}
${params ? `<table><thead><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr></thead><tbody>${params}</tbody></table>` : '<p class="muted">No parameters.</p>'}
<ul>${responses}</ul>
</section>`);
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} API</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #222 }
code { font-family: ui-monospace, monospace; font-size: 0.92em }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top }
.muted { color: #666 }
section { border-top: 2px solid #eee; margin-top: 1.5rem }
h2 { font-size: 1.1rem }
</style></head>
<body>
<h1>${esc(doc.info.title)} <span class="muted">${esc(doc.info.version)}</span></h1>
<p>${esc(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.0).</p>
<ul>${toc.join('\n')}</ul>
${ops.join('\n')}
</body></html>
`;
}
