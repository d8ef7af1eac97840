// The scorer of the world corpus (test/corpus-score.ts), on small hand-made cases.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { score, loadExpected, loadExpectedMeta, nameMatch, gotRowsFromDryRun, type ExpectedRow, type GotRow } from './corpus-score.js';

let n = 0;
const ex = (cnPlace: string, foreignPlace: string, country = '', date = '', kind = 'sister', status = 'listed'): ExpectedRow => ({
  line: ++n,
  cnPlace,
  foreignPlace,
  country,
  date,
  kind,
  status,
});
const got = (cnPlace: string | null, foreignPlace: string | null, countryIso2: string | null, dateIso: string | null = null, kind = 'sister', extra: Partial<GotRow> = {}): GotRow => ({
  cnPlace,
  foreignPlace,
  countryIso2,
  dateIso,
  kind,
  status: 'listed',
  ...extra,
});

describe('score()', () => {
  it('a hit: both sides, country, date and kind match', () => {
    const s = score([ex('大连市', '北九州市', 'JP', '1979-05-01')], [got('大连市', '北九州市', 'JP', '1979-05-01')]);
    expect(s).toMatchObject({ tp: 1, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1, misses: [], extras: [] });
    expect(s.full.f1).toBe(1);
    expect(s.dateAccuracy).toBe(1);
    expect(s.kindAccuracy).toBe(1);
  });

  it('a miss and an extra', () => {
    const s = score([ex('大连市', '北九州市', 'JP'), ex('大连市', '舞鹤市', 'JP')], [got('大连市', '北九州市', 'JP'), got('大连市', '奥克兰市', 'US')]);
    expect(s.tp).toBe(1);
    expect(s.fn).toBe(1);
    expect(s.fp).toBe(1);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBe(0.5);
    expect(s.misses).toHaveLength(1);
    expect(s.misses[0]).toContain('舞鹤市');
    expect(s.extras).toHaveLength(1);
    expect(s.extras[0]).toContain('奥克兰市');
  });

  it('traditional script matches simplified', () => {
    const s = score([ex('大连市', '舞鹤市', 'JP')], [got('大連市', '舞鶴市', 'JP')]);
    expect(s.tp).toBe(1);
    expect(nameMatch('上海市長寧區', '上海市长宁区')).toBe(2);
  });

  it('administrative suffixes are folded away (市, 省, 시, City, Province)', () => {
    expect(nameMatch('大连', '大连市')).toBe(2);
    expect(nameMatch('江苏', '江蘇省')).toBe(2);
    expect(nameMatch('대련시', '대련')).toBe(2);
    expect(nameMatch('Kansas City', 'kansas')).toBe(2);
    expect(nameMatch('Shandong Province', 'Shandong')).toBe(2);
    // A suffix is only cut once, and a name that ends in one still matches itself written whole.
    expect(nameMatch('苏州', '苏州市')).toBe(2);
    expect(score([ex('Dalian', 'Kitakyushu', 'JP')], [got('DALIAN CITY', 'Kitakyushu City', 'JP')]).tp).toBe(1);
  });

  it('containment counts when the shorter name has ≥ 2 CJK characters or ≥ 4 letters', () => {
    expect(nameMatch('江苏省苏州市', '苏州')).toBe(1);
    expect(nameMatch('Dongdaemun (Seoul)', 'Dongdaemun')).toBe(1);
    expect(nameMatch('清州', '州')).toBe(0);
    expect(nameMatch('Kep', 'Kepler')).toBe(0);
  });

  it('the country must match unless the expected one is empty', () => {
    expect(score([ex('北京', 'Paris', 'FR')], [got('北京', 'Paris', 'US')]).tp).toBe(0);
    expect(score([ex('北京', 'Paris', '')], [got('北京', 'Paris', 'US')]).tp).toBe(1);
  });

  it('the foreign side is foreignPlace, else foreignPlaceEn; foreignPlaceEn also matches', () => {
    expect(score([ex('西安市', 'Nara', 'JP')], [got('西安市', '奈良市', 'JP', null, 'sister', { foreignPlaceEn: 'Nara' })]).tp).toBe(1);
    expect(score([ex('西安市', 'Nara', 'JP')], [got('西安市', null, 'JP', null, 'sister', { foreignPlaceEn: 'Nara' })]).tp).toBe(1);
  });

  it('date and kind are field accuracies: tie-F1 ignores them, full-F1 requires them', () => {
    const s = score(
      [ex('石家庄市', '长野市', 'JP', '1981-04-19'), ex('石家庄市', '爱迪生市', 'US', '1996-11', 'other')],
      [got('石家庄市', '长野市', 'JP', '1981-04'), got('石家庄市', '爱迪生市', 'US', '1996-11', 'sister')],
    );
    expect(s.f1).toBe(1);
    expect(s.dateAccuracy).toBe(0.5);
    expect(s.kindAccuracy).toBe(0.5);
    expect(s.full.tp).toBe(0);
    expect(s.full.f1).toBe(0);
    expect(s.fieldErrors).toHaveLength(2);
  });

  it('matching is one-to-one, and exact names are preferred to containment', () => {
    const s = score([ex('Beihai', 'Leduc', 'CA'), ex('Beihai', 'Leduc County', 'CA')], [got('Beihai', 'Leduc County', 'CA'), got('Beihai', 'Leduc', 'CA')]);
    expect(s.tp).toBe(2);
    const dup = score([ex('Dalian', 'Oakland', 'US')], [got('Dalian', 'Oakland', 'US'), got('Dalian', 'Oakland', 'US')]);
    expect(dup.tp).toBe(1);
    expect(dup.fp).toBe(1);
  });

  it('no claims: recall 0, F1 0; no ties and no claims: F1 1', () => {
    expect(score([ex('大连市', '北九州市', 'JP')], []).f1).toBe(0);
    expect(score([], []).f1).toBe(1);
  });
});

describe('loadExpected() and the dry-run output', () => {
  it('reads comments, the header and rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-score-'));
    const f = join(dir, 'x.expected.tsv');
    writeFileSync(f, '# owner: 大连市\ncn_place\tforeign_place\tcountry\tdate\tkind\tstatus\n大连市\t北九州市\tJP\t1979-05-01\tsister\tlisted\n大连市\t某市\t\t\tother\tdoubtful\n');
    const rows = loadExpected(f);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ line: 3, cnPlace: '大连市', foreignPlace: '北九州市', country: 'JP', date: '1979-05-01', kind: 'sister', status: 'listed' });
    expect(rows[1]).toMatchObject({ country: '', date: '', kind: 'other', status: 'doubtful' });
    expect(loadExpectedMeta(f).owner).toBe('大连市');
  });

  it('rejects a row with an unknown kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yc-score-'));
    const f = join(dir, 'y.expected.tsv');
    writeFileSync(f, 'cn_place\tforeign_place\tcountry\tdate\tkind\tstatus\nA\tB\tJP\t\tfriend\tlisted\n');
    expect(() => loadExpected(f)).toThrow(/kind/);
  });

  it('a claim without a Chinese side stands for the owner', () => {
    const rows = gotRowsFromDryRun({ owner: '大连市', claims: [{ cnPlace: null, foreignPlace: '北九州市', countryIso2: 'JP' }] });
    expect(score([ex('大连', '北九州', 'JP')], rows).tp).toBe(1);
  });
});
