// A map a person can use, in a real browser: zoom and pan with the wheel, by dragging, with two fingers and
// with buttons; an arc or a city opens its page on a click, and both are reached with the keyboard; a legend
// says what a dashed arc is; a year range the wrong way round says so instead of loading for ever.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { SKIP_BROWSER, CHROMIUM, artifact, ensureWebBuilt, launch, openTab, serveSamples, type Browsing, type Served, type Tab } from './browser-helpers.js';

if (SKIP_BROWSER) console.warn(`browser map tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

describe.skipIf(SKIP_BROWSER)('the map (chromium)', () => {
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

  async function tab(): Promise<Page> {
    const t = await openTab(browsing.browser, served.url);
    tabs.push(t);
    return t.page;
  }

  const svg = (page: Page) => page.locator('svg.worldmap-interactive');
  const zoom = async (page: Page) => Number(await svg(page).getAttribute('data-zoom'));
  const translate = async (page: Page) => {
    const tr = (await page.locator('svg.worldmap-interactive g.map-layer').getAttribute('transform')) ?? 'translate(0 0)';
    const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(tr)!;
    return [Number(m[1]), Number(m[2])];
  };

  async function openMap(page: Page, path = '/map') {
    await page.goto(path);
    await page.locator('svg.worldmap-interactive a.arc-link').first().waitFor();
  }

  /** The centre of the map on the screen. */
  async function centre(page: Page) {
    const b = (await svg(page).boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2, b };
  }

  it('zooms with the wheel and the buttons, pans by dragging and with the buttons, and shows the whole world again', async () => {
    const page = await tab();
    await openMap(page);
    expect(await zoom(page)).toBe(1);
    const c = await centre(page);
    await page.mouse.move(c.x, c.y);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => zoom(page)).toBeGreaterThan(1.5);
    // the page did not scroll under the wheel
    await expect(page.evaluate(() => window.scrollY)).resolves.toBe(0);

    // drag to the right: the map moves right by as much
    const [x0, y0] = await translate(page);
    await page.mouse.move(c.x, c.y);
    await page.mouse.down();
    await page.mouse.move(c.x + 60, c.y + 30, { steps: 6 });
    await page.mouse.up();
    const [x1, y1] = await translate(page);
    const unitsPerPx = 960 / c.b.width;
    expect(x1 - x0).toBeCloseTo(60 * unitsPerPx, 0);
    expect(y1 - y0).toBeCloseTo(30 * unitsPerPx, 0);
    // the drag did not open what it ended over
    expect(new URL(page.url()).pathname).toBe('/map');

    const before = await zoom(page);
    await page.getByRole('button', { name: '放大' }).click();
    await expect.poll(() => zoom(page)).toBeCloseTo(before * 1.5, 1);
    await page.getByRole('button', { name: '缩小' }).click();
    await expect.poll(() => zoom(page)).toBeCloseTo(before, 1);
    const [px] = await translate(page);
    await page.getByRole('button', { name: '向右移动' }).click();
    expect((await translate(page))[0]).toBeLessThan(px);
    await page.screenshot({ path: artifact('map-zoomed.png') });
    await page.getByRole('button', { name: '显示全图' }).click();
    expect(await zoom(page)).toBe(1);
    expect(await translate(page)).toEqual([0, 0]);
  });

  it('two fingers pinch to zoom on a touch screen', async () => {
    const page = await tab();
    await openMap(page);
    const c = await centre(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 2 });
    const touch = (type: string, d: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [
          { x: c.x - d, y: c.y, id: 1 },
          { x: c.x + d, y: c.y, id: 2 },
        ],
      });
    await touch('touchStart', 40);
    for (const d of [60, 80, 100, 120]) await touch('touchMove', d);
    await touch('touchEnd', 0);
    // fingers three times as far apart: three times the zoom
    await expect.poll(() => zoom(page)).toBeCloseTo(3, 0);
  });

  it('a click on an arc opens the tie, a click on a city opens the place', async () => {
    const page = await tab();
    await openMap(page);
    // the middle of an arc, and what is drawn there on top
    const spot = await page.locator('svg.worldmap-interactive a.arc-link').evaluateAll((links) => {
      for (const a of links) {
        const p = a.querySelector('path')! as SVGPathElement;
        const pt = p.getPointAtLength(p.getTotalLength() / 2);
        const m = p.getScreenCTM()!;
        const x = pt.x * m.a + pt.y * m.c + m.e;
        const y = pt.x * m.b + pt.y * m.d + m.f;
        const top = document.elementFromPoint(x, y)?.closest('a');
        if (top === a) return { x, y, href: a.getAttribute('href')! };
      }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await page.waitForURL((u) => u.pathname === spot!.href);
    expect(spot!.href).toMatch(/^\/relationship\/\d+$/);
    await page.getByTestId('tie-status').waitFor();

    await openMap(page);
    const city = page.locator('svg.worldmap-interactive a.point-link[data-place-id="cn:210200"]');
    const box = (await city.boundingBox())!;
    // Dalian is where many arcs begin: the city is drawn over them
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL((u) => u.pathname === '/place/cn:210200');
  });

  it('the keyboard reaches the arcs and the cities: Tab into each, arrows between them, Enter opens one', async () => {
    const page = await tab();
    await openMap(page);
    await page.getByRole('button', { name: '向下移动' }).focus();
    await page.keyboard.press('Tab');
    const active = () => page.evaluate(() => ({ cls: document.activeElement?.getAttribute('class'), href: document.activeElement?.getAttribute('href'), label: document.activeElement?.getAttribute('aria-label') }));
    const first = await active();
    expect(first.cls).toBe('arc-link');
    await page.keyboard.press('ArrowRight');
    const second = await active();
    expect(second.cls).toBe('arc-link');
    expect(second.href).not.toBe(first.href);
    // what has the focus is named where a mouse user sees the hovered arc
    await expect.poll(() => page.getByTestId('hover-info').textContent()).toBe(second.label);
    // + zooms from the keyboard
    await page.keyboard.press('+');
    await expect.poll(() => zoom(page)).toBeCloseTo(1.5, 1);
    // Tab leaves the arcs for the cities (one stop each)
    await page.keyboard.press('Tab');
    expect((await active()).cls).toBe('point-link');
    await page.keyboard.press('Shift+Tab');
    expect((await active()).href).toBe(second.href);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === second.href);
  });

  it('a legend says what a dashed arc is; the doubtful arcs are dashed', async () => {
    const page = await tab();
    await openMap(page);
    const legend = page.getByTestId('map-legend');
    await expect(legend.textContent()).resolves.toContain('虚线：存疑');
    const swatch = await legend.locator('.legend-doubtful').evaluate((el) => getComputedStyle(el, '::before').borderTopStyle);
    expect(swatch).toBe('dashed');
    const dashes = await page.locator('path.arc-doubtful').evaluateAll((ps) => ps.map((p) => getComputedStyle(p).strokeDasharray));
    expect(dashes.length).toBeGreaterThan(0);
    for (const d of dashes) expect(d).not.toBe('none');
  });

  it('a year range the wrong way round says so, and offers to swap the years', async () => {
    const page = await tab();
    await page.goto('/map?from=2000&to=1990');
    const alert = page.getByTestId('years-inverted');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('起始年份 2000 晚于截止年份 1990');
    await expect.poll(() => page.locator('.loading').count()).toBe(0);
    await alert.getByRole('button', { name: '交换年份' }).click();
    await page.waitForURL((u) => u.search === '?from=1990&to=2000');
    await expect.poll(async () => Number(await page.getByTestId('arc-count').getAttribute('data-count'))).toBeGreaterThan(0);
    await expect(page.getByTestId('years-inverted').count()).resolves.toBe(0);
  });
});
