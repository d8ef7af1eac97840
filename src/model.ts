// The shapes that flow through youcheng: read → normalize → resolve → store → publish.

export type DatePrecision = 'day' | 'month' | 'year' | 'none';
/** The kinds of tie, in this order wherever they are listed (reconciliation packs a kind as its index here). */
export const KINDS = ['sister', 'cooperation', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export type ClaimStatus = 'listed' | 'doubtful';
export type AdminLevel = 'country' | 'region' | 'city' | 'district';

/** One relationship row as the document writes it. Nothing is normalized here. */
export interface RawRow {
  /** 1-based line of the foreign place in the document. */
  line: number;
  /** Heading or list title the row stands under, as written (null when none). */
  section: string | null;
  /** Chinese side as written; null means "the document's owner". */
  cnPlace: string | null;
  /** Link target of the Chinese side (wikitext/Markdown), as evidence for resolution. */
  cnLink?: string | null;
  /**
   * Where the document puts the Chinese side (a network's node: degrees, WGS 84), as evidence for resolution:
   * an English name the gazetteer gives several Chinese places (Suzhou in Jiangsu, Suzhou in Anhui) is the one near it.
   */
  cnCoordinates?: { lat: number; lon: number } | null;
  /** Foreign side as written (usually Chinese script); null when the row names only a country. */
  foreignPlace: string | null;
  /** Foreign place's name in Latin script, when the document gives one (`奈良市 Nara`). */
  foreignPlaceEn?: string | null;
  /** Bracketed qualifier written next to the foreign place (`堪萨斯市 (密苏里州)` → `密苏里州`), as evidence for resolution. */
  foreignQualifier?: string | null;
  /** Link target of the foreign side, as evidence for resolution (`奧克蘭_(加州)`). */
  foreignLink?: string | null;
  /** Country as written; null when the row names none. */
  country: string | null;
  /** A machine hint for the country, e.g. the argument of `{{flagicon|Japan}}`. */
  countryHint?: string | null;
  /** Date of signing as written. */
  date: string | null;
  /** Annotation that qualifies the tie, e.g. `友好協約書`. */
  marker?: string | null;
  status: ClaimStatus;
  note?: string | null;
  /** Extra columns kept as facts about the foreign place (continent, population, area …), as written. */
  facts?: Record<string, string>;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about the document, pointing at its line (the vfile habit). */
export interface Message {
  line: number;
  severity: Severity;
  reason: string;
  /**
   * A stable id of the kind of message, like a lint rule's id (`no-rows`, `date-unreadable`, `no-text-layer`):
   * for tools and tests, which should not depend on the wording of `reason`.
   */
  code?: string;
  /** True when the message reports a row of the document that was not kept as a claim. */
  skipped?: boolean;
}

/** What the document says about itself. */
export interface DocumentMeta {
  owner?: string | null;
  asOf?: string | null;
  publisher?: string | null;
  publishedAt?: string | null;
  url?: string | null;
  title?: string | null;
}

/** A total the document declares for itself (`现有9座`, `33个国家的40个城市`). */
export interface DeclaredTotal {
  line: number;
  /** The list it counts; null when it counts the whole document. */
  section: string | null;
  countries: number | null;
  places: number | null;
  text: string;
}

export interface ReadResult {
  rows: RawRow[];
  messages: Message[];
  meta: DocumentMeta;
  totals: DeclaredTotal[];
}

export interface ReadContext {
  fileName: string;
  /**
   * The text of a file beside the document (UTF-8), or null when there is none: a document in several files
   * (a network's links and its nodes table) reads the others through it.
   */
  companion?: (name: string) => string | null;
}

/**
 * A document too large to be held as one string, given to a reader line by line (see Reader.readLines).
 * Each call of `lines()` reads the document again from its first line.
 */
export interface DocumentLines {
  /** The lines of the text `read` would be given, split at `\r\n`, `\r` and `\n` (as `text.split`). */
  lines(): Iterable<string>;
  /** The length of that text (`text.length`), line breaks included. */
  readonly chars: number;
}

/** What a reader reading line by line gives once it has handed out its rows: a ReadResult without them. */
export type StreamedResult = Omit<ReadResult, 'rows'>;

/** One reader per format: one file in src/readers and one line in src/readers/index.ts. */
export interface Reader {
  name: string;
  description: string;
  /** 0 … 1: how sure the reader is that the text is its format. */
  detect(text: string, fileName: string): number;
  read(text: string, ctx: ReadContext): ReadResult;
  /**
   * Optional, for large documents (ingest uses it above a size): the same rows as `read`, handed out in
   * document order in pieces as they are read, then the same messages, meta and totals, without holding the
   * document or all its rows. It may go through `doc.lines()` more than once. A reader without it is given
   * every document whole.
   */
  readLines?(doc: DocumentLines, ctx: ReadContext): Generator<RawRow[], StreamedResult, void>;
}

/** A normalized row: what the registry stores as a claim. */
export interface Claim {
  line: number;
  section: string | null;
  cnPlace: string | null;
  cnPlaceZhHans: string | null;
  cnLink: string | null;
  /** RawRow.cnCoordinates, when the document gives them. */
  cnLat?: number | null;
  cnLon?: number | null;
  foreignPlace: string | null;
  foreignPlaceZhHans: string | null;
  foreignPlaceEn: string | null;
  foreignLink: string | null;
  foreignQualifier: string | null;
  country: string | null;
  countryIso2: string | null;
  date: string | null;
  dateIso: string | null;
  datePrecision: DatePrecision;
  kind: Kind;
  marker: string | null;
  status: ClaimStatus;
  note: string | null;
  facts: Record<string, string> | null;
}
