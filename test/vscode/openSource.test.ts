/**
 * Opening artefacts in a real VS Code: a CPU profile of a real program run becomes a table in
 * the panel, CodeLens above the hot functions of the source, and a flame graph from the engine.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession, type Session } from './harness/session';
import { codeLensLine } from './harness/codeLensLine';
import {
  activeWebview,
  answerOpenDialog,
  codeLensTexts,
  openFile,
  runPaletteCommand,
  screenshot,
  waitForNotification,
  waitUntil,
} from './harness/workbench';

describe('Open a profile in PerfLens (real VS Code)', { timeout: 300_000 }, () => {
  let s: Session;
  let profile: string;

  before(async () => {
    s = await openSession('open-source', 'basic');
    // A real profile of the workspace's own program, so its paths are this workspace's.
    execFileSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir=profiles', '--cpu-prof-name=live.cpuprofile', 'src/work.js'],
      { cwd: s.workspace },
    );
    profile = join(s.workspace, 'profiles', 'live.cpuprofile');
  });
  after(async () => {
    await s?.close();
  });

  it('shows the top functions by self time, with their basis (palette: Open Profile, Log or Run Folder…)', async () => {
    await s.step('open-profile', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, profile);
      const frame = activeWebview(page);
      const heading = 'Your code: top functions by self time';
      await frame.locator('h2', { hasText: heading }).waitFor({ timeout: 60_000 });
      const table = frame.locator('section.table-section', { hasText: heading });
      // All the work is in putEntry → encodeEntry → hashLoop, so one of them leads; which one
      // depends on what V8 inlines (seen: hashLoop first, or putEntry with 52.6 % after inlining
      // both callees). Rows are sorted by self time, largest first.
      const rows = await table.locator('tbody tr').allInnerTexts();
      assert.match(rows[0] ?? '', /^(putEntry|encodeEntry|hashLoop)\t/);
      const selfMs = rows.map((r) => {
        const cell = r.split('\t')[2] ?? '';
        return Number(cell.replace(/[^\d.]/g, '')) * (/\d s$/.test(cell) ? 1000 : 1);
      });
      assert.deepEqual(
        selfMs,
        [...selfMs].sort((a, b) => b - a),
      );
      assert.match(
        await table.locator('.basis').innerText(),
        /^\d[\d,]* samples, \d+\.\d ms profiled, 1 profile/,
      );
      await screenshot(page, 'open-source-panel');
    });
  });

  it('puts the measured cost as CodeLens above putEntry in the source', async () => {
    await s.step('codelens', async () => {
      const page = s.workbench.page;
      await openFile(page, 'src/work.js');
      let lenses: string[] = [];
      // `putEntry · CPU <total> (<share> %) · self <self>`: CPU only (this program has no
      // counters).
      const putEntryLens = /^putEntry · CPU [\d.]+ m?s \([\d.]+ %\) · self [\d.]+ m?s$/;
      await waitUntil(
        async () => (lenses = await codeLensTexts(page)).some((t) => putEntryLens.test(t)),
        60_000,
        'PerfLens CodeLens appear',
      );
      const putEntry = lenses.find((t) => putEntryLens.test(t));
      assert.ok(putEntry, `a lens with CPU total, share and self time: ${lenses.join(' | ')}`);
      // The lens sits above the line of `function putEntry` (line 13 of src/work.js), found in the
      // file's text here.
      const declared =
        readFileSync(join(s.workspace, 'src', 'work.js'), 'utf8')
          .split('\n')
          .findIndex((l) => /^\s*function putEntry\(/.test(l)) + 1;
      assert.equal(declared, 13);
      assert.equal(await codeLensLine(page, 'putEntry · '), declared);
      await screenshot(page, 'open-source-codelens');
    });
  });

  it('draws the flame graph from the engine when the panel button is pressed', async () => {
    await s.step('flame-button', async () => {
      const page = s.workbench.page;
      await runPaletteCommand(page, 'PerfLens: Show Panel');
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, profile);
      const panel = activeWebview(page);
      await panel.locator('button[data-action="openFlame"]').click();
      const flame = activeWebview(page);
      const title = () =>
        flame
          .locator('html')
          .evaluate(
            () => (globalThis as unknown as { document: { title: string } }).document.title,
          );
      await waitUntil(
        async () => (await title().catch(() => '')).endsWith(' - speedscope'),
        60_000,
        'speedscope has drawn the engine profile',
      );
      await flame.getByText('Sandwich').first().click();
      for (const fn of ['putEntry', 'encodeEntry', 'hashLoop'])
        await flame.getByText(fn, { exact: true }).first().waitFor();
      await screenshot(page, 'open-source-flame');
    });
  });

  it('reports a truncated profile with its file and byte offset, and the server keeps answering', async () => {
    await s.step('bad-input', async () => {
      const page = s.workbench.page;
      const bytes = readFileSync(profile);
      const cut = join(s.workspace, 'profiles', 'cut.cpuprofile');
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
      await runPaletteCommand(page, 'PerfLens: Open Profile, Log or Run Folder…');
      await answerOpenDialog(page, cut);
      const panel = activeWebview(page);
      const problems = panel.locator('ul.diagnostics li').first();
      await problems.waitFor({ timeout: 60_000 });
      const text = await problems.innerText();
      assert.match(text, /cut\.cpuprofile/);
      assert.match(text, /byte \d+|:\d+:\d+/, `the place is named: ${text}`);
      assert.match(text, /expected/);
      await screenshot(page, 'open-source-bad-input');
      // The language server survived and still answers.
      await runPaletteCommand(page, 'PerfLens: Language Server Status');
      await waitForNotification(page, /PerfLens language server .* source\(s\) loaded/);
    });
  });
});
