// `npm run bench:timing` (and part of `npm run bench`): the speed targets that used to be assertions in the
// test suite, where a loaded machine failed them. Each is a ratio against a baseline measured in the same run
// (best of several, in turn, so that a burst of load slows both alike); a ratio over its bound exits 1.
//
//   readers      16,000 generated rows against 2,000 (linear 8x, quadratic 64x; bound 24x)
//   long lines   2 MB in one line against 2 MB of ordinary lines (bound 10x) and against 0.5 MB in one line
//                (linear 4x, quadratic 16x; bound 8x), in every reader
//   html layout  a 5 MB page against a page a quarter of its size (linear 4x; bound 8x)
//   write lock   the share of a 40,000-row ingest spent inside its write transactions (bound 0.5)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delimitedDocument, markdownDocument, wikitextDocument } from './generate.js';
import { lineTimings } from './fuzz.js';
import { wikitextReader } from '../src/readers/wikitext.js';
import { markdownReader } from '../src/readers/markdown.js';
import { delimitedReader } from '../src/readers/delimited.js';
import { htmlLayout } from '../src/layout/html.js';
import { openRegistry } from '../src/registry/db.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import type { Reader } from '../src/model.js';

function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Best times of `a` and `b`, measured in turn `runs` times. */
function inTurn(runs: number, a: () => void, b: () => void): [number, number] {
  let ta = Infinity;
  let tb = Infinity;
  for (let i = 0; i < runs; i++) {
    ta = Math.min(ta, timed(a));
    tb = Math.min(tb, timed(b));
  }
  return [ta, tb];
}

let failures = 0;
function report(what: string, value: number, bound: number, detail: string): void {
  const bad = !(value < bound);
  if (bad) failures++;
  console.log(`  ${bad ? '✗' : '✓'} ${what.padEnd(44)} ${value.toFixed(2).padStart(6)} (bound ${bound})  ${detail}`);
}

console.log(`youcheng timing — node ${process.version}; ratios against a baseline of the same run`);

console.log('readers: 16,000 rows against 2,000 (best of 5, in turn)');
for (const [name, reader, generate] of [
  ['wikitext', wikitextReader, wikitextDocument],
  ['markdown', markdownReader, markdownDocument],
  ['delimited', delimitedReader, delimitedDocument],
] as Array<[string, Reader, (n: number) => string]>) {
  const small = generate(2_000);
  const large = generate(16_000);
  reader.read(small, { fileName: 'warm-up.txt' });
  const [tSmall, tLarge] = inTurn(5, () => reader.read(small, { fileName: 'small.txt' }), () => reader.read(large, { fileName: 'large.txt' }));
  report(`${name}`, tLarge / Math.max(tSmall, 1), 24, `${tLarge.toFixed(0)} ms vs ${tSmall.toFixed(0)} ms`);
}

console.log('long lines: 2 MB in one line against 2 MB of ordinary lines, and against 0.5 MB in one line (best of 3, in turn)');
for (const t of lineTimings(2_000_000, 3, ['[[', '<!--', '"'])) {
  const detail = `${t.longMs.toFixed(0)} ms vs ${t.normalMs.toFixed(0)} ms ordinary, ${t.quarterMs.toFixed(0)} ms a quarter`;
  report(`${t.reader} ${t.lines}: ordinary`, t.ratio, 10, detail);
  report(`${t.reader} ${t.lines}: a quarter`, t.growth, 8, '');
}

console.log('html layout: a 5 MB page against one of 1.25 MB (best of 3, in turn)');
{
  const src = readFileSync(join(PACKAGE_ROOT, 'test', 'fixtures', 'office', 'beijing-rowspan.html'), 'utf8');
  const body = src.slice(src.indexOf('<body>') + 6, src.indexOf('</body>'));
  const page = (bytes: number) => {
    const parts: string[] = [];
    for (let size = 0; size < bytes; size += Buffer.byteLength(body)) parts.push(body);
    return `<!DOCTYPE html><html><body>${parts.join('\n')}</body></html>`;
  };
  const big = page(5 * 1024 * 1024);
  const quarter = page(1.25 * 1024 * 1024);
  const [tQuarter, tBig] = inTurn(3, () => htmlLayout(quarter), () => htmlLayout(big));
  report('5 MB page', tBig / Math.max(tQuarter, 1), 8, `${tBig.toFixed(0)} ms vs ${tQuarter.toFixed(0)} ms`);
}

console.log('write lock: its share of a 40,000-row ingest read line by line');
{
  const dir = mkdtempSync(join(tmpdir(), 'youcheng-timing-'));
  const file = join(dir, 'big.txt');
  const lines = ['# 西安市友好城市', '序号 | 城市 | 国家 | 结好时间 |'];
  const places = [['奈良市', '日本'], ['热那亚', '意大利'], ['奥克兰', '新西兰'], ['釜山广域市', '韩国'], ['休斯敦', '美国']];
  for (let i = 1; i <= 40_000; i++) lines.push(`${i} | ${places[i % 5][0]}${i} | ${places[i % 5][1]} | ${1980 + (i % 40)}年 |`);
  writeFileSync(file, lines.join('\n') + '\n');
  const db = openRegistry(join(dir, 'r.db'));
  let locked = 0;
  const real = db.transaction.bind(db);
  (db as { transaction: unknown }).transaction = ((fn: (...a: unknown[]) => unknown) =>
    real((...a: unknown[]) => {
      const t = performance.now();
      try {
        return fn(...a);
      } finally {
        locked += performance.now() - t;
      }
    })) as typeof db.transaction;
  const total = timed(() => ingestFile(db, file, { streamBytes: 256 * 1024, owner: '西安市' }));
  db.close();
  rmSync(dir, { recursive: true, force: true });
  report('lock held / ingest', locked / total, 0.5, `${locked.toFixed(0)} ms of ${total.toFixed(0)} ms`);
}

console.log(`timing: ${failures} over their bounds`);
process.exitCode = failures ? 1 : 0;
