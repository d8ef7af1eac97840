// The search box: suggestions as you type (debounced /api/search), in any script or pinyin.
// ARIA combobox pattern: ↑/↓ move, Enter opens the highlighted place (or the results page), Esc closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type SearchResult } from '../api';
import { useI18n } from '../i18n';
import { countryName, isTrue } from '../format';
import { navigate, placeHref } from '../router';

const DEBOUNCE_MS = 150;
const LIMIT = 8;

let instance = 0;

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t, tk, lang } = useI18n();
  const [id] = useState(() => `search-${++instance}`);
  const [q, setQ] = useState(initial);
  const [results, setResults] = useState<SearchResult[]>([]);
  const [forQuery, setForQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLFormElement>(null);

  useEffect(() => setQ(initial), [initial]);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setResults([]);
      setForQuery('');
      setBusy(false);
      return;
    }
    const ctl = new AbortController();
    setBusy(true);
    const timer = setTimeout(() => {
      api.search(query, LIMIT, ctl.signal).then(
        (r) => {
          if (ctl.signal.aborted) return;
          setResults(r.results);
          setForQuery(query);
          setActive(-1);
          setBusy(false);
        },
        () => !ctl.signal.aborted && setBusy(false),
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [q]);

  // close when focus or a click leaves the box
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, []);

  const choose = (r: SearchResult) => {
    setOpen(false);
    setActive(-1);
    setQ('');
    inputRef.current?.blur();
    navigate(placeHref(r.id));
  };

  const submit = () => {
    const query = q.trim();
    if (!query) return;
    setOpen(false);
    if (active >= 0 && results[active]) return choose(results[active]);
    navigate(`/search?q=${encodeURIComponent(query)}`);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = results.length;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      if (n) setActive((a) => (a + 1) % n);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (n) setActive((a) => (a <= 0 ? n - 1 : a - 1));
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (q) {
        setQ('');
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  };

  const showList = open && q.trim() !== '';
  const listId = `${id}-list`;
  const stale = forQuery !== q.trim();

  return (
    <form
      class="searchbox"
      role="search"
      ref={rootRef}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label for={`${id}-input`} class="visually-hidden">
        {t('searchLabel')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="text"
        role="combobox"
        enterKeyHint="search"
        autoComplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        value={q}
        onInput={(e) => {
          setQ((e.target as HTMLInputElement).value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="searchbox-go">
        {t('searchButton')}
      </button>
      <ul id={listId} role="listbox" aria-label={t('suggestions')} class="suggestions" hidden={!showList}>
        {showList && results.length === 0 ? (
          <li class="suggestion-empty" role="presentation">
            {busy || stale ? t('searching') : t('noSuggestions')}
          </li>
        ) : null}
        {showList
          ? results.map((r, i) => (
              <li
                key={r.id}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'suggestion active' : 'suggestion'}
                data-place-id={r.id}
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(r)}
              >
                <span class="suggestion-name">
                  <span lang="zh-Hans">{r.name_zh_hans || r.name_en || r.id}</span>
                  {r.name_en && r.name_en !== r.name_zh_hans ? (
                    <span lang="en" class="en">
                      {' '}
                      {r.name_en}
                    </span>
                  ) : null}
                </span>
                <span class="suggestion-meta">
                  {[
                    isTrue(r.is_chinese) ? null : countryName(r.country_iso2, lang),
                    r.admin_level ? tk(`level_${r.admin_level}`, r.admin_level) : null,
                    t(r.partners === 1 ? 'partnersOne' : 'partnersN', { n: r.partners }),
                    r.matched && r.matched !== r.name_zh_hans && r.matched !== r.name_en ? `${t('matchedBy')}: ${r.matched}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))
          : null}
      </ul>
    </form>
  );
}
