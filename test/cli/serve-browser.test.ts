/** `kestrel serve`'s page in headless Chromium, driven as a hunter would: a notebook of blocks beside the view. */
import type { Browser, Frame, Page } from 'playwright-core';
import { defaultConnectors } from '../../connectors/registry';
import { MemoryStore } from '../../graph/memory-store';
import { serveExplorer, type Explorer } from '../../src/cli/serve';
import { Session } from '../../src/engine/session';
import { chromiumMissing, launchChromium, openExplorer } from '../browser';
import { FIXTURES } from '../hunt';
import { describeWithPart } from '../optional-part';
import { LocalRunner } from './local-runner';

declare const kestrelView: { cy: { zoom(): number } };
/** What the tests read of the page (they compile without the DOM library); `pwned` is what a hostile value would set. */
interface PageGlobals {
  document: { querySelector(selector: string): unknown; activeElement: { id: string; selectionStart: number } };
  pwned?: number;
}

const TASKS = "tasks = GET process FROM file://event-logs/schtask_create.json WHERE name = 'schtasks.exe'\nDISP tasks ATTR pid, name";
const HOSTILE_NAME = '<img src=x onerror="window.top.pwned=1">';
const HOSTILE_LINE = '</td></table><script>window.pwned=2</script>';
const TYPO = '# a typo on the next line\nkids = FIND process CREATED BY taskz';

describeWithPart('kestrel serve in headless Chromium', chromiumMissing(), () => {
  let explorer: Explorer;
  let browser: Browser;
  let page: Page;
  let dialogs: string[];
  let errors: string[];

  beforeAll(async () => {
    explorer = await serveExplorer(new LocalRunner(new Session({ store: new MemoryStore(), connectors: defaultConnectors() })), { baseDir: FIXTURES });
    browser = await launchChromium();
    ({ page, dialogs, errors } = await openExplorer(browser, explorer.url));
  });
  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });

  const idle = () => page.waitForFunction(() => !(globalThis as unknown as PageGlobals).document.querySelector('.cell.running'));
  async function runBlock(source: string): Promise<void> {
    await page.fill('#huntflow', source);
    await page.keyboard.press('Control+Enter');
    await idle();
  }
  const texts = (selector: string) => page.locator(selector).allTextContents();
  /** The view's frame, once it has drawn. */
  async function viewFrame(): Promise<Frame> {
    await page.frameLocator('#view').locator('body[data-state="ready"]').waitFor();
    return page.frames().find((f) => f !== page.mainFrame())!;
  }

  test('keeps every block with its source and output, newest at the bottom, and the view of every variable beside them', async () => {
    await runBlock(TASKS);
    await runBlock('up = FIND process CREATED tasks DEPTH *\nDISP up ATTR pid, name');
    expect(await texts('.cell .number')).toEqual(['[1]', '[2]']);
    expect(await texts('#block-1 pre.source span')).toEqual(TASKS.split('\n'));
    expect(await texts('#block-1 .out table td')).toEqual(expect.arrayContaining(['8920', 'schtasks.exe']));
    expect(await texts('#block-2 .out table td')).toEqual(expect.arrayContaining(['powershell.exe']));
    expect(await page.inputValue('#huntflow')).toBe('');
    const view = await viewFrame();
    expect(await view.locator('h1').textContent()).toBe('tasks, up');
    // Labels drawn at 13 px times the zoom: 10 px or more beside the notebook.
    expect(await view.evaluate(() => kestrelView.cy.zoom() * 13)).toBeGreaterThanOrEqual(10);
  });

  test('shows tables as HTML tables, hostile values as text', async () => {
    const entity = JSON.stringify([{ name: HOSTILE_NAME, pid: 666, command_line: HOSTILE_LINE }]);
    await runBlock(`evil = NEW process ${entity}\nDISP evil ATTR pid, name, command_line`);
    expect(await texts('#block-3 .out table:first-of-type th')).toEqual(['pid', 'name', 'command_line']);
    expect(await texts('#block-3 .out table:first-of-type td')).toEqual(['666', HOSTILE_NAME, HOSTILE_LINE]);
    expect(await page.locator('#cells img, #cells script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test('points an error at its block, line and column with the caret excerpt; the place opens the block in the editor there', async () => {
    await runBlock(TYPO);
    const column = TYPO.split('\n')[1].indexOf('taskz') + 1;
    expect(await page.getAttribute('#block-4', 'class')).toBe('cell failed');
    expect(await page.textContent('#block-4 .error b')).toBe('error[E_UNDEFINED_VARIABLE]');
    expect(await page.textContent('#block-4 button.at')).toBe(`block 4, line 2, column ${column}`);
    expect(await page.textContent('#block-4 .error pre')).toMatch(new RegExp(`^2 \\| kids = FIND process CREATED BY taskz\\n +\\| {${column}}\\^$`));
    await page.click('#block-4 button.at');
    expect(await page.inputValue('#huntflow')).toBe(TYPO);
    const offset = TYPO.indexOf('taskz');
    const focused = await page.evaluate(() => {
      const { id, selectionStart } = (globalThis as unknown as PageGlobals).document.activeElement;
      return [id, selectionStart];
    });
    expect(focused).toEqual(['huntflow', offset]);
  });

  test('re-runs a block as a new block at the bottom, and a reloaded page shows every block again', async () => {
    await page.click('#block-1 button:has-text("Re-run")');
    await idle();
    expect(await texts('#block-5 pre.source span')).toEqual(TASKS.split('\n'));
    expect(await page.getAttribute('#block-5', 'class')).toBe('cell ok');
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    expect(await texts('.cell .number')).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]']);
    expect(await texts('#block-3 .out table:first-of-type td')).toEqual(['666', HOSTILE_NAME, HOSTILE_LINE]);
    expect(await (await viewFrame()).locator('h1').textContent()).toBe('tasks, up, evil');
    expect(errors).toEqual([]);
  });
});
