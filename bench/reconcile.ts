// Reconciliation at world scale: a generated national list naming both sides on each row, with foreign
// places drawn from the gazetteer itself (so names resolve as real ones do), at three sizes.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry } from '../src/registry/db.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { reconcile } from '../src/resolve/reconcile.js';
import { createResolver } from '../src/resolve/index.js';
import { loadGazetteer } from '../src/gazetteer/index.js';
import { countryNames } from '../src/normalize/country.js';

/** A two-sided list: `中方城市 | 外方城市 | 国家 | 结好时间`, `claims` rows over about `places` foreign places. */
export function worldScaleDocument(claims: number, places: number): string {
  const g = loadGazetteer();
  const foreign = g.places.filter((p) => p.source !== 'gbt2260' && p.level === 'city' && p.nameZh && countryNames(p.country)).slice(0, places);
  const chinese = g.places.filter((p) => p.source === 'gbt2260' && p.nameZh);
  const lines = ['中方城市 | 外方城市 | 国家 | 结好时间'];
  for (let i = 0; i < claims; i++) {
    const f = foreign[(i * 7919) % foreign.length];
    const c = chinese[(i * 104729) % chinese.length];
    lines.push(`${c.nameZh} | ${f.nameZh} | ${countryNames(f.country)!.zh} | ${1973 + (i % 50)}年${1 + (i % 12)}月${1 + (i % 28)}日`);
  }
  return lines.join('\n') + '\n';
}

export function benchReconcile(sizes: Array<[number, number]>, runs = 1): Array<{ claims: number; places: number; ms: number; perClaimUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'youcheng-reconcile-'));
  const out = [];
  for (const [claims, places] of sizes) {
    const file = join(dir, `world-${claims}.txt`);
    writeFileSync(file, worldScaleDocument(claims, places));
    const times: number[] = [];
    let placeCount = 0;
    for (let r = 0; r < runs; r++) {
      const db = openRegistry(join(dir, `w-${claims}-${r}.db`));
      ingestFile(db, file, {});
      const t0 = performance.now();
      const rep = reconcile(db, createResolver(db));
      times.push(performance.now() - t0);
      placeCount = rep.places;
      db.close();
    }
    const ms = times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
    out.push({ claims, places: placeCount, ms, perClaimUs: (ms * 1000) / claims });
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}
