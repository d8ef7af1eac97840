// The open-data views in a real browser (Debian's chromium, the real server) on the registry `npm start` builds:
// the QuickStatements batch and its copy button, coverage against the official totals, the network's chain
// finder, and a place page's Wikidata item.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { startServer } from '../src/server/index.js';
import { SKIP_BROWSER, CHROMIUM, STATIC_DIR, ensureWebBuilt, launch, openTab, type Browsing, type Tab } from './browser-helpers.js';
import { defaultRegistry } from './registry-helpers.js';

const SKIP = SKIP_BROWSER;
if (SKIP) console.warn(`SKIPPED (not on CI): browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

describe.skipIf(SKIP)(`open-data views in chromium${SKIP ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  let server: { url: string; close(): Promise<void> };
  let browsing: Browsing;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    const { db, path } = await defaultRegistry();
    db.close();
    [server, browsing] = await Promise.all([startServer({ dbPath: path, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, log: false }), launch()]);
  }, 180_000);

  afterAll(async () => {
    await browsing?.close();
    await server?.close();
  });

  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems);
    await Promise.all(tabs.splice(0).map((t) => t.close()));
    expect(problems).toEqual([]);
  });

  async function tab(): Promise<{ page: Page; t: Tab }> {
    const t = await openTab(browsing.browser, server.url);
    tabs.push(t);
    return { page: t.page, t };
  }

  it('/wikidata shows the batch; the copy button puts exactly it on the clipboard', async () => {
    const { page, t } = await tab();
    await t.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto('/wikidata');
    const batch = page.getByTestId('qs-batch');
    await expect.poll(async () => (await batch.inputValue()).length).toBeGreaterThan(1000);
    const text = await batch.inputValue();
    expect(text.split('\n').every((l) => /^Q\d+\tP190\tQ\d+\t/.test(l))).toBe(true);
    await page.getByTestId('qs-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    await expect.poll(() => page.getByTestId('qs-copy').textContent()).toBe('已复制');
  });

  it('/coverage sets the official 3,054 ties beside the registry; /network finds 大连 – 热那亚 one tie apart', async () => {
    const { page } = await tab();
    await page.goto('/coverage');
    await expect.poll(() => page.getByTestId('coverage-official').textContent()).toMatch(/3,054/);
    await page.goto('/network');
    await page.getByLabel('从').fill('大连');
    await page.getByLabel('到').fill('热那亚');
    await page.getByRole('button', { name: '查找' }).click();
    await expect.poll(() => page.getByTestId('chain').textContent()).toMatch(/^1 条关系: 大连市 — 热那亚$/);
  });

  it('/quality shows how many of the snapshot’s places got a Wikidata id, as the API counts them', async () => {
    const { page } = await tab();
    const q = (await (await fetch(`${server.url}/api/quality`)).json()) as { wikidata: { matched: number; held: number } | null };
    expect(q.wikidata).not.toBeNull();
    expect(q.wikidata!.matched).toBeGreaterThan(0);
    await page.goto('/quality');
    const tile = page.getByTestId('quality-wikidata');
    await expect.poll(() => tile.textContent()).toContain(`${q.wikidata!.matched.toLocaleString('en')} / ${q.wikidata!.held.toLocaleString('en')}`);
  });

  it('a place page shows its Wikidata item and how it was matched', async () => {
    const { page } = await tab();
    await page.goto('/place/gn:1841811');
    await expect.poll(() => page.getByTestId('wikidata').textContent()).toMatch(/^Q41283 name "Gwangju" = "Gwangju", country KR, 1\.\d km apart .* nodes\.tsv:3901$/);
  });
});
