// Sources a person can read, in a real browser: a tie cites its document by title, publisher, as-of date and
// link (not by a hashed file name); the Sources view lists every document with its versions, rows and
// declared totals, and a version's page shows what changed since the one before it.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SKIP_BROWSER, CHROMIUM, STATIC_DIR, artifact, ensureWebBuilt, launch, openTab, type Browsing, type Tab } from './browser-helpers.js';
import { sampleRegistry, tempDir } from './registry-helpers.js';
import { ingestPaths } from '../src/cli/main.js';
import { readManifest } from '../src/ingest/manifest.js';
import { SAMPLES_DIR } from '../src/paths.js';
import { startServer, type RunningServer } from '../src/server/index.js';

if (SKIP_BROWSER) console.warn(`browser sources tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

const GUANGZHOU = '002_1b86fcdda1af5c3a.txt';
const DALIAN_TITLE = '大连市友好城市及友好合作关系城市统计表';
const DALIAN_URL = 'http://www.wb.dl.gov.cn/info/19244_23923.vm';

describe.skipIf(SKIP_BROWSER)('sources a person can read (chromium)', () => {
  let server: RunningServer;
  let browsing: Browsing;
  const tabs: Tab[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    const { db, path } = await sampleRegistry();
    // a second version of Guangzhou's list: Manila gone, Los Angeles signed a day later
    const dir = join(tempDir(), 'v2');
    mkdirSync(dir);
    const text = readFileSync(join(SAMPLES_DIR, GUANGZHOU), 'utf8')
      .replace('03.\t马尼拉\t菲律宾\t1982.11.05\n', '')
      .replace('02.\t洛杉矶\t美国\t1981.12.08', '02.\t洛杉矶\t美国\t1981.12.09');
    writeFileSync(join(dir, GUANGZHOU), text);
    const sample = JSON.parse(readFileSync(join(SAMPLES_DIR, 'manifest.json'), 'utf8')) as { documents: Array<{ file: string }> };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ documents: sample.documents.filter((d) => d.file === GUANGZHOU) }));
    await ingestPaths(db, [dir], { quiet: true, json: true, manifest: readManifest(join(dir, 'manifest.json')) });
    db.close();
    [server, browsing] = await Promise.all([startServer({ dbPath: path, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, log: false }), launch()]);
  });

  afterAll(async () => {
    await browsing?.close();
    await server?.close();
  });

  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems);
    await Promise.all(tabs.splice(0).map((t) => t.close()));
    expect(problems).toEqual([]);
  });

  async function tab(): Promise<Page> {
    const t = await openTab(browsing.browser, server.url);
    tabs.push(t);
    return t.page;
  }

  it('the API gives each source of a tie its title, publisher, as-of date and link, and the diff of two versions', async () => {
    const res = await fetch(`${server.url}/api/places/cn:210200/partners`);
    const { partners } = (await res.json()) as { partners: Array<{ partner: { name_zh_hans: string }; sources: any[] }> };
    const kitakyushu = partners.find((p) => p.partner.name_zh_hans === '北九州')!;
    expect(kitakyushu.sources[0]).toMatchObject({ title: DALIAN_TITLE, publisher: '大连市外事（侨务）办公室', as_of: '2011-10', url: DALIAN_URL, version: 1 });

    const sources = ((await (await fetch(`${server.url}/api/sources`)).json()) as { sources: Array<{ id: number; file_name: string; version: number }> }).sources;
    const v2 = sources.find((s) => s.file_name === GUANGZHOU && s.version === 2)!;
    const diff = (await (await fetch(`${server.url}/api/sources/${v2.id}/diff`)).json()) as any;
    expect(diff.from.version).toBe(1);
    expect(diff.removed.map((c: any) => c.foreign_name)).toEqual(['马尼拉']);
    expect(diff.redated.map((c: any) => [c.foreign_name, c.from.date, c.to.date])).toEqual([['洛杉矶', '1981-12-08', '1981-12-09']]);
    expect(diff.added).toEqual([]);
    const v1 = sources.find((s) => s.file_name === GUANGZHOU && s.version === 1)!;
    expect((await fetch(`${server.url}/api/sources/${v1.id}/diff`)).status).toBe(404);
  });

  it('a tie on Dalian’s page cites its document by title, line, publisher and as-of date, linked to the Sources view and the original', async () => {
    const page = await tab();
    await page.goto('/place/cn:210200');
    const row = page.locator('table.partners tbody tr', { hasText: '北九州' }).first();
    await row.waitFor();
    const cite = row.locator('.srcref').first();
    await expect(cite.locator('.src-title').textContent()).resolves.toBe(DALIAN_TITLE);
    await expect(cite.textContent()).resolves.toMatch(/^大连市友好城市及友好合作关系城市统计表，第 \d+ 行 · 大连市外事（侨务）办公室 · 截至 2011-10 原文$/);
    await expect(cite.locator('a.src-url').getAttribute('href')).resolves.toBe(DALIAN_URL);
    // no hashed file name is shown as the source anywhere in the partners table
    await expect.poll(() => page.locator('table.partners').innerText()).not.toMatch(/[0-9a-f]{16}\.txt/);
    await page.screenshot({ path: artifact('sources-place-cite.png') });
    await cite.locator('.src-title').click();
    await page.waitForURL(/\/sources\/\d+$/);
    await expect.poll(() => page.locator('h1').textContent()).toContain(DALIAN_TITLE);
    await expect(page.getByTestId('source-url').textContent()).resolves.toBe(DALIAN_URL);
  });

  it('the Sources view lists every document with its versions, rows and declared totals; a new version shows what changed', async () => {
    const page = await tab();
    await page.goto('/');
    await page.getByRole('link', { name: '来源', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sources');
    const cards = page.locator('.source-card');
    await expect.poll(() => cards.count()).toBe(4);
    const titles = await cards.locator('h2').allTextContents();
    expect(titles).toEqual(expect.arrayContaining([DALIAN_TITLE, '西安市国际友好城市', '广州市国际友好城市一览', '中华人民共和国友好城市列表']));
    // Xi'an's list does not say where it was published, and the page says so rather than invent a link
    const xian = cards.filter({ hasText: '西安市国际友好城市' });
    await expect(xian.getByTestId('source-url').textContent()).resolves.toContain('不详');
    // Guangzhou: two versions; the second has one row fewer and its declared total (107 cities) no longer matches
    const gz = cards.filter({ hasText: '广州市国际友好城市一览' });
    const versions = gz.locator('tbody tr');
    await expect(versions.count()).resolves.toBe(2);
    const [rows1, rows2] = await versions.locator('td[data-label="读出的行"]').allTextContents();
    expect(Number(rows1) - Number(rows2)).toBe(1);
    await expect(versions.nth(1).textContent()).resolves.toContain('当前版本');
    await page.screenshot({ path: artifact('sources-view.png'), fullPage: true });

    await versions.nth(1).getByRole('link', { name: '第 2 版' }).click();
    await page.waitForURL(/\/sources\/\d+$/);
    const diff = page.getByTestId('source-diff');
    await diff.waitFor();
    await expect(diff.locator('h2').textContent()).resolves.toContain('与第 1 版相比');
    await expect(diff.locator('[data-change="removed"] li').allTextContents()).resolves.toEqual([expect.stringMatching(/^广州市 — 马尼拉 \(菲律宾\) · 第 10 行 · 1982-11-05$/)]);
    await expect(diff.locator('[data-change="redated"] li').allTextContents()).resolves.toEqual([expect.stringMatching(/^广州市 — 洛杉矶 \(美国\) · 1981-12-08 → 1981-12-09$/)]);
    await expect(diff.locator('[data-change="added"] li').count()).resolves.toBe(0);
    await page.screenshot({ path: artifact('sources-diff.png'), fullPage: true });
  });
});
