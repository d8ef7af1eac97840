// Accessibility, in a real browser: axe-core on every view of the web app (in Chinese and in English) finds no
// serious or critical violation; the timeline stays legible on a phone.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { SKIP_BROWSER, CHROMIUM, artifact, ensureWebBuilt, launch, openTab, serveSamples, type Browsing, type Served, type Tab } from './browser-helpers.js';

if (SKIP_BROWSER) console.warn(`browser accessibility tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe-core on the page as it stands; the serious and critical violations, described for a failure message. */
async function serious(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') rightly
  // refuses an inline script tag
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(' | ')}`);
}

describe.skipIf(SKIP_BROWSER)('accessibility (axe-core in chromium)', () => {
  let served: Served;
  let browsing: Browsing;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [served, browsing] = await Promise.all([serveSamples(), launch()]);
  });

  afterAll(async () => {
    await browsing?.close();
    await served?.close();
  });

  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems);
    await Promise.all(tabs.splice(0).map((t) => t.close()));
    expect(problems).toEqual([]);
  });

  async function tab(viewport?: { width: number; height: number }): Promise<Page> {
    const t = await openTab(browsing.browser, served.url, viewport);
    tabs.push(t);
    return t.page;
  }

  /** Each view, with what shows it has loaded. */
  const VIEWS: Array<[string, string]> = [
    ['/', '[data-testid="totals"]'],
    ['/search?q=%E5%A4%A7%E8%BF%9E', '.results li, .search-results li, main li'],
    ['/place/cn:210200', 'table.partners tbody tr'],
    ['/map', 'svg.worldmap path'],
    ['/timeline', 'svg'],
    ['/quality', 'section.doc'],
    ['/sources', '.source-card'],
    ['/sources/1', '.source-page'],
    ['/relationship/1', '[data-testid="tie-status"]'],
    ['/edits', 'main h1'],
    ['/country/JP', 'main table, main li'],
    ['/province/cn:440000', 'main table, main li'],
    ['/coverage', '[data-testid="coverage-official"]'],
    ['/network', '[data-testid="families"]'],
    ['/wikidata', '[data-testid="qs-statements"]'],
    ['/no/such/page', 'main h1'],
  ];

  for (const lang of ['zh', 'en'] as const) {
    it(`no serious violation on any view (${lang === 'zh' ? 'Chinese' : 'English'})`, async () => {
      const page = await tab();
      await page.goto('/');
      if (lang === 'en') await page.getByRole('button', { name: 'EN' }).click();
      const found: string[] = [];
      for (const [path, ready] of VIEWS) {
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        await expect.poll(() => page.locator('.loading').count()).toBe(0);
        for (const v of await serious(page)) found.push(`${path}: ${v}`);
      }
      // and the sign-in dialog
      await page.goto('/');
      await page.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in', exact: true }).click();
      await page.getByRole('dialog').waitFor();
      for (const v of await serious(page)) found.push(`sign-in dialog: ${v}`);
      expect(found).toEqual([]);
    });
  }

  it('the timeline is legible at 390 px: its axis labels are at least 10 px, and no violation', async () => {
    const page = await tab({ width: 390, height: 844 });
    await page.goto('/timeline');
    await page.locator('svg text').first().waitFor();
    const sizes = await page.locator('svg text').evaluateAll((ts) => ts.map((t) => (t as SVGTextElement).getBoundingClientRect().height));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact('timeline-phone.png'), fullPage: true });
    expect(await serious(page)).toEqual([]);
  });
});
