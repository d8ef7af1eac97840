// The friendship network for graph tools (Gephi, Cytoscape, NetworkX, igraph): nodes are the places that take
// part in at least one relationship, edges the relationships (undirected: a tie binds both places).
//   GraphML  (http://graphml.graphdrawing.org/): typed <key>s, <data> per attribute.
//   GEXF 1.2 (https://gexf.net/, Gephi's own): a dynamic graph whose edges carry start and end dates, so the
//            timeline can grow the network year by year. GEXF dates must be whole days: a tie known to the
//            month or the year starts on the first day of it (start_date/start_precision keep what is known).
// Written a node or an edge at a time; every value goes through xmlEscape.
import type { DB } from '../registry/db.js';
import { placeRows, tieRows, displayName, type PlaceRow, type TieRow } from './network.js';
import { xmlAttrs, xmlEscape } from './xml.js';
import type { QidEntry } from './wikidata-ids.js';

type AttrType = 'string' | 'double' | 'boolean' | 'integer';
interface Attr<T> {
  name: string;
  type: AttrType;
  value: (row: T) => string | number | boolean | null;
}

/** Each place's family (connected component of ties: 1 = the largest) and the family's size. */
export interface Families {
  familyOf: Map<string, number>;
  families: string[][];
}

const nodeAttrs = (qids: Map<string, QidEntry>, fam?: Families): Attr<PlaceRow>[] => [
  { name: 'label', type: 'string', value: (p) => displayName(p.name_zh_hans, p.name_en, p.id) },
  { name: 'name_zh_hans', type: 'string', value: (p) => p.name_zh_hans },
  { name: 'name_zh_hant', type: 'string', value: (p) => p.name_zh_hant },
  { name: 'name_en', type: 'string', value: (p) => p.name_en },
  { name: 'pinyin', type: 'string', value: (p) => p.pinyin },
  { name: 'country_iso2', type: 'string', value: (p) => p.country_iso2 },
  { name: 'admin_level', type: 'string', value: (p) => p.admin_level },
  { name: 'side', type: 'string', value: (p) => (p.is_chinese ? 'cn' : 'foreign') },
  { name: 'lat', type: 'double', value: (p) => p.lat },
  { name: 'lon', type: 'double', value: (p) => p.lon },
  { name: 'geonames_id', type: 'string', value: (p) => (p.geonames_id == null ? null : String(p.geonames_id)) },
  { name: 'gbt2260', type: 'string', value: (p) => p.gbt2260 },
  { name: 'wikidata_id', type: 'string', value: (p) => qids.get(p.id)?.qid ?? null },
  { name: 'resolved', type: 'boolean', value: (p) => p.resolved === 1 },
  ...(fam
    ? [
        { name: 'family', type: 'string', value: (p: PlaceRow) => (fam.familyOf.has(p.id) ? `F${fam.familyOf.get(p.id)}` : null) } as Attr<PlaceRow>,
        { name: 'family_size', type: 'integer', value: (p: PlaceRow) => (fam.familyOf.has(p.id) ? fam.families[fam.familyOf.get(p.id)! - 1]!.length : null) } as Attr<PlaceRow>,
      ]
    : []),
];

const edgeAttrs: Attr<TieRow>[] = [
  { name: 'kind', type: 'string', value: (r) => r.kind },
  { name: 'status', type: 'string', value: (r) => r.status },
  { name: 'start_date', type: 'string', value: (r) => r.start_date },
  { name: 'start_precision', type: 'string', value: (r) => r.start_precision },
  { name: 'end_date', type: 'string', value: (r) => r.end_date },
  { name: 'end_reason', type: 'string', value: (r) => r.end_reason },
  { name: 'unlisted_in', type: 'string', value: (r) => r.unlisted_in },
];

/** Which ties (and so which places) a graph holds; all when absent. */
export interface GraphFilter {
  ties?: Set<number> | null;
  places?: Set<string> | null;
  /** The families to write on each node (`family`, `family_size`). */
  families?: Families;
}

const GRAPHML_TYPE: Record<AttrType, string> = { string: 'string', double: 'double', boolean: 'boolean', integer: 'int' };

export function* graphml(db: DB, qids: Map<string, QidEntry>, only: GraphFilter = {}): Generator<string> {
  const nAttrs = nodeAttrs(qids, only.families);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  for (const a of nAttrs) yield `  <key id="n_${a.name}" for="node" attr.name="${a.name}" attr.type="${GRAPHML_TYPE[a.type]}"/>\n`;
  for (const a of edgeAttrs) yield `  <key id="e_${a.name}" for="edge" attr.name="${a.name}" attr.type="${GRAPHML_TYPE[a.type]}"/>\n`;
  yield '  <graph id="youcheng" edgedefault="undirected">\n';
  for (const p of placeRows(db, { network: true })) {
    if (only.places && !only.places.has(p.id)) continue;
    let s = `    <node id="${xmlEscape(p.id)}">`;
    for (const a of nAttrs) {
      const v = a.value(p);
      if (v != null) s += `<data key="n_${a.name}">${xmlEscape(v)}</data>`;
    }
    yield s + '</node>\n';
  }
  for (const r of tieRows(db)) {
    if (only.ties && !only.ties.has(r.id)) continue;
    let s = `    <edge id="r${r.id}" source="${xmlEscape(r.cn_place_id)}" target="${xmlEscape(r.foreign_place_id)}">`;
    for (const a of edgeAttrs) {
      const v = a.value(r);
      if (v != null) s += `<data key="e_${a.name}">${xmlEscape(v)}</data>`;
    }
    yield s + '</edge>\n';
  }
  yield '  </graph>\n</graphml>\n';
}

/** A whole day for GEXF from a date of any precision: 1979 → 1979-01-01, 1979-05 → 1979-05-01. */
export function gexfDate(d: string | null): string | null {
  if (!d) return null;
  if (/^\d{4}$/.test(d)) return `${d}-01-01`;
  if (/^\d{4}-\d{2}$/.test(d)) return `${d}-01`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  return null;
}

export function* gexf(db: DB, qids: Map<string, QidEntry>, only: GraphFilter = {}): Generator<string> {
  const nAttrs = nodeAttrs(qids, only.families).filter((a) => a.name !== 'label');
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n' +
    '  <meta><creator>youcheng</creator><description>China\'s international friendship cities: places and relationships</description></meta>\n' +
    '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">\n';
  yield '    <attributes class="node" mode="static">\n';
  for (const [i, a] of nAttrs.entries()) yield `      <attribute id="${i}" title="${a.name}" type="${a.type}"/>\n`;
  yield '    </attributes>\n    <attributes class="edge" mode="static">\n';
  for (const [i, a] of edgeAttrs.entries()) yield `      <attribute id="${i}" title="${a.name}" type="${a.type}"/>\n`;
  yield '    </attributes>\n    <nodes>\n';
  for (const p of placeRows(db, { network: true })) {
    if (only.places && !only.places.has(p.id)) continue;
    let s = `      <node${xmlAttrs({ id: p.id, label: displayName(p.name_zh_hans, p.name_en, p.id) })}><attvalues>`;
    nAttrs.forEach((a, i) => {
      const v = a.value(p);
      if (v != null) s += `<attvalue for="${i}" value="${xmlEscape(v)}"/>`;
    });
    yield s + '</attvalues></node>\n';
  }
  yield '    </nodes>\n    <edges>\n';
  for (const r of tieRows(db)) {
    if (only.ties && !only.ties.has(r.id)) continue;
    // An end only for a tie that ended or was suspended at a known date; a tie no longer listed has no known end.
    const start = gexfDate(r.start_date);
    let end = r.status === 'ended' || r.status === 'suspended' ? gexfDate(r.end_date) : null;
    if (start && end && end < start) end = null; // a slip in the data must not make an interval Gephi refuses
    let s = `      <edge${xmlAttrs({
      id: `r${r.id}`,
      source: r.cn_place_id,
      target: r.foreign_place_id,
      label: r.kind,
      start,
      end,
    })}><attvalues>`;
    edgeAttrs.forEach((a, i) => {
      const v = a.value(r);
      if (v != null) s += `<attvalue for="${i}" value="${xmlEscape(v)}"/>`;
    });
    yield s + '</attvalues></edge>\n';
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}
