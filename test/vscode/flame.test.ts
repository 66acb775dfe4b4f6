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
import { HOSTILE, writeHostileInputs } from './harness/hostileInputs';

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

    it('hostile names and file name show literally in speedscope; nothing runs', async () => {
      await s.step('hostile', async () => {
        const page = s.workbench.page;
        let dialogs = 0;
        page.on('dialog', (d) => {
          dialogs++;
          void d.dismiss();
        });
        const { profile } = writeHostileInputs(s.workspace);
        await openFlame(page, profile);
        const frame = activeWebview(page);
        await waitDrawn(frame, 'hostile.cpuprofile');
        const text = () =>
          frame
            .locator('html')
            .evaluate(
              () =>
                (globalThis as unknown as { document: { body: { textContent: string } } }).document
                  .body.textContent,
            )
            .catch(() => '');
        // speedscope's Sandwich table lists every function by name.
        await frame.getByText('Sandwich').first().click();
        await waitUntil(
          async () => {
            const t = await text();
            return t.includes(HOSTILE.scriptBreak) && t.includes(HOSTILE.backticks);
          },
          30_000,
          'both hostile function names in the sandwich table, literally',
        );
        // Hovering a frame in the callers/callees flame shows its file: the hostile file name
        // `"><svg onload=…>.js`. Walk the canvases top to bottom until the tooltip appears.
        await frame.getByText(HOSTILE.scriptBreak, { exact: true }).first().click();
        let fileShown = false;
        for (const canvas of await frame.locator('canvas').all()) {
          const box = await canvas.boundingBox();
          if (!box) continue;
          for (let y = 4; y < box.height && !fileShown; y += 8) {
            await canvas.hover({ position: { x: box.width / 4, y }, force: true }).catch(() => {});
            fileShown = (await text()).includes(`${HOSTILE.attrBreak}.js`);
          }
          if (fileShown) break;
        }
        assert.ok(fileShown, 'the hostile file name, literally, in the hover card');
        await screenshot(page, 'flame-hostile-names');
        const html = frame.locator('html');
        assert.equal(
          await html.evaluate(() => (globalThis as unknown as { document: Doc }).document.title),
          'hostile.cpuprofile - speedscope',
        );
        assert.equal(await frame.locator('img[src="x"], svg[onload]').count(), 0);
        assert.notEqual(await page.title(), 'PWNED');
        assert.equal(dialogs, 0);
        assert.deepEqual(
          s.workbench.consoleLines.filter((l) =>
            /Refused to (apply|load|execute|evaluate)|Content Security Policy/.test(l),
          ),
          [],
          'no CSP violation: nothing tried to run',
        );
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
            /cut\.cpuprofile(:1:\d+| \(byte \d+\)): error: /.test(
              await status.innerText({ timeout: 1000 }).catch(() => ''),
            ),
          60_000,
          'the panel names the broken file and the place (line 1, column = byte offset + 1)',
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
