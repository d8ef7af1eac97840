// Chinese places written the Korean way (Hangul: Sino-Korean readings and the Mandarin transcription) and the
// Japanese way (shinjitai kanji, katakana), through the built gazetteer and the resolver.
// Expectations written by hand from general knowledge of the places, not copied from the built files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, type Gazetteer } from '../src/gazetteer/index.js';
import { applyRules, hangulStem, initialSound, koreanReadings, parseHanjaTable } from '../src/gazetteer/korean.js';
import { createGazetteerResolver } from '../src/resolve/resolver.js';
import { aliasTable } from '../src/resolve/aliases.js';
import type { Resolver } from '../src/resolve/types.js';

let g: Gazetteer;
let r: Resolver;
beforeAll(() => {
  g = loadGazetteer();
  r = createGazetteerResolver(g, aliasTable([]));
});

const cn = (name: string) => r.resolve({ name, country: 'CN', side: 'cn' });

describe('the initial-sound rule (두음법칙)', () => {
  it('changes ㄹ and ㄴ at the start of a word only', () => {
    expect(initialSound('료')).toBe('요');
    expect(initialSound('락')).toBe('낙');
    expect(initialSound('녕')).toBe('영');
    expect(initialSound('룡')).toBe('용');
    expect(initialSound('대')).toBe('대');
    expect(applyRules(['료', '녕'])).toBe('요녕');
    expect(applyRules(['흑', '룡', '강'])).toBe('흑룡강');
    expect(applyRules(['라', '렬'])).toBe('나열');
  });

  it('reads a name from the table, with and without its suffix, never from simplified characters', () => {
    const t = parseHanjaTable('大\t대:0E\tkHangul\n連\t련:0E 연:0\tkHangul\n市\t시:0E\tkHangul\n遼\t료:0N 요:0\tkHangul\n寧\t녕:0E 령:0 영:0\tkHangul\n省\t생:0 성:0E\tkHangul\n');
    expect(koreanReadings('大连市', [], t).main).toEqual(['대련', '대련시']);
    const ln = koreanReadings('辽宁省', [], t);
    expect(ln.main).toEqual(['요녕', '요녕성']);
    expect(ln.variants).toContain('요령성');
  });

  it('finds the stem of a Hangul name', () => {
    expect(hangulStem('대련시')).toBe('대련');
    expect(hangulStem('연변조선족자치주')).toBe('연변');
    expect(hangulStem('광시좡족자치구')).toBe('광시');
    expect(hangulStem('광주')).toBeNull();
  });
});

describe('Korean names of Chinese places', () => {
  it.each([
    ['대련시', 'cn:210200'],
    ['대련', 'cn:210200'],
    ['다롄', 'cn:210200'],
    ['다롄시', 'cn:210200'],
    ['다롄 시', 'cn:210200'],
    ['심양시', 'cn:210100'],
    ['선양', 'cn:210100'],
    ['청도시', 'cn:370200'],
    ['칭다오', 'cn:370200'],
    ['산동성', 'cn:370000'],
    ['산둥성', 'cn:370000'],
    ['요녕성', 'cn:210000'],
    ['요령성', 'cn:210000'],
    ['랴오닝성', 'cn:210000'],
    ['흑룡강성', 'cn:230000'],
    ['헤이룽장성', 'cn:230000'],
    ['하얼빈시', 'cn:230100'],
    ['하얼빈', 'cn:230100'],
    ['상해시', 'cn:310000'],
    ['상하이', 'cn:310000'],
    ['북경', 'cn:110000'],
    ['베이징', 'cn:110000'],
    ['길림성', 'cn:220000'],
    ['지린성', 'cn:220000'],
    ['연변조선족자치주', 'cn:222400'],
    ['연변', 'cn:222400'],
    ['광주시', 'cn:440100'],
    ['광저우', 'cn:440100'],
  ])('%s → %s', (name, id) => {
    const res = cn(name);
    expect(res.place?.id, JSON.stringify(res.candidates ?? res.reason)).toBe(id);
  });

  it('gives the GB/T 2260 code of Dalian', () => {
    expect(cn('대련시').place?.gbt2260).toBe('210200');
    expect(g.byNameIn('다롄', 'CN').map((p) => p.gbt2260)).toEqual(['210200']);
  });

  it('leaves a reading that two Chinese places share ambiguous, with both as candidates', () => {
    // 山西 and 陕西 are both 산시 in the Mandarin transcription
    const sx = cn('산시성');
    expect(sx.place).toBeNull();
    expect(sx.candidates?.map((c) => c.id).sort()).toEqual(['cn:140000', 'cn:610000']);
    // 萍乡 and 平乡 are both read 평향; 萍乡市 (far more populous) is not picked by population
    const px = cn('평향');
    expect(px.place).toBeNull();
    expect(px.candidates?.map((c) => c.id).sort()).toEqual(['cn:130532', 'cn:360300']);
    // the suffix tells them apart
    expect(cn('평향시').place?.id).toBe('cn:360300');
  });

  it('takes a name people use (places-ko.tsv, GeoNames) over a reading another place shares', () => {
    // 定州 and 郑州 are both read 정주; Korean writes 정주 for 郑州 (places-ko.tsv)
    expect(cn('정주시').place?.id).toBe('cn:410100');
    // 沈阳 and 沁阳 are both read 심양; GeoNames gives 심양 for 沈阳
    expect(cn('심양').place?.id).toBe('cn:210100');
  });

  it('does not give a Chinese place for a Korean name asked for in Korea', () => {
    // 전주 is Jeonju (全州), Korea, and also the reading of 全州县 in Guangxi
    const res = r.resolve({ name: '전주시', country: 'KR', side: 'foreign' });
    expect(res.place?.country ?? null).not.toBe('CN');
    expect((res.candidates ?? []).every((c) => c.country !== 'CN')).toBe(true);
    expect(g.byNameIn('전주', 'KR').every((p) => p.source !== 'gbt2260')).toBe(true);
  });

  it('finds 全州县 for 전주 on the Chinese side only when no other Chinese place reads so', () => {
    const xs = g.byNameLoose('전주', 'CN');
    expect(xs.map((p) => p.id)).toContain('cn:450324');
    const res = cn('전주');
    if (xs.length === 1) expect(res.place?.id).toBe('cn:450324');
    else expect(res.place).toBeNull();
  });

  it('finds nothing for Hangul that is no Chinese place', () => {
    expect(g.byName('안녕하세요')).toEqual([]);
    expect(cn('안녕하세요').place).toBeNull();
  });
});

describe('Japanese names of Chinese places', () => {
  it.each([
    ['大連市', 'cn:210200'],
    ['広州市', 'cn:440100'],
    ['瀋陽市', 'cn:210100'],
    ['黒竜江省', 'cn:230000'],
    ['蘇州市', 'cn:320500'],
    ['浙江省', 'cn:330000'],
    ['遼寧省', 'cn:210000'],
    ['ハルビン', 'cn:230100'],
    ['ウルムチ', 'cn:650100'],
    ['アモイ', 'cn:350200'],
    ['広西チワン族自治区', 'cn:450000'],
    ['内モンゴル自治区', 'cn:150000'],
  ])('%s → %s', (name, id) => {
    const res = cn(name);
    expect(res.place?.id, JSON.stringify(res.candidates ?? res.reason)).toBe(id);
  });
});

describe('coverage', () => {
  it('reads nearly every prefecture-level division (measured by the build, manifest.json)', () => {
    const dir = dirname(fileURLToPath(import.meta.url));
    const m = JSON.parse(readFileSync(join(dir, '..', 'data', 'gazetteer', 'manifest.json'), 'utf8')) as {
      counts: Record<string, number>;
    };
    expect(m.counts.koPrefectures).toBeGreaterThan(300);
    expect(m.counts.koPrefecturesRead / m.counts.koPrefectures).toBeGreaterThan(0.95);
  });
});
