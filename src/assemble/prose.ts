// Ties stated in running text: "… signed a sister-city agreement with Ballarat, Australia, on 12 May 1995",
// "1981年，与日本北九州市缔结友好城市关系", "Сергиев Посад и китайский Вэйхай стали городами-побратимами".
// A sentence counts only when it holds a kind word. Its names are found by shape (capitalised words, Han
// runs ending in an administrative word, Hangul words ending in 시/도/구/군) and told apart: Chinese when the
// gazetteer knows them in China or a word says so (китайский, Chinese city of, 中国, 중국), foreign when a
// country stands next to them (`X, Australia`, `Japan's X`, `X in the US`, `日本X市`) or the gazetteer knows
// them abroad. Each foreign name is paired with the Chinese name nearest before it, else after it, else the
// document's owner. Pure, given the place questions.
import { findCountries, findDates, findKindWords } from '../recognize/index.js';
import { russianNominatives } from './context.js';

export interface ProseTie {
  place: string;
  country: string | null;
  countryIso2: string | null;
  cnPlace: string | null;
  date: string | null;
  marker: string;
}

export interface PlaceQuestions {
  isChinese(name: string): boolean;
  /** The one country abroad where the gazetteer knows a place (or a first-level division) by this name, else null. */
  foreignCountry(name: string): string | null;
  /** Every country abroad where the gazetteer knows a place or division by this name (optional). */
  foreignCountries?(name: string): string[];
  /** Whether the gazetteer knows a place by this name anywhere (optional: unknown names are then taken on trust). */
  knows?(name: string): boolean;
}

interface Name {
  text: string;
  start: number;
  end: number;
  side: 'cn' | 'foreign' | null;
  country: { written: string; iso2: string } | null;
}

const LATIN_NAME = /\p{Lu}[\p{L}'’.\-]*(?:[ -](?:(?:de|del|la|le|les|du|am|an der|upon|on|sur|di|da|do|dos|das|nad|na|of)[ -])?\p{Lu}[\p{L}'’.\-]*){0,3}/gu;
const CYRILLIC_NAME = /\p{Lu}[\p{Script=Cyrillic}\-]+(?:\s\p{Lu}[\p{Script=Cyrillic}\-]+)?/gu;
/** Capitalised Russian words that begin a sentence and name nothing (prepositions, pronouns, conjunctions). */
const NOT_A_NAME_RU =
  /^(?:В|Во|На|С|Со|К|Ко|По|О|Об|От|До|Из|За|Для|При|Про|Под|Над|Перед|После|Между|Это|Этот|Эта|Мы|Вы|Он|Она|Они|Оно|Я|Как|Так|Также|Но|И|А|Или|Все|Всё|Его|Её|Их|Наш|Наша|Наши|Более|Менее|Уже|Ещё|Еще|Сегодня|Вчера|Завтра|Кроме|Однако|Напомним|Фото|Глава|Мэр|Губернатор|Президент|Председатель)$/u;
const HAN_NAME = /[\p{Script=Han}·]{1,10}?(?:特别行政区|特別行政區|自治区|自治區|市|省|县|縣|区|區|州|府|県|道|都|町|村|郡|岛|島)/gu;
// A Korean name ends in its administrative word, and a particle may follow (`운성시와`, `둥잉시의`, `곤명시에서`);
// a province before its city is one name (`경기도 의왕시`, `상해시 황포구`).
const HANGUL_UNIT = '[\\p{Script=Hangul}]{1,8}?(?:특별자치도|특별자치시|특별시|광역시|자치구|자치주|시|도|성|구|군|현)';
const HANGUL_PARTICLE = '(?:와의|과의|에서|으로|와|과|의|는|은|이|가|를|을|에|로)?(?![\\p{Script=Hangul}])';
const HANGUL_NAME = new RegExp(`(?:${HANGUL_UNIT}\\s)?${HANGUL_UNIT}(?=${HANGUL_PARTICLE})`, 'gu');
/** Words after a kind word that make it the name of an event (`국제우호도시대회`, `Sister Cities Conference`), not a tie. */
const EVENT_AFTER = /^\s*(?:대회|회의|포럼|박람회|conference|forum|summit|convention|summit|大会|大會|会议|會議|论坛|論壇|博览会|サミット|会議)/iu;
/** What stands between two names of one pair: a conjunction, a dash, a cue word for the Chinese side. */
const JOINER = /^\s*(?:and|и|y|e|et|und|与|與|和|及|、|—|–|-)\s*(?:(?:the )?chinese(?: city of)?|китайск\p{L}*(?:\s+город\p{L}*)?|中国|中國|중국)?\s*$/iu;
/** Words before a name that say it is Chinese. */
const CHINESE_CUE = /(?:китайск\p{L}*(?:\s+город\p{L}*)?|chinese (?:city|province) of|chinese|chinesas?|chineses?|chinês|chinos?|chinas?|chinoises?|chinesischen?|cinesi|cinese|中国|中國|중국|中華人民共和国)\s*$/iu;
/** `Tai’an (China – 2002)`: the country written after the name, in brackets or after a comma. */
const CHINA_AFTER = /^\s*(?:[(（]\s*|,\s*(?:na |en |in |em )?)(?:china|中国|中國|китай)/iu;
/** Words that are capitalised but name no place (months, weekdays, titles, organisations). */
const NOT_A_NAME =
  /^(?:The|A|An|In|On|At|By|For|With|From|Since|And|But|This|That|These|Mayor|President|Governor|Deputy|Secretary|Sister|Sister Cities|Sister Cities International|City|Cities|Province|State|International|Conference|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Updated|Xinhua|China|Chinese|US|USA|UK|EU|CEO|Mr|Mrs|Ms|Dr)$/;

/** Splits running text into sentences (Chinese and Latin punctuation). */
export function sentences(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const end =
      ch === '。' || ch === '！' || ch === '？' || ch === '；' ||
      ((ch === '.' || ch === '!' || ch === '?') && /^\s+[\p{Lu}“"«\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text.slice(i + 1, i + 4)) && !/\b(?:St|Dr|Mr|Mrs|Ms|No|Mt|Ft|U\.S|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$/.test(text.slice(Math.max(0, i - 5), i)));
    if (end) {
      out.push({ text: text.slice(start, i + 1), offset: start });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out.filter((s) => s.text.trim() !== '');
}

function namesIn(s: string, countries: ReturnType<typeof findCountries>, kinds: Array<{ start: number; end: number }>): Name[] {
  const out: Name[] = [];
  const taken = (a: number, b: number) => [...countries, ...kinds].some((x) => a < x.end && x.start < b) || out.some((x) => a < x.end && x.start < b);
  const push = (text: string, start: number) => {
    let t = text.replace(/[’']s$/u, '').trim();
    let st = start;
    // A name may begin with its country (`日本北九州市`, `Japan’s`): the country is cut off and kept as its cue.
    const lead = countries.find((c) => c.start === st || (c.start >= st && c.start < st + t.length && c.start === st));
    if (lead && lead.end < st + t.length) {
      t = text.slice(lead.end - start).replace(/^[的之の\s]+/u, '').trim();
      st = lead.end;
    }
    if (!t || NOT_A_NAME.test(t) || t.length < 2) return;
    if (/\p{Script=Cyrillic}/u.test(t)) {
      // A preposition before a name (`На всемирном`, `В Харбине`) is cut off; a hyphened common noun (`Пресс-служба`) is none.
      const words = t.split(/\s+/);
      while (words.length && NOT_A_NAME_RU.test(words[0])) {
        st += words[0].length + 1;
        words.shift();
      }
      t = words.join(' ');
      if (!t || !words.every((w) => /^\p{Lu}/u.test(w.split('-').pop() ?? ''))) return;
    }
    if (taken(st, st + t.length)) return;
    out.push({ text: t, start: st, end: st + t.length, side: null, country: null });
  };
  for (const re of [HAN_NAME, HANGUL_NAME, CYRILLIC_NAME, LATIN_NAME]) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) push(m[0], m.index);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * `foreignOwner`: the document's owner when it is abroad (a foreign city's page): the partner of Chinese places a
 * sentence names with no foreign name beside them (`В этом году мы подписали соглашения с Нинбо`).
 */
export function proseTies(text: string, q: PlaceQuestions, owner: string | null, maxSentence = 2000, foreignOwner: string | null = null, topical = false, ownerCountry: string | null = null): ProseTie[] {
  const out: ProseTie[] = [];
  for (const sen of sentences(text)) {
    if (sen.text.length > maxSentence) continue;
    const s = sen.text;
    const kinds = findKindWords(s).filter((k) => !EVENT_AFTER.test(s.slice(k.end, k.end + 12)));
    // On a foreign owner's page about its ties, a sentence that names a place as Chinese (`a também chinesa Rugao`,
    // `Tai’an (China – 2002)`) states one of them even without a kind word.
    if (!kinds.length && !(topical && foreignOwner)) continue;
    const cuedOnly = !kinds.length;
    const countries = findCountries(s).filter((c) => !kinds.some((k) => c.start < k.end && k.start < c.end));
    // A capitalised word that opens the sentence (`Anteriormente`, `Depois`) is a name only if the gazetteer knows it.
    const names = namesIn(s, countries, kinds).filter((n) => !(s.slice(0, n.start).trim() === '' && /^\p{Lu}\p{Ll}+$/u.test(n.text) && q.knows && !q.knows(n.text) && !q.isChinese(n.text)));
    if (!names.length) continue;
    const dates = findDates(s, { bareYears: true });
    const date = (dates.find((d) => d.precision !== 'year') ?? dates[0])?.written ?? null;

    for (const n of names) {
      const before = s.slice(Math.max(0, n.start - 24), n.start);
      const after = s.slice(n.end, n.end + 24);
      if (cuedOnly) {
        if (CHINESE_CUE.test(before) || CHINA_AFTER.test(after)) n.side = 'cn';
        continue;
      }
      // `한국 부산광역시 영도구`: a foreign country just before the name says its side, whatever the gazetteer reads in it.
      const right = countries.find((c) => c.end <= n.start && c.iso2 !== 'CN' && /^\s*(?:의)?\s*$/u.test(s.slice(c.end, n.start)));
      if (right) {
        n.side = 'foreign';
        n.country = { written: right.written, iso2: right.iso2 };
        continue;
      }
      const lastWord = n.text.includes(' ') && /\p{Script=Hangul}/u.test(n.text) ? n.text.split(/\s+/).pop()! : null;
      if (CHINESE_CUE.test(before) || q.isChinese(n.text) || (lastWord !== null && !/^(?:한국|대한민국)/u.test(before.trim().split(/\s+/).pop() ?? '') && q.isChinese(lastWord) && q.isChinese(n.text.split(/\s+/)[0]))) {
        n.side = 'cn';
        continue;
      }
      // A Chinese place in another case (`с Маньчжурией`, `в Харбине`): its nominative, which the gazetteer knows.
      const nominative = russianNominatives(n.text).find((v) => q.isChinese(v));
      if (nominative) {
        n.text = nominative;
        n.side = 'cn';
        continue;
      }
      // A country beside the name: `X, Australia`, `X in the US`, `X (Japan)`, `Japan's X`, `日本X`.
      const next = countries.find((c) => c.start >= n.end && /^\s*(?:,|，|\(|（|\bin\b(?:\s+the)?)?\s*$/u.test(s.slice(n.end, c.start)));
      const prev = countries.find((c) => c.end <= n.start && /^\s*(?:[’']s|的|の|의)?\s*$/u.test(s.slice(c.end, n.start)));
      const c = next ?? prev;
      if (c && c.iso2 !== 'CN') {
        n.side = 'foreign';
        n.country = { written: c.written, iso2: c.iso2 };
        continue;
      }
      if (c && c.iso2 === 'CN') {
        n.side = 'cn';
        continue;
      }
      void after;
      const abroad = q.foreignCountry(n.text);
      if (abroad) {
        n.side = 'foreign';
        n.country = { written: abroad, iso2: abroad };
      }
    }
    // `Oakland City and Houston in the US`, `Japan's Kitakyushu and Maizuru`: a country given once covers names joined by `and`.
    for (let k = 0; k < names.length - 1; k++) {
      const a = names[k];
      const b = names[k + 1];
      if (!/^\s*(?:and|и|y|e|et|und|与|和|及|、|,)\s*$/u.test(s.slice(a.end, b.start))) continue;
      if (a.side === 'foreign' && b.side === null && a.country) Object.assign(b, { side: 'foreign', country: a.country });
    }
    for (let k = names.length - 1; k > 0; k--) {
      const a = names[k - 1];
      const b = names[k];
      if (!/^\s*(?:and|и|y|e|et|und|与|和|及|、|,)\s*$/u.test(s.slice(a.end, b.start))) continue;
      if (b.side === 'foreign' && a.side === null && b.country) Object.assign(a, { side: 'foreign', country: b.country });
    }
    const cn = names.filter((n) => n.side === 'cn');
    // On a foreign owner's page, a place in a third country (`ブラジル…ミナス・ジェライス州`) is another of the owner's partners.
    const foreign = names.filter((n) => n.side === 'foreign' && !(foreignOwner && ownerCountry && n.country && n.country.iso2 !== ownerCountry));
    // Names of no side, in a sentence with Chinese names and no foreign one: the foreign side (`Сергиев Посад и китайский Вэйхай`).
    // Only those joined to a Chinese name (`X и Y`, `между X и Y`): a capitalised word elsewhere is too often no name.
    if (!foreign.length && cn.length) {
      for (const n of names) {
        if (n.side !== null || NOT_A_NAME.test(n.text)) continue;
        const joined = cn.some((x) => JOINER.test(x.end <= n.start ? s.slice(x.end, n.start) : s.slice(n.end, x.start)));
        if (joined) foreign.push(n);
      }
    }
    // Only Chinese names, on a foreign owner's page: the owner is their partner; each dated by the year in brackets
    // after it (`Huaibei (2017), Ningbo (2002)`), or the one just before it (`em 2019, a também chinesa Rugao`).
    if ((foreign.every((f) => f.text === foreignOwner) || cuedOnly) && cn.length && foreignOwner) {
      for (const x of cn) {
        if (x.text === foreignOwner) continue;
        const own = dates.find((d) => d.start >= x.end && /^\s*[(（][^()（）]{0,12}$/u.test(s.slice(x.end, d.start))) ?? [...dates].reverse().find((d) => d.end <= x.start && x.start - d.end <= 30);
        const when = own?.written ?? (cuedOnly ? null : date);
        out.push({ place: foreignOwner, country: null, countryIso2: null, cnPlace: x.text, date: when, marker: kinds.map((k) => k.written).join(' ') });
      }
      continue;
    }
    if (cuedOnly) continue;
    if (!foreign.length) continue;
    for (const f of foreign) {
      const partner = [...cn].reverse().find((x) => x.end <= f.start && f.start - x.end < 80) ?? cn.find((x) => x.start >= f.end && x.start - f.end < 80) ?? cn[0] ?? null;
      const cnPlace = partner?.text ?? (owner && q.isChinese(owner) ? owner : null);
      if (!cnPlace) continue;
      out.push({ place: f.text, country: f.country?.written ?? null, countryIso2: f.country?.iso2 ?? null, cnPlace, date, marker: kinds.map((k) => k.written).join(' ') });
    }
  }
  return out;
}

/** The first name in a text that the gazetteer knows as Chinese (the subject of `石家庄市国际友城工作始于…`). */
export function firstChineseName(text: string, q: PlaceQuestions): string | null {
  const countries = findCountries(text);
  const kinds = findKindWords(text);
  for (const n of namesIn(text, countries, kinds)) if (q.isChinese(n.text)) return n.text;
  return null;
}
