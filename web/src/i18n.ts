// Every interface string in both languages. Data (place names, notes, file names) is never translated here.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type Lang = 'zh' | 'en';

const dict = {
  appName: { zh: '友城', en: 'youcheng' },
  tagline: { zh: '中国国际友好城市登记册', en: "Registry of China's international friendship cities" },
  navHome: { zh: '首页', en: 'Home' },
  navMap: { zh: '地图', en: 'Map' },
  navTimeline: { zh: '时间线', en: 'Timeline' },
  navQuality: { zh: '数据质量', en: 'Data quality' },
  mainNav: { zh: '主导航', en: 'Main navigation' },
  language: { zh: '界面语言', en: 'Interface language' },
  skipToContent: { zh: '跳到正文', en: 'Skip to content' },

  searchLabel: { zh: '搜索地名（中文、繁体、拼音或英文）', en: 'Search places (Chinese, traditional, pinyin or English)' },
  searchPlaceholder: { zh: '搜索城市：大连、大連、dalian、Genoa…', en: 'Search a place: 大连, 大連, dalian, Genoa…' },
  searchButton: { zh: '搜索', en: 'Search' },
  suggestions: { zh: '搜索建议', en: 'Suggestions' },
  noSuggestions: { zh: '没有匹配的地名', en: 'No matching place' },
  searching: { zh: '正在搜索…', en: 'Searching…' },
  searchResultsFor: { zh: '搜索结果：', en: 'Results for ' },
  searchEmpty: { zh: '请输入地名。', en: 'Type a place name.' },
  noResults: { zh: '没有找到地名。', en: 'No place found.' },
  matchedBy: { zh: '匹配', en: 'matched' },
  partnersN: { zh: '{n} 个结好关系', en: '{n} ties' },
  partnersOne: { zh: '1 个结好关系', en: '1 tie' },

  loading: { zh: '加载中…', en: 'Loading…' },
  error: { zh: '出错了：', en: 'Something went wrong: ' },
  notFound: { zh: '找不到该页面。', en: 'Page not found.' },
  placeNotFound: { zh: '登记册中没有这个地点：', en: 'No such place in the registry: ' },
  backHome: { zh: '返回首页', en: 'Back to the home page' },

  overview: { zh: '概览', en: 'Overview' },
  homeIntro: {
    zh: '从维基百科和各地外事办公布的名单中整理出的友好城市关系；每一条都注明出处（文件:行）。',
    en: 'Friendship-city ties collected from Wikipedia and municipal foreign-affairs lists; every tie names its source (file:line).',
  },
  totRelationships: { zh: '结好关系', en: 'Ties' },
  totListed: { zh: '已列出', en: 'Listed' },
  totDoubtful: { zh: '存疑', en: 'Doubtful' },
  totPlaces: { zh: '地点', en: 'Places' },
  totResolved: { zh: '已定位地点', en: 'Resolved places' },
  totSources: { zh: '来源文件', en: 'Source documents' },
  totClaims: { zh: '原始记录', en: 'Source rows' },
  totConflicts: { zh: '冲突', en: 'Conflicts' },
  topCountries: { zh: '结好最多的国家', en: 'Top partner countries' },
  topProvinces: { zh: '结好最多的省份', en: 'Top provinces' },
  topCnPlaces: { zh: '结好最多的中国地方', en: 'Top Chinese places' },
  byKind: { zh: '按类型', en: 'By kind' },
  byContinent: { zh: '按大洲', en: 'By continent' },
  byLevel: { zh: '按外方行政级别', en: 'By partner level' },
  seeMap: { zh: '在地图上查看', en: 'See on the map' },
  seeTimeline: { zh: '查看时间线', en: 'See the timeline' },
  downloads: { zh: '下载', en: 'Download' },

  // place
  namesAll: { zh: '名称', en: 'Names' },
  simplified: { zh: '简体', en: 'Simplified' },
  traditional: { zh: '繁体', en: 'Traditional' },
  english: { zh: '英文', en: 'English' },
  pinyin: { zh: '拼音', en: 'Pinyin' },
  otherNames: { zh: '其他名称', en: 'Other names' },
  country: { zh: '国家', en: 'Country' },
  level: { zh: '级别', en: 'Level' },
  parent: { zh: '上级', en: 'Part of' },
  coordinates: { zh: '坐标', en: 'Coordinates' },
  geonames: { zh: 'GeoNames', en: 'GeoNames' },
  gbt2260: { zh: '行政区划代码', en: 'GB/T 2260 code' },
  unresolvedPlace: {
    zh: '未定位：地名库中找不到这个地点，名称按原文保留。',
    en: 'Unresolved: the gazetteer has no such place; the name is kept as written.',
  },
  unresolvedShort: { zh: '未定位', en: 'unresolved' },
  facts: { zh: '来源中的其他信息', en: 'Other facts from the sources' },
  factKey: { zh: '项目', en: 'Fact' },
  factValue: { zh: '值', en: 'Value' },
  asOf: { zh: '截至', en: 'As of' },
  source: { zh: '来源', en: 'Source' },
  partners: { zh: '结好对象', en: 'Partners' },
  partnersCount: { zh: '共 {n} 个，其中已列出 {listed} 个、存疑 {doubtful} 个', en: '{n} in all: {listed} listed, {doubtful} doubtful' },
  noPartners: { zh: '登记册中没有这个地点的结好关系。', en: 'The registry has no ties for this place.' },
  partner: { zh: '结好对象', en: 'Partner' },
  kind: { zh: '类型', en: 'Kind' },
  date: { zh: '结好时间', en: 'Since' },
  status: { zh: '状态', en: 'Status' },
  sources: { zh: '出处', en: 'Sources' },
  sortBy: { zh: '排序', en: 'Sort by' },
  locator: { zh: '位置图', en: 'Locator map' },
  locatorAlt: { zh: '{name} 及其结好对象在世界地图上的位置', en: 'Where {name} and its partners are on the world map' },
  noCoordinates: { zh: '没有坐标，无法在地图上显示。', en: 'No coordinates: not shown on the map.' },
  conflict: { zh: '冲突', en: 'Conflict' },
  conflictText: { zh: '来源说法不一（{field}）：', en: 'Sources disagree on {field}: ' },
  doubtfulNote: { zh: '存疑', en: 'Doubtful' },
  ended: { zh: '终止于', en: 'Ended' },

  kind_sister: { zh: '友好城市', en: 'Sister city' },
  kind_cooperation: { zh: '友好合作关系', en: 'Friendly cooperation' },
  kind_other: { zh: '其他', en: 'Other' },
  status_listed: { zh: '已列出', en: 'Listed' },
  status_doubtful: { zh: '存疑', en: 'Doubtful' },
  status_ended: { zh: '已终止', en: 'Ended' },
  level_country: { zh: '国家', en: 'Country' },
  level_region: { zh: '一级行政区', en: 'First-level division' },
  level_city: { zh: '城市', en: 'City' },
  level_district: { zh: '区县', en: 'District' },
  field_kind: { zh: '类型', en: 'kind' },
  field_start_date: { zh: '结好时间', en: 'start date' },
  field_date: { zh: '结好时间', en: 'date' },
  field_status: { zh: '状态', en: 'status' },
  field_end_date: { zh: '终止时间', en: 'end date' },
  dateUnknown: { zh: '日期不详', en: 'date unknown' },
  unknown: { zh: '不详', en: 'unknown' },

  // map
  mapTitle: { zh: '友好城市地图', en: 'Map of friendship ties' },
  mapIntro: { zh: '每条弧线是一对结好城市之间的大圆航线。把鼠标移到弧线上可看到双方名称。', en: 'Each arc is the great circle between two partners. Hover an arc to see the pair.' },
  filters: { zh: '筛选', en: 'Filters' },
  filterPlace: { zh: '地点', en: 'Place' },
  filterCountry: { zh: '外方国家', en: 'Partner country' },
  filterFrom: { zh: '起始年份', en: 'From year' },
  filterTo: { zh: '截止年份', en: 'To year' },
  filterKind: { zh: '类型', en: 'Kind' },
  all: { zh: '全部', en: 'All' },
  apply: { zh: '应用', en: 'Apply' },
  clear: { zh: '清除筛选', en: 'Clear filters' },
  filterProvince: { zh: '省份', en: 'Province' },
  removeProvince: { zh: '移除省份筛选', en: 'Remove the province filter' },
  removePlace: { zh: '移除地点筛选', en: 'Remove the place filter' },
  arcsShown: { zh: '显示 {n} 条弧线（共 {total} 条关系，{missing} 条缺少坐标）', en: '{n} arcs shown ({total} ties, {missing} without coordinates)' },
  mapLoading: { zh: '正在加载地图…', en: 'Loading the map…' },
  worldMap: { zh: '世界地图', en: 'World map' },

  // timeline
  timelineTitle: { zh: '每年新结好的关系', en: 'Ties established per year' },
  timelineByKind: { zh: '按类型', en: 'By kind' },
  timelineByContinent: { zh: '按外方所在大洲', en: 'By the partner\u2019s continent' },
  undated: { zh: '另有 {n} 条关系没有日期。', en: '{n} more ties have no date.' },
  year: { zh: '年份', en: 'Year' },
  count: { zh: '数量', en: 'Count' },
  barTitle: { zh: '{year} 年：{n} 条', en: '{year}: {n}' },

  continent_AS: { zh: '亚洲', en: 'Asia' },
  continent_EU: { zh: '欧洲', en: 'Europe' },
  continent_AF: { zh: '非洲', en: 'Africa' },
  continent_NA: { zh: '北美洲', en: 'North America' },
  continent_SA: { zh: '南美洲', en: 'South America' },
  continent_OC: { zh: '大洋洲', en: 'Oceania' },
  continent_AN: { zh: '南极洲', en: 'Antarctica' },
  continent_unknown: { zh: '未知', en: 'Unknown' },

  // country / province
  countryTitle: { zh: '与{name}的友好城市', en: 'Friendship ties with {name}' },
  provinceLead: { zh: '省内各地的国际友好城市关系', en: 'International friendship ties of the places in this province' },
  provinceTitle: { zh: '{name}的友好城市', en: 'Friendship ties of {name}' },
  topCnPartners: { zh: '中方城市', en: 'Chinese places' },
  topForeignPartners: { zh: '外方城市', en: 'Partner places' },
  topForeignCountries: { zh: '外方国家', en: 'Partner countries' },
  allTies: { zh: '全部关系', en: 'All ties' },
  cnSide: { zh: '中方', en: 'Chinese side' },
  foreignSide: { zh: '外方', en: 'Foreign side' },
  distinctCn: { zh: '中方地点', en: 'Chinese places' },
  distinctForeign: { zh: '外方地点', en: 'Partner places' },
  placePage: { zh: '地点页面', en: 'Place page' },

  // quality
  qualityTitle: { zh: '数据质量报告', en: 'Data-quality report' },
  qualityIntro: {
    zh: '每份来源文件声明的数目与实际读到的行数对照，以及无法定位的地名、来源之间的冲突和只有存疑记录的关系。',
    en: 'Each document\u2019s declared totals against the rows read, names that could not be resolved, conflicts between sources, and ties only doubtful rows support.',
  },
  documents: { zh: '来源文件', en: 'Documents' },
  version: { zh: '版本', en: 'Version' },
  format: { zh: '格式', en: 'Format' },
  owner: { zh: '所属地方', en: 'Owner' },
  rows: { zh: '行数', en: 'Rows' },
  skipped: { zh: '跳过', en: 'Skipped' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
  declaredTotals: { zh: '声明的总数', en: 'Declared totals' },
  statement: { zh: '原文', en: 'As written' },
  section: { zh: '章节', en: 'Section' },
  line: { zh: '行', en: 'Line' },
  declared: { zh: '声明', en: 'Declared' },
  read: { zh: '读到', en: 'Rows read' },
  inRegistry: { zh: '登记册中', en: 'In the registry' },
  countriesN: { zh: '{n} 国', en: '{n} countries' },
  placesN: { zh: '{n} 地', en: '{n} places' },
  ok: { zh: '相符', en: 'matches' },
  mismatch: { zh: '不符', en: 'does not match' },
  doubtfulRows: { zh: '存疑的行', en: 'Doubtful rows' },
  messages: { zh: '读取信息', en: 'Reader messages' },
  severity: { zh: '级别', en: 'Severity' },
  reason: { zh: '原因', en: 'Reason' },
  note: { zh: '备注', en: 'Note' },
  reconciliation: { zh: '对照与合并', en: 'Reconciliation' },
  resolvedPlaces: { zh: '已定位地点', en: 'Resolved places' },
  foreignResolved: { zh: '外方已定位', en: 'Foreign sides resolved' },
  cnResolved: { zh: '中方已定位', en: 'Chinese sides resolved' },
  unresolvedNames: { zh: '无法定位的地名', en: 'Unresolved names' },
  candidates: { zh: '候选', en: 'Candidates' },
  noCandidates: { zh: '无候选', en: 'no candidates' },
  name: { zh: '名称', en: 'Name' },
  side: { zh: '方', en: 'Side' },
  conflicts: { zh: '来源之间的冲突', en: 'Conflicts between sources' },
  field: { zh: '字段', en: 'Field' },
  values: { zh: '各来源的说法', en: 'What each source says' },
  ambiguousNames: { zh: '同名地点', en: 'Ambiguous names' },
  doubtfulOnly: { zh: '只有存疑记录的关系', en: 'Ties with only doubtful support' },
  rowsWithoutPlace: { zh: '没有外方地名的行', en: 'Rows without a partner name' },
  none: { zh: '无', en: 'None' },
  tie: { zh: '关系', en: 'Tie' },

  footerData: {
    zh: '地点数据：GeoNames（CC BY 4.0）；一级行政区：@countrystatecity/countries（ODbL）；地图：Natural Earth（经 world-atlas）；样本名单：中文维基百科（CC BY-SA）及各市外事办公室。',
    en: 'Place data: GeoNames (CC BY 4.0); first-level divisions: @countrystatecity/countries (ODbL); map: Natural Earth via world-atlas; sample lists: zh.wikipedia (CC BY-SA) and municipal foreign-affairs offices.',
  },
  footerApi: { zh: '每个页面的数据都可以从 /api/ 以 JSON 获取。', en: 'Every page\u2019s data is available as JSON under /api/.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type Key = keyof typeof dict;
export type T = (key: Key, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  let s: string = dict[key][lang];
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

/** Keys built from data (kind_…, status_…) fall back to the raw value when unknown. */
export function tOr(lang: Lang, key: string, fallback: string): string {
  return key in dict ? dict[key as Key][lang] : fallback;
}

const STORAGE_KEY = 'youcheng.lang';

export function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch {
    /* storage unavailable */
  }
  return 'zh';
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage unavailable */
  }
}

export interface I18n {
  lang: Lang;
  t: T;
  /** a data-derived key such as kind_sister, or the raw value */
  tk: (key: string, fallback: string) => string;
}

export const I18nContext = createContext<I18n>({
  lang: 'zh',
  t: (k, v) => translate('zh', k, v),
  tk: (k, f) => tOr('zh', k, f),
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
