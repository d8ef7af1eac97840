// Prose in European languages (Polish, German, Italian, Tagalog): whose page it is, the owner in another case,
// councils and city-states in names, pairing words, kind words. The phrases are quotes of documents of
// test/fixtures/world-unseen and world-fourth (SOURCES.md); the expected values were written by hand from reading
// them. Needs the gazetteer built (npm run build).
import { describe, it, expect } from 'vitest';
import { placeQuestions as q } from '../src/readers/lists.js';
import { proseTies } from '../src/assemble/prose.js';
import { inflectedOwner, latinOwner } from '../src/assemble/latin-owner.js';
import { cityState, withoutGovernment } from '../src/assemble/government-words.js';
import { findKindWords } from '../src/recognize/index.js';
import { markerKind } from '../src/normalize/kind.js';

const ties = (s: string, owner: string | null, abroad: string | null) =>
  proseTies(s, q, owner, 2000, abroad ? owner : null, true, abroad).map((t) => [t.cnPlace, t.place, t.date, t.planned !== null]);

describe('whose page a page in a Latin script is', () => {
  it('the place abroad a source line or a heading names', () => {
    expect(latinOwner(null, ['Źródło Urząd Miejski Białystok'], ['Reklama'], q)).toBe('Białystok');
    expect(latinOwner(null, ['Stadt Wilhelmshaven'], [], q)).toBe('Wilhelmshaven');
  });
  it('the place that opens a first line', () => {
    expect(latinOwner(null, [], ['Białystok będzie współpracował z Chinami'], q)).toBe('Białystok');
  });
  it('none for a pair with a Chinese place, a dateline, a generic word, or a place inside the sentence', () => {
    expect(latinOwner('Gemellaggio Siena - Nantong: oggi la firma', [], [], q)).toBeNull();
    expect(latinOwner(null, [], ['WASHINGTON, March 14 (Xinhua) -- As CHINA and the United States marked their 40th anniversary'], q)).toBeNull();
    expect(latinOwner('Backgrounder: China-U.S. sister city ties', [], [], q)).toBeNull();
    expect(latinOwner(null, [], ['By Hezi Jiang in Chicago(China Daily USA)'], q)).toBeNull();
  });
  it('the owner written in another case', () => {
    expect(inflectedOwner('Białymstokiem', 'Białystok')).toBe(true);
    expect(inflectedOwner('Białegostoku', 'Białystok')).toBe(false); // (an adjective's case changes its stem: not read)
    expect(inflectedOwner('Chongzuo', 'Białystok')).toBe(false);
    expect(inflectedOwner('Bielsko', 'Białystok')).toBe(false);
  });
});

describe('the words of a government around a name', () => {
  it('a council or a government signs for its place', () => {
    expect(withoutGovernment('Bay of Plenty Regional Council').text).toBe('Bay of Plenty');
    expect(withoutGovernment('Jiangxi Provincial Government').text).toBe('Jiangxi');
    expect(withoutGovernment('Giunta di Castello di Città di San')).toEqual({ text: 'Città di San', cut: 'Giunta di Castello di '.length });
    expect(withoutGovernment('Sydney City Council').text).toBe('Sydney');
    // No council: the name as written; a council's words alone: nothing.
    expect(withoutGovernment('Ōpōtiki').text).toBe('Ōpōtiki');
    expect(withoutGovernment('Comune di ').text).toBe('');
  });
  it('a city named after its state', () => {
    expect(cityState('la Giunta di Castello di Città di ')).toBe('Città di ');
    expect(cityState('la Contea cinese di ')).toBeNull();
  });
});

describe('kind words of European prose', () => {
  it('reads Polish, German, Italian and Tagalog kind words', () => {
    expect(findKindWords('oba miasta nawiązały relacje miast partnerskich').map((k) => k.written)).toEqual(['miast partnerskich']);
    expect(markerKind('eine Hafenpartnerschaft')).toBe('other');
    expect(markerKind('unsere Freundschaftsstadt')).toBe('sister');
    expect(markerKind('la città gemella')).toBe('sister');
    expect(markerKind('Ang relasyon ng kapatid na lungsod')).toBe('sister');
    expect(markerKind('kapatid na lalawigan')).toBe('sister');
  });
  it('and no kind word in a sentence about a port office', () => {
    expect(findKindWords('einer Qingdaoer Hafenvertretung in der Stadt behilflich')).toEqual([]);
  });
});

describe('European sentences', () => {
  it('Polish: the owner in another case, and a person after a dash is no partner', () => {
    expect(ties('Nastąpiło porozumienie o nawiązaniu relacji miast partnerskich pomiędzy Białymstokiem a miastem Chongzuo w Regionie Autonomicznym Guangxi Zhuang w Chińskiej Republice Ludowej.', 'Białystok', 'PL')).toEqual([['Chongzuo', 'Białystok', null, false]]);
    expect(ties('Zgodnie z porozumieniem, które podpisali prezydent Tadeusz Truskolaski oraz reprezentant miasta Chongzuo – Lei Duorong, oba miasta nawiązały relacje miast partnerskich.', null, null)).toEqual([]);
  });
  it('German: a port partnership with a Chinese city, on the owner’s page', () => {
    expect(ties('Mit Qingdao (Lautschrift: /tʃɪŋˈdaʊ/) in China besteht seit März 1992 eine Hafenpartnerschaft.', 'Wilhelmshaven', 'DE')).toEqual([['Qingdao', 'Wilhelmshaven', 'März 1992', false]]);
  });
  it('Italian: a city-state and a Chinese county named by its cue', () => {
    const t = proseTies('Si è svolta stamattina presso Palazzo Begni, in modalità telematica, la firma dell’accordo di Gemellaggio tra la Giunta di Castello di Città di San Marino e la Contea cinese di Nanjing.', q, null);
    expect(t.map((x) => [x.cnPlace, x.place, x.countryIso2])).toEqual([['Nanjing', 'Città di San Marino', 'SM']]);
  });
  it('Italian: a tie still to come is planned', () => {
    expect(ties('Questo dopo il primo passo ufficiale verso il gemellaggio tra il paese dell’Alto Serio e la città cinese di Qujing, nella provincia dello Yunnan.', 'Wilhelmshaven', 'DE')).toEqual([['Qujing', 'Wilhelmshaven', null, true]]);
  });
  it('Tagalog: pairs written with kasama ang and na pumirma sa', () => {
    const s = 'Ang relasyon ng kapatid na lungsod sa pagitan ng Bay of Plenty Regional Council at ng Jiangxi Provincial Government ay pormal noong 2019, kasama ang Ōpōtiki na pumirma sa Xinyu City, Whakatāne kasama ang Fuzhou City, at Kawerau kasama ang Yingtan City.';
    expect(ties(s, null, null)).toEqual([
      ['Jiangxi', 'Bay of Plenty', '2019', false],
      ['Xinyu City', 'Ōpōtiki', '2019', false],
      ['Fuzhou City', 'Whakatāne', '2019', false],
      ['Yingtan City', 'Kawerau', '2019', false],
    ]);
  });
  it('Tagalog: a sentence with no pairing word pairs nothing more', () => {
    expect(ties('Mayroong maraming mga parallel sa pagitan ng Eastern Bay of Plenty at Jiangxi, kabilang ang mga katulad na ekonomiya.', null, null)).toEqual([]);
  });
});
