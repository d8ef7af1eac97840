// Ties stated in running text: "… signed a sister-city agreement with Ballarat, Australia, on 12 May 1995",
// "1981年，与日本北九州市缔结友好城市关系", "Сергиев Посад и китайский Вэйхай стали городами-побратимами".
// A sentence counts only when it holds a kind word. Its names are found by shape (capitalised words, Han
// runs ending in an administrative word, Hangul words ending in 시/도/구/군) and told apart: Chinese when the
// gazetteer knows them in China or a word says so (китайский, Chinese city of, 中国, 중국), foreign when a
// country stands next to them (`X, Australia`, `Japan's X`, `X in the US`, `日本X市`) or the gazetteer knows
// them abroad. Each foreign name is paired with the Chinese name nearest before it, else after it, else the
// document's owner. Pure, given the place questions.
import { findCountries, findDates, findKindWords } from '../recognize/index.js';
import { BOTH_OR_THIS, russianNominatives } from './context.js';
import { countryToIso2 } from '../normalize/country.js';
import { foreignNominative } from './cyrillic-owner.js';
import { inflectedOwner } from './latin-owner.js';
import { cityState, withoutGovernment } from './government-words.js';
import { DISTRICTS_OF, namesNoPlace } from './not-a-place.js';

export interface ProseTie {
  place: string;
  country: string | null;
  countryIso2: string | null;
  cnPlace: string | null;
  date: string | null;
  marker: string;
  /** The words that say the tie is only to come (`调印する予定`, `will sign`, `Планируется`), else null. */
  planned: string | null;
}

export interface PlaceQuestions {
  isChinese(name: string): boolean;
  /** The one country abroad where the gazetteer knows a place (or a first-level division) by this name, else null. */
  foreignCountry(name: string): string | null;
  /** Every country abroad where the gazetteer knows a place or division by this name (optional). */
  foreignCountries?(name: string): string[];
  /** Whether the gazetteer knows a place by this name anywhere (optional: unknown names are then taken on trust). */
  knows?(name: string): boolean;
  /** Whether the gazetteer knows a first-level division abroad by this name (optional). */
  isDivision?(name: string): boolean;
}

interface Name {
  text: string;
  start: number;
  end: number;
  side: 'cn' | 'foreign' | null;
  country: { written: string; iso2: string } | null;
  /** The divisions written before the name, run together with it (`云南省玉溪市` before `元江县`). */
  over?: string[];
  /** Written hyphened to its partner (`Dalian-Bremen`). */
  pair?: boolean;
  /** Its country is the gazetteer's guess, not written in the sentence: it covers no other name. */
  guessed?: boolean;
}

const LATIN_NAME = /\p{Lu}[\p{L}'’.\-]*(?:[ -](?:(?:de|del|la|le|les|du|am|an der|upon|on|sur|di|da|do|dos|das|nad|na|of)[ -])?\p{Lu}[\p{L}'’.\-]*){0,3}/gu;
const CYRILLIC_NAME = /\p{Lu}[\p{Script=Cyrillic}\-]+(?:\s\p{Lu}[\p{Script=Cyrillic}\-]+)?/gu;
/** Capitalised Russian words that begin a sentence and name nothing (prepositions, pronouns, conjunctions). */
const NOT_A_NAME_RU =
  /^(?:В|Во|На|С|Со|К|Ко|По|О|Об|От|До|Из|За|Для|При|Про|Под|Над|Перед|После|Между|Это|Этот|Эта|Мы|Вы|Он|Она|Они|Оно|Я|Как|Так|Также|Но|И|А|Или|Все|Всё|Его|Её|Их|Наш|Наша|Наши|Более|Менее|Уже|Ещё|Еще|Сегодня|Вчера|Завтра|Кроме|Однако|Напомним|Фото|Глава|Мэр|Губернатор|Президент|Председатель)$/u;
const HAN_NAME = /[\p{Script=Han}·]{1,10}?(?:特别行政区|特別行政區|自治区|自治區|州市|市|省|县|縣|区|區|州|府|県|道|都|町|村|郡|岛|島|盟|旗)/gu;
// A Korean name ends in its administrative word, and a particle may follow (`운성시와`, `둥잉시의`, `곤명시에서`);
// a province before its city is one name (`경기도 의왕시`, `상해시 황포구`).
const HANGUL_UNIT = '[\\p{Script=Hangul}]{1,8}?(?:특별자치도|특별자치시|특별시|광역시|자치구|자치주|시|도|성|구|군|현)';
const HANGUL_PARTICLE = '(?:와의|과의|와는|과는|와도|과도|에서는|에서|으로는|으로|에는|와|과|의|는|은|이|가|를|을|에|로)?(?![\\p{Script=Hangul}])';
const HANGUL_NAME = new RegExp(`(?:${HANGUL_UNIT}\\s)?${HANGUL_UNIT}(?=${HANGUL_PARTICLE})`, 'gu');
/** Words after a kind word that make it the name of an event (`국제우호도시대회`, `Sister Cities Conference`), not a tie. */
const EVENT_AFTER = /^\s*(?:대회|회의|포럼|박람회|conference|forum|summit|convention|summit|大会|大會|会议|會議|论坛|論壇|博览会|サミット|会議)/iu;
/** A conjunction between the two sides of one pair (an enumeration comma parts pairs instead). */
/** A sentence about a tie still to come: planned, proposed, to be signed, in force only after approval. */
const PLANNED =
  /予定|計画中|拟与|拟同|将与|将同|将于|計劃與|计划与|有意与|意向|예정|추진 중|추진중|\bwill (?:sign|become|be signed|establish|formali[sz]e)\b|\bplans? to (?:sign|establish|become|formali[sz]e)\b|\bplanned\b|\bproposed\b|\bintends? to\b|\benvisag\p{L}*|\bprojet de jumelage|\bverso il gemellaggio|\bprelud\p{L}* al gemellaggio|\bprévoi\p{L}* de|\bgeplant\b|\bplanea\p{L}*|\bprevé\b|[Пп]ланиру\p{L}*|намерени\p{L}*|обрет\p{L}* силу после/u;
/** Words that refer to the agreements of the sentence before (`Аналогичные документы уже подписали …`, `Similar agreements`). */
const SAME_AS_BEFORE = /[Аа]налогичн\p{L}*\s+(?:документ\p{L}*|соглашени\p{L}*)|\b[Ss]imilar (?:agreements?|documents?)\b/u;
/** The words between a Chinese place and its division after it (`Вэйхай в провинции Шаньдун`, `Qujing, nella provincia dello Yunnan`). */
const IN_DIVISION = /^\s*(?:(?:в|во)\s+)?(?:провинци\p{L}*|города|автономн\p{L}*\s+район\p{L}*)\s+$|^\s*,?\s*(?:in|nella|nel|im|in der|w|en|dans la|dans le)\s+(?:(?:the\s+)?province|provincia|provinz|prowincji|regionie(?:\s+autonomicznym)?)(?:\s+(?:of|de|di|dello|della|del|du|de la))?\s+$/iu;
const RESPECTIVELY = /分别|分別|respectively|각각|それぞれ|соответственно/iu;
const LIST_JOINER = /^\s*(?:,|，|、|and|et|und|y|e|и|与|與|和|及)\s*$/iu;
const PAIR_JOINER = /^\s*(?:and|и|y|e|et|und|与|與|和|同|跟|kasama ang|na pumirma sa|at(?: ng)?)\s*$/iu;
/** Words of a visit, in Chinese and Japanese. */
const VISIT = /访问|訪問|拜访|拜訪|出访|出訪|来访|來訪|考察|会见|會見|率[^，,]{0,10}团|率[^，,]{0,10}團/u;
/** Characters after which a place name may begin inside a run of Han text (particles, prepositions, verbs of motion). */
const BEFORE_NAME = /[的地在于於是与與和同跟向对對到赴访訪问問为為及由从從经經往来來去率了把被将將至自以等辖轄]/u;
/** A government, not a place (`中外地方政府`, `县政府`). */
/** Two-character verbs a name follows in Chinese news (`市长代表绍兴市`, `率领…`, `邀请…`). */
const VERB_BEFORE = /^(?:代表|率领|率領|邀请|邀請|宣布|举行|舉行|出席|陪同|会见|會見|分别|分別)$/u;
const GOVERNMENT = /政府$/u;
/** Words of a Han run after a country that make it no place (`美国驻华大使`, `日本企业`, `韩国朋友`). */
const NOT_A_NAME_HAN = /驻|駐|大使|领事|領事|市长|市長|州长|州長|省长|省長|议员|議員|代表|团|團|政府|企业|企業|公司|大学|大學|学院|學院|协会|協會|委员|委員|部长|部長|总统|總統|总理|總理|首相|人民|朋友|伙伴|夥伴|客人|友人|青年|学生|學生|方面|城市|地区|地區|各地|国家|國家|政府|关系|關係|合作|交流|友好|文化|经济|經濟|贸易|貿易|发展|發展|投资|投資|[与與和及同跟在是为為将將结結签簽缔締建等]/u;

/** A number just before a kind word: `17 `, `200 `, `3046对`, `20个`. */
const COUNTED = /\d[\d,.]*\s*(?:\+\s*)?(?:[个個对對家座]|(?:more|other|of its|of their)\s)?\s*$/u;
/** A word before a name that makes it the other side of the tie (`a Sister City with New York City`). */
const WITH_BEFORE = /(?:\bwith|\bavec|\bcon|\bmit|\bcom|\bс|\bсо)\s+$/iu;

/** A katakana name, perhaps after its country and before its administrative word (`フジ郡`, `チャタム-ケント`). */
const KANA_NAME = /[\p{Script=Han}]{0,2}[\p{Script=Katakana}][\p{Script=Katakana}ー・\-]{1,20}(?:地区|[市郡州県区町村])?/gu;

/** What stands between two names of one pair: a conjunction, a dash, a cue word for the Chinese side. */
/** A capitalised preposition that opens a sentence before a name (not an article: `La Paz`, `Le Havre`, `Los Angeles`). */
const LEADING_PREPOSITION = /^(?:Mit|Von|Zwischen|Seit|Für|Nach|Bei|Con|Tra|Fra|Nel|Nella|Dal|Dalla|Entre|Avec|Dans|Depuis|With|Between|Since|Z|Ze|W|We|Między|Pomiędzy|Sa|Ang|Noong|Kasama)\s+(?=\p{Lu})/u;
/** Words that pair two names and nothing else (`X kasama ang Y`: X with Y, `X na pumirma sa Y`: X, which signed with Y). */
const TAGGED_PAIR = /^\s*(?:kasama ang|na pumirma sa)\s*$/iu;
const JOINER = /^\s*(?:and|и|y|e|et|und|与|與|和|及|、|—|–|-|kasama ang|na pumirma sa|at(?: ng)?)\s*(?:(?:the )?chinese(?: city of)?|китайск\p{L}*(?:\s+город\p{L}*)?|中国|中國|중국)?\s*$/iu;
/** Words before a name that say it is Chinese. */
const CHINESE_CUE = /(?:китайск\p{L}*(?:\s+город\p{L}*)?|chinese (?:city|province) of|chinese|chinesas?|chineses?|chinês|chinos?|chinas?|chinoises?|chinesischen?|cinesi|cinese|中国|中國|중국|中華人民共和国)(?:\s+(?:di|de|du|of|d['’]))?\s*$/iu;
/** `Tai’an (China – 2002)`: the country written after the name, in brackets or after a comma. */
const CHINA_AFTER = /^\s*(?:[(（]\s*|,\s*(?:na |en |in |em )?)(?:china|中国|中國|китай)/iu;
/** Words that are capitalised but name no place (months, weekdays, titles, organisations). */
/** The words between a name and the place that sets it somewhere (`, la capitale de l’`, ` – the capital of `). */
const APPOSITION = /^\s*[,–—(]\s*(?:[\p{L}'’]+\s+|[\p{L}]+['’]){0,10}$/u;
const QUALIFIER = /(?:^|[\s'’])(?:capitale?|capital|province|provincia|província|oblast|état|etat|state|région|region|district|quartier|county|comté|préfecture|prefecture|bundesland|hauptstadt|stolica|prowincji)(?=[\s'’]|$)/iu;
/** (Also asked by latin-owner.ts.) */
export const NOT_A_NAME =
  /^(?:The|A|An|In|On|At|By|For|With|From|Since|And|But|This|That|These|Along|Among|After|Before|During|Under|Over|Through|Besides|Also|Today|Now|Then|Here|There|Both|Each|Its|Their|Our|It|They|We|He|She|Mayor|President|Governor|Deputy|Secretary|Sister|Sister Cities|Sister Cities International|City|Cities|Province|State|État|Etat|Région|Region|Oblast|Est|Ouest|Nord|Sud|Centre|Ville|International|Conference|January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Updated|Xinhua|China|Chinese|US|USA|UK|EU|CEO|Mr|Mrs|Ms|Dr)$/;

/**
 * The kind word that names a tie, for a pair whose later name ends at `at`: the first after it (`…陶波市簽訂了友好交流
 * 關系協議書，這意味著…新增兩個友城`, `중국의 우호 교류 도시인 다칭시와 자매결연을 했다`), else the last before it
 * (`upgraded from friendly exchange to sister city with X`: what came before is what the tie was).
 */
function tieKind(kinds: Array<{ start: number; end: number; written: string }>, at: number): string {
  return (kinds.find((k) => k.start >= at) ?? [...kinds].reverse().find((k) => k.end <= at) ?? kinds[kinds.length - 1])?.written ?? '';
}

/** The kind word just after a Korean place and its 와/과 (`구이린시와 자매결연`, `훈춘시와의 우호협력`), else null. */
function koreanKindAfter(s: string, x: Name, kinds: Array<{ start: number; written: string }>): { written: string } | null {
  if (!/^(?:와|과)(?:의|는|도)?(?!\p{Script=Hangul})/u.test(s.slice(x.end, x.end + 3))) return null;
  return kinds.find((k) => k.start >= x.end && k.start - x.end <= 16) ?? null;
}

/** Splits running text into sentences (Chinese and Latin punctuation). */
export function sentences(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const end =
      ch === '。' || ch === '！' || ch === '？' || ch === '；' ||
      // A closing quote may stand between the full stop and the next sentence (`… die Menschen.“ Diese …`).
      ((ch === '.' || ch === '!' || ch === '?') && /^[“”"»’]?\s+[\p{Lu}“"«\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text.slice(i + 1, i + 5)) && !/\b(?:St|Dr|Mr|Mrs|Ms|No|Mt|Ft|U\.S|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])$/.test(text.slice(Math.max(0, i - 5), i)));
    if (end) {
      out.push({ text: text.slice(start, i + 1), offset: start });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out.filter((s) => s.text.trim() !== '');
}

function namesIn(s: string, countries: ReturnType<typeof findCountries>, kinds: Array<{ start: number; end: number }>, q?: PlaceQuestions): Name[] {
  const out: Name[] = [];
  const taken = (a: number, b: number) => [...countries, ...kinds].some((x) => a < x.end && x.start < b) || out.some((x) => a < x.end && x.start < b);
  const push = (text: string, start: number) => {
    // A sentence's full stop is no part of the name before it (`New York City.`), an abbreviation's is (`D.C.`, `St.`).
    let t = text.replace(/[’']s$/u, '').trim();
    if (/\p{Ll}{2}\.$/u.test(t) && !/\b(?:St|Mt|Ft)\.$/u.test(t)) t = t.slice(0, -1);
    let st = start;
    // A name may begin with its country (`日本北九州市`, `Japan’s`): the country is cut off and kept as its cue.
    // A Han run may also begin with the joiner before it (`与蒙古国东方省`): the name is what follows the country.
    // `オランダレーワルデン市`: a country in katakana run into the name (the recognizer only takes it standing apart).
    if (/^\p{Script=Katakana}/u.test(t) && !countries.some((c) => c.start === st)) {
      for (let k = Math.min(6, t.length - 2); k >= 2; k--) {
        const iso2 = countryToIso2(t.slice(0, k));
        if (iso2) {
          countries.push({ written: t.slice(0, k), iso2, start: st, end: st + k } as (typeof countries)[number]);
          countries.sort((a, b) => a.start - b.start);
          break;
        }
      }
    }
    const lead = /\p{Script=Han}|\p{Script=Katakana}/u.test(t)
      ? [...countries].reverse().find((c) => c.start >= st && c.start <= st + 1 && c.end < st + t.length)
      : countries.find((c) => c.start === st && c.end < st + t.length);
    if (lead) {
      const cut = text.slice(lead.end - start);
      // `蒙古国东方省`: the country word's last character (国) goes with the country.
      // `China's Tianjin`, `Japan's Kobe.`: the possessive goes with the country, the full stop with the sentence.
      const rest = cut.replace(/^(?:[国國](?=\p{Script=Han}{2}))?(?:[’']s(?=\s))?[的之の\s]*/u, '');
      st = lead.end + (cut.length - rest.length);
      t = rest.trim();
      if (/\p{Ll}{2}\.$/u.test(t) && !/\b(?:St|Mt|Ft)\.$/u.test(t)) t = t.slice(0, -1);
    } else if (/^[与與和及同跟、，,]\p{Script=Han}/u.test(t)) {
      t = t.slice(1);
      st += 1;
    }
    // A Han run reaches back into the words before the name (`首次访问江苏省`, `县厅所在地金泽市`): the name is
    // the longest end of it that the gazetteer knows.
    if (q && /^\p{Script=Han}{5,}$/u.test(t)) {
      // `分別與新西蘭陶波市`: a country after such a word opens the name, as its cue.
      const inner = countries.find((c) => c.start > st && c.start < st + t.length - 1 && (BEFORE_NAME.test(s[c.start - 1]) || VERB_BEFORE.test(s.slice(c.start - 2, c.start))));
      if (inner) {
        push(s.slice(inner.start, st + t.length), inner.start);
        return;
      }
      for (let k = Math.max(1, t.length - 12); k <= t.length - 2; k++) {
        // Only after a word that ends a phrase (`访问|江苏省`, `所在地|金泽市`, `代表|紹興市`), not inside one (`最大城市`).
        if (!BEFORE_NAME.test(t[k - 1]) && !(k >= 2 && VERB_BEFORE.test(t.slice(k - 2, k)))) continue;
        const tail = t.slice(k);
        if (q.isChinese(tail) || q.foreignCountry(tail) || (q.knows?.(tail) ?? false)) {
          st += k;
          t = tail;
          break;
        }
      }
    }
    // `Mayor of Kyoto`: a title's place is what follows its `of`; `Councillor Kok`, `News Agency` are no place at all.
    const titled = /^(.*\s)(?:of|de|di|du|del|da)\s+(?=\p{Lu})/u.exec(t);
    if (titled && namesNoPlace(titled[1].trim())) {
      st += titled[0].length;
      t = t.slice(titled[0].length);
    }
    if (!t || NOT_A_NAME.test(t) || t.length < 2 || GOVERNMENT.test(t) || BOTH_OR_THIS.test(t) || namesNoPlace(t)) return;
    // `Chinese City of Nanjing`, `U.S. City of St. Louis`: the words before `of` say what the name is, and which side.
    const of = /^(?:(?:Chinese|U\.S\.|US|American)\s+)?(?:City|Province|State|County|Prefecture|Town|Municipality) of\s+(?=\p{Lu})/u.exec(t);
    if (of) {
      t = t.slice(of[0].length);
      st += of[0].length;
    }
    // `Mit Qingdao`, `Pomiędzy Białymstokiem`: a preposition opening a sentence is no part of the name after it.
    const prep = LEADING_PREPOSITION.exec(t);
    if (prep) {
      t = t.slice(prep[0].length);
      st += prep[0].length;
    }
    // `Bay of Plenty Regional Council`, `Giunta di Castello di Città di San Marino`: the place, without its council.
    if (/^\p{Script=Latin}/u.test(t)) {
      const g = withoutGovernment(t);
      if (!g.text) return;
      st += g.cut;
      t = g.text;
    }
    if (/\p{Script=Cyrillic}/u.test(t)) {
      // A preposition before a name (`На всемирном`, `В Харбине`) is cut off; a hyphened common noun (`Пресс-служба`) is none.
      const words = t.split(/\s+/);
      while (words.length && NOT_A_NAME_RU.test(words[0])) {
        st += words[0].length + 1;
        words.shift();
      }
      t = words.join(' ');
      if (!t || !words.every((w) => /^\p{Lu}/u.test(w.split('-').pop() ?? ''))) return;
      // A place and a person's name run together (`Хабаровска Сергей`, `Даляня Лэн`): the place, when only it is known.
      if (q && words.length === 2 && !knownCyrillic(t, q) && knownCyrillic(words[0], q)) t = words[0];
    }
    if (taken(st, st + t.length)) {
      // `Shanghai’s Sister City`: a Latin run that goes on into a kind word or a country is the name before it.
      const inside = [...countries, ...kinds, ...out].filter((x) => st < x.end && x.start < st + t.length).map((x) => x.start);
      const first = Math.min(...inside);
      if (!/^\p{Script=Latin}/u.test(t)) return;
      if (first <= st) {
        // `Städtepartnerschaft Dalian-Bremen`: a kind word (or a country) opening the run is no part of the name after it.
        const head = [...countries, ...kinds].find((x) => x.start <= st && x.end > st);
        const restStart = head ? head.end + (/^\s*/u.exec(s.slice(head.end))?.[0].length ?? 0) : -1;
        if (head && restStart < st + t.length && /^\p{Lu}/u.test(s.slice(restStart))) push(s.slice(restStart, st + t.length), restStart);
        return;
      }
      // `Città di San Marino`: a city named after the country written inside its name is one name, in that country.
      const state = countries.find((c) => c.start === first);
      const cityOf = state ? cityState(s.slice(st, first)) : null;
      if (state && cityOf && !out.some((x) => x.start < state.end && st < x.end)) {
        const from = first - cityOf.length;
        out.push({ text: s.slice(from, state.end), start: from, end: state.end, side: 'foreign', country: { written: state.written, iso2: state.iso2 } });
        return;
      }
      t = t.slice(0, first - st).replace(/[’']s\s*$/u, '').trim();
      if (t.length < 2 || NOT_A_NAME.test(t) || namesNoPlace(t) || taken(st, st + t.length)) return;
    }
    // `Städtepartnerschaft Dalian-Bremen`, `the NSW-Guangdong relationship`, `SYDNEY-GUANGZHOU SISTER-CITY`: two
    // places hyphened into one word are a pair when the gazetteer knows one of them as Chinese and not the other.
    t = t.replace(/^(?:the|die|der|das|la|le|les|el|los)\s+(?=\p{Lu}[^-]*-)/iu, (a) => ((st += a.length), ''));
    const pair = q && /^\p{Lu}[\p{L}.'’]*(?: \p{Lu}[\p{L}.'’]*)?-\p{Lu}[\p{L}.'’]*(?: \p{Lu}[\p{L}.'’]*)?$/u.test(t) ? t.split('-') : null;
    if (pair && pair.length === 2 && q!.isChinese(pair[0]) !== q!.isChinese(pair[1])) {
      const second = st + pair[0].length + 1;
      if (!taken(st, st + t.length)) {
        out.push({ text: pair[0], start: st, end: st + pair[0].length, side: null, country: null, pair: true });
        out.push({ text: pair[1], start: second, end: second + pair[1].length, side: null, country: null, pair: true });
      }
      return;
    }
    // A word in capitals (`CHICAGO —`, `HOME`) is a dateline or a heading, not a name in the sentence.
    if (/^[\p{Lu}\s.\-]{4,}$/u.test(t) && !/\./u.test(t)) return;
    out.push({ text: t, start: st, end: st + t.length, side: null, country: null });
  };
  for (const re of [KANA_NAME, HAN_NAME, HANGUL_NAME, CYRILLIC_NAME, LATIN_NAME]) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      // A katakana word is a name when it ends in an administrative word, follows its country (`オランダレーワルデン`)
      // or carries its Latin spelling (`ユニオンシティ(Union City)`); else it is a loanword (`フォーラム`).
      if (re === KANA_NAME && !/[市郡州県区町村]$|地区$/u.test(m[0]) && !countries.some((c) => c.start === m!.index) && !/^[(（]\s*\p{Lu}/u.test(s.slice(m.index + m[0].length))) continue;
      push(m[0], m.index);
    }
  }
  // `与英国利物浦结好`, `秘鲁首都利马`, `友城爱尔兰科克组成…`: Chinese writes a foreign place without an administrative
  // word, right after its country. The name is the longest start of what follows that the gazetteer knows in that
  // country; else a short run that ends where a kind word, a number, a mark or a joiner does.
  if (q) {
    for (const c of countries) {
      if (c.iso2 === 'CN' || !/\p{Script=Han}$/u.test(c.written)) continue;
      const gap = /^(?:的|之|首都|首府)?/u.exec(s.slice(c.end))![0];
      const st = c.end + gap.length;
      const run = /^\p{Script=Han}{2,12}/u.exec(s.slice(st))?.[0];
      if (!run || out.some((n) => n.start < st + run.length && st < n.end) || countries.some((x) => x.start === st)) continue;
      const kindAt = kinds.filter((k) => k.start > st && k.start < st + run.length).map((k) => k.start - st);
      const room = Math.min(run.length, ...kindAt);
      let name: string | null = null;
      for (let k = Math.min(room, 8); k >= 2 && !name; k--) if (q.foreignCountries?.(run.slice(0, k)).includes(c.iso2)) name = run.slice(0, k);
      if (!name && room >= 2 && room <= 5) {
        const cand = run.slice(0, room);
        const ends = room < run.length || !/^\p{Script=Han}/u.test(s.slice(st + room));
        if (ends && !NOT_A_NAME_HAN.test(cand)) name = cand;
      }
      if (name && !NOT_A_NAME_HAN.test(name)) out.push({ text: name, start: st, end: st + name.length, side: 'foreign', country: { written: c.written, iso2: c.iso2 } });
    }
  }
  // A Latin spelling in brackets after a name (`ユニオンシティ(Union City)`) is that name's gloss, no name of its own.
  for (let k = out.length - 1; k >= 0; k--) {
    const g = out[k];
    if (/^\p{Script=Latin}/u.test(g.text) && out.some((n) => n !== g && n.end <= g.start && /^\s*[(（]\s*$/u.test(s.slice(n.end, g.start)) && /[\p{Script=Han}\p{Script=Katakana}]/u.test(n.text))) out.splice(k, 1);
  }
  out.sort((a, b) => a.start - b.start);
  // Divisions run together (`黑龙江省大庆市`, `智利纽夫莱大区奇廉市`): one name, the last and smallest, whose
  // side the divisions before it may tell.
  const merged: Name[] = [];
  for (const n of out) {
    const prev = merged[merged.length - 1];
    // `Washington, D.C.`: initials after a comma belong to the name before them.
    if (prev && /^(?:\p{Lu}\.){2,}$/u.test(n.text) && /^,\s?$/u.test(s.slice(prev.end, n.start))) {
      merged[merged.length - 1] = { ...prev, text: s.slice(prev.start, n.end), end: n.end };
      continue;
    }
    if (prev && prev.end === n.start && /^\p{Script=Han}/u.test(n.text) && /\p{Script=Han}$/u.test(prev.text)) {
      merged[merged.length - 1] = { ...n, start: prev.start, over: [...(prev.over ?? []), prev.text] };
    } else merged.push(n);
  }
  return merged;
}

/**
 * `foreignOwner`: the document's owner when it is abroad (a foreign city's page): the partner of Chinese places a
 * sentence names with no foreign name beside them (`В этом году мы подписали соглашения с Нинбо`).
 */
export function proseTies(text: string, q: PlaceQuestions, owner: string | null, maxSentence = 2000, foreignOwner: string | null = null, topical = false, ownerCountry: string | null = null): ProseTie[] {
  const out: ProseTie[] = [];
  /** The last kind word of the sentence before (what `Аналогичные документы` refers to). */
  let before: ReturnType<typeof findKindWords>[number] | null = null;
  for (const sen of sentences(text)) {
    if (sen.text.length > maxSentence) continue;
    const s = sen.text;
    const planned = PLANNED.exec(s)?.[0] ?? null;
    // A kind word after a number counts ties (`has 17 Sister Cities in China`, `3046对友好城市关系`): no tie of its own.
    const kinds = findKindWords(s).filter((k) => !EVENT_AFTER.test(s.slice(k.end, k.end + 12)) && !COUNTED.test(s.slice(Math.max(0, k.start - 12), k.start)));
    // `Аналогичные документы уже подписали … Ступино и Циндао`: the same agreements as the sentence before, of its kind.
    const same = !kinds.length && before ? SAME_AS_BEFORE.exec(s) : null;
    if (same && before) kinds.push({ ...before, start: same.index, end: same.index + same[0].length });
    if (kinds.length) before = kinds[kinds.length - 1];
    // On a foreign owner's page about its ties, a sentence that names a place as Chinese (`a também chinesa Rugao`,
    // `Tai’an (China – 2002)`) states one of them even without a kind word.
    if (!kinds.length && !(topical && foreignOwner)) continue;
    const cuedOnly = !kinds.length;
    // A country's name that ends a Chinese place's (`Внутренняя Монголия`, `Inner Mongolia`) is no country there.
    const countries = findCountries(s).filter((c) => !kinds.some((k) => c.start < k.end && k.start < c.end) && !endsChineseName(s, c, q));
    // A capitalised word that opens the sentence (`Anteriormente`, `Depois`) is a name only if the gazetteer knows it.
    const found = namesIn(s, countries, kinds, q).filter((n) => !(s.slice(0, n.start).trim() === '' && /^\p{Lu}\p{Ll}+$/u.test(n.text) && q.knows && !q.knows(n.text) && !q.isChinese(n.text)));
    // A sentence that writes its pair hyphened (`die Städtepartnerschaft Dalian-Bremen`) states that pair, not its other names.
    const paired = found.some((n) => n.pair) ? found.filter((n) => n.pair) : found;
    // `deux districts de Paris et Nanjing`: the names after a plural `districts of` (and those listed with them) are
    // where the districts lie, not partners.
    const names = paired.filter((n, k) => {
      for (let j = k; j >= 0; j--) {
        const head = paired[j];
        if (DISTRICTS_OF.test(s.slice(Math.max(0, head.start - 30), head.start))) return false;
        if (j > 0 && !LIST_JOINER.test(s.slice(paired[j - 1].end, head.start))) return true;
      }
      return true;
    });
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
      // Found after its country already (`英国利物浦`).
      if (n.side === 'foreign' && n.country) continue;
      // The page's owner abroad in another case (`pomiędzy Białymstokiem a miastem Chongzuo`).
      if (foreignOwner && inflectedOwner(n.text, foreignOwner) && !q.isChinese(n.text)) {
        n.text = foreignOwner;
        n.side = 'foreign';
        n.country = ownerCountry ? { written: ownerCountry, iso2: ownerCountry } : null;
        continue;
      }
      // `한국 부산광역시 영도구`: a foreign country just before the name says its side, whatever the gazetteer reads in it.
      const right = countries.find((c) => c.end <= n.start && c.iso2 !== 'CN' && /^\s*(?:의|[国國])?\s*$/u.test(s.slice(c.end, n.start)));
      if (right) {
        n.side = 'foreign';
        n.country = { written: right.written, iso2: right.iso2 };
        continue;
      }
      const lastWord = n.text.includes(' ') && /\p{Script=Hangul}/u.test(n.text) ? n.text.split(/\s+/).pop()! : null;
      if (CHINESE_CUE.test(before) || q.isChinese(n.text) || (n.over && q.isChinese(n.over[0])) || (lastWord !== null && !/^(?:한국|대한민국)/u.test(before.trim().split(/\s+/).pop() ?? '') && q.isChinese(lastWord) && q.isChinese(n.text.split(/\s+/)[0]))) {
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
      const prev = countries.find((c) => c.end <= n.start && /^\s*(?:[’']s|的|の|의|[国國]|(?:city|state|province|county|prefecture|town) of)?\s*$/iu.test(s.slice(c.end, n.start)));
      // `Russia's Vladivostok,South Korea’s Inchon`: a possessive country before the name is its own, not the next one's.
      const c = prev && /[’']s/u.test(s.slice(prev.end, n.start)) ? prev : next ?? prev;
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
      // A place abroad in another case (`Екатеринбургом`, `Сергиевым Посадом`): its nominative, which the gazetteer knows.
      const abroadForm = /\p{Script=Cyrillic}/u.test(n.text) && !q.foreignCountry(n.text) ? foreignNominative(n.text, q) : null;
      if (abroadForm) n.text = abroadForm;
      const abroad = q.foreignCountry(n.text);
      // Taiwan's places stand on the Chinese side of a tie, kept apart by the registry as the document says.
      if (abroad === 'TW') {
        n.side = 'cn';
        continue;
      }
      if (abroad) {
        n.side = 'foreign';
        n.country = { written: abroad, iso2: abroad };
        n.guessed = true;
      }
    }
    // `Oakland City and Houston in the US`, `Japan's Kitakyushu and Maizuru`: a country given once covers names joined by `and`.
    // Backward across `and` first, then forward, then backward across commas: `Japan’s Kitanyushu and Maizuni, Oakland
    // City and Houston in the US` puts Oakland City in the US and Maizuni in Japan.
    const cover = (joiner: RegExp, backward: boolean) => {
      for (let k = 0; k < names.length - 1; k++) {
        const [a, b] = [names[k], names[k + 1]];
        if (!joiner.test(s.slice(a.end, b.start))) continue;
        const [from, to] = backward ? [b, a] : [a, b];
        if (from.side === 'foreign' && to.side === null && from.country && !from.guessed) Object.assign(to, { side: 'foreign', country: from.country });
      }
    };
    const AND = /^\s*(?:and|и|y|e|et|und|与|和|及|、)\s*$/u;
    const AND_OR_COMMA = /^\s*(?:and|и|y|e|et|und|与|和|及|、|,)\s*$/u;
    for (let k = names.length - 2; k >= 0; k--) {
      const [a, b] = [names[k], names[k + 1]];
      if (AND.test(s.slice(a.end, b.start)) && b.side === 'foreign' && a.side === null && b.country && !b.guessed) Object.assign(a, { side: 'foreign', country: b.country });
    }
    cover(AND_OR_COMMA, false);
    for (let k = names.length - 2; k >= 0; k--) {
      const [a, b] = [names[k], names[k + 1]];
      if (AND_OR_COMMA.test(s.slice(a.end, b.start)) && b.side === 'foreign' && a.side === null && b.country && !b.guessed) Object.assign(a, { side: 'foreign', country: b.country });
    }
    // A clause about a visit (`石川县率中日友好青年团首次访问江苏省`) names places visited, not partners: its names
    // stand only where the clause itself holds the kind word.
    for (let k = names.length - 1; k >= 0; k--) {
      const n = names[k];
      const from = Math.max(s.lastIndexOf('，', n.start), s.lastIndexOf(',', n.start)) + 1;
      const ends = [s.indexOf('，', n.end), s.indexOf(',', n.end)].filter((x) => x !== -1);
      const to = ends.length ? Math.min(...ends) : s.length;
      if (VISIT.test(s.slice(from, to)) && !kinds.some((x) => x.start >= from && x.end <= to)) names.splice(k, 1);
      // In Chinese, a clause after the last kind word says what followed (`由此开始了石川县和江苏省的长期友好交流`).
      // A clause that goes on with the list (`…35周年,与荷兰鹿特丹45周年`) is no such clause.
      else if (kinds.length && /^\p{Script=Han}/u.test(n.text) && from > kinds[kinds.length - 1].end && !/^\s*(?:以及|及|和)?\s*[与與]/u.test(s.slice(from))) names.splice(k, 1);
    }
    // `Heyuan, Guangdong province`, `Tustin, California`: a division after a comma qualifies the name before it.
    for (let k = names.length - 1; k > 0; k--) {
      const a = names[k - 1];
      const b = names[k];
      // `Iekaterinbourg, la capitale de l’Oblast de Sverdlovsk`, `Nanjing, capitale de la province du Jiangsu`,
      // `Saint-Louis, dans l'État américain du Missouri`: a place the words after a comma or dash set it in
      // qualifies the name before it, and gives it its side when it has none.
      const gap = s.slice(a.end, b.start);
      if (APPOSITION.test(gap) && QUALIFIER.test(gap) && b.side !== null && (a.side === null || a.side === b.side) && !kinds.some((x) => x.start >= a.end && x.end <= b.start)) {
        if (a.side === null) Object.assign(a, { side: b.side, country: b.country });
        names.splice(k, 1);
        continue;
      }
      // `городом Вэйхай в провинции Шаньдун`, `районом Дадукоу города Чунцин`: the Chinese division after it only places it.
      if (a.side === 'cn' && b.side === 'cn' && IN_DIVISION.test(gap)) {
        names.splice(k, 1);
        continue;
      }
      if (!/^,\s*$/u.test(gap) || a.side === null || b.side !== a.side) continue;
      // `el distrito de Mentougou, Beijing`: a name said to be a district is followed by its city.
      if (/(?:distrito|district|county|condado|bezirk|район\p{L}*)\s+(?:de\s+|of\s+|du\s+)?$/iu.test(s.slice(Math.max(0, a.start - 16), a.start))) {
        names.splice(k, 1);
        continue;
      }
      const province = /^\s+(?:province|Province|prefecture|state|oblast|region)\b/u.test(s.slice(b.end, b.end + 12));
      const division = b.side === 'foreign' && b.country?.iso2 === a.country?.iso2 && !!q.isDivision?.(b.text) && !q.isDivision?.(a.text);
      if (province || division) names.splice(k, 1);
    }
    const cn = names.filter((n) => n.side === 'cn');
    // `Khabarovsk has 6 foreign sister-cities: Niigata (Japan), …, Harbin (China), …`: the names after the colon that
    // closes the kind word are the partners of the one name before it; those on its own side are no ties with China.
    const colon = kinds.length ? /^[^:：]{0,3}[:：]/u.exec(s.slice(kinds[0].end)) : null;
    // (A page whose owner abroad is known reads its Chinese names as that owner's partners, below.)
    const subject = colon && !foreignOwner ? [...names].reverse().find((n) => n.end <= kinds[0].start && n.side !== null) : undefined;
    const at = colon ? kinds[0].end + colon[0].length : 0;
    if (colon && subject && names.every((n) => n.start < at || n.side !== null)) {
      const listed = names.filter((n) => n.start >= at && n.side !== null && n.side !== subject.side);
      if (listed.length) {
        for (const x of listed) {
          const [c, f] = subject.side === 'cn' ? [subject, x] : [x, subject];
          // Each dated by the year in brackets after it (`Huaibei (2017), Ningbo (2002)`).
          const own = dates.find((d) => d.start >= x.end && /^\s*[(（][^()（）]{0,12}$/u.test(s.slice(x.end, d.start)));
          out.push({ planned, place: f.text, country: f.country?.written ?? null, countryIso2: f.country?.iso2 ?? null, cnPlace: c.text, date: own?.written ?? null, marker: kinds[0].written });
        }
        continue;
      }
    }
    // On a foreign owner's page, a place in a third country (`ブラジル…ミナス・ジェライス州`) is another of the owner's partners.
    const foreign = names.filter((n) => n.side === 'foreign' && !(foreignOwner && ownerCountry && n.country && n.country.iso2 !== ownerCountry));
    // Names of no side, in a sentence with Chinese names and no foreign one: the foreign side (`Сергиев Посад и китайский Вэйхай`).
    // Only those joined to a Chinese name (`X и Y`, `между X и Y`): a capitalised word elsewhere is too often no name.
    // `X is a Sister City with Chongqing`: the Chinese place after the kind word's `with` is the partner of the
    // names before the kind word.
    let koreanSubject: Name | null = null;
    const withCn = cn.find((x) => WITH_BEFORE.test(s.slice(Math.max(0, x.start - 6), x.start)) && kinds.some((k) => k.end <= x.start));
    if (!foreign.length && cn.length) {
      for (const n of names) {
        if (n.side !== null || NOT_A_NAME.test(n.text)) continue;
        if (withCn && n.end <= kinds[0].start) {
          foreign.push(n);
          continue;
        }
        // `충주시는 … 다칭시와 자매결연을 했다`: in Korean the subject (는, 은, 이, 가) ties with the place before 와/과 and a kind word.
        const subject = /\p{Script=Hangul}/u.test(n.text) && /^(?:는|은|이|가)(?!\p{Script=Hangul})/u.test(s.slice(n.end, n.end + 2)) &&
          cn.some((x) => x.start > n.end && koreanKindAfter(s, x, kinds) !== null);
        if (subject) koreanSubject ??= n;
        // (A name after a dash the gazetteer does not know is a person's: `reprezentant miasta Chongzuo – Lei Duorong`.)
        const dashed = (g: string) => /^\s*[—–-]\s*$/u.test(g) && !!q.knows && !q.knows(n.text);
        const joined = subject || cn.some((x) => { const g = x.end <= n.start ? s.slice(x.end, n.start) : s.slice(n.end, x.start); return JOINER.test(g) && !dashed(g); }) ||
          (WITH_BEFORE.test(s.slice(Math.max(0, n.start - 6), n.start)) && kinds.some((k) => k.end <= n.start));
        if (joined) foreign.push(n);
      }
    } else if (cn.length && q.knows) {
      // `Ōpōtiki na pumirma sa Xinyu City, Whakatāne kasama ang Fuzhou City`: beside a foreign name already found, a name
      // of no side the gazetteer knows, written with its own Chinese partner through a pairing word, is one more pair.
      for (const n of names) {
        if (n.side !== null || NOT_A_NAME.test(n.text) || !q.knows(n.text)) continue;
        if (cn.some((x) => TAGGED_PAIR.test(x.end <= n.start ? s.slice(x.end, n.start) : s.slice(n.end, x.start)))) foreign.push(n);
      }
    }
    // Only Chinese names, on a foreign owner's page: the owner is their partner; each dated by the year in brackets
    // after it (`Huaibei (2017), Ningbo (2002)`), or the one just before it (`em 2019, a também chinesa Rugao`).
    if ((foreign.every((f) => f.text === foreignOwner || (!!foreignOwner && f.text.endsWith(' ' + foreignOwner))) || cuedOnly) && cn.length && foreignOwner) {
      for (const x of cn) {
        if (x.text === foreignOwner) continue;
        const own = dates.find((d) => d.start >= x.end && /^\s*[(（][^()（）]{0,12}$/u.test(s.slice(x.end, d.start))) ?? [...dates].reverse().find((d) => d.end <= x.start && x.start - d.end <= 30);
        const when = own?.written ?? (cuedOnly ? null : date);
        // `между Каширой и китайским городом Шоугуан`: a place abroad joined to the Chinese one is its partner, not the owner.
        const mate = cuedOnly ? names.find((y) => y !== x && y.side === null && JOINER.test(y.end <= x.start ? s.slice(y.end, x.start) : s.slice(x.end, y.start))) : undefined;
        const mateName = mate ? (foreignNominative(mate.text, q) ?? (q.foreignCountry(mate.text) ? mate.text : null)) : null;
        const mateIso2 = mateName ? q.foreignCountry(mateName) : null;
        if (mateName && mateIso2 && mateName !== foreignOwner) {
          out.push({ planned, place: mateName, country: mateIso2, countryIso2: mateIso2, cnPlace: x.text, date: when, marker: tieKind(kinds, x.end) });
          continue;
        }
        out.push({ planned, place: foreignOwner, country: null, countryIso2: null, cnPlace: x.text, date: when, marker: tieKind(kinds, x.end) });
      }
      continue;
    }
    if (cuedOnly) continue;
    if (!foreign.length) continue;
    // `Los Angeles, which is also a sister City of Taipei`: a Chinese name right after a later kind word's `of` or
    // `with` is one more partner of the foreign name just before that kind word.
    for (const k of kinds.slice(1)) {
      const x = cn.find((c) => c.start >= k.end && /^\s*(?:of|with)\s+$/iu.test(s.slice(k.end, c.start)));
      const f = x ? [...foreign].reverse().find((y) => y.end <= k.start && k.start - y.end < 40) : undefined;
      if (x && f) out.push({ planned, place: f.text, country: f.country?.written ?? null, countryIso2: f.country?.iso2 ?? null, cnPlace: x.text, date: null, marker: k.written });
    }
    // `Tustin, California and Heyuan, Guangdong province, and Yorba Linda, California, and Tongchuan, Shaanxi
    // province signed`: names that alternate side by side are pairs, in the order written.
    // (Names after the kind word, `… signed sister-city agreements in Chicago`, say where, not who.)
    const sided = names.filter((n) => (n.side === 'cn' || foreign.includes(n)) && n.end <= kinds[0].start);
    const inTurn = new Map<Name, Name>();
    if (sided.length >= 4 && sided.length % 2 === 0) {
      const firstCn = sided[0].side === 'cn';
      if (sided.every((n, k) => (n.side === 'cn') === (k % 2 === 0 ? firstCn : !firstCn))) {
        for (let k = 0; k < sided.length; k += 2) inTurn.set(firstCn ? sided[k + 1] : sided[k], firstCn ? sided[k] : sided[k + 1]);
      }
    }
    // `新乐市、辛集市也分别与日本香川县绫南町、意大利索劳伏拉市…缔结`: `respectively` pairs the two lists in order.
    if (!inTurn.size && RESPECTIVELY.test(s)) {
      const cs = names.filter((n) => n.side === 'cn');
      const fs = names.filter((n) => foreign.includes(n));
      const apart = cs.length >= 2 && cs.length === fs.length && (cs[cs.length - 1].end <= fs[0].start || fs[fs.length - 1].end <= cs[0].start);
      if (apart) fs.forEach((f, k) => inTurn.set(f, cs[k]));
    }
    const used = new Set<Name>();
    // `제주시는 … 구이린시와 자매결연 25주년, 지린성 훈춘시와 우호협력 15주년`: each Chinese place before 와/과 and
    // a kind word is the Korean subject's partner, of that kind.
    if (koreanSubject) {
      for (const x of cn) {
        const k = koreanKindAfter(s, x, kinds);
        if (!k) continue;
        used.add(x);
        out.push({ planned, place: koreanSubject.text, country: koreanSubject.country?.written ?? null, countryIso2: koreanSubject.country?.iso2 ?? null, cnPlace: x.text, date, marker: k.written });
      }
    }
    for (const f of foreign) {
      if (f === koreanSubject) continue;
      // `della città di Siena con le città tedesche di Weimar e Wetzlar`: names after another foreign place's `con`,
      // with no Chinese name between, are that place's partners, not China's.
      if (withForeignBefore(s, f, foreign, cn, kinds)) continue;
      if (inTurn.size && !inTurn.has(f)) continue;
      // `金泽市与江苏省`, `Rostock and Dalian`: the Chinese name joined to it is its partner.
      const joinedTo = inTurn.get(f) ?? cn.find((x) => PAIR_JOINER.test(x.end <= f.start ? s.slice(x.end, f.start) : s.slice(f.end, x.start)));
      const partner = joinedTo ?? (withCn && f.end <= withCn.start && f.end <= kinds[0].start ? withCn : null) ?? [...cn].reverse().find((x) => x.end <= f.start && f.start - x.end < 80) ?? cn.find((x) => x.start >= f.end && x.start - f.end < 80) ?? cn[0] ?? null;
      const cnPlace = partner?.text ?? (owner && q.isChinese(owner) ? owner : null);
      if (!cnPlace) continue;
      if (partner) used.add(partner);
      out.push({ planned, place: f.text, country: f.country?.written ?? null, countryIso2: f.country?.iso2 ?? null, cnPlace, date, marker: tieKind(kinds, Math.max(f.end, partner?.end ?? 0)) });
    }
    // `Chicago's sister-city relationships with Shanghai and Shenyang`: the one foreign name's partner begins a list
    // of Chinese names, and each of them is its partner.
    if (foreign.length === 1) {
      const f = foreign[0];
      for (let k = 1; k < cn.length; k++) {
        const x = cn[k];
        if (used.has(x) || !used.has(cn[k - 1]) || !LIST_JOINER.test(s.slice(cn[k - 1].end, x.start))) continue;
        used.add(x);
        out.push({ planned, place: f.text, country: f.country?.written ?? null, countryIso2: f.country?.iso2 ?? null, cnPlace: x.text, date, marker: tieKind(kinds, Math.max(f.end, x.end)) });
      }
    }
  }
  return out;
}

/** Whether a foreign name follows another foreign name and its `with` (`Siena con … Weimar`), no Chinese name or kind word between. */
function withForeignBefore(s: string, f: Name, foreign: Name[], cn: Name[], kinds: Array<{ start: number; end: number }>): boolean {
  return foreign.some((g) => g.end <= f.start && g.text !== f.text && /(?:^|[\s,])(?:with|con|avec|mit|com)\s/iu.test(s.slice(g.end, f.start)) &&
    !/^\s*(?:and|e|et|und|y|,)\s*$/iu.test(s.slice(g.end, f.start)) && !cn.some((x) => x.start >= g.end && x.end <= f.start) &&
    !kinds.some((k) => k.start >= g.end && k.end <= f.start));
}

/** Whether a country's name is the last word of a Chinese place's name written just before it (`Внутренняя Монголия`). */
function endsChineseName(s: string, c: { start: number; end: number }, q: PlaceQuestions): boolean {
  const word = /(\p{Lu}[\p{L}\-]+)\s$/u.exec(s.slice(Math.max(0, c.start - 30), c.start));
  return !!word && q.isChinese(`${word[1]} ${s.slice(c.start, c.end)}`);
}

/** Whether the gazetteer knows a Cyrillic name, as written or in its nominative, in China or abroad. */
function knownCyrillic(name: string, q: PlaceQuestions): boolean {
  return [name, ...russianNominatives(name)].some((f) => q.isChinese(f)) || foreignNominative(name, q) !== null;
}

/** The first name in a text that the gazetteer knows as Chinese (the subject of `石家庄市国际友城工作始于…`). */
export function firstChineseName(text: string, q: PlaceQuestions): string | null {
  const countries = findCountries(text);
  const kinds = findKindWords(text);
  for (const n of namesIn(text, countries, kinds, q)) if (q.isChinese(n.text)) return n.text;
  return null;
}
