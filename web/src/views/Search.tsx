// `/search?q=`: every place whose names match, in any script or pinyin.
import { api, useLoad } from '../api';
import { useI18n } from '../i18n';
import { countryName } from '../format';
import { Loaded, PlaceName } from '../components/common';
import { useTitle } from './title';

export function SearchView({ q }: { q: string }) {
  const { t, tk, lang } = useI18n();
  const query = q.trim();
  useTitle(query ? `${t('searchResultsFor')}${query}` : t('searchButton'));
  const res = useLoad(`search:${query}`, (s) => (query ? api.search(query, 100, s) : Promise.resolve({ query: '', results: [] })));
  return (
    <section>
      <h1>
        {t('searchResultsFor')}
        {query ? <q>{query}</q> : null}
      </h1>
      {!query ? (
        <p>{t('searchEmpty')}</p>
      ) : (
        <Loaded value={res}>
          {(r) =>
            r.results.length === 0 ? (
              <p>{t('noResults')}</p>
            ) : (
              <ul class="results">
                {r.results.map((p) => (
                  <li key={p.id}>
                    <PlaceName place={p} link />
                    <span class="muted">
                      {' · '}
                      {[
                        p.is_chinese ? null : countryName(p.country_iso2, lang),
                        tk(`level_${p.admin_level}`, p.admin_level ?? ''),
                        t(p.partners === 1 ? 'partnersOne' : 'partnersN', { n: p.partners }),
                        p.matched && p.matched !== p.name_zh_hans && p.matched !== p.name_en ? `${t('matchedBy')}: ${p.matched}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      )}
    </section>
  );
}
