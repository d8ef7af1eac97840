// What the country and province pages share: counts and top partners of a set of ties.
import type { ComponentChildren } from 'preact';
import type { RelationshipItem } from '../api';
import { useI18n } from '../i18n';
import { countryName, num } from '../format';
import { BarList, PlaceName, Stat } from '../components/common';
import { Link, countryHref } from '../router';
import { topBy } from './Home';
import { TieTable } from './MapView';

export function TiesSummary({ items, side, mapLink, extra }: { items: RelationshipItem[]; side: 'country' | 'province'; mapLink: string; extra?: ComponentChildren }) {
  const { t, tk, lang } = useI18n();
  const listed = items.filter((r) => r.status === 'listed').length;
  const doubtful = items.filter((r) => r.status === 'doubtful').length;
  const cn = new Map(items.map((r) => [r.cn.id, r.cn]));
  const foreign = new Map(items.map((r) => [r.foreign.id, r.foreign]));
  const kinds = topBy(items, (r) => r.kind, 5);
  return (
    <>
      <div class="stats" data-testid="totals">
        <Stat label={t('totRelationships')} value={num(items.length, lang)} testid="ties-count" />
        <Stat label={t('totListed')} value={num(listed, lang)} />
        <Stat label={t('totDoubtful')} value={num(doubtful, lang)} />
        <Stat label={t('distinctCn')} value={num(cn.size, lang)} />
        <Stat label={t('distinctForeign')} value={num(foreign.size, lang)} />
      </div>
      <p class="actions">
        <Link class="button" href={mapLink}>
          {t('seeMap')}
        </Link>
        {extra}
      </p>
      <div class="grid3">
        <section>
          <h2>{t('topCnPartners')}</h2>
          <BarList
            label={t('topCnPartners')}
            items={topBy(items, (r) => r.cn.id, 12).map(({ key, count }) => ({ key, count, label: <PlaceName place={cn.get(key)!} link /> }))}
          />
        </section>
        {side === 'province' ? (
          <section>
            <h2>{t('topForeignCountries')}</h2>
            <BarList
              label={t('topForeignCountries')}
              items={topBy(items, (r) => r.foreign.country_iso2, 12).map(({ key, count }) => ({
                key,
                count,
                label: <Link href={countryHref(key)}>{countryName(key, lang)}</Link>,
              }))}
            />
          </section>
        ) : null}
        <section>
          <h2>{t('topForeignPartners')}</h2>
          <BarList
            label={t('topForeignPartners')}
            items={topBy(items, (r) => r.foreign.id, 12).map(({ key, count }) => ({ key, count, label: <PlaceName place={foreign.get(key)!} link /> }))}
          />
        </section>
        <section>
          <h2>{t('byKind')}</h2>
          <BarList label={t('byKind')} items={kinds.map(({ key, count }) => ({ key, count, label: tk(`kind_${key}`, key) }))} />
        </section>
      </div>
      <section>
        <h2>{t('allTies')}</h2>
        <TieTable items={items} />
      </section>
    </>
  );
}
