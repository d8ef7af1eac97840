// Editing in the web app, in a real browser: sign in with a token, add a tie, end it, read the audit log,
// a 409 when someone else changed the tie, a token the server refuses, sign out.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import type { Page } from 'playwright-core';
import { SKIP_BROWSER, CHROMIUM, STATIC_DIR, artifact, ensureWebBuilt, launch, openTab, type Browsing, type Tab } from './browser-helpers.js';
import { sampleRegistry } from './registry-helpers.js';
import { addUser } from '../src/registry/users.js';
import { startServer, type RunningServer } from '../src/server/index.js';

const SKIP = SKIP_BROWSER;
if (SKIP) console.warn(`SKIPPED (not on CI): browser edit tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)`);

const DALIAN = 'cn:210200';

describe.skipIf(SKIP)(`editing in the web app in chromium${SKIP ? ` (skipped: no ${CHROMIUM})` : ''}`, () => {
  let server: RunningServer;
  let browsing: Browsing;
  let editor: string;
  let reader: string;
  let bob: string;
  let dbPath: string;
  const tabs: Tab[] = [];
  /** responses a test expects to fail (a 409 it provokes, a token it knows is bad) */
  let expected: RegExp[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    const { db, path } = await sampleRegistry();
    editor = addUser(db, 'alice', 'editor').token;
    reader = addUser(db, 'rita', 'reader').token;
    bob = addUser(db, 'bob', 'editor').token;
    db.close();
    dbPath = path;
    [server, browsing] = await Promise.all([startServer({ dbPath: path, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, log: false }), launch()]);
  });

  afterAll(async () => {
    await browsing?.close();
    await server?.close();
  });

  afterEach(async () => {
    const problems = tabs.flatMap((t) => t.problems).filter((p) => !expected.some((re) => re.test(p)));
    expected = [];
    await Promise.all(tabs.splice(0).map((t) => t.close()));
    expect(problems).toEqual([]);
  });

  async function tab(): Promise<Page> {
    const t = await openTab(browsing.browser, server.url);
    tabs.push(t);
    return t.page;
  }

  const rows = (page: Page) => page.locator('table.partners tbody tr');
  const editControls = (page: Page) => page.locator('[data-testid="place-edit-actions"], table.partners [data-action]');

  async function openDalian(page: Page) {
    await page.goto(`/place/${DALIAN}`);
    await expect.poll(() => rows(page).count()).toBeGreaterThan(30);
  }

  async function signIn(page: Page, token: string) {
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '编辑者登录' });
    await dialog.waitFor();
    // the token field has focus: paste it, Enter signs in
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('signin-token');
    await page.keyboard.insertText(token);
    await page.keyboard.press('Enter');
    // the header says who is signed in only once the server has said whose the token is
    await page.locator('.signed-in[data-user]').waitFor();
  }

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  it('an editor signs in, adds a tie to Tokyo, suspends it, finds both in the edits; signing out hides the controls', async () => {
    const page = await tab();
    await openDalian(page);
    await expect(editControls(page).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: '编辑记录', exact: true }).count()).resolves.toBe(1);

    await signIn(page, editor);
    // the token is in sessionStorage, not localStorage, and nowhere in the page
    await expect(page.evaluate(() => sessionStorage.getItem('youcheng.token'))).resolves.toBe(editor);
    await expect(page.evaluate(() => JSON.stringify(localStorage))).resolves.not.toContain('yc_');
    // (the secret is all that follows `yc_<id>_`: it may hold `_` itself, so it is not split on `_`)
    const secret = /^yc_[0-9a-f]{12}_(.{43})$/.exec(editor)![1];
    await expect(page.content()).resolves.not.toContain(secret);
    const before = await rows(page).count();

    // add a tie: the partner found by search, with the keyboard
    await page.getByRole('button', { name: '添加关系', exact: true }).click();
    const add = page.getByRole('dialog', { name: /为大连市添加结好关系/ });
    await add.waitFor();
    const picker = add.getByRole('combobox', { name: /外方地点/ });
    await expect(picker.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('东京', { delay: 20 });
    const option = add.getByRole('option').filter({ hasText: 'Tokyo' }).first();
    await option.waitFor();
    const tokyo = (await option.getAttribute('data-place-id'))!;
    const index = await add.getByRole('option').evaluateAll((os, id) => os.findIndex((o) => o.getAttribute('data-place-id') === id), tokyo);
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(add.locator('.picked').getAttribute('data-place-id')).resolves.toBe(tokyo);
    await add.getByLabel('类型').selectOption('sister');
    await add.getByLabel('精确到').selectOption('month');
    await add.getByLabel('年月（YYYY-MM）').fill('2024-05');
    await add.getByLabel('出处').fill('https://example.org/dalian-fao/2024-3');
    await add.getByLabel('备注').fill('签约仪式在东京举行');
    await page.screenshot({ path: artifact('edit-add-tie.png') });
    await add.getByRole('button', { name: '添加关系', exact: true }).click();
    await add.waitFor({ state: 'detached' });

    const row = page.locator(`table.partners tbody tr[data-partner-id="${tokyo}"]`);
    await row.waitFor();
    await expect.poll(() => rows(page).count()).toBe(before + 1);
    await expect(row.locator('time').first().textContent()).resolves.toBe('2024-05');
    await expect(row.getAttribute('data-status')).resolves.toBe('listed');
    await expect(page.getByTestId('notice').textContent()).resolves.toContain('已添加关系');
    const relId = Number(await row.getAttribute('data-relationship-id'));
    expect(relId).toBeGreaterThan(0);

    // end it: suspended, with a reason
    await row.getByRole('button', { name: /^终止关系：东京/ }).click();
    const end = page.getByRole('dialog', { name: /终止或暂停/ });
    await end.waitFor();
    await end.getByLabel('已暂停（冻结）').check();
    await end.getByLabel('精确到').selectOption('year');
    await end.getByLabel('年份（YYYY）').fill('2025');
    await end.getByLabel('原因').fill('交流暂停，等待续签');
    await end.getByRole('button', { name: '暂停关系', exact: true }).click();
    await end.waitFor({ state: 'detached' });
    await expect.poll(() => row.getAttribute('data-status')).toBe('suspended');
    const status = row.locator('td.status');
    await expect.poll(() => status.textContent()).toContain('交流暂停，等待续签');
    await expect(status.textContent()).resolves.toMatch(/已暂停.*暂停于 2025/);
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('edit-suspended-row.png') });

    // the relationship page: state, sources (here the editor's own), history
    await row.getByRole('link', { name: /^详情：东京/ }).click();
    await page.waitForURL((u) => u.pathname === `/relationship/${relId}`);
    await expect.poll(() => page.getByTestId('tie-status').textContent()).toContain('已暂停');
    await expect(page.locator('.srcref').first().textContent()).resolves.toContain('alice');
    await expect(page.locator('table.edits tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: artifact('edit-relationship.png'), fullPage: true });

    // the audit log lists both edits, by alice, before → after
    await page.getByRole('link', { name: '编辑记录', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/edits');
    const log = page.locator('table.edits tbody tr');
    await expect.poll(() => log.count()).toBeGreaterThanOrEqual(2);
    const actions = await log.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    expect(actions).toContain('relationship.add');
    expect(actions).toContain('relationship.suspend');
    const suspendRow = page.locator('table.edits tbody tr[data-action="relationship.suspend"]');
    const text = (await suspendRow.textContent()) ?? '';
    expect(text).toContain('alice');
    expect(text).toContain('暂停关系');
    await expect(suspendRow.locator('li[data-field="status"]').textContent()).resolves.toBe('状态：已列出 → 已暂停');
    await expect(suspendRow.locator('li[data-field="end_reason"] .change-after').textContent()).resolves.toBe('交流暂停，等待续签');
    await page.screenshot({ path: artifact('edit-log.png'), fullPage: true });

    // sign out: the controls go, the data stays
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录', exact: true }).waitFor();
    await expect(page.evaluate(() => sessionStorage.getItem('youcheng.token'))).resolves.toBeNull();
    await openDalian(page);
    await expect(editControls(page).count()).resolves.toBe(0);
    await expect(page.locator(`table.partners tbody tr[data-partner-id="${tokyo}"]`).getAttribute('data-status')).resolves.toBe('suspended');
    await page.screenshot({ path: artifact('edit-signed-out.png') });
  });

  it('someone else changed the tie: the 409 shows the tie as it is now, and saving again works', async () => {
    // the browser reports the 409 twice: as a response, and on the console
    expected = [/409.*\/api\/relationships\/\d+\)?$/];
    const page = await tab();
    await openDalian(page);
    await signIn(page, editor);
    const row = page.locator('table.partners tbody tr[data-status="listed"]').first();
    const relId = Number(await row.getAttribute('data-relationship-id'));
    await row.getByRole('button', { name: /^更正日期：/ }).click();
    const dialog = page.getByRole('dialog', { name: /更正日期/ });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('button', { name: '保存', exact: true }).isEnabled()).toBe(true);

    // meanwhile, another editor changes the kind
    const now = await api<{ version: number }>('GET', `/api/relationships/${relId}`);
    const other = await api<{ version: number }>('PATCH', `/api/relationships/${relId}`, { kind: 'cooperation', note: 'changed elsewhere', version: now.body.version });
    expect(other.status).toBe(200);

    await dialog.getByLabel('精确到').selectOption('year');
    await dialog.getByLabel('年份（YYYY）').fill('1981');
    await dialog.getByLabel('出处').fill('https://example.org/dalian-fao/1981');
    await dialog.getByLabel('备注').fill('据1981年的协议书');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    const conflict = dialog.getByTestId('version-conflict');
    await conflict.waitFor();
    // what the editor typed is all still there
    await expect(dialog.getByLabel('年份（YYYY）').inputValue()).resolves.toBe('1981');
    await expect(dialog.getByLabel('出处').inputValue()).resolves.toBe('https://example.org/dalian-fao/1981');
    await expect(dialog.getByLabel('备注').inputValue()).resolves.toBe('据1981年的协议书');
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('其他人刚刚修改了这条关系');
    expect(text).toContain('友好合作关系');
    expect(text).toContain(String(other.body.version));
    await page.screenshot({ path: artifact('edit-conflict.png') });
    await conflict.getByRole('button', { name: '在最新版本上重新保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const same = page.locator(`table.partners tbody tr[data-relationship-id="${relId}"]`);
    await expect.poll(() => same.locator('time').first().textContent()).toBe('1981');
    const after = await api<{ start_date: string; kind: string; version: number }>('GET', `/api/relationships/${relId}`);
    expect(after.body.start_date).toBe('1981');
    // saving again changed only the date: the other editor's kind stands
    expect(after.body.kind).toBe('cooperation');
    expect(after.body.version).toBeGreaterThan(other.body.version);
  });

  it('a token the server does not know is refused at sign-in: not "signed in", nothing stored', async () => {
    expected = [/\b401\b.*\/api\/me\)?$/];
    const page = await tab();
    await openDalian(page);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '编辑者登录' });
    await dialog.waitFor();
    await page.keyboard.insertText('yc_000000000000_' + 'A'.repeat(43));
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('signin-error').textContent()).toContain('服务器不接受这个令牌');
    await expect(page.locator('.signed-in').count()).resolves.toBe(0);
    await expect(page.evaluate(() => sessionStorage.getItem('youcheng.token'))).resolves.toBeNull();
    await expect(editControls(page).count()).resolves.toBe(0);
    await page.screenshot({ path: artifact('edit-token-refused.png') });
    // the real token, in the same dialog, signs in and names the account
    await page.locator('#signin-token').fill(editor);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.locator('.signed-in').textContent()).resolves.toBe('已登录：alice（编辑者）');
  });

  it('a token revoked while the form was open: the edit is refused, what was typed is kept, and saving after signing in again works', async () => {
    expected = [/\b40[13]\b.*\/api\/relationships\/\d+\/end\)?$/];
    const page = await tab();
    await openDalian(page);
    await signIn(page, reader);
    await expect(page.locator('.signed-in').textContent()).resolves.toBe('已登录：rita（只读）');
    const row = page.locator('table.partners tbody tr[data-status="listed"]').first();
    const relId = Number(await row.getAttribute('data-relationship-id'));
    const openEnd = async () => {
      await row.getByRole('button', { name: /^终止关系：/ }).click();
      const dialog = page.getByRole('dialog', { name: /终止或暂停/ });
      await dialog.waitFor();
      await expect.poll(() => dialog.getByRole('button', { name: '终止关系', exact: true }).isEnabled()).toBe(true);
      return dialog;
    };
    // a reader may sign in, and is told they may not edit
    const d1 = await openEnd();
    await d1.getByLabel('原因').fill('测试');
    await d1.getByRole('button', { name: '终止关系', exact: true }).click();
    await expect.poll(() => d1.getByTestId('form-error').textContent()).toContain('没有编辑权限');
    await page.keyboard.press('Escape');
    await d1.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '退出登录' }).click();

    await signIn(page, bob);
    const dialog = await openEnd();
    await dialog.getByLabel('已暂停（冻结）').check();
    await dialog.getByLabel('原因').fill('市政府换届，交流暂停');
    await dialog.getByLabel('出处').fill('https://example.org/notice/42');
    // meanwhile an admin revokes bob
    const { openRegistry } = await import('../src/registry/db.js');
    const { revokeUser } = await import('../src/registry/users.js');
    const w = openRegistry(dbPath);
    revokeUser(w, 'bob', { name: 'admin' });
    w.close();
    await dialog.getByRole('button', { name: '暂停关系', exact: true }).click();
    const err = dialog.getByTestId('form-error');
    await expect.poll(() => err.textContent()).toContain('你填写的内容都还在');
    await page.getByTestId('signed-out').waitFor();
    await expect(page.evaluate(() => sessionStorage.getItem('youcheng.token'))).resolves.toBeNull();
    // the dialog is still open with everything typed
    await expect(dialog.getByLabel('原因').inputValue()).resolves.toBe('市政府换届，交流暂停');
    await expect(dialog.getByLabel('出处').inputValue()).resolves.toBe('https://example.org/notice/42');
    await expect(dialog.getByLabel('已暂停（冻结）').isChecked()).resolves.toBe(true);
    await page.screenshot({ path: artifact('edit-refused-kept.png') });
    // sign in again inside the form, then save: the tie is suspended with what was typed
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('password');
    await page.keyboard.insertText(editor);
    await page.keyboard.press('Enter');
    await dialog.getByTestId('signed-in-again').waitFor();
    await dialog.getByRole('button', { name: '暂停关系', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const after = await api<{ status: string; end_reason: string }>('GET', `/api/relationships/${relId}`);
    expect(after.body).toMatchObject({ status: 'suspended', end_reason: '市政府换届，交流暂停' });
  });

  it('in English: Sign in, Edits, and the controls speak English', async () => {
    const page = await tab();
    await page.goto('/');
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('dialog', { name: 'Sign in to edit' }).waitFor();
    await page.getByLabel('Editor token').fill(editor);
    await page.getByRole('dialog').getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('.signed-in').textContent()).toBe('Signed in: alice (editor)');
    await openDalian(page);
    for (const name of ['Add a tie', 'Merge with…', 'Split', 'Add alias']) await page.getByRole('button', { name, exact: true }).waitFor();
    // each row's buttons name the partner too
    await expect(page.getByRole('button', { name: /^Correct date: / }).count()).resolves.toBeGreaterThan(30);
    await expect(page.getByRole('button', { name: /^End tie: / }).count()).resolves.toBeGreaterThan(30);
    // on a phone: nothing wider than the screen, and the dialog fits
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Add a tie', exact: true }).click();
    const add = page.getByRole('dialog', { name: /^Add a tie to / });
    await add.waitFor();
    const box = (await add.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    await page.screenshot({ path: artifact('edit-add-tie-phone.png') });
    await page.keyboard.press('Escape');
    await add.waitFor({ state: 'detached' });
    // focus goes back to the button that opened the dialog
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Add a tie');
    await page.setViewportSize({ width: 1280, height: 860 });

    // an alias for this place
    await page.getByRole('button', { name: 'Add alias', exact: true }).click();
    const alias = page.getByRole('dialog', { name: /^Add an alias for / });
    await alias.getByLabel('Alias (a name as the sources write it)').fill('Dairen');
    await expect(alias.getByLabel('Country code').inputValue()).resolves.toBe('CN');
    await alias.getByRole('button', { name: 'Add the alias' }).click();
    await alias.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Alias added: Dairen');

    await page.getByRole('link', { name: 'Edits', exact: true }).click();
    await page.getByRole('heading', { name: 'Edits' }).waitFor();
    await page.locator('table.edits tr[data-action="alias.add"]').waitFor();
    await expect(page.locator('table.edits tr[data-action="alias.add"]').textContent()).resolves.toContain('Added an alias');
    await page.screenshot({ path: artifact('edit-log-en.png'), fullPage: true });
  });
  it('a corrected date is the tie’s date, with who corrected it and what the document says, not a conflict; edits are not documents', async () => {
    const page = await tab();
    await page.goto('/');
    const sources = page.getByTestId('total-sources').locator('.stat-value');
    await expect.poll(() => sources.textContent()).toBe('4');
    await openDalian(page);
    await signIn(page, editor);
    const row = page.locator('table.partners tbody tr', { hasText: '奥克兰' }).first();
    await expect(row.locator('time').first().textContent()).resolves.toBe('1982-03-30');
    await row.getByRole('button', { name: /^更正日期：/ }).click();
    const dialog = page.getByRole('dialog', { name: /更正日期/ });
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('button', { name: '保存', exact: true }).isEnabled()).toBe(true);
    await dialog.getByLabel('日期（YYYY-MM-DD）').fill('1982-03-31');
    await dialog.getByLabel('出处').fill('https://example.org/oakland-1982');
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await expect.poll(() => row.locator('time').first().textContent()).toBe('1982-03-31');
    const note = row.getByTestId('correction');
    await note.waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await expect(note.textContent()).resolves.toBe(
      `已更正 由 alice 于 ${today} 更正；文件写的是 1982-03-30 (大连市友好城市及友好合作关系城市统计表，第 14 行 · 大连市外事（侨务）办公室 · 截至 2011-10 原文)`,
    );
    // not a disagreement between sources
    await expect(row.locator('.conflict-text').count()).resolves.toBe(0);
    // the edit among the row's sources is named in Chinese, not "edits by alice:N"
    const editRef = row.locator('.srcref-edit');
    await expect(editRef.textContent()).resolves.toMatch(/^alice 的编辑 #\d+$/);
    await expect(row.innerText()).resolves.not.toContain('edits by');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifact('edit-corrected-row.png') });

    // the home page still counts four documents (edits are not documents), and counts the edits apart
    await page.goto('/');
    await expect.poll(() => sources.textContent()).toBe('4');
    await expect(page.getByTestId('total-edits').locator('.stat-value').textContent()).resolves.toMatch(/^\d+$/);
  });
});
