/**
 * Restricted Mode: launching a process is code execution, so Profile Run explains why it is
 * unavailable and starts nothing; opening saved artefacts still works.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import {
  activeWebview,
  answerOpenDialog,
  runPaletteCommand,
  screenshot,
  waitForNotification,
  waitForPerfLens,
} from './harness/workbench';

describe(
  'PerfLens in Restricted Mode (real VS Code, untrusted workspace)',
  { timeout: 300_000 },
  () => {
    let s: Session;

    before(async () => {
      s = await openSession('restricted', 'basic', {
        settings: { 'security.workspace.trust.enabled': true },
        waitForPerfLens: false,
      });
      const page = s.workbench.page;
      // VS Code asks whether to trust the folder's authors; a careful user says no.
      const dontTrust = page
        .getByRole('button', { name: /No, I don.t trust the authors|Don.t Trust/ })
        .first();
      const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first();
      await dontTrust.or(restricted).first().waitFor({ timeout: 60_000 });
      if (await dontTrust.isVisible()) await dontTrust.click();
      await waitForPerfLens(page);
    });
    after(async () => {
      await s?.close();
    });

    it('Profile Run says why it is unavailable and starts nothing', async () => {
      await s.step('profile-run-refused', async () => {
        const page = s.workbench.page;
        await page
          .locator('.statusbar-item', { hasText: 'Restricted Mode' })
          .first()
          .waitFor({ timeout: 30_000 });
        await runPaletteCommand(page, 'PerfLens: Profile Run');
        const text = await waitForNotification(page, /Restricted Mode/);
        assert.match(text, /code execution/);
        assert.match(text, /Trust the workspace/);
        assert.equal(
          existsSync(join(s.workspace, '.perflens')),
          false,
          'no run folder was created',
        );
        await screenshot(page, 'restricted-profile-run');
      });
    });

    it('still opens a saved profile', async () => {
      await s.step('open-profile', async () => {
        const page = s.workbench.page;
        await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
        await answerOpenDialog(page, join(s.workspace, 'profiles', 'work.cpuprofile'));
        await activeWebview(page)
          .locator('h2', { hasText: 'Your code: top functions by self time' })
          .waitFor({ timeout: 60_000 });
      });
    });
  },
);
