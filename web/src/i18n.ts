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
  status_suspended: { zh: '已暂停', en: 'Suspended' },
  status_unlisted: { zh: '不再列出', en: 'No longer listed' },
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
  // why a name stayed unresolved, by the API's reason_code (src/resolve/reasons.ts); {where} is the row's country
  // (zh: "日本的", en: " in Japan") or nothing; an unknown code shows the API's English reason
  reason_not_in_gazetteer: { zh: '地名库中找不到{where}“{name}”', en: 'no place called {name}{where} in the gazetteer' },
  reason_other_level: {
    zh: '地名库中找不到{where}{level}“{name}”，同名的只有其他级别的地方',
    en: 'no {level} called {name}{where}; only places of another level share its name',
  },
  reason_ambiguous: {
    zh: '有 {n} 个{where}地方叫“{name}”，文件没有说明是哪一个',
    en: '{n} places are called {name}{where} and the document does not say which',
  },
  reason_not_inside_parent: { zh: '地名库中，{parent} 境内找不到“{rest}”', en: '{rest} is not in the gazetteer inside {parent}' },
  reason_no_country_ambiguous: { zh: '该行没有写国家，有 {n} 个地方叫“{name}”', en: 'the row names no country and {n} places are called {name}' },
  reason_no_country_unknown: { zh: '该行没有写国家，也没有已知的地方叫“{name}”', en: 'the row names no country and no place called {name} is known' },
  // why a place is a candidate for an unresolved name
  why_same_name: { zh: '同名', en: 'same name' },
  why_same_stem_other_level: { zh: '同名，级别不同', en: 'same stem, other level' },
  why_the_enclosing_place: { zh: '所在的上级地方', en: 'the enclosing place' },
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

  // signing in and editing
  navEdits: { zh: '编辑记录', en: 'Edits' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  signInTitle: { zh: '编辑者登录', en: 'Sign in to edit' },
  signedIn: { zh: '已登录', en: 'Signed in' },
  signedInAs: { zh: '已登录：{name}（{role}）', en: 'Signed in: {name} ({role})' },
  checkingToken: { zh: '正在核对令牌…', en: 'Checking the token…' },
  tokenRejected: { zh: '服务器不接受这个令牌（未知、输错或已撤销），没有登录。', en: 'The server did not accept this token (unknown, mistyped or revoked): you are not signed in.' },
  tokenThrottled: { zh: '登录失败次数过多，请 {s} 秒后再试。', en: 'Too many failed sign-ins: try again in {s} s.' },
  serverUnreachable: { zh: '无法连接服务器，没有登录。请稍后再试。', en: 'The server could not be reached: you are not signed in. Try again shortly.' },
  role_reader: { zh: '只读', en: 'reader' },
  role_editor: { zh: '编辑者', en: 'editor' },
  role_admin: { zh: '管理员', en: 'admin' },
  editRefusedKept: {
    zh: '服务器不接受你的令牌（无效或已撤销），这次修改没有保存。你填写的内容都还在：请重新登录，然后再保存。',
    en: 'The server did not accept your token (invalid or revoked), so this change was not saved. What you typed is kept: sign in again, then save.',
  },
  signInAgain: { zh: '重新登录', en: 'Sign in again' },
  signedInAgain: { zh: '已重新登录，请再次保存。', en: 'Signed in again: save once more.' },
  tokenLabel: { zh: '编辑令牌', en: 'Editor token' },
  tokenHint: {
    zh: '粘贴 youcheng users add 给出的令牌（yc_…）。令牌只保存在本标签页中，关闭标签页即退出。',
    en: 'Paste the token youcheng users add printed (yc_…). It is kept in this tab only: closing the tab signs you out.',
  },
  tokenMalformed: { zh: '这不是令牌：令牌形如 yc_<编号>_<密钥>。', en: 'That is not a token: tokens look like yc_<id>_<secret>.' },
  signedOutRejected: { zh: '服务器不接受你的令牌（无效、已撤销或已过期），你已退出登录。请重新登录。', en: 'The server did not accept your token (invalid or revoked): you have been signed out. Sign in again.' },
  forbidden: { zh: '你的账号没有编辑权限。', en: 'Your account may not make this change.' },
  close: { zh: '关闭', en: 'Close' },
  dismiss: { zh: '关闭提示', en: 'Dismiss' },
  cancel: { zh: '取消', en: 'Cancel' },
  back: { zh: '返回', en: 'Back' },
  save: { zh: '保存', en: 'Save' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  colon: { zh: '：', en: ': ' },
  and: { zh: '与', en: 'and' },
  editThisPlace: { zh: '编辑这个地点', en: 'Edit this place' },
  editThisTie: { zh: '编辑这条关系', en: 'Edit this tie' },
  editActions: { zh: '编辑', en: 'Edit' },
  addTie: { zh: '添加关系', en: 'Add a tie' },
  addTieTitle: { zh: '为{name}添加结好关系', en: 'Add a tie to {name}' },
  addTieSubmit: { zh: '添加关系', en: 'Add the tie' },
  pickForeign: { zh: '外方地点（搜索）', en: 'Partner place (search)' },
  pickChinese: { zh: '中方地点（搜索）', en: 'Chinese place (search)' },
  pickerPlaceholder: { zh: '输入地名：东京、Tokyo…', en: 'Type a name: 东京, Tokyo…' },
  pickerHint: { zh: '输入后用 ↑/↓ 选择，回车确认。', en: 'Type, then ↑/↓ to choose and Enter to pick.' },
  chooseAnother: { zh: '换一个', en: 'Choose another' },
  pickPlaceFirst: { zh: '请先选择一个地点。', en: 'Choose a place first.' },
  dateSigned: { zh: '结好时间', en: 'Date of signing' },
  datePrecision: { zh: '精确到', en: 'Precision' },
  precision_none: { zh: '日期不详', en: 'No date' },
  precision_year: { zh: '年', en: 'Year' },
  precision_month: { zh: '年月', en: 'Year and month' },
  precision_day: { zh: '完整日期', en: 'Full date' },
  dateInput_year: { zh: '年份（YYYY）', en: 'Year (YYYY)' },
  dateInput_month: { zh: '年月（YYYY-MM）', en: 'Month (YYYY-MM)' },
  dateInput_day: { zh: '日期（YYYY-MM-DD）', en: 'Date (YYYY-MM-DD)' },
  badDate: { zh: '日期不对：按所选精度填写 YYYY、YYYY-MM 或 YYYY-MM-DD。', en: 'The date is not right: give YYYY, YYYY-MM or YYYY-MM-DD, as the precision says.' },
  reference: { zh: '出处', en: 'Source' },
  referenceHint: { zh: '网址或文件名称（例如 市外办公告 2024 年第 3 号）。', en: 'A URL or a document reference (e.g. city FAO notice 2024/3).' },
  needSource: { zh: '请注明出处（网址或文件）或写一条备注。', en: 'Say where this comes from: a source (URL or document) or a note.' },
  tieAdded: { zh: '已添加关系：{tie}。', en: 'Tie added: {tie}.' },
  correctDate: { zh: '更正日期', en: 'Correct date' },
  correctDateOf: { zh: '更正日期：{name}', en: 'Correct date: {name}' },
  correctDateTitle: { zh: '更正日期：{tie}', en: 'Correct the date: {tie}' },
  currentlyDate: { zh: '目前的结好时间', en: 'Date now' },
  nothingChanged: { zh: '日期和类型都没有改变。', en: 'Neither the date nor the kind changed.' },
  tieCorrected: { zh: '已更正：{tie}。', en: 'Corrected: {tie}.' },
  endTie: { zh: '终止关系', en: 'End tie' },
  endTieOf: { zh: '终止关系：{name}', en: 'End tie: {name}' },
  endTieTitle: { zh: '终止或暂停：{tie}', en: 'End or suspend: {tie}' },
  endStatus: { zh: '关系状态', en: 'The tie is' },
  endAsEnded: { zh: '已终止', en: 'ended' },
  endAsSuspended: { zh: '已暂停（冻结）', en: 'suspended (frozen)' },
  endDate: { zh: '终止或暂停的时间', en: 'Date it ended or was suspended' },
  needReason: { zh: '请写明原因。', en: 'Give the reason.' },
  endTieSubmit: { zh: '终止关系', en: 'End the tie' },
  suspendTieSubmit: { zh: '暂停关系', en: 'Suspend the tie' },
  tieEnded: { zh: '已终止：{tie}。', en: 'Ended: {tie}.' },
  tieSuspended: { zh: '已暂停：{tie}。', en: 'Suspended: {tie}.' },
  versionConflict: { zh: '其他人刚刚修改了这条关系，你的修改没有保存。', en: 'Someone else changed this tie: your change was not saved.' },
  currentState: { zh: '这条关系现在是：', en: 'The tie now stands as:' },
  retryWithCurrent: { zh: '在最新版本上重新保存', en: 'Save again on top of the current version' },
  mergeWithButton: { zh: '合并到…', en: 'Merge with…' },
  mergeTitle: { zh: '合并：{name}', en: 'Merge: {name}' },
  mergeWith: { zh: '要合并的另一个地点（搜索）', en: 'The other place (search)' },
  mergeDirection: { zh: '合并方向', en: 'Which way' },
  mergeThisIntoOther: { zh: '把本地点并入所选地点', en: 'This place is merged into the chosen one' },
  mergeOtherIntoThis: { zh: '把所选地点并入本地点', en: 'The chosen place is merged into this one' },
  mergeNext: { zh: '下一步', en: 'Next' },
  mergeSummary: { zh: '{from} 的所有记录今后都算作 {into} 的记录。', en: 'Every row of {from} will count for {into}.' },
  mergeConfirm: { zh: '确认合并', en: 'Merge them' },
  merged: { zh: '已合并：', en: 'Merged:' },
  splitButton: { zh: '拆分', en: 'Split' },
  splitTitle: { zh: '拆分：{name}', en: 'Split: {name}' },
  splitIntro: {
    zh: '撤销错误的合并：填写要分出去的名称，使用该名称的记录将成为一个单独的地点；名称留空则撤销编辑者对本地点所做的合并。',
    en: 'Undo a wrong merge: name the name to split off, and the rows that use it become a place of their own; leave the name empty to undo a merge an editor made of this place.',
  },
  splitName: { zh: '要分出去的名称', en: 'Name to split off' },
  splitNameHint: { zh: '来源中写的名称，例如 奥克兰。', en: 'As the sources write it, e.g. 奥克兰.' },
  splitSubmit: { zh: '拆分', en: 'Split' },
  splitDone: { zh: '已拆分。', en: 'Split.' },
  addAlias: { zh: '添加别名', en: 'Add alias' },
  aliasTitle: { zh: '为{name}添加别名', en: 'Add an alias for {name}' },
  aliasName: { zh: '别名（来源中写的名称）', en: 'Alias (a name as the sources write it)' },
  aliasCountry: { zh: '国家代码', en: 'Country code' },
  countryHint: { zh: 'ISO 3166-1 两字母代码（如 JP），或 * 表示任何国家。', en: 'ISO 3166-1 two-letter code (e.g. JP), or * for any country.' },
  aliasTarget: { zh: '指向的地点', en: 'Means the place' },
  aliasSubmit: { zh: '添加别名', en: 'Add the alias' },
  aliasAdded: { zh: '已添加别名：{name} → {target}。', en: 'Alias added: {name} → {target}.' },
  needName: { zh: '请填写名称。', en: 'Give the name.' },
  badCountry: { zh: '国家代码应为两个字母（如 JP）或 *。', en: 'The country code must be two letters (e.g. JP) or *.' },

  // ties
  tieDetails: { zh: '详情', en: 'Details' },
  tieDetailsOf: { zh: '详情：{name}', en: 'Details: {name}' },
  tieNotFound: { zh: '登记册中没有这条关系：', en: 'No such tie in the registry: ' },
  endedOn: { zh: '终止于', en: 'ended' },
  suspendedSince: { zh: '暂停于', en: 'suspended since' },
  unlistedIn: { zh: '在 {version} 中不再列出', en: 'no longer listed in {version}' },
  unlistedNoVersion: { zh: '来源的新版本中不再列出', en: 'no longer listed in the newest version of its source' },
  history: { zh: '修改历史', en: 'History' },
  noHistory: { zh: '还没有人修改过这条关系。', en: 'Nobody has edited this tie yet.' },

  // the audit log
  editsTitle: { zh: '编辑记录', en: 'Edits' },
  editsIntro: {
    zh: '编辑者对登记册所做的每一次修改：谁、何时、改了什么、修改前后的内容。记录只增不改。',
    en: 'Every change editors made to the registry: who, when, what, before and after. The log is append-only.',
  },
  editsShown: { zh: '共 {n} 条记录，最新的在前。', en: '{n} entries, newest first.' },
  editsShownLimit: { zh: '最新的 {n} 条记录。', en: 'The newest {n} entries.' },
  noEdits: { zh: '还没有编辑记录。', en: 'No edits yet.' },
  editWhen: { zh: '时间', en: 'When' },
  editWho: { zh: '编辑者', en: 'Who' },
  editWhat: { zh: '操作', en: 'What' },
  editTarget: { zh: '对象', en: 'Target' },
  editChange: { zh: '修改前 → 修改后', en: 'Before → after' },
  action_relationship_add: { zh: '添加关系', en: 'Added a tie' },
  action_relationship_update: { zh: '更正关系', en: 'Corrected a tie' },
  action_relationship_end: { zh: '终止关系', en: 'Ended a tie' },
  action_relationship_suspend: { zh: '暂停关系', en: 'Suspended a tie' },
  action_place_merge: { zh: '合并地点', en: 'Merged places' },
  action_place_split: { zh: '拆分地点', en: 'Split a place' },
  action_place_wikidata: { zh: '关联维基数据', en: 'Linked to Wikidata' },
  action_alias_add: { zh: '添加别名', en: 'Added an alias' },
  action_user_add: { zh: '添加账号', en: 'Added an account' },
  action_user_role: { zh: '更改角色', en: 'Changed a role' },
  action_user_revoke: { zh: '撤销账号', en: 'Revoked an account' },
  field_start_precision: { zh: '日期精度', en: 'date precision' },
  field_end_reason: { zh: '原因', en: 'reason' },
  field_unlisted_in: { zh: '不再列出于', en: 'unlisted in' },
  field_cn_place_id: { zh: '中方', en: 'Chinese side' },
  field_foreign_place_id: { zh: '外方', en: 'foreign side' },
  field_place: { zh: '地点', en: 'place' },
  field_into: { zh: '并入', en: 'merged into' },
  field_merged_into: { zh: '并入', en: 'merged into' },
  field_name: { zh: '名称', en: 'name' },
  field_target: { zh: '指向', en: 'means' },
  field_role: { zh: '角色', en: 'role' },
  field_revoked_at: { zh: '撤销时间', en: 'revoked' },
  field_qid: { zh: '维基数据', en: 'Wikidata' },

  footerData: {
    zh: '地点数据：GeoNames（CC BY 4.0）；一级行政区：@countrystatecity/countries（ODbL）；地图：Natural Earth（经 world-atlas）；样本名单：中文维基百科（CC BY-SA）及各市外事办公室。',
    en: 'Place data: GeoNames (CC BY 4.0); first-level divisions: @countrystatecity/countries (ODbL); map: Natural Earth via world-atlas; sample lists: zh.wikipedia (CC BY-SA) and municipal foreign-affairs offices.',
  },
  footerApi: { zh: '每个页面的数据都可以从 /api/ 以 JSON 获取。', en: 'Every page\u2019s data is available as JSON under /api/.' },
} as const satisfies Record<string, Record<Lang, string>>;

export type Key = keyof typeof dict;
export type T = (key: Key, vars?: Record<string, string | number>) => string;

export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  const s: string = dict[key][lang];
  // one pass: a value that itself holds "{n}" (a place name can) is never substituted again
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(vars, k) ? String(vars[k]) : m)) : s;
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
