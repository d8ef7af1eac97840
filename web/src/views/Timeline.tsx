// `/timeline`: ties established per year, stacked by kind and by the partner's continent.
import { useMemo } from 'preact/hooks';
import { allRelationships, api, useLoad } from '../api';
import { useI18n } from '../i18n';
import { yearOf } from '../format';
import { CONTINENTS, continentOf } from '../continents';
import { Loaded } from '../components/common';
import { StackedBars, type YearCounts } from '../components/StackedBars';
import { useTitle } from './title';

const KINDS = ['sister', 'cooperation', 'other'];

function ByContinent() {
  const { t, tk } = useI18n();
  const rels = useLoad('all', (s) => allRelationships({}, s));
  const rows = useMemo<YearCounts[]>(() => {
    if (rels.state !== 'ok') return [];
    const m = new Map<number, Record<string, number>>();
    for (const r of rels.data) {
      const y = yearOf(r.start_date);
      if (y === null) continue;
      const c = continentOf(r.foreign.country_iso2) ?? 'unknown';
      const v = m.get(y) ?? {};
      v[c] = (v[c] ?? 0) + 1;
      m.set(y, v);
    }
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([year, values]) => ({ year, values }));
  }, [rels]);
  const series = [...CONTINENTS, 'unknown']
    .filter((c) => rows.some((r) => r.values[c]))
    .map((c) => ({ key: c, label: tk(`continent_${c}`, c) }));
  return <Loaded value={rels}>{() => <StackedBars id="continent" rows={rows} series={series} label={`${t('timelineTitle')} — ${t('timelineByContinent')}`} />}</Loaded>;
}

export function TimelineView() {
  const { t, tk } = useI18n();
  useTitle(t('navTimeline'));
  const stats = useLoad('stats', (s) => api.stats(s));
  return (
    <section class="timeline">
      <h1>{t('timelineTitle')}</h1>
      <Loaded value={stats}>
        {(s) => {
          const rows: YearCounts[] = s.by_year
            .filter((r) => r.year !== null && r.year !== undefined)
            .map((r) => ({ year: Number(r.year), values: { sister: Number(r.sister ?? 0), cooperation: Number(r.cooperation ?? 0), other: Number(r.other ?? 0) } }));
          const dated = rows.reduce((n, r) => n + r.values.sister + r.values.cooperation + r.values.other, 0);
          const undated = Math.max(0, (s.totals.relationships ?? dated) - dated);
          return (
            <>
              <h2>{t('timelineByKind')}</h2>
              <StackedBars id="kind" rows={rows} series={KINDS.map((k) => ({ key: k, label: tk(`kind_${k}`, k) }))} label={`${t('timelineTitle')} — ${t('timelineByKind')}`} />
              {undated ? <p class="muted">{t('undated', { n: undated })}</p> : null}
            </>
          );
        }}
      </Loaded>
      <h2>{t('timelineByContinent')}</h2>
      <ByContinent />
    </section>
  );
}
