// GeoJSON (RFC 7946): places as Points, relationships as lines from the Chinese place to the foreign one
// along the great circle, cut at the antimeridian (src/publish/arc.ts). Only features with coordinates: a
// place without them, or a tie with a side without them, is left out (the counts say how many). Written a
// feature at a time.
import type { DB } from '../registry/db.js';
import { placeRows, tieRows } from './network.js';
import type { QidEntry } from './wikidata-ids.js';
import { tieGeometry } from './arc.js';
import { placeNamesOf } from '../registry/export-rows.js';

const pos = (lon: number, lat: number): [number, number] => [lon, lat];

export function* placesGeoJson(db: DB, qids: Map<string, QidEntry>): Generator<string> {
  const names = placeNamesOf(db);
  yield '{"type":"FeatureCollection","features":[';
  let n = 0;
  for (const p of placeRows(db, { withCoordinates: true })) {
    const feature = {
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: pos(p.lon!, p.lat!) },
      properties: {
        id: p.id,
        name_zh_hans: p.name_zh_hans,
        name_zh_hant: p.name_zh_hant,
        name_en: p.name_en,
        pinyin: p.pinyin,
        names: names(p.id),
        country_iso2: p.country_iso2,
        admin_level: p.admin_level,
        parent_id: p.parent_id,
        geonames_id: p.geonames_id,
        gbt2260: p.gbt2260,
        wikidata_id: qids.get(p.id)?.qid ?? null,
        resolved: p.resolved === 1,
      },
    };
    yield (n++ ? ',\n' : '\n') + JSON.stringify(feature);
  }
  yield '\n]}\n';
}

/** What a tie's GeoJSON Feature says of it: one set of names for `youcheng export` and the API's format=geojson. */
export interface TieProperties {
  id: number;
  cn_place_id: string;
  cn_name_zh_hans: string | null;
  cn_name_en: string | null;
  foreign_place_id: string;
  foreign_name_zh_hans: string | null;
  foreign_name_en: string | null;
  /** the foreign place's country */
  country_iso2: string | null;
  kind: string;
  status: string;
  start_date: string | null;
  start_precision: string;
  end_date: string | null;
  unlisted_in: string | null;
}

export function tieProperties(r: TieProperties): TieProperties {
  return {
    id: r.id,
    cn_place_id: r.cn_place_id,
    cn_name_zh_hans: r.cn_name_zh_hans,
    cn_name_en: r.cn_name_en,
    foreign_place_id: r.foreign_place_id,
    foreign_name_zh_hans: r.foreign_name_zh_hans,
    foreign_name_en: r.foreign_name_en,
    country_iso2: r.country_iso2,
    kind: r.kind,
    status: r.status,
    start_date: r.start_date,
    start_precision: r.start_precision,
    end_date: r.end_date,
    unlisted_in: r.unlisted_in,
  };
}

export function* relationshipsGeoJson(db: DB, keep?: Set<number> | null): Generator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let n = 0;
  for (const r of tieRows(db, { withCoordinates: true })) {
    if (keep && !keep.has(r.id)) continue;
    const feature = {
      type: 'Feature',
      id: r.id,
      geometry: tieGeometry(pos(r.cn_lon!, r.cn_lat!), pos(r.foreign_lon!, r.foreign_lat!)),
      properties: tieProperties(r),
    };
    yield (n++ ? ',\n' : '\n') + JSON.stringify(feature);
  }
  yield '\n]}\n';
}
