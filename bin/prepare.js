#!/usr/bin/env node
// `prepare` (run by `npm ci`, and by `npx youcheng` when npm installs the project into its own cache): builds the
// program, unless the build in dist/ is newer than every file it is made from. Without this check each first
// `npx youcheng …` rebuilt everything (minutes) before running the command. `npm run build` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.built');
/** Not inputs of the build: its outputs, installed packages, registries and test output. */
const SKIP = new Set(['node_modules', '.git', 'dist', 'var', 'test-artifacts']);

function newestInput(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name) && dir === root) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestInput(p));
    else if (e.isFile()) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

if (existsSync(stamp) && statSync(stamp).mtimeMs > newestInput(root)) {
  console.log('youcheng: the build in dist/ is up to date (npm run build rebuilds it)');
} else {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
