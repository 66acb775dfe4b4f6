/**
 * `perflens report --html`: the self-contained page in headless Chromium (no VS Code needed).
 * Hostile function, file and counter names appear literally and nothing in them runs; the page
 * loads nothing from anywhere, breaks no CSP rule, and its tabs work. Screenshots, dark and light.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './harness/workbench';
import { repoRoot } from './harness/paths';
import { HOSTILE, writeHostileInputs } from './harness/hostileInputs';

const cli = join(repoRoot, 'dist', 'cli.js');
const RUN = join(repoRoot, 'test', 'fixtures', 'soak-runs', 'node-20', 'two-wallets', 'run-1');

function report(input: string, out: string): string {
  execFileSync(process.execPath, [cli, 'report', input, '--html', out], { stdio: 'ignore' });
  return out;
}

describe('The HTML report (perflens report --html) in Chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let dir: string;
  const problems: string[] = [];
  const requests: string[] = [];

  async function openPage(file: string, colorScheme: 'dark' | 'light' = 'dark'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 }, colorScheme });
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy|Refused/.test(m.text()))
        problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.locator('.tabs').waitFor({ timeout: 30_000 });
    return page;
  }

  before(async () => {
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'perflens-html-'));
  });
  after(async () => {
    await browser?.close();
  });

  it('hostile names show literally and nothing runs (profile and counter log)', async () => {
    const { profile, log } = writeHostileInputs(dir);
    for (const [input, tab, selector] of [
      [profile, 'functions', '.vlist .vrow .name'],
      [log, 'counters', 'table.counter-table tbody td.name'],
    ] as const) {
      const file = report(input, join(dir, `${tab}.html`));
      const html = readFileSync(file, 'utf8');
      // The raw payload never appears in the file: only escaped inside the JSON block.
      assert.ok(!html.includes(HOSTILE.scriptBreak));
      const page = await openPage(file);
      await page.locator(`#tab-${tab}`).click();
      const texts = (await page.locator(selector).allInnerTexts()).map((t) => t.replace(/^└ /, ''));
      assert.ok(texts.includes(HOSTILE.scriptBreak), texts.join(' | '));
      assert.equal(await page.locator('img, svg[onload]').count(), 0);
      assert.notEqual(await page.title(), 'PWNED');
      await screenshot(page, `html-report-hostile-${tab}`);
      await page.close();
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
  });

  it('an evented profile: the panel shows no Samples column, the costs are the event times', async () => {
    // Hand computation in test/unit/cli/eventedReport.test.ts: self main 12, work 5, leaf 3 ms.
    const input = join(
      repoRoot,
      'test/fixtures/speedscope/hand-made/evented-calls/calls.speedscope.json',
    );
    const page = await openPage(report(input, join(dir, 'evented.html')));
    await page.locator('#tab-functions').click();
    await page.locator('.vlist .vrow .name').first().waitFor();
    const headers = await page
      .locator('.grid-head [role="columnheader"], .grid-head > div')
      .allInnerTexts();
    assert.ok(
      headers.some((h) => /Self/.test(h)),
      headers.join(' | '),
    );
    assert.ok(!headers.some((h) => /Samples/.test(h)), headers.join(' | '));
    const main = page.locator('.vlist .vrow').filter({ hasText: 'main' }).first();
    const cells = (await main.locator('[role="gridcell"]').allInnerTexts()).map((t) => t.trim());
    // Function, File:line, Self, Self %, Total, Total %, the inline-costs button: no count.
    assert.deepEqual(cells.slice(2, 6), ['12.0 ms', '60.0 %', '20.0 ms', '100.0 %']);
    assert.equal(cells.length, 7, cells.join(' | '));
    assert.match(
      await page.locator('.functions .basis').innerText(),
      /Evented profile, no samples/,
    );
    await page.locator('#tab-summary').click();
    const summary = await page
      .locator('section.table-section')
      .filter({ hasText: 'Your code' })
      .innerText();
    assert.doesNotMatch(summary, /Samples/);
    assert.match(summary, /Evented profile, no samples/);
    await screenshot(page, 'html-report-evented-functions');
    await page.close();
    assert.deepEqual(problems, []);
  });

  it('a saved run: every tab draws, dark and light, from one file with nothing loaded', async () => {
    const file = report(RUN, join(dir, 'run-1.html'));
    for (const scheme of ['dark', 'light'] as const) {
      const page = await openPage(file, scheme);
      // Top counter: (1594.547 + 1592.032) / 2089 = 152.5 % summed over 2 processes
      assert.match(await page.locator('section.top-counters').innerText(), /152\.5 %/);
      await screenshot(page, `html-report-summary-${scheme}`);
      for (const tab of ['counters', 'time', 'scaling']) {
        await page.locator(`#tab-${tab}`).click();
        await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
        await screenshot(page, `html-report-${tab}-${scheme}`);
      }
      assert.equal(await page.locator('.uplot').count(), 1, 'the scatter is drawn');
      await page.close();
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
  });
});
