// The reading kit against mutated real documents: bench/fuzz-kit.ts with ~300 text inputs and a few mutated
// office files, seed fixed so CI sees the same inputs every time (`npm run fuzz:kit` runs 100,000).
// No crash is allowed: no throw from readWithKit / readText / previewFile, no reader-failed refusal, no row
// outside the document's lines, and office files give a Layout or a LayoutRefusal. The only timing check is
// a generous bound against hangs.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFuzz } from '../bench/fuzz-kit.js';
import { readWithKit } from '../src/readers/lists.js';
import { PACKAGE_ROOT } from '../src/paths.js';

const SEED = Number(process.env.FUZZ_KIT_SEED ?? 1);
const HANG_MS = 10_000;

describe('fuzz: the reading kit on mutated real documents', () => {
  it(`300 text inputs and 10 each of xlsx/docx/pdf (seed ${SEED}): no crash, no hang`, async () => {
    const s = await runFuzz({ seed: SEED, textRuns: 300, officeRuns: 10 });
    const total = Object.values(s.inputs).reduce((a, b) => a + b, 0);
    expect(total).toBe(330);
    const crashes = s.crashes.map((o) => `${o.kind} #${o.i} (${o.how.slice(0, 200)}): ${o.problems.join('; ')}`);
    expect(crashes).toEqual([]);
    const hangs = s.slowest.filter((o) => o.ms > HANG_MS).map((o) => `${o.kind} #${o.i} ${o.ms.toFixed(0)} ms (${o.how.slice(0, 200)})`);
    expect(hangs).toEqual([]);
  }, 300_000);
});

// Reduced reproductions of inputs the 100,000-input runs stopped at the watchdog. Each read takes about a
// second; before its fix it took minutes (time grew with the square of the run), so only a hang fails here.
describe('fuzz: long runs of one character found by the full runs', () => {
  const WORLD = join(PACKAGE_ROOT, 'test', 'fixtures', 'world');
  const rowsOf = (text: string, name: string) => readWithKit(text, name).rows.map((r) => [r.line, r.cnPlace, r.foreignPlace, r.country, r.date]);

  it('300,000 tabs in a document whose line ends are U+2028 (seed 189156664 input 6483: over 60 s) give the rows of the document without them', () => {
    // The document is one line of 600 KB: its runs of records were split by a regex whose `\s*` before a
    // comma backtracked over the whole run of tabs at every position of it.
    const name = 'E-de-china-portugal-partnerships.txt';
    const doc = readFileSync(join(WORLD, name), 'utf8').replace(/\n/g, '\u2028');
    const mutated = doc.slice(0, 388) + '\t'.repeat(300_000) + doc.slice(388);
    expect(rowsOf(mutated, name)).toEqual([
      [1, 'Guangzhou', 'Coimbra', 'PT', '2013'],
      [1, 'Haikou', 'Faro', 'PT', '2013'],
      [1, 'Haikou', 'Loulé', 'PT', '2013'],
      [1, 'Haimen', 'Lissabon', 'PT', '2013'],
      [1, 'Lanzhou', 'Maia', 'PT', '2013'],
      [1, 'Liaoyang', 'Matosinhos', 'PT', '2013'],
    ]);
    expect(rowsOf(doc, name)).toEqual(rowsOf(mutated, name));
  }, 60_000);

  it('100,000 spaces after a Han name (seed 20261207 input 6896: over 60 s) give the rows of the document without them', () => {
    // Trailing junk after the last Han character was found by a regex that backtracked over every split of
    // the run of spaces after it, on every line and sentence the record stage cleans.
    const name = 'E-zh-hant-china-japan-pairs.txt';
    const doc = readFileSync(join(WORLD, name), 'utf8');
    const mutated = doc.slice(0, 247) + ' '.repeat(100_000) + doc.slice(247);
    const rows = rowsOf(mutated, name);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual([6, '北京市', '東京都', null, '1979.03.14']);
    expect(rows[11]).toEqual([17, '天津市', '神戶市', null, '1973.6.24']);
    expect(rows).toEqual(rowsOf(doc, name));
  }, 60_000);

  it('400,000 ideographic spaces around "==" inside a sentence (seed 20261208 input 13657: over 60 s) give the rows of the document without them', () => {
    // A line holding "==" was tried as a `== heading ==` by a regex whose lazy title backtracked over the runs of
    // white space on both sides, once per character.
    const name = 'E-en-rostock-dalian.txt';
    const doc = readFileSync(join(WORLD, name), 'utf8');
    const at = doc.indexOf('was built');
    expect(at).toBeGreaterThan(0);
    const mutated = doc.slice(0, at) + '\u3000'.repeat(200_000) + '==' + '\u3000'.repeat(200_000) + doc.slice(at);
    const rows = rowsOf(mutated, name);
    // Line 3, `Partnership with Rostock since 1988`: the partner and the date as written (Dalian, the title, is
    // the owner the record stage gives it).
    expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([[3, 'Rostock', 'since 1988']]);
    expect(rows).toEqual(rowsOf(doc, name));
  }, 60_000);
});
