// Small shared pieces: names, badges, loading and error states, bar lists.
import type { ComponentChildren } from 'preact';
import type { Loadable, PlaceBrief } from '../api';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { countryName } from '../format';
import { Link, countryHref, placeHref } from '../router';

/** 中文 + English, as text. */
export function PlaceName({ place, link = false }: { place: Pick<PlaceBrief, 'id' | 'name_zh_hans' | 'name_en'>; link?: boolean }) {
  const zh = place.name_zh_hans;
  const en = place.name_en && place.name_en !== zh ? place.name_en : null;
  const inner = (
    <>
      <span lang="zh-Hans" class="zh">{zh || en || place.id}</span>
      {zh && en ? (
        <>
          {' '}
          <span lang="en" class="en">{en}</span>
        </>
      ) : null}
    </>
  );
  return link ? (
    <Link class="pn" href={placeHref(place.id)} data-place-id={place.id}>
      {inner}
    </Link>
  ) : (
    <span class="pn">{inner}</span>
  );
}

export function Country({ cc, link = true }: { cc: string | null | undefined; link?: boolean }) {
  const { lang } = useI18n();
  if (!cc) return <span class="muted">—</span>;
  const name = countryName(cc, lang);
  return link && /^[A-Za-z]{2}$/.test(cc) ? (
    <Link href={countryHref(cc)} title={cc.toUpperCase()}>
      {name}
    </Link>
  ) : (
    <span title={cc}>{name}</span>
  );
}

export function Badge({ kind, children, title }: { kind: 'doubtful' | 'conflict' | 'listed' | 'unresolved' | 'ok' | 'bad' | 'kind' | 'ended' | 'suspended' | 'unlisted'; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge-${kind}`} title={title}>
      {children}
    </span>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const { t } = useI18n();
  return (
    <p class="error" role="alert">
      {t('error')}
      {error instanceof ApiError ? `${error.status} ` : ''}
      {error.message}
    </p>
  );
}

/** Render the loaded value, or the loading/error state. */
export function Loaded<T>({ value, children }: { value: Loadable<T>; children: (data: T) => ComponentChildren }) {
  if (value.state === 'loading') return <Loading />;
  if (value.state === 'error') return <ErrorBox error={value.error} />;
  return <>{children(value.data)}</>;
}

export interface BarItem {
  key: string;
  label: ComponentChildren;
  count: number;
}

/** A ranked list with proportional bars (plain HTML, so it reflows on a phone). */
export function BarList({ items, label }: { items: BarItem[]; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ol class="barlist" aria-label={label}>
      {items.map((i) => (
        <li key={i.key}>
          <span class="barlist-label">{i.label}</span>
          <span class="barlist-bar" aria-hidden="true">
            <span style={{ width: `${(100 * i.count) / max}%` }} />
          </span>
          <span class="barlist-count">{i.count}</span>
        </li>
      ))}
    </ol>
  );
}

export function Stat({ label, value, testid }: { label: string; value: ComponentChildren; testid?: string }) {
  return (
    <div class="stat" data-testid={testid}>
      <div class="stat-value">{value}</div>
      <div class="stat-label">{label}</div>
    </div>
  );
}

export function SourceRefs({ sources }: { sources: Array<{ source: string; line: number | null }> }) {
  return (
    <span class="sources">
      {sources.map((s, i) => (
        <code key={i} class="srcref" title={s.source}>
          {s.source}
          {s.line !== null && s.line !== undefined ? `:${s.line}` : ''}
        </code>
      ))}
    </span>
  );
}
