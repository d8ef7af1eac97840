// Ties in GeoJSON follow the great circle (the short way) and are cut at the antimeridian (RFC 7946 §3.1.9),
// in the CLI's export and in the API's format=geojson alike.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { getIssues } from '@placemarkio/check-geojson';
import type { DB } from '../src/registry/db.js';
import { centralAngle, greatCircle, splitAtAntimeridian, tieGeometry, type Position } from '../src/publish/arc.js';
import { exportChunks } from '../src/publish/stream.js';
import { startServer, type RunningServer } from '../src/server/index.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

const GUANGZHOU: Position = [113.26, 23.13];
const LOS_ANGELES: Position = [-118.24, 34.05];
const FUKUOKA: Position = [130.4, 33.6];
const KM_PER_RAD = 6371;

type Geometry = { type: 'LineString'; coordinates: Position[] } | { type: 'MultiLineString'; coordinates: Position[][] };
const partsOf = (g: Geometry) => (g.type === 'LineString' ? [g.coordinates] : g.coordinates);
/** Length of a line on the sphere, in km, following its positions. */
const length = (g: Geometry) =>
  partsOf(g).reduce((sum, part) => sum + part.slice(1).reduce((s, q, i) => s + centralAngle(part[i]!, q) * KM_PER_RAD, 0), 0);

describe('a tie’s geometry', () => {
  it('Guangzhou to Los Angeles crosses the Pacific: two parts, cut at 180° east and 180° west at the same latitude', () => {
    const g = tieGeometry(GUANGZHOU, LOS_ANGELES);
    expect(g.type).toBe('MultiLineString');
    const [west, east] = partsOf(g);
    expect(west![0]).toEqual(GUANGZHOU);
    expect(west!.at(-1)![0]).toBe(180);
    expect(east![0]![0]).toBe(-180);
    expect(east!.at(-1)).toEqual(LOS_ANGELES);
    expect(east![0]![1]).toBe(west!.at(-1)![1]);
    // a great circle between two northern places bulges toward the pole
    expect(west!.at(-1)![1]).toBeGreaterThan(34.05);
    expect(west!.at(-1)![1]).toBeLessThan(60);
    // the first part runs east from Guangzhou, the second ends going east into Los Angeles
    expect(west![1]![0]).toBeGreaterThan(GUANGZHOU[0]);
    // about 11,600 km the short way (across Europe and the Atlantic it would be about 28,000)
    expect(length(g)).toBeGreaterThan(11_000);
    expect(length(g)).toBeLessThan(12_200);
  });

  it('Guangzhou to Fukuoka stays one line from one to the other, a few degrees a step', () => {
    const g = tieGeometry(GUANGZHOU, FUKUOKA);
    expect(g.type).toBe('LineString');
    const line = partsOf(g)[0]!;
    expect(line[0]).toEqual(GUANGZHOU);
    expect(line.at(-1)).toEqual(FUKUOKA);
    for (let i = 1; i < line.length; i++) expect(centralAngle(line[i - 1]!, line[i]!) * (180 / Math.PI)).toBeLessThanOrEqual(3.0001);
  });

  it('the same place twice, and a line that already stops short of the antimeridian, are left as they are', () => {
    expect(greatCircle(GUANGZHOU, GUANGZHOU)).toEqual([GUANGZHOU, GUANGZHOU]);
    expect(splitAtAntimeridian([[170, 10], [179, 11]])).toEqual([[[170, 10], [179, 11]]]);
    // 179°E to 179°W is a step of 2°, across the line: cut at ±180, half way
    expect(splitAtAntimeridian([[179, 10], [-179, 12]])).toEqual([
      [[179, 10], [180, 11]],
      [[-180, 11], [-179, 12]],
    ]);
  });
});

describe('GeoJSON of the ties from the samples', () => {
  let db: DB;
  let server: RunningServer;
  beforeAll(async () => {
    const r = await sampleRegistry();
    db = r.db;
    server = await startServer({ dbPath: r.path, port: 0, host: '127.0.0.1', staticDir: tempDir(), log: false });
  });
  afterAll(async () => {
    await server?.close();
    db?.close();
  });

  const check = (text: string) => {
    expect(getIssues(text)).toEqual([]);
    const fc = JSON.parse(text) as { features: Array<{ geometry: Geometry; properties: Record<string, unknown> }> };
    let cut = 0;
    for (const f of fc.features) {
      const parts = partsOf(f.geometry);
      if (parts.length > 1) cut++;
      for (const part of parts) for (let i = 1; i < part.length; i++) expect(Math.abs(part[i]![0] - part[i - 1]![0])).toBeLessThanOrEqual(180);
    }
    return { fc, cut };
  };

  it('the CLI export: no step jumps across the antimeridian; the ties across the Pacific are cut there', () => {
    const { fc, cut } = check([...exportChunks(db, 'relationships', 'geojson')].join(''));
    expect(cut).toBeGreaterThan(10);
    const la = fc.features.find((f) => f.properties.cn_name_zh_hans === '广州市' && f.properties.foreign_name_zh_hans === '洛杉矶')!;
    expect(la.geometry.type).toBe('MultiLineString');
  });

  it('the API’s format=geojson: the same', async () => {
    const res = await fetch(`${server.url}/api/relationships?format=geojson`);
    const { fc, cut } = check(await res.text());
    expect(cut).toBeGreaterThan(10);
    const la = fc.features.find((f) => f.properties.cn_name_zh_hans === '广州市' && f.properties.foreign_name_zh_hans === '洛杉矶')!;
    expect(la.geometry.type).toBe('MultiLineString');
  });
});
