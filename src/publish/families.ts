// The network of ties, as city-family tools show it: families (connected components: places linked by a chain
// of ties), each place's degree (its number of partners), the shortest chain of ties between two places, and
// triangles (three places tied to each other). The registry's ties always join a Chinese place to a foreign
// one, so a triangle needs a tie between two foreign places: those come from the Wikidata snapshot's links.
import type { DB } from '../registry/db.js';
import { graphEdges, graphPlaces, snapshotLinks, type GraphPlace } from '../registry/graph-rows.js';
import type { QidEntry } from './wikidata-ids.js';

export interface Network {
  /** Place id → family number (1 = the largest family; ties in size broken by the smallest place id). */
  familyOf: Map<string, number>;
  /** Family number → its places, sorted. */
  families: string[][];
  adjacency: Map<string, Set<string>>;
  /** The tie id between two places (`a\u0000b`, either order). */
  tieOf: Map<string, number>;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function buildNetwork(db: DB): Network {
  const adjacency = new Map<string, Set<string>>();
  const tieOf = new Map<string, number>();
  for (const e of graphEdges(db)) {
    (adjacency.get(e.a) ?? adjacency.set(e.a, new Set()).get(e.a)!).add(e.b);
    (adjacency.get(e.b) ?? adjacency.set(e.b, new Set()).get(e.b)!).add(e.a);
    if (!tieOf.has(key(e.a, e.b))) tieOf.set(key(e.a, e.b), e.id);
  }
  const comps: string[][] = [];
  const seen = new Set<string>();
  for (const start of [...adjacency.keys()].sort()) {
    if (seen.has(start)) continue;
    const comp: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length) {
      const v = queue.pop()!;
      comp.push(v);
      for (const w of adjacency.get(v)!) if (!seen.has(w)) (seen.add(w), queue.push(w));
    }
    comps.push(comp.sort());
  }
  comps.sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  const familyOf = new Map<string, number>();
  comps.forEach((c, i) => c.forEach((p) => familyOf.set(p, i + 1)));
  return { familyOf, families: comps, adjacency, tieOf };
}

/** The shortest chain of ties from one place to another (breadth first), as places; null when none. */
export function shortestChain(n: Network, from: string, to: string): string[] | null {
  if (!n.adjacency.has(from) || !n.adjacency.has(to)) return null;
  if (from === to) return [from];
  const prev = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of [...n.adjacency.get(v)!].sort()) {
      if (prev.has(w)) continue;
      prev.set(w, v);
      if (w === to) {
        const path = [to];
        for (let cur = to; cur !== from; ) path.push((cur = prev.get(cur)!));
        return path.reverse();
      }
      queue.push(w);
    }
  }
  return null;
}

export interface Triangle {
  /** The Chinese place and its two partners, the partners in id order. */
  places: [string, string, string];
  /** The registry's two ties and the snapshot's link between the partners (their QIDs). */
  ties: [number, number];
  link: [string, string];
}

/**
 * Triangles: a Chinese place with two partners tied to each other. The partners' tie is a link of the Wikidata
 * snapshot between their items (qids: the places' Wikidata ids).
 */
export function triangles(db: DB, n: Network, qids: Map<string, QidEntry>): Triangle[] {
  const placeOfQid = new Map<string, string>();
  for (const [place, e] of qids) placeOfQid.set(e.qid, place);
  const foreignLinks = new Map<string, [string, string]>();
  for (const [s, t] of snapshotLinks(db)) {
    const a = placeOfQid.get(s);
    const b = placeOfQid.get(t);
    if (a && b && a !== b) foreignLinks.set(key(a, b), [s, t]);
  }
  const out: Triangle[] = [];
  const cnPlaces = new Set(graphCn(db, n));
  for (const c of [...cnPlaces].sort()) {
    const partners = [...(n.adjacency.get(c) ?? [])].filter((p) => !cnPlaces.has(p)).sort();
    for (let i = 0; i < partners.length; i++) {
      for (let j = i + 1; j < partners.length; j++) {
        const link = foreignLinks.get(key(partners[i]!, partners[j]!));
        if (!link) continue;
        out.push({ places: [c, partners[i]!, partners[j]!], ties: [n.tieOf.get(key(c, partners[i]!))!, n.tieOf.get(key(c, partners[j]!))!], link });
      }
    }
  }
  return out;
}

function graphCn(db: DB, n: Network): string[] {
  const places = graphPlaces(db, n.adjacency.keys());
  return [...places.values()].filter((p) => p.is_chinese === 1).map((p) => p.id);
}

export interface NetworkSummary {
  places: number;
  ties: number;
  families: Array<{ family: number; size: number; cn: number; foreign: number; largest: Array<{ id: string; name: string; degree: number }> }>;
  familySizes: Array<{ size: number; families: number }>;
  topDegree: Array<{ id: string; name: string; country_iso2: string | null; degree: number; family: number }>;
  triangles: Array<{ places: Array<{ id: string; name: string }>; link: [string, string] }>;
}

export const placeName = (p: GraphPlace | undefined, id: string) => p?.name_zh_hans ?? p?.name_en ?? id;

export function networkSummary(db: DB, qids: Map<string, QidEntry>, opts: { families?: number; top?: number } = {}): NetworkSummary {
  const n = buildNetwork(db);
  const places = graphPlaces(db, n.adjacency.keys());
  const deg = (id: string) => n.adjacency.get(id)?.size ?? 0;
  const sizes = new Map<number, number>();
  for (const f of n.families) sizes.set(f.length, (sizes.get(f.length) ?? 0) + 1);
  const tri = triangles(db, n, qids);
  return {
    places: n.adjacency.size,
    ties: n.tieOf.size,
    families: n.families.slice(0, opts.families ?? 20).map((f, i) => ({
      family: i + 1,
      size: f.length,
      cn: f.filter((p) => places.get(p)?.is_chinese === 1).length,
      foreign: f.filter((p) => places.get(p)?.is_chinese !== 1).length,
      largest: [...f]
        .sort((a, b) => deg(b) - deg(a) || (a < b ? -1 : 1))
        .slice(0, 5)
        .map((id) => ({ id, name: placeName(places.get(id), id), degree: deg(id) })),
    })),
    familySizes: [...sizes.entries()].map(([size, families]) => ({ size, families })).sort((a, b) => b.size - a.size),
    topDegree: [...n.adjacency.keys()]
      .sort((a, b) => deg(b) - deg(a) || (a < b ? -1 : 1))
      .slice(0, opts.top ?? 20)
      .map((id) => ({ id, name: placeName(places.get(id), id), country_iso2: places.get(id)?.country_iso2 ?? null, degree: deg(id), family: n.familyOf.get(id)! })),
    triangles: tri.map((t) => ({ places: t.places.map((id) => ({ id, name: placeName(places.get(id), id) })), link: t.link })),
  };
}
