/**
 * Drives the VS Code workbench in headless Chromium as a user would: palette commands,
 * the Explorer, editors, notifications, webview frames. Waits on selectors, never on sleeps.
 */
import {
  chromium as playwright,
  type Browser,
  type BrowserContext,
  type Page,
  type FrameLocator,
} from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium as chromiumPath, artefactsRoot } from './paths';

export interface Workbench {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every console line of the workbench page, for failure reports. */
  readonly consoleLines: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function openWorkbench(
  origin: string,
  folder: string,
  query = '',
): Promise<Workbench> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  await page.goto(`${origin}/?folder=${encodeURIComponent(folder)}${query}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  return { browser, context, page, consoleLines, close: () => browser.close() };
}

/**
 * Wait until PerfLens shows its status bar item: the extension is active and its server started.
 */
export async function waitForPerfLens(page: Page, timeout = 90_000): Promise<void> {
  await page
    .locator('.statusbar-item', { hasText: 'PerfLens' })
    .first()
    .waitFor({ state: 'visible', timeout });
}

/**
 * Run a command from the palette by its full title, e.g. `PerfLens: Show Panel`.
 * The palette lists commands as registered when it opens, so it is reopened until the title shows.
 */
export async function runPaletteCommand(
  page: Page,
  title: string,
  timeout = 30_000,
): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeout;
  // Take focus out of any webview first: keys pressed inside one do not always reach the workbench.
  await page
    .locator('.part.sidebar .title-label')
    .first()
    .click({ timeout: 3000 })
    .catch(() => undefined);
  for (;;) {
    try {
      // Ctrl+Shift+P rather than F1: a focused webview forwards the former to the workbench.
      await page.keyboard.press('Control+Shift+P');
      // Short waits, retried: the workbench can be briefly inert (an editor or webview opening).
      await input.waitFor({ state: 'visible', timeout: 3000 });
      await input.fill(`>${title}`, { timeout: 3000 });
      await item.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw err;
    }
  }
  // Click the row itself: Enter would run whichever row the fuzzy ranking put first.
  await item.click();
  // The palette is done when its text is gone: the widget hides, or a command reuses it (a
  // quick pick, the simple file dialog) with other content.
  await waitUntil(
    async () =>
      !(await input.isVisible()) || (await input.inputValue().catch(() => '')) !== `>${title}`,
    30_000,
    `the palette has run ${title}`,
  );
}

/** Wait for a notification toast whose text matches; returns its text. */
export async function waitForNotification(
  page: Page,
  pattern: RegExp,
  timeout = 60_000,
): Promise<string> {
  const toast = page
    .locator('.notification-toast .notification-list-item-message', { hasText: pattern })
    .first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast.innerText();
}

/** The document inside the active webview (webviews are an iframe holding an iframe). */
export function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

/** Open a workspace file through Quick Open (Ctrl+P), as a user would. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(relativePath);
  const base = relativePath.split('/').pop()!;
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: base })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  await input.press('Enter');
  await page
    .locator(`.tab[aria-label^="${base}"]`)
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
}

/** Texts of the CodeLens currently shown in the active editor. */
export async function codeLensTexts(page: Page): Promise<string[]> {
  return page.locator('.editor-group-container.active .codelens-decoration').allInnerTexts();
}

/** Save a screenshot as a test artefact; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artefactsRoot, { recursive: true });
  const file = join(artefactsRoot, `${name.replace(/[^A-Za-z0-9_.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Poll a condition until it holds (a wait on state, not a fixed sleep). */
export async function waitUntil(
  condition: () => Promise<boolean>,
  timeout: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeout} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Answer VS Code's open dialog (in the browser it is the "simple file dialog": a quick input
 * holding a path) with an absolute path.
 */
export async function answerOpenDialog(page: Page, absolutePath: string): Promise<void> {
  const input = page.locator('.quick-input-widget input.input');
  // The dialog fills its input with the folder it starts in; wait for that before typing over it.
  await waitUntil(
    async () => (await input.inputValue({ timeout: 1000 }).catch(() => '')).startsWith('/'),
    30_000,
    'the open dialog shows a folder',
  );
  const base = absolutePath.split('/').pop()!;
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
  // The dialog edits its own input as it completes paths, and ignores Enter until it has
  // validated the path (it then lists the file). So: (re)type the path whenever the input holds
  // something else, and press Enter only when it holds exactly the path and lists the file.
  await waitUntil(
    async () => {
      if (!(await page.locator('.quick-input-widget').isVisible())) return true;
      const value = await input.inputValue({ timeout: 1000 }).catch(() => undefined);
      if (value === undefined) return false;
      if (value !== absolutePath) {
        await input.press('Control+A');
        await page.keyboard.insertText(absolutePath);
      } else if (await row.isVisible()) {
        await input.press('Enter');
      }
      return false;
    },
    30_000,
    `the open dialog accepted ${absolutePath}`,
  );
}

/** Choose the quick-pick row whose text contains `text` (clicking it, as a user would). */
export async function chooseQuickPick(page: Page, text: string, timeout = 30_000): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const title = widget.locator('.quick-input-title');
  const row = widget.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ state: 'visible', timeout });
  const before = await title.innerText().catch(() => '');
  const deadline = Date.now() + timeout;
  // On a busy machine the list can re-render under the pointer ("element is not stable") and a
  // click can land on nothing: the pick is made when its widget closes or shows another step.
  for (;;) {
    await row.click({ timeout: 3000 }).catch(() => undefined);
    const made = await waitUntil(
      async () =>
        !(await widget.isVisible()) ||
        (await title.innerText().catch(() => '')) !== before ||
        !(await row.isVisible()),
      3000,
      `the quick pick took ${text}`,
    ).then(
      () => true,
      () => false,
    );
    if (made) return;
    if (Date.now() > deadline) throw new Error(`the quick pick row ${text} could not be chosen`);
  }
}

/** The text of the status bar item whose text matches `pattern`, once there is one. */
export async function waitForStatusBar(
  page: Page,
  pattern: RegExp,
  timeout = 60_000,
): Promise<string> {
  const item = page.locator('.statusbar-item', { hasText: pattern }).first();
  await item.waitFor({ state: 'visible', timeout });
  return item.innerText();
}
