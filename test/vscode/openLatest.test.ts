/**
 * `perflens.run.openLatestOnStartup` in a real VS Code: with the setting on, opening a workspace
 * that holds run folders shows the newest one in the PerfLens panel, with no command run. Only
 * the editor's start-up can show this, so it is tested here and nowhere else.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import { repoRoot } from './harness/paths';
import { screenshot } from './harness/workbench';

const OLDER = '2026-01-01T09-00-00-older';
const NEWER = '2026-01-02T09-00-00-newer';

/** The basic workspace with two finished runs in .perflens/runs (names sort by time). */
function prepare(workspace: string): void {
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', 'basic'), workspace, {
    recursive: true,
  });
  for (const [i, name] of [OLDER, NEWER].entries()) {
    const dir = join(workspace, '.perflens', 'runs', name);
    mkdirSync(dir, { recursive: true });
    const start = Date.UTC(2026, 0, 1 + i, 9, 0, 0);
    writeFileSync(
      join(dir, 'run.json'),
      JSON.stringify({
        formatVersion: 1,
        command: ['node', 'src/work.js'],
        profiler: 'none',
        status: 'completed',
        exitCode: 0,
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 5000).toISOString(),
      }),
    );
    writeFileSync(
      join(dir, 'script.log'),
      "[perf-counters] snapshot: {\n  'orbitdb.putEntry': { count: 2, totalMs: 30, avgMs: 15, maxMs: 20 }\n}\n",
    );
  }
}

describe('perflens.run.openLatestOnStartup (real VS Code)', { timeout: 300_000 }, () => {
  let s: Session;

  before(async () => {
    s = await openSession('open-latest', 'basic', {
      prepareWorkspace: prepare,
      settings: { 'perflens.run.openLatestOnStartup': true },
    });
  });
  after(async () => {
    await s?.close();
  });

  it('opens the newest run folder in the PerfLens panel when the workspace opens', async () => {
    await s.step('open-latest', async () => {
      const page = s.workbench.page;
      const tab = page.locator('.tabs-container .tab', { hasText: `PerfLens: ${NEWER}` });
      await tab.waitFor({ state: 'visible', timeout: 90_000 });
      await screenshot(page, 'open-latest-on-startup');
      assert.equal(
        await page.locator('.tabs-container .tab', { hasText: OLDER }).count(),
        0,
        'only the newest run is shown',
      );
    });
  });
});
