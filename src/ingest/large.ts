// A large document in bounded memory: read from its file line by line, its rows handed out by the reader in
// pieces (Reader.readLines), normalized and spooled as they come, then stored in the document's one IMMEDIATE
// transaction — the document is still stored whole or not at all. The file is never held whole, nor its
// text, nor its rows: only the reader's messages, totals and whatever one piece needs.
//
// Used by ingestFile for UTF-8 documents above IngestOptions.streamBytes whose reader has readLines; every
// other document (smaller, UTF-16, GB18030, not valid UTF-8, a reader without readLines) is read whole by
// ingestFile as before. The result is the one ingestFile would give for the same file — the same claims,
// messages (with their lines), totals, counts and report — with two differences, both for documents over
// the size only: the reader is detected from the document's first HEAD_CHARS characters (not the whole
// text), and the claims are spooled as they are read into a temporary table of the connection (on disk, in
// its temp store, never in the registry file; registry/documents.ts ClaimSpool) with no lock on the
// registry, then copied in with one INSERT … SELECT inside the document's write transaction — the write lock
// is held about as long as for a document read whole (the copy, not the reading).
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { DB } from '../registry/db.js';
import { ClaimSpool, findSameDocument, storeDocumentAtomically, type SourceRow } from '../registry/documents.js';
import { noRowsReason, shrunkReason } from './ingest.js';
import { boundReason } from '../normalize/quote.js';
import type { Claim, DocumentLines, Message, RawRow, Reader, StreamedResult } from '../model.js';
import { normalizeRow } from '../normalize/claim.js';
import { toSimplified } from '../normalize/script.js';
import { parseDate } from '../normalize/date.js';
import { append } from '../append.js';
import { SNIFF_BYTES, sniff, stripBom } from './decode.js';
import type { ManifestEntry } from './manifest.js';

/** Documents larger than this (bytes) are read line by line when their reader can (IngestOptions.streamBytes). */
export const DEFAULT_STREAM_BYTES = 16 * 1024 * 1024;
/** How much of a large document the readers' detect() are shown. */
export const HEAD_CHARS = 1024 * 1024;
const CHUNK = 1024 * 1024;
const LINE_BREAK = /\r\n|\r|\n/;

/** The file's bytes changed between two readings (or grew past the limit): nothing of it is stored. */
export class FileChangedError extends Error {}
/** A reader threw (which a reader must not do): the document is refused whole, as ingestFile refuses it. */
class ReaderError extends Error {}

/**
 * The decoded text of the file as it is read, a chunk at a time (UTF-8, a leading BOM dropped as
 * decodeDocument drops it: the decoder's and stripBom's), and at the end the SHA-256 of its bytes. Throws
 * a TypeError on bytes that are not UTF-8 and FileChangedError past `max` bytes.
 */
function* decodedChunks(path: string, max: number, onBytes?: (bytes: number) => void): Generator<string, { sha256: string; bytes: number }, void> {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = Buffer.allocUnsafe(CHUNK);
    let bytes = 0;
    let started = false;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      if (bytes > max) throw new FileChangedError(`the file grew past the limit of ${max} bytes while it was read (--max-bytes)`);
      hash.update(buf.subarray(0, n));
      onBytes?.(bytes);
      let text = decoder.decode(buf.subarray(0, n), { stream: true });
      if (!started && text !== '') {
        text = stripBom(text);
        started = true;
      }
      if (text !== '') yield text;
    }
    let rest = decoder.decode();
    if (!started) rest = stripBom(rest);
    if (rest !== '') yield rest;
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    closeSync(fd);
  }
}

/** What one first reading of a file tells: null when it is not UTF-8 text (then ingestFile reads it whole). */
interface Scan {
  sha256: string;
  bytes: number;
  chars: number;
  blank: boolean;
  head: string;
}

function scan(path: string, max: number, onBytes?: (bytes: number) => void): Scan | null {
  // The first bytes, as decodeDocument judges them: binary and UTF-16 are left to it.
  const fd = openSync(path, 'r');
  let sample: Buffer;
  try {
    const b = Buffer.alloc(SNIFF_BYTES);
    sample = b.subarray(0, readSync(fd, b, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
  if (sample.length === 0 || sniff(sample) !== 'bytes') return null;
  let chars = 0;
  let blank = true;
  let head = '';
  const it = decodedChunks(path, max, onBytes);
  try {
    for (;;) {
      const r = it.next();
      if (r.done) {
        // Whole lines only, when there are more.
        const cut = head.length === HEAD_CHARS ? Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r')) : -1;
        return { ...r.value, chars, blank, head: cut > 0 ? head.slice(0, cut) : head };
      }
      chars += r.value.length;
      if (blank && /\S/.test(r.value)) blank = false;
      if (head.length < HEAD_CHARS) head += r.value.slice(0, HEAD_CHARS - head.length);
    }
  } catch (e) {
    if (e instanceof TypeError) return null; // not UTF-8: decodeDocument tries GB18030
    throw e;
  }
}

/** The file's text, line by line, read again on each call; a reading that does not find the scanned bytes throws. */
class FileLines implements DocumentLines {
  /** Readings of the file so far (the scan was the first). */
  private pass = 1;

  constructor(
    private readonly path: string,
    private readonly expected: Scan,
    private readonly max: number,
    private readonly progress?: ReadProgress,
  ) {}

  get chars(): number {
    return this.expected.chars;
  }

  *lines(): Generator<string, void, void> {
    const pass = ++this.pass;
    const report = this.progress;
    const it = decodedChunks(this.path, this.max, report && ((bytes) => report(pass, bytes, this.expected.bytes)));
    let carry = '';
    let r: IteratorResult<string, { sha256: string; bytes: number }>;
    try {
      r = it.next();
    } catch (e) {
      throw changed(e);
    }
    while (!r.done) {
      const text = r.value;
      if (!carry.endsWith('\r') && text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
        carry += text; // inside one long line: nothing to split
      } else {
        let body = carry + text;
        // A CR at the end may be the first half of a CRLF: keep it with the last line for now.
        const cr = body.endsWith('\r');
        if (cr) body = body.slice(0, -1);
        const parts = body.split(LINE_BREAK);
        carry = parts.pop()! + (cr ? '\r' : '');
        yield* parts;
      }
      try {
        r = it.next();
      } catch (e) {
        throw changed(e);
      }
    }
    if (r.value.sha256 !== this.expected.sha256) throw new FileChangedError('the file changed while it was read: nothing of it was stored');
    yield* carry.split(LINE_BREAK);
  }
}

const changed = (e: unknown): Error =>
  e instanceof TypeError ? new FileChangedError('the file changed while it was read (it is no longer UTF-8): nothing of it was stored') : (e as Error);

export interface LargeContext {
  file: string;
  path: string;
  maxBytes: number;
  owner?: string;
  asOf?: string;
  entry: ManifestEntry | null;
  /** Picks the reader as ingestFile does, from the given text; a string is the reason to refuse. */
  pickReader: (text: string) => Reader | string;
  /** The format was named: the same bytes read with another format than the stored one are a new version. */
  formatNamed?: boolean;
  /** Store a version with fewer than half the rows of the one before (see IngestOptions.acceptShrink). */
  acceptShrink?: boolean;
  progress?: ReadProgress;
}

/**
 * How far the reading of a large document is: a reading of the file (`pass`: 1 checks it and takes its hash,
 * then the reader reads it once or more) and the bytes read of it so far, a call per MiB.
 */
export type ReadProgress = (pass: number, bytes: number, total: number) => void;

export type LargeOutcome =
  | { refuse: string; code?: string; format?: string }
  | {
      status: 'added' | 'unchanged';
      source: SourceRow;
      reader: Reader;
      owner: string | null;
      rows: number;
      doubtful: number;
      messages: Message[];
    }
  /** Not for this path: ingestFile reads the document whole; `why` names what it is (for messages). */
  | { whole: string };

/**
 * Reads and stores a large document; `whole` when it is not one this path reads (see above). The caller makes
 * the report, as for a document read whole.
 */
export function ingestLarge(db: DB, ctx: LargeContext): LargeOutcome {
  let first: Scan | null;
  try {
    const report = ctx.progress;
    const total = statSync(ctx.path).size;
    first = scan(ctx.path, ctx.maxBytes, report && ((bytes) => report(1, bytes, total)));
  } catch (e) {
    if (e instanceof FileChangedError) return { refuse: e.message };
    throw e;
  }
  if (!first) return { whole: 'a document that is not UTF-8' };
  if (first.blank) return { refuse: 'the file holds only blank space: there is nothing to read' };
  const picked = ctx.pickReader(first.head);
  if (typeof picked === 'string') return { refuse: picked };
  const reader = picked;
  if (!reader.readLines) return { whole: `a ${reader.name} document` };
  const readLines = reader.readLines.bind(reader);
  const doc = new FileLines(ctx.path, first, ctx.maxBytes, ctx.progress);
  const entry = ctx.entry;
  const sourceKey = entry?.key ?? ctx.file;
  // The owner the rows stand for, when one is given; else the document's own, known only at its end:
  // the rows are spooled without one (as normalizeRow leaves them) and given it when they are copied.
  const givenOwner = ctx.owner ?? entry?.owner ?? null;

  const gen = readLines(doc, { fileName: ctx.file });
  const step = (): IteratorResult<RawRow[], StreamedResult> => {
    try {
      return gen.next();
    } catch (e) {
      throw e instanceof FileChangedError ? e : new ReaderError(`the ${reader.name} reader failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };

  /** Reads the whole document, handing each claim to `keep`; what the document says at its end. */
  const readAll = (keep: ((c: Claim) => void) | null) => {
    let rows = 0;
    let doubtful = 0;
    let ownerless = false;
    const rowMessages: Message[] = [];
    let end: StreamedResult;
    for (;;) {
      const r = step();
      if (r.done) {
        end = r.value;
        break;
      }
      for (const row of r.value) {
        if (row.cnPlace == null) ownerless = true;
        const n = normalizeRow(row, givenOwner);
        rows++;
        if (n.claim.status === 'doubtful') doubtful++;
        append(rowMessages, n.messages);
        keep?.(n.claim);
      }
    }
    // As ingestFile: the reader's messages, then the owner's, then each row's, in line order.
    const owner = givenOwner ?? end.meta.owner ?? null;
    const messages: Message[] = [];
    append(messages, end.messages);
    if (!owner && ownerless) {
      messages.push({
        line: 0,
        severity: 'warning',
        reason:
          'the document does not name whose list it is: its rows are kept with an unnamed owner; give one with --owner PLACE or in a manifest',
      });
    }
    append(messages, rowMessages);
    messages.sort((a, b) => a.line - b.line);
    for (let i = 0; i < messages.length; i++) if (messages[i].reason.length > 200) messages[i] = { ...messages[i], reason: boundReason(messages[i].reason) };
    return { end, owner, rows, doubtful, messages };
  };

  let spool: ClaimSpool | null = null;
  try {
    // These bytes already stored: read them (for the report), store nothing, take no lock.
    const same = findSameDocument(db, sourceKey, first.sha256, ctx.formatNamed ? reader.name : null);
    if (same) {
      const got = readAll(null);
      return { status: 'unchanged', source: same, reader, owner: got.owner, rows: got.rows, doubtful: got.doubtful, messages: got.messages };
    }
    // Read, normalize and spool every claim with no lock on the registry (the spool is the connection's temp
    // store: see ClaimSpool) …
    const sp = (spool = new ClaimSpool(db));
    const got = readAll((c) => sp.add(c));
    sp.flush();
    if (got.rows === 0) return { refuse: noRowsReason(null, []), code: 'no-rows', format: reader.name };
    const asOfRaw = ctx.asOf ?? entry?.asOf ?? got.end.meta.asOf ?? null;
    // … then take the write lock only to store the source row, copy the claims in (one INSERT … SELECT),
    // its totals and messages, and commit. (storeDocument finds these bytes `unchanged` if another process
    // stored them meanwhile.)
    const stored = storeDocumentAtomically(db, {
        sourceKey,
        fileName: ctx.file,
        path: ctx.path,
        sha256: first.sha256,
        bytes: first.bytes,
        format: reader.name,
        owner: got.owner,
        ownerZhHans: got.owner ? toSimplified(got.owner) : null,
        title: entry?.title ?? got.end.meta.title ?? null,
        publisher: entry?.publisher ?? got.end.meta.publisher ?? null,
        publishedAt: entry?.publishedAt ?? got.end.meta.publishedAt ?? null,
        url: entry?.url ?? got.end.meta.url ?? null,
      type: entry?.type ?? null,
      licence: entry?.licence ?? null,
        asOf: asOfRaw ? (parseDate(asOfRaw).iso ?? asOfRaw) : null,
        claims: sp,
        totals: got.end.totals,
        messages: got.messages,
        formatNamed: ctx.formatNamed,
        acceptShrink: ctx.acceptShrink,
        });
    if (stored.status === 'shrunk') return { refuse: shrunkReason(ctx.file, stored.previous, stored.rows), code: 'shrunk', format: reader.name };
    return { ...stored, reader, owner: got.owner, rows: got.rows, doubtful: got.doubtful, messages: got.messages };
  } catch (e) {
    // Nothing of the document is stored (the spool is dropped below; a failed store is rolled back). (Anything
    // else — the registry's own errors — is thrown on, as ingestFile throws it.)
    if (e instanceof FileChangedError || e instanceof ReaderError) return { refuse: e.message };
    throw e;
  } finally {
    spool?.drop();
    // Stopped half-way (an error): let the reader and its reading of the file go (closing the file).
    try {
      gen.return({ messages: [], meta: {}, totals: [] });
    } catch {
      // it was already done, or failed on its way out: nothing more to close
    }
  }
}
