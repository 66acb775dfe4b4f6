/**
 * The flame graph in a real VS Code: drawn from the server's compact file, drawn again after the
 * panel is hidden and shown and after a window reload, codicons instead of emoji, and a broken
 * profile explained in the panel itself.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { openSession, type Session } from './harness/session';
import {
  activeWebview,
  answerOpenDialog,
  openFile,
  runPaletteCommand,
  screenshot,
  waitForPerfLens,
  waitUntil,
} from './harness/workbench';

type Doc = { title: string; body: { innerText: string } };

/** speedscope has imported the profile (its title) and shows its view tabs (it drew). */
async function waitDrawn(frame: FrameLocator, title: string): Promise<void> {
  const html = frame.locator('html');
  await waitUntil(
    async () =>
      (
        await html
          .evaluate(() => {
            const d = (globalThis as unknown as { document: Doc }).document;
            return `${d.title}\n${d.body.innerText}`;
          })
          .catch(() => '')
      ).split('\n')[0] === `${title} - speedscope` &&
      (await frame
        .getByText('Sandwich')
        .first()
        .isVisible()
        .catch(() => false)),
    90_000,
    `speedscope has drawn ${title}`,
  );
  await frame.locator('canvas').first().waitFor();
}

async function openFlame(page: Page, path: string): Promise<void> {
  await runPaletteCommand(page, 'PerfLens: Open Flame Graph');
  await answerOpenDialog(page, path);
}

describe(
  'flame graph (speedscope fed a compact file through a webview URI)',
  { timeout: 600_000 },
  () => {
    let s: Session;
    before(async () => {
      s = await openSession('flame', 'basic');
    });
    after(async () => {
      await s?.close();
    });

    it('draws the profile, with codicons in place of speedscope emoji', async () => {
      await s.step('draw', async () => {
        const page = s.workbench.page;
        await openFlame(page, join(s.workspace, 'profiles', 'work.cpuprofile'));
        const frame = activeWebview(page);
        await waitDrawn(frame, 'work.cpuprofile');
        await frame.locator('.perflens-icon.codicon-history').first().waitFor();
        await frame.locator('.perflens-icon.codicon-layers').first().waitFor();
        await screenshot(page, 'flame-drawn');
      });
    });

    it('draws again after the panel is hidden and shown', async () => {
      await s.step('hide-show', async () => {
        const page = s.workbench.page;
        const frame = activeWebview(page);
        // Mark this page: a redraw on a page kept alive would not prove the re-send works.
        await frame.locator('html').evaluate(() => {
          (globalThis as unknown as { perflensMark: number }).perflensMark = 1;
        });
        await openFile(page, 'src/work.js');
        await page.locator('.tab[aria-label^="Flame: work.cpuprofile"]').first().click();
        const again = activeWebview(page);
        await waitDrawn(again, 'work.cpuprofile');
        const marked = await again
          .locator('html')
          .evaluate(() => (globalThis as unknown as { perflensMark?: number }).perflensMark);
        assert.equal(marked, undefined, 'the page was discarded while hidden and started again');
        await screenshot(page, 'flame-after-hide-show');
      });
    });

    it('draws again after a window reload (webview serializer)', async () => {
      await s.step('reload', async () => {
        const page = s.workbench.page;
        await page.reload();
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await waitForPerfLens(page);
        const tab = page.locator('.tab[aria-label^="Flame: work.cpuprofile"]').first();
        await tab.waitFor({ timeout: 60_000 });
        await tab.click();
        await waitDrawn(activeWebview(page), 'work.cpuprofile');
        await screenshot(page, 'flame-after-reload');
      });
    });

    it('explains a broken profile in the panel: the file, the byte offset, what went wrong', async () => {
      await s.step('broken', async () => {
        const page = s.workbench.page;
        const bytes = readFileSync(join(s.workspace, 'profiles', 'work.cpuprofile'));
        const cut = join(s.workspace, 'profiles', 'cut.cpuprofile');
        writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
        await openFlame(page, cut);
        const status = activeWebview(page).locator('#perflens-flame-status');
        await waitUntil(
          async () =>
            /cut\.cpuprofile \(byte \d+\): error: /.test(
              await status.innerText({ timeout: 1000 }).catch(() => ''),
            ),
          60_000,
          'the panel names the broken file and the byte offset',
        );
        assert.ok(await status.locator('.codicon-error').isVisible());
        const title = await activeWebview(page)
          .locator('html')
          .evaluate(() => (globalThis as unknown as { document: Doc }).document.title);
        assert.doesNotMatch(title, / - speedscope$/, 'the previous graph is not left on screen');
        await screenshot(page, 'flame-broken-profile');
      });
    });
  },
);
