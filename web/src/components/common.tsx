// Small shared pieces: names, badges, loading and error states, bar lists.
import type { ComponentChildren } from 'preact';
import type { Loadable, PlaceBrief, SourceRef } from '../api';
import { ApiError, api } from '../api';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { countryName } from '../format';
import { Link, countryHref, placeHref, sourceHref } from '../router';

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

export function Badge({ kind, children, title }: { kind: 'corrected' | 'doubtful' | 'conflict' | 'listed' | 'unresolved' | 'ok' | 'bad' | 'kind' | 'ended' | 'suspended' | 'unlisted'; children: ComponentChildren; title?: string }) {
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

/** Only web addresses are followed: a document's URL comes from whoever wrote its manifest. */
export function safeUrl(url: string | null | undefined): string | null {
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

/** A document and line to cite; the line is null where the answer is about the whole document. */
type Cited = Pick<SourceRef, 'source'> & Partial<Omit<SourceRef, 'source' | 'line'>> & { line: number | null };

// Some answers name a document only by its file name (a conflict's values, a fact): the documents' list,
// read once per page load, gives their titles. Of several versions of one file name the newest stands.
let sourceIndex: Promise<Map<string, Cited>> | null = null;
function loadSourceIndex(): Promise<Map<string, Cited>> {
  sourceIndex ??= api.sources().then(
    (r) => {
      const m = new Map<string, Cited>();
      for (const s of [...r.sources].sort((a, b) => a.version - b.version))
        m.set(s.file_name, { source: s.file_name, line: null, source_id: s.id, title: s.title, publisher: s.publisher, as_of: s.as_of, url: s.url, format: s.format });
      return m;
    },
    () => new Map(),
  );
  return sourceIndex;
}

function useDescribed(s: Cited): Cited {
  const bare = !s.source_id && !s.title;
  const [found, setFound] = useState<Cited | null>(null);
  useEffect(() => {
    if (!bare) return;
    let live = true;
    void loadSourceIndex().then((m) => live && setFound(m.get(s.source) ?? null));
    return () => {
      live = false;
    };
  }, [bare, s.source]);
  return bare && found ? { ...found, line: s.line } : s;
}

/**
 * A document as a person cites it: its title (the file name only when it has none), line, publisher and
 * as-of date, linked to its page in the Sources view, with the published original where it is known.
 */
export function SourceCite({ s: given, long = false }: { s: Cited; long?: boolean }) {
  const { t } = useI18n();
  const s = useDescribed(given);
  const line = s.line !== null && s.line !== undefined ? t('lineN', { n: s.line }) : null;
  const name = s.title || s.source;
  const meta = [s.publisher, s.as_of ? t('asOfDate', { date: s.as_of }) : null].filter(Boolean).join(' · ');
  const url = safeUrl(s.url);
  const file = `${s.source}${line ? `:${s.line}` : ''}`;
  if (s.format === 'edit' || s.edit_id != null) {
    // a person's edit (kept as a claim of their own source, `edits by NAME`, its line the audit-log entry)
    const by = /^edits by (.+)$/.exec(s.source)?.[1] ?? s.source;
    const id = s.edit_id ?? s.line;
    return (
      <span class="srcref srcref-edit" data-source={s.source} title={file}>
        <Link href={`/edits?user=${encodeURIComponent(by)}`}>{id != null ? t('editCiteN', { name: by, id }) : t('editCite', { name: by })}</Link>
      </span>
    );
  }
  return (
    <span class="srcref" data-source={s.source} data-line={s.line ?? undefined} title={file}>
      {s.source_id ? (
        <Link href={sourceHref(s.source_id)} class="src-title">
          {name}
        </Link>
      ) : (
        <span class="src-title">{name}</span>
      )}
      {line ? <span class="src-line">{`${t('comma')}${line}`}</span> : null}
      {meta ? <span class="src-meta">{` · ${meta}`}</span> : null}
      {url ? (
        <>
          {' '}
          <a class="src-url" href={url} rel="noopener noreferrer" target="_blank" title={url}>
            {long ? url : t('original')}
          </a>
        </>
      ) : null}
    </span>
  );
}

export function SourceRefs({ sources }: { sources: Cited[] }) {
  return (
    <span class="sources">
      {sources.map((s, i) => (
        <SourceCite key={i} s={s} />
      ))}
    </span>
  );
}
