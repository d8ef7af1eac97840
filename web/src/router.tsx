// A small history-API router: every view has its own URL; links are ordinary <a href> elements.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
  /** path + search, to key effects on */
  href: string;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search), href: window.location.pathname + window.location.search };
}

const EVENT = 'youcheng:navigate';

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search && !opts.replace) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new CustomEvent(EVENT, { detail: { replace: !!opts.replace } }));
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener('popstate', on);
    window.addEventListener(EVENT, on);
    return () => {
      window.removeEventListener('popstate', on);
      window.removeEventListener(EVENT, on);
    };
  }, []);
  return loc;
}

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | undefined;
  'data-place-id'?: string;
  onClick?: (e: MouseEvent) => void;
}

/** An in-app link: a real href (open in new tab works), client-side navigation on a plain click. */
export function Link(props: LinkProps) {
  const { href, children, onClick, ...rest } = props;
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

/** `/place/cn:210200`: the id percent-encoded, but its colons kept readable. */
export function placeHref(id: string): string {
  return `/place/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
}
export function countryHref(cc: string): string {
  return `/country/${encodeURIComponent(cc.toUpperCase())}`;
}
export function relationshipHref(id: number | string): string {
  return `/relationship/${encodeURIComponent(String(id))}`;
}
export function sourceHref(id: number | string): string {
  return `/sources/${encodeURIComponent(String(id))}`;
}
export function provinceHref(id: string): string {
  return `/province/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;
}

export type Route =
  | { name: 'home' }
  | { name: 'search'; q: string }
  | { name: 'place'; id: string }
  | { name: 'map' }
  | { name: 'timeline' }
  | { name: 'country'; cc: string }
  | { name: 'province'; id: string }
  | { name: 'quality' }
  | { name: 'sources' }
  | { name: 'source'; id: number }
  | { name: 'relationship'; id: number }
  | { name: 'edits'; user: string; target: string }
  | { name: 'coverage' }
  | { name: 'network' }
  | { name: 'wikidata' }
  | { name: 'notfound' };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function match(loc: Location): Route {
  const p = loc.path.replace(/\/+$/, '') || '/';
  if (p === '/') return { name: 'home' };
  if (p === '/search') return { name: 'search', q: loc.query.get('q') ?? '' };
  if (p === '/map') return { name: 'map' };
  if (p === '/timeline') return { name: 'timeline' };
  if (p === '/quality') return { name: 'quality' };
  if (p === '/sources') return { name: 'sources' };
  if (p === '/coverage') return { name: 'coverage' };
  if (p === '/network') return { name: 'network' };
  if (p === '/wikidata') return { name: 'wikidata' };
  if (p === '/edits') return { name: 'edits', user: loc.query.get('user') ?? '', target: loc.query.get('target') ?? '' };
  let m = /^\/place\/(.+)$/.exec(p);
  if (m) return { name: 'place', id: decode(m[1]) };
  m = /^\/country\/([^/]+)$/.exec(p);
  if (m) return { name: 'country', cc: decode(m[1]).toUpperCase() };
  m = /^\/province\/(.+)$/.exec(p);
  if (m) return { name: 'province', id: decode(m[1]) };
  m = /^\/sources\/([1-9]\d{0,15})$/.exec(p);
  if (m) return { name: 'source', id: Number(m[1]) };
  m = /^\/relationship\/([1-9]\d{0,15})$/.exec(p);
  if (m) return { name: 'relationship', id: Number(m[1]) };
  return { name: 'notfound' };
}
