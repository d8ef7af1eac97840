// `/`: what the registry holds — totals, top partner countries, top provinces and Chinese places.
import { allRelationships, api, useLoad, type RelationshipItem, type Stats } from '../api';
import { useI18n } from '../i18n';
import { countryName, num } from '../format';
import { BarList, Loaded, PlaceName, Stat } from '../components/common';
import { Link, countryHref, provinceHref } from '../router';
import { continentFromWord } from '../continents';
import { useTitle } from './title';

export function topBy<K>(items: RelationshipItem[], key: (r: RelationshipItem) => K | null, n: number): Array<{ key: K; count: number }> {
  const m = new Map<K, number>();
  for (const r of items) {
    const k = key(r);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, n);
}

function TopCnPlaces() {
  const { t } = useI18n();
  const rels = useLoad('all', (s) => allRelationships({}, s));
  return (
    <Loaded value={rels}>
      {(items) => {
        const byId = new Map(items.map((r) => [r.cn.id, r.cn]));
        return (
          <BarList
            label={t('topCnPlaces')}
            items={topBy(items, (r) => r.cn.id, 12).map(({ key, count }) => ({
              key,
              count,
              label: <PlaceName place={byId.get(key)!} link />,
            }))}
          />
        );
      }}
    </Loaded>
  );
}

function Overview({ s }: { s: Stats }) {
  const { t, tk, lang } = useI18n();
  const tot = s.totals;
  return (
    <>
      <div class="stats" data-testid="totals">
        <Stat label={t('totRelationships')} value={num(tot.relationships, lang)} testid="total-relationships" />
        <Stat label={t('totListed')} value={num(tot.listed, lang)} />
        <Stat label={t('totDoubtful')} value={num(tot.doubtful, lang)} />
        <Stat label={t('totPlaces')} value={num(tot.places, lang)} />
        <Stat label={t('totSources')} value={<Link href="/sources">{num(tot.sources ?? tot.documents, lang)}</Link>} testid="total-sources" />
        {tot.edits ? <Stat label={t('totEdits')} value={<Link href="/edits">{num(tot.edits, lang)}</Link>} testid="total-edits" /> : null}
        <Stat label={t('totConflicts')} value={num(tot.conflicts, lang)} />
      </div>
      <div class="grid3">
        <section>
          <h2>{t('topCountries')}</h2>
          <BarList
            label={t('topCountries')}
            items={s.by_country.slice(0, 12).map((r) => ({
              key: r.key ?? '?',
              count: r.count,
              label: r.key ? <Link href={countryHref(r.key)}>{countryName(r.key, lang)}</Link> : t('unknown'),
            }))}
          />
        </section>
        <section>
          <h2>{t('topCnPlaces')}</h2>
          <TopCnPlaces />
        </section>
        <section>
          <h2>{t('topProvinces')}</h2>
          <BarList
            label={t('topProvinces')}
            items={s.by_province.slice(0, 12).map((r) => ({
              key: r.key ?? '?',
              count: r.count,
              label: r.key ? (
                <Link href={provinceHref(r.key)}>
                  <PlaceName place={{ id: r.key, name_zh_hans: r.name_zh_hans, name_en: r.name_en }} />
                </Link>
              ) : (
                t('unknown')
              ),
            }))}
          />
        </section>
      </div>
      <div class="grid3">
        <section>
          <h2>{t('byKind')}</h2>
          <BarList
            label={t('byKind')}
            items={s.by_kind.map((r) => ({ key: r.key ?? '?', count: r.count, label: tk(`kind_${r.key}`, r.key ?? t('unknown')) }))}
          />
        </section>
        <section>
          <h2>{t('byContinent')}</h2>
          <BarList
            label={t('byContinent')}
            items={s.by_continent.map((r) => {
              const c = continentFromWord(r.key);
              return { key: r.key ?? '?', count: r.count, label: c ? tk(`continent_${c}`, r.key ?? '') : t('continent_unknown') };
            })}
          />
        </section>
        <section>
          <h2>{t('byLevel')}</h2>
          <BarList
            label={t('byLevel')}
            items={s.by_level.map((r) => ({ key: r.key ?? '?', count: r.count, label: tk(`level_${r.key}`, r.key ?? t('unknown')) }))}
          />
        </section>
      </div>
    </>
  );
}

export function Home() {
  const { t } = useI18n();
  useTitle(null);
  const stats = useLoad('stats', (s) => api.stats(s));
  return (
    <section class="home">
      <h1>
        <span lang="zh-Hans">友城</span> <span class="muted">{t('tagline')}</span>
      </h1>
      <p class="lead">{t('homeIntro')}</p>
      <p class="actions">
        <Link class="button" href="/map">
          {t('seeMap')}
        </Link>
        <Link class="button" href="/timeline">
          {t('seeTimeline')}
        </Link>
        <Link class="button" href="/quality">
          {t('navQuality')}
        </Link>
      </p>
      <h2 class="visually-hidden">{t('overview')}</h2>
      <Loaded value={stats}>{(s) => <Overview s={s} />}</Loaded>
    </section>
  );
}
