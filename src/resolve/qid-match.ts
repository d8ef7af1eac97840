// Wikidata ids (QIDs) for the registry's places, from a snapshot's nodes (QID, English label, coordinates,
// country). Pure: given the nodes and the places, it says which node is which place and how that was decided.
//
// A node is a place when all three agree:
//   1. the country: the node's code (Taiwan's `CN-TW` read as TW) is the place's country;
//   2. the name: the node's English label, folded (case, accents, punctuation and spaces dropped), is one of
//      the place's names in any script, its English name or its pinyin — or is, once a generic word is taken
//      off (`Chiayi City`, `Xiaoshan District`);
//   3. the coordinates: within MAX_KM of the place's. Measured on the registry `npm start` builds, over every
//      pair of a node and a city that agree on country and name (1,232 pairs, 155 of them prefecture-level
//      cities of China): half lie within 1.5 km, 98% within 10 km (within 20 km for China's prefecture-level
//      cities, whose points may be the seat or the middle of a large area), 1,211 within 25 km, and the rest
//      are namesakes hundreds of kilometres away (Gwangju in Gyeonggi is 253 km from Gwangju Metropolitan
//      City). So 25 km. A first-level division is placed at its centroid by one and at its
//      capital by the other (Tokyo 6.7 km, but Hokkaido's two points can be 200 km apart): 300 km.
// The snapshot's nodes are cities; a division of the same name is not one (Nara the prefecture is not Nara
// the city, 44 km away). So a node that is near a city of its name is that city, never the division too
// (Tokyo, Berlin, Seoul, Zürich); and a node is a division only when its label says so (`Gyeonggi Province`,
// `Jeju Province`): a city's QID put on a province would edit Wikidata wrongly. Countries are never matched.
// And it must be one to one: a place two nodes could be gets neither; a node two places could be gets
// neither. An ambiguity is left for a person (`youcheng edit wikidata`) rather than guessed.
import { fold } from '../normalize/script.js';

import type { MatchPlace, QidMatch, SnapshotNode } from '../registry/qids.js';

export type { MatchPlace, QidMatch, SnapshotNode };

export const MAX_KM = { city: 25, district: 25, region: 300 } as const;

/** A label that names a first-level division (or a county, in countries where that is the level). */
const DIVISION = /\b(province|prefecture|region|oblast|krai|kraj|state|county|governorate|department|voivodeship|canton|land|do)$/i;

/** Generic words a label may add to the name (`Chiayi City`, `Taoyuan District`). */
const GENERIC = /\s+(city|district|county|prefecture|municipality|province|shi|qu|xian)$/i;

export function labelKeys(label: string): string[] {
  const keys = new Set<string>([fold(label)]);
  const bare = label.replace(GENERIC, '');
  if (bare !== label && bare.trim()) keys.add(fold(bare));
  keys.delete('');
  return [...keys];
}

export function km(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function boundFor(p: Pick<MatchPlace, 'level'>): number {
  return MAX_KM[p.level as keyof typeof MAX_KM] ?? 0;
}

const isCity = (p: MatchPlace) => p.level === 'city' || p.level === 'district';

export interface Candidate {
  node: SnapshotNode;
  place: MatchPlace;
  km: number;
  name: string;
}

/** Every (node, place) pair that agrees on country and name, with its distance (before the bound). */
export function candidates(nodes: SnapshotNode[], places: MatchPlace[]): Candidate[] {
  const byKey = new Map<string, Array<{ place: MatchPlace; name: string }>>();
  for (const p of places) {
    if (!p.country) continue;
    const seen = new Set<string>();
    for (const n of p.names) {
      const k = fold(n);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      const key = `${p.country}|${k}`;
      const list = byKey.get(key) ?? [];
      list.push({ place: p, name: n });
      byKey.set(key, list);
    }
  }
  const out: Candidate[] = [];
  for (const node of nodes) {
    const hit = new Map<string, Candidate>();
    for (const k of labelKeys(node.label)) {
      for (const { place, name } of byKey.get(`${node.country}|${k}`) ?? []) {
        if (hit.has(place.id)) continue;
        hit.set(place.id, { node, place, name, km: km(node.lat, node.lon, place.lat, place.lon) });
      }
    }
    out.push(...hit.values());
  }
  return out;
}

/** The one-to-one matches within the bounds. */
export function matchQids(nodes: SnapshotNode[], places: MatchPlace[]): QidMatch[] {
  const inBound = candidates(nodes, places).filter((c) => c.km <= boundFor(c.place));
  const nearCity = new Set(inBound.filter((c) => isCity(c.place)).map((c) => c.node.qid));
  const near = inBound.filter((c) => isCity(c.place) || (!nearCity.has(c.node.qid) && DIVISION.test(c.node.label.trim())));
  const qidsOfPlace = new Map<string, Set<string>>();
  const placesOfQid = new Map<string, Set<string>>();
  for (const c of near) {
    (qidsOfPlace.get(c.place.id) ?? qidsOfPlace.set(c.place.id, new Set()).get(c.place.id)!).add(c.node.qid);
    (placesOfQid.get(c.node.qid) ?? placesOfQid.set(c.node.qid, new Set()).get(c.node.qid)!).add(c.place.id);
  }
  const out: QidMatch[] = [];
  const done = new Set<string>();
  for (const c of near) {
    if (qidsOfPlace.get(c.place.id)!.size !== 1 || placesOfQid.get(c.node.qid)!.size !== 1) continue;
    if (done.has(c.place.id)) continue;
    done.add(c.place.id);
    out.push({
      placeId: c.place.id,
      qid: c.node.qid,
      km: Math.round(c.km * 10) / 10,
      line: c.node.line,
      label: c.node.label,
      how: `name "${c.node.label}" = "${c.name}", country ${c.node.country}, ${c.km.toFixed(1)} km apart (bound ${boundFor(c.place)} km)`,
    });
  }
  return out.sort((a, b) => (a.placeId < b.placeId ? -1 : a.placeId > b.placeId ? 1 : 0));
}
