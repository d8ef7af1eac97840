// Crash safety, in CI: the built program is killed with SIGKILL at random moments — an ingest while it starts,
// reads, stores or reconciles; the server in the middle of edits — and the registry left behind must open,
// pass integrity_check, hold each document wholly or not at all, keep the audit log and the edit claims in
// step, show each edit wholly or not at all, and take a later ingest (or edit) that completes. A few trials
// of each; `npm run crash` runs hundreds (bench/crash.ts, figures in docs/RELIABILITY.md).
//   CRASH_CI_TRIALS=15 CRASH_CI_EDIT_TRIALS=4 CRASH_SEED=… to repeat a failing run
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rmSync } from 'node:fs';
import { assertBuilt, editCrashTrials, ingestCrashTrials, makeFixtures, type Fixtures } from '../bench/crash.js';

const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TRIALS = Number(process.env.CRASH_CI_TRIALS ?? 15);
const EDIT_TRIALS = Number(process.env.CRASH_CI_EDIT_TRIALS ?? 4);
const ROWS = 200;

let fx: Fixtures;
const lines: string[] = [];
const log = (s: string) => lines.push(s);

beforeAll(async () => {
  assertBuilt();
  fx = await makeFixtures(ROWS);
});
afterAll(() => {
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe(`crash safety (SIGKILL; seed ${SEED})`, () => {
  it(`an ingest killed at ${TRIALS} random moments: the registry opens, integrity ok, each document wholly there or absent, a later ingest completes and matches an uninterrupted run`, async () => {
    const r = await ingestCrashTrials(fx, { trials: TRIALS, seed: SEED, log });
    const failed = r.trials.filter((t) => !t.ok);
    expect(failed.map((t) => `#${t.trial + 1} ${t.scenario}, kill ${t.plan} (${t.phase}): ${t.problems.join('; ')}`), lines.join('\n')).toEqual([]);
    // the kills must mostly land while the program works, not after it is done
    const landed = r.trials.filter((t) => t.phase !== 'finished before the kill').length;
    expect(landed, lines.join('\n')).toBeGreaterThanOrEqual(Math.ceil(TRIALS / 2));
    console.log(
      `crash (ingest): ${r.survived}/${r.trials.length} survived in ${(r.ms / 1000).toFixed(1)} s, seed ${SEED}; by phase: ` +
        Object.entries(r.byPhase)
          .map(([p, n]) => `${p} ${n}`)
          .join(', '),
    );
  }, 240_000);

  it(`the server killed during edits ${EDIT_TRIALS} times: integrity ok, audit log ⇔ edit claims, each tie edited wholly or not at all, answered edits kept`, async () => {
    const r = await editCrashTrials(fx, { trials: EDIT_TRIALS, seed: SEED, log });
    const failed = r.trials.filter((t) => !t.ok);
    expect(failed.map((t) => `#${t.trial + 1} ${t.edits.join('+')}, kill ${t.plan} (${t.phase}): ${t.problems.join('; ')}`), lines.join('\n')).toEqual([]);
    console.log(
      `crash (edits): ${r.survived}/${r.trials.length} survived in ${(r.ms / 1000).toFixed(1)} s, seed ${SEED}; by phase: ` +
        Object.entries(r.byPhase)
          .map(([p, n]) => `${p} ${n}`)
          .join(', '),
    );
  }, 180_000);
});
