// `/province/:id`: the ties of the places in one Chinese province-level division.
import { allRelationships, api, relationshipsDownload, useLoad } from '../api';
import { useI18n } from '../i18n';
import { Loaded, PlaceName } from '../components/common';
import { Link, placeHref } from '../router';
import { TiesSummary } from './Ties';
import { useTitle } from './title';

export function ProvinceView({ id }: { id: string }) {
  const { t } = useI18n();
  const place = useLoad(`place:${id}`, (s) => api.place(id, s));
  const rels = useLoad(`province:${id}`, (s) => allRelationships({ province: id }, s));
  const p = place.state === 'ok' ? place.data.place : null;
  const name = p ? (p.name_zh_hans ?? p.name_en ?? id) : id;
  useTitle(t('provinceTitle', { name }));
  return (
    <section class="province">
      <h1>{p ? <PlaceName place={p} /> : id}</h1>
      <p class="lead">{t('provinceLead')}</p>
      <Loaded value={rels}>
        {(items) => (
          <TiesSummary
            items={items}
            side="province"
            mapLink={`/map?province=${encodeURIComponent(id)}`}
            extra={
              <>
                <Link class="button secondary" href={placeHref(id)}>
                  {t('placePage')}
                </Link>
                <a class="button secondary" href={relationshipsDownload({ province: id }, 'csv')} download>
                  CSV
                </a>
              </>
            }
          />
        )}
      </Loaded>
    </section>
  );
}
