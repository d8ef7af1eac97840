// `/quality`: the reconciliation report — declared totals ✓/✗, unresolved names with candidates,
// conflicts between sources, ambiguous names, ties only doubtful rows support.
import type { ComponentChildren } from 'preact';
import { api, useLoad, type DocumentCheck, type Quality, type TotalCheck } from '../api';
import { useI18n, type I18n } from '../i18n';
import { countryName, num } from '../format';
import { Badge, Loaded, SourceRefs, Stat } from '../components/common';
import { Link, placeHref } from '../router';
import { useTitle } from './title';

type Unresolved = Quality['reconciliation']['unresolved'][number];

const REASON_KEYS = {
  not_in_gazetteer: 'reason_not_in_gazetteer',
  other_level: 'reason_other_level',
  ambiguous: 'reason_ambiguous',
  not_inside_parent: 'reason_not_inside_parent',
  no_country_ambiguous: 'reason_no_country_ambiguous',
  no_country_unknown: 'reason_no_country_unknown',
} as const;

/** Why a name stayed unresolved, in the interface's language; the API's English text for a code not known here. */
export function unresolvedReason(u: Unresolved, { t, tk, lang }: I18n): string {
  const code = u.reason_code;
  const key = code && Object.hasOwn(REASON_KEYS, code) ? REASON_KEYS[code as keyof typeof REASON_KEYS] : null;
  if (!key) return u.reason;
  const p = u.reason_params ?? {};
  const country = p.country ? countryName(p.country, lang) : '';
  const level = p.level ? tk(`level_${p.level}`, p.level) : '';
  return t(key, {
    name: p.name ?? u.name ?? '',
    where: country ? (lang === 'zh' ? `${country}的` : ` in ${country}`) : '',
    n: p.count ?? '',
    level: lang === 'en' ? level.toLowerCase() : level,
    parent: p.parent ?? '',
    rest: p.rest ?? '',
  });
}

function Counts({ c }: { c: { countries: number | null; places: number | null } }) {
  const { t } = useI18n();
  const parts = [c.countries != null ? t('countriesN', { n: c.countries }) : null, c.places != null ? t('placesN', { n: c.places }) : null].filter(Boolean);
  return <>{parts.length ? parts.join(' · ') : '—'}</>;
}

export function TotalsTable({ totals }: { totals: TotalCheck[] }) {
  const { t } = useI18n();
  return (
    <div class="tablewrap">
      <table class="table stack">
        <thead>
          <tr>
            <th scope="col">{t('line')}</th>
            <th scope="col">{t('section')}</th>
            <th scope="col">{t('statement')}</th>
            <th scope="col">{t('declared')}</th>
            <th scope="col">{t('read')}</th>
            <th scope="col">{t('inRegistry')}</th>
            <th scope="col">✓/✗</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((x, i) => (
            <tr key={i} data-ok={x.ok ? 'true' : 'false'}>
              <td data-label={t('line')}>{x.line ?? '—'}</td>
              <td data-label={t('section')}>{x.section ?? '—'}</td>
              <td data-label={t('statement')}>
                <q>{x.text}</q>
              </td>
              <td data-label={t('declared')}>
                <Counts c={x.declared} />
              </td>
              <td data-label={t('read')}>
                <Counts c={x.rows} />
              </td>
              <td data-label={t('inRegistry')}>
                <Counts c={x.registry} />
              </td>
              <td data-label="✓/✗">
                {x.ok ? (
                  <Badge kind="ok">✓ {t('ok')}</Badge>
                ) : (
                  <Badge kind="bad">✗ {t('mismatch')}</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DocumentSection({ d }: { d: DocumentCheck }) {
  const { t } = useI18n();
  const bad = d.totals.filter((x) => !x.ok).length;
  return (
    <section class="doc">
      <h3>
        <code>{d.source}</code>{' '}
        <span class="muted">
          {t('version')} {d.version} · {d.format}
          {d.owner ? (
            <>
              {` · ${t('owner')}: `}
              <bdi>{d.owner}</bdi>
            </>
          ) : null}
        </span>
      </h3>
      <dl class="inline-stats">
        <div>
          <dt>{t('rows')}</dt>
          <dd>{d.rows}</dd>
        </div>
        <div>
          <dt>{t('totListed')}</dt>
          <dd>{d.listed}</dd>
        </div>
        <div>
          <dt>{t('totDoubtful')}</dt>
          <dd>{d.doubtful}</dd>
        </div>
        <div>
          <dt>{t('skipped')}</dt>
          <dd>{d.skipped}</dd>
        </div>
        <div>
          <dt>{t('errors')}</dt>
          <dd>{d.errors}</dd>
        </div>
        <div>
          <dt>{t('warnings')}</dt>
          <dd>{d.warnings}</dd>
        </div>
        <div>
          <dt>{t('declaredTotals')}</dt>
          <dd>{d.totals.length ? (bad ? <Badge kind="bad">✗ {bad}</Badge> : <Badge kind="ok">✓</Badge>) : '—'}</dd>
        </div>
      </dl>
      {d.totals.length ? <TotalsTable totals={d.totals} /> : null}
      {d.doubtfulRows?.length ? (
        <details>
          <summary>
            {t('doubtfulRows')} ({d.doubtfulRows.length})
          </summary>
          <ul class="plain">
            {d.doubtfulRows.map((r, i) => (
              <li key={i}>
                <SourceRefs sources={[{ source: d.source, line: r.line }]} /> {r.section ? <span class="muted"><bdi>{r.section}</bdi> · </span> : null}
                <bdi>{r.place ?? '—'}</bdi> {r.note ? <q>{r.note}</q> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {d.messages?.length ? (
        <details>
          <summary>
            {t('messages')} ({d.messages.length})
          </summary>
          <ul class="plain messages">
            {d.messages.map((m, i) => (
              <li key={i} class={`msg-${m.severity}`}>
                <span class="sev">{m.severity}</span> <SourceRefs sources={[{ source: d.source, line: m.line }]} /> {m.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function Block({ title, n, children }: { title: string; n: number; children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <section>
      <h3>
        {title} <span class="count-pill">{n}</span>
      </h3>
      {n ? children : <p class="muted">{t('none')}</p>}
    </section>
  );
}

function Report({ q }: { q: Quality }) {
  const i18n = useI18n();
  const { t, tk, lang } = i18n;
  const r = q.reconciliation;
  const pct = (a: number, b: number) => (b ? ` (${Math.round((100 * a) / b)}%)` : '');
  return (
    <>
      <h2>{t('documents')}</h2>
      {q.documents.map((d) => (
        <DocumentSection key={`${d.source}@${d.version}`} d={d} />
      ))}

      <h2>{t('reconciliation')}</h2>
      <div class="stats">
        <Stat label={t('resolvedPlaces')} value={`${num(r.resolvedPlaces, lang)} / ${num(r.places, lang)}${pct(r.resolvedPlaces, r.places)}`} />
        <Stat label={t('foreignResolved')} value={`${num(r.foreignSidesResolved, lang)} / ${num(r.foreignSides, lang)}${pct(r.foreignSidesResolved, r.foreignSides)}`} />
        <Stat label={t('cnResolved')} value={`${num(r.cnSidesResolved, lang)} / ${num(r.cnSides, lang)}${pct(r.cnSidesResolved, r.cnSides)}`} />
        {q.wikidata && <Stat testid="quality-wikidata" label={t('wikidataMatched')} value={`${num(q.wikidata.matched, lang)} / ${num(q.wikidata.held, lang)}${pct(q.wikidata.matched, q.wikidata.held)}`} />}
      </div>

      <Block title={t('unresolvedNames')} n={r.unresolved.length}>
        <div class="tablewrap">
          <table class="table stack" data-testid="unresolved">
            <thead>
              <tr>
                <th scope="col">{t('source')}</th>
                <th scope="col">{t('name')}</th>
                <th scope="col">{t('country')}</th>
                <th scope="col">{t('reason')}</th>
                <th scope="col">{t('candidates')}</th>
              </tr>
            </thead>
            <tbody>
              {r.unresolved.map((u, i) => (
                <tr key={i}>
                  <td data-label={t('source')}>
                    <SourceRefs sources={[u]} />
                  </td>
                  <td data-label={t('name')}>
                    <bdi>{u.name}</bdi> <span class="muted">({u.side === 'cn' ? t('cnSide') : t('foreignSide')})</span>
                  </td>
                  <td data-label={t('country')}>{u.country ? countryName(u.country, lang) : '—'}</td>
                  <td data-label={t('reason')} data-reason-code={u.reason_code ?? undefined}>
                    {unresolvedReason(u, i18n)}
                  </td>
                  <td data-label={t('candidates')}>
                    {u.candidates.length ? (
                      <ul class="plain">
                        {u.candidates.map((c) => (
                          <li key={c.id}>
                            <Link href={placeHref(c.id)}>
                              <bdi>{c.name}</bdi>
                            </Link>{' '}
                            <span class="muted candidate-facts">
                              {c.admin1 ? (
                                <>
                                  <bdi>{c.admin1}</bdi>
                                  {', '}
                                </>
                              ) : null}
                              {countryName(c.country, lang)} · {tk(`level_${c.level}`, c.level)}
                              {c.population ? ` · ${t('populationN', { n: num(c.population, lang) })}` : ''} · <code>{c.id}</code> ·{' '}
                              {tk(`why_${c.why.replace(/\W+/g, '_')}`, c.why)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span class="muted">{t('noCandidates')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Block>

      <Block title={t('conflicts')} n={r.conflicts.length}>
        <ul class="plain">
          {r.conflicts.map((c, i) => (
            <li key={i}>
              <Badge kind="conflict">{t('conflict')}</Badge> <bdi>{c.cn}</bdi> — <bdi>{c.foreign}</bdi> · {tk(`field_${c.field}`, c.field)}:{' '}
              {(c.values ?? []).map((v, j) => (
                <span key={j}>
                  {j ? ' · ' : ''}
                  {c.field === 'kind' ? tk(`kind_${String(v.value)}`, String(v.value)) : String(v.value ?? '—')}{' '}
                  {v.source ? <SourceRefs sources={[{ source: v.source, line: v.line ?? null }]} /> : null}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </Block>

      <Block title={t('ambiguousNames')} n={r.ambiguousNames.length}>
        <ul class="plain">
          {r.ambiguousNames.map((a, i) => (
            <li key={i}>
              <strong>
                <bdi>{a.name}</bdi>
              </strong>
              :{' '}
              {a.places.map((p, j) => (
                <span key={p.id}>
                  {j ? ' · ' : ''}
                  <Link href={placeHref(p.id)}>
                    <bdi>{p.name}</bdi>
                  </Link>{' '}
                  <span class="muted">({countryName(p.country, lang)})</span>
                </span>
              ))}
            </li>
          ))}
        </ul>
      </Block>

      <Block title={t('doubtfulOnly')} n={r.doubtfulOnly.length}>
        <ul class="plain">
          {r.doubtfulOnly.map((d, i) => (
            <li key={i}>
              <Badge kind="doubtful">{t('totDoubtful')}</Badge> <bdi>{d.cn}</bdi> — <bdi>{d.foreign}</bdi> <SourceRefs sources={[d]} /> {d.note ? <q>{d.note}</q> : null}
            </li>
          ))}
        </ul>
      </Block>

      <Block title={t('rowsWithoutPlace')} n={r.rowsWithoutPlace.length}>
        <ul class="plain">
          {r.rowsWithoutPlace.map((d, i) => (
            <li key={i}>
              <SourceRefs sources={[d]} /> {d.country ? countryName(d.country, lang) : '—'}
            </li>
          ))}
        </ul>
      </Block>
    </>
  );
}

export function QualityView() {
  const { t } = useI18n();
  useTitle(t('qualityTitle'));
  const q = useLoad('quality', (s) => api.quality(s));
  return (
    <section class="quality">
      <h1>{t('qualityTitle')}</h1>
      <p class="lead">{t('qualityIntro')}</p>
      <Loaded value={q}>{(data) => <Report q={data} />}</Loaded>
    </section>
  );
}
