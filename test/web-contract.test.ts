// One contract between the server and the web app: the web app's types (web/src/api-types.ts) are what
// openapi-typescript makes of the server's /openapi.json, and what the server answers on the sample registry
// is what those schemas describe (each answer parsed by the zod schema the document and the types come from).
// `npm run build` writes the types anew; the first test catches a committed copy left behind a schema change
// (`npm run typecheck` reads the committed copy). The write side too: a tie's detail and the audit log.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from '@hono/zod-openapi';
import { createApp } from '../src/server/index.js';
import * as S from '../src/server/schemas.js';
import { EditRecordSchema, RelationshipDetailSchema } from '../src/server/write-routes.js';
import { addUser } from '../src/registry/users.js';
import { openApiDocument, webTypes } from '../src/server/emit-openapi.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

let app: ReturnType<typeof createApp>;
let db: ReturnType<typeof openRegistry>;

beforeAll(async () => {
  db = openRegistry(join(tempDir(), 'contract.db'));
  await ingestPaths(db, [SAMPLES_DIR], { quiet: true, json: true });
  app = createApp(db);
}, 120_000);

async function answer(path: string): Promise<unknown> {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.json();
}

function conforms(schema: z.ZodType, body: unknown, path: string): void {
  const r = schema.safeParse(body);
  const issues = r.success ? [] : r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(issues, `${path} does not answer as its schema says`).toEqual([]);
}

describe('the web app’s types are the API’s schemas', () => {
  it('web/src/api-types.ts is what openapi-typescript makes of /openapi.json', async () => {
    const committed = readFileSync(join(PACKAGE_ROOT, 'web', 'src', 'api-types.ts'), 'utf8');
    expect(committed === (await webTypes(await openApiDocument())), 'web/src/api-types.ts is stale: run `npm run build`').toBe(true);
  }, 60_000);

  it('web/src/api.ts declares no shape of its own: its types are names for the generated ones', () => {
    const api = readFileSync(join(PACKAGE_ROOT, 'web', 'src', 'api.ts'), 'utf8');
    expect(api.match(/^export interface \w+/gm) ?? []).toEqual([]);
  });

  it('each answer the web app reads parses with its schema, on the sample registry', async () => {
    const search = (await answer('/api/search?q=%E5%A4%A7%E8%BF%9E&limit=5')) as { results: Array<{ id: string }> };
    conforms(S.SearchResponse, search, '/api/search');
    const dalian = search.results[0].id;
    conforms(S.PlaceResponse, await answer(`/api/places/${encodeURIComponent(dalian)}`), '/api/places/:id');
    conforms(S.PartnersResponse, await answer(`/api/places/${encodeURIComponent(dalian)}/partners`), '/api/places/:id/partners');
    conforms(S.RelationshipsResponse, await answer('/api/relationships?limit=50'), '/api/relationships');
    conforms(S.StatsResponse, await answer('/api/stats'), '/api/stats');
    conforms(S.SourcesResponse, await answer('/api/sources'), '/api/sources');
    conforms(S.QualityResponse, await answer('/api/quality'), '/api/quality');
  }, 60_000);

  it('a tie’s detail and the audit log, after an edit through the API, parse with their schemas', async () => {
    const token = addUser(db, 'contract-ed', 'editor').token;
    const tie = ((await answer('/api/relationships?limit=1')) as { items: Array<{ id: number; version: number }> }).items[0];
    const res = await app.request(`/api/relationships/${tie.id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ date: '1999-09-09', reference: 'https://example.org/signing', version: tie.version }),
    });
    expect(res.status).toBe(200);
    conforms(RelationshipDetailSchema, await res.json(), 'PATCH /api/relationships/:id');
    const detail = (await answer(`/api/relationships/${tie.id}`)) as { history: unknown[]; sources: Array<{ format: string }> };
    conforms(RelationshipDetailSchema, detail, '/api/relationships/:id');
    // The edit is in both: its audit entry (before and after as objects) and a source row of its own.
    expect(detail.history).toHaveLength(1);
    expect(detail.sources.map((s) => s.format)).toContain('edit');
    const edits = (await answer(`/api/edits?target=${tie.id}`)) as { edits: unknown[] };
    expect(edits.edits).toHaveLength(1);
    conforms(z.object({ edits: z.array(EditRecordSchema) }), edits, '/api/edits');
  }, 60_000);

  it('a schema that the answer does not fit is caught (the check can fail)', async () => {
    const quality = (await answer('/api/quality')) as { reconciliation: { unresolved: unknown[] } };
    const broken = { ...quality, reconciliation: { ...quality.reconciliation, unresolved: [{ source: 1 }] } };
    expect(S.QualityResponse.safeParse(broken).success).toBe(false);
  });
});
