// `/map?place=&country=&from=&to=&kind=`: great-circle arcs between partners, filtered by the URL.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { allRelationships, api, relationshipsDownload, useLoad, type RelFilter, type RelationshipItem } from '../api';
import { useI18n } from '../i18n';
import { countryName, formatDate, isolate } from '../format';
import { Country, ErrorBox, Loading, PlaceName, SourceRefs } from '../components/common';
import { navigate, placeHref, relationshipHref, useLocation } from '../router';
import { useMapModule } from '../map/lazy';
import type { Arc, Point, WorldMap } from '../map/geo';
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
  /** A type of source (official list, encyclopedia, dataset, edit): ties that such a source lists. */
  source: string;
}

export const SOURCE_TYPES = ['official list', 'encyclopedia', 'dataset', 'edit'];

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
    source: SOURCE_TYPES.includes(q.get('source') ?? '') ? q.get('source')! : '',
  };
}

export function mapHref(f: Partial<MapFilter>): string {
  const q = new URLSearchParams();
  for (const k of ['place', 'province', 'country', 'from', 'to', 'kind', 'source'] as const) if (f[k]) q.set(k, f[k]!);
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
    source_type: f.source || undefined,
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
  if (f.country && !countries.some((c) => c.key === f.country)) countries.push({ key: f.country, count: 0, name_zh: null, name_en: null });
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
      <label class="field">
        <span class="field-label">{t('filterSource')}</span>
        <select name="source" value={f.source} onChange={(e) => go({ source: (e.target as HTMLSelectElement).value })}>
          <option value="">{t('all')}</option>
          {SOURCE_TYPES.map((k) => (
            <option key={k} value={k}>
              {tk(`source_${k.replace(' ', '_')}`, k)}
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

/** The years of the filter the wrong way round (from after to), or null. */
export function invertedYears(f: MapFilter): { from: string; to: string } | null {
  return f.from && f.to && Number(f.from) > Number(f.to) ? { from: f.from, to: f.to } : null;
}

function MapControls({ map }: { map: { current: WorldMap | null } }) {
  const { t } = useI18n();
  const PAN = 120;
  const buttons: Array<[string, string, string, () => void]> = [
    ['zoom-in', '+', t('zoomIn'), () => map.current?.zoomBy(1.5)],
    ['zoom-out', '−', t('zoomOut'), () => map.current?.zoomBy(1 / 1.5)],
    ['zoom-reset', '⤢', t('zoomReset'), () => map.current?.reset()],
    ['pan-left', '←', t('panLeft'), () => map.current?.panBy(PAN, 0)],
    ['pan-right', '→', t('panRight'), () => map.current?.panBy(-PAN, 0)],
    ['pan-up', '↑', t('panUp'), () => map.current?.panBy(0, PAN)],
    ['pan-down', '↓', t('panDown'), () => map.current?.panBy(0, -PAN)],
  ];
  return (
    <div class="map-controls" role="group" aria-label={t('mapControls')}>
      {buttons.map(([id, sym, label, go]) => (
        <button key={id} type="button" class="map-button" data-action={id} aria-label={label} title={label} onClick={go}>
          <span aria-hidden="true">{sym}</span>
        </button>
      ))}
    </div>
  );
}

export function MapView() {
  const { t, lang } = useI18n();
  useTitle(t('mapTitle'));
  const loc = useLocation();
  const f = readFilter(loc.query);
  const inverted = invertedYears(f);
  const filter = apiFilter(f);
  const key = inverted ? 'inverted' : JSON.stringify(filter);
  // an inverted range asks the server nothing: it would only answer that no tie falls in it
  const rels = useLoad(`map:${key}`, (s) => (inverted ? Promise.resolve([] as RelationshipItem[]) : allRelationships(filter, s)));
  const m = useMapModule();
  const [hover, setHover] = useState<Arc | null>(null);
  const mapRef = useRef<WorldMap | null>(null);

  const items = useMemo(() => {
    if (rels.state !== 'ok') return [];
    return f.place && !f.place.startsWith('cn:') ? rels.data.filter((r) => r.foreign.id === f.place || r.cn.id === f.place) : rels.data;
  }, [rels, f.place]);

  const arcs = useMemo<Arc[]>(() => {
    const out: Arc[] = [];
    for (const r of items) {
      if (r.cn.lat == null || r.cn.lon == null || r.foreign.lat == null || r.foreign.lon == null) continue;
      out.push({
        key: String(r.id),
        a: [r.cn.lon, r.cn.lat],
        b: [r.foreign.lon, r.foreign.lat],
        kind: r.kind,
        status: r.status,
        title: pairTitle(r, lang),
        href: relationshipHref(r.id),
      });
    }
    return out;
  }, [items, lang]);

  // every place at an end of an arc, once, with how many of the arcs it has
  const points = useMemo<Point[]>(() => {
    const by = new Map<string, { p: RelationshipItem['cn']; n: number }>();
    for (const r of items)
      for (const p of [r.cn, r.foreign]) {
        if (p.lat == null || p.lon == null) continue;
        const e = by.get(p.id) ?? { p, n: 0 };
        e.n++;
        by.set(p.id, e);
      }
    return [...by.values()].map(({ p, n }) => ({
      key: p.id,
      at: [p.lon!, p.lat!] as [number, number],
      title: t('tiesOfPlace', { name: isolate([p.name_zh_hans, p.name_en].filter(Boolean).join(' ') || p.id), n }),
      href: placeHref(p.id),
    }));
  }, [items, lang]);

  return (
    <section class="mapview">
      <h1>{t('mapTitle')}</h1>
      <p class="lead">{t('mapIntro')}</p>
      <Filters f={f} />
      {inverted ? (
        <p class="error" role="alert" data-testid="years-inverted">
          {t('yearsInverted', inverted)}{' '}
          <button type="button" class="button secondary small" onClick={() => navigate(mapHref({ ...f, from: inverted.to, to: inverted.from }))}>
            {t('swapYears')}
          </button>
        </p>
      ) : null}
      {rels.state === 'error' ? <ErrorBox error={rels.error} /> : null}
      {rels.state === 'ok' ? (
        <p class="arc-count" data-testid="arc-count" data-count={arcs.length} role="status">
          {t('arcsShown', { n: arcs.length, total: items.length, missing: items.length - arcs.length })}
        </p>
      ) : rels.state === 'loading' ? (
        <Loading />
      ) : null}
      <div class="legend" data-testid="map-legend">
        {KINDS.map((k) => (
          <span key={k} class={`legend-item legend-${k}`}>
            {t(`kind_${k}` as 'kind_sister')}
          </span>
        ))}
        <span class="legend-item legend-doubtful">{t('legendDoubtful')}</span>
        <span class="legend-item legend-city">{t('legendCity')}</span>
      </div>
      <p id="map-keys" class="muted map-keys">
        {t('mapKeys')}
      </p>
      <figure class="bigmap">
        {m && rels.state === 'ok' ? (
          <>
            <MapControls map={mapRef} />
            <m.WorldMap
              control={mapRef}
              width={W}
              height={m.heightFor(W)}
              center={150}
              arcs={arcs}
              points={points}
              label={t('worldMap')}
              onHover={setHover}
              interactive
              describedBy="map-keys"
            />
          </>
        ) : (
          <div class="map-placeholder">{t('mapLoading')}</div>
        )}
        <figcaption class="hover-info" aria-live="polite" data-testid="hover-info">
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
