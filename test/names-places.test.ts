// Names and places a person would expect (issue 11, item 12), written from general knowledge of the places:
// Kobe's Chinese name, English names of autonomous divisions, coordinates of Chinese cities GeoNames names
// otherwise, and a Chinese name that only one place carries in the gazetteer is not taken as proof.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { loadGazetteer, type Gazetteer, type GazetteerPlace } from '../src/gazetteer/index.js';
import { explainResolution } from '../src/resolve/explain.js';
import type { DB } from '../src/registry/db.js';
import { sampleRegistry } from './registry-helpers.js';

let g: Gazetteer;
let db: DB;
beforeAll(async () => {
  g = loadGazetteer();
  db = (await sampleRegistry()).db;
});
afterAll(() => db?.close());

const near = (p: GazetteerPlace | undefined, lat: number, lon: number, tol = 0.6): boolean =>
  !!p && p.lat != null && p.lon != null && Math.abs(p.lat - lat) < tol && Math.abs(p.lon - lon) < tol;

describe('names', () => {
  it('Kobe is 神户 in Chinese (神戸 is the Japanese form)', () => {
    expect(g.byId('gn:1859171')?.nameZh).toBe('神户');
    const row = db.prepare("SELECT name_zh_hans FROM places WHERE id = 'gn:1859171'").pluck().get();
    expect(row).toBe('神户');
  });

  it('autonomous divisions have English names with their peoples: Xishuangbanna Dai Autonomous Prefecture', () => {
    expect(g.byId('cn:532800')?.nameEn).toBe('Xishuangbanna Dai Autonomous Prefecture');
    expect(g.byId('cn:632800')?.nameEn).toBe('Haixi Mongol and Tibetan Autonomous Prefecture');
    expect(g.byId('cn:222400')?.nameEn).toBe('Yanbian Korean Autonomous Prefecture');
    expect(g.byId('cn:431228')?.nameEn).toBe('Zhijiang Dong Autonomous County');
    expect(g.byId('cn:130828')?.nameEn).toBe('Weichang Manchu and Mongol Autonomous County');
  });
});

describe('coordinates', () => {
  it('新乡市, 许昌市 and 咸宁市 are on the map (GeoNames names them in pinyin only)', () => {
    expect(near(g.byId('cn:410700'), 35.3, 113.9)).toBe(true); // Xinxiang, Henan
    expect(near(g.byId('cn:411000'), 34.0, 113.8)).toBe(true); // Xuchang, Henan
    expect(near(g.byId('cn:421200'), 29.8, 114.3)).toBe(true); // Xianning, Hubei
  });

  it('a prefecture GeoNames knows by no name of its own is placed at its largest town: Xishuangbanna at Jinghong', () => {
    expect(near(g.byId('cn:532800'), 22.0, 100.8)).toBe(true);
    expect(near(g.byId('cn:150700'), 49.2, 119.7)).toBe(true); // Hulunbuir at Hailar
  });

  it('the samples’ resolved places almost all have coordinates', () => {
    const missing = db.prepare('SELECT id FROM places WHERE resolved = 1 AND lat IS NULL ORDER BY id').pluck().all() as string[];
    for (const id of ['cn:410700', 'cn:411000', 'cn:421200', 'cn:532800', 'cn:431228', 'cn:150700', 'cn:152500', 'cn:632800', 'cn:411502', 'cn:654201'])
      expect(missing).not.toContain(id);
    expect(missing.length).toBeLessThanOrEqual(3);
  });

  it('an urban district GeoNames does not know is drawn at its city: 浉河区 at Xinyang', () => {
    expect(near(g.byId('cn:411502'), 32.1, 114.1)).toBe(true);
  });
});

describe('a Chinese name only one place carries', () => {
  it('埃爾帕索 with no country is not taken for El Paso in Spain: El Paso, Texas is far more populous, so both are candidates', () => {
    const e = explainResolution('埃爾帕索', null);
    expect(e.place).toBeNull();
    expect(e.candidates.map((c) => [c.id, c.country])).toEqual([
      ['gn:5520993', 'US'],
      ['gn:2518277', 'ES'],
    ]);
    // Baotou's partner in the national list stays unresolved, with El Paso, Texas first among its candidates
    const row = db
      .prepare("SELECT c.foreign_place_id AS id, u.candidates FROM claims c LEFT JOIN unresolved u ON u.claim_id = c.id WHERE c.foreign_place = '埃爾帕索'")
      .get() as { id: string | null; candidates: string };
    expect(row.id === null || row.id.startsWith('u:')).toBe(true);
    expect(JSON.parse(row.candidates)[0]).toMatchObject({ id: 'gn:5520993', admin1_id: 'iso:US-TX' });
  });

  it('a unique Chinese name with no more populous namesake still resolves: 柏林 in a German list', () => {
    expect(explainResolution('柏林', 'DE').place?.id).toBe('gn:2950159');
    expect(explainResolution('奈良市', null).place?.country).toBe('JP');
  });
});
