/**
 * Compare Runs in a real VS Code, as a user does it: the palette command, the two folders picked
 * in the open dialog, the verdict in a notification and the Markdown comparison in the editor with
 * its preview beside it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import type { Page } from 'playwright-core';
import { runPaletteCommand, screenshot, waitForNotification, waitUntil } from './harness/workbench';

/**
 * Two open dialogs in a row: the harness's answerOpenDialog keeps answering while any quick
 * input is on screen, so it would answer the second dialog (pre-filled with the first folder)
 * too. This one acts only while the dialog with its own title is shown.
 */
async function answerTitledDialog(page: Page, title: string, absolutePath: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const titled = widget.locator('.quick-input-title', { hasText: title });
  await titled.waitFor({ state: 'visible', timeout: 30_000 });
  const input = widget.locator('input.input');
  const row = page
    .locator('.quick-input-list .monaco-list-row', { hasText: absolutePath.split('/').pop()! })
    .first();
  await waitUntil(
    async () => {
      if (!(await titled.isVisible())) return true;
      const value = await input.inputValue({ timeout: 1000 }).catch(() => undefined);
      if (value === undefined || !value.startsWith('/')) return false;
      if (value !== absolutePath) {
        await input.press('Control+A');
        await page.keyboard.insertText(absolutePath);
      } else if ((await row.isVisible()) && (await titled.isVisible())) {
        await input.press('Enter');
      }
      return false;
    },
    30_000,
    `the ${title} dialog accepted ${absolutePath}`,
  );
}

describe('Compare Runs (real VS Code)', { timeout: 300_000 }, () => {
  let s: Session;

  /** Five hand-made iterations: run.json start/end give the wall-clocks (ms). */
  function side(name: string, walls: number[]): string {
    const dir = join(s.workspace, 'ab', name);
    walls.forEach((w, i) => {
      const d = join(dir, `run-${i + 1}`);
      mkdirSync(d, { recursive: true });
      const start = Date.UTC(2026, 11, 2, 9, 0, 0) + i * 600_000;
      writeFileSync(
        join(d, 'run.json'),
        JSON.stringify({
          startTime: new Date(start).toISOString(),
          endTime: new Date(start + w).toISOString(),
          exitCode: 0,
        }),
      );
      writeFileSync(join(d, 'script.log'), 'PASS balances match\n');
    });
    return dir;
  }

  before(async () => {
    s = await openSession('compare-runs', 'basic');
  });
  after(async () => {
    await s?.close();
  });

  it('palette → two folders → verdict notification and the Markdown table in the editor', async () => {
    await s.step('compare-runs', async () => {
      const page = s.workbench.page;
      // Baseline 100…104 s, treatment 110…114 s: every treatment slower → p = 2/252, +10 s.
      const baseline = side('baseline', [100_000, 101_000, 102_000, 103_000, 104_000]);
      const treatment = side('treatment', [110_000, 111_000, 112_000, 113_000, 114_000]);
      await runPaletteCommand(page, 'PerfLens: Compare Runs…');
      await answerTitledDialog(page, 'PerfLens: Baseline', baseline);
      await answerTitledDialog(page, 'PerfLens: Treatment', treatment);
      const note = await waitForNotification(page, /PerfLens A\/B: worse/);
      assert.match(note, /wall-clock \+9\.80 %.*p = 0\.0079, n = 5 vs 5.*\(5 vs 5 iterations\)/);
      // The Markdown source is the active editor: its first lines are rendered by Monaco.
      const editor = page.locator('.editor-group-container .monaco-editor .view-lines').first();
      await editor.getByText('A/B comparison: worse', { exact: false }).first().waitFor();
      await screenshot(page, 'compare-runs-markdown');
    });
  });
});
