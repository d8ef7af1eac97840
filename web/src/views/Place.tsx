// `/place/:id`: a place's names in every script, where it is, and its partners with their sources.
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api, ApiError, reads, useLoad, type Conflict, type Partner, type PlaceResponse } from '../api';
import { useI18n, type Lang } from '../i18n';
import { bothNames, countryName, formatDate, isolate } from '../format';
import { Badge, Country, ErrorBox, Loading, PlaceName, SourceRefs } from '../components/common';
import { Link, navigate, placeHref, provinceHref, relationshipHref, useLocation } from '../router';
import { useAuth } from '../auth';
import { CorrectionNote, TieStatus } from '../components/tie';
import { AddTieDialog, AliasDialog, CorrectDateDialog, EndTieDialog, MergeDialog, Notice, SplitDialog, type TieRef } from '../components/EditForms';
import { useMapModule } from '../map/lazy';
import type { Arc, Point } from '../map/geo';
import { useTitle } from './title';

type SortKey = 'date' | 'country' | 'kind' | 'partner';
const SORTS: SortKey[] = ['date', 'country', 'kind', 'partner'];
const KIND_ORDER: Record<string, number> = { sister: 0, cooperation: 1, other: 2 };

function sortPartners(list: Partner[], key: SortKey, desc: boolean, lang: Lang): Partner[] {
  const coll = new Intl.Collator(lang === 'zh' ? 'zh-Hans-u-co-pinyin' : 'en');
  const undated = (p: Partner) => (p.start_date ? 0 : 1);
  const cmp = (a: Partner, b: Partner): number => {
    switch (key) {
      case 'country':
        return coll.compare(countryName(a.partner.country_iso2, lang), countryName(b.partner.country_iso2, lang));
      case 'kind':
        return (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9);
      case 'partner':
        return coll.compare(a.partner.name_zh_hans ?? a.partner.name_en ?? '', b.partner.name_zh_hans ?? b.partner.name_en ?? '');
      default:
        return (a.start_date ?? '').localeCompare(b.start_date ?? '');
    }
  };
  const dateTie = (a: Partner, b: Partner) => undated(a) - undated(b) || (a.start_date ?? '').localeCompare(b.start_date ?? '');
  return [...list].sort((a, b) => {
    // undated ties last, whichever way the dates go
    if (key === 'date' && undated(a) !== undated(b)) return undated(a) - undated(b);
    const c = cmp(a, b);
    return (desc ? -c : c) || dateTie(a, b) || a.relationship_id - b.relationship_id;
  });
}

function conflictValues(c: Conflict) {
  return c.values;
}

export function ConflictNote({ c }: { c: Conflict }) {
  const { t, tk } = useI18n();
  const field = tk(`field_${c.field}`, c.field);
  return (
    <p class="conflict-text">
      <Badge kind="conflict">{t('conflict')}</Badge> {t('conflictText', { field })}
      {conflictValues(c).map((v, i) => (
        <span key={i} class="conflict-value">
          {i > 0 ? ' · ' : ''}
          {c.field === 'kind' ? tk(`kind_${String(v.value)}`, String(v.value)) : String(v.value ?? '—')}
          {v.source ? (
            <>
              {' '}
              <SourceRefs sources={[{ source: v.source, line: v.line ?? null }]} />
            </>
          ) : null}
        </span>
      ))}
    </p>
  );
}

interface RowEdits {
  /** "大连市 Dalian": this page's place, to name the tie in the dialogs */
  here: string;
  onCorrect: (t: TieRef) => void;
  onEnd: (t: TieRef) => void;
}

function PartnerRow({ p, edits, revision, highlight }: { p: Partner; edits: RowEdits | null; revision: number; highlight: boolean }) {
  const { t, tk } = useI18n();
  const date = formatDate(p.start_date, p.start_precision);
  const doubtfulNotes = p.sources.filter((s) => s.status === 'doubtful' && s.note);
  const ending = p.status === 'ended' || p.status === 'suspended';
  // the partners list may not carry the reason or the version an unlisted tie went missing in: read the tie
  const needs = (ending && p.end_reason === undefined) || (p.status === 'unlisted' && p.unlisted_in === undefined);
  const detail = useLoad(
    needs ? `tie:${p.relationship_id}` : 'none',
    (s) => (needs ? reads.relationship(p.relationship_id, s) : Promise.resolve(null)),
    revision,
  );
  const d = detail.state === 'ok' ? detail.data : null;
  const status = {
    status: p.status,
    end_date: p.end_date,
    end_reason: p.end_reason ?? d?.end_reason ?? null,
    unlisted_in: p.unlisted_in ?? d?.unlisted_in ?? null,
  };
  const partnerName = bothNames(p.partner);
  const tie = (): TieRef => ({
    id: p.relationship_id,
    version: p.version,
    kind: p.kind,
    start_date: p.start_date,
    start_precision: p.start_precision,
    label: p.side === 'cn' ? `${edits?.here ?? ''} — ${partnerName}` : `${partnerName} — ${edits?.here ?? ''}`,
  });
  return (
    <tr
      data-status={p.status}
      data-kind={p.kind}
      data-partner-id={p.partner.id}
      data-relationship-id={p.relationship_id}
      class={`${p.status === 'doubtful' ? 'row-doubtful' : ''} ${p.conflicts.length ? 'row-conflict' : ''} ${ending || p.status === 'unlisted' ? 'row-ended' : ''} ${highlight ? 'row-new' : ''}`}
    >
      <td data-label={t('partner')}>
        <PlaceName place={p.partner} link />
        {!p.partner.resolved ? (
          <>
            {' '}
            <Badge kind="unresolved" title={t('unresolvedPlace')}>
              {t('unresolvedShort')}
            </Badge>
          </>
        ) : null}
      </td>
      <td data-label={t('country')}>
        <Country cc={p.partner.country_iso2} />
      </td>
      <td data-label={t('kind')} class="nowrap">
        {tk(`kind_${p.kind}`, p.kind)}
        <CorrectionNote field="kind" corrections={p.corrections} sources={p.sources} />
      </td>
      <td data-label={t('date')} class="date">
        {date ? <time dateTime={date}>{date}</time> : <span class="muted">{t('dateUnknown')}</span>}
        <CorrectionNote field="start_date" corrections={p.corrections} sources={p.sources} />
      </td>
      <td data-label={t('status')} class="status">
        <TieStatus tie={status} />
        {doubtfulNotes.map((s, i) => (
          <p key={i} class="doubtful-text">
            {p.status !== 'doubtful' ? (
              <>
                <Badge kind="doubtful">{t('doubtfulNote')}</Badge>{' '}
              </>
            ) : null}
            <q>{s.note}</q> <SourceRefs sources={[s]} />
          </p>
        ))}
        {p.conflicts.map((c, i) => (
          <ConflictNote key={i} c={c} />
        ))}
      </td>
      <td data-label={t('sources')} class="nowrap">
        <SourceRefs sources={p.sources} />
        <Link class="tie-link" href={relationshipHref(p.relationship_id)} aria-label={t('tieDetailsOf', { name: partnerName })}>
          {t('tieDetails')}
        </Link>
      </td>
      {edits ? (
        <td data-label={t('editActions')} class="row-actions">
          <button type="button" class="button secondary small" data-action="correct-date" aria-label={t('correctDateOf', { name: partnerName })} onClick={() => edits.onCorrect(tie())}>
            {t('correctDate')}
          </button>
          <button type="button" class="button secondary small" data-action="end-tie" aria-label={t('endTieOf', { name: partnerName })} onClick={() => edits.onEnd(tie())}>
            {t('endTie')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}

function Locator({ data, partners }: { data: PlaceResponse; partners: Partner[] }) {
  const { t } = useI18n();
  const m = useMapModule();
  const pl = data.place;
  const here = pl.lat != null && pl.lon != null ? ([pl.lon, pl.lat] as [number, number]) : null;
  const { arcs, points } = useMemo(() => {
    const arcs: Arc[] = [];
    const points: Point[] = [];
    for (const p of partners) {
      const q = p.partner;
      if (q.lat == null || q.lon == null) continue;
      points.push({ key: q.id, at: [q.lon, q.lat], title: [q.name_zh_hans, q.name_en].filter(Boolean).join(' ') });
      if (here)
        arcs.push({
          key: String(p.relationship_id),
          a: here,
          b: [q.lon, q.lat],
          kind: p.kind,
          status: p.status,
          title: `${isolate(`${pl.name_zh_hans ?? ''} ${pl.name_en ?? ''}`)} — ${isolate(`${q.name_zh_hans ?? ''} ${q.name_en ?? ''}`)}`,
        });
    }
    if (here) points.push({ key: pl.id, at: here, title: [pl.name_zh_hans, pl.name_en].filter(Boolean).join(' '), main: true });
    return { arcs, points };
  }, [data, partners]);
  const name = [pl.name_zh_hans, pl.name_en].filter(Boolean).join(' ');
  return (
    <figure class="locator">
      {m ? (
        <m.WorldMap width={480} height={m.heightFor(480)} center={here ? here[0] : 150} arcs={arcs} points={points} label={t('locatorAlt', { name })} />
      ) : (
        <div class="map-placeholder">{t('mapLoading')}</div>
      )}
      {!here ? <figcaption class="muted">{t('noCoordinates')}</figcaption> : null}
    </figure>
  );
}

export function PlaceView({ id }: { id: string }) {
  const { t, tk, lang } = useI18n();
  const loc = useLocation();
  const auth = useAuth();
  const place = useLoad(`place:${id}`, (s) => api.place(id, s), auth.revision);
  const partners = useLoad(`partners:${id}`, (s) => api.partners(id, s), auth.revision);
  const [dialog, setDialog] = useState<{ kind: 'add' | 'merge' | 'split' | 'alias' } | { kind: 'date' | 'end'; tie: TieRef } | null>(null);
  const [notice, setNotice] = useState<{ forId: string; content: ComponentChildren } | null>(null);
  const [lastTie, setLastTie] = useState<number | null>(null);
  const sortParam = loc.query.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORTS.includes(sortParam) ? sortParam : 'date';
  const desc = loc.query.get('order') === 'desc';

  const pl = place.state === 'ok' ? place.data.place : null;
  useTitle(pl ? [pl.name_zh_hans, pl.name_en].filter(Boolean).join(' ') : id);

  const sorted = useMemo(
    () => (partners.state === 'ok' ? sortPartners(partners.data.partners, sort, desc, lang) : []),
    [partners, sort, desc, lang],
  );

  if (place.state === 'loading') return <Loading />;
  if (place.state === 'error') {
    if (place.error instanceof ApiError && place.error.status === 404)
      return (
        <section>
          <h1>
            {t('placeNotFound')}
            <code>{id}</code>
          </h1>
          <p>
            <Link href="/">{t('backHome')}</Link>
          </p>
        </section>
      );
    return <ErrorBox error={place.error} />;
  }
  const { place: p, counts } = place.data;
  const setSort = (key: SortKey) => setSortTo(key, key === sort ? !desc : false);
  const sortLabel = (k: SortKey) => ({ date: t('date'), country: t('country'), kind: t('kind'), partner: t('partner') })[k];
  const setSortTo = (key: SortKey, nextDesc: boolean) => {
    const q = new URLSearchParams(loc.query);
    if (key === 'date') q.delete('sort');
    else q.set('sort', key);
    if (nextDesc) q.set('order', 'desc');
    else q.delete('order');
    const s = q.toString();
    navigate(`${loc.path}${s ? `?${s}` : ''}`, { replace: true });
  };
  const sortHeader = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort === key ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" data-sort={key} onClick={() => setSort(key)}>
        {label}
        <span aria-hidden="true" class="sort-mark">
          {sort === key ? (desc ? ' ▼' : ' ▲') : ' ↕'}
        </span>
      </button>
    </th>
  );
  const signedIn = !!auth.token;
  const here = bothNames(p);
  const rowEdits: RowEdits | null = signedIn
    ? { here, onCorrect: (tie) => setDialog({ kind: 'date', tie }), onEnd: (tie) => setDialog({ kind: 'end', tie }) }
    : null;
  const close = () => setDialog(null);
  const say = (content: ComponentChildren, forId = p.id) => setNotice({ forId, content });
  const isCn = p.country_iso2 === 'CN';
  const isProvince = isCn && !!p.gbt2260 && /0000$/.test(p.gbt2260);
  const otherNames = p.names.filter((n) => n !== p.name_zh_hans && n !== p.name_zh_hant && n !== p.name_en);

  return (
    <article class="place" data-place-id={p.id}>
      <header class="place-head">
        <div class="place-title">
          <h1>
            <span lang="zh-Hans">{p.name_zh_hans || p.name_en || p.id}</span>
            {p.name_en && p.name_en !== p.name_zh_hans ? (
              <span lang="en" class="en">
                {' '}
                {p.name_en}
              </span>
            ) : null}
          </h1>
          {!p.resolved ? (
            <p>
              <Badge kind="unresolved">{t('unresolvedPlace')}</Badge>
            </p>
          ) : null}
          <dl class="facts-list">
            <dt>{t('simplified')}</dt>
            <dd lang="zh-Hans">{p.name_zh_hans ?? '—'}</dd>
            <dt>{t('traditional')}</dt>
            <dd lang="zh-Hant">{p.name_zh_hant ?? '—'}</dd>
            <dt>{t('english')}</dt>
            <dd lang="en">{p.name_en ?? '—'}</dd>
            <dt>{t('pinyin')}</dt>
            <dd>{p.pinyin ?? '—'}</dd>
            <dt>{t('country')}</dt>
            <dd>
              <Country cc={p.country_iso2} link={!isCn} />
            </dd>
            <dt>{t('level')}</dt>
            <dd>{tk(`level_${p.admin_level}`, p.admin_level ?? '—')}</dd>
            {p.parent ? (
              <>
                <dt>{t('parent')}</dt>
                <dd>
                  <PlaceName place={p.parent} link />
                </dd>
              </>
            ) : null}
            {p.lat != null && p.lon != null ? (
              <>
                <dt>{t('coordinates')}</dt>
                <dd>
                  {p.lat.toFixed(3)}, {p.lon.toFixed(3)}
                </dd>
              </>
            ) : null}
            {p.geonames_id ? (
              <>
                <dt>{t('geonames')}</dt>
                <dd>
                  <a href={`https://www.geonames.org/${p.geonames_id}`} rel="noopener noreferrer external">
                    {p.geonames_id}
                  </a>
                </dd>
              </>
            ) : null}
            {p.gbt2260 ? (
              <>
                <dt>{t('gbt2260')}</dt>
                <dd>{p.gbt2260}</dd>
              </>
            ) : null}
            {placeQid(p) ? (
              <>
                <dt>{t('wikidataId')}</dt>
                <dd data-testid="wikidata">
                  <a href={`https://www.wikidata.org/wiki/${placeQid(p)!.qid}`} rel="noopener noreferrer external">
                    {placeQid(p)!.qid}
                  </a>{' '}
                  <small title={t('wikidataHow')}>
                    {placeQid(p)!.origin === 'edit' ? tk('wikidata_edit', 'set by an editor') : `${placeQid(p)!.how ?? ''}${placeQid(p)!.line ? ` · ${placeQid(p)!.source}:${placeQid(p)!.line}` : ''}`}
                  </small>
                </dd>
              </>
            ) : null}
          </dl>
          {otherNames.length ? (
            <details class="names">
              <summary>
                {t('otherNames')} ({otherNames.length})
              </summary>
              <ul class="chips">
                {otherNames.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <p class="actions">
            <Link class="button" href={`/map?place=${encodeURIComponent(p.id)}`}>
              {t('seeMap')}
            </Link>
            {isProvince ? (
              <Link class="button" href={provinceHref(p.id)}>
                {t('provinceTitle', { name: p.name_zh_hans ?? p.id })}
              </Link>
            ) : null}
          </p>
          {signedIn ? (
            <div class="actions edit-actions" role="group" aria-label={t('editThisPlace')} data-testid="place-edit-actions">
              <button type="button" class="button" data-action="add-tie" onClick={() => setDialog({ kind: 'add' })}>
                {t('addTie')}
              </button>
              <button type="button" class="button secondary" data-action="merge" onClick={() => setDialog({ kind: 'merge' })}>
                {t('mergeWithButton')}
              </button>
              <button type="button" class="button secondary" data-action="split" onClick={() => setDialog({ kind: 'split' })}>
                {t('splitButton')}
              </button>
              <button type="button" class="button secondary" data-action="alias" onClick={() => setDialog({ kind: 'alias' })}>
                {t('addAlias')}
              </button>
            </div>
          ) : null}
          {notice && notice.forId === p.id ? <Notice onDismiss={() => setNotice(null)}>{notice.content}</Notice> : null}
        </div>
        {partners.state === 'ok' ? <Locator data={place.data} partners={partners.data.partners} /> : <div class="locator" />}
      </header>

      {p.facts && p.facts.length ? (
        <section>
          <h2>{t('facts')}</h2>
          <div class="tablewrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('factKey')}</th>
                  <th scope="col">{t('factValue')}</th>
                  <th scope="col">{t('asOf')}</th>
                  <th scope="col">{t('source')}</th>
                </tr>
              </thead>
              <tbody>
                {p.facts.map((f, i) => (
                  <tr key={i}>
                    <td>{f.key}</td>
                    <td>{f.value}</td>
                    <td>{f.as_of ?? '—'}</td>
                    <td>{f.source ? <SourceRefs sources={[{ source: f.source, line: f.line }]} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section>
        <h2 id="partners-heading">{t('partners')}</h2>
        <p data-testid="partner-counts">{t('partnersCount', { n: counts.partners, listed: counts.listed, doubtful: counts.doubtful })}</p>
        {partners.state === 'loading' ? <Loading /> : null}
        {partners.state === 'error' ? <ErrorBox error={partners.error} /> : null}
        {partners.state === 'ok' && sorted.length === 0 ? <p>{t('noPartners')}</p> : null}
        {sorted.length ? (
          <label class="sortbar">
            <span>{t('sortBy')}</span>
            <select value={`${sort}:${desc ? 'desc' : 'asc'}`} onChange={(e) => {
              const [k, o] = (e.target as HTMLSelectElement).value.split(':');
              setSortTo(k as SortKey, o === 'desc');
            }}>
              {SORTS.map((k) =>
                (['asc', 'desc'] as const).map((o) => (
                  <option key={`${k}:${o}`} value={`${k}:${o}`}>
                    {sortLabel(k)} {o === 'desc' ? '▼' : '▲'}
                  </option>
                )),
              )}
            </select>
          </label>
        ) : null}
        {sorted.length ? (
          <div class="tablewrap">
            <table class="table partners stack titled" aria-labelledby="partners-heading">
              <thead>
                <tr>
                  {sortHeader('partner', t('partner'))}
                  {sortHeader('country', t('country'))}
                  {sortHeader('kind', t('kind'))}
                  {sortHeader('date', t('date'))}
                  <th scope="col">{t('status')}</th>
                  <th scope="col">{t('sources')}</th>
                  {signedIn ? <th scope="col">{t('editActions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {sorted.map((r) => (
                  <PartnerRow key={r.relationship_id} p={r} edits={rowEdits} revision={auth.revision} highlight={r.relationship_id === lastTie} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {dialog?.kind === 'add' ? (
        <AddTieDialog
          place={p}
          onClose={close}
          onDone={(r, other) => {
            close();
            setLastTie(r.id);
            say(
              <>
                {t('tieAdded', { tie: isCn ? `${here} — ${bothNames(other)}` : `${bothNames(other)} — ${here}` })}{' '}
                <Link href={relationshipHref(r.id)}>{t('tieDetails')}</Link>
              </>,
            );
          }}
        />
      ) : null}
      {dialog?.kind === 'date' ? (
        <CorrectDateDialog
          tie={dialog.tie}
          onClose={close}
          onDone={(r) => {
            close();
            setLastTie(r.id);
            say(t('tieCorrected', { tie: dialog.tie.label }));
          }}
        />
      ) : null}
      {dialog?.kind === 'end' ? (
        <EndTieDialog
          tie={dialog.tie}
          onClose={close}
          onDone={(r) => {
            close();
            setLastTie(r.id);
            say(t(r.status === 'suspended' ? 'tieSuspended' : 'tieEnded', { tie: dialog.tie.label }));
          }}
        />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <MergeDialog
          place={p}
          onClose={close}
          onDone={(r, text) => {
            close();
            say(`${t('merged')} ${text}`, r.into);
            if (r.into !== p.id) navigate(placeHref(r.into));
          }}
        />
      ) : null}
      {dialog?.kind === 'split' ? (
        <SplitDialog
          place={p}
          onClose={close}
          onDone={(r) => {
            close();
            say(
              <>
                {t('splitDone')}{' '}
                <Link href={placeHref(r.split === p.id ? r.place : r.split)}>{r.split === p.id ? r.place : r.split}</Link>
              </>,
            );
          }}
        />
      ) : null}
      {dialog?.kind === 'alias' ? (
        <AliasDialog
          place={p}
          onClose={close}
          onDone={(r) => {
            close();
            say(t('aliasAdded', { name: r.name, target: here }));
          }}
        />
      ) : null}
    </article>
  );
}


/** The place's Wikidata item as the server gives it: set by a person (edit) or matched from the snapshot, with how. */
interface PlaceQid {
  qid: string;
  origin: 'edit' | 'snapshot';
  how: string | null;
  source: string | null;
  line: number | null;
}
function placeQid(p: object): PlaceQid | null {
  return (p as { wikidata?: PlaceQid | null }).wikidata ?? null;
}
