// Reader for a network of ties given as two tab-separated tables: the links (`source`, `target`: node ids, one
// undirected tie a line) and, beside them in `nodes.tsv`, the nodes (`id`, `name`, `lng`, `lat`, `country`,
// `countrycd`, …). The Wikidata twin-city snapshot is one (QIDs for ids, English labels). The document is the
// links file: each claim keeps its line there; the nodes file is read as its companion. Only ties with a
// Chinese end are claims; the rest are counted in one message.
import { parse } from 'csv-parse/sync';
import type { Message, RawRow, ReadContext, ReadResult, Reader } from '../model.js';
import { apartSection, chineseEnd } from './chinese-end.js';

export const NODES_FILE = 'nodes.tsv';

export interface Node {
  id: string;
  name: string;
  country: string;
  code: string;
  lat: number;
  lon: number;
  line: number;
}

const LINKS_HEADER = /^\uFEFF?source\ttarget\r?$/m;

function detect(text: string): number {
  const first = text.slice(0, text.indexOf('\n') + 1 || text.length);
  if (!LINKS_HEADER.test(first)) return 0;
  const second = text.slice(first.length, first.length + 200).split(/\r?\n/)[0] ?? '';
  return /^\S+\t\S+$/.test(second) ? 0.98 : 0.5;
}

function tsv(text: string): string[][] {
  // The labels are not quoted and may hold a quote (`Val-d'Or`, `"Stara" Zagora`): quotes are text here.
  return parse(text, { delimiter: '\t', quote: null, relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
}

export function readNodes(text: string): { nodes: Map<string, Node>; messages: Message[] } {
  const rows = tsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const col = (n: string) => header.indexOf(n);
  const [iId, iName, iCountry, iCode, iLat, iLon] = [col('id'), col('name'), col('country'), col('countrycd'), col('lat'), col('lng')];
  const messages: Message[] = [];
  const nodes = new Map<string, Node>();
  if (iId < 0 || iName < 0 || (iCountry < 0 && iCode < 0)) {
    messages.push({ line: 1, severity: 'error', code: 'nodes-header', reason: `${NODES_FILE}: expected the columns id, name and country or countrycd` });
    return { nodes, messages };
  }
  rows.slice(1).forEach((r, i) => {
    const id = r[iId]?.trim();
    if (!id) return;
    const num = (j: number) => (j >= 0 && r[j]?.trim() ? Number(r[j]) : NaN);
    nodes.set(id, {
      id,
      name: (r[iName] ?? '').trim(),
      country: (r[iCountry] ?? '').trim(),
      code: (r[iCode] ?? '').trim(),
      lat: num(iLat),
      lon: num(iLon),
      line: i + 2,
    });
  });
  return { nodes, messages };
}

function read(text: string, ctx: ReadContext): ReadResult {
  const messages: Message[] = [];
  const rows: RawRow[] = [];
  const nodesText = ctx.companion?.(NODES_FILE) ?? null;
  if (nodesText == null) {
    messages.push({ line: 0, severity: 'error', code: 'nodes-missing', reason: `the links need their nodes table: no ${NODES_FILE} beside ${ctx.fileName}` });
    return { rows, messages, meta: {}, totals: [] };
  }
  const { nodes, messages: nodeMessages } = readNodes(nodesText);
  messages.push(...nodeMessages);
  const links = tsv(text);
  let notChinese = 0;
  let domestic = 0;
  links.slice(1).forEach((r, i) => {
    const line = i + 2;
    const [s, t] = [r[0]?.trim(), r[1]?.trim()];
    if (!s && !t) return;
    const a = s ? nodes.get(s) : undefined;
    const b = t ? nodes.get(t) : undefined;
    if (!a || !b) {
      messages.push({ line, severity: 'warning', skipped: true, code: 'node-unknown', reason: `node ${!a ? s : t} is not in ${NODES_FILE}` });
      return;
    }
    const ea = chineseEnd(a.code || a.country);
    const eb = chineseEnd(b.code || b.country);
    if (!ea && !eb) {
      notChinese++;
      return;
    }
    if (ea && eb) {
      // Two Chinese places (Shenyang–Harbin): not an international tie, which is what the registry holds.
      domestic++;
      return;
    }
    const [cn, other, cnEnd] = ea ? [a, b, ea] : [b, a, eb!];
    rows.push({
      line,
      section: apartSection(cnEnd),
      cnPlace: cn.name,
      // Where the snapshot puts the Chinese node: its English label alone (Suzhou, Taizhou) may name several places.
      cnCoordinates: Number.isFinite(cn.lat) && Number.isFinite(cn.lon) ? { lat: cn.lat, lon: cn.lon } : null,
      foreignPlace: other.name,
      foreignPlaceEn: other.name,
      // The code is what the snapshot means by its country; its Natural Earth short names ("Bosnia and Herz.") are the hint.
      country: other.code || other.country || null,
      countryHint: other.code === 'CN-TW' ? 'TW' : other.country || null,
      date: null,
      status: 'listed',
      // The nodes' QIDs: the partner's as a fact about it, both (with their lines in nodes.tsv) in the note.
      note: `Wikidata: ${cn.id} (${NODES_FILE} line ${cn.line}) – ${other.id} (line ${other.line})`,
      facts: { wikidata: other.id },
    });
  });
  if (notChinese) {
    messages.push({ line: 0, severity: 'info', code: 'no-chinese-end', reason: `${notChinese} ties with no Chinese end were left out` });
  }
  if (domestic) {
    messages.push({ line: 0, severity: 'info', code: 'domestic', reason: `${domestic} ties between two Chinese places were left out: they are not international` });
  }
  return { rows, messages, meta: {}, totals: [] };
}

export const networkReader: Reader = {
  name: 'nodes-links',
  description: 'a network of ties: links.tsv (source, target) with the nodes.tsv beside it (id, name, country …)',
  detect: (text) => detect(text),
  read,
};
