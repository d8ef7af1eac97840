// OpenCC script conversion, loaded only when a text needs it.
//
// Building OpenCC's converters costs ~0.1 s to compile the library and ~0.3 s to build the dictionaries'
// tries, at every start of every command that folds a name, while most texts (Latin names, simplified
// Chinese, numbers) come out of a converter unchanged. A text comes out unchanged exactly when none of its
// substrings is a dictionary key whose replacement differs from the key (OpenCC replaces longest matches
// only; a match that keeps its text changes nothing). So `npm run build` writes those keys per converter
// (data/gazetteer/opencc-FROM-TO.json, by writeOpenccKeys below), a converter first checks the text against
// them, and OpenCC itself is loaded (synchronously, through its CommonJS build) only for a text that
// holds one. Without the file (an older build, or another opencc-js version) every text is converted.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DATA_DIR } from '../paths.js';

const require = createRequire(import.meta.url);
type OpenCCModule = typeof import('opencc-js');
export type Locale = 'cn' | 'hk' | 'hkp' | 'tw' | 'twp' | 'jp' | 't';

const KEYS_DIR = join(DATA_DIR, 'gazetteer');
const keysFile = (from: Locale, to: Locale, dir = KEYS_DIR) => join(dir, `opencc-${from}-${to}.json`);
const FORMAT = 'youcheng-opencc-keys/1';
/** The converters the program uses, by "from>to". */
export const CONVERTERS: Array<[Locale, Locale]> = [
  ['t', 'cn'], ['twp', 'cn'], ['jp', 'cn'], ['cn', 't'], ['cn', 'tw'], ['cn', 'twp'], ['cn', 'hk'],
];

let lib: OpenCCModule | null = null;
/**
 * opencc-js itself, loaded synchronously: its ES module file through require() (Node ≥ 20.19), which is the
 * instance the modules that import 'opencc-js' share, so the library is compiled once; its CommonJS build
 * on a Node that cannot require an ES module.
 */
function openccLib(): OpenCCModule {
  if (lib) return lib;
  try {
    lib = require(join(dirname(require.resolve('opencc-js')), '..', 'esm', 'full.js')) as OpenCCModule;
    if (typeof lib.Converter !== 'function') throw new Error('not opencc-js');
  } catch {
    lib = require('opencc-js') as OpenCCModule;
  }
  return lib;
}

function openccVersion(): string {
  const main = require.resolve('opencc-js');
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'opencc-js') return pkg.version ?? '?';
    }
  }
  return '?';
}

interface KeySet {
  keys: Set<string>;
  /** The first UTF-16 unit of every key: most positions of a text are passed over by this test alone. */
  first: Set<number>;
  maxLen: number;
}

let version: string | undefined;

/** The keys of one converter, or null when its file is missing or was written for another opencc-js. */
function loadKeySet(from: Locale, to: Locale): KeySet | null {
  try {
    const f = JSON.parse(readFileSync(keysFile(from, to), 'utf8')) as { format?: string; opencc?: string; keys?: string };
    version ??= openccVersion();
    if (f.format !== FORMAT || f.opencc !== version || typeof f.keys !== 'string') return null;
    const keys = new Set(f.keys ? f.keys.split('|') : []);
    const first = new Set<number>();
    let maxLen = 0;
    for (const k of keys) {
      maxLen = Math.max(maxLen, k.length);
      first.add(k.charCodeAt(0));
    }
    return { keys, first, maxLen };
  } catch {
    return null;
  }
}

/** Ideographic description characters: OpenCC steps over such sequences as units, so they always go to OpenCC. */
const IDS_RE = /[\u2ff0-\u2fff]/;

function mayChange(ks: KeySet, s: string): boolean {
  if (IDS_RE.test(s)) return true;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    if (!ks.first.has(s.charCodeAt(i))) continue;
    const end = Math.min(n, i + ks.maxLen);
    for (let j = i + 1; j <= end; j++) if (ks.keys.has(s.slice(i, j))) return true;
  }
  return false;
}

/** An OpenCC converter that loads OpenCC only for a text it would change. */
export function lazyConverter(from: Locale, to: Locale): (s: string) => string {
  let real: ((s: string) => string) | null = null;
  let ks: KeySet | null | undefined;
  return (s: string): string => {
    if (ks === undefined) ks = loadKeySet(from, to);
    if (ks && !mayChange(ks, s)) return s;
    real ??= openccLib().Converter({ from, to } as never) as (s: string) => string;
    return real(s);
  };
}

/**
 * The traditional forms of closed lists (the country names, the kind words), written by `npm run build`
 * (writeOpenccForms below, data/gazetteer/opencc-forms.json): the recognizers need cn → tw, twp and hk of
 * each of their simplified entries at every start of an ingest, and building those three converters costs
 * ~0.3 s of OpenCC's dictionaries and the garbage they leave. Keyed by "from>to" and the text as given.
 */
const FORMS_FILE = 'opencc-forms.json';
const FORMS_FORMAT = 'youcheng-opencc-forms/1';
type Forms = Map<string, Map<string, string>>;
let forms: Forms | null | undefined;

function loadForms(): Forms | null {
  try {
    const f = JSON.parse(readFileSync(join(KEYS_DIR, FORMS_FILE), 'utf8')) as { format?: string; opencc?: string; forms?: Record<string, Record<string, string>> };
    version ??= openccVersion();
    if (f.format !== FORMS_FORMAT || f.opencc !== version || !f.forms) return null;
    return new Map(Object.entries(f.forms).map(([pair, m]) => [pair, new Map(Object.entries(m))]));
  } catch {
    return null;
  }
}

/**
 * A converter for the texts of a closed list: the form the build wrote when it has one, else OpenCC's own
 * (a list changed since the build, another opencc-js), so what it gives is always what OpenCC gives.
 */
export function listConverter(from: Locale, to: Locale): (s: string) => string {
  let real: ((s: string) => string) | null = null;
  let mine: Map<string, string> | undefined | null;
  return (s: string): string => {
    if (mine === undefined) {
      forms ??= loadForms();
      mine = forms?.get(`${from}>${to}`) ?? null;
    }
    const hit = mine?.get(s);
    if (hit !== undefined) return hit;
    real ??= openccLib().Converter({ from, to } as never) as (s: string) => string;
    return real(s);
  };
}

// --- build time ----------------------------------------------------------------------------------------------

/** Every dictionary entry [key, replacement] inside a locale's nested groups (strings "k v|k v" or pairs). */
function entriesOf(x: unknown, out: Array<[string, string]>): void {
  if (typeof x === 'string') {
    for (const e of x.split('|')) {
      const [k, v] = e.split(' ');
      if (k && v !== undefined) out.push([k, v]);
    }
  } else if (Array.isArray(x)) {
    if (x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string' && !x[0].includes(' ') && !x[0].includes('|')) {
      out.push([x[0], x[1]]);
      return;
    }
    for (const y of x) entriesOf(y, out);
  }
}

/**
 * The keys each converter could change, from the dictionaries OpenCC would use: every dictionary of the
 * locale pair (from the preset configuration when there is one, its normalization and conversion chains),
 * which is a superset of what the converter's tries apply, so the check above is never wrong.
 */
export function writeOpenccKeys(dir = KEYS_DIR): { converters: number; keys: number } {
  const L = openccLib().Locale as unknown as {
    configs?: Record<string, { normalizationChain?: unknown; conversionChain?: unknown }>;
    from: Record<string, unknown>;
    to: Record<string, unknown>;
  };
  let total = 0;
  const opencc = openccVersion();
  for (const [from, to] of CONVERTERS) {
    // The preset's name, as opencc-js's Converter picks it.
    const preset = from === 'cn' ? `s2${to}` : to === 'cn' ? (from === 'hkp' ? 'hk2sp' : from === 'twp' ? 'tw2sp' : `${from}2s`) : `${from}2${to}`;
    const cfg = L.configs?.[preset];
    const entries: Array<[string, string]> = [];
    if (cfg) {
      entriesOf(cfg.normalizationChain, entries);
      entriesOf(cfg.conversionChain, entries);
    } else {
      if (from !== 't') entriesOf(L.from[from], entries);
      if (to !== 't') entriesOf(L.to[to], entries);
    }
    const set = new Set<string>();
    for (const [k, v] of entries) if (k !== v) set.add(k);
    writeFileSync(keysFile(from, to, dir), JSON.stringify({ format: FORMAT, opencc, keys: [...set].sort().join('|') }) + '\n');
    total += set.size;
  }
  return { converters: CONVERTERS.length, keys: total };
}

/** Writes the forms of `texts` for each converter (see listConverter). */
export function writeOpenccForms(texts: Iterable<string>, pairs: Array<[Locale, Locale]>, dir = KEYS_DIR): { forms: number } {
  const unique = [...new Set(texts)].sort();
  const out: Record<string, Record<string, string>> = {};
  let n = 0;
  for (const [from, to] of pairs) {
    const conv = openccLib().Converter({ from, to } as never) as (s: string) => string;
    const m: Record<string, string> = {};
    for (const t of unique) {
      m[t] = conv(t);
      n++;
    }
    out[`${from}>${to}`] = m;
  }
  writeFileSync(join(dir, FORMS_FILE), JSON.stringify({ format: FORMS_FORMAT, opencc: openccVersion(), forms: out }) + '\n');
  return { forms: n };
}
