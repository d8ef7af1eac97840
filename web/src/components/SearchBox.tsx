// The search box: suggestions as you type (debounced /api/search), in any script or pinyin.
// ARIA combobox pattern: ↑/↓ move, Enter opens the highlighted place (or the results page), Esc closes.
// The same suggestions pick a place in the edit forms (PlacePicker), where choosing fills the form instead.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type SearchResult } from '../api';
import { useI18n } from '../i18n';
import { countryName } from '../format';
import { navigate, placeHref } from '../router';

const DEBOUNCE_MS = 150;
const LIMIT = 8;

let instance = 0;

interface Combo {
  id: string;
  q: string;
  setQ: (q: string) => void;
  results: SearchResult[];
  active: number;
  setActive: (i: number) => void;
  open: boolean;
  setOpen: (o: boolean) => void;
  showList: boolean;
  listId: string;
  busy: boolean;
  stale: boolean;
  inputRef: { current: HTMLInputElement | null };
  rootRef: { current: HTMLElement | null };
  onKeyDown: (e: KeyboardEvent) => void;
}

/** The combobox's state: the query, debounced suggestions, the highlighted one, open or closed. */
function useCombobox(opts: { initial: string; onEnter: (c: { q: string; active: SearchResult | null }) => void; filter?: (r: SearchResult) => boolean }): Combo {
  const [id] = useState(() => `search-${++instance}`);
  const [q, setQ] = useState(opts.initial);
  const [results, setResults] = useState<SearchResult[]>([]);
  const [forQuery, setForQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLElement>(null);
  const filterRef = useRef(opts.filter);
  filterRef.current = opts.filter;

  useEffect(() => setQ(opts.initial), [opts.initial]);

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
          const f = filterRef.current;
          setResults(f ? r.results.filter(f) : r.results);
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
      if (open && q.trim() !== '') {
        e.preventDefault();
        // inside a dialog, Esc closes the list first, not the dialog
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      } else if (q) {
        e.preventDefault();
        e.stopPropagation();
        setQ('');
      }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      opts.onEnter({ q: q.trim(), active: active >= 0 && results[active] ? results[active] : null });
    }
  };

  const showList = open && q.trim() !== '';
  return {
    id,
    q,
    setQ,
    results,
    active,
    setActive,
    open,
    setOpen,
    showList,
    listId: `${id}-list`,
    busy,
    stale: forQuery !== q.trim(),
    inputRef,
    rootRef,
    onKeyDown,
  };
}

function ComboInput({ c, label, placeholder, describedBy }: { c: Combo; label: string; placeholder: string; describedBy?: string }) {
  return (
    <input
      ref={c.inputRef}
      id={`${c.id}-input`}
      type="text"
      role="combobox"
      enterKeyHint="search"
      autoComplete="off"
      spellcheck={false}
      aria-autocomplete="list"
      aria-expanded={c.showList}
      aria-controls={c.listId}
      aria-activedescendant={c.showList && c.active >= 0 ? `${c.id}-opt-${c.active}` : undefined}
      aria-label={label}
      aria-describedby={describedBy}
      placeholder={placeholder}
      value={c.q}
      onInput={(e) => {
        c.setQ((e.target as HTMLInputElement).value);
        c.setOpen(true);
      }}
      onFocus={() => c.setOpen(true)}
      onKeyDown={c.onKeyDown}
    />
  );
}

function SuggestionList({ c, choose }: { c: Combo; choose: (r: SearchResult) => void }) {
  const { t, tk, lang } = useI18n();
  return (
    <ul id={c.listId} role="listbox" aria-label={t('suggestions')} class="suggestions" hidden={!c.showList}>
      {c.showList && c.results.length === 0 ? (
        <li class="suggestion-empty" role="presentation">
          {c.busy || c.stale ? t('searching') : t('noSuggestions')}
        </li>
      ) : null}
      {c.showList
        ? c.results.map((r, i) => (
            <li
              key={r.id}
              id={`${c.id}-opt-${i}`}
              role="option"
              aria-selected={i === c.active}
              class={i === c.active ? 'suggestion active' : 'suggestion'}
              data-place-id={r.id}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => c.setActive(i)}
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
                  r.is_chinese ? null : countryName(r.country_iso2, lang),
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
  );
}

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const choose = (r: SearchResult) => {
    c.setOpen(false);
    c.setActive(-1);
    c.setQ('');
    c.inputRef.current?.blur();
    navigate(placeHref(r.id));
  };
  const submit = (query: string, active: SearchResult | null) => {
    if (!query) return;
    c.setOpen(false);
    if (active) return choose(active);
    navigate(`/search?q=${encodeURIComponent(query)}`);
  };
  const c = useCombobox({ initial, onEnter: ({ q, active }) => submit(q, active) });

  return (
    <form
      class="searchbox"
      role="search"
      ref={c.rootRef as { current: HTMLFormElement | null }}
      onSubmit={(e) => {
        e.preventDefault();
        submit(c.q.trim(), c.active >= 0 ? (c.results[c.active] ?? null) : null);
      }}
    >
      <label for={`${c.id}-input`} class="visually-hidden">
        {t('searchLabel')}
      </label>
      <ComboInput c={c} label={t('searchLabel')} placeholder={t('searchPlaceholder')} />
      <button type="submit" class="searchbox-go">
        {t('searchButton')}
      </button>
      <SuggestionList c={c} choose={choose} />
    </form>
  );
}

/**
 * A place chosen by search, inside a form: the suggestions of the search box; choosing one fills the field
 * (shown as the place's names, with a button to choose again). Enter picks the highlighted suggestion and
 * never submits the surrounding form.
 */
export function PlacePicker({
  label,
  value,
  onChange,
  filter,
  testid,
}: {
  label: string;
  value: SearchResult | null;
  onChange: (r: SearchResult | null) => void;
  filter?: (r: SearchResult) => boolean;
  testid?: string;
}) {
  const { t, lang } = useI18n();
  const changeRef = useRef<HTMLButtonElement>(null);
  const justChose = useRef(false);
  const choose = (r: SearchResult) => {
    c.setOpen(false);
    c.setActive(-1);
    c.setQ('');
    justChose.current = true;
    onChange(r);
  };
  const c = useCombobox({ initial: '', filter, onEnter: ({ active }) => active && choose(active) });
  // after choosing, focus the "choose another" button; after "choose another", the input
  useEffect(() => {
    if (value && justChose.current) changeRef.current?.focus();
    else if (!value && justChose.current) c.inputRef.current?.focus();
    justChose.current = false;
  }, [value]);
  const hintId = `${c.id}-hint`;

  if (value)
    return (
      <div class="field picker" data-testid={testid}>
        <span class="field-label">{label}</span>
        <p class="picked" data-place-id={value.id}>
          <span lang="zh-Hans">{value.name_zh_hans || value.name_en || value.id}</span>
          {value.name_en && value.name_en !== value.name_zh_hans ? <span lang="en"> {value.name_en}</span> : null}
          <span class="muted">
            {' '}
            ({[countryName(value.country_iso2, lang), value.id].filter(Boolean).join(' · ')})
          </span>{' '}
          <button
            type="button"
            class="button secondary small"
            ref={changeRef}
            onClick={() => {
              justChose.current = true;
              onChange(null);
            }}
          >
            {t('chooseAnother')}
          </button>
        </p>
      </div>
    );

  return (
    <div class="field picker" data-testid={testid} ref={c.rootRef as { current: HTMLDivElement | null }}>
      <label class="field-label" for={`${c.id}-input`}>
        {label}
      </label>
      <div class="searchbox picker-box">
        <ComboInput c={c} label={label} placeholder={t('pickerPlaceholder')} describedBy={hintId} />
        <SuggestionList c={c} choose={choose} />
      </div>
      <span id={hintId} class="hint">
        {t('pickerHint')}
      </span>
    </div>
  );
}
