// Coordinates a document gives for a place (a network's node), as evidence among places of one name: the
// Wikidata snapshot writes "Suzhou" for Suzhou in Jiangsu and "Taizhou" for both Taizhous, each node with its
// point. The place meant is the one candidate near that point.
//
// Near is within the bound qid-match.ts measured for the same two kinds of point (a snapshot node and the
// gazetteer's place): 25 km for a city or a district, within which 98% of the nodes of a city's name lie
// (China's prefecture-level cities within 20 km, their points being a seat or the middle of a large area),
// while namesakes are hundreds of kilometres apart (the nearest other Suzhou, Fuzhou, Taizhou or Yichun of a
// node: 360 to 2,540 km). A first-level division: 300 km.
//
// A district of a candidate city is no rival of that city: the snapshot's nodes are cities, and a point in
// the city's district is in the city. So Fuzhou (福州市 2.3 km, and its seat 鼓楼区, which the gazetteer also
// calls Fuzhou, 0 km) is 福州市, and Shizuishan is 石嘴山市 although only its seat 大武口区 (4.2 km) is near:
// the gazetteer puts the city's point 42.5 km away, at the old town. Past that, exactly one candidate near the
// point decides; two, or none, leave the name as ambiguous as it was, and so does a candidate the gazetteer
// gives no point (nothing says it is far).
import { boundFor, km } from './qid-match.js';
import type { AdminLevel } from '../model.js';

export interface Point {
  lat: number;
  lon: number;
}

interface Placed {
  lat: number | null;
  lon: number | null;
  level: AdminLevel;
}

export interface Pointed<P> {
  /** The one candidate the point names, or null. */
  place: P | null;
  /** The candidate found near the point: `place` itself, or a district of it. */
  via: P | null;
  /** The distance of `via` from the point, in km. */
  km: number | null;
  /** How many candidates lie within their bound of the point. */
  near: number;
  /** How many candidates have no point in the gazetteer. */
  unplaced: number;
}

/** The one candidate near `point` (see above); `inside(a, b)`: a lies within b. */
export function pointedAt<P extends Placed>(cands: P[], point: Point, inside: (a: P, b: P) => boolean): Pointed<P> {
  const near: Array<{ p: P; km: number }> = [];
  let unplaced = 0;
  for (const p of cands) {
    if (p.lat == null || p.lon == null) {
      unplaced++;
      continue;
    }
    const d = km(point.lat, point.lon, p.lat, p.lon);
    if (d <= boundFor(p)) near.push({ p, km: d });
  }
  // Each candidate near the point stands for the candidate city it lies in, if there is one.
  const cityOf = (p: P) => cands.find((c) => c !== p && c.level !== 'district' && inside(p, c)) ?? p;
  const named = new Set(near.map((a) => cityOf(a.p)));
  if (named.size !== 1 || unplaced > 0) return { place: null, via: null, km: null, near: near.length, unplaced };
  const place = [...named][0]!;
  const best = near.find((a) => a.p === place) ?? near.reduce((a, b) => (b.km < a.km ? b : a));
  return { place, via: best.p, km: best.km, near: near.length, unplaced };
}
