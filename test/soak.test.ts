// A short soak in CI (bench/soak.ts; `npm run soak` runs 240 s): `youcheng serve` in a child process under a
// mix of searches, partners, filtered relationships and exports from autocannon. No errors, no timeouts, no
// non-2xx; memory is reported, and held only to a generous bound (a 10-second run on a shared machine is noisy).
import { describe, it, expect } from 'vitest';
import { describeSoak, runSoak } from '../bench/soak.js';

const SECONDS = Number(process.env.SOAK_CI_SECONDS ?? 10);

describe('soak (short)', () => {
  it(`${SECONDS} s of mixed reads and exports at 20 connections: no errors, every answer 2xx (or the download bound's 503), memory bounded`, async () => {
    const r = await runSoak({ seconds: SECONDS, connections: 20 });
    console.log(`soak (CI):\n${describeSoak(r)}`);
    expect(r.requests).toBeGreaterThan(0);
    // A 503 is the server's bound on simultaneous downloads answering as designed (with Retry-After); any other
    // non-2xx is a failure.
    const busy = r.statusCodes['503'] ?? 0;
    expect({ errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx - busy }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(r.growthPct).toBeLessThan(50);
    expect(r.rssEndMb).toBeLessThan(600);
  }, 90_000);
});
