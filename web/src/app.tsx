// The shell: header (name, search, navigation, language), the routed view, the footer with attribution.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, initialLang, storeLang, tOr, translate, type I18n, type Lang } from './i18n';
import { Link, match, useLocation, type Route } from './router';
import { SearchBox } from './components/SearchBox';
import { lazyView } from './views/lazy';
import { Home } from './views/Home';
import { SearchView } from './views/Search';
import { PlaceView } from './views/Place';
import { MapView } from './views/MapView';
import { NotFound } from './views/NotFound';
import { SignIn, SignOutNotice } from './components/SignIn';
import { recheck } from './auth';

const TimelineView = lazyView(() => import('./views/Timeline').then((m) => m.TimelineView));
const QualityView = lazyView(() => import('./views/Quality').then((m) => m.QualityView));
const RelationshipView = lazyView(() => import('./views/Relationship').then((m) => m.RelationshipView));
const EditsView = lazyView(() => import('./views/Edits').then((m) => m.EditsView));
const CountryView = lazyView(() => import('./views/Country').then((m) => m.CountryView));
const SourcesView = lazyView(() => import('./views/Sources').then((m) => m.SourcesView));
const SourceView = lazyView(() => import('./views/Sources').then((m) => m.SourceView));
const ProvinceView = lazyView(() => import('./views/Province').then((m) => m.ProvinceView));
const CoverageView = lazyView(() => import('./views/OpenData').then((m) => m.CoverageView));
const NetworkView = lazyView(() => import('./views/OpenData').then((m) => m.NetworkView));
const WikidataView = lazyView(() => import('./views/OpenData').then((m) => m.WikidataView));

function View({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <Home />;
    case 'search':
      return <SearchView q={route.q} />;
    case 'place':
      return <PlaceView id={route.id} />;
    case 'map':
      return <MapView />;
    case 'timeline':
      return <TimelineView />;
    case 'country':
      return <CountryView cc={route.cc} />;
    case 'province':
      return <ProvinceView id={route.id} />;
    case 'quality':
      return <QualityView />;
    case 'sources':
      return <SourcesView />;
    case 'source':
      return <SourceView id={route.id} />;
    case 'relationship':
      return <RelationshipView id={route.id} />;
    case 'edits':
      return <EditsView user={route.user} target={route.target} />;
    case 'coverage':
      return <CoverageView />;
    case 'network':
      return <NetworkView />;
    case 'wikidata':
      return <WikidataView />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const loc = useLocation();
  const route = match(loc);
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(loc.path);

  const i18n = useMemo<I18n>(
    () => ({ lang, t: (k, v) => translate(lang, k, v), tk: (k, f) => tOr(lang, k, f) }),
    [lang],
  );

  useEffect(() => {
    void recheck();
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
    storeLang(lang);
  }, [lang]);

  // a new page (not a new query on the same page): scroll to the top, move focus to the content
  useEffect(() => {
    if (firstPath.current === loc.path) return;
    firstPath.current = loc.path;
    window.scrollTo(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [loc.path]);

  const t = i18n.t;
  const nav: Array<[string, string, Route['name']]> = [
    ['/', t('navHome'), 'home'],
    ['/map', t('navMap'), 'map'],
    ['/timeline', t('navTimeline'), 'timeline'],
    ['/quality', t('navQuality'), 'quality'],
    ['/sources', t('navSources'), 'sources'],
    ['/edits', t('navEdits'), 'edits'],
    ['/coverage', lang === 'zh' ? '开放数据' : 'Open data', 'coverage'],
  ];

  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header class="site-header">
        <div class="bar">
          {/* the name as shown, then where it leads: an accessible name that holds the visible text */}
          <Link href="/" class="brand">
            <span class="brand-zh" lang="zh-Hans">友城</span>
            <span class="brand-en" lang="en">youcheng</span>
            <span class="visually-hidden"> — {t('navHome')}</span>
          </Link>
          <nav aria-label={t('mainNav')} class="mainnav">
            {nav.map(([href, label, name]) => (
              <Link key={href} href={href} aria-current={
                  route.name === name || (name === 'sources' && route.name === 'source') || (name === 'coverage' && (route.name === 'network' || route.name === 'wikidata'))
                    ? 'page'
                    : undefined
                }>
                {label}
              </Link>
            ))}
          </nav>
          <SignIn />
          <div class="langswitch" role="group" aria-label={t('language')}>
            <button type="button" lang="zh-Hans" aria-pressed={lang === 'zh'} onClick={() => setLang('zh')}>
              中文
            </button>
            <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
              EN
            </button>
          </div>
        </div>
        <div class="bar bar-search">
          <SearchBox initial={route.name === 'search' ? route.q : ''} />
        </div>
        <SignOutNotice />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <View route={route} />
      </main>
      <footer class="site-footer">
        <p>{t('footerData')}</p>
        <p>
          {t('footerApi')}{' '}
          <a href="/api/stats">/api/stats</a> · <a href="/api/quality">/api/quality</a>
        </p>
      </footer>
    </I18nContext.Provider>
  );
}
