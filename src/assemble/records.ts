// The record stage: blocks (from any layout) → rows. It walks the blocks in order keeping what the
// headings, group labels and title say (kind, country, Chinese place, owner, end of list), and makes a
// row of each item, line or table row that names a place in that context; sentences elsewhere count
// only when they state a tie themselves. Where it is unsure the row is kept as doubtful, with the reason.
import type { DeclaredTotal, Message, RawRow, ReadResult } from '../model.js';
import type { Block, Layout, TableRow } from '../layout/blocks.js';
import { describeBlock } from '../layout/blocks.js';
import { classifyHeaderCell, classifyHeaderCells, tableRows } from '../readers/columns.js';
import { markerKind } from '../normalize/kind.js';
import { countryToIso2 } from '../normalize/country.js';
import { parseDate } from '../normalize/date.js';
import { parseDeclaredTotal } from '../normalize/totals.js';
import { notATieReason, findKindWords, findCountries, findDates } from '../recognize/index.js';
import { BOTH_OR_THIS, classifyHeading, isChinaWide, looksLikePlace, ownerCountryByScript, ownerFromTitle, russianStem, splitOwner, type HeadingRole } from './context.js';
import { doubtWord, extractRecord } from './extract.js';
import { latinOwner } from './latin-owner.js';
import { firstChineseName, proseTies, sentences, type PlaceQuestions } from './prose.js';
import { denoise } from './denoise.js';
import { cyrillicOwner } from './cyrillic-owner.js';

/** A block that looked like a record but gave none: shown to a person when a document yields no rows. */
export interface Miss {
  line: number;
  block: string;
  why: string;
}

export interface Assembled extends ReadResult {
  misses: Miss[];
  /** How many blocks of each type the layout gave. */
  seen: Record<Block['type'], number>;
}

/** Rows outside any friendship-city context are kept only when the document holds at least this many. */
/** China's regions as the registry keeps them apart: a tie between two of them is none with a place abroad. */
const CHINESE_REGIONS = new Set(['CN', 'TW', 'HK', 'MO']);
const MIN_CONTEXTLESS_ROWS = 3;
/** A line this long is running text, read for stated ties rather than as a record. */
const PROSE_CHARS = 90;
/** Longest text read as one record. */
const MAX_RECORD_CHARS = 400;
/** Group labels kept above an item: deeper nesting says nothing more, and would make each item cost its depth. */
const MAX_GROUPS = 8;
/** Longest sentence read for ties: a longer run is no sentence a person wrote. */
const MAX_SENTENCE_CHARS = 2000;

interface Frame {
  level: number;
  text: string;
  role: HeadingRole;
}

export interface AssembleOptions {
  /** Whose list it is, when the caller knows (`--owner`, a manifest). */
  owner?: string | null;
  /** What the gazetteer knows of a name: Chinese or abroad (tells the sides of `Bahía Blanca y Dalian`, of prose). */
  places?: PlaceQuestions;
}

/** Words of a step toward a tie, not the tie: proposals, reviews, preparations. */
const PROPOSAL = /제안|제의|검토|proposal|proposed|propos[eé]|prepar|提议|提議|提案|筹备|籌備|検討|提案/iu;

/** Words that join the two sides of a pair written without countries. */
/** The words before a side of a pair that say what it is (`la provincia de`, `the city of`, `el distrito de`; `State of Maryland`, without an article, is a name). */
const SIDE_HEAD = /^(?:la|las|el|los|the|le|les|die|der|das|a|o|as|os)\s+(?:provincias?|provinces?|ciudad(?:es)?|city|cities|villes?|distrito|district|région|region|estado|state|stadt|munic[ií]pio|prefectura|prefecture|condado|county|cidade)\s+(?:de(?:l| la| los| las)?|of(?: the)?|du|des|do|da|von)\s+/iu;
const PAIR_SEPARATORS = ['  ', ' ', ' y ', ' and ', ' e ', ' et ', ' und ', ' и ', ' con ', ' – ', ' — ', ' - ', ' / ', ' & ', '与', '與', '和', '・', '–', '—', '/'];

export function assemble(layout: Layout, opts: AssembleOptions = {}): Assembled {
  const places: PlaceQuestions = opts.places ?? { isChinese: () => false, foreignCountry: () => null };
  const isChinese = (name: string) => places.isChinese(name);
  const blocks = layout.blocks;
  const messages: Message[] = [...layout.messages];
  const totals: DeclaredTotal[] = [];
  const misses: Miss[] = [];
  const seen = { heading: 0, table: 0, item: 0, line: 0 };
  for (const b of blocks) seen[b.type]++;

  const firstText = blocks.find((b) => b.type === 'heading' || b.type === 'line') as { text: string } | undefined;
  const title = layout.meta.title ?? firstText?.text ?? null;
  const heads = blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading').slice(0, 3);
  const chinaWide = [title, ...heads.map((h) => h.text)].some((t) => t && isChinaWide(t));
  const given = splitOwner(opts.owner);
  let owner: string | null = given?.name ?? null;
  const titleOwner = [title, ...heads.map((h) => h.text)].map((t) => (t ? ownerFromTitle(t) : null)).find(Boolean) ?? null;
  owner ??= titleOwner;
  // The document speaks of friendship cities: its title, a top heading or one of its first lines says so.
  const opening = blocks.slice(0, 8).map((b) => (b.type === 'table' ? '' : b.text));
  const docKind = [title, ...opening].some((t) => t && markerKind(t));
  // No title pattern names the owner: a page in a Latin script whose title, top heading or first sentence names one
  // place abroad (and no Chinese place) is that place's own page (`Białystok będzie współpracował z Chinami`).
  if (!owner && !chinaWide && docKindLatin(blocks)) {
    const firstLines = blocks.filter((b) => b.type === 'line').slice(0, 3).map((b) => (b as { text: string }).text);
    owner = latinOwner(layout.meta.title ?? null, heads.map((h) => h.text), firstLines, places);
  }
  // No title names the owner: the first Chinese place named in an opening sentence about friendship cities.
  if (!owner) {
    for (const b of blocks.slice(0, 12)) {
      if (b.type === 'table' || b.type === 'item' || !findKindWords(b.text).length) continue;
      // A page in Russian, Korean or Japanese is written by the partner abroad: the Chinese place it names first is no owner.
      if (/\p{Script=Cyrillic}|\p{Script=Hangul}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(b.text)) {
        // A Russian page's owner is the place abroad it names most (`Для Иркутска …`, `Мэр Хабаровска …`).
        if (/\p{Script=Cyrillic}{4}/u.test(b.text)) {
          owner = cyrillicOwner(blocks.slice(0, 60).map((x) => (x.type === 'table' ? '' : denoise(x.text))), places);
          if (owner) messages.push({ line: b.line, severity: 'info', code: 'owner-guessed', reason: `whose page it is was not said: taken as ${owner}, the place abroad the page names most; give --owner to say otherwise` });
        }
        break;
      }
      const n = firstChineseName(denoise(b.text.slice(0, 500)), places);
      if (n) {
        owner = n;
        break;
      }
    }
  }
  let docCountry = documentCountry(layout, places);
  const japanese = blocks.slice(0, 60).some((b) => b.type !== 'table' && /[\p{Script=Hiragana}]/u.test(b.text));
  const byScript = (name: string): string | null => {
    if (/\p{Script=Hangul}/u.test(name)) return 'KR';
    if (/^[\p{Script=Cyrillic}\s\-]+$/u.test(name)) return 'RU';
    // Kanji names with a Japanese administrative word, on a page written in Japanese.
    if (japanese && /^[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}ヶ]{1,8}(?:県|市|町|村|郡|都|府|道)$/u.test(name) && !isChinese(name)) return 'JP';
    return null;
  };
  /** The owner's country when the owner is abroad (a foreign city's own list of its Chinese partners), else null. */
  const ownerAbroad = (): string | null => {
    if (!owner) return null;
    if (given?.iso2) return given.iso2 === 'CN' ? null : given.iso2;
    if (isChinese(owner)) return null;
    return places.foreignCountry(owner) ?? ownerCountryByScript(owner);
  };
  /** The owner's country or region (CN for a mainland owner, TW for Chiayi), when it is known. */
  const ownerRegion = (): string | null => {
    if (!owner) return null;
    if (given?.iso2) return given.iso2;
    if (isChinese(owner)) return 'CN';
    return ownerAbroad() ?? places.foreignCountry(owner.replace(/(?<!\s)\s+(?:city|county)$/iu, '').replace(/(?<=\p{Script=Han}{2})[市縣县]$/u, ''));
  };
  const titleLine = layout.meta.title ? null : (firstText && 'line' in (firstText as object) ? (firstText as unknown as { line: number }).line : null);

  const stack: Frame[] = [];
  /** Group labels of items (`* Japan` over `** Osaka`), by depth. */
  let groups: Array<{ depth: number; role: HeadingRole; text: string }> = [];
  /** A bold line or `;term` over the items that follow it, until the next heading. */
  let label: { role: HeadingRole; text: string } | null = null;

  const rows: Array<RawRow & { weak?: boolean; needsOwner?: boolean; prose?: boolean }> = [];
  /**
   * A heading that names one partner with its country (`닝샤회족자치구 은천시(중국)`, `Ballarat (Australia)`): a
   * page about one tie. Its date and kind come from the dated lines under it that hold a kind word — the
   * latest, as the tie stands now — and it becomes a row at the next such heading or at the end.
   */
  let pending: { row: RawRow & { weak?: boolean; needsOwner?: boolean }; iso2: string; titled?: boolean } | null = null;
  /** The fields of a record written as a form (see formTable), until it is complete. */
  let form: { line: number; place?: string; en?: string; country?: string; date?: string } | null = null;
  const flushPending = () => {
    if (!pending) return;
    const { row, iso2 } = pending;
    if (iso2 === 'CN') {
      row.cnPlace = row.foreignPlace;
      row.foreignPlace = owner;
      row.country = null;
      row.countryHint = ownerAbroad();
      if (!owner) row.needsOwner = true;
    } else if (!row.cnPlace) row.cnPlace = null;
    rows.push(row);
    pending = null;
  };

  const ctx = () => {
    // What the headings, the label and the groups say, in that order (a stop: the first; the rest: the last),
    // walked in place: this runs for every record, and copying the frames each time made much garbage.
    let stop: { role: HeadingRole; text: string } | undefined;
    let kindFrame: { role: HeadingRole; text: string } | undefined;
    let countryFrame: { role: HeadingRole; text: string } | undefined;
    let placeFrame: { role: HeadingRole; text: string } | undefined;
    const see = (r: { role: HeadingRole; text: string }) => {
      const k = r.role.role;
      if (k === 'stop') stop ??= r;
      else if (k === 'kind') kindFrame = r;
      else if (k === 'country') countryFrame = r;
      else if (k === 'place') placeFrame = r;
    };
    for (const f of stack) see(f);
    if (label) see(label);
    for (const g of groups) see(g);
    const nearest = stack.length ? stack[stack.length - 1].text : null;
    const section = kindFrame && nearest && kindFrame.text !== nearest ? `${kindFrame.text} / ${nearest}` : (nearest ?? kindFrame?.text ?? null);
    return {
      stopped: stop ? (stop.role as { why: string }).why : null,
      inList: !!kindFrame || docKind,
      country: countryFrame ? (countryFrame.role as { written: string }).written : null,
      cnPlace: placeFrame ? (placeFrame.role as { name: string }).name : null,
      section,
    };
  };

  const miss = (b: Block, why: string) => {
    if (misses.length < 200) misses.push({ line: b.line, block: describeBlock(b), why });
  };

  /** Makes a row of one text in the current context; returns whether it did. */
  const record = (written: string, line: number, b: Block, hidden: boolean, asItem: boolean): boolean => {
    // A record is short; a longer text is read as prose, whose sentences are bounded (linear time on huge lines).
    if (written.length > MAX_RECORD_CHARS) {
      prose(written, line, hidden);
      return false;
    }
    const text = denoise(written);
    const c = ctx();
    if (c.stopped) {
      miss(b, `under ${c.stopped}, not a list of ties`);
      return false;
    }
    const notTie = notATieReason(text);
    if (notTie && !findKindWords(text).some((k) => markerKind(k.written))) {
      messages.push({ line, severity: 'info', reason: `not read as a tie: ${notTie}`, code: 'not-a-tie', skipped: true });
      miss(b, notTie);
      return false;
    }
    // A sentence that counts the list (`共有正式国际友好城市20个`) is its total, not a row; the title is none either.
    if (!asItem && parseDeclaredTotal(text)) return false;
    if (line === titleLine && !asItem) return false;
    // A header written as a line (`Maryland City Chinese City Year`).
    if (headerWords(text) >= 2 && !findDates(text).length) {
      miss(b, 'a header line');
      return false;
    }
    // A field of a record written over several lines: `결연일 : 1998년 8월 3일`, `Date signed: 12 May 1995`.
    const field = /^([^:：]{1,14}?)\s*[:：]\s*(.+)$/u.exec(text);
    const fieldRole = field ? classifyHeaderCell(field[1])?.role : undefined;
    if (field && fieldRole && fieldRole !== 'place' && fieldRole !== 'foreignPlace' && fieldRole !== 'cnPlace') {
      const d = fieldRole === 'date' ? findDates(field[2])[0] : undefined;
      const target = pending?.row ?? (rows.length && line - rows[rows.length - 1].line <= 6 ? rows[rows.length - 1] : null);
      if (d && target && !target.date) target.date = d.written;
      miss(b, `a field (${field[1].trim()}) of the record above`);
      return !!d;
    }
    // `Houston, theUnited States`: words a copied page glued together.
    const e = extractRecord(text.replace(/\bthe(?=\p{Lu}\p{Ll})/gu, 'the '));
    // What is left beside a country is no place (`日本石川县与中国的关系`): a title or a sentence, not a record.
    if (e.cnPlace && !looksLikePlace(e.cnPlace)) {
      miss(b, `"${clip(e.cnPlace)}" does not read as a place name`);
      return false;
    }
    let place = e.place;
    // `Dallas, the` / `United States`: a country standing alone finishes the row above that has none.
    const last = rows[rows.length - 1];
    if (!place && e.country && !e.date && last && !last.country && !last.countryHint && line - last.line <= 4 && !pending) {
      last.country = e.country;
      return true;
    }
    // A dated line with a kind word under a page about one tie: the tie's date and kind, as it stands now.
    // Under a page about a Chinese partner, naming China (`중국 왕청현에 대한 …`) is no other tie.
    if (pending && e.countryIso2 === 'CN' && pending.iso2 === 'CN') {
      e.country = null;
      e.countryIso2 = null;
    }
    // A proposal, a review or a visit to prepare one is not the tie (`자매결연 제안서 제출`, `교류제의`).
    if (pending && e.date && e.marker && !e.country && PROPOSAL.test(text)) return true;
    if (pending && e.date && e.marker && !e.country) {
      const iso = parseDate(e.date).iso;
      const had = pending.row.date ? parseDate(pending.row.date).iso : null;
      // A kind its title states (`…→자매도시로 격상`) stands; a line of another kind does not date it.
      const sameKind = !pending.titled || markerKind(pending.row.marker ?? '') === markerKind(e.marker);
      if (iso && (!had || iso >= had) && sameKind) {
        pending.row.date = e.date;
        pending.row.marker = e.marker;
      }
      return true;
    }
    // Under a page about one tie, only a line naming its own country is another tie.
    if (pending && !e.country) {
      miss(b, 'a line of the page about the tie above');
      return false;
    }
    // Two sides without countries: `Bahía Blanca y Dalian`, `大连—北九州`.
    // (A row that names its country names one side only: no pair to split, and no lookups to make.)
    // A Han cell that holds both sides beside a country cell (`吉林省 萨斯喀彻温省 | 加拿大`) is split the same way.
    if (place && !e.cnPlace && (!e.country || (e.countryIso2 !== 'CN' && /^\p{Script=Han}+\s+\p{Script=Han}+$/u.test(place))) && !isChinese(place)) {
      const pair = splitPair(place, isChinese);
      if (pair) {
        place = pair.foreign;
        e.cnPlace = pair.cn;
      }
    }
    // A record spread over lines (`Osaka, Japan` / `Signed: 12 May 1995`): a date standing alone dates the row above.
    if (!place && e.date && rows.length && rows[rows.length - 1].date === null && line - rows[rows.length - 1].line <= 4) {
      rows[rows.length - 1].date = e.date;
      return true;
    }
    if (!place || !looksLikePlace(place)) {
      miss(b, place ? `"${clip(place)}" does not read as a place name` : 'names no place');
      return false;
    }
    // Korean place names end in their administrative word (시, 도, 군, 구, 성 …); other Hangul words the gazetteer must know.
    if (/\p{Script=Hangul}/u.test(place) && !/(?:시|도|군|구|성|현|주|읍|면)$/u.test(place) && !isChinese(place) && !(places.knows?.(place) ?? true)) {
      miss(b, `"${clip(place)}" does not read as a Korean place name`);
      return false;
    }
    // A Chinese owner's partner in Taiwan, Hong Kong, Macau or the mainland (`Republic of China Hsinchu City` on
    // Chiayi's list) is a tie at home, not one with a place abroad.
    if (owner && !e.cnPlace && e.countryIso2 && CHINESE_REGIONS.has(e.countryIso2) && CHINESE_REGIONS.has(ownerRegion() ?? '')) {
      miss(b, `"${clip(place)}" is in ${e.country}, as is ${owner}: not a tie with a place abroad`);
      return false;
    }
    let country = e.country ?? c.country ?? docCountry;
    // A Chinese place alone, with no foreign country around it: a list written from the foreign side.
    const foreignSide = e.countryIso2 === 'CN' || (!e.country && !c.country && isChinese(place) && !e.cnPlace);
    if (foreignSide && !e.country) country = country ?? null;
    if (foreignSide && !owner && chinaWide) {
      miss(b, `"${clip(place)}" is a Chinese place with no partner beside it`);
      return false;
    }
    // With no country anywhere, the name must be one the gazetteer knows (not `Advertisements`).
    if (!country && !foreignSide && !e.cnPlace && places.knows && !places.knows(place) && !isChinese(place)) {
      miss(b, `"${clip(place)}" names no country and is no place the gazetteer knows`);
      return false;
    }
    if (!c.inList && !country) {
      miss(b, 'names no country, and no heading or title says this is a list of friendship cities');
      return false;
    }
    if (!asItem && !c.inList && !e.marker) {
      miss(b, 'a line outside any list of friendship cities');
      return false;
    }
    const row: RawRow & { weak?: boolean; needsOwner?: boolean } = {
      line,
      section: c.section,
      cnPlace: e.cnPlace ?? c.cnPlace ?? null,
      foreignPlace: place,
      ...(e.placeEn ? { foreignPlaceEn: e.placeEn } : {}),
      ...(e.qualifier ? { foreignQualifier: e.qualifier } : {}),
      country: country ?? null,
      ...(e.countryIso2 && e.country === country ? { countryHint: e.countryIso2 } : {}),
      date: e.date,
      ...(e.marker ? { marker: e.marker } : {}),
      status: 'listed',
    };
    if (foreignSide || (!e.country && c.country && countryToIso2(c.country) === 'CN')) {
      // A list written from the foreign side: the row's place is the Chinese one, the owner the partner.
      row.cnPlace = place;
      row.foreignPlace = owner;
      delete row.foreignPlaceEn;
      row.country = null;
      row.countryHint = ownerAbroad();
      if (!owner) row.needsOwner = true;
    } else if (!row.cnPlace && ownerAbroad()) {
      // Both sides abroad (`Washington State` on a Korean province's list): a tie, but not one with China.
      miss(b, `"${clip(place)}" is a partner abroad of ${owner}, not a tie with China`);
      return false;
    }
    if (hidden) {
      row.status = 'doubtful';
      row.note = 'commented out in the document';
    } else if (e.doubtful) {
      row.status = 'doubtful';
      row.note = `marked "${e.doubtful}" in the document`;
    }
    if (!c.inList) row.weak = true;
    rows.push(row);
    return true;
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const hidden = !!b.hidden;
    if (b.type === 'heading') {
      while (stack.length && stack[stack.length - 1].level >= b.level) stack.pop();
      const role = classifyHeading(b.text, chinaWide);
      if (role.role === 'kind' && role.owner && !owner) owner = role.owner;
      if ((role.role === 'neutral' || role.role === 'place') && !chinaWide) {
        const e = extractRecord(stripMarks(denoise(b.text)));
        // The page's own title may sit in a comment of its template: it is still the title, not a doubtful row.
        const isTitle = b.text === layout.meta.title || (b.level <= 1 && !blocks.slice(0, i).some((x) => x.type === 'heading'));
        const doubt = hidden && !isTitle;
        if (e.place && e.countryIso2 && looksLikePlace(e.place) && !e.cnPlace) {
          flushPending();
          const c = ctx();
          pending = {
            iso2: e.countryIso2,
            row: { line: b.line, section: c.section ?? b.text, cnPlace: null, foreignPlace: stripGloss(e.place), ...(e.placeEn ? { foreignPlaceEn: e.placeEn } : {}), country: e.country, countryHint: e.countryIso2, date: e.date, ...(e.marker ? { marker: e.marker } : {}), status: doubt ? 'doubtful' : 'listed', ...(doubt ? { note: 'commented out in the document' } : {}) },
          };
        } else if (isTitle && !isChinese(owner ?? '')) {
          // A Chinese place as the title of a foreign page (`길림성 왕청현(吉林省 汪淸縣)`): the page about that tie.
          const cn = chineseTitle(b.text);
          if (cn) {
            flushPending();
            pending = { iso2: 'CN', row: { line: b.line, section: b.text, cnPlace: null, foreignPlace: cn, country: null, date: null, status: 'listed' } };
          }
        }
      }
      stack.push({ level: b.level, text: b.text, role });
      groups = [];
      label = null;
      addTotal(b.text, b.line, b.text);
      continue;
    }
    if (b.type === 'item') {
      groups = groups.filter((g) => g.depth < b.depth);
      const next = blocks[i + 1];
      if (next && next.type === 'item' && next.depth > b.depth && !parseDate(b.text).iso) {
        groups.push({ depth: b.depth, role: classifyHeading(b.text, chinaWide || looksChinese(b.text)), text: b.text });
        if (groups.length > MAX_GROUPS) groups.splice(0, groups.length - MAX_GROUPS);
        continue;
      }
      if (b.text.length > PROSE_CHARS * 2) {
        if (!enumerated(b, hidden)) prose(b.text, b.line, hidden);
        continue;
      }
      if (labelsRows(b.text, i)) {
        groups.push({ depth: b.depth, role: classifyHeading(stripMarks(b.text), true), text: b.text });
        continue;
      }
      // An item that is a sentence (`-In 1981, the Chinese City of Guangzhou became sister cities with …`).
      if (!record(b.text, b.line, b, hidden, true) && b.text.length > 40 && findKindWords(b.text).length) prose(b.text, b.line, hidden);
      continue;
    }
    if (b.type === 'line' && !chinaWide && b.text.length <= 40) {
      // A title naming one place with its country (`Dalian - China` on Rostock's page): a page about one tie.
      if (b.line === titleLine && owner) {
        const e = extractRecord(stripMarks(denoise(b.text)));
        if (e.place && e.countryIso2 && !e.cnPlace && !e.date && looksLikePlace(e.place) && (e.countryIso2 !== 'CN' || ownerAbroad())) {
          pending = { iso2: e.countryIso2, row: { line: b.line, section: b.text, cnPlace: null, foreignPlace: e.place, country: e.country, countryHint: e.countryIso2, date: null, status: hidden ? 'doubtful' : 'listed' } };
          continue;
        }
      }
      const pair = pairLine(b.text);
      if (pair) {
        flushPending();
        pending = { iso2: pair.iso2, titled: !!pair.marker, row: { line: b.line, section: ctx().section ?? b.text, cnPlace: pair.cn, foreignPlace: pair.foreign, country: null, countryHint: pair.iso2, date: null, ...(pair.marker ? { marker: pair.marker } : {}), status: hidden ? 'doubtful' : 'listed', ...(hidden ? { note: 'commented out in the document' } : {}) } };
        continue;
      }
      // On a foreign owner's page, a Chinese place standing over running text: the section about that tie.
      const abroad = ownerAbroad();
      const next = blocks[i + 1];
      const cnTitle = abroad && next?.type === 'line' && next.text.length > 40 ? chineseTitle(b.text) : null;
      if (cnTitle && abroad) {
        flushPending();
        pending = { iso2: abroad, row: { line: b.line, section: b.text, cnPlace: cnTitle, foreignPlace: owner, country: null, countryHint: abroad, date: null, status: hidden ? 'doubtful' : 'listed', weak: true } };
        continue;
      }
    }
    // Under a page about one tie, the first kind word of its text says which kind it is (`姉妹都市になった動機`).
    if (pending && !pending.row.marker && b.type === 'line') {
      const k = findKindWords(b.text).find((w) => markerKind(w.written));
      if (k) pending.row.marker = k.written;
    }
    if (b.type === 'line') {
      const next = blocks[i + 1];
      // `Partnerships : 4 cities in 2 countries` over items: the kind of the items, and a total.
      const labelsItems = next?.type === 'item' && next.depth <= 1 && (isLabelText(b.text) || (b.text.length <= 60 && !!markerKind(b.text) && (!!parseDeclaredTotal(b.text) || !extractRecord(b.text).place)));
      if (labelsItems) addTotal(b.text, b.line, ctx().section);
      if (b.emphasis || (b.text.length <= 30 && /[:：]$/.test(b.text)) || labelsItems || labelsRows(b.text, i)) {
        const t = stripMarks(b.text);
        label = { role: classifyHeading(t, chinaWide || looksChinese(t) || isChinese(t.replace(/[:：]$/, ''))), text: t };
        groups = [];
        continue;
      }
      addTotal(b.text, b.line, ctx().section);
      const c = ctx();
      if (b.text.length <= PROSE_CHARS && c.inList && !c.stopped) {
        if (record(b.text, b.line, b, hidden, false)) continue;
      }
      if (!enumerated(b, hidden)) prose(b.text, b.line, hidden);
      continue;
    }
    table(b, hidden);
  }

  /**
   * A line that is a pair and nothing else (`鹿児島県-江蘇省`, `鹿児島市ー湖南省長沙市`, `Rostock – Dalian`): the title of
   * a page about one tie. One side Chinese, the other a place the gazetteer or the page's script places abroad.
   */
  function pairLine(text: string): { cn: string; foreign: string; iso2: string; marker: string | null } | null {
    // Between two Han names, a long-vowel mark, a full-width dash or a hyphen is the pair's dash (kana names keep theirs).
    let t = stripMarks(denoise(text)).replace(/(?<=\p{Script=Han})[ー－～〜\-](?=\p{Script=Han})/gu, '—');
    // A headline goes on after its pair (`양주시-중국 둥잉시, 우호교류→자매도시로 격상`): the rest may say the kind, the latest last.
    let marker: string | null = null;
    const comma = /^([^,，]{3,30})[,，]\s*(.+)$/u.exec(t);
    if (comma && markerKind(comma[2]) && !markerKind(comma[1])) {
      const ks = findKindWords(comma[2]).filter((k) => markerKind(k.written));
      marker = ks.length ? ks[ks.length - 1].written : null;
      t = comma[1].trim();
    }
    if (!/[—–\-・/]/u.test(t) || findDates(t).length || markerKind(t)) return null;
    // A side the headline calls Chinese (`중국 둥잉시`, `China's Weihai`); the other is then the partner, whatever its reading.
    const cue = /^(?:중국|中国|中國|China(?:'s|’s)?|Chinese|китайск\p{L}*)\s*/iu;
    const sides = t.split(/\s*[—–・/]\s*|\s+-\s+|(?<=[^\s])-(?=[^\s])/u);
    let p: { cn: string; foreign: string } | null = null;
    if (sides.length === 2 && sides.some((x) => cue.test(x)) && !sides.every((x) => cue.test(x))) {
      const [a, b] = sides.map((x) => x.trim());
      p = cue.test(a) ? { cn: a.replace(cue, ''), foreign: b } : { cn: b.replace(cue, ''), foreign: a };
      if (!looksLikePlace(p.cn) || !looksLikePlace(p.foreign)) p = null;
    }
    p ??= splitPair(t, isChinese);
    if (!p) return null;
    const iso2 = places.foreignCountry(p.foreign) ?? byScript(p.foreign);
    return iso2 && iso2 !== 'CN' ? { ...p, iso2, marker } : null;
  }

  /** A Chinese place standing alone as a section title (`요녕성 다롄(大連 대련)시`), its name without the glosses. */
  function chineseTitle(text: string): string | null {
    const t = stripGloss(stripMarks(denoise(text)));
    if (t.length > 24 || !looksLikePlace(t) || findDates(t).length || markerKind(t)) return null;
    if (isChinese(t)) return t;
    const last = t.split(/\s+/).pop() ?? '';
    return last !== t && isChinese(last) ? t : null;
  }

  /** A short name with no country or date of its own. */
  function isLabelText(text: string): boolean {
    return isLabel(stripMarks(text).replace(/[:：]$/, ''));
  }

  /** isLabelText of a text already stripped. (A country is looked for before a date: most rows name one, and stop there.) */
  function isLabel(t: string): boolean {
    return t.length <= 40 && looksLikePlace(t) && !findCountries(t).some((c) => c.iso2 !== 'CN') && !parseDate(t).iso;
  }

  /**
   * A Chinese place standing alone over rows that name foreign countries (`Beihai` / `Gold Coast, Australia`):
   * the Chinese side of those rows, not a row itself.
   */
  function labelsRows(text: string, at: number): boolean {
    // (Every question here is pure: the cheapest are asked first, as this runs on every item and line.)
    const next = blocks[at + 1];
    if (!next || next.type === 'heading' || next.type === 'table') return false;
    const t = stripMarks(text).replace(/[:：]$/, '');
    if (!isLabel(t)) return false;
    if (!isChinese(t) && !(chinaWide && /^\p{Lu}/u.test(t))) return false;
    return findCountries(next.text).some((c) => c.iso2 !== 'CN');
  }

  function prose(written: string, line: number, hidden: boolean): void {
    const text = denoise(written);
    const c = ctx();
    if (c.stopped) return;
    if (text.length > MAX_SENTENCE_CHARS * 4 && !/[。.!?！？；;]/.test(text.slice(0, MAX_SENTENCE_CHARS))) return;
    const abroad = ownerAbroad();
    // A partner's name, then its description (`札幌(Sapporo)` / `…1980年11月18日,沈阳市与札幌正式建立友好城市关系。`):
    // the sentence that names it with a date and a kind word dates the row, and says its kind.
    const last = rows[rows.length - 1];
    if (last && !pending && last.foreignPlace && last.foreignPlace !== owner && last.foreignPlace.length >= 2 && line - last.line <= 3 && !last.date) {
      const name = last.foreignPlace;
      // (Not a sentence about another stage of the tie: `2001년 우호 교류 관계를 맺었다` under `자매결연을 했다`.)
      const got = datedKindSentence(text, (sen, marker) => sen.includes(name) && (!last.marker || markerKind(last.marker) === markerKind(marker)));
      if (got) {
        last.date = got.date;
        last.marker = got.marker;
        return;
      }
    }
    if (pending) {
      // Under a page about one tie, its text dates it: the first sentence with a date and a kind word of the same
      // kind (`다롄은 우리시와 1994년 4월 2일 우호도시를 맺었다`); other ties it mentions are only mentions.
      const p = pending.row;
      const got = p.date ? null : datedKindSentence(text, (_sen, marker) => !p.marker || markerKind(p.marker) === markerKind(marker));
      if (got) {
        p.date = got.date;
        p.marker ??= got.marker;
        delete p.weak;
      }
      return;
    }
    for (const t of proseTies(text, places, owner ?? c.cnPlace, MAX_SENTENCE_CHARS, abroad ? owner : null, docKind && !!abroad, abroad)) {
      const ofOwner = abroad !== null && t.place === owner;
      rows.push({
        prose: true,
        line,
        section: c.section,
        cnPlace: t.cnPlace,
        foreignPlace: t.place,
        country: t.country ?? (ofOwner ? null : (c.country ?? docCountry)),
        ...(t.countryIso2 && t.country === t.countryIso2 ? { countryHint: t.countryIso2 } : ofOwner ? { countryHint: abroad } : {}),
        date: t.date,
        marker: t.marker,
        status: hidden || t.planned ? 'doubtful' : 'listed',
        ...(hidden ? { note: 'commented out in the document' } : t.planned ? { note: `"${t.planned}": the sentence speaks of a tie still to come` } : {}),
      });
    }
  }

  /**
   * A list written as one run of records (`Niigata (Japan), Aarhus (Denmark), Edmonton (Canada), …` under a
   * heading about friendship cities): each part is a record of its own, when most parts name their country.
   */
  function enumerated(b: Extract<Block, { type: 'item' | 'line' }>, hidden: boolean): boolean {
    if (!ctx().inList) return false;
    const parts = enumerationParts(denoise(b.text));
    if (!parts) return false;
    for (const p of parts) record(p, b.line, b, hidden, true);
    return true;
  }

  function addTotal(text: string, line: number, section: string | null): void {
    if (!/[\d一二三四五六七八九十]/u.test(text) || !markerKind(text)) return;
    const t = parseDeclaredTotal(text);
    if (t) totals.push({ line, section, countries: t.countries, places: t.places, text });
  }

  function table(b: Extract<Block, { type: 'table' }>, hidden: boolean): void {
    const c = ctx();
    if (c.stopped) {
      miss(b, `under ${c.stopped}, not a list of ties`);
      return;
    }
    if (formTable(b)) return;
    const headerAt = b.rows.findIndex((r, k) => k < 3 && (r.header || classifyHeaderCells(r.cells)));
    if (headerAt !== -1 && classifyHeaderCells(b.rows[headerAt].cells)) {
      const got = tableRows(b.rows[headerAt].cells, b.rows.slice(headerAt + 1), c.section);
      if (got) {
        for (const r of got.rows) {
          if (!r.country && c.country) r.country = c.country;
          if (!r.cnPlace && c.cnPlace) r.cnPlace = c.cnPlace;
          if (hidden) {
            r.status = 'doubtful';
            r.note = 'commented out in the document';
          }
          rows.push(r);
        }
        messages.push(...got.messages);
        return;
      }
    }
    // No header the kit knows: each row is read as a record of its cells.
    for (const r of b.rows.slice(headerAt === -1 ? 0 : headerAt + 1)) rowOfCells(r, b, hidden);
  }

  /**
   * A record written as a form: rows of a label and its value (`提携相手先 | 河南省 (Henan)`, `国・地域名 | 中国`,
   * `提携年月日 | 1986/11/19`), perhaps over several small tables. Its fields gather until the form is complete.
   */
  function formTable(b: Extract<Block, { type: 'table' }>): boolean {
    const filled = b.rows.map((r) => r.cells.map((x) => x.trim()).filter((x) => x !== '' && !/^[-:|\s]+$/.test(x)));
    if (!filled.length || filled.some((cs) => cs.length > 2)) return false;
    const labelled = filled.filter((cs) => cs.length === 2 && cs[0].length <= 14 && !/\d/.test(cs[0]));
    if (labelled.length < filled.length / 2) return false;
    let used = false;
    for (const [k, cs] of filled.entries()) {
      if (cs.length !== 2) continue;
      const role = classifyHeaderCell(cs[0])?.role;
      const value = cs[1];
      if (role === 'place' || role === 'foreignPlace' || role === 'cnPlace') {
        if (form?.place) flushForm();
        form = { ...(form ?? {}), line: b.rows[k].line, place: stripGloss(value), ...(/[(（]\s*([A-Z][^()（）]*)[)）]/.exec(value) ? { en: /[(（]\s*([A-Z][^()（）]*)[)）]/.exec(value)![1].trim() } : {}) };
        used = true;
      } else if (role === 'country' && form) {
        form.country = stripGloss(value);
        used = true;
      } else if (role === 'date' && form && findDates(value).length) {
        form.date = findDates(value)[0].written;
        used = true;
      }
    }
    return used;
  }

  function flushForm(): void {
    const f = form;
    form = null;
    if (!f?.place || (!f.country && !f.date) || !looksLikePlace(f.place)) return;
    const iso = f.country ? countryToIso2(f.country) : null;
    const chinese = iso === 'CN' || (!iso && isChinese(f.place));
    const c = ctx();
    rows.push({
      line: f.line,
      section: c.section,
      cnPlace: chinese ? f.place : (c.cnPlace ?? null),
      foreignPlace: chinese ? owner : f.place,
      ...(!chinese && f.en ? { foreignPlaceEn: f.en } : {}),
      country: chinese ? null : (f.country ?? null),
      countryHint: chinese ? ownerAbroad() : null,
      date: f.date ?? null,
      status: 'listed',
      ...(chinese && !owner ? { needsOwner: true } : {}),
    });
  }

  function rowOfCells(r: TableRow, b: Block, hidden: boolean): void {
    // A row's number is no cell of its record; a year (1800 on) is its date.
    const cells = r.cells.map((x) => x.trim()).filter((x) => x !== '' && !/^[(（]?(?:\d{1,3}|1[0-7]\d\d)[)）.、]?$/.test(x));
    if (!cells.length) return;
    // Two places, one of them Chinese (`Guangzhou | Coimbra | 2013`): the row says both sides.
    const cn = cells.findIndex((x) => looksLikePlace(x) && isChinese(x));
    const other = cells.findIndex((x, k) => k !== cn && looksLikePlace(x) && !countryToIso2(x) && !parseDate(x).iso && !isChinese(x));
    if (cn !== -1 && other !== -1 && !ctx().stopped) {
      const c = ctx();
      const countryCell = cells.find((x) => countryToIso2(x));
      const dateCell = cells.find((x, k) => k !== cn && k !== other && findDates(x).length);
      const rest = cells.filter((x, k) => k !== cn && k !== other && x !== countryCell && x !== dateCell);
      const doubt = hidden ? null : doubtWord([dateCell ?? '', ...rest].join(' '));
      rows.push({
        line: r.line,
        section: c.section,
        cnPlace: cells[cn],
        foreignPlace: cells[other],
        country: countryCell ?? c.country ?? docCountry,
        date: dateCell ? findDates(dateCell)[0].written : null,
        ...(rest.length ? { marker: rest.join('; '), note: rest.join('; ') } : {}),
        status: hidden || doubt ? 'doubtful' : 'listed',
        ...(hidden ? { note: 'commented out in the document' } : doubt ? { note: `marked "${doubt}" in the document` } : {}),
      });
      return;
    }
    record(cells.join(' , '), r.line, b, hidden, true);
  }

  flushPending();
  flushForm();
  // Partners abroad with no Chinese side, on a page no title or sentence says whose it is (a city's profile:
  // `Name: Harbin (China)` over its list): the page's subject, the first Chinese place its opening lines name.
  if (!owner && !chinaWide && rows.some((r) => !r.cnPlace && !r.needsOwner && r.foreignPlace)) {
    for (const b of blocks.slice(0, 12)) {
      if (b.type === 'table') continue;
      const n = firstChineseName(denoise(b.text.slice(0, 300)), places);
      if (n) {
        owner = n;
        messages.push({ line: b.line, severity: 'info', code: 'owner-guessed', reason: `whose list it is was not said: taken as ${n}, the Chinese place the page names first; give --owner to say otherwise` });
        break;
      }
    }
  }
  // Chinese places listed by a foreign city's page that does not say whose it is: the owner is the foreign
  // name the page repeats most (`서초구`), else the rows cannot stand.
  const orphans = rows.filter((r) => r.needsOwner);
  if (orphans.length) {
    const cnNames = new Set(rows.map((r) => r.cnPlace).filter((x): x is string => !!x).flatMap((x) => x.split(/\s+/)));
    const guess = owner ?? mostNamedForeign(blocks, places, cnNames);
    for (const r of orphans) {
      if (guess) {
        r.foreignPlace = guess;
        r.countryHint = ownerCountryByScript(guess);
      }
      delete r.needsOwner;
    }
    if (guess && !owner) {
      owner = guess;
      // The owner now known abroad, its other partners abroad the page lists are no ties with China (as above).
      if (ownerAbroad()) {
        for (let k = rows.length - 1; k >= 0; k--) {
          const r = rows[k];
          if (r.cnPlace || !r.foreignPlace || r.foreignPlace === guess || orphans.includes(r)) continue;
          misses.push({ line: r.line, block: `"${clip(r.foreignPlace)}"`, why: `a partner abroad of ${guess}, not a tie with China` });
          rows.splice(k, 1);
        }
      }
      messages.push({ line: 0, severity: 'info', code: 'owner-guessed', reason: `whose list it is was not said: taken as ${guess}, the place the document names most; give --owner to say otherwise` });
    } else if (!guess) {
      messages.push({ line: 0, severity: 'warning', code: 'foreign-owner-unknown', reason: 'the document lists Chinese places without saying whose partners they are: give the partner with --owner' });
    }
  }
  for (let k = rows.length - 1; k >= 0; k--) if (!rows[k].foreignPlace && !rows[k].country && rows[k].cnPlace) rows.splice(k, 1);
  // Rows found outside any friendship-city context stand only as a list of several.
  const weak = rows.filter((r) => r.weak).length;
  // A sentence's loose pair (`金泽市与江苏省结成姐妹城市`) where the document's list names the same partner with a
  // more precise Chinese side (`金泽市 | 江苏省苏州市`): the list's row stands.
  const listed = rows.filter((r) => !r.prose && !r.weak && r.foreignPlace && r.cnPlace);
  for (let k = rows.length - 1; k >= 0; k--) {
    const r = rows[k];
    if (r.prose && r.cnPlace && listed.some((x) => x.foreignPlace === r.foreignPlace && x.cnPlace !== r.cnPlace && x.cnPlace!.includes(r.cnPlace!))) rows.splice(k, 1);
  }
  const kept = rows.filter((r) => !r.weak || weak >= MIN_CONTEXTLESS_ROWS).map(({ weak: _w, needsOwner: _n, prose: _p, ...r }) => r as RawRow);
  if (weak && weak < MIN_CONTEXTLESS_ROWS) {
    for (const r of rows.filter((x) => x.weak)) misses.push({ line: r.line, block: `"${r.foreignPlace}"`, why: 'a lone place with its country, outside any list of friendship cities' });
  }
  // A foreign name written in Hangul, kana or Cyrillic, with no country anywhere: the script's country, as a hint.
  for (const r of kept) if (!r.country && !r.countryHint && r.foreignPlace) r.countryHint = (r.foreignPlace === owner ? ownerAbroad() : null) ?? byScript(r.foreignPlace);
  // Rows that still name no country: where the gazetteer places a partner in one country only, that country; and
  // when the title names a division (`… in Maryland`) in a country where the other partners lie, that country.
  const open = kept.filter((r) => !r.country && !r.countryHint && r.foreignPlace);
  if (open.length) {
    const found = open.map((r) => places.foreignCountry(r.foreignPlace!));
    const got = new Set(found.filter((x): x is string => !!x));
    open.forEach((r, k) => {
      if (found[k]) r.countryHint = found[k];
    });
    void got;
    const still = open.filter((r) => !r.countryHint);
    const titleWords = title ? [...title.matchAll(/\p{Lu}[\p{L}'’.\-]+(?:\s\p{Lu}[\p{L}'’.\-]+)?/gu)].map((m) => m[0]).filter((w) => !isChinese(w)) : [];
    const titleCountries = new Set(places.foreignCountries ? titleWords.flatMap((w) => places.foreignCountries!(w)) : []);
    if (still.length && places.foreignCountries && titleCountries.size) {
      const names = [...still.map((r) => r.foreignPlace!), ...titleWords];
      const votes = new Map<string, number>();
      for (const n of names) for (const c of places.foreignCountries(n)) votes.set(c, (votes.get(c) ?? 0) + 1);
      for (const r of open) if (r.countryHint) votes.set(r.countryHint, (votes.get(r.countryHint) ?? 0) + 1);
      const ranked = [...votes].sort((a, b) => b[1] - a[1]);
      if (ranked.length && ranked[0][1] >= 2 && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) && titleCountries.has(ranked[0][0])) {
        const best = ranked[0][0];
        for (const r of still) {
          const cs = places.foreignCountries(r.foreignPlace!);
          if (!cs.length || cs.includes(best)) r.countryHint = best;
        }
      }
    }
  }
  const meta = { ...layout.meta, ...(owner ? { owner } : {}), ...(layout.meta.title || title ? { title: layout.meta.title ?? title } : {}) };
  return { rows: dedupe(kept), messages, meta, totals, misses, seen };
}

/** How many words of a text are column headers, counted up to two (all record() asks). */
function headerWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) if (classifyHeaderCell(w) && ++n === 2) break;
  return n;
}

const SEPARATORS = new Set([',', ';', '，', '；', '、']);
const OPENING = new Set(['(', '（']);
const CLOSING = new Set([')', '）']);

/**
 * Splits a run at the commas, semicolons and enumeration commas outside brackets: a separator counts unless
 * the next bracket after it closes one. One pass from the end, so a line of a million characters costs a
 * million steps (a regular expression with a look-ahead to the next bracket, and `\s*` around the separator,
 * took quadratic time on long runs of whitespace or of separators).
 */
function splitRun(text: string): string[] {
  const parts: string[] = [];
  let end = text.length;
  let closingAhead = false;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i];
    if (CLOSING.has(c)) closingAhead = true;
    else if (OPENING.has(c)) closingAhead = false;
    else if (SEPARATORS.has(c) && !closingAhead) {
      parts.push(text.slice(i + 1, end));
      end = i;
    }
  }
  parts.push(text.slice(0, end));
  return parts.reverse();
}

/** The parts of a run of records, when at least three and most of them read as a place with its country. */
function enumerationParts(text: string): string[] | null {
  const parts = splitRun(text.replace(/^\s*(?:[-*•·・]|\d{1,3}\s*[.、)）])\s+/u, '')).map((x) => x.trim()).filter(Boolean);
  if (parts.length < 3) return null;
  let records = 0;
  for (const p of parts) {
    if (p.length > 80) return null;
    const e = extractRecord(p);
    if (e.place && e.country && looksLikePlace(e.place)) records++;
  }
  return records >= 3 && records >= parts.length * 0.6 ? parts : null;
}

/** A name without the glosses in brackets after it (`다롄(大連 대련)시` → `다롄시`, `철령현(鐵嶺縣)` → `철령현`). */
const stripGloss = (s: string) => s.replace(/\s*[(（][^()（）]{1,20}[)）]\s*/gu, '').trim();

const sentencesOf = (text: string) => sentences(text.slice(0, MAX_SENTENCE_CHARS * 4)).map((x) => x.text);

/** The first sentence of a text holding a kind word and a date (a full date before a bare year) that `accept` takes. */
function datedKindSentence(text: string, accept: (sentence: string, marker: string) => boolean): { date: string; marker: string } | null {
  for (const sen of sentencesOf(text)) {
    const k = findKindWords(sen).find((w) => markerKind(w.written));
    if (!k || !accept(sen, k.written)) continue;
    const dates = findDates(sen);
    const d = dates.find((x) => x.precision !== 'year') ?? dates[0];
    if (d) return { date: d.written, marker: k.written };
  }
  return null;
}

/** Footnote marks and edge punctuation around a label (`Anguo [ 1]`). */
function stripMarks(s: string): string {
  return s.replace(/\[\s*(?:\d{1,3}|[a-z]|note \d+)\s*\]/giu, '').replace(/[\u00b9\u00b2\u00b3\u2070-\u2079]+/g, '').trim();
}

/** `駐大連北九州市経済事務所`: the place abroad whose office in a Chinese place a page names, else null. */
function officeInChina(blocks: Layout['blocks'], places: PlaceQuestions): string | null {
  const re = /[駐驻](\p{Script=Han}{2,5}?)(\p{Script=Han}{2,6}?[市県府都道])(?:経済|經濟|经济|貿易|贸易|代表|連絡|联络)?(?:事務所|事务所|辦事處|办事处)/gu;
  for (const b of blocks) {
    if (b.type === 'table') continue;
    for (const m of b.text.matchAll(re)) {
      const at = m[1];
      if ((places.isChinese(at) || places.isChinese(at + '市')) && !places.isChinese(m[2])) return m[2];
    }
  }
  return null;
}

/** The non-Chinese place (Hangul or Japanese, with its administrative word) a document names most, twice at least. */
function mostNamedForeign(blocks: Layout['blocks'], places: PlaceQuestions, cnNames: Set<string>): string | null {
  const counts = new Map<string, number>();
  const re = /[\p{Script=Hangul}]{2,6}?(?:특별시|광역시|시|도|구|군)(?=(?:와의|과의|에서|으로|와|과|의|는|은|이|가|를|을|에|로)?(?![\p{Script=Hangul}]))|(?<![\p{Script=Han}\p{Script=Katakana}ー])[\p{Script=Han}\p{Script=Katakana}ー]{1,8}(?:県|府|都|道|市|町|村|区)(?![\p{Script=Han}])/gu;
  for (const b of blocks) {
    const texts = b.type === 'table' ? b.rows.flatMap((r) => r.cells) : [b.text];
    for (const t of texts) for (const m of t.matchAll(re)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  // `仁川広域市(大韓民国)`, `ワシントン州タコマ市(アメリカ合衆国)`: a place heading its own section with its country in
  // brackets is a partner the page lists, not the page's owner (nor are its shorter forms, `タコマ市`).
  const listed = blocks.flatMap((b) => {
    if (b.type === 'table') return [];
    const m = /^\s*([^()（）]{2,24}?)\s*[(（]([^()（）]{2,16})[)）]\s*$/u.exec(b.text);
    return m && countryToIso2(m[2].trim()) ? [m[1].trim()] : [];
  });
  let best: string | null = null;
  let n = 1;
  const candidates: string[] = [];
  for (const [name, c] of counts) {
    if (listed.some((h) => h.endsWith(name))) continue;
    if (places.isChinese(name) || cnNames.has(name) || (/^(중국|우리|양|본|当|本|我|各)/u.test(name) || BOTH_OR_THIS.test(name)) || /도시$|都市$/u.test(name) || markerKind(name)) continue;
    candidates.push(name);
    if (c > n) ((best = name), (n = c));
  }
  // Named once, but the only foreign place the page names at all; else the place whose office in China the page
  // names (`駐大連北九州市経済事務所`: Kitakyushu's office in Dalian).
  return best ?? (candidates.length === 1 ? candidates[0] : officeInChina(blocks, places));
}

function splitPair(text: string, isChinese: (name: string) => boolean): { cn: string; foreign: string } | null {
  const sideOf = (a: string, b: string): { cn: string; foreign: string } | null => {
    if (!a || !b || !looksLikePlace(a) || !looksLikePlace(b)) return null;
    // `Shandong Province` is one name: an administrative word alone is no side of a pair.
    if ([a, b].some((x) => /^(?:province|city|prefecture|county|district|state|region|municipality|oblast|krai)$/i.test(x))) return null;
    // A name written under its Chinese province (`江苏省涑阳市`, even misspelt) is the Chinese side, whatever the other reads as.
    const pa = underChineseProvince(a, isChinese);
    const pb = underChineseProvince(b, isChinese);
    if (pa !== pb) return pa ? { cn: a, foreign: b } : { cn: b, foreign: a };
    const ca = isChinese(a);
    const cb = isChinese(b);
    return ca !== cb ? (ca ? { cn: a, foreign: b } : { cn: b, foreign: a }) : null;
  };
  // `La provincia de Hebei con la provincia de Buenos Aires`: the words that say what each side is are no part of its name.
  const clean = (s: string) => s.trim().replace(/[.。]$/, '').replace(SIDE_HEAD, '');
  for (const sep of PAIR_SEPARATORS) {
    const k = text.indexOf(sep);
    if (k <= 0) continue;
    if (text.indexOf(sep, k + sep.length) === -1) {
      const p = sideOf(clean(text.slice(0, k)), clean(text.slice(k + sep.length)));
      if (p) return p;
      continue;
    }
    // Names of several words (`State of Maryland Anhui Province`): the one place where a single space splits two names.
    if (sep !== ' ' || text.length > 80) continue;
    let found: { cn: string; foreign: string } | null = null;
    for (let j = text.indexOf(' '); j !== -1; j = text.indexOf(' ', j + 1)) {
      const p = sideOf(clean(text.slice(0, j)), clean(text.slice(j + 1)));
      if (!p) continue;
      if (found) return null;
      found = p;
    }
    if (found) return found;
  }
  return null;
}

function underChineseProvince(name: string, isChinese: (name: string) => boolean): boolean {
  const m = /^(\p{Script=Han}{2,8}?(?:省|自治区|自治區))\p{Script=Han}{2,}$/u.exec(name);
  return !!m && isChinese(m[1]);
}

/**
 * The one foreign country a document is about, when its title or an opening line about ties names one
 * (`… hermanamientos entre Argentina y China`, `chinesisch-portugiesischer Städtepartnerschaften … China und
 * Portugal`) or names a division the gazetteer knows abroad (`… in Maryland`): the country of rows that name none.
 */
export function documentCountry(layout: Layout, places: PlaceQuestions): string | null {
  const blocks = layout.blocks;
  const firstText = blocks.find((b) => b.type === 'heading' || b.type === 'line') as { text: string } | undefined;
  const title = layout.meta.title ?? firstText?.text ?? null;
  // Opening lines that are titles or a lead sentence; a long paragraph is about something else (one partner, say).
  const opening = blocks.slice(0, 8).map((b) => (b.type === 'table' || b.text.length > 160 ? '' : b.text));
  const foreignIn = (t: string) => findCountries(t).filter((c) => c.iso2 !== 'CN');
  const one = (t: string | null | undefined) => {
    if (!t) return null;
    const cs = foreignIn(t);
    return cs.length > 0 && cs.every((c) => c.iso2 === cs[0].iso2) ? cs[0].written : null;
  };
  // An opening line counts when it speaks of the ties between China and one country (`… entre Argentina y China`),
  // not of one partner (`日本北海道的首府 … 沈阳市与札幌正式建立友好城市关系`).
  const withKind = [title, ...opening.filter((t) => /china|中国|中國|китай|chin|중국|中華/iu.test(t))].find((t) => t && markerKind(t) && one(t));
  const found = one(withKind) ?? one(title) ?? (opening[0] && /china|中国|中國|китай|chin/i.test(opening[0]) ? one(opening[0]) : null);
  if (found) return found;
  if (title) {
    for (const m of title.matchAll(/\p{Lu}[\p{L}'’.\-]+(?:\s\p{Lu}[\p{L}'’.\-]+)?/gu)) {
      if (places.isChinese(m[0]) || /^(Chinese|China|Sister|Cities|City|List|Twin|Towns|The)$/.test(m[0])) continue;
      const c = places.foreignCountry(m[0]);
      if (c) return c;
    }
  }
  return null;
}

/** Whether a page is written in a Latin script and speaks of friendship cities in one of its first blocks. */
function docKindLatin(blocks: Block[]): boolean {
  const opening = blocks.slice(0, 12).filter((b) => b.type !== 'table').map((b) => (b as { text: string }).text);
  if (opening.some((t) => /[\p{Script=Han}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(t))) return false;
  return opening.some((t) => findKindWords(t).length > 0);
}

function looksChinese(s: string): boolean {
  return /^\p{Script=Han}{2,12}$/u.test(s.replace(/[\s:：]/g, '')) && /[市省县縣区區州盟]$/u.test(s.replace(/[\s:：]/g, ''));
}

/** A tie the document states twice (a heading and its repeat, a summary and the list) is one row: the first, dated by the later when it has no date. */
function dedupe(rows: RawRow[]): RawRow[] {
  const first = new Map<string, RawRow>();
  // Cyrillic rows by what sameInflected needs equal (Chinese side, status, the words' count and first letters):
  // a list of 100,000 Russian names compares each with its few look-alikes, not with every row before it.
  const cyrillic = new Map<string, RawRow[]>();
  return rows.filter((r) => {
    // A tie of a place with itself (`Харбин` under a page about Harbin) is none.
    if (r.cnPlace && r.foreignPlace && r.cnPlace === r.foreignPlace) return false;
    // Russian names are inflected (`Сергиевым Посадом`): the same tie in another case is the same tie.
    if (r.foreignPlace && /\p{Script=Cyrillic}/u.test(r.foreignPlace)) {
      const bucket = `${r.cnPlace}\u0000${r.status}\u0000${inflectionKey(r.foreignPlace)}`;
      const alike = cyrillic.get(bucket);
      const had = alike?.find((x) => x.cnPlace === r.cnPlace && x.status === r.status && sameInflected(x.foreignPlace ?? '', r.foreignPlace ?? ''));
      if (had) {
        if (had.date === null && r.date !== null) had.date = r.date;
        return false;
      }
      if (alike) alike.push(r);
      else cyrillic.set(bucket, [r]);
    }
    // The country as its code: `U.S.` and `US` in two sentences are one country.
    // `헤이룽장성 다칭시` and `다칭시` in two sentences are one Chinese side: the province written before it only places it.
    const cnKey = r.cnPlace && /\p{Script=Hangul}/u.test(r.cnPlace) ? r.cnPlace.split(/\s+/).pop() : r.cnPlace;
    const k = `${cnKey}\u0000${r.foreignPlace}\u0000${(r.country ? countryToIso2(r.country) : null) ?? r.country ?? r.countryHint}\u0000${r.status}`;
    const had = first.get(k);
    if (had) {
      // One tie told at two stages (`2001년 우호 교류 관계를 맺었다`, then `자매결연을 했다`): it stands at the higher one.
      const rank = (x: RawRow) => ({ sister: 3, cooperation: 2, other: 1 })[(x.marker ? markerKind(x.marker) : null) ?? 'sister'] ?? 3;
      if (had.marker && r.marker && rank(r) > rank(had)) Object.assign(had, { ...r, cnPlace: (had.cnPlace ?? '').length >= (r.cnPlace ?? '').length ? had.cnPlace : r.cnPlace });
      // A date of another stage of the tie (`2001년 우호 교류 관계를 맺었다` after `자매결연을 했다`) is not its date.
      const sameKind = !had.marker || !r.marker || markerKind(had.marker) === markerKind(r.marker);
      if (had.date === null && r.date !== null && sameKind) {
        had.date = r.date;
        // The later statement that dates the tie also says its kind (`…建立友好合作城市关系`).
        if (!had.marker && r.marker) had.marker = r.marker;
      }
      return false;
    }
    first.set(k, r);
    return true;
  });
}

/**
 * What two names sameInflected calls the same share: their count of words and each word's first letter (an
 * ending is cut from a word of five letters or more, leaving two at least; a prefix keeps three at least).
 */
function inflectionKey(name: string): string {
  return name
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.slice(0, 1))
    .join(' ');
}

/** Two Cyrillic names in different cases: word by word, one the other with a case ending of at most three letters. */
function sameInflected(a: string, b: string): boolean {
  const wa = a.toLowerCase().split(/\s+/);
  const wb = b.toLowerCase().split(/\s+/);
  if (wa.length !== wb.length) return false;
  return wa.every((x, k) => {
    const y = wb[k];
    if (x === y) return true;
    const [s, l] = x.length <= y.length ? [x, y] : [y, x];
    return russianStem(s) === russianStem(l) || (s.length >= 4 && l.startsWith(s.slice(0, -1)) && l.length - s.length <= 3);
  });
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 37)}…` : s);
