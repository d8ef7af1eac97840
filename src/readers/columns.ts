// Header synonyms shared by every table reader (delimited, Markdown/HTML, …).
//
// A table's header row is classified cell by cell into column roles; `tableRows` then maps each data
// row onto a RawRow by role. Nothing is normalized here: values are kept as written (trimmed), except
// that a foreign place's cell is split into its Chinese name, its Latin name and a bracketed qualifier.

import { doubtWord } from '../assemble/extract.js';
import type { Message, RawRow } from '../model.js';

export type ColumnRole =
  | 'seq'
  | 'cnPlace'
  | 'foreignPlace'
  | 'place'
  | 'country'
  /** Country of the Chinese side (`country1` of a city1,country1,city2,country2 file). Kept as fact `cn_country`. */
  | 'cnCountry'
  | 'continent'
  | 'date'
  | 'population'
  | 'area'
  | 'note';

/** One classified header cell: its role, the unit written in brackets (`人口(万)` → `万`) and the cell as written. */
export interface HeaderCell {
  role: ColumnRole;
  unit: string | null;
  text: string;
  /** Country implied by the header (`日方城市` → Japan), given to rows that name no country. */
  countryHint?: string;
}

/** `X方城市`: the side's country, for the headers of bilateral lists. */
const SIDE_COUNTRY: Record<string, string> = {
  日: 'Japan',
  韩: 'South Korea',
  韓: 'South Korea',
  美: 'United States',
  德: 'Germany',
  法: 'France',
  英: 'United Kingdom',
  俄: 'Russia',
  意: 'Italy',
};

// ---------------------------------------------------------------------------------------------------
// Synonyms. Keys are compared after `headerKey` (NFKC, brackets and whitespace removed, lower case),
// so list each form once, in both scripts where they differ.

const BRACKETS = /[(（\[【]([^()（）\[\]【】]*)[)）\]】]/g;
const HAS_BRACKET = /[(（[【]/;
const HAS_SPACE = /\s/;

const SYNONYMS: Record<ColumnRole, string[]> = {
  seq: ['序号', '序號', '序', '编号', '編號', '顺序', '順序', 'no', 'no.', 'nr', 'nr.', '#', 'seq', 'seq.', 's/n', 'index', 'item', 'الرقم', 'رقم', '№'],
  cnPlace: [
    '中方城市', '中方', '中国城市', '中國城市', '中方友城', '中方省市', '中方地方', '中方友好城市', '国内城市', '國內城市',
    'chinesecity', 'chinacity', 'chineseside', 'chineseplace', 'city1', 'chineseprovince', 'chinesepartner',
    '中国側', '中国の都市', '中国側都市', '중국도시', '중국측', '중국측도시', 'chinesischerort', 'chinesischestadt', 'chinesischepartnerstadt',
    'ciudadchina', 'cidadechinesa', 'villechinoise', 'китайскийгород', 'городкитая',
  ],
  foreignPlace: [
    '外方城市', '外方', '日方城市', '韩方城市', '韓方城市', '对方城市', '對方城市', '外国城市', '外國城市', '国外城市', '國外城市',
    '外方友城', '外方省市', '外方地方', '外方友好城市',
    'partnercity', 'foreigncity', 'partner', 'partnerplace', 'foreignside', 'city2',
    '日本側', '日本側都市', '한국측', '한국도시', '한국측도시', 'partnerstadt', 'portugiesischerort', 'deutscherort', 'deutschestadt',
  ],
  place: [
    '城市', '城市名称', '城市名稱', '城市或地区', '城市或地區', '友好城市', '友城', '友城名称', '友城名稱', '姊妹城市', '姐妹城市',
    '结好城市', '結好城市', '地名', 'city', 'cityname', 'sistercity', 'twincity', 'twintown', 'town',
    '提携相手先', '提携先', '相手先', '姉妹都市名', '결연도시', '자매도시명', '도시', '도시명',
    'ciudad', 'cidade', 'ville', 'città', 'citta', 'stadt', 'город', 'miasto', 'stad', 'المدينة', 'مدينة',
  ],
  country: [
    '国家', '國家', '国别', '國別', '外方国家', '外方國家', '所在国', '所在國', '所在国家', '所在國家', '国家或地区', '國家或地區',
    '国家/地区', '國家/地區', '国名', '國名', 'country', 'nation', 'country2', 'partnercountry', '国・地域名', '国・地域', '국가', '국가명',
    'país', 'pais', 'pays', 'paese', 'land', 'страна', 'kraj', 'البلد', 'الدولة',
  ],
  cnCountry: ['country1'],
  continent: ['洲', '大洲', '所在洲', '所属洲', '所屬洲', 'continent'],
  date: [
    '结好时间', '結好時間', '签约时间', '簽約時間', '締結日期', '缔结日期', '结好签字时间', '結好簽字時間', '缔结时间', '締結時間',
    '结好日期', '結好日期', '签约日期', '簽約日期', '签署时间', '簽署時間', '签字时间', '簽字時間', '缔约时间', '締約時間',
    '时间', '時間', '日期', '年份', 'date', 'since', 'year', 'signed', 'datesigned', 'established',
    'seit', 'desde', 'depuis', 'dal', 'год', '결연일', '결연일자', '체결일', '체결일자', '협정체결일', '결연연월일', '締結日', '提携日', '締結年月日', '提携年月日', '調印日',
    'fecha', 'data', 'датаподписания', 'дата', 'año', 'ano', 'année', 'jahr', 'anno', 'rok', 'السنة', 'التاريخ', 'سنةإنشاءالعلاقة', 'تاريخالتوقيع',
  ],
  population: ['人口', '人口数', '人口數', 'population', 'pop', 'pop.'],
  area: ['面积', '面積', '土地面积', '土地面積', 'area', 'km2', 'km^2', 'sqkm'],
  note: ['备注', '備註', '備注', '附注', '附註', '说明', '說明', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments', 'anmerkung', 'anmerkungen', 'bemerkung', 'observaciones', 'observações', 'примечание', '비고', '備考'],
};

const EXACT = new Map<string, ColumnRole>();
for (const [role, keys] of Object.entries(SYNONYMS) as Array<[ColumnRole, string[]]>) {
  for (const k of keys) EXACT.set(headerKey(k).key, role);
}

/** Looser rules, tried in order when no synonym matches exactly. */
const PATTERNS: Array<[RegExp, ColumnRole]> = [
  [/^人口/, 'population'],
  [/^(面积|面積)/, 'area'],
  [/^(中方|中国|中國).{0,4}(城市|友城|省市|地方)$/, 'cnPlace'],
  [/^(外方|对方|對方|外国|外國|国外|國外|[^中]方).{0,4}(城市|友城|省市|地方)$/, 'foreignPlace'],
  [/^.{0,6}(时间|時間|日期|年份|年月)$/, 'date'],
  [/^.{0,4}(国家|國家|国别|國別)$/, 'country'],
  [/\bpopulation\b/, 'population'],
  [/\barea\b/, 'area'],
  [/\b(chinese|china)\b.*\b(city|place|side)\b/, 'cnPlace'],
  [/\b(partner|foreign|sister|twin)\b.*\b(city|town|place)\b/, 'foreignPlace'],
  [/\bcountry\b/, 'country'],
  [/\b(date|since|year)\b/, 'date'],
];

/** Comparable form of a header cell, and the bracketed text it carried (a unit, usually). */
export function headerKey(cell: string): { key: string; unit: string | null } {
  const units: string[] = [];
  let s = cell.normalize('NFKC');
  // (Each step only when it can change something: this runs on every cell of every line while the
  // delimited reader looks for a header.)
  if (HAS_BRACKET.test(s)) {
    s = s.replace(BRACKETS, (_m, inner: string) => {
      const t = inner.trim();
      if (t) units.push(t);
      return '';
    });
  }
  if (HAS_SPACE.test(s)) s = s.replace(/\s+/g, '');
  const last = s.charCodeAt(s.length - 1);
  if (last === 0x3a || last === 0xff1a) s = s.replace(/[:：]+$/, '');
  return { key: s.toLowerCase(), unit: units.length ? units.join(' ') : null };
}


/**
 * Every PATTERNS entry needs one of these words, so a key and spaced form without any of them match none
 * (the delimited reader classifies every line of a document while it looks for its header).
 */
const PATTERN_WORDS = /人口|面积|面積|城市|友城|省市|地方|时间|時間|日期|年份|年月|国家|國家|国别|國別|population|area|city|place|side|town|country|date|since|year/;

/** Classified cells by their text as written (a bounded memo: headers and repeated values come back). */
const cellMemo = new Map<string, HeaderCell | null>();
const CELL_MEMO_MAX = 20_000;

/**
 * The characters of every EXACT key and PATTERN_WORDS word, in both cases: a header cell has one (its key
 * is in EXACT, or holds a pattern word). Lets cellCannotBeHeader reject most data cells at a glance.
 */
const HEADER_CHARS = (() => {
  const t = new Uint8Array(0x10000);
  const add = (s: string) => {
    for (const ch of s) {
      for (const v of [ch, ch.toLowerCase(), ch.toUpperCase()]) if (v.length === 1) t[v.charCodeAt(0)] = 1;
    }
  };
  for (const k of EXACT.keys()) add(k);
  for (const w of PATTERN_WORDS.source.split('|')) add(w);
  return t;
})();

/**
 * True when the text cannot classify: all its characters are ASCII or CJK ideographs (so NFKC leaves it
 * alone) and none is in HEADER_CHARS (so its key is in no synonym list and holds no pattern word).
 */
function cellCannotBeHeader(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c < 0x7f || (c >= 0x4e00 && c <= 0x9fff))) return false;
    if (HEADER_CHARS[c] === 1) return false;
  }
  return true;
}

/**
 * True when the text is a plain word (ASCII letters and digits, CJK ideographs: no bracket, blank or colon for
 * headerKey to take out, and NFKC leaves it alone), perhaps with one bracket of plain words after it, so its key
 * is the word in lower case, and that key is no synonym and holds no pattern word: classify would say null. Most words of most rows are such (`Osaka`,
 * `Bcd`), and asking here costs less than the memo, which distinct names would only churn.
 */
function plainCannotBeHeader(text: string): boolean {
  const n = text.length;
  const k = plainRun(text, 0);
  // A plain word with a bracket of plain words after it (`Bcd（日本）`): headerKey drops the bracket.
  if (k < n) {
    const open = text.charCodeAt(k);
    if (open !== 0x28 && open !== 0xff08) return false;
    const close = plainRun(text, k + 1);
    if (close !== n - 1 || (text.charCodeAt(close) !== 0x29 && text.charCodeAt(close) !== 0xff09)) return false;
  }
  const key = text.slice(0, k).toLowerCase();
  return !key || (!EXACT.has(key) && !PATTERN_WORDS.test(key));
}

/** Where the run of plain characters (ASCII letters and digits, CJK ideographs) from `i` ends. */
function plainRun(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || (c >= 0x4e00 && c <= 0x9fff))) break;
  }
  return i;
}

/** Classifies one header cell; null when it is not a known column. */
export function classifyHeaderCell(cell: string): HeaderCell | null {
  const text = cell.trim();
  if (!text || text.length > 40) return null;
  if (cellCannotBeHeader(text)) return null;
  if (plainCannotBeHeader(text)) return null;
  const hit = cellMemo.get(text);
  if (hit !== undefined) return hit;
  const out = classify(text);
  if (cellMemo.size >= CELL_MEMO_MAX) cellMemo.clear();
  cellMemo.set(text, out);
  return out;
}

function classify(text: string): HeaderCell | null {
  const { key, unit } = headerKey(text);
  if (!key) return null;
  let role = EXACT.get(key) ?? null;
  // (A pattern word in `spaced` is in `key` too: both drop the same brackets, and `key` only takes
  // blanks out, so testing `key` first is enough.)
  if (!role && PATTERN_WORDS.test(key)) {
    // English multi-word headers keep their spaces for \b matching.
    const spaced = text.normalize('NFKC').replace(BRACKETS, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    {
      for (const [re, r] of PATTERNS) {
        if (re.test(key) || re.test(spaced)) {
          role = r;
          break;
        }
      }
    }
  }
  if (!role) return null;
  // A bare unit header (`km²`) is an area column whose unit is the header itself.
  const u = role === 'area' && !unit && /^(km2|km\^2|sqkm)$/.test(key) ? text : unit;
  const out: HeaderCell = { role, unit: role === 'population' || role === 'area' ? u : null, text };
  const side = /^(.)方/.exec(key);
  if (role === 'foreignPlace' && side && SIDE_COUNTRY[side[1]]) out.countryHint = SIDE_COUNTRY[side[1]];
  return out;
}

const PLACE_ROLES: ReadonlySet<ColumnRole> = new Set(['place', 'foreignPlace', 'cnPlace', 'country']);

/**
 * Classifies a header row in detail; null when the cells are not a header (fewer than two known
 * columns, no place or country column, or more unknown than known non-empty cells).
 */
export function classifyHeaderCells(cells: string[]): Array<HeaderCell | null> | null {
  const nonEmpty = cells.filter((c) => c.trim() !== '').length;
  // A header needs max(2, ⌈nonEmpty / 2⌉) known cells: stop as soon as too few can be (the delimited
  // reader asks this of every line while it looks for a header).
  const needed = Math.max(2, Math.ceil(nonEmpty / 2));
  let unknown = 0;
  const out: Array<HeaderCell | null> = [];
  for (const c of cells) {
    const h = classifyHeaderCell(c);
    out.push(h);
    if (h === null && c.trim() !== '' && nonEmpty - ++unknown < needed) return null;
  }
  const known = out.filter((c): c is HeaderCell => c !== null);
  if (known.length < 2) return null;
  if (!known.some((c) => PLACE_ROLES.has(c.role))) return null;
  if (known.length * 2 < nonEmpty) return null;
  return out;
}

/** Column roles of a header row, or null when the cells are not a header. */
export function classifyHeader(cells: string[]): Array<ColumnRole | null> | null {
  const detailed = classifyHeaderCells(cells);
  return detailed ? detailed.map((c) => (c ? c.role : null)) : null;
}

/** Fact key for a population or area column, from the unit written in its header. */
export function factKey(cell: HeaderCell): string {
  const u = cell.unit ? cell.unit.normalize('NFKC').replace(/\s+/g, '').toLowerCase() : null;
  if (cell.role === 'population') {
    if (!u || u === '人' || u === 'persons' || u === 'people') return 'population';
    if (/^(万|萬|万人|萬人|10k|10,000|10000)$/.test(u)) return 'population_10k';
    if (/^(亿|億|亿人|億人)$/.test(u)) return 'population_100m';
    return 'population';
  }
  if (cell.role === 'area') {
    if (!u) return 'area';
    if (/^(平方公里|平方千米|km2|km\^2|sqkm|sq\.?km)$/.test(u)) return 'area_km2';
    if (/^(平方英里|sqmi|sq\.?mi|mi2)$/.test(u)) return 'area_sq_mi';
    if (/^(公顷|公頃|ha|hectares?)$/.test(u)) return 'area_ha';
    return 'area';
  }
  return cell.role;
}

// ---------------------------------------------------------------------------------------------------
// Names

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
/** A bracket holding only an administrative word belongs to the name (`平阳(省)`), not a qualifier. */
const ADMIN_WORD = /^(省|市|州|县|縣|郡|府|区|區|道|都|邦|村|镇|鎮|乡|鄉|地区|地區|大区|大區|自治区|自治區|特区|特區|广域市|廣域市)$/;
const EDGE_PUNCT = /^[\s,，、;；/／\-–—:：]+|[\s,，、;；/／\-–—:：]+$/g;

/**
 * Splits a place cell into its Chinese (non-Latin) name, its Latin-script name and a bracketed qualifier.
 * `奈良市 Nara` → 奈良市 / Nara; `堪萨斯市 (密苏里州) Kansas city` → 堪萨斯市 / Kansas city / 密苏里州;
 * `奥克兰(Auckland)` → 奥克兰 / Auckland; `平阳(省)` stays whole. Diacritics are kept.
 */
export function splitBilingualName(cell: string): { zh: string | null; en: string | null; qualifier: string | null } {
  const s = cell.replace(/\s+/g, ' ').trim();
  if (!s) return { zh: null, en: null, qualifier: null };

  const outside = s.replace(BRACKETS, ' ');
  const outsideHasLatin = LATIN.test(outside);
  const quals: string[] = [];
  let enFromBracket: string | null = null;
  const rest = s
    .replace(BRACKETS, (m: string, inner: string) => {
      const t = inner.trim();
      if (!t) return ' ';
      if (ADMIN_WORD.test(t)) return m;
      if (!outsideHasLatin && !HAN.test(t) && LATIN.test(t) && enFromBracket === null) {
        enFromBracket = t;
        return ' ';
      }
      quals.push(t);
      return ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();

  let zh: string | null = null;
  let en: string | null = null;
  // Both need a Latin and a Han character (and backtrack on long cells): only tried when there are both.
  const mixed = LATIN.test(rest) && HAN.test(rest);
  const zhFirst = mixed ? /^([^\p{Script=Latin}]*?\p{Script=Han}[^\p{Script=Latin}]*?)\s*(\p{Script=Latin}[^\p{Script=Han}]*)$/u.exec(rest) : null;
  const enFirst = mixed ? /^(\p{Script=Latin}[^\p{Script=Han}]*?)\s*(\p{Script=Han}[^\p{Script=Latin}]*)$/u.exec(rest) : null;
  if (zhFirst) {
    zh = zhFirst[1];
    en = zhFirst[2];
  } else if (enFirst) {
    en = enFirst[1];
    zh = enFirst[2];
  } else if (HAN.test(rest)) {
    zh = rest;
  } else if (LATIN.test(rest)) {
    en = rest;
  } else if (rest) {
    zh = rest; // another script or bare symbols: keep it as the name as written
  }
  const clean = (x: string | null) => {
    if (x === null) return null;
    const t = x.replace(EDGE_PUNCT, '').trim();
    return t === '' ? null : t;
  };
  zh = clean(zh);
  en = clean(en) ?? clean(enFromBracket);
  return { zh, en, qualifier: quals.length ? quals.join('; ') : null };
}

// ---------------------------------------------------------------------------------------------------
// Rows

/** Values that mean "unknown" in a fact column: the fact is omitted and the row's note says so. */
const UNKNOWN = /^(待查|待定|不详|不詳|未知|暂无|暫無|n\/?a|unknown|\?+)$/i;
/** A row made only of rules such as `-----`. */
const RULE = /^[-–—=_~:·.\s]+$/;
/** A sequence number: `1`, `01.`, `12、`, `(3)`. */
const TOTAL_ROW = /^(合计|合計|总计|總計|小计|小計|共计|共計|total|totals|sum|合 计|계|합계|計)$/i;
export const SEQ_NUMBER = /^[(（]?\d{1,4}[)）]?[.、．,，)]?$/;

export function isSeparatorRow(cells: string[]): boolean {
  const nonEmpty = cells.map((c) => c.trim()).filter((c) => c !== '');
  return nonEmpty.length > 0 && nonEmpty.every((c) => RULE.test(c)) && nonEmpty.some((c) => /[-–—=_~]{3,}/.test(c));
}

/**
 * Maps the rows of a table onto RawRows by the roles of its header; null when the header is not
 * recognized. `cnPlace` null means "the document's owner". Units of population/area columns pick the
 * fact key (`population_10k` for 万, `area_km2` for 平方公里/km²); an unknown value such as `待查` omits
 * the fact and is written into the row's note (`面积(平方公里): 待查`), with an info message.
 * Columns the header does not know are kept as facts under the header text as written.
 */
export function tableRows(
  header: string[],
  rows: Array<{ cells: string[]; line: number }>,
  section: string | null,
): { rows: RawRow[]; messages: Message[] } | null {
  const cols = classifyHeaderCells(header);
  if (!cols) return null;
  const roles = cols.map((c) => (c ? c.role : null));
  const hasRole = (r: ColumnRole) => roles.includes(r);
  // Where a one-owner `place` column goes: the foreign side, unless the header has an explicit foreign column.
  const placeIsForeign = !hasRole('foreignPlace');
  // Width of the header without trailing empty cells (a trailing `|` or tab).
  let width = header.length;
  while (width > 0 && header[width - 1].trim() === '') width--;

  const out: RawRow[] = [];
  const messages: Message[] = [];

  for (const row of rows) {
    let cells = row.cells.map((c) => c.replace(/\s+/g, ' ').trim());
    if (cells.every((c) => c === '')) continue;
    if (isSeparatorRow(cells)) {
      messages.push({ line: row.line, severity: 'info', reason: 'separator row skipped' });
      continue;
    }
    // A sequence number in front of a header that has no sequence column: drop it.
    if (!hasRole('seq') && cells.length > width) {
      const first = cells.findIndex((c) => c !== '');
      if (first >= 0 && SEQ_NUMBER.test(cells[first]) && roles[first] !== 'date' && roles[first] !== 'population' && roles[first] !== 'area') {
        cells = [...cells.slice(0, first), ...cells.slice(first + 1)];
      }
    }
    let used = cells.length;
    while (used > 0 && cells[used - 1] === '') used--;
    if (cells.length < width) {
      messages.push({
        line: row.line,
        severity: 'warning',
        reason: `row has ${cells.length} cells, the header has ${width}: kept what it has`,
      });
    } else if (used > Math.max(width, header.length)) {
      messages.push({
        line: row.line,
        severity: 'warning',
        reason: `row has ${used} cells, the header has ${width}: extra cells ignored (${cells.slice(header.length).filter((c) => c).join(' | ')})`,
      });
    }

    const raw: RawRow = {
      line: row.line,
      section,
      cnPlace: null,
      foreignPlace: null,
      country: null,
      date: null,
      status: 'listed',
    };
    const facts: Record<string, string> = {};
    const notes: string[] = [];
    let seqOnly = true;

    for (let i = 0; i < Math.min(cells.length, header.length); i++) {
      const value = cells[i];
      if (value === '') continue;
      const col = cols[i];
      if (!col) {
        const h = header[i].trim();
        facts[h || `column_${i + 1}`] = value;
        seqOnly = false;
        continue;
      }
      if (col.role !== 'seq') seqOnly = false;
      switch (col.role) {
        case 'seq':
          break;
        case 'place':
        case 'foreignPlace': {
          if (col.role === 'place' && !placeIsForeign) {
            facts[col.text] = value;
            break;
          }
          if (raw.foreignPlace != null || raw.foreignPlaceEn != null) break;
          const n = splitBilingualName(value);
          raw.foreignPlace = n.zh ?? n.en;
          if (n.en) raw.foreignPlaceEn = n.en;
          if (n.qualifier) raw.foreignQualifier = n.qualifier;
          if (col.countryHint) raw.countryHint = col.countryHint;
          break;
        }
        case 'cnPlace':
          if (raw.cnPlace === null) raw.cnPlace = value;
          break;
        case 'cnCountry':
          facts.cn_country = value;
          break;
        case 'country':
          if (raw.country === null) raw.country = value;
          break;
        case 'date':
          if (raw.date === null) raw.date = value;
          break;
        case 'continent':
        case 'population':
        case 'area': {
          const key = factKey(col);
          if (UNKNOWN.test(value)) {
            notes.push(`${col.text}: ${value}`);
            messages.push({ line: row.line, severity: 'info', reason: `${key} is ${value} (unknown): fact omitted` });
          } else {
            facts[key] = value;
            if (key === 'population' || key === 'area') {
              if (col.unit) facts[`${key}_unit`] = col.unit;
            }
          }
          break;
        }
        case 'note':
          notes.unshift(value);
          break;
      }
    }

    // A total row (`合计 | 40 | 33`) counts the list; it is no tie.
    const firstCell = cells.find((c) => c !== '') ?? '';
    if (TOTAL_ROW.test(firstCell) || (raw.foreignPlace !== null && /^[\d\s.,]+$/.test(raw.foreignPlace))) {
      messages.push({ line: row.line, severity: 'info', reason: 'total row skipped', code: 'total-row', skipped: true });
      continue;
    }
    if (seqOnly) {
      messages.push({ line: row.line, severity: 'warning', reason: 'row has only a sequence number: skipped' });
      continue;
    }
    if (raw.foreignPlace === null && raw.country === null && raw.cnPlace === null) {
      messages.push({ line: row.line, severity: 'warning', reason: 'row names no place and no country: skipped' });
      continue;
    }
    if (notes.length) raw.note = notes.join('; ');
    // `in Anbahnung seit 2004` in the date column, `planned` in a remark: a tie still being prepared.
    const doubt = doubtWord([raw.date ?? '', ...notes].join(' '));
    if (doubt) {
      raw.status = 'doubtful';
      raw.note = [raw.note, `marked "${doubt}" in the document`].filter(Boolean).join('; ');
    }
    if (Object.keys(facts).length) raw.facts = facts;
    out.push(raw);
  }
  return { rows: out, messages };
}
