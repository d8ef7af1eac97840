// `/relationship/:id`: one tie — both places, kind, dates, status — with the rows and edits behind it
// (file:line), the conflicts between them, and its history from the audit log. Editors may correct or end it.
import { useState } from 'preact/hooks';
import { ApiError, reads, useLoad, type RelationshipDetail } from '../api';
import { useI18n } from '../i18n';
import { bothNames, formatDate } from '../format';
import { useAuth } from '../auth';
import { Country, ErrorBox, Loading, PlaceName, SourceCite } from '../components/common';
import { CorrectionNote, EditTable, TieStatus } from '../components/tie';
import { CorrectDateDialog, EndTieDialog, Notice, type TieRef } from '../components/EditForms';
import { Link } from '../router';
import { ConflictNote } from './Place';
import { useTitle } from './title';

function isUrl(s: string): boolean {
  return /^https?:\/\/\S+$/i.test(s);
}

export function RelationshipView({ id }: { id: number }) {
  const { t, tk } = useI18n();
  const auth = useAuth();
  const rel = useLoad(`relationship:${id}`, (s) => reads.relationship(id, s), auth.revision);
  const [dialog, setDialog] = useState<'date' | 'end' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const r = rel.state === 'ok' ? rel.data : null;
  const label = r ? `${r.cn ? bothNames(r.cn) : r.cn_place_id} — ${r.foreign ? bothNames(r.foreign) : r.foreign_place_id}` : `#${id}`;
  useTitle(r ? label : null);

  if (rel.state === 'loading') return <Loading />;
  if (rel.state === 'error') {
    if (rel.error instanceof ApiError && rel.error.status === 404)
      return (
        <section>
          <h1>
            {t('tieNotFound')}
            <code>{id}</code>
          </h1>
          <p>
            <Link href="/">{t('backHome')}</Link>
          </p>
        </section>
      );
    return <ErrorBox error={rel.error} />;
  }
  const d = rel.data as RelationshipDetail;
  const date = formatDate(d.start_date, d.start_precision);
  const signedIn = !!auth.token;
  const tie: TieRef = { id: d.id, version: d.version, kind: d.kind, start_date: d.start_date, start_precision: d.start_precision, label };
  const hasRefs = d.sources.some((s) => s.reference);

  return (
    <article class="relationship" data-relationship-id={d.id} data-status={d.status}>
      <p class="lead">
        {t('tie')} #{d.id}
      </p>
      <h1>
        <PlaceName place={d.cn ?? { id: d.cn_place_id, name_zh_hans: null, name_en: null }} link />
        <span aria-hidden="true"> — </span>
        <span class="visually-hidden"> {t('and')} </span>
        <PlaceName place={d.foreign ?? { id: d.foreign_place_id, name_zh_hans: null, name_en: null }} link />
      </h1>
      <dl class="facts-list">
        <dt>{t('cnSide')}</dt>
        <dd>
          <PlaceName place={d.cn ?? { id: d.cn_place_id, name_zh_hans: null, name_en: null }} link />
        </dd>
        <dt>{t('foreignSide')}</dt>
        <dd>
          <PlaceName place={d.foreign ?? { id: d.foreign_place_id, name_zh_hans: null, name_en: null }} link />{' '}
          {d.foreign?.country_iso2 ? (
            <>
              (<Country cc={d.foreign.country_iso2} />)
            </>
          ) : null}
        </dd>
        <dt>{t('kind')}</dt>
        <dd data-testid="tie-kind">
          {tk(`kind_${d.kind}`, d.kind)}
          <CorrectionNote field="kind" corrections={d.corrections} sources={d.sources} />
        </dd>
        <dt>{t('date')}</dt>
        <dd data-testid="tie-date">
          {date ? <time dateTime={date}>{date}</time> : <span class="muted">{t('dateUnknown')}</span>}
          <CorrectionNote field="start_date" corrections={d.corrections} sources={d.sources} />
        </dd>
        <dt>{t('status')}</dt>
        <dd data-testid="tie-status">
          <TieStatus tie={d} />
        </dd>
        <dt>{t('version')}</dt>
        <dd>{d.version}</dd>
      </dl>
      {signedIn ? (
        <div class="actions edit-actions" role="group" aria-label={t('editThisTie')}>
          <button type="button" class="button secondary" data-action="correct-date" onClick={() => setDialog('date')}>
            {t('correctDate')}
          </button>
          <button type="button" class="button secondary" data-action="end-tie" onClick={() => setDialog('end')}>
            {t('endTie')}
          </button>
        </div>
      ) : null}
      {notice ? <Notice onDismiss={() => setNotice(null)}>{notice}</Notice> : null}

      <section>
        <h2 id="tie-sources">{t('sources')}</h2>
        {d.sources.length ? (
          <div class="tablewrap">
            <table class="table stack" aria-labelledby="tie-sources">
              <thead>
                <tr>
                  <th scope="col">{t('source')}</th>
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('date')}</th>
                  <th scope="col">{t('kind')}</th>
                  <th scope="col">{t('note')}</th>
                  {hasRefs ? <th scope="col">{t('reference')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.sources.map((s, i) => (
                  <tr key={i}>
                    <td data-label={t('source')}>
                      <SourceCite s={s} long />
                    </td>
                    <td data-label={t('status')}>{s.status ? tk(`status_${s.status}`, s.status) : '—'}</td>
                    <td data-label={t('date')} class="date">
                      {s.date ?? <span class="muted">—</span>}
                    </td>
                    <td data-label={t('kind')}>{s.kind ? tk(`kind_${s.kind}`, s.kind) : '—'}</td>
                    <td data-label={t('note')}>{s.note ?? <span class="muted">—</span>}</td>
                    {hasRefs ? (
                      <td data-label={t('reference')}>
                        {s.reference ? (
                          isUrl(s.reference) ? (
                            <a href={s.reference} rel="noopener noreferrer external nofollow">
                              {s.reference}
                            </a>
                          ) : (
                            s.reference
                          )
                        ) : (
                          <span class="muted">—</span>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('none')}</p>
        )}
      </section>

      <section>
        <h2>{t('conflicts')}</h2>
        {d.conflicts.length ? d.conflicts.map((c, i) => <ConflictNote key={i} c={c} />) : <p class="muted">{t('none')}</p>}
      </section>

      <section>
        <h2 id="tie-history">{t('history')}</h2>
        {d.history.length ? <EditTable edits={d.history} showTarget={false} label={t('history')} /> : <p class="muted">{t('noHistory')}</p>}
      </section>

      {dialog === 'date' ? (
        <CorrectDateDialog
          tie={tie}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            setNotice(t('tieCorrected', { tie: label }));
          }}
        />
      ) : null}
      {dialog === 'end' ? (
        <EndTieDialog
          tie={tie}
          onClose={() => setDialog(null)}
          onDone={(x) => {
            setDialog(null);
            setNotice(t(x.status === 'suspended' ? 'tieSuspended' : 'tieEnded', { tie: label }));
          }}
        />
      ) : null}
    </article>
  );
}
