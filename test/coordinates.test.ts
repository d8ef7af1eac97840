// The Wikidata snapshot names its Chinese nodes in English, and some English names stand for several Chinese
// places (Suzhou: 苏州 in Jiangsu and 宿州 in Anhui). Each node carries its point, which the reader passes with
// the claim and the resolver weighs. Expected places were checked by hand against the rows of
// data/peer/wikidata-twins/nodes.tsv (line numbers given) and a map: latitude 31.3 and longitude 120.6 is
// Suzhou in Jiangsu, 32.5 N 119.9 E is Taizhou in Jiangsu, 28.7 N 121.4 E is Taizhou in Zhejiang, and so on.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS_DIR } from '../src/paths.js';
import { networkReader } from '../src/readers/network.js';
import { createResolver } from '../src/resolve/index.js';
import type { TraceStep } from '../src/resolve/types.js';
import type { DB } from '../src/registry/db.js';
import { defaultRegistry } from './registry-helpers.js';

const WD = join(DATASETS_DIR, 'wikidata-twins');
const links = readFileSync(join(WD, 'links.tsv'), 'utf8');
const nodes = readFileSync(join(WD, 'nodes.tsv'), 'utf8');

// nodes.tsv rows, as written (id, name, lng, lat)
const SUZHOU = { lat: 31.3, lon: 120.619444444 }; // line 710: Q42622 Suzhou 120.619444444 31.3
const TAIZHOU_JS = { lat: 32.483056, lon: 119.9 }; // line 688: Q57931 Taizhou 119.9 32.483056
const TAIZHOU_ZJ = { lat: 28.6583, lon: 121.42213 }; // line 4246: Q58273 Taizhou 121.42213 28.6583
const FUZHOU = { lat: 26.076944444, lon: 119.291666666 }; // line 1131: Q68481 Fuzhou
const SHIZUISHAN = { lat: 39.00985, lon: 106.36944 }; // line 933: Q604385 Shizuishan
const JINZHOU = { lat: 41.114444444, lon: 121.129166666 }; // line 4298: Q28996 Jinzhou (锦州, Liaoning)

describe('the network reader passes the Chinese node its point', () => {
  it('links.tsv line 1146 (Q42622 Suzhou – Q817965 Ikeda) carries nodes.tsv line 710’s coordinates', () => {
    const r = networkReader.read(links, { fileName: 'links.tsv', companion: (n) => (n === 'nodes.tsv' ? nodes : null) });
    expect(r.rows.find((x) => x.line === 1146)).toMatchObject({ cnPlace: 'Suzhou', foreignPlace: 'Ikeda', cnCoordinates: SUZHOU });
    // line 2285: Q49268 Fort Wayne – Q58273 Taizhou: the Chinese end is the second column; its point is its own
    expect(r.rows.find((x) => x.line === 2285)).toMatchObject({ cnPlace: 'Taizhou', foreignPlace: 'Fort Wayne', cnCoordinates: TAIZHOU_ZJ });
  });
});

describe('the resolver weighs a point among places of one name', () => {
  const resolver = createResolver();
  const cn = (name: string, near?: { lat: number; lon: number }, trace?: TraceStep[]) => resolver.resolve({ name, country: 'CN', side: 'cn', near, trace });

  it('without a point, Suzhou stays ambiguous between 苏州 and 宿州', () => {
    const r = cn('Suzhou');
    expect(r.place).toBeNull();
    if (r.place) return;
    expect(r.reasonCode).toBe('ambiguous');
    expect(r.candidates.map((c) => c.id).sort()).toEqual(['cn:320500', 'cn:341300']);
  });

  it('with the node’s point, Suzhou is 苏州市 (Jiangsu), and the step says how far and within what bound', () => {
    const steps: TraceStep[] = [];
    const r = cn('Suzhou', SUZHOU, steps);
    expect(r.place?.id).toBe('cn:320500');
    expect(r.place && 'how' in r ? r.how : '').toMatch(/^exact name, by the document's coordinates 31\.3, 120\.619444444 \(\d+\.\d km\)$/);
    const step = steps.find((s) => s.step === "the document's coordinates");
    expect(step?.ok).toBe(true);
    expect(step?.detail).toMatch(/^2 → 1: 苏州市 Suzhou \(Jiangsu\) is near .* within 25 km/);
  });

  it('the two nodes called Taizhou are the two Taizhous', () => {
    expect(cn('Taizhou', TAIZHOU_JS).place?.id).toBe('cn:321200'); // 泰州市, Jiangsu
    expect(cn('Taizhou', TAIZHOU_ZJ).place?.id).toBe('cn:331000'); // 台州市, Zhejiang
  });

  it('Fuzhou is 福州市, not its seat 鼓楼区 (nearer the point, and also called Fuzhou) nor 抚州市 in Jiangxi', () => {
    expect(cn('Fuzhou').place).toBeNull();
    expect(cn('Fuzhou', FUZHOU).place?.id).toBe('cn:350100');
  });

  it('Shizuishan is 石嘴山市 though only its seat 大武口区 is near the point: a point in a city’s district is in the city', () => {
    const steps: TraceStep[] = [];
    expect(cn('Shizuishan', SHIZUISHAN, steps).place?.id).toBe('cn:640200');
    expect(steps.find((s) => s.step === "the document's coordinates")?.detail).toContain('its district 大武口区 Dawukou District');
  });

  it('a candidate with no point leaves the name unresolved: nothing says that Jinzhou (晋州市) is far', () => {
    const steps: TraceStep[] = [];
    const r = cn('Jinzhou', JINZHOU, steps);
    expect(r.place).toBeNull();
    expect(steps.find((s) => s.step === "the document's coordinates")).toMatchObject({ ok: false });
    expect(steps.find((s) => s.step === "the document's coordinates")?.detail).toMatch(/^1 of 3 candidates have no point in the gazetteer/);
  });

  it('a point far from every candidate decides nothing', () => {
    // Suzhou's name with Jinzhou's point (about 1,200 km north of either Suzhou)
    expect(cn('Suzhou', JINZHOU).place).toBeNull();
  });
});

describe('in the registry `npm start` builds', () => {
  let db: DB;
  beforeAll(async () => {
    db = (await defaultRegistry()).db;
  }, 180_000);
  const cnOf = (line: number) =>
    db
      .prepare(`SELECT c.cn_place, c.cn_place_id FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.file_name = 'links.tsv' AND c.line = ?`)
      .get(line) as { cn_place: string; cn_place_id: string | null };

  it('the snapshot’s ties of ambiguous English names find their Chinese places (links.tsv lines)', () => {
    expect(cnOf(1146)).toEqual({ cn_place: 'Suzhou', cn_place_id: 'cn:320500' }); // Suzhou – Ikeda
    expect(cnOf(1098)).toEqual({ cn_place: 'Taizhou', cn_place_id: 'cn:321200' }); // Taizhou (Jiangsu) – Yuzawa
    expect(cnOf(2285)).toEqual({ cn_place: 'Taizhou', cn_place_id: 'cn:331000' }); // Fort Wayne – Taizhou (Zhejiang)
    expect(cnOf(2246)).toEqual({ cn_place: 'Fuzhou', cn_place_id: 'cn:350100' }); // Naha – Fuzhou
    expect(cnOf(1445)).toEqual({ cn_place: 'Jining', cn_place_id: 'cn:370800' }); // Jining (Shandong) – Ashikaga
    expect(cnOf(1510)).toEqual({ cn_place: 'Shizuishan', cn_place_id: 'cn:640200' }); // Shizuishan – Hamada
    expect(cnOf(2283)).toEqual({ cn_place: 'Yichun', cn_place_id: 'cn:230700' }); // Bad Wildungen – Yichun (Heilongjiang, 47.7 N)
  });

  it('and the tie Suzhou – Ikeda is one tie of 苏州市, no longer of a provisional place called Suzhou', () => {
    const ties = db
      .prepare(
        `SELECT r.cn_place_id FROM relationships r JOIN places f ON f.id = r.foreign_place_id
         WHERE f.name_en = 'Ikeda' AND r.cn_place_id IN (SELECT cn_place_id FROM claims WHERE cn_place = 'Suzhou')`,
      )
      .pluck()
      .all();
    expect(ties).toEqual(['cn:320500']);
    const unresolved = db.prepare(`SELECT COUNT(*) FROM unresolved WHERE side = 'cn' AND name = 'Suzhou'`).pluck().get();
    expect(unresolved).toBe(0);
  });

  it('Jinzhou (links.tsv line 2608, – Trois-Rivières) stays unresolved, its candidates kept for a person', () => {
    expect(cnOf(2608).cn_place_id?.startsWith('cn:') ?? false).toBe(false); // no place of the gazetteer
    const row = db.prepare(`SELECT u.reason FROM unresolved u JOIN claims c ON c.id = u.claim_id JOIN sources s ON s.id = c.source_id WHERE s.file_name = 'links.tsv' AND c.line = 2608 AND u.side = 'cn'`).get() as { reason: string };
    expect(row.reason).toBe('3 places are called Jinzhou in CN and the document does not say which');
  });
});
