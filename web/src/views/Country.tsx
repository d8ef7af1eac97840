// `/country/:cc`: the ties of one foreign country.
import { allRelationships, relationshipsDownload, useLoad } from '../api';
import { useI18n } from '../i18n';
import { countryName } from '../format';
import { Loaded } from '../components/common';
import { TiesSummary } from './Ties';
import { useTitle } from './title';

export function CountryView({ cc }: { cc: string }) {
  const { t, lang } = useI18n();
  const zh = countryName(cc, 'zh');
  const en = countryName(cc, 'en');
  const name = lang === 'zh' ? zh : en;
  useTitle(t('countryTitle', { name }));
  const rels = useLoad(`country:${cc}`, (s) => allRelationships({ country: cc }, s));
  return (
    <section class="country">
      <h1>
        {t('countryTitle', { name })}{' '}
        <span class="muted">
          {lang === 'zh' ? en : zh} · {cc}
        </span>
      </h1>
      <Loaded value={rels}>
        {(items) => (
          <TiesSummary
            items={items}
            side="country"
            mapLink={`/map?country=${encodeURIComponent(cc)}`}
            extra={
              <a class="button secondary" href={relationshipsDownload({ country: cc }, 'csv')} download>
                CSV
              </a>
            }
          />
        )}
      </Loaded>
    </section>
  );
}
