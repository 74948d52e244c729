import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The Chromium the browser tests drive: Debian's, unless KESTREL_CHROMIUM names another. */
export const CHROMIUM = process.env.KESTREL_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests cannot run (with the install command), or undefined when they can (for describeWithPart). */
export function chromiumMissing(): string | undefined {
  return fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: apt-get install -y chromium, or set KESTREL_CHROMIUM`;
}

/** Chromium, headless, quiet (no background fetches of its own). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface OfflinePage {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Console errors and warnings, uncaught exceptions. */
  errors: string[];
}

/** Opens a local file with every request that is not file: aborted, recording what was asked for and what failed. */
export async function openOffline(browser: Browser, file: string): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await context.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => (globalThis as unknown as { kestrelView?: { renderedMs?: number } }).kestrelView?.renderedMs !== undefined);
  return { page, requests, errors };
}

/** `kestrel serve`'s page, once it says it is ready: what it showed in dialogs (dismissed) and its uncaught exceptions. */
export interface ExplorerPage {
  page: Page;
  dialogs: string[];
  errors: string[];
}

export async function openExplorer(browser: Browser, url: string): Promise<ExplorerPage> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(20_000);
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"]');
  return { page, dialogs, errors };
}

/** For a describe block: one browser and one temporary folder shared by its tests, closed and removed after them. */
export function browserSuite() {
  let browser: Browser | undefined;
  let dir = '';
  beforeAll(async () => {
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kestrel-view-'));
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const suite = {
    browser: (): Browser => browser!,
    /** The path of `name` in the folder. */
    file: (name: string): string => path.join(dir, name),
    /** Writes `html` to `name` in the folder; returns its path. */
    write(name: string, html: string): string {
      fs.writeFileSync(suite.file(name), html);
      return suite.file(name);
    },
    /** Writes a view page and opens it offline, once it says it is ready. */
    async openView(name: string, html: string): Promise<OfflinePage> {
      const opened = await openOffline(browser!, suite.write(name, html));
      await opened.page.waitForSelector('body[data-state="ready"]');
      return opened;
    },
  };
  return suite;
}
