// The offline gazetteer: places from GeoNames (world.json, and world-small.json for the rest of cities500 by
// Latin names), countries and first-level divisions (admin1.json) and China's GB/T 2260 divisions
// (china.json), all built by src/gazetteer/build.ts.
// loadGazetteer() reads the files once and returns typed records with a folded-name index.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminLevel } from '../model.js';
import { CJK_RE, foldKeys, foldLatin } from './fold.js';
import { SmallStore, type SmallFile, type SmallRow } from './small.js';
import { foldHangul, HANGUL_RE, hangulStem } from './korean.js';

export { foldKeys, foldLatin, foldName, toSimplified } from './fold.js';

export type GazetteerSource = 'geonames' | 'admin' | 'gbt2260' | 'extra';

export interface GazetteerPlace {
  /** 'gn:1850147' (GeoNames), 'cn:210200' (GB/T 2260), 'iso:US' / 'iso:US-KS' (ISO 3166), 'x:…' (extra-places.tsv). */
  id: string;
  geonamesId: number | null;
  gbt2260: string | null;
  /** ISO 3166-1 alpha-2 for countries, ISO 3166-2 for first-level divisions, else null. */
  code: string | null;
  nameEn: string;
  /** Simplified Chinese name when known. */
  nameZh: string | null;
  /** Every known name, any script (includes nameEn and nameZh). */
  names: string[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  level: AdminLevel;
  parentId: string | null;
  lat: number | null;
  lon: number | null;
  population: number | null;
  /** GeoNames admin1 code of the place (or of the division itself), when known. */
  admin1: string | null;
  /** GeoNames feature code (PPLA, PPLC …), division type (state, prefecture …) or China level. */
  featureCode: string | null;
  source: GazetteerSource;
}

export interface Gazetteer {
  /**
   * Every place. The ~150 000 small GeoNames places of world-small.json are built on first access (~0.2 s);
   * lookups do not need this.
   */
  readonly places: GazetteerPlace[];
  /** Candidates whose folded names equal the folded query (traditional → simplified, case, diacritics). */
  byName(name: string): GazetteerPlace[];
  /** byName limited to one country (ISO2). */
  byNameIn(name: string, country: string): GazetteerPlace[];
  /**
   * Looser than byName: Chinese/Japanese administrative suffixes (市, 县, 州, 省, 府, 道, 广域市, 大区 …) are
   * stripped from both the query and the indexed names (仁川 finds 仁川广域市, 堪萨斯 finds 堪萨斯州 and
   * the city of Kansas). Exact byName hits come first. Built on first use.
   */
  byNameLoose(name: string, country?: string): GazetteerPlace[];
  byId(id: string): GazetteerPlace | undefined;
  byGbt2260(code: string): GazetteerPlace | undefined;
  byGeonamesId(id: number): GazetteerPlace | undefined;
  /** Places whose parentId is id (the first call builds the small GeoNames places too). */
  children(id: string): GazetteerPlace[];
  /** Milliseconds spent reading files and building indexes. */
  loadMs: number;
}

interface BuiltFile {
  format: string;
  columns: string[];
  rows: unknown[][];
  admin1?: Record<string, string>;
}

const FILES = ['world.json', 'admin1.json', 'china.json'] as const;
const SMALL_FILE = 'world-small.json';
/** Korean names of China's divisions (read on the first Hangul lookup; see korean.ts). */
const KO_FILE = 'china-ko.json';

/** The Hangul keys of China's divisions: main keys first; variant readings only when no main key matches. */
interface KoreanTier {
  exact: Map<string, GazetteerPlace[]>;
  stem: Map<string, GazetteerPlace[]>;
}
/** Tiers tried in turn: attested names (GeoNames, places-ko.tsv), Sino-Korean readings, variant readings. */
type KoreanIndex = [KoreanTier, KoreanTier, KoreanTier];

function buildKoreanIndex(dir: string, byGbt: Map<string, GazetteerPlace>): KoreanIndex {
  const tier = (): KoreanTier => ({ exact: new Map(), stem: new Map() });
  const idx: KoreanIndex = [tier(), tier(), tier()];
  const path = join(dir, KO_FILE);
  if (!existsSync(path)) return idx; // built by an older build: Hangul names find nothing
  const f = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; rows: [string, ...string[][]][] };
  if (!f.format?.startsWith('youcheng-gazetteer/')) throw new Error(`${KO_FILE}: not a gazetteer file`);
  const add = (m: Map<string, GazetteerPlace[]>, k: string, p: GazetteerPlace): void => {
    const list = m.get(k);
    if (!list) m.set(k, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const [code, ...keys] of f.rows) {
    const p = byGbt.get(code);
    if (!p) continue;
    idx.forEach((t, i) => {
      for (const k of keys[i] ?? []) {
        add(t.exact, k, p);
        add(t.stem, hangulStem(k) ?? k, p);
      }
    });
  }
  return idx;
}

function findDataDir(start: string): string {
  let dir = start;
  for (;;) {
    const d = join(dir, 'data', 'gazetteer');
    if (existsSync(join(d, 'world.json'))) return d;
    const up = dirname(dir);
    if (up === dir) {
      throw new Error(
        `gazetteer files not found above ${start}: run "npm run build:gazetteer" (writes data/gazetteer/*.json)`,
      );
    }
    dir = up;
  }
}

function readBuilt(dir: string, name: string): BuiltFile {
  const f = JSON.parse(readFileSync(join(dir, name), 'utf8')) as BuiltFile;
  if (!f.format?.startsWith('youcheng-gazetteer/')) throw new Error(`${name}: not a gazetteer file`);
  return f;
}

function columnIndex(f: BuiltFile): (row: unknown[], col: string) => unknown {
  const idx = new Map(f.columns.map((c, i) => [c, i]));
  return (row, col) => {
    const i = idx.get(col);
    return i === undefined ? null : (row[i] ?? null);
  };
}

/** Suffixes stripped by byNameLoose, longest first (applied to folded, simplified keys). */
export const LOOSE_SUFFIXES = [
  '特别自治市', '特别自治道', '特别自治州', '自治共和国', '广域市', '特别市', '自治区', '自治州', '自治县',
  '边疆区', '都会区', '联邦区', '共和国', '大区', '地区', '市', '町', '村', '郡', '县', '区', '都', '府', '州',
  '省', '道',
];
const LOOSE_RE = new RegExp(`(${LOOSE_SUFFIXES.join('|')})$`);
/** The stem of a folded CJK key, or null when nothing (or too little) would remain. */
export function looseStem(key: string): string | null {
  const m = LOOSE_RE.exec(key);
  if (!m) return null;
  const stem = key.slice(0, key.length - m[0].length);
  return stem.length >= 2 ? stem : null;
}

const levelOfFeature = (fcode: string): AdminLevel => (fcode === 'PPLX' ? 'district' : 'city');

const cache = new Map<string, Gazetteer>();

export interface LoadOptions {
  /** Folder holding world.json, world-small.json, admin1.json and china.json; found above this module by default. */
  dir?: string;
}

export function loadGazetteer(options: LoadOptions = {}): Gazetteer {
  const dir = options.dir ?? findDataDir(dirname(fileURLToPath(import.meta.url)));
  const cached = cache.get(dir);
  if (cached) return cached;
  const t0 = performance.now();
  const [world, admin, china] = FILES.map((f) => readBuilt(dir, f)) as [BuiltFile, BuiltFile, BuiltFile];
  const smallFile = JSON.parse(readFileSync(join(dir, SMALL_FILE), 'utf8')) as SmallFile;
  if (!smallFile.format?.startsWith('youcheng-gazetteer/')) throw new Error(`${SMALL_FILE}: not a gazetteer file`);

  const places: GazetteerPlace[] = [];
  const extraKeysOf: string[][] = [];
  const admin1Parent = admin.admin1 ?? {};

  // countries and divisions, then China, then GeoNames
  for (const [f, src] of [
    [admin, 'admin'],
    [china, 'gbt2260'],
  ] as const) {
    const get = columnIndex(f);
    for (const r of f.rows) {
      const id = get(r, 'id') as string;
      const nameEn = get(r, 'nameEn') as string;
      const nameZh = get(r, 'nameZh') as string | null;
      const names = [nameEn, ...(nameZh ? [nameZh] : []), ...((get(r, 'names') as string[] | null) ?? [])];
      places.push({
        id,
        geonamesId: get(r, 'geonamesId') as number | null,
        gbt2260: src === 'gbt2260' ? (get(r, 'code') as string) : null,
        code: src === 'admin' ? (get(r, 'code') as string | null) : null,
        nameEn,
        nameZh,
        names,
        country: get(r, 'country') as string,
        level: get(r, 'level') as AdminLevel,
        parentId: get(r, 'parentId') as string | null,
        lat: get(r, 'lat') as number | null,
        lon: get(r, 'lon') as number | null,
        population: get(r, 'population') as number | null,
        admin1: get(r, 'admin1') as string | null,
        featureCode: get(r, 'featureCode') as string | null,
        source: src === 'admin' && id.startsWith('x:') ? 'extra' : src,
      });
      extraKeysOf.push((get(r, 'keys') as string[] | null) ?? []);
    }
  }
  {
    const get = columnIndex(world);
    for (const r of world.rows) {
      const gid = get(r, 'geonamesId') as number;
      const nameEn = get(r, 'nameEn') as string;
      const ascii = get(r, 'asciiName') as string | null;
      const nameZh = get(r, 'nameZh') as string | null;
      const country = get(r, 'country') as string;
      const admin1 = get(r, 'admin1') as string | null;
      const fcode = get(r, 'featureCode') as string;
      const names = [nameEn];
      if (ascii) names.push(ascii);
      if (nameZh) names.push(nameZh);
      for (const n of (get(r, 'names') as string[] | null) ?? []) names.push(n);
      places.push({
        id: `gn:${gid}`,
        geonamesId: gid,
        gbt2260: null,
        code: null,
        nameEn,
        nameZh,
        names,
        country,
        level: levelOfFeature(fcode),
        parentId: (admin1 && admin1Parent[`${country}|${admin1}`]) || `iso:${country}`,
        lat: get(r, 'lat') as number | null,
        lon: get(r, 'lon') as number | null,
        population: get(r, 'population') as number | null,
        admin1,
        featureCode: fcode,
        source: 'geonames',
      });
      extraKeysOf.push((get(r, 'keys') as string[] | null) ?? []);
    }
  }

  const small = new SmallStore<GazetteerPlace>(smallFile, (r: SmallRow) => ({
    id: `gn:${r.geonamesId}`,
    geonamesId: r.geonamesId,
    gbt2260: null,
    code: null,
    nameEn: r.name,
    nameZh: null,
    names: r.ascii ? [r.name, r.ascii, ...r.alts] : [r.name, ...r.alts],
    country: r.country,
    level: levelOfFeature(r.featureCode),
    parentId: (r.admin1 && admin1Parent[`${r.country}|${r.admin1}`]) || `iso:${r.country}`,
    lat: r.lat,
    lon: r.lon,
    population: r.population,
    admin1: r.admin1,
    featureCode: r.featureCode,
    source: 'geonames',
  }));

  // indexes
  const nameIndex = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const list = nameIndex.get(key);
    if (!list) nameIndex.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const byIdMap = new Map<string, GazetteerPlace>();
  const byGbt = new Map<string, GazetteerPlace>();
  const byGn = new Map<number, GazetteerPlace>();
  const childrenMap = new Map<string, GazetteerPlace[]>();
  for (let i = 0; i < places.length; i++) {
    const p = places[i]!;
    for (const n of p.names) add(CJK_RE.test(n) ? n : foldLatin(n), i);
    for (const k of extraKeysOf[i]!) add(k, i);
    byIdMap.set(p.id, p);
    if (p.gbt2260) byGbt.set(p.gbt2260, p);
    if (p.geonamesId != null && !byGn.has(p.geonamesId)) byGn.set(p.geonamesId, p);
    if (p.parentId) {
      const list = childrenMap.get(p.parentId);
      if (list) list.push(p);
      else childrenMap.set(p.parentId, [p]);
    }
  }

  const rank = (p: GazetteerPlace): number => p.population ?? -1;
  const byRank = (a: GazetteerPlace, b: GazetteerPlace): number =>
    rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  // Hangul names (China's divisions only), from china-ko.json on first use
  let koIndex: KoreanIndex | null = null;
  function byHangul(name: string, loose: boolean): GazetteerPlace[] {
    koIndex ??= buildKoreanIndex(dir, byGbt);
    const key = foldHangul(name);
    const stem = hangulStem(key) ?? key;
    for (const t of koIndex) {
      const a = [...(t.exact.get(key) ?? [])].sort(byRank);
      const seen = new Set(a);
      const b = loose ? (t.stem.get(stem) ?? []).filter((p) => !seen.has(p)).sort(byRank) : [];
      if (a.length || b.length) return [...a, ...b];
    }
    return [];
  }

  function byName(name: string): GazetteerPlace[] {
    if (typeof name !== 'string') return [];
    if (HANGUL_RE.test(name)) return byHangul(name, false);
    const keys = foldKeys(name);
    const hits = new Set<number>();
    const out: GazetteerPlace[] = [];
    for (const k of keys) for (const i of nameIndex.get(k) ?? []) hits.add(i);
    for (const i of hits) out.push(places[i]!);
    // world-small.json has Latin names only
    for (const k of keys) if (!CJK_RE.test(k)) out.push(...small.find(k));
    return [...new Set(out)].sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  let stemIndex: Map<string, number[]> | null = null;
  function buildStemIndex(): Map<string, number[]> {
    const idx = new Map<string, number[]>();
    for (const [key, list] of nameIndex) {
      if (!CJK_RE.test(key)) continue;
      const stem = looseStem(key) ?? key;
      const cur = idx.get(stem);
      if (cur) cur.push(...list);
      else idx.set(stem, [...list]);
    }
    return idx;
  }
  function byNameLoose(name: string, country?: string): GazetteerPlace[] {
    if (typeof name !== 'string') return [];
    if (HANGUL_RE.test(name)) {
      const xs = byHangul(name, true);
      return country ? xs.filter((p) => p.country === country) : xs;
    }
    stemIndex ??= buildStemIndex();
    const exact = byName(name);
    const seen = new Set(exact.map((p) => p.id));
    const hits = new Set<number>();
    for (const k of foldKeys(name)) {
      const stem = looseStem(k) ?? k;
      for (const i of stemIndex.get(stem) ?? []) hits.add(i);
    }
    const loose = [...hits]
      .map((i) => places[i]!)
      .filter((p) => !seen.has(p.id))
      .sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const all = [...exact, ...loose];
    return country ? all.filter((p) => p.country === country) : all;
  }

  const smallById = (gid: number): GazetteerPlace | undefined => {
    const row = Number.isInteger(gid) ? small.rowOf(gid) : -1;
    return row < 0 ? undefined : small.place(row);
  };
  let allPlaces: GazetteerPlace[] | null = null;
  let smallChildrenAdded = false;
  const g: Gazetteer = {
    get places() {
      allPlaces ??= [...places, ...small.all()];
      return allPlaces;
    },
    byName,
    byNameIn: (name, country) => byName(name).filter((p) => p.country === country),
    byNameLoose,
    byId: (id) => byIdMap.get(id) ?? (typeof id === 'string' && id.startsWith('gn:') ? smallById(Number(id.slice(3))) : undefined),
    byGbt2260: (code) => byGbt.get(code),
    byGeonamesId: (id) => byGn.get(id) ?? smallById(id),
    children: (id) => {
      if (!smallChildrenAdded) {
        smallChildrenAdded = true;
        for (const p of small.all()) {
          const list = childrenMap.get(p.parentId!);
          if (list) list.push(p);
          else childrenMap.set(p.parentId!, [p]);
        }
      }
      return childrenMap.get(id) ?? [];
    },
    loadMs: 0,
  };
  g.loadMs = performance.now() - t0;
  cache.set(dir, g);
  return g;
}
