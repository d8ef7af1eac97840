// The reading kit against mutated real documents: bench/fuzz-kit.ts with ~300 text inputs and a few mutated
// office files, seed fixed so CI sees the same inputs every time (`npm run fuzz:kit` runs 100,000).
// No crash is allowed: no throw from readWithKit / readText / previewFile, no reader-failed refusal, no row
// outside the document's lines, and office files give a Layout or a LayoutRefusal. The only timing check is
// a generous bound against hangs.
import { describe, it, expect } from 'vitest';
import { runFuzz } from '../bench/fuzz-kit.js';

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
