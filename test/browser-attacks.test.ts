// Hostile names in a real browser: a registry whose place names, countries, notes, reasons, references and
// alias names are HTML, script and template syntax (test/fixtures/hostile/), served with the web app under
// its Content-Security-Policy. Every view where such names appear must show them as text: no dialog ever
// opens, no element is injected, no script runs beyond the app's own, and the browser reports no CSP
// violation (the app itself needs nothing inline).
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/server/index.js';
import { CHROMIUM, SKIP_BROWSER, STATIC_DIR, artifact, ensureWebBuilt, launch, openTab, type Browsing, type Tab } from './browser-helpers.js';
import { hostileRegistry, HOSTILE_OWNER, LITERAL_IMG, type HostileRegistry } from './fixtures/hostile/registry.js';

const SKIP = SKIP_BROWSER;
if (SKIP) console.warn(`SKIPPED (not on CI): browser attack tests skipped: no chromium at ${CHROMIUM}`);

interface Watched {
  page: Page;
  dialogs: string[];
  csp: string[];
}

describe.skipIf(SKIP)('hostile names in the web app (chromium)', () => {
  let h: HostileRegistry;
  let server: RunningServer;
  let browsing: Browsing;
  let appScripts: string[];
  const tabs: Tab[] = [];
  const watched: Watched[] = [];
  let views = 0;

  beforeAll(async () => {
    await ensureWebBuilt();
    h = await hostileRegistry();
    h.db.close();
    [server, browsing] = await Promise.all([startServer({ dbPath: h.path, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, log: false }), launch()]);
    // the app's own scripts: what index.html loads, nothing more
    appScripts = [...readFileSync(join(STATIC_DIR, 'index.html'), 'utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(appScripts.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await browsing?.close();
    await server?.close();
    console.log(`browser attacks: ${views} views checked`);
  });

  /** No console error, failed request or request elsewhere; no dialog; no CSP violation. */
  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems);
    const dialogs = watched.flatMap((w) => w.dialogs);
    const csp = watched.flatMap((w) => w.csp);
    watched.splice(0);
    await Promise.all(tabs.splice(0).map((t) => t.close()));
    expect(dialogs, 'dialogs opened').toEqual([]);
    expect(csp, 'CSP violations').toEqual([]);
    expect(problems).toEqual([]);
  });

  async function tab(): Promise<Watched> {
    const t = await openTab(browsing.browser, server.url);
    tabs.push(t);
    const w: Watched = { page: t.page, dialogs: [], csp: [] };
    watched.push(w);
    t.page.on('dialog', (d) => {
      w.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    t.page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to|Permissions.Policy/i.test(m.text())) w.csp.push(`console ${m.type()}: ${m.text()}`);
    });
    await t.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] };
        (w.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });
    return w;
  }

  /** Nothing injected: no handler attributes, no javascript: URLs, no frames, no scripts but the app's. */
  async function expectClean(w: Watched, where: string) {
    views++;
    // give anything injected the chance to fire (an img's onerror, an svg's onload)
    await w.page.waitForTimeout(150);
    const found = await w.page.evaluate(() => {
      const bad: string[] = [];
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const a of Array.from(el.attributes)) {
          if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
          if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
            bad.push(`<${el.localName} ${a.name}="${a.value}">`);
          }
        }
      }
      for (const sel of ['img[src="x"]', 'img', 'iframe', 'object', 'embed', 'base', 'svg[onload]', 'b[onmouseover]', 'textarea', 'meta[http-equiv]']) {
        const n = document.querySelectorAll(sel).length;
        if (n) bad.push(`${n} × ${sel}`);
      }
      // A bidi override in a name must end with the name: the app's own words after it, in the same block,
      // still read left to right (their first line's letters laid out in increasing x).
      const texts: Text[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const blockOf = (el: Element | null) => {
        while (el && getComputedStyle(el).display.startsWith('inline')) el = el.parentElement;
        return el;
      };
      const reordered = (t: Text, from: number) => {
        const at: Array<{ x: number; y: number }> = [];
        for (let k = from; k < t.data.length; k++) {
          if (!/[\p{L}\p{N}]/u.test(t.data[k])) continue;
          const r = document.createRange();
          r.setStart(t, k);
          r.setEnd(t, k + 1);
          const b = r.getBoundingClientRect();
          if (b.width) at.push({ x: b.left, y: Math.round(b.top) });
        }
        const line = at.filter((p) => p.y === at[0]?.y);
        return line.length > 1 && line.some((p, k) => k > 0 && p.x < line[k - 1].x);
      };
      for (let i = 0; i < texts.length; i++) {
        const data = texts[i].data;
        if (!/[\u202D\u202E]/.test(data)) continue;
        // a plain string (tooltip, caption) that isolates the name: the words after the isolate
        const pdi = data.lastIndexOf('\u2069');
        if (pdi > data.search(/[\u202D\u202E]/) && reordered(texts[i], pdi + 1)) bad.push(`reordered after an isolate: "${data.slice(0, 60)}"`);
        const block = blockOf(texts[i].parentElement);
        for (let j = i + 1; j < texts.length && j < i + 12; j++) {
          const t = texts[j];
          if (!block || !block.contains(t)) break;
          if (/[\u202A-\u202E\u2066-\u2069]/.test(t.data)) continue; // text from the documents again
          if (reordered(t, 0)) bad.push(`reordered by a bidi override: "${t.data.slice(0, 40)}"`);
        }
      }
      const scripts = Array.from(document.scripts).map((s) => s.getAttribute('src') ?? `inline: ${s.textContent?.slice(0, 60)}`);
      const w = window as unknown as { __csp?: string[] };
      return { bad, scripts, csp: w.__csp ?? [] };
    });
    expect(found.bad, `injected elements on ${where}`).toEqual([]);
    expect(found.scripts, `scripts on ${where}`).toEqual(appScripts);
    expect(found.csp, `CSP violations on ${where}`).toEqual([]);
  }

  const placePath = (id: string) => `/place/${encodeURIComponent(id).replace(/%3A/gi, ':')}`;

  it('search suggestions and the search page show the names as text', async () => {
    const w = await tab();
    const { page } = w;
    await page.goto('/');
    const box = page.getByRole('combobox');
    for (const [typed, shown] of [
      ['<img', '<img src=x onerror=alert`1`>'],
      ['script', '</script><script>alert </script>'],
      ['svg onload', '"><svg onload=alert`3`>'],
      ['constructor', "{{constructor.constructor('alert ') }}"],
    ] as const) {
      await box.fill('');
      await box.click();
      await page.keyboard.type(typed, { delay: 10 });
      const option = page.getByRole('option').filter({ hasText: shown });
      await expect.poll(() => option.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expectClean(w, `suggestions for ${typed}`);
    }
    await page.keyboard.press('Escape');
    for (const q of ['<img', 'script', 'javascript:alert', 'svg onload', 'constructor', HOSTILE_OWNER]) {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      await expect.poll(() => page.locator('main a.pn').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expectClean(w, `/search?q=${q}`);
    }
    await expect(page.locator('main').textContent()).resolves.toContain('svg onload=alert`10`');
    await page.screenshot({ path: artifact('attacks-search.png'), fullPage: true });
  });

  it('place pages: the hostile places, their Chinese partner’s table and map, a hostile Chinese place', async () => {
    const w = await tab();
    const { page } = w;
    for (const [key, id] of Object.entries(h.places)) {
      await page.goto(placePath(id));
      await expect.poll(() => page.locator('h1').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.locator('table.partners tbody tr').first().waitFor({ timeout: 10_000 });
      await expectClean(w, `place ${key}`);
    }
    // a title is text too
    await page.goto(placePath(h.places.img));
    await expect.poll(() => page.title()).toContain('<img src=x onerror=alert`1`>');
    await expect(page.locator('h1').textContent()).resolves.toContain('<img src=x onerror=alert`1`>');
    // a title with a bidi override: the name is isolated (FSI … PDI) before the app's name
    await page.goto(placePath(h.places.rtl));
    await expect.poll(() => page.title()).toMatch(/^\u2068\u202Egnp\.exe[^\u2069]*\u2069 · /);

    await page.goto('/place/cn:510100');
    const rows = page.locator('table.partners tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(9);
    const table = (await page.locator('table.partners').textContent()) ?? '';
    for (const name of ['<img src=x onerror=alert`1`>', '</script><script>alert </script>', '"><svg onload=alert`3`>', 'javascript:alert', '=HYPERLINK', '+1+cmd']) {
      expect(table).toContain(name);
    }
    // the locator map's points are titled with the names, as text
    await page.waitForSelector('svg.worldmap circle.point');
    const titles = await page.locator('svg.worldmap circle.point title').allTextContents();
    expect(titles).toContain('<img src=x onerror=alert`1`>');
    expect(titles).toContain('</script><script>alert </script>');
    await expectClean(w, 'place cn:510100');
    await page.screenshot({ path: artifact('attacks-place.png'), fullPage: true });

    await page.goto(placePath(h.places.owner));
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toContain('<svg onload=alert`10`>市');
    await expectClean(w, 'hostile Chinese place');
  });

  it('relationship pages: notes, reasons and references are text; only http(s) references are links', async () => {
    const w = await tab();
    const { page } = w;
    for (const [key, id] of Object.entries(h.ties)) {
      await page.goto(`/relationship/${id}`);
      await page.locator('#tie-sources').waitFor({ timeout: 10_000 });
      await expectClean(w, `relationship ${key}`);
    }
    // the literal payload of the issue, visible as text
    await page.goto(`/relationship/${h.ties.img}`);
    await page.locator('#tie-sources').waitFor();
    const literal = page.getByText(LITERAL_IMG, { exact: true });
    await expect.poll(() => literal.count()).toBeGreaterThan(0);
    await expect(literal.first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('<img src=x onerror=alert(31)>', { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: artifact('attacks-relationship.png'), fullPage: true });

    // References, as editors gave them (test/fixtures/hostile/registry.ts): a javascript: reference is shown as
    // text, never linked; an http(s) one with markup in it (and no space) is a link whose href is exactly that
    // text.
    await page.goto(`/relationship/${h.ties.img}`);
    const js = page.locator('table[aria-labelledby="tie-sources"]').getByText('javascript:alert(4)', { exact: true });
    await expect.poll(() => js.count(), { timeout: 10_000 }).toBe(1);
    await expect(js.isVisible()).resolves.toBe(true);
    await expect(page.locator('a', { hasText: 'javascript:alert(4)' }).count()).resolves.toBe(0);
    await expectClean(w, 'relationship with a javascript: reference');
    const ref = 'https://example.invalid/"><svg/onload=alert(33)>';
    await page.goto(`/relationship/${h.ties.nara}`);
    const link = page.locator('table[aria-labelledby="tie-sources"] a', { hasText: ref });
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    await expect(link.getAttribute('href')).resolves.toBe(ref);
    await expect(link.getAttribute('rel')).resolves.toMatch(/noopener/);
    await expectClean(w, 'relationship with a reference holding markup');

    await page.goto(`/relationship/${h.ties.script}`);
    await expect.poll(() => page.getByText('</script><script>alert(34)</script>', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.goto(`/relationship/${h.ties.template}`);
    // template syntax stays literal: nothing evaluates {{7*7}}
    await expect.poll(() => page.getByText('${alert(15)} {{7*7}} #{7*7}', { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(page.locator('main').textContent()).resolves.not.toContain('49');
    await expectClean(w, 'relationship with template syntax');
  });

  it('the map: arcs, their tooltips and the tie list name hostile places as text', async () => {
    const w = await tab();
    const { page } = w;
    for (const path of ['/map', '/map?place=cn:510100', `/map?place=${encodeURIComponent(h.places.owner)}`, '/map?country=JP']) {
      await page.goto(path);
      await page.getByTestId('arc-count').waitFor({ timeout: 10_000 });
      await page.waitForSelector('svg.worldmap');
      await expectClean(w, path);
    }
    await page.goto('/map?place=cn:510100');
    await page.waitForSelector('svg.worldmap path.arc');
    const arc = page.locator('svg.worldmap path.arc', { has: page.locator('title', { hasText: '<img src=x onerror=alert`1`>' }) });
    await expect.poll(() => arc.count()).toBe(1);
    await arc.dispatchEvent('mouseover');
    await expect.poll(() => page.locator('figcaption.hover-info').textContent()).toContain('<img src=x onerror=alert`1`>');
    await expectClean(w, 'map tooltip');
    // the tooltip of a name with a right-to-left override: the words after it keep their order
    const rtlArc = page.locator('svg.worldmap path.arc', { has: page.locator('title', { hasText: 'gnp.exe' }) });
    await expect.poll(() => rtlArc.count()).toBe(1);
    await rtlArc.dispatchEvent('mouseover');
    await expect.poll(() => page.locator('figcaption.hover-info').textContent()).toContain('\u2069 (意大利) 1995-06-06');
    await expectClean(w, 'map tooltip of a right-to-left override');
    await page.screenshot({ path: artifact('attacks-map.png'), fullPage: true });
    // the list of ties under the map
    await page.locator('details.tie-list summary').click();
    await expect.poll(() => page.locator('details.tie-list table').textContent()).toContain('</script><script>alert </script>');
    await expectClean(w, 'map tie list');
    // a hostile Chinese side on an arc
    await page.goto('/map?country=JP');
    const ownerArc = page.locator('svg.worldmap path.arc title', { hasText: '<svg onload=alert`10`>市' });
    await expect.poll(() => ownerArc.count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('timeline, quality, edits, country and province pages', async () => {
    const w = await tab();
    const { page } = w;
    await page.goto('/timeline');
    await expect.poll(() => page.locator('[data-testid="chart-kind"] rect').count(), { timeout: 10_000 }).toBeGreaterThan(10);
    await expectClean(w, '/timeline');

    await page.goto('/quality');
    await page.getByTestId('unresolved').waitFor({ timeout: 15_000 });
    const quality = (await page.locator('main').textContent()) ?? '';
    expect(quality).toContain('<img src=x onerror=alert`1`>');
    expect(quality).toContain(HOSTILE_OWNER);
    await expectClean(w, '/quality');
    // every <details> open: doubtful rows, messages (the unknown country "><svg …)
    await page.locator('main details > summary').evaluateAll((ss) => ss.forEach((s) => (s.parentElement as HTMLDetailsElement).open = true));
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain('"><svg onload=alert(13)>');
    await expectClean(w, '/quality, all open');
    await page.screenshot({ path: artifact('attacks-quality.png'), fullPage: true });

    await page.goto('/edits');
    await page.getByTestId('edits-count').waitFor({ timeout: 10_000 });
    const edits = (await page.locator('main').textContent()) ?? '';
    for (const s of ['<img src=x onerror=alert(35)>|JP', '<img src=x onerror=alert(31)>', '</script><script>alert(34)</script>', '<iframe src="javascript:alert(37)"></iframe>', "{{constructor.constructor('alert(36)')()}}"]) {
      expect(edits).toContain(s);
    }
    await expectClean(w, '/edits');
    await page.screenshot({ path: artifact('attacks-edits.png'), fullPage: true });
    for (const path of [
      `/edits?user=${encodeURIComponent('eve@example')}`,
      `/edits?target=${encodeURIComponent('<img src=x onerror=alert(35)>|JP')}`,
      `/edits?user=${encodeURIComponent('<img src=x onerror=alert(38)>')}`,
    ]) {
      await page.goto(path);
      await page.locator('[data-testid="edits-count"], [data-testid="edits-empty"]').first().waitFor({ timeout: 10_000 });
      await expectClean(w, path);
    }

    for (const path of ['/country/JP', '/country/US', '/country/IT', '/province/cn:510000']) {
      await page.goto(path);
      await expect.poll(() => page.locator('h1').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      await expectClean(w, path);
    }
  });

  it('hostile URLs of the app itself (path and query) render as text', async () => {
    const w = await tab();
    const { page } = w;
    for (const path of [
      `/place/${encodeURIComponent('<img src=x onerror=alert(40)>')}`,
      `/search?q=${encodeURIComponent('"><svg onload=alert(41)>')}`,
      `/map?place=${encodeURIComponent('javascript:alert(42)')}&country=${encodeURIComponent('<b>')}`,
      `/no-such-view/${encodeURIComponent('<script>alert(43)</script>')}`,
      `/country/${encodeURIComponent('"><svg onload=alert(39)>')}`,
      `/province/${encodeURIComponent('<img src=x onerror=alert(45)>')}`,
      `/relationship/${encodeURIComponent('1<svg onload=alert(46)>')}`,
      `/edits?target=${encodeURIComponent('</script><script>alert(44)</script>')}`,
    ]) {
      // a place that does not exist is a 404 from the API: expected here, not a problem
      const t = tabs.at(-1)!;
      await page.goto(path);
      await page.locator('main').waitFor();
      await page.waitForLoadState('networkidle');
      await expectClean(w, path);
      t.problems.splice(0, t.problems.length, ...t.problems.filter((p) => !/^HTTP (400|404) /.test(p) && !/status of (400|404)/.test(p)));
    }
  });
});
