/**
 * `kestrel serve`'s page follows a block in headless Chromium (issue 20), with the session in its worker (dist/:
 * `npm test` builds first): "follow" checked, the block's table grows as lines are appended, Stop ends it.
 */
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { serveExplorer, type Explorer } from '../../src/cli/serve';
import { SessionHost } from '../../src/cli/session-host';
import { browserSuite, chromiumMissing, openExplorer } from '../browser';
import { describeWithPart } from '../optional-part';
import { KIDS_HUNT, newChild, startLog } from './growing-log';
import { SESSION_WORKER } from './local-runner';

jest.setTimeout(60_000);

/** What the test reads of the page (it compiles without the DOM library). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { textContent: string }[] };
}

describeWithPart('kestrel serve follows a block in headless Chromium', chromiumMissing(), () => {
  const suite = browserSuite();
  let host: SessionHost;
  let explorer: Explorer;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    host = new SessionHost({ script: SESSION_WORKER });
    explorer = await serveExplorer(host, { baseDir: suite.file('') });
    ({ page, errors } = await openExplorer(suite.browser(), explorer.url));
  });
  afterAll(async () => {
    await explorer?.close();
    await host?.close();
  });

  const cellTexts = () => page.locator('#block-1 .out td').allTextContents();

  test('a followed block shows an appended row live, and Stop ends it with every row', async () => {
    const log = startLog(suite.file(''));
    await page.check('#follow');
    await page.fill('#huntflow', KIDS_HUNT.join('\n'));
    await page.click('#run');
    await page.waitForSelector('#block-1.following');
    expect(await page.locator('#block-1 .state').textContent()).toBe('following: live');
    expect(await cellTexts()).toEqual(expect.arrayContaining(['8920', 'schtasks.exe']));

    const t0 = Date.now();
    fs.appendFileSync(log, `${newChild(0)}\n`);
    await page.waitForFunction(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll('#block-1 .out td')].some((td) => td.textContent === '20000'));
    process.stderr.write(`kestrel serve --follow in Chromium: an appended Sysmon event shown in ${Date.now() - t0} ms\n`);
    expect(await page.locator('#block-1 .out p.live').first().textContent()).toMatch(/^following file:\/\/.*log\.json since [\d:.]+ \(UTC\): 1 update, the last at/);
    await page.screenshot({ path: suite.file('following.png') });
    expect(fs.statSync(suite.file('following.png')).size).toBeGreaterThan(10_000);

    await page.click('#block-1 button.stop');
    await page.waitForSelector('#block-1.ok');
    expect(await page.locator('#block-1 button.stop').count()).toBe(0);
    expect(await page.locator('#block-1 .out table').count()).toBe(2);
    expect(await cellTexts()).toEqual(expect.arrayContaining(['8920', '20000']));
    expect(await page.locator('#block-1 .out p.live').textContent()).toMatch(/^followed file:\/\/.*log\.json from [\d:.]+ to [\d:.]+ \(UTC\): 1 new record in 1 update$/);

    await page.uncheck('#follow');
    await page.fill('#huntflow', 'DISP kids ATTR pid');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#block-2.ok');
    expect(await page.locator('#block-2 .out td').allTextContents()).toEqual(expect.arrayContaining(['8920', '20000']));
    expect(errors).toEqual([]);
  });
});
