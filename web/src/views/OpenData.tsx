// The registry as open data: `/coverage` (against the official totals and each source), `/network` (families,
// most-tied places, triangles, the shortest chain between two places) and `/wikidata` (the QuickStatements
// batch an editor can run, with a copy button and what it would add). Their words are kept here, in both
// languages, so the views load with their own text.
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, getJSON, useLoad } from '../api';
import { useI18n } from '../i18n';
import { countryName, num } from '../format';
import { Loaded, Stat } from '../components/common';
import { Link, placeHref } from '../router';
import { useTitle } from './title';

const WORDS = {
  coverage: { zh: '覆盖', en: 'Coverage' },
  network: { zh: '网络', en: 'Network' },
  wikidata: { zh: '维基数据', en: 'Wikidata' },
  coverageIntro: {
    zh: '登记册与官方全国统计及各来源的比较：读者在相信一个数字之前应先看这里。',
    en: 'The registry against the official national totals and against each of its sources: what to read before trusting a number.',
  },
  official: { zh: '官方统计', en: 'Official' },
  registry: { zh: '登记册', en: 'Registry' },
  ties: { zh: '友好关系', en: 'Ties' },
  countries: { zh: '外国国家', en: 'Foreign countries' },
  cnProvinces: { zh: '中方省级地区', en: 'Chinese provincial-level regions' },
  cnCities: { zh: '中方城市', en: 'Chinese cities' },
  foreignProvinces: { zh: '外方省州', en: 'Foreign provinces and states' },
  foreignCities: { zh: '外方城市', en: 'Foreign cities' },
  source: { zh: '来源', en: 'Source' },
  type: { zh: '类型', en: 'Type' },
  only: { zh: '仅此来源', en: 'Only this source' },
  byProvince: { zh: '按中国省份', en: 'By Chinese province' },
  byCountry: { zh: '按外国国家', en: 'By foreign country' },
  datesDisagree: { zh: '日期不一致', en: 'Dates that disagree' },
  placedApart: { zh: '不同来源放在不同国家的地名', en: 'Names two sources put in different countries' },
  none: { zh: '无', en: 'None' },
  networkIntro: {
    zh: '友好关系构成的网络：由关系链相连的地方组成“家族”；三角形是一个中国地方及其两个彼此也结好的伙伴（第三条关系来自维基数据快照）。',
    en: 'The network of ties: places joined by a chain of ties form a family; a triangle is a Chinese place and two partners tied to each other (that third tie from the Wikidata snapshot).',
  },
  places: { zh: '地方', en: 'Places' },
  families: { zh: '家族', en: 'Families' },
  family: { zh: '家族', en: 'Family' },
  size: { zh: '大小', en: 'Size' },
  mostTied: { zh: '伙伴最多', en: 'Most partners' },
  partners: { zh: '伙伴', en: 'Partners' },
  triangles: { zh: '三角形', en: 'Triangles' },
  chain: { zh: '两地之间最短的关系链', en: 'The shortest chain of ties between two places' },
  from: { zh: '从', en: 'From' },
  to: { zh: '到', en: 'To' },
  find: { zh: '查找', en: 'Find' },
  noChain: { zh: '没有关系链相连', en: 'No chain of ties joins them' },
  noPlace: { zh: '找不到地方：', en: 'No place called ' },
  tiesAway: { zh: '条关系', en: 'ties' },
  wikidataIntro: {
    zh: '两地都有维基数据条目、而维基数据快照尚未包含的友好关系，写成 QuickStatements（V1）：每条关系双向各一条 P190 声明，带开始时间（P580）、结束时间（P582）及每个来源的参考。复制后粘贴到 QuickStatements 运行。',
    en: 'The ties whose two places have a Wikidata item and which the Wikidata snapshot does not hold yet, as QuickStatements (V1): a P190 statement each way, with start (P580) and end (P582) times and a reference for each source. Copy the batch and paste it into QuickStatements to run it.',
  },
  allTies: { zh: '包括快照已有的关系', en: 'Include the ties the snapshot already holds' },
  copy: { zh: '复制', en: 'Copy' },
  copied: { zh: '已复制', en: 'Copied' },
  statements: { zh: '条声明', en: 'statements' },
  lines: { zh: '行', en: 'lines' },
  held: { zh: '快照已有而略去的关系', en: 'ties left out: the snapshot holds them' },
  adds: { zh: '将添加', en: 'What it adds' },
  start: { zh: '开始', en: 'Start' },
  end: { zh: '结束', en: 'End' },
  references: { zh: '参考', en: 'References' },
} as const;

type Word = keyof typeof WORDS;
function useWords(): { w: (k: Word) => string; lang: 'zh' | 'en' } {
  const { lang } = useI18n();
  return { w: (k) => WORDS[k][lang], lang };
}

function Tabs({ current }: { current: 'coverage' | 'network' | 'wikidata' }) {
  const { w } = useWords();
  return (
    <nav class="actions" aria-label={w('coverage')}>
      {(['coverage', 'network', 'wikidata'] as const).map((k) => (
        <Link key={k} class="button" href={`/${k}`} aria-current={k === current ? 'page' : undefined}>
          {w(k)}
        </Link>
      ))}
    </nav>
  );
}

function Table({ head, rows, testid }: { head: ComponentChildren[]; rows: ComponentChildren[][]; testid?: string }) {
  return (
    <div class="tablewrap">
      <table class="table" data-testid={testid}>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Counts {
  ties: number;
  countries: number;
  cnProvinces: number;
  cnCities: number;
  foreignProvinces: number;
  foreignCities: number;
}
interface CoverageData {
  official: Counts & { asOf: string; publisher: string; note: string };
  registry: Counts;
  sources: Array<Counts & { source: string; source_key: string; type: string; only: number }>;
  byProvince: Array<{ id: string; name_zh_hans: string | null; name_en: string | null; ties: number; bySource: Record<string, number> }>;
  byCountry: Array<{ country_iso2: string; ties: number; bySource: Record<string, number> }>;
  datesDisagree: Array<{ relationship_id: number; cn: string; foreign: string; values: Array<{ value: string | null; source: string; line: number }> }>;
  placedApart: Array<{ cn: string; name: string; places: Array<{ country_iso2: string | null; place_id: string; source: string; line: number }> }>;
}

export function CoverageView() {
  const { w, lang } = useWords();
  useTitle(w('coverage'));
  const data = useLoad('coverage', (s) => getJSON<CoverageData>('/api/coverage', s));
  const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '');
  const measures: Array<keyof Counts> = ['ties', 'countries', 'cnProvinces', 'cnCities', 'foreignProvinces', 'foreignCities'];
  return (
    <section>
      <h1>{w('coverage')}</h1>
      <Tabs current="coverage" />
      <p class="lead">{w('coverageIntro')}</p>
      <Loaded value={data}>
        {(c) => (
          <>
            <p>
              {c.official.publisher}, {c.official.asOf}
            </p>
            <Table
              testid="coverage-official"
              head={[<span class="visually-hidden">{w('coverage')}</span>, w('official'), w('registry'), '%']}
              rows={measures.map((m) => [w(m), num(c.official[m], lang), num(c.registry[m], lang), pct(c.registry[m], c.official[m])])}
            />
            <h2>{w('source')}</h2>
            <Table
              testid="coverage-sources"
              head={[w('source'), w('type'), w('ties'), w('only'), w('countries'), w('cnCities'), w('foreignCities')]}
              rows={c.sources.map((s) => [s.source_key, s.type, num(s.ties, lang), num(s.only, lang), num(s.countries, lang), num(s.cnProvinces + s.cnCities, lang), num(s.foreignProvinces + s.foreignCities, lang)])}
            />
            <div class="grid3">
              <section>
                <h2>{w('byProvince')}</h2>
                <Table
                  head={[w('places'), w('ties'), w('source')]}
                  rows={c.byProvince.map((p) => [
                    <Link href={placeHref(p.id)}>{(lang === 'zh' ? p.name_zh_hans : p.name_en) ?? p.id}</Link>,
                    num(p.ties, lang),
                    Object.entries(p.bySource)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', '),
                  ])}
                />
              </section>
              <section>
                <h2>{w('byCountry')}</h2>
                <Table
                  head={[w('places'), w('ties'), w('source')]}
                  rows={c.byCountry.slice(0, 60).map((p) => [
                    countryName(p.country_iso2, lang),
                    num(p.ties, lang),
                    Object.entries(p.bySource)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', '),
                  ])}
                />
              </section>
            </div>
            <h2>
              {w('datesDisagree')} ({c.datesDisagree.length})
            </h2>
            {c.datesDisagree.length ? (
              <ul>
                {c.datesDisagree.map((d) => (
                  <li key={d.relationship_id}>
                    <Link href={`/relationship/${d.relationship_id}`}>
                      {d.cn} – {d.foreign}
                    </Link>
                    : {d.values.map((v) => `${v.value} (${v.source}:${v.line})`).join(' · ')}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{w('none')}</p>
            )}
            <h2>
              {w('placedApart')} ({c.placedApart.length})
            </h2>
            {c.placedApart.length ? (
              <ul data-testid="placed-apart">
                {c.placedApart.map((p, i) => (
                  <li key={i}>
                    {p.cn} – {p.name}: {p.places.map((x) => `${countryName(x.country_iso2, lang)} (${x.source}:${x.line})`).join(' · ')}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{w('none')}</p>
            )}
          </>
        )}
      </Loaded>
    </section>
  );
}

interface NetworkData {
  places: number;
  ties: number;
  families: Array<{ family: number; size: number; cn: number; foreign: number; largest: Array<{ id: string; name: string; degree: number }> }>;
  familySizes: Array<{ size: number; families: number }>;
  topDegree: Array<{ id: string; name: string; country_iso2: string | null; degree: number; family: number }>;
  triangles: Array<{ places: Array<{ id: string; name: string }>; link: [string, string] }>;
}

function ChainFinder() {
  const { w, lang } = useWords();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [result, setResult] = useState<ComponentChildren>(null);
  const find = async () => {
    const first = async (q: string) => (await api.search(q, 1)).results[0] ?? null;
    const [a, b] = await Promise.all([first(from), first(to)]);
    if (!a || !b) return setResult(`${w('noPlace')}${!a ? from : to}`);
    const r = await getJSON<{ chain: Array<{ id: string; name: string }> | null }>(`/api/network/path?from=${encodeURIComponent(a.id)}&to=${encodeURIComponent(b.id)}`);
    setResult(
      r.chain ? (
        <span data-testid="chain">
          {num(r.chain.length - 1, lang)} {w('tiesAway')}:{' '}
          {r.chain.map((p, i) => (
            <span key={p.id}>
              {i ? ' — ' : ''}
              <Link href={placeHref(p.id)}>{p.name}</Link>
            </span>
          ))}
        </span>
      ) : (
        w('noChain')
      ),
    );
  };
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        void find();
      }}
    >
      <label class="field">
        <span class="field-label">{w('from')}</span>
        <input name="from" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field">
        <span class="field-label">{w('to')}</span>
        <input name="to" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">{w('find')}</button>
      <p role="status">{result}</p>
    </form>
  );
}

export function NetworkView() {
  const { w, lang } = useWords();
  useTitle(w('network'));
  const data = useLoad('network', (s) => getJSON<NetworkData>('/api/network', s));
  return (
    <section>
      <h1>{w('network')}</h1>
      <Tabs current="network" />
      <p class="lead">{w('networkIntro')}</p>
      <h2>{w('chain')}</h2>
      <ChainFinder />
      <Loaded value={data}>
        {(n) => (
          <>
            <div class="stats">
              <Stat label={w('places')} value={num(n.places, lang)} />
              <Stat label={w('ties')} value={num(n.ties, lang)} />
              <Stat label={w('families')} value={num(n.familySizes.reduce((a, f) => a + f.families, 0), lang)} testid="families" />
              <Stat label={w('triangles')} value={num(n.triangles.length, lang)} testid="triangles" />
            </div>
            <h2>{w('families')}</h2>
            <Table
              testid="families-table"
              head={[w('family'), w('size'), w('cnCities'), w('foreignCities'), w('mostTied')]}
              rows={n.families.map((f) => [
                `F${f.family}`,
                num(f.size, lang),
                num(f.cn, lang),
                num(f.foreign, lang),
                f.largest.map((p, i) => (
                  <span key={p.id}>
                    {i ? ', ' : ''}
                    <Link href={placeHref(p.id)}>{p.name}</Link> {p.degree}
                  </span>
                )),
              ])}
            />
            <h2>{w('mostTied')}</h2>
            <Table
              head={[w('places'), w('countries'), w('partners'), w('family')]}
              rows={n.topDegree.map((p) => [<Link href={placeHref(p.id)}>{p.name}</Link>, countryName(p.country_iso2, lang), num(p.degree, lang), `F${p.family}`])}
            />
            <h2>
              {w('triangles')} ({num(n.triangles.length, lang)})
            </h2>
            <ul>
              {n.triangles.slice(0, 100).map((t, i) => (
                <li key={i}>
                  {t.places.map((p, j) => (
                    <span key={p.id}>
                      {j ? ' – ' : ''}
                      <Link href={placeHref(p.id)}>{p.name}</Link>
                    </span>
                  ))}{' '}
                  <small>({t.link.join('–')})</small>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}

interface QsData {
  missing_only: boolean;
  ties: number;
  lines: number;
  statements: number;
  held: number;
  items: Array<{ id: number; cn: { id: string; name: string | null; qid: string }; foreign: { id: string; name: string | null; qid: string }; start_date: string | null; end_date: string | null; lines: string[] }>;
}

export function WikidataView() {
  const { w, lang } = useWords();
  useTitle(w('wikidata'));
  const [all, setAll] = useState(false);
  const [copied, setCopied] = useState(false);
  const data = useLoad(`qs:${all}`, (s) => getJSON<QsData>(`/api/wikidata/quickstatements${all ? '?all=1' : ''}`, s));
  const item = (q: string) => (
    <a href={`https://www.wikidata.org/wiki/${q}`} rel="noopener noreferrer external">
      {q}
    </a>
  );
  return (
    <section>
      <h1>{w('wikidata')}</h1>
      <Tabs current="wikidata" />
      <p class="lead">{w('wikidataIntro')}</p>
      <label>
        <input type="checkbox" checked={all} onChange={(e) => setAll((e.target as HTMLInputElement).checked)} /> {w('allTies')}
      </label>
      <Loaded value={data}>
        {(q) => {
          const batch = q.items.map((i) => i.lines.join('\n')).join('\n');
          return (
            <>
              <div class="stats">
                <Stat label={w('ties')} value={num(q.ties, lang)} />
                <Stat label={w('statements')} value={num(q.statements, lang)} testid="qs-statements" />
                <Stat label={w('lines')} value={num(q.lines, lang)} />
                {q.missing_only ? <Stat label={w('held')} value={num(q.held, lang)} /> : null}
              </div>
              <p class="actions">
                <button
                  type="button"
                  data-testid="qs-copy"
                  onClick={() => {
                    void navigator.clipboard?.writeText(batch).then(() => setCopied(true));
                  }}
                >
                  {copied ? w('copied') : w('copy')}
                </button>
              </p>
              <textarea class="qs-batch" aria-label="QuickStatements" readOnly rows={12} spellcheck={false} data-testid="qs-batch" value={batch} style={{ width: '100%', fontFamily: 'monospace' }} />
              <h2>{w('adds')}</h2>
              <Table
                head={[w('ties'), 'P190', w('start'), w('end'), w('references')]}
                rows={q.items.map((i) => [
                  <span>
                    <Link href={placeHref(i.cn.id)}>{i.cn.name ?? i.cn.id}</Link> – <Link href={placeHref(i.foreign.id)}>{i.foreign.name ?? i.foreign.id}</Link>
                  </span>,
                  <span>
                    {item(i.cn.qid)} ↔ {item(i.foreign.qid)}
                  </span>,
                  i.start_date ?? '',
                  i.end_date ?? '',
                  num(i.lines.length / 2, lang),
                ])}
              />
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
