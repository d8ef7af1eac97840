// The property-based fuzzing of bench/fuzz.ts (fast-check over mutated sample documents, byte-level
// mutants through decoding, junk appended, ingest into a temporary registry, one-line timing), run briefly.
// `npm run fuzz` runs the same properties with many more inputs.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

describe('fuzzing the readers with hostile documents (short run)', () => {
  it('no input throws, every message and row points inside its document, junk keeps the rows, long lines stay linear', () => {
    const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'dist', 'bench', 'fuzz.js')], {
      encoding: 'utf8',
      env: { ...process.env, FUZZ_RUNS: '40', FUZZ_LINE_MB: '2' },
      timeout: 240_000,
    });
    const out = r.stdout + r.stderr;
    console.log(out.split('\n').filter((l) => /inputs|fuzz:/.test(l)).join('\n'));
    expect(out).toMatch(/fuzz: \d+ inputs tried, 0 failures/);
    expect(r.status).toBe(0);
  });
});
