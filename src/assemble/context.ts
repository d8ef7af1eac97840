// What a heading, a group label or a title says about the rows under it: a kind of tie, a country, a
// continent, the Chinese place whose partners follow, the document's owner, or the end of the list
// (References, See also …). Pure; shared by every layout through the record stage.
import { namesNoPlace } from './not-a-place.js';
import { countryToIso2 } from '../normalize/country.js';
import { markerKind } from '../normalize/kind.js';
import { findCountries, notATieReason } from '../recognize/index.js';
import { toSimplified } from '../normalize/script.js';

export type HeadingRole =
  | { role: 'kind'; owner: string | null }
  | { role: 'country'; iso2: string; written: string }
  | { role: 'continent' }
  | { role: 'stop'; why: string }
  | { role: 'place'; name: string }
  | { role: 'neutral' };

/** Sections that end a list: notes, references, links, and the rest of an encyclopedia article. */
const STOP =
  /^(references?|notes?|footnotes|see also|external links?|further reading|sources|bibliography|citations|gallery|history|geography|climate|economy|demographics|education|transport(ation)?|culture|sports?|politics|government|notable people|参考(资料|資料|文献|文獻)?|参见|參見|外部(链接|連結|链接)|注释|註釋|脚注|腳註|相关条目|相關條目|延伸阅读|历史|歷史|地理|气候|氣候|经济|經濟|人口|交通|教育|文化|体育|體育|関連項目|外部リンク|出典|参考文献|歴史|각주|외부 링크|참고 문헌|같이 보기|역사|referencias|enlaces externos|véase también|notas|referências|ligações externas|ver também|примечания|ссылки|литература|см\. также|история|références|liens externes|voir aussi|einzelnachweise|weblinks|siehe auch|literatur|note|collegamenti esterni|voci correlate)$/iu;

const CONTINENT =
  /^(亚洲|亞洲|欧洲|歐洲|非洲|美洲|北美洲|南美洲|拉丁美洲|大洋洲|澳洲|中东|中東|asia|europe|africa|americas?|north america|south america|latin america|oceania|australasia|middle east|アジア|ヨーロッパ|アフリカ|北アメリカ|南アメリカ|オセアニア|아시아|유럽|아프리카|북아메리카|남아메리카|오세아니아|asia y oceanía|américa|europa|áfrica|азия|европа|африка|америка|океания)(地区|地區|州)?$/iu;

/** `（共12个）`, `(5)`, `：` and the like around a heading's words. */
export function bareHeading(text: string): string {
  return text
    .replace(/[(（[【]\s*(共|计|計|合计|合計|total)?\s*[\d一二三四五六七八九十百]+\s*(个|個|座|对|對|城市|cities|ヶ所|か所|개)?\s*[)）\]】]/giu, '')
    .replace(/\s*[:：]\s*$/, '')
    .replace(/^\s*[\d一二三四五六七八九十]+[.、．]\s*/u, '')
    .trim();
}

/** The owner a title or heading names: `大连市国际友好城市`, `Sister cities of Dalian`, `Dalian's twin towns`, `ソウル特別市の姉妹都市`. */
export function ownerFromTitle(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  const patterns: RegExp[] = [
    /^(?:list of )?(?:twin towns(?: and sister cities)?|sister cities|sister cities and twin towns|friendship cities|partner cities) of (.+?)(?:\s*[-–—(|].*)?$/i,
    /^(.+?)(?:'s|’s) (?:sister cities|twin towns|friendship cities|partner cities)/i,
    /^(\p{Script=Han}{2,12}?(?:市|省|自治区|自治區|特别行政区|特別行政區|县|縣|区|區|州|盟|府|県|都|道))(?:的|之)?(?:国际|國際)?(?:友好城市|友城|姐妹城市|友好交流城市|友好关系|友好關係|姉妹都市|友好都市|国际友城)/u,
    /^(.{2,20}?)の(?:姉妹都市|友好都市|姉妹友好都市|国際交流)/u,
    /^(.{2,20}?)\s*(?:의)?\s*(?:자매도시|우호도시|자매·우호도시|국제자매도시|자매결연)/u,
    /^(?:ciudades hermanas|hermanamientos) de (.+)$/i,
    /^(?:города-побратимы|побратимы) (.+)$/i,
    // ar: المدن التوأمة لشانغهاي, المدن الشقيقة لمدينة …: the owner after the preposition ل run into it.
    /^(?:ال)?(?:مدن|المدن)\s+(?:التوأمة|التوأم|الشقيقة)\s+(?:ل(?:مدينة\s+)?)?(.+)$/u,
  ];
  for (const p of patterns) {
    const m = p.exec(t);
    if (m) {
      const o = m[1].trim().replace(/^the /i, '');
      if (/^(china|中国|中國|the people's republic of china)$/i.test(o)) return null;
      // A headline is no owner (`양주시-중국 둥잉시, 우호교류→`): an owner is one name.
      if (/[,，→:;、'"‘’“”]|\S-\S.*\s|^\d/u.test(o) || findCountries(o).length) return null;
      if (o.length >= 2 && o.length <= 40) return o;
    }
  }
  return null;
}

/** Whether a title or heading speaks of all China's ties (`… in China`, `中国国际友好城市`): its sub-headings then name Chinese places. */
export function isChinaWide(text: string): boolean {
  // The words close together: `양주시-중국 둥잉시, 우호교류→자매도시로 격상` names China and a kind, but is about one tie.
  return /\b(in|of) (the )?(people's republic of )?china\b|中[国國].{0,6}(友好城市|友城)|中国の姉妹都市|중국의\s*(?:자매|우호)도시/i.test(text);
}

export function classifyHeading(text: string, chinaWide: boolean): HeadingRole {
  const bare = bareHeading(text);
  if (!bare) return { role: 'neutral' };
  if (STOP.test(bare)) return { role: 'stop', why: `section "${bare}"` };
  const notTie = notATieReason(bare);
  if (notTie && !markerKind(bare)) return { role: 'stop', why: notTie };
  if (markerKind(bare)) return { role: 'kind', owner: ownerFromTitle(bare) };
  if (CONTINENT.test(bare)) return { role: 'continent' };
  const whole = countryToIso2(bare);
  if (whole) return { role: 'country', iso2: whole, written: bare };
  const spans = findCountries(bare);
  if (spans.length === 1 && spans[0].end - spans[0].start >= bare.length * 0.7) return { role: 'country', iso2: spans[0].iso2, written: spans[0].written };
  if (chinaWide && bare.length <= 30 && looksLikePlace(bare)) return { role: 'place', name: bare };
  return { role: 'neutral' };
}

/** Words of a sentence, a page or a field, never of a place name. */
// 那, 的 and 及 stand inside transliterated names (伏伊伏丁那, 亚利桑那, 那慕尔, 的黎波里, 埃及): only the words they make are refused.
const NOT_NAME_CJK =
  /如下|一览|一覽|名单|名單|名录|名錄|列表|什么|甚么|统计|統計|首页|首頁|位置|栏目|欄目|意思|我们|我們|您|(?<!埃)及|的(?!黎波里|里雅斯特)|是|有|这|這|那些|那个|那個|那里|那裡|了|吗|嗎|呢|网站|網站|新闻|新聞|发布|發布|来源|來源|作者|记者|記者|编辑|編輯|校对|校對|浏览|瀏覽|点击|點擊|人口|面积|面積|简介|簡介|概况|概況|홈페이지|위치|면적|인구|산업|특성|현황|내용|명칭|배경|交流|について|です|ます|した|する|された|ページ/u;

/** Administrative words written in lower case after a name (`Bremen state`, `Jeju province`). */
const ADMIN_WORD = /^(?:state|province|prefecture|city|county|district|region|oblast|krai|land|do|si|gun|gu|ken|shi|prefectura|provincia|estado|departamento|région|département)$/u;

/** Lower-case words that stand inside place names, in the languages of the lists. */
const NAME_PARTICLE =
  /^(?:de|del|de la|la|le|les|lès|los|las|el|du|des|d'|am|an|der|den|dem|die|im|bei|ob|vor|upon|on|sur|sous|aux|en|di|da|do|dos|das|della|dello|delle|degli|al|alla|sul|nell'\p{L}*|nad|pod|na|of|the|and|y|e|et|und|i|van|von|ter|op|aan|zu|zum|zur)$/u;

/** A short name: a few capitalised words, or a run of Han/kana/Hangul characters; no sentence. */
/** Words that point at places already named (`両市長の相互訪問`, `两市`, `本市`, `该市`): no name of their own. */
export const BOTH_OR_THIS = /^(?:[両两兩双雙本我该該同当當各他此][市省县縣区區州府県道都町村郡])$/u;

export function looksLikePlace(s: string): boolean {
  const t = s.trim();
  if (t.length < 2 || t.length > 40) return false;
  if (BOTH_OR_THIS.test(t)) return false;
  // `Xinhua News Agency`, `Councillor Kok`, `Sydney Week`: an organisation, a title or an event.
  if (namesNoPlace(t)) return false;
  if (/[。.!?！？]$/.test(t) && !/\b[A-Z][a-z]?\.$/.test(t)) return false;
  if (/^\d+$/.test(t)) return false;
  if (/\p{Script=Han}|\p{Script=Hangul}|\p{Script=Katakana}|\p{Script=Hiragana}/u.test(t))
    return t.replace(/\s/g, '').length <= 20 && !/[\d:：@#%&*=<>{}|\\^~_]/.test(t) && !NOT_NAME_CJK.test(t);
  if (/[\d:@#%&*=<>{}|\\^~_]/.test(t)) return false;
  // Names run together with slashes (`Xinhua/VNA/CVN`) are a news item's credits, not a place.
  if ((t.match(/\//g) ?? []).length >= 2) return false;
  const words = t.split(/\s+/);
  if (words.length > 6) return false;
  // A name ends in a name, not in a function word (`Map of`, `Outras irmãs ficam nos`).
  if (words.length > 1 && /^\p{Ll}/u.test(words[words.length - 1]) && !ADMIN_WORD.test(words[words.length - 1])) return false;
  // Lower-case words inside a Latin name are its particles (`Rio de Janeiro`, `Frankfurt am Main`, `Kingston
  // upon Hull`), not the words of a sentence (`Take a look at the Chinese`, `Along with Beijing`).
  if (/^\p{Script=Latin}/u.test(t) && words.slice(1, -1).some((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLE.test(w) && !ADMIN_WORD.test(w))) return false;
  // Scripts without capitals (Arabic, Hebrew, Thai, Devanagari) cannot say by case that a word is a name.
  return /^\p{Lu}/u.test(t) || /^\p{Script=Cyrillic}/u.test(t) || /^[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Devanagari}]/u.test(t);
}

/** Whether a name is written in a script that says which country a document's owner is in. */
export function ownerCountryByScript(text: string): string | null {
  if (/\p{Script=Hangul}/u.test(text)) return 'KR';
  if (/\p{Script=Hiragana}|\p{Script=Katakana}/u.test(text)) return 'JP';
  // Russian pages are by far the most Cyrillic lists of Chinese partners; a hint only, a written country wins.
  if (/^[\p{Script=Cyrillic}\s\-]+$/u.test(text.trim())) return 'RU';
  return null;
}

/**
 * An owner given with its country, as a person writes it (`Jeonbuk (Jeollabuk-do, KR)`, `Иркутск, Россия`,
 * `Rostock (Germany)`): the name, and the country when the last part in brackets or after a comma is one.
 */
export function splitOwner(given: string | null | undefined): { name: string; iso2: string | null } | null {
  const t = given?.trim();
  if (!t) return null;
  const br = /^(.+?)\s*[(（]([^()（）]+)[)）]\s*$/u.exec(t);
  if (br) {
    const parts = br[2].split(/[,，]\s*/);
    const iso2 = countryToIso2(parts[parts.length - 1].trim());
    if (iso2) return { name: br[1].trim(), iso2 };
  }
  const comma = /^(.+?)\s*[,，]\s*([^,，]+)$/u.exec(t);
  if (comma) {
    const iso2 = countryToIso2(comma[2].trim());
    if (iso2) return { name: comma[1].trim(), iso2 };
  }
  return { name: t, iso2: null };
}

/** Russian case endings, longest first: `Сергиевым Посадом` and `Сергиев Посад` share one stem. */
const RU_ENDINGS = /(?:ами|ями|ием|ией|иею|ию|ии|ым|им|ом|ем|ой|ей|ою|ею|ах|ях|ов|ев|ам|ям|ы|и|а|я|у|ю|е)$/u;

/** The stem of each word of a Cyrillic name (the words of other scripts as they are). */
export function russianStem(name: string): string {
  if (!/\p{Script=Cyrillic}/u.test(name)) return name;
  return name
    .toLowerCase()
    .split(/\s+/)
    .map((w) => (w.length > 4 ? w.replace(RU_ENDINGS, '') : w))
    .join(' ');
}

/** The nominative forms a Cyrillic word in another case may stand for (`Маньчжурией` → `Маньчжурия`, `Харбином` → `Харбин`). */
export function russianNominatives(name: string): string[] {
  if (!/^[\p{Script=Cyrillic}\s\-]+$/u.test(name) || name.length < 4) return [];
  const out = new Set<string>();
  const m = /^(.*?)(ией|ии|ию|ией)$/u.exec(name);
  if (m) out.add(`${m[1]}ия`);
  const stem = name.replace(RU_ENDINGS, '');
  if (stem !== name && stem.length >= 3) {
    out.add(stem);
    out.add(`${stem}а`);
    out.add(`${stem}я`);
    out.add(`${stem}ь`);
    out.add(`${stem}о`);
  }
  out.delete(name);
  return [...out];
}

export const simplified = (s: string) => toSimplified(s);
