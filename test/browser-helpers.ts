// Driving Debian's chromium with playwright-core against the real server and a registry built from the samples.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PACKAGE_ROOT } from '../src/paths.js';
import { startServer } from '../src/server/index.js';
import { sampleRegistry } from './registry-helpers.js';

export const CHROMIUM = process.env.YOUCHENG_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** CI sets CI=true (GitHub Actions, GitLab, .ci/run): there a browser that is missing fails, it never skips. */
export const ON_CI = /^(true|1|yes)$/i.test(process.env.CI ?? '');
/**
 * Whether the browser tests skip: only off CI, when there is no chromium (each file says so loudly). With
 * CI=true they run and `launch` fails them, saying what is missing.
 */
export const SKIP_BROWSER = !HAS_CHROMIUM && !ON_CI;
export const STATIC_DIR = join(PACKAGE_ROOT, 'dist', 'web');
export const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The web app as `npm run build:web` makes it; built here when missing (running this file alone). */
export async function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(STATIC_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(PACKAGE_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** A registry from the four samples in a temp dir, served with the web app on a free port. */
export async function serveSamples(): Promise<Served> {
  const { db, path } = await sampleRegistry();
  db.close();
  const server = await startServer({ dbPath: path, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR, log: false });
  return { url: server.url, close: () => server.close() };
}

export interface Browsing {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Chromium, headless. `launch` gives it a fresh temporary profile (user-data-dir) of its own, removed on close;
 * each test's pages then live in a new context with its own storage.
 */
export async function launch(): Promise<Browsing> {
  if (!HAS_CHROMIUM) {
    throw new Error(
      `no chromium at ${CHROMIUM}: with CI=true the browser tests fail instead of skipping. Install it ` +
        `(apt-get install chromium fonts-wqy-zenhei) or point YOUCHENG_CHROMIUM at one.`,
    );
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return { browser, close: () => browser.close() };
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** console errors, uncaught exceptions, failed requests, and requests that left the server */
  problems: string[];
  close(): Promise<void>;
}

/** A page in a new context (own storage), watching for errors and for anything fetched from elsewhere. */
export async function openTab(browser: Browser, base: string, viewport = { width: 1280, height: 860 }): Promise<Tab> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', baseURL: base });
  const problems: string[] = [];
  const origin = new URL(base).origin;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:')) return route.continue();
    problems.push(`request outside the server: ${u}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  return { context, page, problems, close: () => context.close() };
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
