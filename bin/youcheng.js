#!/usr/bin/env node
// Entry point of the `youcheng` command; the program is compiled to dist/ by `npm run build` (run by npm ci).
import { existsSync } from 'node:fs';
const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('youcheng: the program is not built yet; run `npm ci` (or `npm run build`) in the project folder first.');
  process.exit(2);
}
const { run } = await import(main.href);
process.exitCode = await run(process.argv);
