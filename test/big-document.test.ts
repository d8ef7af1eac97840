// Large documents read line by line (src/ingest/large.ts, Reader.readLines): the same registry as the
// document read whole, and still all or nothing. The documents here are a few MB; ingest's `streamBytes` is
// lowered so that they take the line-by-line path. (Memory figures are bench/big-ingest.ts's, not a test's.)
import { describe, it, expect, afterEach, vi } from 'vitest';
import { writeFileSync, appendFileSync, statSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../src/paths.js';
import { assertBuilt } from '../bench/crash.js';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestFile, type DocumentReport } from '../src/ingest/ingest.js';
import { delimitedReader } from '../src/readers/delimited.js';
import type { RawRow, StreamedResult } from '../src/model.js';
import { tempDir } from './registry-helpers.js';

const STREAM = 256 * 1024;
const WHOLE = Number.POSITIVE_INFINITY;

const PLACES: Array<[string, string]> = [
  ['奈良市', '日本'],
  ['热那亚', '意大利'],
  ['奥克兰', '新西兰'],
  ['釜山广域市', '韩国'],
  ['休斯敦', '美国'],
];

/**
 * A pipe-table list of `n` rows under several headings, with the owner named only in a heading *after* the
 * first rows, a declared total, a note, and rows that give messages at known lines: an unknown country
 * every 997th row, a row with a missing cell every 1499th, a bad date every 2003rd. Returns the text and,
 * for each row, its line.
 */
function pipeList(n: number, eol = '\n'): { text: string; lines: number[]; unknownCountry: number[]; shortRow: number[]; badDate: number[] } {
  const out = ['(截止2023年5月,我市已与99个国家的' + n + '个城市建立了友好城市关系)', '序号 | 城市 | 国家 | 结好签字时间 |'];
  const lines: number[] = [];
  const unknownCountry: number[] = [];
  const shortRow: number[] = [];
  const badDate: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 1200) out.push('西安市国际友好城市一览');
    if (i > 0 && i % 5000 === 0) out.push(`第${i / 5000}部分`);
    if (i === 7000) out.push('注：以下为合作城市');
    const [name, country] = PLACES[i % PLACES.length];
    const line = out.length + 1;
    lines.push(line);
    if (i % 997 === 500) {
      unknownCountry.push(line);
      out.push(`${i + 1} | ${name}${i} | 不存在国${i} | 1990年1月1日 |`);
    } else if (i % 1499 === 700) {
      shortRow.push(line);
      out.push(`${i + 1} | ${name}${i}`);
    } else if (i % 2003 === 900) {
      badDate.push(line);
      out.push(`${i + 1} | ${name}${i} | ${country} | 某年某月 |`);
    } else out.push(`${i + 1} | ${name}${i} | ${country} | ${1973 + (i % 50)}年${1 + (i % 12)}月${1 + (i % 28)}日 |`);
  }
  return { text: out.join(eol) + eol, lines, unknownCountry, shortRow, badDate };
}

/** A CSV list whose quoted cells carry records over lines (and one quote that never closes). */
function csvList(n: number): string {
  const out = ['城市,国家,结好时间,备注'];
  for (let i = 0; i < n; i++) {
    if (i % 211 === 5) out.push(`"城${i}\n续",日本,1990年,"注\n${i}"`);
    else if (i === n - 3) out.push(`"坏${i},美国,1991`);
    else out.push(`城${i},德国,${1910 + (i % 90)}年,`);
  }
  return out.join('\n') + '\n';
}

/** Everything the registry holds about its documents, without ids and times. */
function stored(db: DB) {
  return {
    sources: db
      .prepare(
        `SELECT source_key, version, file_name, sha256, bytes, format, owner, owner_zh_hans, title, publisher, published_at, url,
           as_of, rows_read, rows_doubtful, rows_skipped FROM sources ORDER BY id`,
      )
      .all(),
    claims: db
      .prepare(
        `SELECT line, section, cn_place, cn_place_zh_hans, cn_link, foreign_place, foreign_place_zh_hans, foreign_place_en,
           foreign_link, foreign_qualifier, country, country_iso2, date_text, date, date_precision, kind, marker, status, note, facts
         FROM claims ORDER BY id`,
      )
      .all(),
    totals: db.prepare('SELECT section, line, countries, places, text FROM declared_totals ORDER BY id').all(),
    messages: db.prepare('SELECT line, severity, reason FROM messages ORDER BY id').all(),
  };
}

/**
 * Wraps the delimited reader's readLines so that `during` runs once `pieces` pieces of rows have been handed
 * out (the claims are being spooled then).
 */
function afterPieces(pieces: number, during: () => void) {
  const real = delimitedReader.readLines!;
  vi.spyOn(delimitedReader, 'readLines').mockImplementation(function* (doc, ctx): Generator<RawRow[], StreamedResult, void> {
    const g = real(doc, ctx);
    let n = 0;
    for (;;) {
      const r = g.next();
      if (r.done) return r.value;
      yield r.value;
      if (++n === pieces) during();
    }
  });
}

const dbs: DB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

function registry(dir: string, name: string): DB {
  const db = openRegistry(join(dir, name));
  dbs.push(db);
  return db;
}

/** Ingests `file` into two new registries, line by line and whole; checks which path each took. */
function both(dir: string, file: string, opts: { owner?: string } = {}) {
  const readLines = vi.spyOn(delimitedReader, 'readLines');
  const read = vi.spyOn(delimitedReader, 'read');
  const streamDb = registry(dir, 'stream.db');
  const streamed = ingestFile(streamDb, file, { ...opts, streamBytes: STREAM });
  const streamCalls = { readLines: readLines.mock.calls.length, read: read.mock.calls.length };
  const wholeDb = registry(dir, 'whole.db');
  const whole = ingestFile(wholeDb, file, { ...opts, streamBytes: WHOLE });
  const wholeCalls = { readLines: readLines.mock.calls.length - streamCalls.readLines, read: read.mock.calls.length - streamCalls.read };
  return { streamDb, streamed, streamCalls, wholeDb, whole, wholeCalls };
}

describe('a large delimited document, read line by line', () => {
  it('stores every row, and exactly what reading it whole stores: claims, source, totals, messages, report', () => {
    const dir = tempDir();
    const file = join(dir, 'list.txt');
    const doc = pipeList(40_000);
    writeFileSync(file, doc.text);
    expect(statSync(file).size).toBeGreaterThan(4 * STREAM);
    const { streamDb, streamed, streamCalls, wholeDb, whole, wholeCalls } = both(dir, file);

    // Each took its own path: line by line never holds the text (read() is not called), whole never streams.
    expect(streamCalls).toEqual({ readLines: 1, read: 0 });
    expect(wholeCalls).toEqual({ readLines: 0, read: 1 });

    // Every row is there, at its line; the short rows are kept with what they have.
    expect(streamed.status).toBe('added');
    expect(streamed.rows).toBe(40_000);
    const lines = (streamDb.prepare('SELECT line FROM claims ORDER BY id').pluck().all() as number[]);
    expect(lines).toEqual(doc.lines);

    // The owner is named by a heading below the first 1200 rows: every row has it all the same.
    expect(streamed.owner).toBe('西安市');
    expect(streamDb.prepare('SELECT COUNT(*) FROM claims WHERE cn_place = ? AND cn_place_zh_hans = ?').pluck().get('西安市', '西安市')).toBe(40_000);

    // The same registry and the same report as the document read whole.
    expect(stored(streamDb)).toEqual(stored(wholeDb));
    expect(streamed).toEqual(whole);
  });

  it('gives each message its line: unknown countries, short rows, bad dates, the note, the declared total', () => {
    const dir = tempDir();
    const file = join(dir, 'list.txt');
    const doc = pipeList(30_000, '\r\n');
    writeFileSync(file, doc.text);
    const { streamed, streamCalls } = both(dir, file);
    expect(streamCalls.readLines).toBe(1);
    const at = (reason: RegExp) => streamed.messages.filter((m) => reason.test(m.reason)).map((m) => m.line);
    expect(doc.unknownCountry.length).toBeGreaterThan(20);
    expect(at(/^unknown country "不存在国/)).toEqual(doc.unknownCountry);
    expect(at(/^row has 2 cells, the header has 4/)).toEqual(doc.shortRow);
    expect(doc.badDate.length).toBeGreaterThan(10);
    // A bad date's message names its line (whatever the date parser calls it).
    for (const line of doc.badDate) expect(streamed.messages.some((m) => m.line === line && m.reason.includes('某年某月'))).toBe(true);
    // `注：…` at the line it stands on (line 7000 + the headings above it).
    const noteLine = 2 + 7000 + 1 /* 西安市… */ + 1 /* 第1部分 */ + 1;
    expect(streamed.messages.find((m) => m.reason.startsWith('note, not a row'))?.line).toBe(noteLine);
    expect(streamed.messages.map((m) => m.line)).toEqual([...streamed.messages.map((m) => m.line)].sort((a, b) => a - b));
  });

  it('a CSV whose quotes carry records over lines reads as it does whole (line numbers past the reading window)', () => {
    const dir = tempDir();
    const file = join(dir, 'list.csv');
    writeFileSync(file, csvList(20_000));
    const { streamDb, streamed, streamCalls, wholeDb, whole } = both(dir, file, { owner: '大连市' });
    expect(streamCalls.readLines).toBe(1);
    expect(streamed.rows).toBe(20_000);
    expect(streamed.messages.some((m) => m.reason.startsWith('unclosed quote'))).toBe(true);
    // The last multi-line record's line, far past the tokenizer's window of lines.
    const last = streamDb.prepare(`SELECT line FROM claims WHERE foreign_place LIKE '城% 续' ORDER BY line DESC LIMIT 1`).pluck().get() as number;
    expect(last).toBeGreaterThan(10_000);
    expect(stored(streamDb)).toEqual(stored(wholeDb));
    expect(streamed).toEqual(whole);
  });

  it('reports how far each reading of the file is: the check, then the reader’s two readings, each to the file’s size', () => {
    const dir = tempDir();
    const file = join(dir, 'list.txt');
    writeFileSync(file, pipeList(60_000).text);
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(2 * 1024 * 1024);
    const seen: Array<[number, number, number]> = [];
    const r = ingestFile(registry(dir, 'r.db'), file, { streamBytes: STREAM, onReadProgress: (pass, bytes, total) => seen.push([pass, bytes, total]) });
    expect(r.status).toBe('added');
    expect([...new Set(seen.map(([pass]) => pass))]).toEqual([1, 2, 3]);
    for (const pass of [1, 2, 3]) {
      const bytes = seen.filter(([p]) => p === pass).map(([, b]) => b);
      expect(bytes.length).toBe(Math.ceil(size / (1024 * 1024))); // a report per MiB read
      expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
      expect(bytes.at(-1)).toBe(size);
    }
    expect(new Set(seen.map(([, , total]) => total))).toEqual(new Set([size]));
  });

  it('the same file again is unchanged, with the same report as the first time', () => {
    const dir = tempDir();
    const file = join(dir, 'list.txt');
    writeFileSync(file, pipeList(10_000).text);
    const db = registry(dir, 'r.db');
    const first = ingestFile(db, file, { streamBytes: STREAM });
    const again = ingestFile(db, file, { streamBytes: STREAM });
    expect(first.status).toBe('added');
    expect(again).toEqual({ ...first, status: 'unchanged' });
    expect(db.prepare('SELECT COUNT(*) FROM claims').pluck().get()).toBe(10_000);
  });

  it('a document that is not UTF-8 (GB18030) is read whole, as before', () => {
    const dir = tempDir();
    const file = join(dir, 'gbk.txt');
    // GB18030 bytes for the pipe list: encode by hand through a reverse table of the decoder.
    const text = pipeList(8_000).text;
    writeFileSync(file, encodeGb18030(text));
    const readLines = vi.spyOn(delimitedReader, 'readLines');
    const db = registry(dir, 'r.db');
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(readLines).not.toHaveBeenCalled();
    expect(r.status).toBe('added');
    expect(r.rows).toBe(8_000);
    expect(r.messages[0]).toMatchObject({ line: 0, reason: 'the file is not UTF-8; it was read as GB18030 (GBK)' });
  });
});

describe('a large document that fails half-way leaves nothing', () => {
  /** A registry holding one document already, and a large one to ingest after it. */
  function setUp() {
    const dir = tempDir();
    const db = registry(dir, 'r.db');
    const small = join(dir, 'small.txt');
    writeFileSync(small, pipeList(50).text);
    expect(ingestFile(db, small, { owner: '大连市' }).status).toBe('added');
    const file = join(dir, 'big.txt');
    writeFileSync(file, pipeList(30_000).text);
    const before = stored(db);
    return { dir, db, file, before };
  }


  const nothingOf = (db: DB, report: DocumentReport, before: ReturnType<typeof stored>) => {
    expect(report.status).toBe('refused');
    expect(stored(db)).toEqual(before);
    expect(db.prepare(`SELECT COUNT(*) FROM sources WHERE file_name = 'big.txt'`).pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  };

  it('the reader failing after thousands of rows were stored: refused, rolled back, the registry as before', () => {
    const { db, file, before } = setUp();
    afterPieces(5, () => {
      throw new Error('disk on fire');
    });
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(r.messages).toEqual([{ file: 'big.txt', line: 0, severity: 'error', reason: 'the delimited reader failed: disk on fire' }]);
    nothingOf(db, r, before);
    // The lock is let go and the next ingest of the same file goes through whole.
    vi.restoreAllMocks();
    const again = ingestFile(db, file, { streamBytes: STREAM });
    expect(again.status).toBe('added');
    expect(again.rows).toBe(30_000);
  });

  it('the file changing while it is read: refused, nothing of it stored', () => {
    const { db, file, before } = setUp();
    afterPieces(3, () => appendFileSync(file, '99999 | 新城 | 日本 | 2001年 |\n'));
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(r.messages.map((m) => m.reason)).toEqual(['the file changed while it was read: nothing of it was stored']);
    nothingOf(db, r, before);
  });
});

describe('the write lock is held only to copy the claims in, not while the document is read', () => {

  it('while a large document is spooled, another connection takes the write lock at once (busy_timeout 0) and its ingest lands', () => {
    const dir = tempDir();
    const path = join(dir, 'r.db');
    const db = registry(dir, 'r.db');
    const file = join(dir, 'big.txt');
    const doc = pipeList(30_000);
    writeFileSync(file, doc.text);
    const small = join(dir, 'small.txt');
    writeFileSync(small, pipeList(50).text);
    // Another process's connection, as an ingest or an edit through the API would hold it, but with no
    // patience at all: any write lock held by the large ingest makes it fail with SQLITE_BUSY.
    const other = openRegistry(path);
    dbs.push(other);
    other.pragma('busy_timeout = 0');
    let seen: { batchOpen: boolean; spooled: number; tempStore: unknown; inRegistry: unknown[]; smallStatus?: string } | null = null;
    afterPieces(4, () => {
      // (a batch of the spool is being written: the ingesting connection is inside a transaction on its temp store)
      const batchOpen = db.inTransaction;
      // Taken and let go: the registry is not locked while the document is read …
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
      // … so a whole ingest (its own IMMEDIATE transaction) goes through in the meantime.
      const r = ingestFile(other, small, { owner: '大连市' });
      seen = {
        batchOpen,
        // the rows read so far are in the spool — the ingesting connection's temp store, on disk (FILE) …
        spooled: db.prepare(`SELECT COUNT(*) FROM sqlite_temp_master WHERE name LIKE 'claim_spool_%'`).pluck().get() as number,
        tempStore: db.pragma('temp_store', { simple: true }),
        // … and nothing of them in the registry file
        inRegistry: other.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%spool%'`).pluck().all(),
        smallStatus: r.status,
      };
      expect(other.prepare(`SELECT COUNT(*) FROM sources WHERE file_name = 'big.txt'`).pluck().get()).toBe(0);
    });
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(seen).toEqual({ batchOpen: true, spooled: 1, tempStore: 1, inRegistry: [], smallStatus: 'added' });
    // Both documents are there, whole; the large one after the small one, every row at its line.
    expect(r.status).toBe('added');
    expect(r.rows).toBe(30_000);
    const sources = db.prepare('SELECT file_name, rows_read, (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id) AS claims FROM sources s ORDER BY id').all();
    expect(sources).toEqual([
      { file_name: 'small.txt', rows_read: 50, claims: 50 },
      { file_name: 'big.txt', rows_read: 30_000, claims: 30_000 },
    ]);
    const bigId = db.prepare(`SELECT id FROM sources WHERE file_name = 'big.txt'`).pluck().get();
    expect(db.prepare('SELECT line FROM claims WHERE source_id = ? ORDER BY id').pluck().all(bigId)).toEqual(doc.lines);
    // The spool is gone with the ingest, and the connection's temp_store is what it was.
    expect(db.prepare('SELECT COUNT(*) FROM sqlite_temp_master').pluck().get()).toBe(0);
    expect(db.pragma('temp_store', { simple: true })).toBe(0);
  });

  it('the write lock is taken only to copy the claims in: no piece of the document is read while it is held', () => {
    // A step count, not a stopwatch (bench/timing.ts measures the share of the time the lock is held): every
    // piece the reader yields is read and normalized with no write transaction open on this connection.
    const dir = tempDir();
    const db = registry(dir, 'r.db');
    const file = join(dir, 'big.txt');
    writeFileSync(file, pipeList(40_000).text);
    // The document's write transactions (db.transaction: BEGIN IMMEDIATE … COMMIT), as the old timing of them
    // did; the spool's batches (BEGIN on the temp store only) are not among them.
    let writing = 0;
    let transactions = 0;
    const realTransaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((fn: (...a: unknown[]) => unknown) =>
      realTransaction((...a: unknown[]) => {
        writing++;
        transactions++;
        try {
          return fn(...a);
        } finally {
          writing--;
        }
      })) as typeof db.transaction);
    let inside = 0; // steps of the reader taken inside one
    let rowsOutside = 0;
    const real = delimitedReader.readLines!;
    vi.spyOn(delimitedReader, 'readLines').mockImplementation(function* (doc, ctx): Generator<RawRow[], StreamedResult, void> {
      const g = real(doc, ctx);
      for (;;) {
        const r = g.next();
        if (writing) inside++;
        if (r.done) return r.value;
        if (!writing) rowsOutside += r.value.length;
        yield r.value;
      }
    });
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(r.status).toBe('added');
    expect(r.rows).toBe(40_000);
    expect(transactions).toBeGreaterThan(0); // the copy took the lock …
    expect(rowsOutside).toBe(40_000); // … after every row was read and normalized without it
    expect(inside).toBe(0);
  });

  it('a reader failing while the claims are spooled: refused, the registry as before, no spool left, the lock never taken', () => {
    const dir = tempDir();
    const db = registry(dir, 'r.db');
    const file = join(dir, 'big.txt');
    writeFileSync(file, pipeList(20_000).text);
    const before = stored(db);
    const immediate = vi.spyOn(db, 'transaction');
    afterPieces(3, () => {
      throw new Error('disk on fire');
    });
    const r = ingestFile(db, file, { streamBytes: STREAM });
    expect(r.status).toBe('refused');
    expect(immediate).not.toHaveBeenCalled();
    expect(stored(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) FROM sqlite_temp_master').pluck().get()).toBe(0);
    expect(db.inTransaction).toBe(false);
  });
});

describe('a large ingest killed while it spools its claims', () => {
  it('SIGKILL in the spool: the registry opens, integrity ok, nothing of the document nor of the spool in it, no temp file left; the ingest then completes', async () => {
    assertBuilt();
    const dir = tempDir();
    const path = join(dir, 'r.db');
    const small = join(dir, 'small.txt');
    writeFileSync(small, pipeList(50).text);
    const first = openRegistry(path);
    expect(ingestFile(first, small, { owner: '大连市' }).status).toBe('added');
    const before = stored(first);
    first.close();
    const file = join(dir, 'big.txt');
    writeFileSync(file, pipeList(30_000).text);
    const spoolDir = join(dir, 'sqlite-tmp');
    mkdirSync(spoolDir);
    // The built program in a child: once the reader has handed out a few pieces of rows (the claims are in
    // the spool then, and the spool's temp file is made), it says so and waits to be killed.
    const dist = (p: string) => JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'dist', p)).href);
    const code = `
      const fs = await import('node:fs');
      const { openRegistry } = await import(${dist('src/registry/db.js')});
      const { ingestFile } = await import(${dist('src/ingest/ingest.js')});
      const { delimitedReader } = await import(${dist('src/readers/delimited.js')});
      const real = delimitedReader.readLines;
      delimitedReader.readLines = function* (doc, ctx) {
        const g = real.call(delimitedReader, doc, ctx);
        let n = 0;
        for (;;) {
          const r = g.next();
          if (r.done) return r.value;
          yield r.value;
          // a small cache for the temp store: the spool goes to its file at once
          if (++n === 1) db.pragma('temp.cache_size = 8');
          if (n === 6) {
            const spool = db.prepare("SELECT COUNT(*) FROM sqlite_temp_master WHERE name LIKE 'claim_spool_%'").pluck().get();
            // the spool's temp file: open, in SQLITE_TMPDIR, already unlinked
            const files = fs.readdirSync('/proc/self/fd').map((fd) => { try { return fs.readlinkSync('/proc/self/fd/' + fd); } catch { return ''; } });
            const tmp = files.filter((f) => f.startsWith(process.env.SQLITE_TMPDIR + '/') && f.endsWith(' (deleted)')).length;
            process.stdout.write('spooling ' + spool + ', temp files ' + tmp + '\\n');
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30000);
          }
        }
      };
      const db = openRegistry(process.argv[1]);
      ingestFile(db, process.argv[2], { streamBytes: ${STREAM} });
      process.stdout.write('done\\n');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, path, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SQLITE_TMPDIR: spoolDir },
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    const exit = new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, sig) => resolve([c, sig])));
    await Promise.race([
      exit,
      new Promise<void>((resolve) =>
        child.stdout.on('data', (b) => {
          out += b;
          if (out.includes('\n')) resolve();
        }),
      ),
    ]);
    expect(out, err).toBe('spooling 1, temp files 1\n');
    child.kill('SIGKILL');
    expect(await exit).toEqual([null, 'SIGKILL']);

    // SQLite unlinks a temp file as soon as it makes it: a kill leaves none.
    expect(readdirSync(spoolDir)).toEqual([]);
    const ro = new Database(path, { readonly: true, fileMustExist: true });
    expect(ro.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ro.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%spool%'`).all()).toEqual([]);
    ro.close();
    const db = registry(dir, 'r.db');
    expect(stored(db)).toEqual(before);
    const again = ingestFile(db, file, { streamBytes: STREAM });
    expect(again.status).toBe('added');
    expect(again.rows).toBe(30_000);
    expect(db.prepare(`SELECT COUNT(*) FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.file_name = 'big.txt'`).pluck().get()).toBe(30_000);
  }, 60_000);
});

/** GB18030 bytes of a text, from the decoder's own table (enough for the characters of pipeList). */
function encodeGb18030(text: string): Buffer {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.from([hi, lo]));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) bytes.push(c);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GB18030 two-byte code for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
