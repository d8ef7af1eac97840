// The web app in a real browser: Debian's chromium, the real server, a registry built from the samples.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { SKIP_BROWSER, CHROMIUM, artifact, ensureWebBuilt, launch, openTab, serveSamples, type Browsing, type Served, type Tab } from './browser-helpers.js';

const SKIP = SKIP_BROWSER;
if (SKIP) console.warn(`SKIPPED (not on CI): browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

describe.skipIf(SKIP)(`web app in chromium${SKIP ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
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

  /** Every test's pages must end without console errors, failed requests or requests to elsewhere. */
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

  const search = (page: Page) => page.getByRole('combobox');
  const listedRows = (page: Page) => page.locator('table.partners tbody tr[data-status="listed"]');

  async function searchAndChoose(page: Page, text: string, id: string) {
    await page.goto('/');
    await search(page).click();
    await page.keyboard.type(text, { delay: 20 });
    const first = page.getByRole('option').first();
    await expect.poll(() => first.getAttribute('data-place-id')).toBe(id);
    await page.keyboard.press('ArrowDown');
    await expect(search(page).getAttribute('aria-activedescendant')).resolves.toMatch(/opt-0$/);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === `/place/${id}`);
    await expect.poll(() => listedRows(page).count()).toBe(34);
  }

  it('typing 大连 in the search box reaches Dalian, with its 34 listed partners', async () => {
    const page = await tab();
    await searchAndChoose(page, '大连', 'cn:210200');
    await expect(page.locator('h1').textContent()).resolves.toContain('大连市');
    // every row names its sources by title and line (the file and line in its tooltip); doubtful and
    // conflicting claims carry a visible badge and text
    const firstRow = listedRows(page).first();
    await expect(firstRow.locator('.srcref .src-title').first().textContent()).resolves.toBe('大连市友好城市及友好合作关系城市统计表');
    await expect(firstRow.locator('.srcref').first().getAttribute('title')).resolves.toMatch(/^000_0f381ef73e09f27f\.txt:\d+$/);
    await expect(firstRow.locator('time').textContent()).resolves.toBe('1979-05-01');
    const doubtful = page.locator('tr[data-status="doubtful"]');
    await expect(doubtful.count()).resolves.toBe(4);
    await expect(doubtful.locator('.badge-doubtful').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.conflict-text').first().textContent()).resolves.toContain('来源说法不一');
    // the date shows its precision: a year stays a year
    await expect(page.locator('tr[data-partner-id] time', { hasText: /^\d{4}$/ }).count()).resolves.toBeGreaterThan(0);
    // sort by country, then the table is in country order
    await page.getByRole('button', { name: /^国家/ }).click();
    await page.waitForURL(/sort=country/);
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain('国家');
    await page.waitForSelector('svg.worldmap .point-main');
    await page.screenshot({ path: artifact('place-dalian.png'), fullPage: true });
  });

  it('typing Dalian (English) reaches the same page, with the keyboard', async () => {
    const page = await tab();
    await searchAndChoose(page, 'Dalian', 'cn:210200');
    // Esc closes the suggestions
    await search(page).click();
    await page.keyboard.type('奥克兰');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(1);
    await page.keyboard.press('Escape');
    await expect(search(page).getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('Guangzhou lists two different places called 奥克兰: Auckland NZ and Oakland US', async () => {
    const page = await tab();
    await page.goto('/place/cn:440100');
    const links = page.locator('table.partners a.pn', { hasText: '奥克兰' });
    await expect.poll(() => links.count()).toBe(2);
    const ids = await links.evaluateAll((as) => as.map((a) => a.getAttribute('data-place-id')));
    expect(new Set(ids).size).toBe(2);
    const rows = page.locator('table.partners tbody tr', { has: page.locator('a.pn', { hasText: '奥克兰' }) });
    const text = (await rows.allTextContents()).join(' | ');
    expect(text).toContain('Auckland');
    expect(text).toContain('新西兰');
    expect(text).toContain('Oakland');
    expect(text).toContain('美国');
    // following one reaches that place's own page
    const auckland = page.locator('table.partners a.pn', { hasText: 'Auckland' });
    const href = await auckland.getAttribute('href');
    await auckland.click();
    await page.waitForURL((u) => u.pathname === href);
    await expect(page.locator('h1').textContent()).resolves.toContain('Auckland');
    await expect.poll(() => page.locator('table.partners a.pn', { hasText: '广州' }).count()).toBeGreaterThan(0);
  });

  it('the map filters by a year range from the URL and from its form', async () => {
    const page = await tab();
    const arcs = async () => {
      const label = page.getByTestId('arc-count');
      await label.waitFor();
      await page.waitForSelector('svg.worldmap');
      const n = Number(await label.getAttribute('data-count'));
      expect(await page.locator('svg.worldmap path.arc').count()).toBe(n);
      return n;
    };
    await page.goto('/map');
    const all = await arcs();
    expect(all).toBeGreaterThan(300);
    await page.screenshot({ path: artifact('map.png'), fullPage: true });

    await page.goto('/map?from=1980&to=1990');
    const eighties = await arcs();
    expect(eighties).toBeGreaterThan(0);
    expect(eighties).toBeLessThan(all);
    await expect(page.getByLabel('起始年份').inputValue()).resolves.toBe('1980');

    // the form writes the URL
    await page.getByLabel('截止年份').fill('1985');
    await page.getByRole('button', { name: '应用' }).click();
    await page.waitForURL(/to=1985/);
    await expect.poll(async () => Number(await page.getByTestId('arc-count').getAttribute('data-count'))).toBeLessThan(eighties);
    // hovering an arc names the pair
    const arc = page.locator('svg.worldmap path.arc').first();
    await expect(arc.locator('title').textContent()).resolves.toMatch(/ — /);
  });

  it('switching to English shows English labels, and stays after a reload', async () => {
    const page = await tab();
    await page.goto('/');
    await expect(page.getByRole('link', { name: '地图', exact: true }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByRole('link', { name: 'Map', exact: true }).count()).resolves.toBe(1);
    await expect(page.locator('footer').textContent()).resolves.toContain('Place data: GeoNames (CC BY 4.0)');
    await page.reload();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('link', { name: 'Timeline', exact: true }).count()).resolves.toBe(1);
    await page.getByText('Top partner countries').waitFor();
    await page.goto('/place/cn:210200');
    await page.getByText('Sources', { exact: true }).first().waitFor();
    await expect.poll(() => listedRows(page).count()).toBe(34);
  });

  it('deep links load directly: /place/cn:210200 and /timeline', async () => {
    const page = await tab();
    await page.goto('/place/cn:210200');
    await expect.poll(() => page.locator('h1').textContent()).toContain('大连市');
    await expect.poll(() => listedRows(page).count()).toBe(34);
    await page.goto('/timeline');
    await expect.poll(() => page.locator('[data-testid="chart-kind"] rect').count()).toBeGreaterThan(20);
    await expect.poll(() => page.locator('[data-testid="chart-continent"] rect').count()).toBeGreaterThan(20);
    await page.screenshot({ path: artifact('timeline.png'), fullPage: true });
    await page.goto('/country/JP');
    await expect.poll(async () => Number(await page.getByTestId('ties-count').locator('.stat-value').textContent())).toBeGreaterThan(10);
  });

  it('the quality page gives the reasons for unresolved names in the interface language', async () => {
    const page = await tab();
    await page.goto('/quality');
    const table = page.getByTestId('unresolved');
    await table.waitFor();
    const reasons = table.locator('td[data-reason-code]');
    await expect.poll(() => reasons.count()).toBeGreaterThan(5);
    // in Chinese (the default): 里士滿 in the United States is ambiguous, said in Chinese, not in the API's English
    const richmond = table.locator('tr', { hasText: '里士滿' }).locator('td[data-reason-code="ambiguous"]');
    await expect(richmond.textContent()).resolves.toBe('有 4 个美国的地方叫“里士滿”，文件没有说明是哪一个');
    for (const text of await reasons.allTextContents()) {
      expect(text).toMatch(/\p{Script=Han}/u);
      expect(text).not.toMatch(/gazetteer|places are called|names no country|not in the/);
    }
    await expect(table.locator('td[data-reason-code="not_in_gazetteer"]').first().textContent()).resolves.toMatch(/^地名库中找不到.+的“.+”$/);
    // the candidates' "why" too
    await expect(table.locator('tr', { hasText: '里士滿' }).locator('.muted', { hasText: '同名' }).count()).resolves.toBeGreaterThan(0);
    // in English: the sentence, with the country's name
    await page.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => richmond.textContent()).toBe('4 places are called 里士滿 in United States and the document does not say which');
  });

  it('the quality page tells same-named candidates apart: state, population and id', async () => {
    const page = await tab();
    await page.goto('/quality');
    const table = page.getByTestId('unresolved');
    await table.waitFor();
    const lines = await table.locator('tr', { hasText: '里士滿' }).first().locator('td[data-label="候选"] li').allTextContents();
    expect(lines.length).toBe(4);
    // no two alike, and each says where it is
    expect(new Set(lines).size).toBe(4);
    for (const [state, id] of [['Virginia', 'gn:4781708'], ['Indiana', 'gn:4263681'], ['Kentucky', 'gn:4305974'], ['Utah', 'gn:5780388']])
      expect(lines.some((l) => l.includes(state) && l.includes(id))).toBe(true);
    expect(lines.find((l) => l.includes('Virginia'))).toContain('人口 226,610');
  });

  it('home, quality and a phone-width place page render (screenshots in test-artifacts/)', async () => {
    const page = await tab();
    await page.goto('/');
    await page.getByTestId('total-relationships').waitFor();
    await expect.poll(() => page.locator('.barlist li').count()).toBeGreaterThan(20);
    await page.screenshot({ path: artifact('home.png'), fullPage: true });

    await page.goto('/quality');
    await page.getByTestId('unresolved').waitFor();
    await expect(page.locator('.badge-ok').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: artifact('quality.png'), fullPage: true });

    const phone = await tab({ width: 360, height: 740 });
    await phone.goto('/place/cn:210200');
    await expect.poll(() => listedRows(phone).count()).toBe(34);
    await phone.waitForSelector('svg.worldmap');
    // nothing wider than the screen
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: artifact('place-phone.png'), fullPage: false });
    await phone.screenshot({ path: artifact('place-phone-full.png'), fullPage: true });
  });
});
