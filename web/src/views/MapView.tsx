// `/map?place=&country=&from=&to=&kind=`: great-circle arcs between partners, filtered by the URL.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { allRelationships, api, relationshipsDownload, useLoad, type RelFilter, type RelationshipItem } from '../api';
import { useI18n } from '../i18n';
import { countryName, formatDate, isolate } from '../format';
import { Country, ErrorBox, Loading, PlaceName, SourceRefs } from '../components/common';
import { navigate, useLocation } from '../router';
import { useMapModule } from '../map/lazy';
import type { Arc } from '../map/geo';
import { useTitle } from './title';

const KINDS = ['sister', 'cooperation', 'other'];
const W = 960;

export interface MapFilter {
  place: string;
  province: string;
  country: string;
  from: string;
  to: string;
  kind: string;
}

export function readFilter(q: URLSearchParams): MapFilter {
  const year = (v: string | null) => (v && /^\d{1,4}$/.test(v.trim()) ? v.trim() : '');
  const cc = q.get('country') ?? '';
  const kind = q.get('kind') ?? '';
  return {
    place: q.get('place') ?? '',
    province: /^cn:\d{2}0000$/.test(q.get('province') ?? '') ? q.get('province')! : '',
    country: /^[A-Za-z]{2}$/.test(cc) ? cc.toUpperCase() : '',
    from: year(q.get('from')),
    to: year(q.get('to')),
    kind: KINDS.includes(kind) ? kind : '',
  };
}

export function mapHref(f: Partial<MapFilter>): string {
  const q = new URLSearchParams();
  for (const k of ['place', 'province', 'country', 'from', 'to', 'kind'] as const) if (f[k]) q.set(k, f[k]!);
  const s = q.toString();
  return `/map${s ? `?${s}` : ''}`;
}

/** The API filter for a map filter: a Chinese place goes to the server, any other place is matched here. */
function apiFilter(f: MapFilter): RelFilter {
  return {
    cn: f.place.startsWith('cn:') ? f.place : undefined,
    province: f.province || undefined,
    country: f.country || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    kind: f.kind || undefined,
  };
}

function pairTitle(r: RelationshipItem, lang: 'zh' | 'en'): string {
  const n = (p: RelationshipItem['cn']) => isolate([p.name_zh_hans, p.name_en].filter(Boolean).join(' ') || p.id);
  const date = formatDate(r.start_date, r.start_precision);
  return `${n(r.cn)} — ${n(r.foreign)} (${countryName(r.foreign.country_iso2, lang)})${date ? ` ${date}` : ''}`;
}

function Filters({ f }: { f: MapFilter }) {
  const { t, tk, lang } = useI18n();
  const stats = useLoad('stats', (s) => api.stats(s));
  const place = useLoad(`place:${f.place}`, (s) => (f.place ? api.place(f.place, s) : Promise.resolve(null)));
  const province = useLoad(`place:${f.province}`, (s) => (f.province ? api.place(f.province, s) : Promise.resolve(null)));
  const [from, setFrom] = useState(f.from);
  const [to, setTo] = useState(f.to);
  useEffect(() => {
    // the URL changed under us (back button, a link): show its years
    setFrom(f.from);
    setTo(f.to);
  }, [f.from, f.to]);
  const go = (patch: Partial<MapFilter>) => navigate(mapHref({ ...f, from, to, ...patch }));
  const countries = stats.state === 'ok' ? stats.data.by_country.filter((r) => r.key) : [];
  if (f.country && !countries.some((c) => c.key === f.country)) countries.push({ key: f.country, count: 0 });
  const coll = new Intl.Collator(lang === 'zh' ? 'zh-Hans-u-co-pinyin' : 'en');
  countries.sort((a, b) => coll.compare(countryName(a.key, lang), countryName(b.key, lang)));

  return (
    <form
      class="filters"
      aria-label={t('filters')}
      onSubmit={(e) => {
        e.preventDefault();
        go({});
      }}
    >
      {f.place ? (
        <div class="field">
          <span class="field-label">{t('filterPlace')}</span>
          <span class="chip">
            {place.state === 'ok' && place.data ? <PlaceName place={place.data.place} link /> : <code>{f.place}</code>}
            <button type="button" class="chip-x" aria-label={t('removePlace')} onClick={() => go({ place: '' })}>
              ×
            </button>
          </span>
        </div>
      ) : null}
      {f.province ? (
        <div class="field">
          <span class="field-label">{t('filterProvince')}</span>
          <span class="chip">
            {province.state === 'ok' && province.data ? <PlaceName place={province.data.place} link /> : <code>{f.province}</code>}
            <button type="button" class="chip-x" aria-label={t('removeProvince')} onClick={() => go({ province: '' })}>
              ×
            </button>
          </span>
        </div>
      ) : null}
      <label class="field">
        <span class="field-label">{t('filterCountry')}</span>
        <select name="country" value={f.country} onChange={(e) => go({ country: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('all')}</option>
          {countries.map((c) => (
            <option key={c.key} value={c.key!}>
              {countryName(c.key, lang)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('filterKind')}</span>
        <select name="kind" value={f.kind} onChange={(e) => go({ kind: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('all')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {tk(`kind_${k}`, k)}
            </option>
          ))}
        </select>
      </label>
      <label class="field field-year">
        <span class="field-label">{t('filterFrom')}</span>
        <input name="from" type="number" inputMode="numeric" min={1900} max={2100} value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
      </label>
      <label class="field field-year">
        <span class="field-label">{t('filterTo')}</span>
        <input name="to" type="number" inputMode="numeric" min={1900} max={2100} value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
      </label>
      <div class="field field-buttons">
        <button type="submit">{t('apply')}</button>
        <button type="button" class="secondary" onClick={() => navigate('/map')}>
          {t('clear')}
        </button>
      </div>
    </form>
  );
}

export function MapView() {
  const { t, lang } = useI18n();
  useTitle(t('mapTitle'));
  const loc = useLocation();
  const f = readFilter(loc.query);
  const filter = apiFilter(f);
  const key = JSON.stringify(filter);
  const rels = useLoad(`map:${key}`, (s) => allRelationships(filter, s));
  const m = useMapModule();
  const [hover, setHover] = useState<Arc | null>(null);

  const items = useMemo(() => {
    if (rels.state !== 'ok') return [];
    return f.place && !f.place.startsWith('cn:') ? rels.data.filter((r) => r.foreign.id === f.place || r.cn.id === f.place) : rels.data;
  }, [rels, f.place]);

  const arcs = useMemo<Arc[]>(() => {
    const out: Arc[] = [];
    for (const r of items) {
      if (r.cn.lat == null || r.cn.lon == null || r.foreign.lat == null || r.foreign.lon == null) continue;
      out.push({ key: String(r.id), a: [r.cn.lon, r.cn.lat], b: [r.foreign.lon, r.foreign.lat], kind: r.kind, status: r.status, title: pairTitle(r, lang) });
    }
    return out;
  }, [items, lang]);

  return (
    <section class="mapview">
      <h1>{t('mapTitle')}</h1>
      <p class="lead">{t('mapIntro')}</p>
      <Filters f={f} />
      {rels.state === 'error' ? <ErrorBox error={rels.error} /> : null}
      {rels.state === 'ok' ? (
        <p class="arc-count" data-testid="arc-count" data-count={arcs.length} role="status">
          {t('arcsShown', { n: arcs.length, total: items.length, missing: items.length - arcs.length })}
        </p>
      ) : (
        <Loading />
      )}
      <div class="legend" aria-hidden="true">
        {KINDS.map((k) => (
          <span key={k} class={`legend-item legend-${k}`}>
            {t(`kind_${k}` as 'kind_sister')}
          </span>
        ))}
      </div>
      <figure class="bigmap">
        {m && rels.state === 'ok' ? (
          <m.WorldMap width={W} height={m.heightFor(W)} center={150} arcs={arcs} label={t('worldMap')} onHover={setHover} />
        ) : (
          <div class="map-placeholder">{t('mapLoading')}</div>
        )}
        <figcaption class="hover-info" aria-live="polite">
          {hover ? hover.title : '\u00a0'}
        </figcaption>
      </figure>
      <p class="downloads">
        {t('downloads')}:{' '}
        {(['csv', 'jsonl', 'geojson'] as const).map((fmt, i) => (
          <span key={fmt}>
            {i ? ' · ' : ''}
            <a href={relationshipsDownload(filter, fmt)} download>
              {fmt.toUpperCase()}
            </a>
          </span>
        ))}
      </p>
      {items.length ? (
        <details class="tie-list">
          <summary>
            {t('allTies')} ({items.length})
          </summary>
          <TieTable items={items.slice(0, 1000)} />
        </details>
      ) : null}
    </section>
  );
}

export function TieTable({ items }: { items: RelationshipItem[] }) {
  const { t, tk } = useI18n();
  return (
    <div class="tablewrap">
      <table class="table stack titled ties">
        <thead>
          <tr>
            <th scope="col">{t('cnSide')}</th>
            <th scope="col">{t('foreignSide')}</th>
            <th scope="col">{t('country')}</th>
            <th scope="col">{t('kind')}</th>
            <th scope="col">{t('date')}</th>
            <th scope="col">{t('sources')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => {
            const date = formatDate(r.start_date, r.start_precision);
            return (
              <tr key={r.id} data-status={r.status}>
                <td data-label={t('cnSide')}>
                  <PlaceName place={r.cn} link />
                </td>
                <td data-label={t('foreignSide')}>
                  <PlaceName place={r.foreign} link />
                  {r.status === 'doubtful' ? <span class="badge badge-doubtful">{tk('status_doubtful', 'doubtful')}</span> : null}
                </td>
                <td data-label={t('country')}>
                  <Country cc={r.foreign.country_iso2} />
                </td>
                <td data-label={t('kind')}>{tk(`kind_${r.kind}`, r.kind)}</td>
                <td data-label={t('date')}>{date ?? <span class="muted">{t('dateUnknown')}</span>}</td>
                <td data-label={t('sources')}>
                  <SourceRefs sources={r.sources} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
