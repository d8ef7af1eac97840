// Wikidata item ids (QIDs) of the registry's places, derived at export time:
//   1. a person's word: places.wikidata_id / place_wikidata (set by `setWikidata`, logged as an edit) — wins;
//   2. a Wikidata snapshot in the registry, matched to the places after each reconciliation
//      (src/resolve/qid-match.ts, stored in place_qid_matches) — unless a person gave that QID to another place;
//   3. the `wikiDataId` fields of the @countrystatecity/countries data (ODbL), where the installed version
//      carries them: countries (`iso:CC`) and first-level divisions (`iso:CC-XX`) by their ISO code, and
//      GeoNames places (`gn:…`) and China's divisions (`cn:…`) by a package city of the same name in the same
//      country within 10 km of the place's coordinates (one QID only: two different items there = no answer).
// Nothing is guessed beyond that, because a wrong QID in a QuickStatements batch edits Wikidata wrongly.
//
// Note (measured on @countrystatecity/countries 1.0.9, the latest published): its per-country data has no
// `wikiDataId` on countries, states or cities (only on the six world regions and 22 subregions), so today
// every QID comes from edits. The matching below starts giving QIDs as soon as a version of the package (or
// any folder in its layout, see `packageDir`) carries them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DB } from '../registry/db.js';
import { foldLatin } from '../gazetteer/fold.js';
import { editedQids, packageMatchable, qidMatches } from '../registry/qids.js';
import { placeNamesOf } from '../registry/export-rows.js';

export type QidOrigin = 'edit' | 'snapshot' | 'package';
export interface QidEntry {
  qid: string;
  origin: QidOrigin;
  /** How the package entry was matched (for reports): iso code, or city name and distance. */
  how?: string;
}

export interface WikidataOptions {
  /**
   * The data folder of @countrystatecity/countries (or a folder in the same layout: countries.json,
   * `Name-CC/states.json`, `Name-CC/State-XX/cities.json`). Default: the installed package; null: edits only.
   */
  packageDir?: string | null;
  /** Greatest distance between a place and a package city of the same name, in km. */
  maxKm?: number;
}

const QID_RE = /^Q[1-9]\d*$/;
const require = createRequire(import.meta.url);

/** The installed package's data folder, or null when it is not installed (it is a dev dependency). */
export function defaultPackageDir(): string | null {
  try {
    const entry = require.resolve('@countrystatecity/countries');
    for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
      const d = join(dir, 'dist', 'data');
      if (existsSync(join(d, 'countries.json'))) return d;
      if (existsSync(join(dir, 'data', 'countries.json'))) return join(dir, 'data');
    }
  } catch {
    /* not installed */
  }
  return null;
}

interface PkgState {
  iso3166_2?: string | null;
  wikiDataId?: string | null;
}
interface PkgCity {
  name: string;
  latitude?: string | null;
  longitude?: string | null;
  wikiDataId?: string | null;
}
interface PkgCountry {
  iso2: string;
  wikiDataId?: string | null;
}

/** Reads JSON only when the file mentions wikiDataId at all: most files of the package do not. */
function readIfQids<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  if (!text.includes('wikiDataId')) return null;
  return JSON.parse(text) as T;
}

function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The package's data, loaded a country at a time and only for countries the registry needs. */
class PackageQids {
  private countries: Map<string, string> | null = null;
  private countryDirs: Map<string, string> | null = null;
  private states = new Map<string, Map<string, string>>();
  private cities = new Map<string, Map<string, Array<{ lat: number; lon: number; qid: string }>>>();

  constructor(private readonly dir: string) {}

  private dirOf(cc: string): string | undefined {
    if (!this.countryDirs) {
      this.countryDirs = new Map();
      for (const d of readdirSync(this.dir)) {
        const m = /-([A-Z]{2})$/.exec(d);
        if (m) this.countryDirs.set(m[1]!, join(this.dir, d));
      }
    }
    return this.countryDirs.get(cc);
  }

  country(cc: string): string | undefined {
    if (!this.countries) {
      this.countries = new Map();
      for (const c of readIfQids<PkgCountry[]>(join(this.dir, 'countries.json')) ?? []) {
        if (c.wikiDataId && QID_RE.test(c.wikiDataId)) this.countries.set(c.iso2, c.wikiDataId);
      }
    }
    return this.countries.get(cc);
  }

  state(code: string): string | undefined {
    const cc = code.slice(0, 2);
    let m = this.states.get(cc);
    if (!m) {
      m = new Map();
      const d = this.dirOf(cc);
      for (const s of (d && readIfQids<PkgState[]>(join(d, 'states.json'))) || []) {
        if (s.iso3166_2 && s.wikiDataId && QID_RE.test(s.wikiDataId)) m.set(s.iso3166_2, s.wikiDataId);
      }
      this.states.set(cc, m);
    }
    return m.get(code);
  }

  /** The QID of the one package city called `name` within maxKm of (lat, lon), with its distance. */
  city(cc: string, names: string[], lat: number, lon: number, maxKm: number): { qid: string; name: string; km: number } | null {
    let m = this.cities.get(cc);
    if (!m) {
      m = new Map();
      const d = this.dirOf(cc);
      if (d) {
        for (const s of readdirSync(d, { withFileTypes: true })) {
          if (!s.isDirectory()) continue;
          for (const c of readIfQids<PkgCity[]>(join(d, s.name, 'cities.json')) ?? []) {
            const la = Number(c.latitude);
            const lo = Number(c.longitude);
            if (!c.wikiDataId || !QID_RE.test(c.wikiDataId) || !Number.isFinite(la) || !Number.isFinite(lo)) continue;
            const k = foldLatin(c.name);
            const list = m.get(k) ?? [];
            list.push({ lat: la, lon: lo, qid: c.wikiDataId });
            m.set(k, list);
          }
        }
      }
      this.cities.set(cc, m);
    }
    if (m.size === 0) return null;
    const hits = new Map<string, { qid: string; name: string; km: number }>();
    for (const name of names) {
      for (const c of m.get(foldLatin(name)) ?? []) {
        const d = km(lat, lon, c.lat, c.lon);
        if (d > maxKm) continue;
        const prev = hits.get(c.qid);
        if (!prev || d < prev.km) hits.set(c.qid, { qid: c.qid, name, km: d });
      }
    }
    return hits.size === 1 ? [...hits.values()][0]! : null;
  }
}

const packageCache = new Map<string, PackageQids>();

/** Every place of the registry that has a QID, by place id. */
export function wikidataIds(db: DB, opts: WikidataOptions = {}): Map<string, QidEntry> {
  const out = new Map<string, QidEntry>();
  const edits = editedQids(db);
  for (const e of edits) if (QID_RE.test(e.qid) && !out.has(e.place_id)) out.set(e.place_id, { qid: e.qid, origin: 'edit' });
  const taken = new Set([...out.values()].map((e) => e.qid));
  for (const m of qidMatches(db)) {
    if (out.has(m.place_id) || taken.has(m.qid)) continue;
    out.set(m.place_id, { qid: m.qid, origin: 'snapshot', how: m.how });
  }

  const dir = opts.packageDir === undefined ? defaultPackageDir() : opts.packageDir;
  if (!dir || !existsSync(dir)) return out;
  let pkg = packageCache.get(dir);
  if (!pkg) packageCache.set(dir, (pkg = new PackageQids(dir)));
  const maxKm = opts.maxKm ?? 10;
  const latinNames = placeNamesOf(db);
  const rows = packageMatchable(db);
  for (const p of rows) {
    if (out.has(p.id)) continue;
    if (p.id.startsWith('iso:')) {
      const code = p.id.slice(4);
      const qid = code.length === 2 ? pkg.country(code) : pkg.state(code);
      if (qid) out.set(p.id, { qid, origin: 'package', how: code });
      continue;
    }
    if (!p.country_iso2 || p.lat == null || p.lon == null) continue;
    const names = new Set<string>();
    if (p.name_en) names.add(p.name_en);
    for (const n of latinNames(p.id)) if (/^[\p{Script=Latin}\s.'’\-()]+$/u.test(n)) names.add(n);
    const hit = pkg.city(p.country_iso2, [...names], p.lat, p.lon, maxKm);
    if (hit) out.set(p.id, { qid: hit.qid, origin: 'package', how: `${hit.name} ${hit.km.toFixed(1)} km` });
  }
  return out;
}
