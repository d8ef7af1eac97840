// What a command loads when it starts: each command imports what it needs when it runs, script conversion
// (OpenCC) is loaded only for a text it changes, and the gazetteer is an indexed file queried by name.
// Asserted by the modules a real run of bin/youcheng.js loads (a loader hook lists them), not by timing:
// the start-up figures are in `npm run bench` (bench/startup.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleRegistry, tempDir } from './registry-helpers.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { CONVERTERS, lazyConverter, listConverter } from '../src/normalize/opencc.js';
import { TRADITIONAL, traditionalSources as countryTexts } from '../src/recognize/countries.js';
import { traditionalSources as kindTexts } from '../src/recognize/kinds.js';
import * as OpenCC from 'opencc-js';
import { DEFAULT_MAX_BYTES as LIMIT_FOR_OPTIONS } from '../src/ingest/limits.js';
import { DEFAULT_MAX_BYTES } from '../src/ingest/ingest.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const dir = tempDir();
const PRELOAD = join(dir, 'preload.mjs');
// ES modules through a loader hook; CommonJS ones (and ES modules loaded by require) from the module cache.
writeFileSync(
  PRELOAD,
  `import { register, createRequire } from 'node:module';
const Module = createRequire(import.meta.url)('node:module');
register('data:text/javascript,' + encodeURIComponent("export async function load(u, c, n) { if (u.startsWith('file:')) process._rawDebug('LOADED ' + u); return n(u, c); }"));
process.on('exit', () => { for (const k of Object.keys(Module._cache)) process._rawDebug('LOADED file://' + k); });
`,
);

/** The packages and project folders a run loads: 'opencc-js', 'better-sqlite3', 'src/readers' … */
function loaded(args: string[]): { status: number | null; stdout: string; modules: Set<string> } {
  const r = spawnSync(process.execPath, ['--import', PRELOAD, BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  const modules = new Set<string>();
  for (const line of r.stderr.split('\n')) {
    const m = /^LOADED file:\/\/(.*)$/.exec(line);
    if (!m) continue;
    const path = m[1]!;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    if (pkg) modules.add(pkg[1]!);
    const own = /\/dist\/(src\/[^/]+)\/([^/]+)\.js$/.exec(path);
    // The options' constants (reader names, export formats, limits) are modules of their own, loaded by every command.
    if (own && !['readers/names', 'publish/formats', 'ingest/limits'].some((f) => `${own[1]}/${own[2]}`.endsWith(f))) modules.add(own[1]!);
  }
  return { status: r.status, stdout: r.stdout, modules };
}

let registry: string;
beforeAll(async () => {
  const { db, path } = await sampleRegistry();
  db.close();
  registry = path;
}, 120_000);
afterAll(() => {});

describe('start-up: a command loads what it needs', () => {
  it('--help loads the command line only: no SQLite, readers, gazetteer or script conversion', () => {
    const r = loaded(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('partners');
    for (const m of ['better-sqlite3', 'opencc-js', 'pinyin-pro', 'i18n-iso-countries', 'world-countries', 'cli-table3', 'src/readers', 'src/gazetteer', 'src/resolve', 'src/publish']) {
      expect(r.modules, m).not.toContain(m);
    }
    expect(r.modules).toContain('commander');
  });

  it('partners 大连 reads the registry without the readers, the gazetteer or OpenCC', () => {
    const r = loaded(['partners', '大连', '--db', registry]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('热那亚'); // Dalian–Genoa, in the Wikipedia list (000)
    expect(r.modules).toContain('better-sqlite3');
    for (const m of ['opencc-js', 'pinyin-pro', 'src/readers', 'src/gazetteer', 'src/resolve', 'src/ingest']) expect(r.modules, m).not.toContain(m);
  });

  it('partners 大連 (traditional script) loads OpenCC, and finds the same place', () => {
    const r = loaded(['partners', '大連', '--db', registry]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('热那亚');
    expect(r.modules).toContain('opencc-js');
  });

  it('stats and sources load no reader and no gazetteer', () => {
    for (const args of [['stats', '--by', 'continent'], ['sources']]) {
      const r = loaded([...args, '--db', registry]);
      expect(r.status).toBe(0);
      for (const m of ['opencc-js', 'src/readers', 'src/gazetteer']) expect(r.modules, `${args[0]}: ${m}`).not.toContain(m);
    }
  });
});

it("the command line's default --max-bytes is the readers' own limit", () => {
  expect(LIMIT_FOR_OPTIONS).toBe(DEFAULT_MAX_BYTES);
});

describe('script conversion without OpenCC for texts it does not change', () => {
  // Names a person picked: simplified and traditional Chinese, Japanese shinjitai, Latin, mixed.
  const texts = [
    '大连', '大連', '奧克蘭', '热那亚', '熱那亞', '広島', '浜松', '東京都大田區', '臺灣', '台湾', 'Genova', 'Ōsaka',
    '北九州市', '乾縣', '義大利', '紐西蘭', '哈薩克斯坦', '里昂 Lyon', '', '123', '⿰氵文',
  ];
  it('gives exactly what OpenCC gives, for every converter the program uses', () => {
    for (const [from, to] of CONVERTERS) {
      const lazy = lazyConverter(from, to);
      const real = OpenCC.Converter({ from, to } as never) as (s: string) => string;
      for (const t of texts) expect(lazy(t), `${from}→${to} ${t}`).toBe(real(t));
    }
  });
});

describe('traditional forms of the closed lists, precomputed by the build', () => {
  it('give exactly what OpenCC gives, for the lists and for a text the build never saw', () => {
    // A few of the lists' own entries (意大利, 新西兰, 姊妹城市 …) and names that are in no list.
    const texts = [...countryTexts().slice(0, 200), ...kindTexts(), '意大利', '新西兰', '大连市', '乌兰巴托', '東京'];
    expect(countryTexts()).toContain('意大利');
    for (const [from, to] of TRADITIONAL) {
      const list = listConverter(from, to);
      const real = OpenCC.Converter({ from, to } as never) as (s: string) => string;
      for (const t of texts) expect(list(t), `${from}→${to} ${t}`).toBe(real(t));
    }
  });
});
