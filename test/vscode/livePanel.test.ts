/**
 * A live run's panel in a real VS Code: the sample daemon runs under Profile Run, its run folder
 * is opened from the palette while it runs (the panel did not exist when the run started), and
 * the panel follows it — the counters grow with each update while the sort the user chose stays.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Frame } from 'playwright-core';
import { openSession, type Session } from './harness/session';
import { prepareSampleWorkspace } from './harness/sampleWorkspace';
import {
  answerOpenDialog,
  chooseQuickPick,
  runPaletteCommand,
  screenshot,
  waitForNotification,
  waitForStatusBar,
  waitUntil,
} from './harness/workbench';
import { panelFrame } from './harness/panelFrame';

const TABLE = 'table.counter-table';

/** Name and count of each counter row, in the order shown. */
async function countsShown(f: Frame): Promise<{ name: string; count: number }[]> {
  return f.locator(`${TABLE} tbody tr`).evaluateAll((rows) =>
    rows.map((r) => {
      const cells = (r as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells;
      return {
        name: (cells[0]?.textContent ?? '').trim(),
        count: Number((cells[1]?.textContent ?? '').replace(/,/g, '')),
      };
    }),
  );
}

describe('A live run panel opened mid-run (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;

  before(async () => {
    s = await openSession('live-panel', 'sample', {
      prepareWorkspace: prepareSampleWorkspace,
      settings: { 'perflens.run.perfDumpMs': 500, 'perflens.run.graceMs': 4000 },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('follows the run: counters grow across updates, the sort by count is kept', async () => {
    await s.step('live-panel', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Profile Run');
      await chooseQuickPick(page, 'npm run daemon:forever');
      await chooseQuickPick(page, 'CPU profile (every Node process)');
      // The server has parsed a first dump: the status bar shows a top counter.
      await waitForStatusBar(page, /PerfLens \d+:\d\d · \S+ \d/, 60_000);
      const root = join(s.workspace, '.perflens', 'runs');
      const dir = existsSync(root) ? readdirSync(root).map((n) => join(root, n))[0] : undefined;
      assert.ok(dir, 'the run folder exists');

      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, dir);
      const f = await panelFrame(page, basename(dir));
      await f.locator('h1 .live').waitFor({ timeout: 30_000 });
      await f.locator('#tab-counters').click();
      await f.locator('label.check input').uncheck(); // one flat list, sorted as a whole
      await f.locator(`${TABLE} button.sort[data-sort="count"]`).click();
      const countHeader = f.locator(`${TABLE} thead th`, { has: f.locator('[data-sort="count"]') });
      assert.equal(await countHeader.getAttribute('aria-sort'), 'descending');
      const before = await countsShown(f);
      assert.ok(before.length > 0, 'counter rows are shown');
      const watched = before[0];
      // Dumps every 500 ms, updates at most once a second: the largest count grows.
      await waitUntil(
        async () =>
          ((await countsShown(f)).find((r) => r.name === watched.name)?.count ?? 0) > watched.count,
        60_000,
        `${watched.name} grows past ${watched.count}`,
      );
      const after = await countsShown(f);
      // The sort is kept across the updates: still by count, largest first.
      assert.equal(await countHeader.getAttribute('aria-sort'), 'descending');
      for (let i = 1; i < after.length; i++)
        assert.ok(
          after[i - 1].count >= after[i].count,
          `sorted by count: ${after.map((r) => `${r.name} ${r.count}`).join(', ')}`,
        );
      assert.equal(await f.locator('label.check input').isChecked(), false, 'grouping kept off');
      await screenshot(page, 'panel-live-counters');

      await page
        .locator('.statusbar-item', { hasText: /PerfLens \d+:\d\d/ })
        .first()
        .click();
      await waitForNotification(page, /npm run daemon:forever stopped after/, 60_000);
      // The finished run replaces the live data: no longer marked live.
      await waitUntil(
        async () => (await f.locator('h1 .live').count()) === 0,
        60_000,
        'the panel is no longer live',
      );
    });
  });
});
