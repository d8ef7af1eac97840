// Whole documents through read → normalize → store, checked against counts and rows written by hand
// from the four published lists.
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRegistry, type DB } from '../src/registry/db.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { claimRecords } from '../src/publish/export.js';
import { qualityReport } from '../src/registry/quality.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';

const sample = (n: string) => join(SAMPLES_DIR, n);
const F000 = '000_0f381ef73e09f27f.txt';
const F001 = '001_2be138cf16039818.txt';
const F002 = '002_1b86fcdda1af5c3a.txt';
const F003 = '003_d8932dca6923e789.txt';

describe('the four samples', () => {
  let db: DB;
  let claims: Array<Record<string, any>>;
  beforeAll(async () => {
    db = (await sampleRegistry()).db;
    claims = [...claimRecords(db)];
  });
  const of = (f: string) => claims.filter((c) => c.source === f);
  const at = (f: string, line: number) => of(f).filter((c) => c.line === line);

  it('reads every relationship row as a claim: 540 in all', () => {
    expect(claims.length).toBe(540);
    expect(of(F000).length).toBe(41);
    expect(of(F001).length).toBe(40);
    expect(of(F002).length).toBe(107);
    expect(of(F003).length).toBe(352);
  });

  it('Dalian: 9 sister + 25 cooperation listed, 7 doubtful from comments', () => {
    const listed = of(F000).filter((c) => c.status === 'listed');
    expect(listed.filter((c) => c.kind === 'sister').length).toBe(9);
    expect(listed.filter((c) => c.kind === 'cooperation').length).toBe(25);
    const doubtful = of(F000).filter((c) => c.status === 'doubtful');
    expect(doubtful.map((c) => c.foreign_place_zh_hans).sort()).toEqual(
      ['伊万里市', '塞瓦斯托波尔', '比奥比奥大区', '温哥华', '温哥华', '素林府', '釜山广域市'].sort(),
    );
    expect(listed.every((c) => c.cn_place === '大连市')).toBe(true);
  });

  it('Dalian line 14: 奧克蘭 in the United States, 1982-03-30', () => {
    const [c] = at(F000, 14);
    expect(c).toMatchObject({
      cn_place: '大连市',
      foreign_place: '奧克蘭',
      foreign_place_zh_hans: '奥克兰',
      country_iso2: 'US',
      date: '1982-03-30',
      date_precision: 'day',
      kind: 'sister',
      status: 'listed',
    });
  });

  it('Dalian line 41: 素林府 only in a comment is doubtful with the remark as note', () => {
    const [c] = at(F000, 41);
    expect(c).toMatchObject({ foreign_place: '素林府', country_iso2: 'TH', date: '2008-05-25', status: 'doubtful', kind: 'cooperation' });
    expect(c.note).toContain('存疑');
  });

  it('Dalian line 22: 英国苏格兰 is GB', () => {
    expect(at(F000, 22)[0]).toMatchObject({ foreign_place_zh_hans: '格拉斯哥', country_iso2: 'GB', date: '1987-10-27' });
  });

  it("Xi'an line 7: a bilingual cell with a qualifier, dated in Chinese", () => {
    const [c] = at(F001, 7);
    expect(c).toMatchObject({ foreign_place_zh_hans: '堪萨斯市', foreign_place_en: 'Kansas city', country_iso2: 'US', date: '1989-04-29', date_precision: 'day', kind: 'sister' });
  });

  it("Xi'an line 18 and 22: dates with stray spaces", () => {
    expect(at(F001, 18)[0]).toMatchObject({ foreign_place_en: 'Quebec', date: '2001-05-11' });
    expect(at(F001, 22)[0]).toMatchObject({ foreign_place_en: 'Cuenca', date: '2010-09-08', country_iso2: 'EC' });
  });

  it('Guangzhou: two lists, two kinds, and the two 奥克兰', () => {
    expect(of(F002).filter((c) => c.kind === 'sister').length).toBe(38);
    expect(of(F002).filter((c) => c.kind === 'cooperation').length).toBe(69);
    expect(at(F002, 16)[0]).toMatchObject({ foreign_place: '奥克兰', country_iso2: 'NZ', date: '1989-02-17', kind: 'sister' });
    expect(at(F002, 92)[0]).toMatchObject({ foreign_place: '奥克兰', country_iso2: 'US', date: '2019-07-18', kind: 'cooperation' });
    expect(at(F002, 77)[0]).toMatchObject({ foreign_place: '金沙萨', country: '刚果(金)', country_iso2: 'CD' });
    expect(at(F002, 94)[0]).toMatchObject({ foreign_place: '布拉柴维尔', country_iso2: 'CG' });
    expect(at(F002, 62)[0]).toMatchObject({ foreign_place: '比什凯克', country: '吉尔吉斯', country_iso2: 'KG' });
  });

  it('the all-China list: carried-down Chinese places, compound names, markers, partial dates', () => {
    expect(at(F003, 13)[0]).toMatchObject({ cn_place: '北京市', foreign_place: '紐約', date: '1980-02-25', country: null, country_iso2: null });
    expect(at(F003, 174)[0]).toMatchObject({ cn_place: '東城區', foreign_place: '東京都新宿區', date: '1997-05-22' });
    expect(at(F003, 243)[0]).toMatchObject({ cn_place: '澳門', foreign_place: '布魯塞爾', kind: 'other', marker: '友好協約書' });
    expect(at(F003, 548)[0]).toMatchObject({ cn_place: '信陽市溮河區', foreign_place: '新見市', country_iso2: 'JP', date: '1992-04-16' });
    expect(at(F003, 518)[0]).toMatchObject({ country: '阿爾及利亞大', country_iso2: 'DZ', foreign_place: '阿爾及爾省' });
  });
});

describe('declared totals', () => {
  it('are confirmed for 000, 001 and 002', async () => {
    const { db } = await sampleRegistry();
    const report = qualityReport(db);
    const totals = report.documents.flatMap((d) => d.totals);
    const find = (src: string, places: number) => totals.find((t) => t.source === src && t.declared.places === places)!;
    expect(find(F000, 9).ok).toBe(true);
    expect(find(F000, 25).ok).toBe(true);
    const xian = find(F001, 40);
    expect(xian.declared.countries).toBe(33);
    expect(xian.rows).toEqual({ countries: 33, places: 40 });
    const gz = find(F002, 107);
    expect(gz.declared.countries).toBe(68);
    expect(gz.rows).toEqual({ countries: 68, places: 107 });
    expect(gz.ok).toBe(true);
  });
});

describe('versions', () => {
  it('ingesting the same file again changes nothing; a changed file is a new version', () => {
    const dir = tempDir();
    const db = openRegistry(join(dir, 'r.db'));
    const first = ingestFile(db, sample(F001), { owner: '西安市' });
    expect(first.status).toBe('added');
    expect(ingestFile(db, sample(F001), { owner: '西安市' }).status).toBe('unchanged');
    expect(db.prepare('SELECT COUNT(*) FROM claims').pluck().get()).toBe(40);
    const copy = join(dir, F001);
    writeFileSync(copy, readFileSync(sample(F001), 'utf8').replace('1974年2月1日', '1974年2月2日'));
    const second = ingestFile(db, copy, { owner: '西安市' });
    expect(second).toMatchObject({ status: 'added', version: 2, rows: 40 });
  });
});

describe('bad input', () => {
  const dir = tempDir();
  const db = openRegistry(join(dir, 'bad.db'));
  const write = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('an empty file is refused with a clear message', () => {
    const r = ingestFile(db, write('empty.txt', ''));
    expect(r.status).toBe('refused');
    expect(r.messages[0]).toMatchObject({ file: 'empty.txt', severity: 'error' });
    expect(r.messages[0].reason).toMatch(/empty/);
  });

  it('a binary file is refused', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = ingestFile(db, write('photo.jpg', bytes));
    expect(r.status).toBe('refused');
    expect(r.messages[0].reason).toMatch(/binary/);
  });

  it('a document with no tie in it is refused, saying what it saw, and stores nothing', () => {
    const before = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
    const r = ingestFile(db, write('letter.txt', 'Dear colleagues,\nthank you for your visit last spring.\nBest regards\n'));
    expect(r.status).toBe('refused');
    expect(r.messages[0]).toMatchObject({ severity: 'error', code: 'no-rows' });
    // Three lines of a letter: the reason says so.
    expect(r.messages[0].reason).toMatch(/no rows/);
    expect(r.messages[0].reason).toMatch(/3 lines/);
    expect((db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n).toBe(before);
  });

  it('an unknown --format is refused', () => {
    const r = ingestFile(db, sample(F001), { format: 'excel' });
    expect(r.status).toBe('refused');
    expect(r.messages[0].reason).toMatch(/unknown format "excel"/);
  });

  it('a truncated table keeps its good rows and says where it broke', () => {
    const text = readFileSync(sample(F001), 'utf8');
    const cut = text.slice(0, text.indexOf('| 德国 | 欧洲 | 1992'));
    const r = ingestFile(db, write('truncated.txt', cut), { owner: '西安市' });
    expect(r.status).toBe('added');
    expect(r.rows).toBeGreaterThanOrEqual(6);
    expect(r.messages.some((m) => m.line === 9 && m.severity !== 'info')).toBe(true);
  });

  it('a malformed date keeps the row, with no date and a message naming the line', () => {
    const text = readFileSync(sample(F002), 'utf8').replace('1979.05.02', '1979.13.02');
    const r = ingestFile(db, write('baddate.txt', text), { owner: '广州市' });
    expect(r.rows).toBe(107);
    const m = r.messages.find((x) => x.line === 8);
    expect(m?.severity).toBe('warning');
    const row = db.prepare("SELECT date, date_text, date_precision FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.file_name = 'baddate.txt' AND line = 8").get();
    expect(row).toEqual({ date: null, date_text: '1979.13.02', date_precision: 'none' });
  });

  it('a document whose owner is not named keeps its rows with an unnamed owner', () => {
    const r = ingestFile(db, write('no-owner.txt', readFileSync(sample(F001), 'utf8')));
    expect(r.rows).toBe(40);
    expect(r.owner).toBeNull();
    expect(r.messages.some((m) => /--owner/.test(m.reason))).toBe(true);
  });
});

describe('large documents', () => {
  it('a 150,000-row list is read whole (no stack overflow from spreading large arrays)', async () => {
    const { delimitedDocument } = await import('../bench/generate.js');
    const dir = tempDir();
    const file = join(dir, 'big.txt');
    writeFileSync(file, delimitedDocument(150_000));
    const db = openRegistry(join(dir, 'big.db'));
    const r = ingestFile(db, file, { owner: '大连市' });
    expect(r.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(r.rows).toBe(150_000);
  });
});
