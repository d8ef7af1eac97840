// The test suite itself: it cannot go red on a loaded machine, and it cannot go green by skipping what CI must
// run. Time is judged by the benchmarks (bench/timing.ts, ratios against a baseline of the same run), never
// by a test; with CI=true, a browser that is missing fails the browser tests instead of skipping them.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/paths.js';

const TEST_DIR = join(PACKAGE_ROOT, 'test');
const VITEST = join(PACKAGE_ROOT, 'node_modules', 'vitest', 'vitest.mjs');

describe('the test suite', () => {
  it('no test reads a stopwatch: no performance.now() or process.hrtime in test/', () => {
    const offenders: string[] = [];
    for (const f of readdirSync(TEST_DIR).filter((f) => f.endsWith('.ts') && f !== 'ci-honesty.test.ts')) {
      readFileSync(join(TEST_DIR, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/performance\.now\(|process\.hrtime|Date\.now\(\)\s*-/.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  // A chromium that is not there: off CI the browser tests skip (and say so); with CI=true they fail.
  const run = (ci: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env, YOUCHENG_CHROMIUM: '/nonexistent/chromium', FORCE_COLOR: '0', NO_COLOR: '1' };
    delete env.CI;
    if (ci !== undefined) env.CI = ci;
    delete env.VITEST;
    delete env.VITEST_WORKER_ID;
    delete env.VITEST_POOL_ID;
    return spawnSync(process.execPath, [VITEST, 'run', 'test/browser.test.ts'], { cwd: PACKAGE_ROOT, env, encoding: 'utf8', timeout: 180_000 });
  };

  it('with CI=true, a missing chromium fails the browser tests, naming what is missing', () => {
    const r = run('true');
    const out = r.stdout + r.stderr;
    expect(r.status, out.slice(-2000)).toBe(1);
    expect(out).toContain('no chromium at /nonexistent/chromium: with CI=true the browser tests fail instead of skipping');
    expect(out).toMatch(/Test Files\s+1 failed/);
  }, 200_000);

  it('off CI, a missing chromium skips the browser tests, loudly', () => {
    const r = run(undefined);
    const out = r.stdout + r.stderr;
    expect(r.status, out.slice(-2000)).toBe(0);
    expect(out).toContain('SKIPPED (not on CI): browser tests skipped: no chromium at /nonexistent/chromium');
    expect(out).toMatch(/skipped/);
  }, 200_000);
});
