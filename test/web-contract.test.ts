// One contract between the server and the web app: the web app's types (web/src/api-types.ts) are what
// openapi-typescript makes of the server's /openapi.json, and what the server answers on the sample registry
// is what those schemas describe (each answer parsed by the zod schema the document and the types come from).
// `npm run build` writes the types anew; the first test catches a committed copy left behind a schema change
// (`npm run typecheck` reads the committed copy).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from '@hono/zod-openapi';
import { createApp } from '../src/server/index.js';
import * as S from '../src/server/schemas.js';
import { openApiDocument, webTypes } from '../src/server/emit-openapi.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestPaths } from '../src/cli/main.js';
import { PACKAGE_ROOT, SAMPLES_DIR } from '../src/paths.js';
import { tempDir } from './registry-helpers.js';

let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  const db = openRegistry(join(tempDir(), 'contract.db'));
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

  it('a schema that the answer does not fit is caught (the check can fail)', async () => {
    const quality = (await answer('/api/quality')) as { reconciliation: { unresolved: unknown[] } };
    const broken = { ...quality, reconciliation: { ...quality.reconciliation, unresolved: [{ source: 1 }] } };
    expect(S.QualityResponse.safeParse(broken).success).toBe(false);
  });
});
