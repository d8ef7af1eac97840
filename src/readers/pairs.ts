// Reader for a CSV of pairs: one tie a row, both ends named alike (`city1,country1,city2,country2`), in English,
// without dates — the shape of datasets scraped from encyclopedias (Hekman's map of English Wikipedia's "List
// of twin towns and sister cities in …"). Which end is Chinese is read from the countries, not from the
// column order. Only ties with a Chinese end are claims; the rest are counted in one message.
import { parse } from 'csv-parse/sync';
import type { Message, RawRow, ReadContext, ReadResult, Reader } from '../model.js';
import { countryToIso2 } from '../normalize/country.js';
import { apartSection, chineseEnd } from './chinese-end.js';

const PLACE = /^(?:city|place|town|municipality|name)[ _-]?([12ab])$/;
const COUNTRY = /^(?:country|nation)[ _-]?([12ab])$/;

/** Column indexes of both ends, from a header row, or null when it is not a header of pairs. */
function pairColumns(header: string[]): { place: [number, number]; country: [number, number] } | null {
  const keys = header.map((h) => h.trim().toLowerCase());
  const find = (re: RegExp, side: 0 | 1) =>
    keys.findIndex((k) => {
      const m = re.exec(k);
      return !!m && ['1a', '2b'][side]!.includes(m[1]!);
    });
  const place: [number, number] = [find(PLACE, 0), find(PLACE, 1)];
  const country: [number, number] = [find(COUNTRY, 0), find(COUNTRY, 1)];
  return [...place, ...country].every((i) => i >= 0) ? { place, country } : null;
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).replace(/^\uFEFF/, '').replace(/\r$/, '');
}

function detect(text: string): number {
  const line = firstLine(text);
  if (!line.includes(',')) return 0;
  try {
    const [header] = parse(line, { relax_quotes: true }) as string[][];
    return header && pairColumns(header) ? 0.97 : 0;
  } catch {
    return 0;
  }
}

/** `Dongdaemun (Seoul)` → name and qualifier. `Suzhou, Jiangsu` is left whole: the resolver reads that form. */
function splitBracket(s: string): { name: string; qualifier: string | null } {
  const m = /^(.+?)\s*\(([^()]+)\)$/.exec(s);
  return m ? { name: m[1]!.trim(), qualifier: m[2]!.trim() } : { name: s, qualifier: null };
}

/** A row whose country cell is empty and whose place carries it (`Varna, Bulgaria`): the two apart. */
function countryFromPlace(place: string, country: string): { place: string; country: string } {
  if (country) return { place, country };
  const m = /^(.+),\s*([^,]+)$/.exec(place);
  if (m && countryToIso2(m[2]!)) return { place: m[1]!.trim(), country: m[2]!.trim() };
  return { place, country };
}

function read(text: string, _ctx: ReadContext): ReadResult {
  const messages: Message[] = [];
  const rows: RawRow[] = [];
  type Rec = { record: string[]; info: { lines: number } };
  const opts = { relax_quotes: true, relax_column_count: true, bom: true, info: true, skip_empty_lines: true } as const;
  let records: Rec[];
  try {
    records = parse(text, opts) as unknown as Rec[];
  } catch (e) {
    // A file cut inside a quoted cell (`Quote Not Closed`): the rows before the bad line are read, and the rest is
    // said to be unread — a reader never throws.
    const at = Number((e as { lines?: number }).lines) || 0;
    const kept = at > 1 ? text.split('\n').slice(0, at - 1).join('\n') : '';
    try {
      records = kept ? (parse(kept, opts) as unknown as Rec[]) : [];
    } catch {
      records = [];
    }
    messages.push({ line: at || 1, severity: 'error', code: 'csv-broken', reason: `the CSV cannot be read from line ${at || 1} on (${String((e as Error).message).slice(0, 120)}): the rows after it are not read` });
  }
  const cols = records.length ? pairColumns(records[0]!.record) : null;
  if (!cols) return { rows, messages, meta: {}, totals: [] };
  let notChinese = 0;
  let domestic = 0;
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (i: number) => (record[i] ?? '').trim();
    const ends = [0, 1].map((side) => countryFromPlace(cell(cols.place[side as 0 | 1]), cell(cols.country[side as 0 | 1])));
    if (!ends[0]!.place && !ends[1]!.place) continue;
    const chinese = ends.map((e) => chineseEnd(e.country));
    if (!chinese[0] && !chinese[1]) {
      notChinese++;
      continue;
    }
    if (chinese[0] && chinese[1]) {
      domestic++;
      continue;
    }
    const c = chinese[0] ? 0 : 1;
    const cn = ends[c]!;
    const other = ends[1 - c]!;
    if (!cn.place || !other.place) {
      messages.push({ line, severity: 'warning', skipped: true, code: 'pair-incomplete', reason: 'one end of the pair names no place' });
      continue;
    }
    const f = splitBracket(other.place);
    rows.push({
      line,
      section: apartSection(chinese[c]!),
      cnPlace: cn.place,
      foreignPlace: f.name,
      foreignPlaceEn: f.name,
      foreignQualifier: f.qualifier,
      country: other.country || null,
      date: null,
      status: 'listed',
      note: null,
    });
  }
  if (notChinese) messages.push({ line: 0, severity: 'info', code: 'no-chinese-end', reason: `${notChinese} ties with no Chinese end were left out` });
  if (domestic) {
    messages.push({ line: 0, severity: 'info', code: 'domestic', reason: `${domestic} ties between two Chinese places were left out: they are not international` });
  }
  return { rows, messages, meta: {}, totals: [] };
}

export const pairsReader: Reader = {
  name: 'pairs',
  description: 'a CSV of pairs, one tie a row with both ends named alike (city1, country1, city2, country2)',
  detect: (text) => detect(text),
  read,
};
