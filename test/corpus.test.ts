// The world corpus: real documents youcheng's readers were not written against (test/fixtures/world, origins in
// test/fixtures/SOURCES.md), each with the ties a person read in it (<name>.expected.tsv). The built program reads
// each one with `ingest --dry-run --json`; its claims are scored (test/corpus-score.ts) and the per-class tie-F1 must
// reach its target. Needs `npm run build` (npm test builds first).
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';
import { combine, gotRowsFromDryRun, loadExpected, loadExpectedMeta, score, type Score } from './corpus-score.js';

const BIN = join(PACKAGE_ROOT, 'bin', 'youcheng.js');
const WORLD = join(PACKAGE_ROOT, 'test', 'fixtures', 'world');
/** Real documents gathered after the reader was written; first measured unseen (2026-12-07: A .47 B .25 C .17 D .37 E .25 F 0), then studied to improve the reader, so no longer a held-out measure. */
const HOLDOUT = join(PACKAGE_ROOT, 'test', 'fixtures', 'world-holdout');
/** A third set of real documents, gathered and read on 2026-12-07 after the reader's last change; first measured unseen (B .235, C .40, D .889), then studied the same day, so no longer a held-out measure. */
const UNSEEN = join(PACKAGE_ROOT, 'test', 'fixtures', 'world-unseen');
/** A fourth set, gathered and read at the end of 2026-12-07's work on the reader, measured once unseen (B .650, D 0: a table of Chiayi's partners refused); its table was studied on 2026-12-07 (D 1.0). */
const FOURTH = join(PACKAGE_ROOT, 'test', 'fixtures', 'world-fourth');

/** A fifth set, gathered and read on 2026-12-07 by someone who neither ran the program on it nor read the reader's code; first measured unseen at 557f0d1 (A .983, B .548, C .286, D .805, E .154), then studied the same day, so no longer a held-out measure. */
const FIFTH = join(PACKAGE_ROOT, 'test', 'fixtures', 'world-fifth');

/** A sixth set (24 documents, 74 ties), gathered and read on 2026-12-07/08 by someone who neither ran the program on it nor read its code; held out: measured, not studied. First measured unseen at 30714eb: A .462, B .370, C .714, D .871, E .455, F 1.00; again at 73e8909, after work on the other sets (Russian and Latin-script prose), still unseen: A .500, C .750, the rest the same; at fb36a54 (precision in prose): B .444. */
const SIXTH = join(PACKAGE_ROOT, 'test', 'fixtures', 'world-sixth');

/** Per-class targets of tie-F1 (micro-averaged over the class's documents). */
const TARGETS: Record<string, number> = { A: 0.9, B: 0.8, C: 0.8, D: 0.9, E: 0.9, F: 0.9 };
/** Where a class is below its target on this corpus: what the reader reached, less a small margin (none today, 2026-12-07). */
const FLOORS: Record<string, number> = {};
/**
 * The same for the second set: first measured unseen when it was added (2026-12-07: A .47, B .25, C .17, D .37,
 * E .25, F 0 — one page); after it was studied the reader reached A .96, B .85, C .59, D .96, E .25, F 0, and the
 * floors are those, less a margin, so that what was gained is kept.
 */
/** C raised 0.55 → 0.78 when Russian pages were first read in general (C .593 → .813). */
const HOLDOUT_FLOORS: Record<string, number> = { A: 0.9, B: 0.8, C: 0.78, D: 0.9, E: 0.2, F: 0 };
/** The third set's floors: what the reader reached after studying it (B .50, C .667, D 1.0), less a margin; classes it lacks are not held. */
/** C raised 0.6 → 0.7 with the Russian reading (C .667 → .75). B raised 0.45 → 0.7 with the European prose reading (B .514 → .750). */
const UNSEEN_FLOORS: Record<string, number> = { B: 0.7, C: 0.7, D: 0.95 };
/** The fourth set's floors: its first measure, less a margin (see FOURTH). */
const FOURTH_FLOORS: Record<string, number> = { B: 0.75, D: 0.95 };
/** The fifth set's floors: what the reader reached after studying it, less a margin (see FIFTH). */
/** C raised 0.3 → 0.5 with the Russian reading (C .333 → .571). */
const FIFTH_FLOORS: Record<string, number> = { A: 0.95, B: 0.95, C: 0.5, D: 0.78, E: 0.9 };
/** The sixth set's floors: its first unseen measure less a margin (see SIXTH). */
const SIXTH_FLOORS: Record<string, number> = { A: 0.4, B: 0.3, C: 0.6, D: 0.8, E: 0.4, F: 0.9 };
const CLASS_NAMES: Record<string, string> = {
  A: 'lists under headings',
  B: 'prose and news',
  C: 'Japanese, Korean, Russian pages',
  D: 'plain-text tables',
  E: 'both-sides tables, foreign-side lists',
  F: 'web pages (HTML)',
};

interface DocResult {
  file: string;
  cls: string;
  expected: number;
  got: number;
  score: Score;
  error: string | null;
}

function fixtures(dir: string): { file: string; expectedPath: string; cls: string }[] {
  const names = readdirSync(dir).filter((f) => !f.endsWith('.expected.tsv') && /^[A-F]-/.test(f));
  return names
    .map((file) => ({ file, expectedPath: join(dir, file.replace(/\.[^.]+$/, '') + '.expected.tsv'), cls: file[0] }))
    .filter((f) => existsSync(f.expectedPath))
    .sort((a, b) => a.file.localeCompare(b.file));
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

/** `CORPUS_SETS=fifth,fourth` reads only those sets (their folders' names without `world-`; `world` is the first). */
const ONLY = process.env.CORPUS_SETS ? new Set(process.env.CORPUS_SETS.split(',').map((s) => s.trim())) : null;

function corpus(title: string, dir: string, floors: Record<string, number>, minDocs: number): void {
const set = dir.split(/[\\/]/).pop()!.replace(/^world-?/, '') || 'world';
(ONLY && !ONLY.has(set) ? describe.skip : describe)(title, () => {
  const results: DocResult[] = [];
  const db = join(mkdtempSync(join(tmpdir(), 'yc-corpus-')), 'never-written.db');

  beforeAll(() => {
    const list = fixtures(dir);
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      const expected = loadExpected(f.expectedPath);
      let got: ReturnType<typeof gotRowsFromDryRun> = [];
      let error: string | null = null;
      // A document that never names its owner ("我市", "本県", "우리시") is read as a user reads it: with --owner.
      const owner = loadExpectedMeta(f.expectedPath).owner ?? null;
      const text = readFileSync(join(dir, f.file), 'utf8');
      const stem = owner ? owner.replace(/(市|省|县|区|州|도|시|군|구|県|府|都)$/u, '') : null;
      const named = !owner || text.includes(owner) || (stem !== null && stem.length >= 2 && text.includes(stem));
      const args = [BIN, 'ingest', '--dry-run', '--json', join(dir, f.file), ...(named ? [] : ['--owner', owner!])];
      try {
        const out = execFileSync(process.execPath, args, {
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, YOUCHENG_DB: db },
        });
        // --owner only where the document does not name it: elsewhere the program must find whose list it is.
        got = gotRowsFromDryRun(JSON.parse(out), null);
      } catch (e) {
        const err = e as { stderr?: string; stdout?: string; message: string };
        // A document refused (no rows) still prints its preview: count it as no rows, with the reason.
        try {
          const o = JSON.parse(err.stdout ?? '') as { messages?: Array<{ reason: string }> };
          error = `refused: ${o.messages?.[0]?.reason ?? 'no reason'}`;
          results.push({ file: f.file, cls: f.cls, expected: expected.length, got: 0, score: score(expected, []), error });
          continue;
        } catch {
          /* not a preview: the command itself failed */
        }
        const text = (err.stderr || err.message || String(e)).split('\n').map((l) => l.trim()).filter(Boolean);
        error = text.find((l) => /error|youcheng:/i.test(l)) ?? text[0] ?? 'failed';
      }
      results.push({ file: f.file, cls: f.cls, expected: expected.length, got: got.length, score: score(expected, got), error });
    }

    // The table: per document, then per class.
    const lines: string[] = [];
    lines.push('');
    lines.push(`${title} — tie-F1 (sides + country), full-F1 (+ date + kind), field accuracies (date, kind, listed or doubtful) on matched ties`);
    lines.push(`${'document'.padEnd(52)} ${'exp'.padStart(4)} ${'got'.padStart(4)} ${'tp'.padStart(4)}   prec    rec  tieF1 fullF1   date   kind status`);
    for (const r of results) {
      const s = r.score;
      lines.push(
        `${r.file.padEnd(52)} ${String(r.expected).padStart(4)} ${String(r.got).padStart(4)} ${String(s.tp).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)} ${pct(s.full.f1)} ${s.tp ? pct(s.dateAccuracy) : '     —'} ${s.tp ? pct(s.kindAccuracy) : '     —'} ${s.tp ? pct(s.statusAccuracy) : '     —'}${r.error ? `  ERROR: ${r.error.slice(0, 200)}` : ''}`,
      );
    }
    lines.push('');
    lines.push(`${'class'.padEnd(44)} docs ${'exp'.padStart(4)} ${'got'.padStart(4)} ${'tp'.padStart(4)}   prec    rec  tieF1 fullF1 target`);
    for (const cls of Object.keys(TARGETS)) {
      const rs = results.filter((r) => r.cls === cls);
      if (rs.length === 0) continue;
      const c = combine(rs.map((r) => r.score), rs.map((r) => ({ expected: r.expected, got: r.got })));
      const exp = rs.reduce((s, r) => s + r.expected, 0);
      const got = rs.reduce((s, r) => s + r.got, 0);
      lines.push(
        `${`${cls} ${CLASS_NAMES[cls]}`.padEnd(44)} ${String(rs.length).padStart(4)} ${String(exp).padStart(4)} ${String(got).padStart(4)} ${String(c.tp).padStart(4)} ${pct(c.ties.precision)} ${pct(c.ties.recall)} ${pct(c.ties.f1)} ${pct(c.full.f1)} ${pct(TARGETS[cls])}`,
      );
    }
    // The first few misses and extras of each document, to see what went wrong.
    for (const r of results) {
      const s = r.score;
      if (s.misses.length === 0 && s.extras.length === 0) continue;
      lines.push('');
      lines.push(`${r.file}:`);
      for (const m of s.misses.slice(0, 5)) lines.push(`  miss   ${m}`);
      if (s.misses.length > 5) lines.push(`  … ${s.misses.length - 5} more misses`);
      for (const x of s.extras.slice(0, 5)) lines.push(`  extra  ${x}`);
      if (s.extras.length > 5) lines.push(`  … ${s.extras.length - 5} more extras`);
    }
    console.log(lines.join('\n'));
  }, 1_800_000);

  // Each class is held to its target where the reader reaches it. Where it does not yet (B, C, E, F in this
  // corpus, as the issue's closing note states), the test holds it to the floor it reached — it may not fall —
  // and says loudly that the class is below its target; raising a floor is how progress is kept.
  // A set that need not hold every class (minDocs 0) is held only on the classes it has.
  const present = new Set(fixtures(dir).map((f) => f.cls));
  for (const cls of Object.keys(TARGETS).filter((c) => minDocs > 0 || present.has(c))) {
    const bar = Math.min(TARGETS[cls], floors[cls] ?? TARGETS[cls]);
    it(`class ${cls} (${CLASS_NAMES[cls]}): tie-F1 ≥ ${bar}${bar < TARGETS[cls] ? ` (floor; target ${TARGETS[cls]})` : ''}`, () => {
      const rs = results.filter((r) => r.cls === cls);
      expect(rs.length, `too few documents of class ${cls}`).toBeGreaterThanOrEqual(minDocs);
      const c = combine(rs.map((r) => r.score), rs.map((r) => ({ expected: r.expected, got: r.got })));
      const detail = rs.map((r) => `${r.file}: F1 ${r.score.f1.toFixed(2)}${r.error ? ` (error: ${r.error})` : ''}`).join('; ');
      if (c.ties.f1 < TARGETS[cls]) {
        console.warn(`\n!!! BELOW TARGET (${title}): class ${cls} (${CLASS_NAMES[cls]}) tie-F1 ${c.ties.f1.toFixed(3)} < target ${TARGETS[cls]} (held to floor ${bar}) !!!\n`);
      }
      expect(c.ties.f1, `class ${cls} tie-F1 ${c.ties.f1.toFixed(3)} — ${detail}`).toBeGreaterThanOrEqual(bar);
    });
  }

  it('every expected file is well-formed and every document has one', () => {
    for (const f of readdirSync(dir).filter((n) => /^[A-F]-/.test(n) && !n.endsWith('.expected.tsv'))) {
      const exp = join(dir, f.replace(/\.[^.]+$/, '') + '.expected.tsv');
      expect(existsSync(exp), `${f} has no expected file`).toBe(true);
      expect(loadExpected(exp).length, `${f}: no ties`).toBeGreaterThan(0);
    }
  });
});
}

corpus('World corpus (the documents the reader was developed on)', WORLD, FLOORS, 3);
corpus('World corpus, second set (gathered after the reader was written; its failures were studied on 2026-12-07, so it no longer measures unseen documents)', HOLDOUT, HOLDOUT_FLOORS, 1);
corpus('World corpus, third set (gathered after the reader was written; first measured unseen, then studied on 2026-12-07)', UNSEEN, UNSEEN_FLOORS, 0);
corpus('World corpus, fourth set (gathered after the reader was written; measured unseen, its table studied)', FOURTH, FOURTH_FLOORS, 0);
corpus('World corpus, fifth set (gathered and read by someone who never ran the program on it; first measured unseen, then studied)', FIFTH, FIFTH_FLOORS, 0);
corpus('World corpus, sixth set (gathered and read by someone who never ran the program on it; held out: measured, not studied)', SIXTH, SIXTH_FLOORS, 0);
