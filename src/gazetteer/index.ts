// The offline gazetteer: places from GeoNames (world.json, and world-small.json for the rest of cities500 by
// Latin names), countries and first-level divisions (admin1.json) and China's GB/T 2260 divisions
// (china.json), all built by src/gazetteer/build.ts and packed by pack.ts into gazetteer.db, an indexed
// SQLite file. loadGazetteer() opens that file (a few milliseconds) and answers each lookup with a query by
// folded name; a place's record is decoded when a lookup first returns it and kept, so a place is always
// the same object.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdminLevel } from '../model.js';
import { foldKeys } from './fold.js';
import { memoize } from '../normalize/memo.js';
import { foldHangul, HANGUL_RE, hangulStem } from './korean.js';
import { openGazetteerDb, type GazetteerRowOut } from '../registry/gazetteer-db.js';
import { NAME_INDEX_FILE, readPackedIndex, type PackedIndex, type PackedKeys } from './packed-index.js';

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
  /** The Chinese name in both scripts and its pinyin (resolve/resolver.ts scriptForms), precomputed by the build. */
  scripts?: { hans: string | null; hant: string | null; pinyin: string | null };
}

export interface Gazetteer {
  /** Every place (decodes all ~200 000 on first access, ~1 s); lookups do not need this. */
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
  /** Places whose parentId is id. */
  children(id: string): GazetteerPlace[];
  /** Milliseconds spent opening the file. */
  loadMs: number;
}

/** Korean names of China's divisions (read on the first Hangul lookup; see korean.ts). */
const KO_FILE = 'china-ko.json';

/** The Hangul keys of China's divisions: main keys first; variant readings only when no main key matches. */
interface KoreanTier {
  exact: Map<string, GazetteerPlace[]>;
  stem: Map<string, GazetteerPlace[]>;
}
/** Tiers tried in turn: attested names (GeoNames, places-ko.tsv), Sino-Korean readings, variant readings. */
type KoreanIndex = [KoreanTier, KoreanTier, KoreanTier];

function buildKoreanIndex(dir: string, byGbt: (code: string) => GazetteerPlace | undefined): KoreanIndex {
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
    const p = byGbt(code);
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

/** The packed gazetteer (pack.ts), in data/gazetteer/. */
export const GAZETTEER_DB = 'gazetteer.db';

function findDataDir(start: string): string {
  let dir = start;
  for (;;) {
    const d = join(dir, 'data', 'gazetteer');
    if (existsSync(join(d, GAZETTEER_DB))) return d;
    const up = dirname(dir);
    if (up === dir) {
      throw new Error(
        `gazetteer not found above ${start}: run "npm run build:gazetteer" (writes data/gazetteer/gazetteer.db)`,
      );
    }
    dir = up;
  }
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

/** A place's record as gazetteer.db stores it: its fields in this order, as a JSON array. */
const FIELDS = [
  'id', 'geonamesId', 'gbt2260', 'code', 'nameEn', 'nameZh', 'names', 'country', 'level', 'parentId', 'lat', 'lon',
  'population', 'admin1', 'featureCode', 'source', 'scripts',
] as const satisfies ReadonlyArray<keyof GazetteerPlace>;

export function encodePlace(p: GazetteerPlace): string {
  return JSON.stringify(FIELDS.map((f) => p[f]));
}

function decodePlace(data: string): GazetteerPlace {
  const v = JSON.parse(data) as unknown[];
  if (v.length !== FIELDS.length) throw new Error('gazetteer.db: unexpected record, rebuild the gazetteer (npm run build:gazetteer)');
  const p = {} as Record<string, unknown>;
  FIELDS.forEach((f, i) => {
    if (f !== 'scripts' || v[i] != null) p[f] = v[i];
  });
  return p as unknown as GazetteerPlace;
}

const cache = new Map<string, Gazetteer>();
/** Lookups answered by queries before the name index is read into memory (see findByKeys). */
const INDEX_AFTER = 3000;
/** The same with the packed index (packed-index.ts), which costs one file read to open. */
const PACKED_AFTER = 100;
/** gazetteer.db's meta key naming the packed index written with it. */
export const NAME_INDEX_META = 'name_index';

export interface LoadOptions {
  /** Folder holding gazetteer.db (and china-ko.json); found above this module by default. */
  dir?: string;
}

export function loadGazetteer(options: LoadOptions = {}): Gazetteer {
  const dir = options.dir ?? findDataDir(dirname(fileURLToPath(import.meta.url)));
  const cached = cache.get(dir);
  if (cached) return cached;
  const t0 = performance.now();
  const store = openGazetteerDb(join(dir, GAZETTEER_DB));

  // One object per place, made when a lookup first returns it.
  const objects = new Map<number, GazetteerPlace>();
  const place = (r: GazetteerRowOut): GazetteerPlace => {
    let p = objects.get(r.rid);
    if (!p) objects.set(r.rid, (p = decodePlace(r.data)));
    return p;
  };
  const placeOrNot = (r: GazetteerRowOut | undefined): GazetteerPlace | undefined => (r ? place(r) : undefined);

  const rank = (p: GazetteerPlace): number => p.population ?? -1;
  const byRank = (a: GazetteerPlace, b: GazetteerPlace): number =>
    rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  // Hangul names (China's divisions only), from china-ko.json on first use
  let koIndex: KoreanIndex | null = null;
  function byHangul(name: string, loose: boolean): GazetteerPlace[] {
    koIndex ??= buildKoreanIndex(dir, (code) => placeOrNot(store.byGbt2260(code)));
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

  // A few lookups (a command, a small document) query the file by key. A caller that makes many (the
  // reconciliation of a large registry asks ~20 per distinct name, most of them for names that do not exist)
  // is better served by reading the key index once: past INDEX_AFTER lookups it is held in memory, as
  // rids, and only the places found are read from the file.
  let lookups = 0;
  // Most keys name one place: a number, an array only for the others (half a million keys).
  type Index = Map<string, number | number[]>;
  let keyIndex: Index | null = null;
  let stemIndex: Index | null = null;
  const readIndex = (rows: IterableIterator<[string, number]>): Index => {
    const m: Index = new Map();
    for (const [k, rid] of rows) {
      const cur = m.get(k);
      if (cur === undefined) m.set(k, rid);
      else if (typeof cur === 'number') m.set(k, [cur, rid]);
      else cur.push(rid);
    }
    return m;
  };
  const byRid = (rid: number): GazetteerPlace => objects.get(rid) ?? place(store.byRid(rid)!);
  const fromIndex = (idx: Index, keys: string[]): GazetteerPlace[] => {
    const of = (k: string): number[] => {
      const v = idx.get(k);
      return v === undefined ? [] : typeof v === 'number' ? [v] : v;
    };
    // a key's rids are distinct (the file's key is (name, rid)); two keys' may overlap
    const rids = keys.length === 1 ? of(keys[0]!) : [...new Set(keys.flatMap(of))];
    return rids.map(byRid);
  };
  // The same names come back many times (a compound name's parts, the same place in many rows).
  const keysOf = memoize((name: string) => foldKeys(name));
  // The packed index, when the build wrote one for this gazetteer.db (else the Map read from the file).
  let packed: PackedIndex | null | undefined;
  const packedIndex = (): PackedIndex | null => {
    if (packed === undefined) {
      const p = readPackedIndex(join(dir, NAME_INDEX_FILE));
      packed = p && p.id === store.meta(NAME_INDEX_META) ? p : null;
    }
    return packed;
  };
  const fromPacked = (t: PackedKeys, keys: string[]): GazetteerPlace[] =>
    (keys.length === 1 ? t.rids(keys[0]!) : [...new Set(keys.flatMap((k) => t.rids(k)))]).map(byRid);
  function findByKeys(keys: string[]): GazetteerPlace[] {
    const pk = !keyIndex && ++lookups > PACKED_AFTER ? packedIndex() : null;
    if (pk) return fromPacked(pk.names, keys);
    if (!keyIndex && lookups > INDEX_AFTER) keyIndex = readIndex(store.nameKeys());
    return keyIndex ? fromIndex(keyIndex, keys) : store.byKeys(keys).map(place);
  }
  function findByStems(stems: string[]): GazetteerPlace[] {
    const pk = lookups > PACKED_AFTER ? packedIndex() : null;
    if (pk) return fromPacked(pk.stems, stems);
    if (!stemIndex && lookups > INDEX_AFTER) stemIndex = readIndex(store.stemKeys());
    return stemIndex ? fromIndex(stemIndex, stems) : store.byStems(stems).map(place);
  }

  // Reconciliation and the record stage ask for the same names again and again (a compound name's heads
  // are shared by every name of that stem, a document's owner is on every row): each name's answer is
  // remembered, within a bound, and callers get a copy of it.
  const exactOf = memoize((name: string): GazetteerPlace[] => (HANGUL_RE.test(name) ? byHangul(name, false) : findByKeys(keysOf(name)).sort(byRank)), 50_000);
  const looseOf = memoize((name: string): GazetteerPlace[] => {
    if (HANGUL_RE.test(name)) return byHangul(name, true);
    const exact = exactOf(name);
    const seen = new Set(exact.map((p) => p.id));
    const stems = [...new Set(keysOf(name).map((k) => looseStem(k) ?? k))];
    const loose = findByStems(stems)
      .filter((p) => !seen.has(p.id))
      .sort(byRank);
    return [...exact, ...loose];
  }, 50_000);

  function byName(name: string): GazetteerPlace[] {
    if (typeof name !== 'string') return [];
    return exactOf(name).slice();
  }

  function byNameLoose(name: string, country?: string): GazetteerPlace[] {
    if (typeof name !== 'string') return [];
    const all = looseOf(name);
    return country ? all.filter((p) => p.country === country) : all.slice();
  }

  // Ids come back as often (a place's parents, each candidate's first-level division): one query each.
  const ids = new Map<string, GazetteerPlace | null>();
  function byId(id: string): GazetteerPlace | undefined {
    if (typeof id !== 'string') return undefined;
    let p = ids.get(id);
    if (p === undefined) {
      p = placeOrNot(store.byId(id)) ?? null;
      if (ids.size >= 100_000) ids.clear();
      ids.set(id, p);
    }
    return p ?? undefined;
  }

  let allPlaces: GazetteerPlace[] | null = null;
  const g: Gazetteer = {
    get places() {
      allPlaces ??= store.all().map(place);
      return allPlaces;
    },
    byName,
    byNameIn: (name, country) => (typeof name === 'string' ? exactOf(name).filter((p) => p.country === country) : []),
    byNameLoose,
    byId,
    byGbt2260: (code) => (typeof code === 'string' ? placeOrNot(store.byGbt2260(code)) : undefined),
    byGeonamesId: (id) => (Number.isInteger(id) ? placeOrNot(store.byGeonamesId(id)) : undefined),
    children: (id) => store.children(id).map(place),
    loadMs: 0,
  };
  g.loadMs = performance.now() - t0;
  cache.set(dir, g);
  return g;
}
