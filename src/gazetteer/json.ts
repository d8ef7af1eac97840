// Reads the built JSON files (world.json, world-small.json, admin1.json, china.json) into places and their
// name keys, the way the gazetteer indexes them. Build time only: pack.ts writes the result into
// gazetteer.db, which is what the program opens (index.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminLevel } from '../model.js';
import { CJK_RE, foldLatin } from './fold.js';
import { SmallStore, type SmallFile, type SmallRow } from './small.js';
import { looseStem, type GazetteerPlace } from './index.js';

interface BuiltFile {
  format: string;
  columns: string[];
  rows: unknown[][];
  admin1?: Record<string, string>;
}

const FILES = ['world.json', 'admin1.json', 'china.json'] as const;
const SMALL_FILE = 'world-small.json';

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

const levelOfFeature = (fcode: string): AdminLevel => (fcode === 'PPLX' ? 'district' : 'city');

export interface JsonGazetteer {
  /** Every place: countries and divisions, China, GeoNames, then the small GeoNames places. */
  places: GazetteerPlace[];
  /** Name key → positions in places (the exact-name index, small places by their Latin keys included). */
  nameIndex: Map<string, number[]>;
  /** Suffix-stripped stem of each CJK name key → positions (the loose index; small places have no CJK keys). */
  stemIndex: Map<string, number[]>;
}

export function readJsonGazetteer(dir: string): JsonGazetteer {
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

  const mainCount = places.length;
  for (const p of small.all()) places.push(p);

  const nameIndex = new Map<string, number[]>();
  const add = (key: string, i: number): void => {
    const list = nameIndex.get(key);
    if (!list) nameIndex.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < mainCount; i++) {
    const p = places[i]!;
    for (const n of p.names) add(CJK_RE.test(n) ? n : foldLatin(n), i);
    for (const k of extraKeysOf[i]!) add(k, i);
  }
  // The loose index is built from the main places' CJK keys only, before the small places' keys join.
  const stemIndex = new Map<string, number[]>();
  for (const [key, list] of nameIndex) {
    if (!CJK_RE.test(key)) continue;
    const stem = looseStem(key) ?? key;
    const cur = stemIndex.get(stem);
    if (cur) cur.push(...list);
    else stemIndex.set(stem, [...list]);
  }
  // Small places are found by the Latin keys of world-small.json's own index (a CJK query never reaches them).
  for (const [row, key] of small.entries()) if (!CJK_RE.test(key)) add(key, mainCount + row);
  return { places, nameIndex, stemIndex };
}
