/**
 * Over time, diagnostics snapshots, in a real VS Code: a 48-hour soak polled every 30 minutes
 * (test/fixtures/rust-diagnostics/soak-48h, from generate.mjs beside it). Counters are charted as
 * rates and gauges as levels on two charts; the field picker works from the keyboard; the copied
 * Markdown gives the real poll interval. Expected values come from the generator's formulas.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import { answerOpenDialog, runPaletteCommand, screenshot, waitUntil } from './harness/workbench';
import { repoRoot } from './harness/paths';
import { panelFrame } from './harness/panelFrame';

const FIXTURE = join(repoRoot, 'test', 'fixtures', 'rust-diagnostics', 'soak-48h');

describe('Diagnostics fields over time (real VS Code)', { timeout: 600_000 }, () => {
  let s: Session;
  let run: string;
  before(async () => {
    s = await openSession('diagnosticsOverTime', 'basic');
    await s.workbench.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    run = join(s.workspace, 'runs', 'soak-48h');
    mkdirSync(join(s.workspace, 'runs'), { recursive: true });
    cpSync(FIXTURE, run, { recursive: true });
  });
  after(async () => {
    await s?.close();
  });

  it('rates and levels charted, a field picked from the keyboard, the poll interval copied', async () => {
    await s.step('diagnostics-over-time', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, run);
      const f = await panelFrame(page, 'soak-48h');
      await f.locator('#tab-time').click();
      await f.locator('#tab-time[aria-selected="true"]').waitFor();
      const section = f.locator('section', { hasText: 'Diagnostics snapshots' });
      await section.locator('.uplot').nth(1).waitFor();
      // 97 snapshots 1,800,000 ms apart: "30 min 0 s"
      assert.match(await section.locator('.basis').innerText(), /97 snapshots polled every 30 min/);
      const legend = async (n: number) =>
        (await section.locator('.uplot').nth(n).locator('.u-legend').innerText()).replace(
          /\s+/g,
          ' ',
        );
      // The first three counters on the rate chart, the first three gauges on the level chart.
      assert.match(await legend(0), /verify\.count.*total_ns.*dropped_full/);
      assert.match(await legend(1), /max_ns.*avg_dwell_ms.*producer_per_sec/);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, 'panel-diagnostics-over-time-light');
      // Unpick the dwell with the keyboard: focus the picker, open it, tab to the box, Space.
      const summary = section.locator('details.picker summary');
      await summary.focus();
      await page.keyboard.press('Enter');
      const dwell = section.locator('label.check', { hasText: 'avg_dwell_ms' }).locator('input');
      await dwell.waitFor();
      await dwell.focus();
      await page.keyboard.press('Space');
      await waitUntil(
        async () => !/avg_dwell_ms/.test(await legend(1)),
        30_000,
        'the level chart without avg_dwell_ms',
      );
      assert.match(await legend(1), /max_ns.*producer_per_sec/);
      // Copy as Markdown: the rows of what is charted, the interval and the kinds.
      type Clip = {
        navigator: {
          clipboard: { readText(): Promise<string>; writeText(t: string): Promise<void> };
        };
      };
      await page.evaluate(() => (globalThis as unknown as Clip).navigator.clipboard.writeText('-'));
      await f.locator('.over-time button.copy-markdown').first().click();
      let md = '-';
      await waitUntil(
        async () => {
          md = await page.evaluate(() =>
            (globalThis as unknown as Clip).navigator.clipboard.readText(),
          );
          return md !== '-';
        },
        30_000,
        'the Markdown on the clipboard',
      );
      assert.match(md, /polled every 30 min 0 s/);
      assert.match(md, /Rates \(counters[^\n]*verify\.count/);
      assert.doesNotMatch(md, /avg\\_dwell\\_ms \(level\)/);
      // Snapshot 2 at 1,800 s: count 1000 → 2800 over 1,800 s = 1/s.
      assert.match(md, /^\| 2 \| 1,800 \| 1 \|/m);
    });
  });
});
