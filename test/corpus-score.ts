// Scoring youcheng's reading of real documents against ties written by hand (test/fixtures/world/*.expected.tsv).
//
// A tie is matched when its two sides and its country match; date and kind are then scored as field accuracies,
// and a "full" F1 requires them to match too. Matching is one-to-one: each expected tie takes at most one claim.
import { readFileSync } from 'node:fs';
import { toSimplified } from '../src/normalize/script.js';

/** One tie the document states, as written by a reader of the document. */
export interface ExpectedRow {
  /** 1-based line in the .expected.tsv file (for messages). */
  line: number;
  cnPlace: string;
  foreignPlace: string;
  /** ISO 3166-1 alpha-2 of the foreign side; empty = not checked. */
  country: string;
  /** ISO date as precise as the document writes it (`1995-05-12`, `1995-05`, `1995`) or empty. */
  date: string;
  kind: string;
  status: string;
}

/** One claim the program gave (the fields of `Claim` in src/model.ts that are scored; all optional). */
export interface GotRow {
  line?: number | null;
  cnPlace?: string | null;
  cnPlaceZhHans?: string | null;
  foreignPlace?: string | null;
  foreignPlaceZhHans?: string | null;
  foreignPlaceEn?: string | null;
  countryIso2?: string | null;
  dateIso?: string | null;
  kind?: string | null;
  status?: string | null;
}

export interface FieldScore {
  tp: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Score {
  /** Ties matched (both sides and country). */
  tp: number;
  /** Claims that match no expected tie. */
  fp: number;
  /** Expected ties that no claim matches. */
  fn: number;
  precision: number;
  recall: number;
  /** Tie-F1: over ties, date and kind not required. */
  f1: number;
  /** Expected ties not found, one line each. */
  misses: string[];
  /** Claims that match no expected tie, one line each. */
  extras: string[];
  /** Of the matched ties, the share whose date matches exactly (both empty counts as a match). */
  dateAccuracy: number;
  /** Of the matched ties, the share whose kind matches. */
  kindAccuracy: number;
  /** Of the matched ties, the share whose status (listed / doubtful) matches. */
  statusAccuracy: number;
  /** Full-F1: a tie counts only when its date and kind match too. */
  full: FieldScore;
  /** Matched ties whose date or kind differ, one line each. */
  fieldErrors: string[];
}

/** Trailing administrative words that are not part of a name (`大连市` = `大连`, `Kansas City` = `Kansas`). */
const CJK_SUFFIXES = ['市', '县', '区', '省', '州', '郡', '都', '府', '道', '시', '군', '도'];
const LATIN_SUFFIXES = ['city', 'prefecture', 'province'];

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** Letters of an alphabet (Latin, Cyrillic, Greek …): every letter that is not CJK. */
const ALPHA_CHAR = /[\p{L}]/gu;

/** NFKC, lower case, traditional → simplified, spaces collapsed. */
export function fold(s: string): string {
  return toSimplified(s.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The folded forms a name is compared by: as written, and without one trailing administrative suffix. */
export function variants(s: string): string[] {
  const f = fold(s);
  const out = new Set<string>([f]);
  for (const suf of CJK_SUFFIXES) {
    if (f.endsWith(suf) && f.length > suf.length) out.add(f.slice(0, -suf.length).trim());
  }
  for (const suf of LATIN_SUFFIXES) {
    if (f.endsWith(' ' + suf) && f.length > suf.length + 1) out.add(f.slice(0, -suf.length - 1).trim());
  }
  return [...out].filter((v) => v.length > 0);
}

function cjkCount(s: string): number {
  return s.match(CJK_CHAR)?.length ?? 0;
}
function alphaCount(s: string): number {
  return (s.match(ALPHA_CHAR)?.length ?? 0) - cjkCount(s);
}

/** 2: equal after folding; 1: one contains the other and the shorter is ≥ 2 CJK characters or ≥ 4 letters; 0: no match. */
export function nameMatch(a: string | null | undefined, b: string | null | undefined): 0 | 1 | 2 {
  if (!a || !b) return 0;
  const va = variants(a);
  const vb = variants(b);
  let best: 0 | 1 | 2 = 0;
  for (const x of va) {
    for (const y of vb) {
      if (x === y) return 2;
      const [short, long] = x.length <= y.length ? [x, y] : [y, x];
      if (long.includes(short) && (cjkCount(short) >= 2 || alphaCount(short) >= 4)) best = 1;
    }
  }
  return best;
}

/** The best match of a side against any of the claim's forms of it. */
function sideMatch(expected: string, forms: (string | null | undefined)[]): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const f of forms) {
    const m = nameMatch(expected, f);
    if (m > best) best = m;
    if (best === 2) break;
  }
  return best;
}

function countryMatch(expected: string, got: string | null | undefined): boolean {
  if (!expected.trim()) return true;
  return (got ?? '').trim().toUpperCase() === expected.trim().toUpperCase();
}

/** How well a claim matches an expected tie: 0 = not at all; higher is better (exact names beat containment). */
export function tieMatch(e: ExpectedRow, g: GotRow): number {
  if (!countryMatch(e.country, g.countryIso2)) return 0;
  const cn = sideMatch(e.cnPlace, [g.cnPlace, g.cnPlaceZhHans]);
  if (cn === 0) return 0;
  const foreign = sideMatch(e.foreignPlace, [g.foreignPlace ?? g.foreignPlaceEn, g.foreignPlaceEn, g.foreignPlaceZhHans]);
  if (foreign === 0) return 0;
  return cn + foreign;
}

function ratio(n: number, d: number, empty: number): number {
  return d === 0 ? empty : n / d;
}
function prf(tp: number, nGot: number, nExpected: number): FieldScore {
  // No claims and no ties: perfect. Claims for a document with no ties: precision 0.
  const precision = ratio(tp, nGot, nExpected === 0 ? 1 : 0);
  const recall = ratio(tp, nExpected, 1);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, precision, recall, f1 };
}

const showExpected = (e: ExpectedRow) =>
  `${e.cnPlace} — ${e.foreignPlace} (${e.country || '?'}) ${e.date || '—'} ${e.kind}${e.status === 'doubtful' ? ' doubtful' : ''} [expected line ${e.line}]`;
const showGot = (g: GotRow) =>
  `${g.cnPlace ?? g.cnPlaceZhHans ?? '∅'} — ${g.foreignPlace ?? g.foreignPlaceEn ?? '∅'} (${g.countryIso2 ?? '?'}) ${g.dateIso ?? '—'} ${g.kind ?? '?'}${g.status === 'doubtful' ? ' doubtful' : ''}${g.line != null ? ` [line ${g.line}]` : ''}`;

/** Scores the claims a document gave against the ties written for it by hand. */
export function score(expected: ExpectedRow[], got: GotRow[]): Score {
  // Every candidate pair with its strength; the strongest pairs are taken first, each row at most once.
  const pairs: { e: number; g: number; m: number }[] = [];
  expected.forEach((e, i) =>
    got.forEach((g, j) => {
      const m = tieMatch(e, g);
      if (m > 0) pairs.push({ e: i, g: j, m });
    }),
  );
  pairs.sort((a, b) => b.m - a.m || a.e - b.e || a.g - b.g);
  const eTaken = new Map<number, number>();
  const gTaken = new Set<number>();
  for (const p of pairs) {
    if (eTaken.has(p.e) || gTaken.has(p.g)) continue;
    eTaken.set(p.e, p.g);
    gTaken.add(p.g);
  }

  let dateOk = 0;
  let kindOk = 0;
  let statusOk = 0;
  let fullTp = 0;
  const fieldErrors: string[] = [];
  for (const [i, j] of eTaken) {
    const e = expected[i];
    const g = got[j];
    const d = (e.date ?? '') === (g.dateIso ?? '');
    const k = e.kind === (g.kind ?? '');
    if (d) dateOk++;
    if (k) kindOk++;
    if ((e.status || 'listed') === (g.status ?? 'listed')) statusOk++;
    if (d && k) fullTp++;
    else fieldErrors.push(`${showExpected(e)}  ≠  ${showGot(g)}`);
  }

  const tp = eTaken.size;
  const ties = prf(tp, got.length, expected.length);
  return {
    tp,
    fp: got.length - tp,
    fn: expected.length - tp,
    precision: ties.precision,
    recall: ties.recall,
    f1: ties.f1,
    misses: expected.filter((_, i) => !eTaken.has(i)).map(showExpected),
    extras: got.filter((_, j) => !gTaken.has(j)).map(showGot),
    dateAccuracy: ratio(dateOk, tp, 1),
    kindAccuracy: ratio(kindOk, tp, 1),
    statusAccuracy: ratio(statusOk, tp, 1),
    full: prf(fullTp, got.length, expected.length),
    fieldErrors,
  };
}

/** Sums the counts of several documents' scores (micro-average), e.g. for a class of documents. */
export function combine(scores: Score[], sizes: { expected: number; got: number }[]): { ties: FieldScore; full: FieldScore; tp: number; fp: number; fn: number } {
  const tp = scores.reduce((s, x) => s + x.tp, 0);
  const fp = scores.reduce((s, x) => s + x.fp, 0);
  const fn = scores.reduce((s, x) => s + x.fn, 0);
  const fullTp = scores.reduce((s, x) => s + x.full.tp, 0);
  const nGot = sizes.reduce((s, x) => s + x.got, 0);
  const nExpected = sizes.reduce((s, x) => s + x.expected, 0);
  return { ties: prf(tp, nGot, nExpected), full: prf(fullTp, nGot, nExpected), tp, fp, fn };
}

const COLUMNS = ['cn_place', 'foreign_place', 'country', 'date', 'kind', 'status'] as const;

/** The `# key: value` comment lines of an expected file (`# owner: 大连市` → { owner: '大连市' }). */
export function loadExpectedMeta(path: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const m = /^#\s*([\w-]+)\s*:\s*(.*)$/.exec(line);
    if (m) meta[m[1].toLowerCase()] = m[2].trim();
  }
  return meta;
}

/** Reads a .expected.tsv: `#` comment lines, a header `cn_place	foreign_place	country	date	kind	status`, one tie a line. */
export function loadExpected(path: string): ExpectedRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const rows: ExpectedRow[] = [];
  let header: string[] | null = null;
  lines.forEach((text, i) => {
    if (text.trim() === '' || text.startsWith('#')) return;
    const cells = text.split('\t');
    if (!header) {
      header = cells.map((c) => c.trim());
      const missing = COLUMNS.filter((c) => !header!.includes(c));
      if (missing.length) throw new Error(`${path}:${i + 1}: header lacks ${missing.join(', ')}`);
      return;
    }
    const get = (c: (typeof COLUMNS)[number]) => (cells[header!.indexOf(c)] ?? '').trim();
    const row: ExpectedRow = {
      line: i + 1,
      cnPlace: get('cn_place'),
      foreignPlace: get('foreign_place'),
      country: get('country'),
      date: get('date'),
      kind: get('kind'),
      status: get('status') || 'listed',
    };
    if (!row.cnPlace || !row.foreignPlace) throw new Error(`${path}:${i + 1}: a tie needs both sides`);
    if (!['sister', 'cooperation', 'other'].includes(row.kind)) throw new Error(`${path}:${i + 1}: kind "${row.kind}"`);
    if (!['listed', 'doubtful'].includes(row.status)) throw new Error(`${path}:${i + 1}: status "${row.status}"`);
    if (row.date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(row.date)) throw new Error(`${path}:${i + 1}: date "${row.date}"`);
    if (row.country && !/^[A-Z]{2}$/.test(row.country)) throw new Error(`${path}:${i + 1}: country "${row.country}"`);
    rows.push(row);
  });
  if (!header) throw new Error(`${path}: no header line`);
  return rows;
}

/**
 * The claims of `ingest --dry-run --json FILE` as rows to score. A claim whose Chinese side is null stands for
 * the document's owner (the `owner` of the output, or the one given).
 */
export function gotRowsFromDryRun(output: unknown, owner?: string | null): GotRow[] {
  const o = (output ?? {}) as { claims?: GotRow[]; owner?: string | null; documents?: { claims?: GotRow[]; owner?: string | null }[] };
  const docs = Array.isArray(o.documents) ? o.documents : [o];
  const rows: GotRow[] = [];
  for (const d of docs) {
    const who = d.owner ?? owner ?? null;
    for (const c of d.claims ?? []) {
      rows.push({ ...c, cnPlace: c.cnPlace ?? who, cnPlaceZhHans: c.cnPlaceZhHans ?? (c.cnPlace == null ? who : null) });
    }
  }
  return rows;
}
