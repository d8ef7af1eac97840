// Property tests of the reading kit: the same ties laid out differently give the same claims.
//
// The ties are real, read from the hand-written expectations of three world fixtures:
//  - test/fixtures/world/D-zh-xian-friendship-table.expected.tsv (西安市's partners, simplified script, day dates)
//  - test/fixtures/world/E-zh-hant-china-japan-pairs.expected.tsv (Japanese partners, traditional script, day and year dates)
//  - test/fixtures/world/A-en-wikipedia-list-china.expected.tsv (English names, no dates), the country as the
//    Markdown fixture A-en-wikipedia-list-china.md writes it (`- JPN Amagasaki, Japan`)
// fast-check picks a subset in some order; each subset is written as a Markdown list, a plain-text bullet list,
// tables (pipes, tabs, runs of spaces), HTML pages (<ul>, <table>) and in traditional script, each to a temp
// file read by previewFile (the whole dry-run path) with owner 西安市. Every layout must give exactly the
// subset's (foreign place in simplified script, ISO2 country, ISO date) triples.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { previewFile } from '../src/ingest/preview.js';

const WORLD = join(import.meta.dirname, 'fixtures', 'world');

interface Tie {
  /** The foreign place as the document writes it. */
  place: string;
  /** The foreign place in simplified script (what the claim's foreignPlaceZhHans must be). */
  simplified: string;
  /** The country as written in the document. */
  country: string;
  iso2: string;
  /** The date as written (Chinese form), '' when the source gives none. */
  date: string;
  dateIso: string | null;
}

function tsv(name: string): string[][] {
  return readFileSync(join(WORLD, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#') && !l.startsWith('cn_place\t'))
    .map((l) => l.split('\t'));
}

/** ISO date (1974-02-01 or 1999) → the Chinese form lists write (1974年2月1日, 1999年). */
function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return `${y}年`;
  if (!d) return `${y}年${Number(m)}月`;
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** Chinese names of the countries of the D and E fixtures, as the Xi'an list writes them (data/samples/001). */
const ZH_COUNTRY: Record<string, string> = {
  JP: '日本', GB: '英国', FR: '法国', US: '美国', IR: '伊朗', DE: '德国', PK: '巴基斯坦', KR: '韩国', RO: '罗马尼亚',
  UA: '乌克兰', TR: '土耳其', NP: '尼泊尔', BR: '巴西', CA: '加拿大', AR: '阿根廷', IT: '意大利', GR: '希腊',
  EC: '厄瓜多尔', NL: '荷兰', ME: '黑山',
};

/** The E fixture's Japanese partners in simplified script, written by hand. */
const E_SIMPLIFIED: Record<string, string> = {
  東京都: '东京都', 橫濱市: '横滨市', 大阪市: '大阪市', 大阪府: '大阪府', 八尾市: '八尾市', 枚方市: '枚方市',
  寢屋川市: '寝屋川市', 泉佐野市: '泉佐野市', 廣島市: '广岛市', 都城市: '都城市', 新潟縣三條市: '新潟县三条市', 神戶市: '神户市',
};

const D_TIES: Tie[] = tsv('D-zh-xian-friendship-table.expected.tsv').map(([, place, iso2, date]) => ({
  place, simplified: place, country: ZH_COUNTRY[iso2], iso2, date: chineseDate(date), dateIso: date,
}));

const E_TIES: Tie[] = tsv('E-zh-hant-china-japan-pairs.expected.tsv').map(([, place, iso2, date]) => ({
  place, simplified: E_SIMPLIFIED[place], country: '日本', iso2, date: chineseDate(date), dateIso: date,
}));

/** English ties: the simple `- XXX Name, Country` lines of the A fixture, checked against its expected TSV. */
const A_TIES: Tie[] = (() => {
  const expected = tsv('A-en-wikipedia-list-china.expected.tsv');
  const out: Tie[] = [];
  const seen = new Set<string>();
  for (const l of readFileSync(join(WORLD, 'A-en-wikipedia-list-china.md'), 'utf8').split('\n')) {
    const m = /^- [A-Z]{3} ([^,()]+), ([^,()]+)$/.exec(l.trim());
    if (!m) continue;
    const [, place, country] = m;
    const row = expected.find((r) => r[1] === place);
    if (!row || seen.has(place)) continue;
    seen.add(place);
    out.push({ place, simplified: place, country, iso2: row[2], date: '', dateIso: null });
  }
  return out;
})();

const TIES: Tie[] = [...D_TIES, ...E_TIES, ...A_TIES];

const TITLE = '西安市国际友好城市';
const HEADER = ['城市', '国家', '结好时间'];
const toTw = OpenCC.Converter({ from: 'cn', to: 'tw' });

const itemText = (t: Tie) => `${t.place}, ${t.country}${t.date ? ` (${t.date})` : ''}`;
const cells = (t: Tie) => [t.place, t.country, t.date];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);

/** Each layout: a file name and the document's text. */
const LAYOUTS: Record<string, { file: string; render: (ties: Tie[]) => string }> = {
  'markdown list': { file: 'list.md', render: (ts) => [`## ${TITLE}`, '', ...ts.map((t) => `- ${itemText(t)}`), ''].join('\n') },
  'text bullets': { file: 'list.txt', render: (ts) => [TITLE, '', ...ts.map((t) => `• ${itemText(t)}`), ''].join('\n') },
  'pipe table': {
    file: 'pipes.txt',
    render: (ts) => [TITLE, '', HEADER.join(' | '), ...ts.map((t) => cells(t).join(' | ').trimEnd()), ''].join('\n'),
  },
  'tab table': {
    file: 'tabs.txt',
    render: (ts) => [TITLE, '', HEADER.join('\t'), ...ts.map((t) => cells(t).join('\t')), ''].join('\n'),
  },
  'space-run table': {
    file: 'spaces.txt',
    render: (ts) => {
      const rows = [HEADER, ...ts.map(cells)];
      const w = [0, 1].map((k) => Math.max(...rows.map((r) => width(r[k]))) + 4);
      const pad = (s: string, n: number) => s + ' '.repeat(n - width(s));
      return [TITLE, '', ...rows.map((r) => `${pad(r[0], w[0])}${pad(r[1], w[1])}${r[2]}`.trimEnd()), ''].join('\n');
    },
  },
  'html list': {
    file: 'list.html',
    render: (ts) =>
      [
        '<!DOCTYPE html>',
        `<html><head><meta charset="utf-8"><title>${TITLE}</title></head><body>`,
        `<h2>${TITLE}</h2>`,
        '<ul>',
        ...ts.map((t) => `<li>${esc(itemText(t))}</li>`),
        '</ul>',
        '</body></html>',
        '',
      ].join('\n'),
  },
  'html table': {
    file: 'table.html',
    render: (ts) =>
      [
        '<!DOCTYPE html>',
        `<html><head><meta charset="utf-8"><title>${TITLE}</title></head><body>`,
        `<h2>${TITLE}</h2>`,
        '<table>',
        `<tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr>`,
        ...ts.map((t) => `<tr>${cells(t).map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`),
        '</table>',
        '</body></html>',
        '',
      ].join('\n'),
  },
};

const dir = mkdtempSync(join(tmpdir(), 'youcheng-kit-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Triple = string;
const triple = (place: string | null, iso2: string | null, date: string | null): Triple => JSON.stringify([place, iso2, date]);
const expectedTriples = (ts: Tie[]) => ts.map((t) => triple(t.simplified, t.iso2, t.dateIso)).sort();

let fileNo = 0;
/** Writes the document to a fresh temp file and returns the sorted triples of its claims (and the preview). */
async function claimTriples(fileName: string, text: string) {
  const path = join(dir, `${++fileNo}-${fileName}`);
  writeFileSync(path, text);
  const p = await previewFile(path, { owner: '西安市' });
  const triples = p.claims.map((c) => triple(c.foreignPlaceZhHans ?? c.foreignPlaceEn, c.countryIso2, c.dateIso)).sort();
  return { preview: p, triples };
}

const subsets = (pool: Tie[]) => fc.shuffledSubarray(pool, { minLength: 1, maxLength: 10 });
const RUNS = { numRuns: 30 };

describe('the ties used', () => {
  it('are read from the fixtures as their expectations write them', () => {
    expect(D_TIES).toHaveLength(22);
    expect(D_TIES[0]).toEqual({ place: '奈良市', simplified: '奈良市', country: '日本', iso2: 'JP', date: '1974年2月1日', dateIso: '1974-02-01' });
    expect(E_TIES).toHaveLength(12);
    expect(E_TIES[9]).toEqual({ place: '都城市', simplified: '都城市', country: '日本', iso2: 'JP', date: '1999年', dateIso: '1999' });
    expect(A_TIES.length).toBeGreaterThan(50);
    expect(A_TIES.find((t) => t.place === 'Amagasaki')).toEqual({ place: 'Amagasaki', simplified: 'Amagasaki', country: 'Japan', iso2: 'JP', date: '', dateIso: null });
    expect(TIES.every((t) => t.country && t.simplified)).toBe(true);
  });
});

describe('kit properties: every layout of a subset of real ties gives exactly that subset', () => {
  for (const [name, { file, render }] of Object.entries(LAYOUTS)) {
    it(`${name} (simplified and traditional Chinese, English)`, async () => {
      await fc.assert(
        fc.asyncProperty(subsets(TIES), async (ts) => {
          const doc = render(ts);
          const got = await claimTriples(file, doc);
          expect(got.preview.status, doc).toBe('read');
          expect(got.triples, doc).toEqual(expectedTriples(ts));
          expect(got.preview.claims.every((c) => c.status === 'listed' && c.cnPlaceZhHans === '西安市'), doc).toBe(true);
        }),
        RUNS,
      );
    });

    it(`${name}, the whole document in traditional script (OpenCC cn → tw)`, async () => {
      await fc.assert(
        fc.asyncProperty(subsets([...D_TIES, ...E_TIES]), async (ts) => {
          const doc = toTw(render(ts));
          const got = await claimTriples(file, doc);
          expect(got.preview.status, doc).toBe('read');
          expect(got.triples, doc).toEqual(expectedTriples(ts));
        }),
        RUNS,
      );
    });
  }

  it('all layouts of one subset give the same claims as each other', async () => {
    await fc.assert(
      fc.asyncProperty(subsets(TIES), async (ts) => {
        const all = [];
        for (const { file, render } of Object.values(LAYOUTS)) all.push((await claimTriples(file, render(ts))).triples);
        all.push((await claimTriples('list-tw.md', toTw(LAYOUTS['markdown list'].render(ts)))).triples);
        for (const t of all) expect(t).toEqual(all[0]);
      }),
      { numRuns: 25 },
    );
  });
});
