/**
 * The skeleton, proven in a real VS Code: the packaged extension activates, its language server
 * starts and answers, and a palette command opens a webview that renders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSession, type Session } from './harness/session';
import {
  activeWebview,
  answerOpenDialog,
  runPaletteCommand,
  screenshot,
  waitForNotification,
  waitUntil,
} from './harness/workbench';
import { join } from 'node:path';

describe('PerfLens in a real VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  let s: Session;

  before(async () => {
    s = await openSession('skeleton', 'basic');
  });
  after(async () => {
    await s?.close();
  });

  it('activates and its language server answers a status request (palette: PerfLens: Language Server Status)', async () => {
    await s.step('server-status', async () => {
      await runPaletteCommand(s.workbench.page, 'PerfLens: Language Server Status');
      const text = await waitForNotification(s.workbench.page, /PerfLens language server/);
      assert.match(text, /PerfLens language server 0\.1\.0 \(pid \d+, ipc, Node v\d+/);
    });
  });

  it('opens a webview panel that renders (palette: PerfLens: Show Panel)', async () => {
    await s.step('show-panel', async () => {
      await runPaletteCommand(s.workbench.page, 'PerfLens: Show Panel');
      const frame = activeWebview(s.workbench.page);
      await frame.locator('h1', { hasText: 'PerfLens' }).waitFor({ timeout: 60_000 });
      const facts = await frame.locator('dl.facts').innerText();
      assert.match(facts, /Language server\s+0\.1\.0 · pid \d+ · ipc/);
      assert.equal(await frame.locator('table').count(), 1);
      await screenshot(s.workbench.page, 'skeleton-panel');
    });
  });

  it('serves the webview with a strict, nonce-based Content-Security-Policy', async () => {
    await s.step('csp', async () => {
      const frame = activeWebview(s.workbench.page);
      const csp = await frame
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      assert.ok(csp, 'the page has a CSP meta tag');
      assert.match(csp, /default-src 'none'/);
      const nonce = /script-src 'nonce-([A-Za-z0-9]+)'/.exec(csp)?.[1];
      assert.ok(nonce && nonce.length >= 16, `script-src uses a nonce: ${csp}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const scriptNonce = await frame
        .locator('script[src]')
        .first()
        .evaluate((el) => (el as unknown as { nonce: string }).nonce);
      assert.equal(scriptNonce, nonce);
    });
  });

  it('draws a real V8 profile as a flame graph with speedscope (palette: PerfLens: Open Flame Graph)', async () => {
    await s.step('flame', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Open Flame Graph');
      await answerOpenDialog(page, join(s.workspace, 'profiles', 'work.cpuprofile'));
      const frame = activeWebview(page);
      // speedscope titles its page "<profile> - speedscope" once it has imported and drawn it.
      const html = frame.locator('html');
      const title = () =>
        html.evaluate(
          () => (globalThis as unknown as { document: { title: string } }).document.title,
        );
      await waitUntil(
        async () => (await title().catch(() => '')).endsWith(' - speedscope'),
        60_000,
        'speedscope has drawn the profile',
      );
      assert.equal(await title(), 'work.cpuprofile - speedscope');
      // speedscope draws on a WebGL canvas, with its toolbar naming the profile.
      await frame.locator('canvas').first().waitFor();
      await frame.getByText('work.cpuprofile').first().waitFor();
      await screenshot(page, 'skeleton-flame');
      // Flame cells are drawn on a canvas; speedscope's Sandwich view lists the same functions
      // as a DOM table, so the program's own functions can be read back from there.
      await frame.getByText('Sandwich').first().click();
      for (const fn of ['putEntry', 'encodeEntry', 'hashLoop'])
        await frame.getByText(fn, { exact: true }).first().waitFor();
    });
  });
});
