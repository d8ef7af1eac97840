// Precision of prose: titles, organisations, events and prefixes are no places; the places after a plural
// `districts of` are where the districts lie; foreign names after another foreign place's `con` are its partners,
// not China's. The phrases are quotes of documents of test/fixtures/world-unseen and world-fourth (SOURCES.md);
// the expected values were written by hand from reading them. Needs the gazetteer built (npm run build).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { placeQuestions as q, readWithKit } from '../src/readers/lists.js';
import { proseTies } from '../src/assemble/prose.js';
import { namesNoPlace, DISTRICTS_OF } from '../src/assemble/not-a-place.js';

const ties = (s: string, owner: string | null) => proseTies(s, q, owner, 2000).map((t) => [t.cnPlace, t.place]);

describe('words that name no place', () => {
  it('titles, organisations, events, headings and prefixes', () => {
    for (const w of ['Councillor Kok', 'Lord Mayor I', 'Sydney Week', 'News Agency', 'Foreign Countries', 'EXECUTIVE SUMMARY From Sunday', 'Sino-']) expect(namesNoPlace(w)).toBe(true);
  });
  it('not places, whatever their length (negative)', () => {
    for (const w of ['Sydney', 'Kobe', 'Weimar', 'Saint-Louis', 'Iekaterinbourg', 'Union City']) expect(namesNoPlace(w)).toBe(false);
  });
  it('a plural `districts of`, not a singular one', () => {
    expect(DISTRICTS_OF.test('un jumelage entre deux districts de ')).toBe(true);
    expect(DISTRICTS_OF.test('el distrito de ')).toBe(false);
  });
});

describe('prose sentences', () => {
  it('no tie with a title, an event or an organisation', () => {
    const s = 'EXECUTIVE SUMMARY From Sunday 29 May to Friday 3 June 2016, as Lord Mayor I led a 100-person delegation to with Councillor Kok for a Sydney Week in Guangzhou to celebrate the 30th anniversary of our Sister City relationship with Guangzhou.';
    expect(ties(s, 'Guangzhou')).toEqual([]);
  });
  it('the possessive of a country is no part of the name after it', () => {
    expect(ties("The first pair of sister cities was formed in 1973 between China's Tianjin and Japan's Kobe.", null)).toEqual([['Tianjin', 'Kobe']]);
  });
  it('`Sino-` is no name', () => {
    expect(ties('A look at two Sino-Russia friendly cities: Guangzhou and Yekaterinburg', null).map((t) => t[1])).not.toContain('Sino-');
  });
  it('the places after a plural `districts de` are no partners; the pair after them is', () => {
    const s = '« Signature d’un accord de jumelage entre deux districts de Paris et Nanjing », titre sans fioriture. Le 25 février dernier, organisée à Nanjing, Puteaux et Jiangning ont conclu un jumelage.';
    const got = ties(s, 'Nanjing');
    expect(got).not.toContainEqual(['Nanjing', 'Paris']);
    expect(got).toContainEqual(['Jiangning', 'Puteaux']);
  });
  it('foreign cities after another foreign place’s `con` are its partners; one after a kind word’s `con` is China’s', () => {
    const s = 'Il gemellaggio con Nantong va ad aggiungersi a quelli già in essere della città di Siena con le città tedesche di Weimar e Wetzlar, la francese Avignone e L’Aquila. Per Nantong invece il gemellaggio con Siena è il secondo con una città italiana: dal 1999 è infatti gemellata con Civitavecchia.';
    const got = ties(s, 'Nantong').map((t) => t[1]);
    for (const w of ['Weimar', 'Wetzlar', 'Avignone', 'L’Aquila']) expect(got).not.toContain(w);
    expect(got).toContain('Civitavecchia');
  });
});

describe('a foreign-side page that names its sections by their partners', () => {
  // The page of test/fixtures/world-fifth/E-ja-kitakyushu-partner-cities.txt: sections `仁川広域市(大韓民国)`, … and
  // one sentence naming `駐大連北九州市経済事務所`.
  const text = readFileSync(new URL('./fixtures/world-fifth/E-ja-kitakyushu-partner-cities.txt', import.meta.url), 'utf8');
  const rows = (t: string) => readWithKit(t, 'kitakyushu.txt').rows.map((r) => [r.cnPlace, r.foreignPlace]);
  it('the owner is the place whose office in China the page names; its partners abroad are no ties', () => {
    expect(rows(text)).toEqual([['遼寧省大連市', '北九州市']]);
  });
  it('no office named: no partner of a section taken as the owner (negative)', () => {
    const got = rows(text.replace('駐大連北九州市経済事務所', '事務所'));
    expect(got).not.toContainEqual(['遼寧省大連市', '仁川広域市']);
    expect(got.flat()).not.toContain('北九州市');
  });
});

describe('a country written once for several names', () => {
  const s = 'Dalian has now established sister city relations with 11 cities in eight countries Japan’s Kitanyushu and Maizuni, Oakland City and Houston in the US, Germany\'s Bramen Land and Rostock, Le Havre in France, Glasgow in Britain, Russia\'s Vladivostok,South Korea’s Inchon, and Vancouver, Canada.';
  const countries = () => new Map(proseTies(s, q, 'Dalian', 2000).map((t) => [t.place, t.countryIso2]));
  it('a possessive country before a name is its own; `and … in the US` covers the name before `and`', () => {
    const c = countries();
    expect(c.get('Vladivostok')).toBe('RU');
    expect(c.get('Oakland City')).toBe('US');
    expect(c.get('Maizuni')).toBe('JP');
  });
  it('not the country after the comma, nor the one across a comma (negative)', () => {
    const c = countries();
    expect(c.get('Vladivostok')).not.toBe('KR');
    expect(c.get('Oakland City')).not.toBe('JP');
  });
});
