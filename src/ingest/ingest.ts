// One document in: decode, pick a reader, read, normalize, store — in one transaction.
import { createHash } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import { closeSync, openSync, readSync, statSync, readdirSync, existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve, dirname } from 'node:path';
import type { DB } from '../registry/db.js';
import { storeDocumentAtomically, findSameDocument, type SourceRow } from '../registry/documents.js';
import type { Claim, Message, ReadResult, Reader } from '../model.js';
import { chooseReader, readerByName, readers } from '../readers/index.js';
import { decodeDocument } from './decode.js';
import { normalizeRow } from '../normalize/claim.js';
import { toSimplified } from '../normalize/script.js';
import { parseDate } from '../normalize/date.js';
import { MANIFEST_NAME, manifestEntryFor, readManifest, type Manifest } from './manifest.js';
import { append } from '../append.js';
import { boundReason } from '../normalize/quote.js';
import { DEFAULT_STREAM_BYTES, ingestLarge, type ReadProgress } from './large.js';
import { placeQuestions, listsReader, readWithKit, textDocumentCountry } from '../readers/lists.js';
import { splitOwner } from '../assemble/context.js';
import { assemble, type Assembled, type Miss } from '../assemble/records.js';
import type { Layout } from '../layout/blocks.js';
import { NODES_FILE } from '../readers/network.js';

const LINKS_FILE = 'links.tsv';

export interface IngestOptions {
  owner?: string;
  asOf?: string;
  format?: string;
  manifest?: Manifest | null;
  /** Largest document accepted, in bytes. */
  maxBytes?: number;
  /**
   * Documents larger than this (bytes) are read line by line, in bounded memory, their claims spooled outside
   * the write lock and copied in at the end, when they are UTF-8 and their reader can (src/ingest/large.ts);
   * default DEFAULT_STREAM_BYTES.
   */
  streamBytes?: number;
  /**
   * Documents read whole (not UTF-8, or in a format read only whole: wikitext, Markdown…) larger than this
   * (bytes) are refused with a message, rather than run the process out of memory; default wholeBytesLimit().
   */
  wholeBytes?: number;
  /** How far the reading of a document read line by line is (see ReadProgress). */
  onReadProgress?: ReadProgress;
  /**
   * Store a version with fewer than half the rows of the one before (the list did shrink); without it, such a
   * version is refused (code 'shrunk'), as is one that reads to no row.
   */
  acceptShrink?: boolean;
  /** A document laid out beforehand (office files and PDFs are read asynchronously), with its bytes. */
  prepared?: { layout: Layout; bytes: Uint8Array };
}

export { DEFAULT_STREAM_BYTES };

/**
 * Reading a document whole needs a heap of up to about this many bytes per byte of document: measured with
 * generated documents and the heap capped, wikitext needs 4–7, Markdown 7–11 (docs/RELIABILITY.md); twice the
 * worst, for room.
 */
export const WHOLE_READ_FACTOR = 20;

/** The largest document read whole that fits this process's heap limit (the V8 limit over WHOLE_READ_FACTOR). */
export function wholeBytesLimit(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / WHOLE_READ_FACTOR);
}

const MiB = 1024 * 1024;
const sizeText = (bytes: number) => (bytes < MiB ? `${bytes} bytes` : `${(bytes / MiB).toFixed(1)} MiB`);

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export interface DocumentReport {
  file: string;
  path: string;
  status: 'added' | 'unchanged' | 'refused';
  format: string | null;
  version: number | null;
  owner: string | null;
  rows: number;
  doubtful: number;
  skipped: number;
  messages: Array<Message & { file: string }>;
}

/** Lists the documents under the given paths: files as given, folders walked in name order. */
export function collectDocuments(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) {
      out.push(abs); // reported as refused by ingestFile, with its reason
      continue;
    }
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (name.startsWith('.') || name === MANIFEST_NAME || /^(readme|licen[cs]e)/i.test(name)) continue;
        // A network's nodes table is read with its links, as their companion, not as a document of its own.
        if (name === NODES_FILE && existsSync(join(abs, LINKS_FILE))) continue;
        const child = join(abs, name);
        if (statSync(child).isDirectory()) out.push(...collectDocuments([child]));
        else out.push(child);
      }
    } else out.push(abs);
  }
  return out;
}

/** The manifest that describes a document: the one given, else a manifest.json beside it. */
export function manifestFor(path: string, given: Manifest | null | undefined, cache: Map<string, Manifest | null>): Manifest | null {
  if (given) return given;
  const dir = dirname(path);
  if (!cache.has(dir)) {
    const p = join(dir, MANIFEST_NAME);
    cache.set(dir, existsSync(p) ? readManifest(p) : null);
  }
  return cache.get(dir) ?? null;
}

/** The file's bytes (about `expected` of them), or null when it holds more than `max`. */
function readAtMost(path: string, expected: number, max: number): Buffer | null {
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.min(expected, max) + 1);
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (n > max) return null;
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, Math.max(buf.length * 2, 64 * 1024)));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    return n > max ? null : buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** A report with nothing read yet: refused until the document is stored. */
function blankReport(path: string): DocumentReport {
  return { file: basename(path), path, status: 'refused', format: null, version: null, owner: null, rows: 0, doubtful: 0, skipped: 0, messages: [] };
}

/** The report of a document refused before it was read (an office file that could not be laid out …). */
export function refusedReport(path: string, reason: string, code?: string): DocumentReport {
  const r = blankReport(path);
  r.messages.push({ file: r.file, line: 0, severity: 'error', reason, ...(code ? { code } : {}) });
  return r;
}

export function ingestFile(db: DB, path: string, opts: IngestOptions = {}): DocumentReport {
  const file = basename(path);
  const report = blankReport(path);
  const refuse = (reason: string, line = 0, code?: string): DocumentReport => {
    report.messages.unshift({ file, line, severity: 'error', reason: boundReason(reason), ...(code ? { code } : {}) });
    return report;
  };
  if (!existsSync(path)) return refuse('no such file or folder');
  const st = statSync(path);
  // A device, pipe or socket has no size to check: /dev/zero would be read until memory runs out, a FIFO waits forever.
  if (!st.isFile()) return refuse('not a regular file (a device, pipe or socket): only files are read');
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (st.size > maxBytes) return refuse(`the file is ${st.size} bytes, over the limit of ${maxBytes} bytes (--max-bytes)`);
  const entry = manifestEntryFor(opts.manifest ?? null, path);
  const formatName = opts.format ?? entry?.format;
  const acceptShrink = Boolean(opts.acceptShrink || entry?.acceptShrink);
  /** The reader for this text (detected unless a format is named), or the reason to refuse the document. */
  const pickReader = (text: string): Reader | string => {
    if (formatName) {
      const r = readerByName(formatName);
      return r ?? `unknown format "${formatName}"; known formats: ${readers.map((x) => x.name).join(', ')}`;
    }
    const choice = chooseReader(text, file);
    if (choice.reader) return choice.reader;
    return `unknown format: no reader recognizes this document (${choice.scores
      .map((s) => `${s.name} ${s.confidence.toFixed(2)}`)
      .join(', ')}); name one with --format`;
  };

  let readWhole = 'a document of this size';
  if (!opts.prepared && st.size > (opts.streamBytes ?? DEFAULT_STREAM_BYTES)) {
    const large = ingestLarge(db, {
      file,
      path,
      maxBytes,
      owner: opts.owner,
      asOf: opts.asOf,
      entry: entry ?? null,
      pickReader,
      formatNamed: Boolean(formatName),
      acceptShrink,
      progress: opts.onReadProgress,
    });
    if ('refuse' in large) {
      if (large.format) report.format = large.format;
      return refuse(large.refuse, 0, large.code);
    }
    if ('whole' in large) readWhole = large.whole;
    else {
      report.format = large.reader.name;
      report.owner = large.owner;
      report.status = large.status;
      report.version = large.source.version;
      report.rows = large.rows;
      report.doubtful = large.doubtful;
      report.skipped = large.messages.filter((m) => m.skipped).length;
      report.messages = large.messages.map((m) => ({ ...m, file }));
      return report;
    }
    // Not UTF-8, or a reader that reads documents only whole: read whole, below.
  }
  const wholeBytes = opts.wholeBytes ?? wholeBytesLimit();
  if (!opts.prepared && st.size > wholeBytes) {
    const heap = getHeapStatistics().heap_size_limit;
    const need = Math.ceil((st.size * WHOLE_READ_FACTOR) / MiB / 1024) * 1024;
    return refuse(
      `the file is ${sizeText(st.size)} and ${readWhole} is read whole, which takes up to ${WHOLE_READ_FACTOR} times its size ` +
        `in memory: more than this process may use (${(heap / MiB).toFixed(0)} MiB; documents read whole are taken up to ` +
        `${sizeText(wholeBytes)}). Split the document, or give the process more memory: ` +
        `NODE_OPTIONS=--max-old-space-size=${Math.max(need, 1024)}`,
    );
  }

  // Read no more than the limit even if the file grows meanwhile.
  const bytes = opts.prepared?.bytes ?? readAtMost(path, st.size, maxBytes);
  if (!bytes) return refuse(`the file grew past the limit of ${maxBytes} bytes while it was read (--max-bytes)`);
  const size = bytes.length;
  if (opts.prepared) return storeRead(readLayout(opts.prepared.layout, file, opts, entry), bytes, size);
  const decoded = decodeDocument(bytes);
  if (!decoded.ok) return refuse(decoded.reason);
  const text = decoded.text;
  if (text.trim() === '') return refuse('the file holds only blank space: there is nothing to read');

  return storeRead(readText(text, file, opts, entry, pickReader, decoded.note ?? null, path), bytes, size);

  function storeRead(read: DocumentRead, bytes: Uint8Array, size: number): DocumentReport {
    if ('refuse' in read) {
      report.format = read.format ?? null;
      report.messages.push(...read.messages.map((m) => ({ ...m, reason: boundReason(m.reason), file })));
      return refuse(read.refuse, 0, read.code);
    }
    const { reader, result, claims, owner, asOf } = read;
    // Whatever a reader quoted, a message stays a sentence (a cell can be megabytes).
    const messages = read.messages.map((m) => (m.reason.length > 200 ? { ...m, reason: boundReason(m.reason) } : m));
    report.format = reader;
    report.owner = owner;
    const sourceKey = entry?.key ?? file;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = storeDocumentAtomically(db, {
      sourceKey,
      fileName: file,
      path,
      sha256,
      bytes: size,
      format: reader,
      owner,
      ownerZhHans: owner ? toSimplified(owner) : null,
      title: entry?.title ?? result.meta.title ?? null,
      publisher: entry?.publisher ?? result.meta.publisher ?? null,
      publishedAt: entry?.publishedAt ?? result.meta.publishedAt ?? null,
      url: entry?.url ?? result.meta.url ?? null,
      type: entry?.type ?? null,
      licence: entry?.licence ?? null,
      asOf,
      claims,
      totals: result.totals,
      messages,
      formatNamed: Boolean(formatName),
      acceptShrink,
      });
    if (stored.status === 'shrunk') return refuse(shrunkReason(file, stored.previous, stored.rows), 0, 'shrunk');
    report.status = stored.status;
    report.version = stored.source.version;
    report.rows = claims.length;
    report.doubtful = claims.filter((c) => c.status === 'doubtful').length;
    report.skipped = messages.filter((m) => m.skipped).length;
    report.messages = messages.map((m) => ({ ...m, file }));
    return report;
  }
}

/** A document read and normalized, not yet stored; or why it is refused (with what was learnt on the way). */
export type DocumentRead =
  | { reader: string; result: ReadResult; claims: Claim[]; messages: Message[]; owner: string | null; asOf: string | null }
  | { refuse: string; code?: string; format?: string; messages: Message[] };

type Entry = ReturnType<typeof manifestEntryFor>;

/** Reads a decoded text: the table reader that knows its layout, else the general reader of the kit. */
export function readText(
  text: string,
  file: string,
  opts: IngestOptions,
  entry: Entry,
  pickReader: (text: string) => Reader | string,
  decodeNote: string | null,
  path?: string,
): DocumentRead {
  const companion = (name: string): string | null => {
    if (!path) return null;
    const p = join(dirname(path), name);
    return existsSync(p) && statSync(p).isFile() ? readFileSync(p, 'utf8') : null;
  };
  const named = opts.format ?? entry?.format;
  const picked = pickReader(text);
  if (typeof picked === 'string') return { refuse: picked, code: 'unknown-format', messages: [] };
  let reader = picked;
  let result: ReadResult;
  let kitMisses: Miss[] = [];
  let seen: Assembled['seen'] | null = null;
  try {
    if (reader === listsReader) {
      // The general reader: read once, keeping what it saw for the message of a document without rows.
      const kit = readWithKit(text, file, opts.owner ?? entry?.owner ?? null);
      kitMisses = kit.misses;
      seen = kit.seen;
      result = { rows: kit.rows, messages: kit.messages, meta: kit.meta, totals: kit.totals };
    } else result = reader.read(text, { fileName: file, companion });
  } catch (e) {
    // A reader must not throw; if one does, the document is refused whole rather than half-stored.
    return { refuse: `the ${reader.name} reader failed: ${(e as Error).message}`, code: 'reader-failed', format: reader.name, messages: [] };
  }
  // A table reader that found nothing hands the document to the general reader (unless a format was named).
  if (result.rows.length === 0 && !named && reader !== listsReader) {
    try {
      const kit = readWithKit(text, file, opts.owner ?? entry?.owner ?? null);
      kitMisses = kit.misses;
      seen = kit.seen;
      if (kit.rows.length > 0) {
        reader = listsReader;
        // The owner is the kit's to say: a table reader that read nothing guessed it from a header (`International Sister Cities`).
        result = { rows: kit.rows, messages: kit.messages, meta: { ...result.meta, owner: undefined, ...kit.meta }, totals: kit.totals.length ? kit.totals : result.totals };
      }
    } catch (e) {
      return { refuse: `the lists reader failed: ${(e as Error).message}`, code: 'reader-failed', format: 'lists', messages: [] };
    }
  }
  // A table read by a table reader whose rows name no country: the country the document is about, if it names one.
  if (reader !== listsReader && result.rows.some((r) => !r.country && !r.countryHint && r.foreignPlace)) {
    const c = textDocumentCountry(text, file);
    if (c) for (const r of result.rows) if (!r.country && !r.countryHint && r.foreignPlace) r.country = c;
  }
  const messages: Message[] = [];
  if (decodeNote) messages.push({ line: 0, severity: 'warning', reason: decodeNote });
  append(messages, result.messages);
  if (result.rows.length === 0) return { refuse: noRowsReason(seen, kitMisses), code: 'no-rows', format: reader.name, messages };
  return normalizeRead(reader.name, result, messages, opts, entry);
}

/** Reads a document already laid out (a spreadsheet, Word document, PDF or web page) through the record stage. */
export function readLayout(layout: Layout, file: string, opts: IngestOptions, entry: Entry): DocumentRead {
  const kit = assemble(layout, { owner: opts.owner ?? entry?.owner ?? null, places: placeQuestions });
  const messages: Message[] = [];
  append(messages, kit.messages);
  if (kit.rows.length === 0) return { refuse: noRowsReason(kit.seen, kit.misses), code: 'no-rows', format: layout.name, messages };
  void file;
  return normalizeRead(layout.name, { rows: kit.rows, messages: kit.messages, meta: kit.meta, totals: kit.totals }, messages, opts, entry);
}

function normalizeRead(reader: string, result: ReadResult, messages: Message[], opts: IngestOptions, entry: Entry): DocumentRead {
  // `--owner "Jeonbuk (KR)"`: the name; its country went to the record stage.
  const owner = splitOwner(opts.owner ?? entry?.owner)?.name ?? result.meta.owner ?? null;
  if (!owner && result.rows.some((r) => r.cnPlace == null)) {
    messages.push({
      line: 0,
      severity: 'warning',
      code: 'owner-unknown',
      reason:
        'the document does not name whose list it is: its rows are kept with an unnamed owner; give one with --owner PLACE or in a manifest',
    });
  }
  const asOfRaw = opts.asOf ?? entry?.asOf ?? result.meta.asOf ?? null;
  const asOf = asOfRaw ? (parseDate(asOfRaw).iso ?? asOfRaw) : null;
  const claims: Claim[] = [];
  for (const row of result.rows) {
    const n = normalizeRow(row, owner);
    claims.push(n.claim);
    append(messages, n.messages);
  }
  messages.sort((a, b) => a.line - b.line);
  return { reader, result, claims, messages, owner, asOf };
}

/** Why a version that lost more than half its rows is refused, and how to store it all the same. */
export function shrunkReason(file: string, previous: SourceRow, rows: number): string {
  return (
    `this version of ${file} has ${rows} rows where version ${previous.version} has ${previous.rows_read}: more than half of the list ` +
    `would be gone, and the ties only it lists would be no longer listed. If the list did shrink, ingest it with ` +
    `--accept-shrink (or "acceptShrink": true in its manifest entry)`
  );
}

/** Why a document gave no rows, with what the program saw in it and the blocks that came nearest. */
export function noRowsReason(seen: Assembled['seen'] | null, misses: Miss[]): string {
  let s = 'no rows: nothing in the document reads as a friendship-city tie';
  if (seen) {
    const parts = (Object.entries(seen) as Array<[string, number]>).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}${n === 1 ? '' : 's'}`);
    s += parts.length ? `. It holds ${parts.join(', ')}` : '. It holds no text the program could lay out';
  }
  if (misses.length) {
    s += `. Nearest misses: ${misses
      .slice(0, 5)
      .map((m) => `line ${m.line}, ${m.block}: ${m.why}`)
      .join('; ')}`;
  }
  return s;
}

export { findSameDocument, type SourceRow };
