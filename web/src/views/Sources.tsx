// `/sources`: every document the registry has read, as a person would cite it (title, publisher, as-of
// date, link), with its versions, the rows each gave and the totals it declares against the rows counted;
// `/sources/:id`: one version, and what changed since the version before it.
import { api, useLoad, type SourceDiff, type SourceVersion, type TieChange } from '../api';
import { useI18n } from '../i18n';
import { countryName, formatDate } from '../format';
import { Badge, Loaded, safeUrl } from '../components/common';
import { Link, placeHref, sourceHref } from '../router';
import { DocumentSection } from './Quality';
import { useTitle } from './title';

function titleOf(s: Pick<SourceVersion, 'title' | 'file_name'>): string {
  return s.title || s.file_name;
}

/** Title, publisher, dates and link of one document version. */
function Description({ s }: { s: Omit<SourceVersion, 'check'> }) {
  const { t, tk } = useI18n();
  const url = safeUrl(s.url);
  return (
    <dl class="facts-list source-facts">
      <dt>{t('publisher')}</dt>
      <dd>{s.publisher ? <bdi>{s.publisher}</bdi> : <span class="muted">{t('unknown')}</span>}</dd>
      <dt>{t('asOf')}</dt>
      <dd>{s.as_of ?? <span class="muted">{t('unknown')}</span>}</dd>
      {s.published_at ? (
        <>
          <dt>{t('publishedAt')}</dt>
          <dd>{s.published_at}</dd>
        </>
      ) : null}
      <dt>{t('link')}</dt>
      <dd data-testid="source-url">
        {url ? (
          <a href={url} rel="noopener noreferrer" target="_blank">
            {url}
          </a>
        ) : (
          <span class="muted">{t('urlUnknown')}</span>
        )}
      </dd>
      {s.owner ? (
        <>
          <dt>{t('owner')}</dt>
          <dd>
            <bdi>{s.owner}</bdi>
          </dd>
        </>
      ) : null}
      <dt>{t('fileName')}</dt>
      <dd>
        <code>{s.file_name}</code> <span class="muted">· {tk(`format_${s.format}`, s.format)}</span>
      </dd>
    </dl>
  );
}

function TotalsBadge({ v }: { v: SourceVersion }) {
  const { t } = useI18n();
  const totals = v.check.totals;
  if (!totals.length) return <span class="muted">—</span>;
  const bad = totals.filter((x) => !x.ok).length;
  return bad ? <Badge kind="bad">✗ {t('mismatch')} {bad}</Badge> : <Badge kind="ok">✓ {t('ok')}</Badge>;
}

function SourceCard({ versions }: { versions: SourceVersion[] }) {
  const { t, lang } = useI18n();
  const current = versions.find((v) => v.current) ?? versions[versions.length - 1];
  return (
    <section class="doc source-card" data-source-key={current.source_key}>
      <h2>
        <Link href={sourceHref(current.id)}>{titleOf(current)}</Link>
      </h2>
      <Description s={current} />
      <div class="tablewrap">
        <table class="table stack" aria-label={`${titleOf(current)} — ${t('versions')}`}>
          <thead>
            <tr>
              <th scope="col">{t('version')}</th>
              <th scope="col">{t('ingestedAt')}</th>
              <th scope="col">{t('asOf')}</th>
              <th scope="col">{t('rowsRead')}</th>
              <th scope="col">{t('totDoubtful')}</th>
              <th scope="col">{t('skipped')}</th>
              <th scope="col">{t('totalsAgainstRows')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-version={v.version}>
                <td data-label={t('version')}>
                  <Link href={sourceHref(v.id)}>{t('versionN', { n: v.version })}</Link> {v.current ? <Badge kind="listed">{t('currentVersion')}</Badge> : null}
                </td>
                <td data-label={t('ingestedAt')}>
                  <time dateTime={v.ingested_at}>{new Date(v.ingested_at).toLocaleDateString(lang === 'zh' ? 'zh-Hans' : 'en')}</time>
                </td>
                <td data-label={t('asOf')}>{v.as_of ?? '—'}</td>
                <td data-label={t('rowsRead')}>{v.check.rows}</td>
                <td data-label={t('totDoubtful')}>{v.check.doubtful}</td>
                <td data-label={t('skipped')}>{v.check.skipped}</td>
                <td data-label={t('totalsAgainstRows')}>
                  <TotalsBadge v={v} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Documents, each with its versions (a person's edits are not documents: they are in the edits log). */
export function groupSources(all: SourceVersion[]): SourceVersion[][] {
  const by = new Map<string, SourceVersion[]>();
  for (const s of all) {
    if (s.format === 'edit') continue;
    const list = by.get(s.source_key) ?? [];
    list.push(s);
    by.set(s.source_key, list);
  }
  return [...by.values()].map((vs) => vs.sort((a, b) => a.version - b.version));
}

export function SourcesView() {
  const { t } = useI18n();
  useTitle(t('sourcesTitle'));
  const sources = useLoad('sources', (s) => api.sources(s));
  return (
    <section class="sources-view">
      <h1>{t('sourcesTitle')}</h1>
      <p class="muted">{t('sourcesIntro')}</p>
      <Loaded value={sources}>
        {(d) => (
          <>
            {groupSources(d.sources).map((vs) => (
              <SourceCard key={vs[0].source_key} versions={vs} />
            ))}
          </>
        )}
      </Loaded>
    </section>
  );
}

function Place({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return <bdi>{name ?? '—'}</bdi>;
  return (
    <Link href={placeHref(id)}>
      <bdi>{name ?? id}</bdi>
    </Link>
  );
}

function ChangeList({ title, items, kind }: { title: string; items: TieChange[]; kind: TieChange['change'] }) {
  const { t, tk, lang } = useI18n();
  const when = (r: TieChange['from']) => (r ? (formatDate(r.date, r.date_precision) ?? r.date_as_written ?? t('dateUnknown')) : '');
  return (
    <section class={`diff diff-${kind}`} data-change={kind}>
      <h3>
        {title} <span class="count-pill">{items.length}</span>
      </h3>
      {items.length ? (
        <ul class="plain">
          {items.map((c, i) => (
            <li key={i}>
              <Place id={c.cn_place_id} name={c.cn_name} /> — <Place id={c.foreign_place_id} name={c.foreign_name} />
              {c.country_iso2 ? <span class="muted"> ({countryName(c.country_iso2, lang)})</span> : null}
              {kind === 'added' ? <span class="muted"> · {t('lineN', { n: c.to!.line })} · {when(c.to)}</span> : null}
              {kind === 'removed' ? <span class="muted"> · {t('lineN', { n: c.from!.line })} · {when(c.from)}</span> : null}
              {kind === 'redated' ? (
                <span>
                  {' · '}
                  <del>{when(c.from)}</del> → <ins>{when(c.to)}</ins>
                </span>
              ) : null}
              {kind === 'rekinded' ? (
                <span>
                  {' · '}
                  <del>{tk(`kind_${c.from!.kind}`, c.from!.kind)}</del> → <ins>{tk(`kind_${c.to!.kind}`, c.to!.kind)}</ins>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('diffNone')}</p>
      )}
    </section>
  );
}

function Diff({ d }: { d: SourceDiff }) {
  const { t } = useI18n();
  return (
    <section data-testid="source-diff">
      <h2>
        {t('diffTitle', { n: d.from.version })}{' '}
        <span class="muted">
          (<Link href={sourceHref(d.from.id)}>{t('versionN', { n: d.from.version })}</Link>: {t('rowsN', { n: d.from.rows })} → {t('versionN', { n: d.to.version })}:{' '}
          {t('rowsN', { n: d.to.rows })})
        </span>
      </h2>
      <ChangeList title={t('diffAdded')} items={d.added} kind="added" />
      <ChangeList title={t('diffRemoved')} items={d.removed} kind="removed" />
      <ChangeList title={t('diffRedated')} items={d.redated} kind="redated" />
      <ChangeList title={t('diffRekinded')} items={d.rekinded} kind="rekinded" />
      <p class="muted">{t('diffUnchanged', { n: d.unchanged })}</p>
    </section>
  );
}

export function SourceView({ id }: { id: number }) {
  const { t } = useI18n();
  const one = useLoad(`source:${id}`, (s) => api.source(id, s));
  const version = one.state === 'ok' ? one.data.source.version : 0;
  const diff = useLoad(`diff:${id}:${version}`, (s) => (version > 1 ? api.sourceDiff(id, s) : Promise.resolve(null)));
  useTitle(one.state === 'ok' ? titleOf(one.data.source) : t('sourcesTitle'));
  return (
    <Loaded value={one}>
      {({ source, check }) => (
        <article class="source-page" data-source-id={source.id}>
          <p>
            <Link href="/sources">← {t('allSources')}</Link>
          </p>
          <h1>
            {titleOf(source)} <span class="muted">{t('versionN', { n: source.version })}</span>
          </h1>
          {source.current ? <Badge kind="listed">{t('currentVersion')}</Badge> : null}
          <Description s={source} />
          <DocumentSection d={check} />
          {source.version > 1 ? <Loaded value={diff}>{(d) => (d ? <Diff d={d} /> : null)}</Loaded> : <p class="muted">{t('onlyVersion')}</p>}
        </article>
      )}
    </Loaded>
  );
}
