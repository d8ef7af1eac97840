// The API's OpenAPI document, as the server serves it at /openapi.json, and the web app's types made from it by
// openapi-typescript (web/src/api-types.ts): the zod schemas of src/server/schemas.ts stay the one contract, and
// `npm run build` writes the types anew before it builds the web app. The document does not depend on the
// registry's contents: an empty registry in memory serves it.
//
//   node dist/src/server/emit-openapi.js [FILE]        the document (to stdout without FILE)
//   node dist/src/server/emit-openapi.js --types FILE  the web app's types
import { writeFileSync } from 'node:fs';
import { openRegistry } from '../registry/db.js';
import { createApp } from './app.js';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const db = openRegistry(':memory:');
  try {
    const res = await createApp(db).request('/openapi.json');
    if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/** The TypeScript types of a document's paths and schemas, as openapi-typescript writes them. */
export async function webTypes(doc: Record<string, unknown>): Promise<string> {
  // Loaded here only: the generator is a build tool, not a part of the running program.
  const { default: openapiTS, astToString, COMMENT_HEADER } = await import('openapi-typescript');
  return COMMENT_HEADER + astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [flag, file] = process.argv.slice(2);
  const doc = await openApiDocument();
  if (flag === '--types') {
    if (!file) throw new Error('usage: emit-openapi.js --types FILE');
    writeFileSync(file, await webTypes(doc));
  } else {
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (flag) writeFileSync(flag, text);
    else process.stdout.write(text);
  }
}
